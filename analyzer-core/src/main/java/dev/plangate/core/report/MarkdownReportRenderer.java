package dev.plangate.core.report;

import static dev.plangate.core.report.Escape.markdown;
import static dev.plangate.core.report.Escape.markdownCode;

import dev.plangate.core.authorship.Attribution;
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
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The Markdown report (PR comment, job summary), laid out for GitHub's ~880 px comment column and
 * read in ten seconds: the decision, one sentence, how to proceed; a three-column table (action,
 * resource, how much depends on it); why, said once; the commits that caused it; then, folded,
 * suggested {@code moved} blocks and the blast radius as a Mermaid graph ({@link MermaidGraph}).
 * Nothing is said twice. Every string from input goes through {@link Escape}.
 */
public final class MarkdownReportRenderer extends NamedRenderer {
  /** Marks the comment so a later run can find and update it. */
  public static final String MARKER = "<!-- plangate-report -->";
  static final int TABLE_ROWS = 50;

  public MarkdownReportRenderer() {
    super("markdown", "text/markdown; charset=utf-8", "md");
  }

  /** The whole report, or at most {@link RenderOptions#maxChars()} characters of it. */
  @Override
  public void render(Report report, Writer out, RenderOptions options) throws IOException {
    out.write(options.maxChars() > 0 ? render(report, options.maxChars()) : render(report));
  }

  public String render(Report r) {
    return compose(r, Sorted.of(r), TABLE_ROWS, true, true);
  }

  /**
   * The report in at most {@code maxChars} characters (a PR comment holds 65,536). Details go
   * first, then table rows; the decision, the authorship and how to proceed always stay, and
   * what was left out is named.
   */
  public String render(Report r, int maxChars) {
    Sorted sorted = Sorted.of(r);
    for (int rows : new int[] {TABLE_ROWS, 20, 5, 0}) {
      for (boolean details : new boolean[] {true, false}) {
        String s = compose(r, sorted, rows, details, true);
        if (s.length() <= maxChars) {
          return s;
        }
      }
    }
    // Even the short form is too long (thousands of notes or errors): cut its middle, keep
    // the way forward.
    String tail = "\n… cut to fit; the job summary and the JSON report have everything.\n"
        + proceed(r, !sorted.suggestions().isEmpty());
    String head = compose(r, sorted, 0, false, false);
    int room = Math.max(0, maxChars - tail.length());
    if (head.length() > room) {
      int cut = head.lastIndexOf('\n', room);
      head = head.substring(0, cut > 0 ? cut : room);
      if (Character.isHighSurrogate(head.charAt(head.length() - 1))) {
        head = head.substring(0, head.length() - 1);
      }
    }
    String out = head + tail;
    return out.length() <= maxChars ? out : out.substring(0, maxChars);
  }

  /** The findings worst first and their moved blocks: computed once per report. */
  private record Sorted(List<Finding> findings, Set<String> suggestions) {
    static Sorted of(Report r) {
      List<Finding> bySeverity = r.findingsBySeverity();
      return new Sorted(bySeverity, Wording.suggestions(bySeverity));
    }
  }

