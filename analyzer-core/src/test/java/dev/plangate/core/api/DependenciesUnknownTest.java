package dev.plangate.core.api;

import dev.plangate.core.pipeline.Pipeline;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.plangate.core.impact.Finding;
import dev.plangate.core.model.Plan;
import dev.plangate.core.model.PlanFormat;
import dev.plangate.core.policy.Policy;
import dev.plangate.core.report.RenderOptions;
import dev.plangate.core.report.Renderers;
import dev.plangate.core.report.Report;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A file that cannot say what depends on what must never be reported as "nothing depends on it":
 * each reader's output is tried without and with the input that gives the dependencies, and every
 * rendering is read for the honest wording.
 */
class DependenciesUnknownTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  static Path fixture(String name) {
    try {
      return Path.of(DependenciesUnknownTest.class.getResource("/dependencies-known/" + name)
          .toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  static Report check(List<Path> plans, PlanExtras extras) {
    return new Pipeline().check(CheckRequest.builder(plans).policy(Policy.defaults())
        .today(LocalDate.of(2026, 1, 15)).extras(extras).build());
  }

  static PlanExtras stackExport(Path export) {
    return new PlanExtras(export, List.of(), null, null, null, null);
  }

  static PlanExtras template(Path template) {
    return new PlanExtras(null, List.of(template), null, null, null, null);
  }

  static Finding only(Report r) {
    assertThat(r.findings()).hasSize(1);
    return r.findings().get(0);
  }

  static List<String> warnings(Report r) {
    return r.plans().stream().flatMap(p -> p.warnings().stream()).toList();
  }

  /** Every rendering of a report with one finding whose dependencies are unknown. */
  static void assertUnknownEverywhere(Report r, PlanFormat format, String passWhat)
      throws Exception {
    Finding f = only(r);
    assertThat(f.downstream().known()).isFalse();
    assertThat(f.explanation()).doesNotContain("nothing depends on it")
        .contains("dependencies unknown");
    String warning = Plan.dependenciesUnknownWarning(format);
    assertThat(warning).contains(passWhat);
    assertThat(warnings(r)).containsOnlyOnce(warning);

    JsonNode json = JSON.readTree(Renderers.JSON.render(r, RenderOptions.DEFAULT));
    JsonNode downstream = json.get("findings").get(0).get("downstream");
    assertThat(downstream.get("known").isBoolean()).isTrue();
    assertThat(downstream.get("known").asBoolean()).isFalse();

    JsonNode sarif = JSON.readTree(Renderers.SARIF.render(r, RenderOptions.DEFAULT));
    JsonNode result = sarif.get("runs").get(0).get("results").get(0);
    assertThat(result.get("properties").get("downstreamKnown").asBoolean()).isFalse();
    assertThat(result.get("message").get("text").asText())
        .contains("dependencies unknown").doesNotContain("nothing depends on it");

    String text = Renderers.TEXT.render(r, RenderOptions.DEFAULT);
    assertThat(text).contains("dependencies unknown").doesNotContain("nothing depends on it")
        .contains(passWhat);
    String markdown = Renderers.MARKDOWN.render(r, RenderOptions.DEFAULT);
    assertThat(markdown).contains("| unknown").doesNotContain("nothing depends on it");
  }

  static void assertKnown(Report r, String dependent) throws Exception {
    Finding f = only(r);
    assertThat(f.downstream().known()).isTrue();
    assertThat(f.downstream().unchanged()).contains(dependent);
    assertThat(warnings(r)).noneMatch(w -> w.startsWith("Dependencies unknown"));
    JsonNode json = JSON.readTree(Renderers.JSON.render(r, RenderOptions.DEFAULT));
    assertThat(json.get("findings").get(0).get("downstream").get("known").asBoolean()).isTrue();
  }

  @Test
  void aChangeSetWithoutItsTemplateDoesNotKnowItsDependents() throws Exception {
    assertUnknownEverywhere(check(List.of(fixture("changeset.json")), PlanExtras.none()),
        PlanFormat.CLOUDFORMATION_CHANGE_SET, "--template");
  }

  @Test
  void aChangeSetWithItsTemplateKnowsThem() throws Exception {
    assertKnown(check(List.of(fixture("changeset.json")), template(fixture("template.yaml"))),
        "OrdersAlarm");
  }

  @Test
  void aPulumiPreviewWithoutAStackExportDoesNotKnowItsDependents() throws Exception {
    assertUnknownEverywhere(check(List.of(fixture("pulumi-preview.json")), PlanExtras.none()),
        PlanFormat.PULUMI, "--stack-export");
  }

  @Test
  void aPulumiPreviewWithAStackExportKnowsThem() throws Exception {
    assertKnown(check(List.of(fixture("pulumi-preview.json")),
        stackExport(fixture("pulumi-stack-export.json"))),
        "aws:lambda/eventSourceMapping:EventSourceMapping::consumer");
  }

  @Test
  void aTerraformPlanWithoutConfigurationDoesNotKnowItsDependents() throws Exception {
    assertUnknownEverywhere(check(List.of(fixture("terraform-plan-without-configuration.json")),
        PlanExtras.none()), PlanFormat.TERRAFORM, "terraform show -json");
  }

  @Test
  void aTerraformPlanWithConfigurationKnowsThem() throws Exception {
    assertKnown(check(List.of(fixture("terraform-plan.json")), PlanExtras.none()),
        "terraform_data.app");
  }
}
