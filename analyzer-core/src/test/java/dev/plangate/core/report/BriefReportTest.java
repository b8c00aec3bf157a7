package dev.plangate.core.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.plangate.core.api.PlanAnalyzer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class BriefReportTest {
  private static final Path ROOT = Path.of(System.getProperty("plangate.root", ".."));

  @Test
  void theKiroIncidentInAFewLines() {
    Report r = new PlanAnalyzer().analyze(
        List.of(ROOT.resolve("examples/terraform-kiro-incident/plan.json")));
    BriefReport brief = BriefReport.of(r, 2);

    assertThat(brief.headline()).isEqualTo("plangate: approval required — a change of unknown"
        + " authorship destroys 9 resources");
    assertThat(brief.findings()).extracting(BriefReport.Line::text).containsExactly(
        "destroy module.env.module.network.terraform_data.vpc (block removed from"
            + " configuration; 8 depend on it)",
        "destroy module.env.module.network.terraform_data.subnet[\"eu-west-1a\"] (block removed"
            + " from configuration; 5 depend on it)");
    assertThat(brief.more()).isEqualTo(7);
    assertThat(brief.next()).first().asString().startsWith("Authorship unknown: no commit"
        + " range was given");
    assertThat(brief.next()).contains("Add the suggested moved block, or have a maintainer"
        + " approve with the label plangate/approve-destroy (fingerprint " + r.fingerprint()
        + ").", "Likely a rename; with the moved block, 9 destroys become a move:",
        "  moved {", "    from = module.env", "    to   = module.environment", "  }");
  }

  @Test
  void aPassWithoutDestroysHasNothingToDo() {
    Report r = new PlanAnalyzer().analyze(
        List.of(ROOT.resolve("examples/orders-service/update-plan.json")));
    BriefReport brief = BriefReport.of(r, 5);
    assertThat(brief.headline()).isEqualTo("plangate: pass — nothing is destroyed or replaced");
    assertThat(brief.findings()).isEmpty();
    assertThat(brief.next()).isEmpty();
  }

  @Test
  void anErrorListsWhatCouldNotBeRead() {
    Report r = new PlanAnalyzer().analyze(List.of(ROOT.resolve("no/such/plan.json")));
    BriefReport brief = BriefReport.of(r, 5);
    assertThat(brief.headline()).startsWith("plangate: error — 1 input could not be read");
    assertThat(brief.next()).singleElement().asString().endsWith("plan.json: file not found");
  }

  @Test
  void nothingFromInputReachesTheLogUnescaped() {
    BriefReport brief = BriefReport.of(Reports.hostile(), 10);
    List<String> all = new ArrayList<>(List.of(brief.headline()));
    brief.findings().forEach(l -> all.add(l.text()));
    all.addAll(brief.next());
    assertThat(all).allSatisfy(line -> {
      assertThat(line).doesNotContain("\u001b").doesNotContain("\u202e").doesNotContain("\n");
      assertThat(line.chars().filter(c -> c < 0x20).count()).isZero();
    });
    assertThat(brief.findings()).first().satisfies(l -> {
      assertThat(l.critical()).isTrue();
      assertThat(l.text()).startsWith("destroy module.x[\"a|b`c*d_e[f](g)<script>")
          .contains("\\u001b[31m").contains("caused by a1b2c3d (");
    });
  }
}
