package dev.plangate.core.audit;

import dev.plangate.core.impact.Finding;
import dev.plangate.core.impact.FindingAction;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * One decision of {@code plangate check}, an agent hook or the apply wrapper, as written to the
 * audit log. The log adds {@code seq} and {@code prev}; see {@link AuditLog}.
 *
 * <p>Strings are capped ({@link #MAX_TEXT} characters, {@link #MAX_ADDRESS} for an address) so a
 * line stays far below {@link AuditLog#MAX_LINE_BYTES}; a cut string ends in {@value #CUT}.
 * Capping is idempotent, so an entry read back from the log equals the entry written.
 *
 * @param time when the decision was made (written as ISO-8601 UTC, e.g.
 *     {@code 2025-06-01T12:00:00.123Z})
 * @param source who decided: one of {@link #SOURCES}
 * @param command the command line that was checked or run (argv joined by {@link #argv}), or
 *     the tool call an agent asked for
 * @param agent the agent involved ("Claude Code", ...), or null when none or unknown
 * @param fingerprint the plan's destroy-set fingerprint, or null when no plan was read
 * @param findings a summary of what the plan destroys, or null when no plan was read
 * @param decision the outcome: one of {@link #DECISIONS}
 * @param approvedBy who approved ({@code tty:alice}), or null when nobody did
 * @param reason a short reason in plain words, or null
 */
public record AuditEntry(
    Instant time,
    String source,
    String command,
    String agent,
    String fingerprint,
    Findings findings,
    String decision,
    String approvedBy,
    String reason) {

  /** {@code plangate check}. */
  public static final String SOURCE_CHECK = "check";
  /** An agent hook (pre-tool-use and the like). */
  public static final String SOURCE_AGENT_HOOK = "agent-hook";
  /** The apply wrapper. */
  public static final String SOURCE_APPLY = "apply";
  /** Every valid {@link #source}. */
  public static final Set<String> SOURCES = Set.of(SOURCE_CHECK, SOURCE_AGENT_HOOK, SOURCE_APPLY);

  /**
   * Every valid {@link #decision}: an agent hook's {@code allow}, {@code ask}, {@code deny}; the
   * gate's {@code pass}, {@code approval_required}, {@code blocked}, {@code error}; a human's
   * {@code approved} or {@code refused} at the apply wrapper's prompt.
   */
  public static final Set<String> DECISIONS = Set.of("allow", "ask", "deny", "pass",
      "approval_required", "blocked", "error", "approved", "refused");

  /** Longest text field, in characters. */
  public static final int MAX_TEXT = 4096;
  /** Longest address in {@link Findings#addresses}, in characters. */
  public static final int MAX_ADDRESS = 1024;
  /** Ends a string that was cut to its cap. */
  public static final String CUT = "...[cut]";

  public AuditEntry {
    Objects.requireNonNull(time, "time");
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(command, "command");
    Objects.requireNonNull(decision, "decision");
    if (!SOURCES.contains(source)) {
      throw new IllegalArgumentException("unknown audit source '" + cap(source, 40)
          + "'; expected one of " + sorted(SOURCES));
    }
    if (!DECISIONS.contains(decision)) {
      throw new IllegalArgumentException("unknown audit decision '" + cap(decision, 40)
          + "'; expected one of " + sorted(DECISIONS));
    }
    command = cap(command, MAX_TEXT);
    agent = cap(agent, MAX_TEXT);
    fingerprint = cap(fingerprint, MAX_TEXT);
    approvedBy = cap(approvedBy, MAX_TEXT);
    reason = cap(reason, MAX_TEXT);
  }

  /** An entry made now (to the millisecond) with no agent, plan, approver or reason yet. */
  public static AuditEntry now(String source, String command, String decision) {
    return new AuditEntry(Instant.now().truncatedTo(ChronoUnit.MILLIS), source, command, null,
        null, null, decision, null, null);
  }

  public AuditEntry withAgent(String newAgent) {
    return new AuditEntry(time, source, command, newAgent, fingerprint, findings, decision,
        approvedBy, reason);
  }

  public AuditEntry withPlan(String newFingerprint, Findings newFindings) {
    return new AuditEntry(time, source, command, agent, newFingerprint, newFindings, decision,
        approvedBy, reason);
  }

  public AuditEntry withApprovedBy(String newApprovedBy) {
    return new AuditEntry(time, source, command, agent, fingerprint, findings, decision,
        newApprovedBy, reason);
  }

  public AuditEntry withDecision(String newDecision) {
    return new AuditEntry(time, source, command, agent, fingerprint, findings, newDecision,
        approvedBy, reason);
  }

  public AuditEntry withReason(String newReason) {
    return new AuditEntry(time, source, command, agent, fingerprint, findings, decision,
        approvedBy, newReason);
  }

  /**
   * An argv as one string a POSIX shell would split back into the same words: words made only
   * of safe characters as they are, others in single quotes. Control characters stay raw here;
   * the log escapes them.
   */
  public static String argv(List<String> words) {
    return words.stream()
        .map(w -> !w.isEmpty() && w.chars().allMatch(AuditEntry::shellSafe) ? w
            : "'" + w.replace("'", "'\\''") + "'")
        .collect(Collectors.joining(" "));
  }

  private static boolean shellSafe(int c) {
    return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
        || "-_./=:,+@%".indexOf(c) >= 0;
  }

  /**
   * What the plan destroys, in brief: counts by action, how many are critical, and the first
   * {@link #MAX_ADDRESSES} addresses.
   *
   * @param destroy deletes
   * @param replace replacements (the old object is destroyed)
   * @param forget objects removed from state but left running
   * @param critical findings of a critical resource type
   * @param addresses up to {@link #MAX_ADDRESSES} affected addresses, in the plan's order
   * @param moreAddresses how many further addresses were left out
   */
  public record Findings(int destroy, int replace, int forget, int critical,
      List<String> addresses, int moreAddresses) {
    /** Most addresses kept in an entry. */
    public static final int MAX_ADDRESSES = 20;

    public Findings {
      if (destroy < 0 || replace < 0 || forget < 0 || critical < 0 || moreAddresses < 0) {
        throw new IllegalArgumentException("negative count in audit findings");
      }
      List<String> kept = new ArrayList<>();
      for (String a : addresses) {
        if (kept.size() == MAX_ADDRESSES) {
          moreAddresses++;
        } else {
          kept.add(cap(Objects.requireNonNull(a, "address"), MAX_ADDRESS));
        }
      }
      addresses = List.copyOf(kept);
    }

    /** The summary of a check's findings. */
    public static Findings of(List<Finding> findings) {
      int destroy = 0;
      int replace = 0;
      int forget = 0;
      int critical = 0;
      List<String> addresses = new ArrayList<>();
      for (Finding f : findings) {
        if (f.action() == FindingAction.DELETE) {
          destroy++;
        } else if (f.action() == FindingAction.REPLACE) {
          replace++;
        } else {
          forget++;
        }
        if (f.critical()) {
          critical++;
        }
        addresses.add(f.deposed() == null ? f.address()
            : f.address() + " (deposed " + f.deposed() + ")");
      }
      return new Findings(destroy, replace, forget, critical, addresses, 0);
    }
  }

  static String cap(String s, int max) {
    if (s == null || s.length() <= max) {
      return s;
    }
    int end = max - CUT.length();
    if (Character.isHighSurrogate(s.charAt(end - 1))) {
      end--;
    }
    return s.substring(0, end) + CUT;
  }

  private static List<String> sorted(Set<String> values) {
    return values.stream().sorted().toList();
  }
}
