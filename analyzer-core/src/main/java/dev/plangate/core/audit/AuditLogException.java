package dev.plangate.core.audit;

import java.io.IOException;

/** The audit log cannot be appended to: its last line is damaged or not an audit line. */
public final class AuditLogException extends IOException {
  private static final long serialVersionUID = 1L;

  public AuditLogException(String message) {
    super(message);
  }
}
