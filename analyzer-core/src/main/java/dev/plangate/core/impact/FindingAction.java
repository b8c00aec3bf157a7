package dev.plangate.core.impact;

import java.util.Locale;

/** What a finding reports. */
public enum FindingAction {
  DELETE,
  REPLACE,
  FORGET;

  /** The name in lower case, as the policy and the reports write it. */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** True for delete and replace: the existing object is destroyed. */
  public boolean destroys() {
    return this != FORGET;
  }
}