  private String compose(Report r, Sorted order, int tableRows, boolean details,
      boolean withProceed) {
    StringBuilder sb = new StringBuilder();
    sb.append(MARKER).append('\n');
    String icon = switch (r.decision()) {
      case PASS -> "✅";
      case ERROR -> "⚠️";
      default -> "⛔";
    };
    sb.append("### ").append(icon).append(" plangate — ")
        .append(r.decision().id().replace('_', ' ')).append("\n\n");
    if (r.decision() == Decision.ERROR) {
      sb.append("plangate could not read its input, so nothing was decided:\n\n");
      for (String e : r.errors()) {
        sb.append("- ").append(markdown(e)).append('\n');
      }
      return sb.toString();
    }
    long d = r.count(FindingAction.DELETE);
    long rep = r.count(FindingAction.REPLACE);
    long forget = r.count(FindingAction.FORGET);
    long crit = r.criticalDestroys();
    if (d + rep == 0) {
      sb.append("Nothing is destroyed or replaced.");
    } else {
      String who = Wording.who(r);
      sb.append(Character.toUpperCase(who.charAt(0))).append(who.substring(1)).append(" would ");
      if (d > 0) {
        sb.append("**destroy ").append(d).append("**").append(rep > 0 ? " and " : "");
      }
      if (rep > 0) {
        sb.append("**replace ").append(rep).append("**");
      }
      sb.append(" resource").append(d + rep == 1 ? "" : "s");
      if (crit > 0) {
        sb.append(" (**").append(crit).append(" critical**)");
      }
      sb.append('.');
    }
    if (forget > 0) {
      sb.append(' ').append(Phrases.plural(forget, "resource is", "resources are"))
          .append(" removed from state but ").append(forget == 1 ? "keeps" : "keep")
          .append(" running.");
    }
    sb.append('\n');
    List<Finding> sorted = order.findings();
    Set<String> suggestions = order.suggestions();
    if (!suggestions.isEmpty()) {
      long covered = Wording.coveredBySuggestions(sorted);
      sb.append("Likely a rename: adding the `moved` block")
          .append(suggestions.size() == 1 ? "" : "s")
          .append(" below turns ").append(Phrases.plural(covered, "destroy", "destroys"))
          .append(" into a move.\n");
    }
    boolean destroys = sorted.stream().anyMatch(f -> f.action().destroys());
    // How to proceed comes before the detail: it is what the reader of a blocked PR needs.
    if (destroys && withProceed) {
      sb.append(proceed(r, !suggestions.isEmpty()));
    }
    if (!sorted.isEmpty() && tableRows > 0) {
      // Three narrow columns fit GitHub's comment column; the why and the commits follow.
      sb.append("\n| | resource | depends on it |\n|---|---|---|\n");
      for (int i = 0; i < Math.min(tableRows, sorted.size()); i++) {
        row(sb, r, sorted.get(i));
      }
    }
    if (sorted.size() > tableRows) {
      sb.append("\n").append(tableRows == 0 ? "The " + sorted.size() + " findings are"
          : sorted.size() - tableRows + " more findings are")
          .append(" in the JSON report").append(tableRows < TABLE_ROWS ? " and the job summary"
              : "").append(".\n");
    }
    if (!sorted.isEmpty()) {
      why(sb, sorted);
    }
    if (destroys) {
      footer(sb, r, sorted);
    } else {
      sb.append("\nFingerprint `").append(r.fingerprint()).append("`.\n");
    }
    if (!details) {
      return sb.toString();
    }
    if (!suggestions.isEmpty()) {
      sb.append("\n<details><summary>Suggested moved blocks</summary>\n\n");
      for (String s : suggestions) {
        code(sb, s);
      }
      sb.append("</details>\n");
    }
    if (destroys) {
      sb.append("\n<details><summary>Blast radius (an arrow points to what depends on a"
          + " resource)</summary>\n\n");
      MermaidGraph.append(sb, sorted);
      sb.append("</details>\n");
    }
    for (PlanSummary p : r.plans()) {
      for (String w : p.warnings()) {
        sb.append("\n> ⚠️ ").append(markdownCode(p.path())).append(": ").append(markdown(w))
            .append('\n');
      }
    }
    for (Wording.PolicyLine line : Wording.policyLines(r)) {
      sb.append(line.warning() ? "\n> ⚠️ " : "\n").append(line.label())
          .append(markdown(line.text())).append('\n');
    }
    return sb.toString();
  }

