package dev.plangate.core.report;

import static dev.plangate.core.report.Reports.FENCE_ADDRESS;
import static dev.plangate.core.report.Reports.HOSTILE_ADDRESS;
import static org.assertj.core.api.Assertions.assertThat;

import dev.plangate.core.gate.Decision;
import dev.plangate.core.impact.Downstream;
import dev.plangate.core.impact.Finding;
import dev.plangate.core.impact.FindingAction;
import dev.plangate.core.model.ReplaceOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Addresses, reasons, explanations, paths and suggestions come from the plan, so from whoever
 * wrote it: no renderer may let them format, link, mention, break a table, a fence or a Mermaid
 * label, or reach the terminal as control characters.
 */
class RendererEscapingTest {
  private static final Set<String> FENCES = Set.of("```hcl", "```mermaid", "```");

  private final Report hostile = Reports.hostile();

  // ---- text --------------------------------------------------------------------------------

  @Test
  void textReportHasNoControlCharactersFromInput() {
    String text = new TextReportRenderer(false).render(hostile);

    assertThat(text).startsWith("✖ plangate: approval required");
    assertThat(text).doesNotContain("\u001b").doesNotContain("\u202e");
    assertThat(text.chars().filter(c -> c < 0x20 && c != '\n').count()).isZero();
    // The escapes are visible instead, so a reviewer sees that something odd is there.
    assertThat(text).contains("\\u001b[31m").contains("\\u202e");
    // A newline in an address cannot start a line of its own.
    assertThat(text.lines()).noneMatch(l -> l.startsWith("#h"));
    assertThat(text).contains("\\u000a#h");
  }

  @Test
  void commitSubjectsAuthorsEvidenceAndFilesAreEscapedToo() {
    // The hostile report's authorship, signals, attribution and label are all hostile text:
    // they must be rendered (so the checks above cover them), and escaped.
    String text = new TextReportRenderer(false).render(hostile);
    assertThat(text).contains("Why AI:  a1b2c3d \"<script>alert(1)</script>")
        .contains("└ caused by a1b2c3d (<script>").contains("To approve anyway: a maintainer"
            + " adds the label <script>");
    String md = new MarkdownReportRenderer().render(hostile);
    assertThat(md).contains("<code>a1b2c3d</code> &lt;script&gt;")
        .contains("**AI signal** &lt;script&gt;");
  }

  @Test
  void colouredTextReportOnlyHasItsOwnEscapes() {
    String text = new TextReportRenderer(true).render(hostile);

    assertThat(text).doesNotContain("\u202e").doesNotContain("\u001b[2J");
    // Only the renderer's own SGR sequences: colour, bold, reset.
    String stripped = text.replaceAll("\u001b\\[(0|1|31|32|33)m", "");
    assertThat(stripped).doesNotContain("\u001b");
  }

  @Test
  void errorReportEscapesTheErrors() {
    Report r = new Report(Decision.ERROR, List.of(), List.of(), List.of(),
        List.of(Reports.HOSTILE_PATH + ": " + Reports.HOSTILE_TEXT));

    String text = new TextReportRenderer(false).render(r);
    assertThat(text).startsWith("✖ plangate: error").doesNotContain("\u001b")
        .doesNotContain("\u202e");
    assertThat(text.lines()).hasSize(2);

    String md = new MarkdownReportRenderer().render(r);
    assertThat(md).doesNotContain("<script>").doesNotContain("@team").doesNotContain("\u001b");
    assertThat(md.lines()).noneMatch(l -> l.startsWith("# ") || l.startsWith("#h"));
    assertThat(md.lines().filter(l -> l.startsWith("- "))).hasSize(1);
  }

  // ---- Markdown ----------------------------------------------------------------------------

  @Test
  void markdownHasNoHtmlMentionsOrControlCharactersFromInput() {
    String md = new MarkdownReportRenderer().render(hostile);

    assertThat(md).startsWith(MarkdownReportRenderer.MARKER);
    assertThat(md).doesNotContain("<script>").doesNotContain("</script>");
    assertThat(md).doesNotContain("@team");
    assertThat(md).doesNotContain("\u001b").doesNotContain("\u202e");
    // An entity for a bidi override is decoded by the browser into the override itself.
    assertThat(md).doesNotContainIgnoringCase("&#8238;").doesNotContainIgnoringCase("#8238;")
        .doesNotContainIgnoringCase("&#x202e;");
    // Input never starts a Markdown line of its own (headings, lists, quotes).
    assertThat(md.lines()).noneMatch(l -> l.startsWith("#h") || l.startsWith("# heading"));
    // Nothing from input became a link or emphasis.
    assertThat(md).doesNotContain("](http").doesNotContain("**bold**");
  }

