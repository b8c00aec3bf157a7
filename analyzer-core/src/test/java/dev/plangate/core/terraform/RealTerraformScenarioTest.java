package dev.plangate.core.terraform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.plangate.core.api.CheckRequest;
import dev.plangate.core.pipeline.Pipeline;
import dev.plangate.core.gate.Decision;
import dev.plangate.core.impact.Finding;
import dev.plangate.core.impact.FindingAction;
import dev.plangate.core.model.ReplaceOrder;
import dev.plangate.core.report.Report;
import dev.plangate.core.testing.TerraformScenarios;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Plans made by the real terraform binary with the builtin terraform_data resource, for the
 * situations that matter most: renames without moved blocks, count to for_each, cascading
 * replacements, removed blocks, destroy mode, -replace. Skipped when terraform is absent.
 */
class RealTerraformScenarioTest {
  @TempDir Path work;

  @BeforeEach
  void needTerraform() {
    assumeTrue(TerraformScenarios.available(),
        "terraform not on PATH: skipping real-Terraform scenario tests");
  }

  private Report analyze(String scenario) throws Exception {
    Path plan = TerraformScenarios.plan(scenario, work);
    return new Pipeline().check(CheckRequest.plansOnly(List.of(plan)));
  }

  private static Map<String, Finding> byAddress(Report r) {
    return r.findings().stream().collect(Collectors.toMap(Finding::key, Function.identity()));
  }

  @Test
  void moduleRenameWithoutMovedBlockDestroysEverythingAndSuggestsOneModuleMove()
      throws Exception {
    Report r = analyze("module-rename");
    assertThat(r.decision()).isEqualTo(Decision.APPROVAL_REQUIRED);
    Map<String, Finding> f = byAddress(r);
    assertThat(f.keySet()).containsExactlyInAnyOrder(
        "module.env.terraform_data.app[0]", "module.env.terraform_data.app[1]",
        "module.env.terraform_data.database",
        "module.env.module.network.terraform_data.subnet[\"a\"]",
        "module.env.module.network.terraform_data.subnet[\"b\"]",
        "module.env.module.network.terraform_data.vpc");
    for (Finding x : f.values()) {
      assertThat(x.action()).isEqualTo(FindingAction.DELETE);
      assertThat(x.reason()).isEqualTo("delete_because_no_resource_config");
      assertThat(x.suggestion())
          .isEqualTo("moved {\n  from = module.env\n  to   = module.environment\n}");
      assertThat(x.explanation()).contains("resource block was removed", "rename");
    }
    // The root monitor reads module outputs that come from the vpc: it is downstream, and it is
    // changing (an update), so nothing is hidden.
    Finding vpc = f.get("module.env.module.network.terraform_data.vpc");
    assertThat(vpc.downstream().changing()).contains(
        "module.env.module.network.terraform_data.subnet[\"a\"]",
        "module.env.terraform_data.database", "terraform_data.monitor");
    assertThat(vpc.downstream().changing()).noneMatch(a -> a.startsWith("module.environment"));
  }

  @Test
  void movedBlockMeansNothingIsDestroyed() throws Exception {
    Report r = analyze("moved-block");
    assertThat(r.findings()).isEmpty();
    assertThat(r.decision()).isEqualTo(Decision.PASS);
  }

  @Test
  void countToForEachSuggestsInstanceMoves() throws Exception {
    Report r = analyze("count-to-for-each");
    Map<String, Finding> f = byAddress(r);
    assertThat(f.keySet()).containsExactlyInAnyOrder(
        "terraform_data.worker[0]", "terraform_data.worker[1]");
    assertThat(f.get("terraform_data.worker[0]").reason())
        .isEqualTo("delete_because_wrong_repetition");
    assertThat(f.get("terraform_data.worker[0]").suggestion()).isEqualTo(
        "moved {\n  from = terraform_data.worker[0]\n  to   = terraform_data.worker[\"a\"]\n}");
    assertThat(f.get("terraform_data.worker[1]").suggestion()).contains(
        "to   = terraform_data.worker[\"b\"]");
    assertThat(f.get("terraform_data.worker[0]").downstream().changing())
        .containsExactly("terraform_data.lb");
  }

