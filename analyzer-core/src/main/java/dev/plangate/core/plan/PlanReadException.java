package dev.plangate.core.plan;

/**
 * A plan file that cannot be read: missing, truncated, not JSON, not a plan, or of a version
 * plangate does not understand. The message is one line naming the file and the reason.
 */
public final class PlanReadException extends Exception {
  private final String file;
  private final String reason;

  public PlanReadException(String file, String reason) {
    super(file + ": " + reason);
    this.file = file;
    this.reason = reason;
  }

  public PlanReadException(String file, String reason, Throwable cause) {
    super(file + ": " + reason, cause);
    this.file = file;
    this.reason = reason;
  }

  public String file() {
    return file;
  }

  public String reason() {
    return reason;
  }
}
