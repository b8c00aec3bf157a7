package dev.plangate.core.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.plangate.core.api.CheckRequest;
import dev.plangate.core.gate.Verdict;
import dev.plangate.core.pipeline.Pipeline;
import dev.plangate.core.policy.PolicyLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A waived finding shows its waiver — until when, and why — beside it in every rendering, not
 * a bare "[waived]" that sends the reader to the policy file.
 */
class WaiverShownTest {
  @TempDir Path dir;

  @Test
  void everyRenderingShowsTheWaiversExpiryAndReasonBesideTheFinding() throws Exception {
    Path policy = Files.writeString(dir.resolve(".plangate.yml"), """
        version: 1
        waivers:
          - address: 'module.env.terraform_data.app[*]'
            reason: app servers are rebuilt nightly
            expires: 2026-06-30
        """);
    Report r = new Pipeline().check(CheckRequest.builder(List.of(Path.of(
        System.getProperty("plangate.root", "..")).resolve(
            "examples/terraform-kiro-incident/plan.json")))
        .policy(PolicyLoader.load(policy)).today(LocalDate.of(2026, 1, 15)).build());
    var app = r.findings().stream().filter(f -> f.address().equals("module.env.terraform_data.app[0]"))
        .findFirst().orElseThrow();
    assertThat(r.verdict(app)).isEqualTo(Verdict.WAIVED);
    String waiver = "until 2026-06-30 (line 3: app servers are rebuilt nightly)";
    assertThat(r.waiverOf(app)).isEqualTo(waiver);
    assertThat(new TextReportRenderer(false).render(r)).contains("[waived " + waiver + "]");
    assertThat(new MarkdownReportRenderer().render(r)).contains("(waived until 2026-06-30"
        + " &#40;line 3&#58; app servers are rebuilt nightly&#41;)");
    assertThat(BriefReport.of(r, 20).toString()).contains("waived " + waiver);
  }
}