  @Test
  void cascadingReplacementShowsTheHiddenBlastRadius() throws Exception {
    Report r = analyze("cascade-replace");
    Map<String, Finding> f = byAddress(r);
    assertThat(f.keySet()).containsExactlyInAnyOrder("terraform_data.vpc",
        "terraform_data.subnet[\"a\"]", "terraform_data.subnet[\"b\"]", "terraform_data.server");
    Finding vpc = f.get("terraform_data.vpc");
    assertThat(vpc.action()).isEqualTo(FindingAction.REPLACE);
    assertThat(vpc.replaceOrder()).isEqualTo(ReplaceOrder.DELETE_BEFORE_CREATE);
    assertThat(vpc.replacedBecause()).containsExactly("triggers_replace");
    assertThat(vpc.downstream().changing()).containsExactlyInAnyOrder(
        "terraform_data.subnet[\"a\"]", "terraform_data.subnet[\"b\"]", "terraform_data.server",
        "terraform_data.dns");
    // audit only has depends_on on the vpc: Terraform leaves it no-op, the graph does not.
    assertThat(vpc.downstream().unchanged()).containsExactly("terraform_data.audit");
    assertThat(vpc.explanation()).contains("`triggers_replace` cannot change in place",
        "5 resources depend on it (1 not changed by this plan)");
  }

  @Test
  void removedBlockWithDestroyFalseIsAForgetThatPasses() throws Exception {
    Report r = analyze("removed-forget");
    Map<String, Finding> f = byAddress(r);
    assertThat(f.get("terraform_data.keep").action()).isEqualTo(FindingAction.FORGET);
    assertThat(f.get("terraform_data.keep").explanation()).contains("not destroyed");
    assertThat(f.get("terraform_data.other").action()).isEqualTo(FindingAction.DELETE);
    assertThat(r.decision()).isEqualTo(Decision.APPROVAL_REQUIRED); // because of "other"
  }

  @Test
  void destroyModeIsExplainedAsSuch() throws Exception {
    Report r = analyze("destroy-mode");
    assertThat(r.findings()).hasSize(4).allSatisfy(x -> {
      assertThat(x.action()).isEqualTo(FindingAction.DELETE);
      assertThat(x.reason()).isNull();
      assertThat(x.explanation()).contains("plan -destroy");
      assertThat(x.why()).isEqualTo("the plan destroys everything (terraform plan -destroy)");
    });
    // The table's short reason, too: not "no reason given".
    assertThat(new dev.plangate.core.report.TextReportRenderer(false).render(r))
        .contains("the plan destroys everything").doesNotContain("no reason given");
    assertThat(byAddress(r).get("terraform_data.vpc").downstream().total()).isEqualTo(3);
  }

  @Test
  void replaceByRequest() throws Exception {
    Report r = analyze("replace-by-request");
    Finding db = byAddress(r).get("terraform_data.db");
    assertThat(db.action()).isEqualTo(FindingAction.REPLACE);
    assertThat(db.reason()).isEqualTo("replace_by_request");
    assertThat(db.explanation()).contains("-replace");
    assertThat(db.downstream().changing()).containsExactly("terraform_data.app");
  }

  @Test
  void binaryPlanIsConvertedWithTerraformShow() throws Exception {
    Path json = TerraformScenarios.plan("cascade-replace", work);
    Report fromJson = new Pipeline().check(CheckRequest.plansOnly(List.of(json)));
    Report fromBinary = new Pipeline().check(CheckRequest.plansOnly(List.of(TerraformScenarios.binaryPlan(json))));
    assertThat(fromBinary.errors()).isEmpty();
    assertThat(fromBinary.findings()).extracting(Finding::key, Finding::action)
        .containsExactlyElementsOf(fromJson.findings().stream()
            .map(x -> org.assertj.core.groups.Tuple.tuple(x.key(), x.action())).toList());
  }
}
