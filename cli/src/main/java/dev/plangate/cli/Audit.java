package dev.plangate.cli;

import dev.plangate.core.agent.ApplyGuard;
import dev.plangate.core.audit.AuditEntry;
import dev.plangate.core.audit.AuditLog;
import dev.plangate.core.impact.Finding;
import dev.plangate.core.report.Report;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Appends a decision to the audit log named by {@code --audit-log}, when there is one. A log
 * that cannot be written is an error for the caller to fail on: a decision nobody can account
 * for later is not one plangate lets pass.
 */
final class Audit {
  private Audit() {}

  /** The fingerprint and findings of the reports behind a decision. */
  static AuditEntry withReports(AuditEntry entry, List<Report> reports) {
    if (reports.isEmpty()) {
      return entry;
    }
    List<Finding> findings = new ArrayList<>();
    reports.forEach(r -> findings.addAll(r.findings()));
    return entry.withPlan(reports.get(0).fingerprint(), AuditEntry.Findings.of(findings));
  }

  /** What the agent hook and the shim record of a guard's outcome on {@code line}. */
  static AuditEntry outcome(String source, String line, String agent, ApplyGuard.Outcome o) {
    return withReports(AuditEntry.now(source, line, o.kind().id()).withAgent(agent)
        .withReason(o.kind() == ApplyGuard.Outcome.Kind.ALLOW ? null : o.forAgent()),
        o.reports());
  }

  /**
   * The log to append to: {@code --audit-log} when given, else the policy's {@code auditLog}
   * resolved against the repository root; null for none.
   */
  static Path file(Path option, dev.plangate.core.policy.Policy policy, Path root) {
    if (option != null) {
      return option;
    }
    return policy.auditLog() == null ? null : root.resolve(policy.auditLog());
  }

  /** Appends when {@code file} is set; the message of the exception names the file. */
  static void append(Path file, AuditEntry entry) throws IOException {
    if (file == null) {
      return;
    }
    try {
      AuditLog.at(file).append(entry);
    } catch (IOException e) {
      throw new IOException("cannot append to the audit log " + file + ": " + e.getMessage(), e);
    }
  }

  /** Appends; false (after saying why) when the log cannot be written: nothing runs then. */
  static boolean record(Path file, AuditEntry entry, PrintWriter err) {
    try {
      append(file, entry);
      return true;
    } catch (IOException e) {
      Cli.error(err, e.getMessage());
      return false;
    }
  }
}