  @Test
  void everyTableRowHasExactlyThreeCells() {
    String md = new MarkdownReportRenderer().render(hostile);

    List<String> rows = md.lines().filter(l -> l.startsWith("|")).toList();
    assertThat(rows).hasSize(2 + hostile.findings().size());
    for (String row : rows) {
      assertThat(row.chars().filter(c -> c == '|').count()).as("pipes in %s", row).isEqualTo(4);
    }
    // Each finding's address is inside one code element in its row.
    assertThat(rows).anyMatch(r -> r.contains("<code>module.x&#91;&quot;a&#124;b&#96;c"));
  }

  @Test
  void onlyTheRenderersOwnFences() {
    String md = new MarkdownReportRenderer().render(hostile);

    List<String> fenceLines = md.lines().filter(l -> l.contains("```")).toList();
    assertThat(fenceLines).allMatch(FENCES::contains);
    // Fences come in pairs: an opening with a language, then a bare closing.
    assertThat(fenceLines.size() % 2).isZero();
    for (int i = 0; i < fenceLines.size(); i += 2) {
      assertThat(fenceLines.get(i)).isIn("```hcl", "```mermaid");
      assertThat(fenceLines.get(i + 1)).isEqualTo("```");
    }
    assertThat(fenceLines).contains("```mermaid", "```hcl");
    // Suggestions that could close a fence are shown in a pre block instead, entity-escaped.
    assertThat(md).contains("<pre>moved &#123;");
    assertThat(md).contains("```hcl\n" + Reports.moved("aws_instance.plain",
        "aws_instance.renamed") + "\n```");
  }

  @Test
  void preBlocksCannotBeClosedEarly() {
    String md = new MarkdownReportRenderer().render(hostile);

    int opened = count(md, "<pre>");
    assertThat(opened).isEqualTo(2);
    assertThat(count(md, "</pre>")).isEqualTo(opened);
    for (String block : between(md, "<pre>", "</pre>")) {
      assertThat(block).doesNotContain("<").doesNotContain(">").doesNotContain("`")
          .doesNotContain("@");
    }
  }

  @Test
  void mermaidLabelsHoldNoQuotesButTheirDelimiters() {
    String md = new MarkdownReportRenderer().render(hostile);

    List<String> graphs = between(md, "```mermaid\n", "\n```");
    assertThat(graphs).hasSize(1);
    List<String> labelled = new ArrayList<>();
    for (String line : graphs.get(0).lines().toList()) {
      long quotes = line.chars().filter(c -> c == '"').count();
      assertThat(quotes % 2).as("quotes in %s", line).isZero();
      // Every label is one quoted string on a node, and nothing else on the line is quoted.
      String node = "[fg]\\d+(\\[\"[^\"]*\"\\]:::(delete|replace|other))?";
      if (quotes > 0) {
        assertThat(line).matches("  " + node + "( & " + node + ")*( --> " + node + "( & "
            + node + ")*)?");
        labelled.add(line);
      }
      assertThat(line.replace(" --> ", " ").replace(" & ", " ")).doesNotContain("`")
          .doesNotContain("<")
          .doesNotContain(">").doesNotContain("\u001b").doesNotContain("\u202e")
          .doesNotContain("@");
    }
    // Both findings that destroy are drawn, plus grouped dependents.
    assertThat(labelled).anyMatch(l -> l.startsWith("  f0[\"destroy: module.x#91;#34;a#124;b"));
    assertThat(labelled).anyMatch(l -> l.contains("replace: aws_s3_bucket.b"));
    assertThat(labelled).anyMatch(l -> l.contains(":::other"));
  }

  @Test
  void suggestionWithABidiOverrideIsNotFenced() {
    // No backtick, so it could not close a fence, but a raw override would reorder the block.
    String address = "aws_instance.a[\"\u202eb\"]";
    Finding f = Reports.finding("p.json", address, FindingAction.DELETE,
        "delete_because_no_resource_config", false, null, null, "x",
        new Downstream(List.of(), List.of()), Reports.moved(address, "aws_instance.c"));
    Report r = new Report(Decision.APPROVAL_REQUIRED, List.of(), List.of(), List.of(f),
        List.of());

    String md = new MarkdownReportRenderer().render(r);

    assertThat(md).doesNotContain("```hcl").doesNotContain("\u202e");
    assertThat(md).contains("<pre>moved &#123;\n  from = aws&#95;instance.a&#91;&quot;&#92;u202eb"
        + "&quot;&#93;\n  to   = aws&#95;instance.c\n&#125;</pre>");
  }

  @Test
  void rawAddressesNeverAppearInMarkdown() {
    String md = new MarkdownReportRenderer().render(hostile);

    assertThat(md).doesNotContain(HOSTILE_ADDRESS).doesNotContain(FENCE_ADDRESS);
    assertThat(md).doesNotContain("alert(1)");
  }

  // ---- a clean report, exactly -------------------------------------------------------------