  /**
   * Why, said once: the findings' short reasons with how many share each, in table order. The
   * full sentences are in the JSON report and the text report.
   */
  private static void why(StringBuilder sb, List<Finding> sorted) {
    Map<String, Integer> reasons = new LinkedHashMap<>();
    for (Finding f : sorted) {
      reasons.merge(Wording.shortReason(f), 1, Integer::sum);
    }
    // A reason every finding shares goes without its count.
    sb.append("\n**Why:** ").append(reasons.entrySet().stream()
        .map(e -> markdown(e.getKey()) + (reasons.size() == 1 ? "" : " (" + e.getValue() + ")"))
        .collect(Collectors.joining("; "))).append(".  \n");
  }

  /**
   * The commits that caused the findings, one line each with what they changed and how many
   * findings follow from it; an AI commit also says which agent and the signal that shows it.
   * Then AI-authored commits that caused no finding, signals, and the gate's notes.
   */
  private static void footer(StringBuilder sb, Report r, List<Finding> sorted) {
    Map<String, CommitAuthorship> aiBySha = new LinkedHashMap<>();
    r.authorship().aiCommits().forEach(c -> aiBySha.put(c.sha(), c));
    Map<String, List<Attribution>> bySha = new LinkedHashMap<>();
    Map<String, Integer> counts = new LinkedHashMap<>();
    for (Finding f : sorted) {
      if (!f.attribution().isEmpty()) {
        Attribution a = f.attribution().get(0);
        List<Attribution> seen = bySha.computeIfAbsent(a.sha(), k -> new ArrayList<>());
        if (seen.stream().noneMatch(x -> x.change().equals(a.change())
            && x.where().equals(a.where()))) {
          seen.add(a);
        }
        counts.merge(a.sha(), 1, Integer::sum);
      }
    }
    List<CommitAuthorship> ai = aiBySha.values().stream()
        .filter(c -> !bySha.containsKey(c.sha())).toList();
    for (int i = 0; i < Math.min(5, ai.size()); i++) {
      CommitAuthorship c = ai.get(i);
      sb.append(i == 0 ? (bySha.isEmpty() ? "**Caused by** " : "**AI-authored, too:** ")
          : "and ").append(markdownCode(c.shortSha())).append(' ')
          .append(markdown(c.subject())).append(" — ").append(markdown(c.agent()));
      if (!c.signals().isEmpty()) {
        signal(sb, c.signals().get(0));
      }
      sb.append("  \n");
    }
    if (ai.size() > 5) {
      sb.append("and ").append(ai.size() - 5).append(" more AI-authored commits  \n");
    }
    for (Signal s : r.authorship().signals()) {
      if (s.confidence().decides()) {
        sb.append("**AI signal** ").append(markdown(s.agent())).append(" (")
            .append(markdown(s.kind())).append(' ').append(markdownCode(s.evidence()))
            .append(")  \n");
      }
    }
    if (r.authorship().aiInvolved() == null) {
      sb.append("**Authorship unknown:** ")
          .append(markdown(String.join(" ", r.authorship().notes()))).append("  \n");
    }
    for (String reason : r.reasons(Reason.Kind.PROTECTED)) {
      sb.append("🔒 ").append(markdown(reason)).append("  \n");
    }
    for (String reason : r.reasons(Reason.Kind.NOTE)) {
      sb.append(markdown(reason)).append("  \n");
    }
    // The list comes last: a line after it would be read as part of its last item.
    if (!bySha.isEmpty()) {
      sb.append("**Caused by**\n");
      int shown = 0;
      for (Map.Entry<String, List<Attribution>> e : bySha.entrySet()) {
        if (shown++ == 5) {
          sb.append("- and ").append(bySha.size() - 5).append(" more commits\n");
          break;
        }
        Attribution first = e.getValue().get(0);
        sb.append("- ").append(markdownCode(first.shortSha())).append(' ');
        CommitAuthorship commit = aiBySha.get(e.getKey());
        if (commit != null) {
          sb.append(markdown(commit.subject())).append(" — ");
        }
        sb.append(markdown(first.by()));
        if (commit != null && !commit.signals().isEmpty()) {
          signal(sb, commit.signals().get(0));
        }
        sb.append(": ").append(e.getValue().stream().limit(2).map(a -> markdown(a.change())
            + " (" + markdownCode(a.where()) + ")").collect(Collectors.joining(", ")));
        int n = counts.get(e.getKey());
        sb.append(" → ").append(Phrases.plural(n, "finding", "findings")).append('\n');
      }
    }
  }

