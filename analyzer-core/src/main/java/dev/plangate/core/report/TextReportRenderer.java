package dev.plangate.core.report;

import static dev.plangate.core.report.Escape.terminal;

import dev.plangate.core.authorship.CommitAuthorship;
import dev.plangate.core.authorship.Signal;
import dev.plangate.core.gate.Decision;
import dev.plangate.core.gate.Reason;
import dev.plangate.core.gate.Verdict;
import dev.plangate.core.impact.Finding;
import dev.plangate.core.impact.FindingAction;
import dev.plangate.core.impact.Phrases;
import java.io.IOException;
import java.io.Writer;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The terminal report: decision first, the worst findings next, what to do after that. Every
 * string from input is escaped; colour only when asked for.
 */
public final class TextReportRenderer extends NamedRenderer {
  private static final int SHOWN = 10;
  private static final String RED = "\u001b[31m";
  private static final String YELLOW = "\u001b[33m";
  private static final String GREEN = "\u001b[32m";
  private static final String BOLD = "\u001b[1m";
  private static final String RESET = "\u001b[0m";

  private final boolean color;

  public TextReportRenderer(boolean color) {
    super("text", "text/plain; charset=utf-8", "txt");
    this.color = color;
  }

  /** Colour as {@code options} says, whatever this instance was made with. */
  @Override
  public void render(Report report, Writer out, RenderOptions options) throws IOException {
    out.write(new TextReportRenderer(options.color()).render(report));
  }

  public String render(Report r) {
    StringBuilder sb = new StringBuilder();
    String mark = r.decision() == Decision.PASS ? paint(GREEN, "✔") : paint(RED, "✖");
    sb.append(mark).append(' ').append(paint(BOLD, "plangate: " + Wording.headline(r)))
        .append('\n');
    if (r.decision() == Decision.ERROR) {
      for (String e : r.errors()) {
        sb.append("  ").append(terminal(e)).append('\n');
      }
      return sb.toString();
    }
    List<Finding> sorted = r.findingsBySeverity();
    if (!sorted.isEmpty()) {
      sb.append('\n');
      List<Finding> shown = sorted.subList(0, Math.min(SHOWN, sorted.size()));
      int width = Math.min(72, shown.stream().mapToInt(f -> terminal(f.key()).length()).max()
          .orElse(0));
      // A cause shared by several findings is said once, after them; a finding only names its
      // cause when it is another one.
      java.util.Map<String, Long> causes = shown.stream().filter(f -> !f.attribution().isEmpty())
          .collect(java.util.stream.Collectors.groupingBy(f -> Wording.cause(f.attribution()
              .get(0)), java.util.LinkedHashMap::new, java.util.stream.Collectors.counting()));
      String common = causes.entrySet().stream().filter(e -> e.getValue() > 1)
          .max(java.util.Map.Entry.comparingByValue()).map(java.util.Map.Entry::getKey)
          .orElse(null);
      for (Finding f : shown) {
        finding(sb, r, f, width, common);
      }
      if (common != null) {
        sb.append("  ").append(causes.size() == 1 ? "Caused by " : "The others caused by ")
            .append(terminal(common)).append(" (").append(causes.get(common))
            .append(" findings)\n");
      }
      if (sorted.size() > SHOWN) {
        sb.append("  ...      ").append(sorted.size() - SHOWN)
            .append(" more (--format markdown or json lists every finding)\n");
      }
    }
    Set<String> suggestions = Wording.suggestions(sorted);
    if (!suggestions.isEmpty()) {
      long covered = Wording.coveredBySuggestions(sorted);
      sb.append("\n  Likely a rename. Add ")
          .append(suggestions.size() == 1 ? "this block" : "these blocks")
          .append(" and plan again; ").append(Phrases.plural(covered, "destroy becomes", "destroys become"))
          .append(" a move:\n");
      int shown = 0;
      for (String s : suggestions) {
        if (shown++ == 5) {
          sb.append("\n      ... ").append(suggestions.size() - 5)
              .append(" more in the JSON or Markdown report\n");
          break;
        }
        sb.append('\n');
        for (String line : s.split("\n")) {
          sb.append("      ").append(terminal(line)).append('\n');
        }
      }
    }
    for (PlanSummary p : r.plans()) {
      for (String w : p.warnings()) {
        sb.append('\n').append(paint(YELLOW, "  ⚠ ")).append(terminal(p.path())).append(": ")
            .append(terminal(w)).append('\n');
      }
    }
    List<Wording.PolicyLine> policy = Wording.policyLines(r);
    if (!policy.isEmpty()) {
      sb.append('\n');
      for (Wording.PolicyLine line : policy) {
        sb.append(line.warning() ? paint(YELLOW, "  ⚠ ") : "  ").append(line.label())
            .append(terminal(line.text())).append('\n');
      }
    }
    footer(sb, r, !suggestions.isEmpty());
    return sb.toString();
  }

