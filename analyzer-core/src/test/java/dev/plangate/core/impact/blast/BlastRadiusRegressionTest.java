package dev.plangate.core.impact.blast;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.plangate.core.api.CheckRequest;
import dev.plangate.core.pipeline.Pipeline;
import dev.plangate.core.impact.Finding;
import dev.plangate.core.impact.FindingAction;
import dev.plangate.core.report.Report;
import dev.plangate.core.testing.TerraformScenarios;
import java.net.URL;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The three misses of issue 18, each over a real terraform_data plan: planned afresh where
 * terraform is on PATH, and from the plan committed under {@code blast-radius/} (made by its
 * {@code regenerate.sh} from the same scenario) everywhere.
 */
class BlastRadiusRegressionTest {
  private static final String MODULE_DEPENDS_ON_RENAME = "blast-module-depends-on-rename";
  private static final String RENAMED_RESOURCE = "blast-renamed-resource-for-each-module";
  private static final String REMOVED_IN_MOVED_MODULE = "blast-removed-in-moved-module";

  @TempDir Path work;

  // ---- 1. module-level depends_on across a module rename without moved --------------------

  @Test
  void moduleDependsOnAcrossRenameCommittedPlan() throws Exception {
    moduleDependsOnAcrossRename(committed(MODULE_DEPENDS_ON_RENAME));
  }

  @Test
  void moduleDependsOnAcrossRenameFreshPlan() throws Exception {
    moduleDependsOnAcrossRename(fresh(MODULE_DEPENDS_ON_RENAME));
  }

  private static void moduleDependsOnAcrossRename(Report r) {
    Map<String, Finding> f = byKey(r);
    assertThat(f.keySet()).containsExactlyInAnyOrder("module.m3.terraform_data.a[0]",
        "module.m3.terraform_data.a[1]", "module.m3.terraform_data.b");
    for (Finding x : f.values()) {
      assertThat(x.action()).isEqualTo(FindingAction.DELETE);
      // r4 has depends_on = [module.m3x] now, [module.m3] before: it depended on every
      // instance of the old module, and r5 reads r4.
      assertThat(all(x)).as(x.address()).contains("terraform_data.r4", "terraform_data.r5")
          .noneMatch(a -> a.startsWith("module.m3x."));
    }
    assertThat(all(f.get("module.m3.terraform_data.a[0]")))
        .contains("module.m3.terraform_data.b");
  }

  // ---- 2. a renamed resource in a for_each module, reached via triggers and variables -------

  @Test
  void renamedResourceInForEachModuleCommittedPlan() throws Exception {
    renamedResourceInForEachModule(committed(RENAMED_RESOURCE));
  }

  @Test
  void renamedResourceInForEachModuleFreshPlan() throws Exception {
    renamedResourceInForEachModule(fresh(RENAMED_RESOURCE));
  }

  private static void renamedResourceInForEachModule(Report r) {
    Map<String, Finding> f = byKey(r);
    assertThat(f.keySet()).containsExactlyInAnyOrder("module.svc[\"a\"].terraform_data.r26",
        "module.svc[\"b\"].terraform_data.r26");
    for (String key : List.of("a", "b")) {
      String other = key.equals("a") ? "b" : "a";
      String in = "module.svc[\"" + key + "\"].";
      Finding x = f.get(in + "terraform_data.r26");
      assertThat(all(x)).as(x.address()).contains(
          in + "terraform_data.e27[0]", in + "terraform_data.e27[1]",
          in + "module.inner.terraform_data.r28",
          "terraform_data.c29[0]", "terraform_data.c29[1]", "terraform_data.r30")
          // Only its own module instance, and never the object created in its place.
          .noneMatch(a -> a.startsWith("module.svc[\"" + other + "\"]."))
          .doesNotContain(in + "terraform_data.r26x");
      assertThat(x.suggestion()).contains("terraform_data.r26x");
    }
  }

  // ---- 3. a resource removed inside a module a moved block renames --------------------------

  @Test
  void removedInsideMovedModuleCommittedPlan() throws Exception {
    removedInsideMovedModule(committed(REMOVED_IN_MOVED_MODULE));
  }

  @Test
  void removedInsideMovedModuleFreshPlan() throws Exception {
    removedInsideMovedModule(fresh(REMOVED_IN_MOVED_MODULE));
  }

  private static void removedInsideMovedModule(Report r) {
    Map<String, Finding> f = byKey(r);
    assertThat(f.keySet()).containsExactly("module.m1.module.m14x.terraform_data.r2");
    Finding x = f.get("module.m1.module.m14x.terraform_data.r2");
    assertThat(x.action()).isEqualTo(FindingAction.DELETE);
    // w recorded its dependency under the old path module.m1.module.m14; z and top follow w.
    assertThat(all(x)).contains("module.m1.terraform_data.w", "terraform_data.z",
        "terraform_data.top");
  }

  // ---- helpers ----------------------------------------------------------------------------

  private Report fresh(String scenario) throws Exception {
    assumeTrue(TerraformScenarios.available(),
        "terraform not on PATH: skipping the fresh plan of " + scenario
            + " (the committed plan is tested instead)");
    return analyze(TerraformScenarios.plan(scenario, work));
  }

  private static Report committed(String scenario) throws Exception {
    URL url = BlastRadiusRegressionTest.class.getResource(
        "/blast-radius/" + scenario + ".plan.json");
    assertThat(url).as("committed plan of " + scenario).isNotNull();
    return analyze(Path.of(url.toURI()));
  }

  private static Report analyze(Path plan) {
    Report r = new Pipeline().check(CheckRequest.plansOnly(List.of(plan)));
    assertThat(r.errors()).isEmpty();
    return r;
  }

  private static Map<String, Finding> byKey(Report r) {
    return r.findings().stream().collect(Collectors.toMap(Finding::key, Function.identity()));
  }

  private static List<String> all(Finding f) {
    List<String> out = new ArrayList<>(f.downstream().changing());
    out.addAll(f.downstream().unchanged());
    return out;
  }
}