  private static void signal(StringBuilder sb, Signal s) {
    sb.append(" (").append(markdown(s.kind())).append(' ').append(markdownCode(s.evidence()))
        .append(')');
  }

  /** The way forward: what unblocks the change, or the fingerprint of what passed. */
  private static String proceed(Report r, boolean hasSuggestion) {
    return switch (r.decision()) {
      case BLOCKED -> "\n**Blocked:** protected resources cannot be approved. Take the"
          + " destroy out of the change, or change the policy in a reviewed commit.\n";
      case APPROVAL_REQUIRED -> Wording.approveElsewhere(r, x -> x, x -> x) != null
          ? "\n**To proceed:** " + (hasSuggestion ? "add the `moved` block below. To approve"
              + " anyway: " : "") + Wording.approveElsewhere(r,
                  Escape::markdownCode, literal -> "`" + literal + "`")
              + "\n"
          : "\n**To proceed:** "
          + (hasSuggestion ? "add the `moved` block below, or " : "")
          + "have " + r.approvalRoute().labeller("a maintainer with write access")
          + " add the label "
          + markdownCode(r.approvalLabel()) + " (approves fingerprint `" + r.fingerprint()
          + "`; a later push that changes what is destroyed voids it).\n"
          + r.reasons(Reason.Kind.APPROVAL).stream()
              .filter(x -> x.contains("different people"))
              .map(x -> markdown(x) + "\n").findFirst().orElse("");
      case ERROR -> "\nNothing was decided; fix the input and run again.\n";
      default -> "\n" + r.reasons(Reason.Kind.APPROVAL).stream()
          .map(x -> "**" + markdown(x) + "**  \n").collect(Collectors.joining())
          + "Fingerprint `" + r.fingerprint() + "`.\n";
    };
  }

  private static void row(StringBuilder sb, Report r, Finding f) {
    String icon = switch (f.action()) {
      case DELETE -> "🔴 destroy";
      case REPLACE -> f.conditional() ? "🟠 may replace" : "🟠 replace";
      case FORGET -> "⚪ forget";
    };
    sb.append("| ").append(icon).append(" | ").append(markdownCode(f.key()));
    if (f.critical()) {
      sb.append(" (").append(markdown(f.category())).append(')');
    }
    if (Boolean.FALSE.equals(f.recoverable())) {
      sb.append(" **data cannot be recovered**");
    }
    Verdict v = r.verdict(f);
    if (v == Verdict.BLOCKED) {
      sb.append(" 🔒 **protected**");
    } else if (v == Verdict.WAIVED) {
      String waiver = r.waiverOf(f);
      sb.append(" (waived").append(waiver == null ? "" : " " + markdown(waiver)).append(')');
    }
    sb.append(" | ");
    if (!f.downstream().known()) {
      sb.append(f.downstream().total() == 0 ? "unknown" : "at least " + f.downstream().total());
    } else {
      sb.append(f.downstream().total());
    }
    if (!f.downstream().unchanged().isEmpty()) {
      sb.append(" (").append(f.downstream().unchanged().size()).append(" not changed by this plan)");
    }
    sb.append(" |\n");
  }

  /**
   * A fenced block unless the text could close the fence or holds control or bidi characters;
   * then an HTML pre block with every line escaped.
   */
  private static void code(StringBuilder sb, String text) {
    if (!text.contains("`") && !text.contains("~")
        && text.lines().allMatch(l -> l.equals(Escape.terminal(l)))) {
      sb.append("```hcl\n").append(text).append("\n```\n\n");
    } else {
      sb.append("<pre>").append(String.join("\n", text.lines().map(Escape::markdown).toList()))
          .append("</pre>\n\n");
    }
  }
}