  /** Who, why, and what a human does next. */
  private void footer(StringBuilder sb, Report r, boolean hasSuggestion) {
    if (r.findings().stream().noneMatch(f -> f.action().destroys())) {
      sb.append("\n  Fingerprint ").append(r.fingerprint()).append('\n');
      return;
    }
    sb.append('\n');
    List<CommitAuthorship> ai = r.authorship().aiCommits();
    for (int i = 0; i < Math.min(3, ai.size()); i++) {
      sb.append(i == 0 ? "  Why AI:  " : "           ").append(terminal(Wording.whyAi(ai.get(i))))
          .append('\n');
    }
    if (ai.size() > 3) {
      sb.append("           ... ").append(ai.size() - 3).append(" more AI-authored commits\n");
    }
    for (Signal s : r.authorship().signals()) {
      if (s.confidence().decides()) {
        sb.append(ai.isEmpty() ? "  Why AI:  " : "           ").append(terminal(s.agent()))
            .append(" (").append(terminal(s.kind())).append(' ').append(terminal(s.evidence()))
            .append(")\n");
      }
    }
    if (r.authorship().aiInvolved() == null) {
      sb.append("  Authorship unknown: ")
          .append(terminal(String.join(" ", r.authorship().notes()))).append('\n');
    }
    for (String reason : r.reasons(Reason.Kind.PROTECTED)) {
      sb.append("  ").append(paint(RED, "Protected: ")).append(terminal(reason)).append('\n');
    }
    for (String reason : r.reasons(Reason.Kind.NOTE)) {
      sb.append("  ").append(terminal(reason)).append('\n');
    }
    switch (r.decision()) {
      case BLOCKED -> sb.append("  Protected resources cannot be approved: take the destroy out of"
          + " the change (or change the policy in a reviewed commit).\n");
      case APPROVAL_REQUIRED -> {
        String elsewhere = Wording.approveElsewhere(r, Escape::terminal, x -> x);
        if (elsewhere == null) {
          sb.append("  To approve anyway: ").append(r.approvalRoute().labeller("a maintainer"))
              .append(" adds the label ")
              .append(terminal(r.approvalLabel())).append(" (fingerprint ")
              .append(r.fingerprint()).append(")")
              .append(hasSuggestion ? ", or add the moved block above" : "").append(".\n");
        } else {
          sb.append("  To approve anyway: ").append(elsewhere)
              .append(hasSuggestion ? " Or add the moved block above." : "").append('\n');
        }
      }
      default -> sb.append("  Fingerprint ").append(r.fingerprint()).append('\n');
    }
  }

  private void finding(StringBuilder sb, Report r, Finding f, int width, String common) {
    String verb = Wording.verb(f).toUpperCase(Locale.ROOT);
    String colour = f.action() == FindingAction.DELETE ? RED : YELLOW;
    String key = terminal(f.key());
    sb.append("  ").append(paint(colour, String.format("%-8s", verb))).append(' ')
        .append(key);
    sb.append(" ".repeat(Math.max(1, width - key.length() + 2)));
    sb.append(terminal(Wording.shortReason(f)));
    if (f.critical()) {
      sb.append(paint(RED, "  critical: " + terminal(f.category())));
    }
    Verdict v = r.verdict(f);
    if (v == Verdict.BLOCKED || v == Verdict.WAIVED) {
      String waiver = v == Verdict.WAIVED ? r.waiverOf(f) : null;
      sb.append(paint(v == Verdict.BLOCKED ? RED : YELLOW, "  [" + (v == Verdict.BLOCKED
          ? "protected" : "waived" + (waiver == null ? "" : " " + terminal(waiver))) + "]"));
    }
    sb.append('\n');
    String indent = "           ";
    int total = f.downstream().total();
    if (total == 0 && !f.downstream().known()) {
      sb.append(indent).append("└ dependencies unknown\n");
    } else if (total > 0) {
      sb.append(indent).append("└ ").append(f.downstream().known() ? "" : "at least ")
          .append(Phrases.plural(total, "resource depends",
          "resources depend")).append(" on it");
      List<String> hidden = f.downstream().unchanged();
      if (!hidden.isEmpty()) {
        sb.append(" (").append(hidden.size()).append(" not changed by this plan: ");
        sb.append(String.join(", ", hidden.stream().limit(3).map(Escape::terminal).toList()));
        sb.append(hidden.size() > 3 ? ", ...)" : ")");
      }
      sb.append('\n');
    }
    if (Boolean.FALSE.equals(f.recoverable())) {
      sb.append(indent).append("└ ").append(paint(RED, "data cannot be recovered: "))
          .append(terminal(f.recoverability())).append('\n');
    }
    if (!f.attribution().isEmpty() && !Wording.cause(f.attribution().get(0)).equals(common)) {
      sb.append(indent).append("└ caused by ").append(terminal(Wording.cause(f.attribution()
          .get(0)))).append('\n');
    }
  }

  private String paint(String code, String text) {
    return color ? code + text + RESET : text;
  }
}
