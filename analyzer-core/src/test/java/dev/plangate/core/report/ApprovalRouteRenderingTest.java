package dev.plangate.core.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.plangate.core.api.CheckRequest;
import dev.plangate.core.pipeline.Pipeline;
import dev.plangate.core.gate.ApprovalRoute;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The terminal and Markdown reports say how to approve where they were made: the label on a
 * pull request, and on every other surface what works there instead of the label.
 */
class ApprovalRouteRenderingTest {
  private static final Path ROOT = Path.of(System.getProperty("plangate.root", ".."));

  private static Report kiro(ApprovalRoute route) {
    return new Pipeline().check(CheckRequest.plansOnly(
        List.of(ROOT.resolve("examples/terraform-kiro-incident/plan.json"))))
        .withApprovalRoute(route);
  }

  @Test
  void onAPullRequestAMaintainerAddsTheLabel() {
    Report r = kiro(ApprovalRoute.PULL_REQUEST_LABEL);
    assertThat(new TextReportRenderer(false).render(r)).contains("To approve anyway: a"
        + " maintainer adds the label plangate/approve-destroy (fingerprint " + r.fingerprint()
        + "), or add the moved block above.");
    assertThat(new MarkdownReportRenderer().render(r)).contains("**To proceed:** add the"
        + " `moved` block below, or have a maintainer with write access add the label");
  }

  @Test
  void onAGitLabMergeRequestDeveloperAccessIsEnoughAndNoRendererSaysMaintainer() {
    Report r = kiro(ApprovalRoute.MERGE_REQUEST_LABEL);
    assertThat(new TextReportRenderer(false).render(r)).contains("To approve anyway: someone"
        + " with Developer access or above adds the label plangate/approve-destroy (fingerprint "
        + r.fingerprint() + ")").doesNotContain("maintainer");
    assertThat(new MarkdownReportRenderer().render(r)).contains("have someone with Developer"
        + " access or above add the label").doesNotContain("maintainer");
    assertThat(BriefReport.of(r, 5).toString()).contains("have someone with Developer access"
        + " or above approve with the label").doesNotContain("maintainer");
    assertThat(r.approvalRoute().id()).isEqualTo("merge-request-label");
  }

  @Test
  void elsewhereNoRendererTellsAPersonToAddTheLabel() {
    for (ApprovalRoute route : ApprovalRoute.values()) {
      if (route.byLabel()) {
        continue;
      }
      Report r = kiro(route);
      String text = new TextReportRenderer(false).render(r);
      String markdown = new MarkdownReportRenderer().render(r);
      assertThat(text).as(route.id()).contains("To approve anyway: ")
          .contains(r.fingerprint()).doesNotContain("a maintainer adds the label");
      assertThat(markdown).as(route.id()).contains("**To proceed:** add the `moved` block"
          + " below. To approve anyway: ").doesNotContain("have a maintainer with write access"
          + " add the label");
    }
    Report local = kiro(ApprovalRoute.NO_PULL_REQUEST);
    assertThat(new TextReportRenderer(false).render(local)).contains("To approve anyway:"
        + " nothing approves a check outside a pull request.")
        .contains("plangate apply --approve " + local.fingerprint());
  }
}
