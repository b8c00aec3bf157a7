package dev.plangate.core.model;

import java.util.Locale;

/** Order of the two halves of a replacement. */
public enum ReplaceOrder {
  /** Terraform's default: the old object is gone before the new one exists. */
  DELETE_BEFORE_CREATE,
  /** {@code create_before_destroy}: the new object exists before the old one is destroyed. */
  CREATE_BEFORE_DELETE,
  /** OpenTofu's {@code ["forget","create"]}: the old object is left running, unmanaged. */
  FORGET_BEFORE_CREATE,
  /** Terraform's {@code ["create","forget"]}. */
  CREATE_BEFORE_FORGET;

  /** The identifier used in reports. */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }
}