  @Test
  void markdownOfASmallReport() {
    Finding db = new Finding("plan.json", "aws_db_instance.main", null, "aws_db_instance",
        FindingAction.DELETE, null, "delete_because_no_resource_config", List.of("delete"),
        List.of(), true, "database", false, "skip_final_snapshot is true",
        "aws_db_instance.main will be destroyed because its resource block was removed.",
        new Downstream(List.of("aws_instance.app", "aws_route53_record.db"),
            List.of("aws_lambda_function.report")),
        null);
    Finding web = new Finding("plan.json", "aws_instance.web", null, "aws_instance",
        FindingAction.REPLACE, ReplaceOrder.DELETE_BEFORE_CREATE,
        "replace_because_cannot_update", List.of("delete", "create"), List.of("ami"), false,
        null, null, null, "aws_instance.web will be replaced because ami cannot be updated.",
        new Downstream(List.of(), List.of()), null);
    PlanSummary p = new PlanSummary("plan.json", "terraform", "1.2", "1.11.4",
        Reports.counts(1, 1, 0), false, true, List.of());
    // Given in the opposite order: the table sorts worst first.
    Report r = new Report(Decision.APPROVAL_REQUIRED, List.of("needs approval"), List.of(p),
        List.of(web, db), List.of());

    String md = new MarkdownReportRenderer().render(r);

    List<String> lines = md.lines().toList();
    assertThat(lines.subList(0, 4)).containsExactly(
        "<!-- plangate-report -->",
        "### ⛔ plangate — approval required",
        "",
        "A change of unknown authorship would **destroy 1** and **replace 1** resources"
            + " (**1 critical**).");
    assertThat(lines.stream().filter(l -> l.startsWith("|")).toList()).containsExactly(
        "| | resource | depends on it |",
        "|---|---|---|",
        "| 🔴 destroy | <code>aws&#95;db&#95;instance.main</code> (database)"
            + " **data cannot be recovered** | 3 (1 not changed by this plan) |",
        "| 🟠 replace | <code>aws&#95;instance.web</code> | 0 |");
    assertThat(md).contains("**Why:** block removed from configuration (1); changing ami forces"
        + " replacement &#40;destroy before create&#41; (1).");
    assertThat(md).doesNotContain("Suggested moved blocks").doesNotContain("Likely a rename");
    assertThat(md).contains("<details><summary>Blast radius (an arrow points to what depends on"
        + " a resource)</summary>")
        .contains("  f0[\"destroy: aws_db_instance.main\"]:::delete --> g0[\"aws_instance.app\"]"
            + ":::other & g1[\"aws_route53_record.db\"]:::other & g2[\"aws_lambda_function"
            + ".report\"]:::other\n")
        .contains("\n  f1[\"replace: aws_instance.web\"]:::replace\n");
    // Said once: the table and the why line, not again as prose.
    assertThat(md).doesNotContain("Every finding explained")
        .doesNotContain("will be destroyed because");
    assertThat(md).contains("**To proceed:** have a maintainer with write access add the label"
        + " <code>plangate/approve-destroy</code> (approves fingerprint `" + r.fingerprint()
        + "`");
  }

  @Test
  void textOfASmallReport() {
    Finding db = new Finding("plan.json", "aws_db_instance.main", null, "aws_db_instance",
        FindingAction.DELETE, null, "delete_because_no_resource_config", List.of("delete"),
        List.of(), true, "database", false, "skip_final_snapshot is true", "x",
        new Downstream(List.of("aws_instance.app"), List.of("aws_lambda_function.report")),
        null);
    Report r = new Report(Decision.APPROVAL_REQUIRED, List.of(), List.of(), List.of(db),
        List.of());

    List<String> lines = new TextReportRenderer(false).render(r).lines().toList();

    assertThat(lines.subList(0, 5)).containsExactly(
        "✖ plangate: approval required — a change of unknown authorship destroys 1 resource"
            + " (1 critical)",
        "",
        "  DESTROY  aws_db_instance.main  block removed from configuration  critical: database",
        "           └ 2 resources depend on it (1 not changed by this plan: aws_lambda_function.report)",
        "           └ data cannot be recovered: skip_final_snapshot is true");
  }

  private static int count(String s, String needle) {
    int n = 0;
    for (int i = s.indexOf(needle); i >= 0; i = s.indexOf(needle, i + needle.length())) {
      n++;
    }
    return n;
  }

  private static List<String> between(String s, String open, String close) {
    List<String> out = new ArrayList<>();
    int i = s.indexOf(open);
    while (i >= 0) {
      int end = s.indexOf(close, i + open.length());
      if (end < 0) {
        break;
      }
      out.add(s.substring(i + open.length(), end));
      i = s.indexOf(open, end + close.length());
    }
    return out;
  }
}
