package dev.plangate.core.model;

/** Order of the two halves of a replacement. */
public enum ReplaceOrder {
  /** Terraform's default: the old object is gone before the new one exists. */
  DELETE_BEFORE_CREATE("delete_before_create"),
  /** {@code create_before_destroy}: the new object exists before the old one is destroyed. */
  CREATE_BEFORE_DELETE("create_before_delete"),
  /** OpenTofu's {@code ["forget","create"]}: the old object is left running, unmanaged. */
  FORGET_BEFORE_CREATE("forget_before_create"),
  /** Terraform's {@code ["create","forget"]}. */
  CREATE_BEFORE_FORGET("create_before_forget");

  private final String id;

  ReplaceOrder(String id) {
    this.id = id;
  }

  /** The identifier used in reports. */
  public String id() {
    return id;
  }
}
