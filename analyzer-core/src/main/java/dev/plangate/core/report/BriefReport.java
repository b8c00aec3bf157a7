package dev.plangate.core.report;

import static dev.plangate.core.report.Escape.terminal;

import dev.plangate.core.authorship.Attribution;
import dev.plangate.core.authorship.CommitAuthorship;
import dev.plangate.core.gate.Decision;
import dev.plangate.core.gate.Reason;
import dev.plangate.core.gate.Verdict;
import dev.plangate.core.impact.Finding;
import dev.plangate.core.impact.Phrases;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The report in a few lines, for places that show one line per thing: a build log, a build
 * failure message. Same order as every other rendering: the decision, the worst findings, then
 * what to do. Every string from input is escaped for a terminal.
 *
 * @param headline the decision in one sentence ("approval required — an AI-authored change …")
 * @param findings the worst findings, one line each, worst first
 * @param more how many findings are not among {@code findings}
 * @param cause who caused it (or why that is unknown), what protects it; for an error, the errors
 * @param approval how a person approves where the report was made (the label on a pull
 *     request, what works elsewhere), when the decision asks for that
 * @param moved the suggested {@code moved} block as lines, introduced by one line; empty when
 *     there is none
 */
public record BriefReport(String headline, List<Line> findings, int more, List<String> cause,
    List<String> approval, List<String> moved) {

  /**
   * One finding.
   *
   * @param text "destroy module.env.terraform_data.database (database; block removed …)"
   * @param critical the finding destroys or replaces something the catalogue or policy calls
   *     critical, or the policy protects it
   */
  public record Line(String text, boolean critical) {}

  public BriefReport {
    findings = List.copyOf(findings);
    cause = List.copyOf(cause);
    approval = List.copyOf(approval);
    moved = List.copyOf(moved);
  }

  /** Everything after the findings, in reading order: cause, approval, moved block. */
  public List<String> next() {
    List<String> all = new ArrayList<>(cause);
    all.addAll(approval);
    all.addAll(moved);
    return all;
  }

  /** The brief form of {@code r}, with at most {@code max} finding lines. */
  public static BriefReport of(Report r, int max) {
    List<Finding> sorted = r.findingsBySeverity();
    List<Line> lines = new ArrayList<>();
    for (Finding f : sorted.subList(0, Math.min(max, sorted.size()))) {
      Verdict v = r.verdict(f);
      lines.add(new Line(line(f, v, v == Verdict.WAIVED ? r.waiverOf(f) : null),
          f.critical() || v == Verdict.BLOCKED));
    }
    List<String> cause = new ArrayList<>();
    List<String> approval = new ArrayList<>();
    List<String> moved = new ArrayList<>();
    next(r, sorted, cause, approval, moved);
    return new BriefReport("plangate: " + Wording.headline(r), lines,
        sorted.size() - lines.size(), cause, approval, moved);
  }

  /** "destroy KEY (category; why; N depend on it; caused by SHA (WHO))". */
  static String line(Finding f, Verdict v, String waiver) {
    List<String> about = new ArrayList<>();
    if (f.critical() && f.category() != null) {
      about.add(terminal(f.category()));
    }
    about.add(terminal(Wording.shortReason(f)));
    int total = f.downstream().total();
    if (!f.downstream().known()) {
      about.add(total == 0 ? "dependencies unknown" : "at least " + total + " depend on it");
    } else if (total > 0) {
      about.add(total + (total == 1 ? " depends" : " depend") + " on it");
    }
    if (Boolean.FALSE.equals(f.recoverable())) {
      about.add("data cannot be recovered");
    }
    if (!f.attribution().isEmpty()) {
      Attribution a = f.attribution().get(0);
      about.add("caused by " + terminal(a.shortSha() + " (" + a.by() + ")"));
    }
    if (v == Verdict.BLOCKED || v == Verdict.WAIVED) {
      about.add(v == Verdict.BLOCKED ? "protected"
          : "waived" + (waiver == null ? "" : " " + terminal(waiver)));
    }
    return Wording.verb(f) + " " + terminal(f.key()) + " (" + String.join("; ", about) + ")";
  }

  private static void next(Report r, List<Finding> sorted, List<String> cause,
      List<String> approval, List<String> moved) {
    if (r.decision() == Decision.ERROR) {
      r.errors().forEach(e -> cause.add(terminal(e)));
      return;
    }
    if (sorted.stream().noneMatch(f -> f.action().destroys())) {
      Wording.policyLines(r).forEach(l -> cause.add(l.label() + terminal(l.text())));
      return;
    }
    List<CommitAuthorship> ai = r.authorship().aiCommits();
    if (!ai.isEmpty()) {
      CommitAuthorship c = ai.get(0);
      cause.add("Caused by " + terminal(c.shortSha() + " \"" + c.subject() + "\" (" + c.agent()
          + ")") + (ai.size() > 1 ? " and " + Phrases.plural(ai.size() - 1,
          "more AI-authored commit", "more AI-authored commits") : "") + ".");
    } else if (r.authorship().aiInvolved() == null) {
      cause.add("Authorship unknown: " + terminal(String.join(" ", r.authorship().notes())));
    }
    r.reasons(Reason.Kind.PROTECTED).forEach(p -> cause.add("Protected: " + terminal(p)));
    Wording.policyLines(r).forEach(l -> cause.add(l.label() + terminal(l.text())));
    Set<String> suggestions = Wording.suggestions(sorted);
    switch (r.decision()) {
      case BLOCKED -> approval.add("Protected resources cannot be approved: take the destroy out"
          + " of the change (or change the policy in a reviewed commit).");
      case APPROVAL_REQUIRED -> {
        String elsewhere = Wording.approveElsewhere(r, Escape::terminal, x -> x);
        approval.add(elsewhere != null
            ? (suggestions.isEmpty() ? "To approve: " : "Add the suggested moved block, or to"
                + " approve: ") + elsewhere
            : (suggestions.isEmpty() ? "To proceed, " : "Add the suggested moved block, or ")
                + "have " + r.approvalRoute().labeller("a maintainer")
                + " approve with the label " + terminal(r.approvalLabel())
                + " (fingerprint " + r.fingerprint() + ").");
      }
      default -> {
        if (Boolean.FALSE.equals(r.authorship().aiInvolved())) {
          approval.add("Review the destroys before applying.");
        }
      }
    }
    if (!suggestions.isEmpty() && r.decision() != Decision.PASS) {
      moved.add("Likely a rename; with the moved block"
          + (suggestions.size() == 1 ? "" : "s") + ", "
          + Phrases.plural(Wording.coveredBySuggestions(sorted), "destroy becomes",
              "destroys become") + " a move:");
      suggestions.iterator().next().lines().forEach(l -> moved.add("  " + terminal(l)));
      if (suggestions.size() > 1) {
        moved.add("  ... " + (suggestions.size() - 1) + " more in the report");
      }
    }
  }
}
