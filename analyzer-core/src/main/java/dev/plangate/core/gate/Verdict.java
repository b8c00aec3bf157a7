package dev.plangate.core.gate;

import java.util.Locale;

/** What the gate concluded about one finding. */
public enum Verdict {
  /** A protect rule forbids it; no approval helps. */
  BLOCKED,
  /** Needs a human approval that is not there yet. */
  APPROVAL_REQUIRED,
  /** Needed an approval and has one. */
  APPROVED,
  /** A waiver in the policy exempts it until its expiry. */
  WAIVED,
  /** Needs nothing: the policy does not ask for approval for it (human-only, or an action the
   * policy does not gate). */
  ALLOWED;

  /** The name in lower case, as the policy and the reports write it. */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }
}
