package dev.plangate.core.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.plangate.core.authorship.Authorship;
import dev.plangate.core.authorship.CommitAuthorship;
import dev.plangate.core.authorship.Confidence;
import dev.plangate.core.authorship.Signal;
import dev.plangate.core.gate.Decision;
import dev.plangate.core.gate.Reason;
import dev.plangate.core.impact.Downstream;
import dev.plangate.core.impact.Finding;
import dev.plangate.core.impact.FindingAction;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A PR comment holds 65,536 characters: the report shrinks, and never loses the way forward. */
class MarkdownBudgetTest {
  static final int COMMENT_LIMIT = 65_536;

  static Report huge(int findings, int notes) {
    List<Finding> all = new ArrayList<>();
    String longName = "x".repeat(1500);
    for (int i = 0; i < findings; i++) {
      all.add(Reports.finding("plan.json", "module.m" + i + ".aws_db_instance." + longName + i,
          FindingAction.DELETE, "delete_because_no_resource_config", i % 7 == 0, "database",
          null, "It goes " + "because ".repeat(30), new Downstream(List.of(), List.of()),
          null));
    }
    List<Reason> reasons = new ArrayList<>();
    reasons.add(new Reason(Reason.Kind.AUTHORSHIP, "AI-authored."));
    for (int i = 0; i < notes; i++) {
      reasons.add(new Reason(Reason.Kind.NOTE, "Note " + i + " " + "long ".repeat(60)));
    }
    Authorship who = new Authorship(true, List.of(new CommitAuthorship(
        "a1b2c3d4e5f60718293a4b5c6d7e8f9012345678", "Dev <d@e.x>", "Drop the databases", true,
        "Claude Code", List.of(new Signal("trailer", "Co-Authored-By: Claude"
            + " <noreply@anthropic.com>", Confidence.MEDIUM, "Claude Code")))), List.of(),
        List.of());
    return new Report(Decision.APPROVAL_REQUIRED, reasons, "7f3c9e21aa00bb11",
        "plangate/approve-destroy", who, List.of(), all, Map.of(), List.of());
  }

  @Test
  void fiveThousandFindingsFitInOneCommentWithTheDecisionAndHowToApprove() {
    Report r = huge(5000, 3);
    String full = new MarkdownReportRenderer().render(r);
    String md = new MarkdownReportRenderer().render(r, COMMENT_LIMIT);

    assertThat(full.length()).isGreaterThan(COMMENT_LIMIT);
    assertThat(md.length()).isLessThanOrEqualTo(COMMENT_LIMIT);
    assertThat(md).startsWith(MarkdownReportRenderer.MARKER + "\n### ⛔ plangate — approval"
        + " required")
        .contains("would **destroy 5000**")
        .contains("**Caused by** <code>a1b2c3d</code>")
        .contains("**To proceed:**").contains("<code>plangate/approve-destroy</code>")
        .contains("7f3c9e21aa00bb11")
        .contains("more findings are in the JSON report and the job summary.");
  }

  @Test
  void whenEvenTheShortFormIsTooLongItsMiddleIsCutAndTheWayForwardStays() {
    Report r = huge(3, 2000);
    String md = new MarkdownReportRenderer().render(r, COMMENT_LIMIT);

    assertThat(md.length()).isLessThanOrEqualTo(COMMENT_LIMIT);
    assertThat(md).startsWith(MarkdownReportRenderer.MARKER)
        .contains("cut to fit; the job summary and the JSON report have everything")
        .endsWith("voids it).\n");
  }

  @Test
  void aReportThatFitsIsRenderedInFull() {
    Report r = huge(3, 1);
    assertThat(new MarkdownReportRenderer().render(r, COMMENT_LIMIT))
        .isEqualTo(new MarkdownReportRenderer().render(r));
  }
}
