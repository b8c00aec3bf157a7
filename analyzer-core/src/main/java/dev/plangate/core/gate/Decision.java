package dev.plangate.core.gate;

import java.util.Locale;

/** The gate's answer, with its exit code. */
public enum Decision {
  PASS(0),
  APPROVAL_REQUIRED(1),
  BLOCKED(1),
  ERROR(2);

  private final int exitCode;

  Decision(int exitCode) {
    this.exitCode = exitCode;
  }

  /** The identifier used in reports: {@code pass}, {@code approval_required}, ... */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** 0 pass, 1 approval required or blocked, 2 input or usage error. */
  public int exitCode() {
    return exitCode;
  }
}
