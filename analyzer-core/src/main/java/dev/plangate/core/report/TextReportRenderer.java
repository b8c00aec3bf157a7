package dev.plangate.core.report;

import static dev.plangate.core.report.Escape.terminal;

import dev.plangate.core.gate.Decision;
import dev.plangate.core.impact.Finding;
import dev.plangate.core.impact.FindingAction;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The terminal report: decision first, the worst findings next, what to do after that. Every
 * string from input is escaped; colour only when asked for.
 */
public final class TextReportRenderer {
  private static final int SHOWN = 10;
  private static final String RED = "\u001b[31m";
  private static final String YELLOW = "\u001b[33m";
  private static final String GREEN = "\u001b[32m";
  private static final String BOLD = "\u001b[1m";
  private static final String RESET = "\u001b[0m";

  private final boolean color;

  public TextReportRenderer(boolean color) {
    this.color = color;
  }

  public String render(Report r) {
    StringBuilder sb = new StringBuilder();
    String mark = switch (r.decision()) {
      case PASS -> paint(GREEN, "✔");
      case ERROR -> paint(RED, "✖");
      default -> paint(RED, "✖");
    };
    sb.append(mark).append(' ').append(paint(BOLD, "plangate: " + Wording.headline(r)))
        .append('\n');
    if (r.decision() == Decision.ERROR) {
      for (String e : r.errors()) {
        sb.append("  ").append(terminal(e)).append('\n');
      }
      return sb.toString();
    }
    List<Finding> sorted = Wording.bySeverity(r.findings());
    if (!sorted.isEmpty()) {
      sb.append('\n');
      int width = 0;
      for (int i = 0; i < Math.min(SHOWN, sorted.size()); i++) {
        width = Math.max(width, terminal(sorted.get(i).key()).length());
      }
      width = Math.min(width, 72);
      for (int i = 0; i < Math.min(SHOWN, sorted.size()); i++) {
        finding(sb, sorted.get(i), width);
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
          .append(" and plan again; ").append(Wording.plural(covered, "destroy becomes", "destroys become"))
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
    if (r.decision() == Decision.APPROVAL_REQUIRED) {
      sb.append("\n  Authorship is unknown, so the change counts as AI-authored.\n")
          .append("  To proceed: ")
          .append(suggestions.isEmpty() ? "" : "add the moved block, or ")
          .append("have a maintainer review the destroy and approve it.\n");
    }
    return sb.toString();
  }

  private void finding(StringBuilder sb, Finding f, int width) {
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
    sb.append('\n');
    String indent = "           ";
    int total = f.downstream().total();
    if (total > 0) {
      sb.append(indent).append("└ ").append(Wording.plural(total, "resource depends",
          "resources depend")).append(" on it");
      List<String> hidden = f.downstream().unchanged();
      if (!hidden.isEmpty()) {
        sb.append(" (").append(hidden.size()).append(" not in this plan: ");
        for (int i = 0; i < Math.min(3, hidden.size()); i++) {
          sb.append(i > 0 ? ", " : "").append(terminal(hidden.get(i)));
        }
        sb.append(hidden.size() > 3 ? ", ...)" : ")");
      }
      sb.append('\n');
    }
    if (Boolean.FALSE.equals(f.recoverable())) {
      sb.append(indent).append("└ ").append(paint(RED, "data cannot be recovered: "))
          .append(terminal(f.recoverability())).append('\n');
    }
  }

  private String paint(String code, String text) {
    return color ? code + text + RESET : text;
  }
}
