package dev.plangate.core.gate;

/** What the gate concluded about one finding. */
public enum Verdict {
  /** A protect rule forbids it; no approval helps. */
  BLOCKED("blocked"),
  /** Needs a human approval that is not there yet. */
  APPROVAL_REQUIRED("approval_required"),
  /** Needed an approval and has one. */
  APPROVED("approved"),
  /** A waiver in the policy exempts it until its expiry. */
  WAIVED("waived"),
  /** Needs nothing: the policy does not ask for approval for it (human-only, or an action the
   * policy does not gate). */
  ALLOWED("allowed");

  private final String id;

  Verdict(String id) {
    this.id = id;
  }

  public String id() {
    return id;
  }
}
