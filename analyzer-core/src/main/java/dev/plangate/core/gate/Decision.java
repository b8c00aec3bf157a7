package dev.plangate.core.gate;

/** The gate's answer, with its exit code. */
public enum Decision {
  PASS("pass", 0),
  APPROVAL_REQUIRED("approval_required", 1),
  BLOCKED("blocked", 1),
  ERROR("error", 2);

  private final String id;
  private final int exitCode;

  Decision(String id, int exitCode) {
    this.id = id;
    this.exitCode = exitCode;
  }

  /** The identifier used in reports: {@code pass}, {@code approval_required}, ... */
  public String id() {
    return id;
  }

  /** 0 pass, 1 approval required or blocked, 2 input or usage error. */
  public int exitCode() {
    return exitCode;
  }
}
