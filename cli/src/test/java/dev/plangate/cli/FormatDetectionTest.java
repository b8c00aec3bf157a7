package dev.plangate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code plangate check --plan} recognises each format by content, not by file name. */
class FormatDetectionTest {
  static final ObjectMapper JSON = new ObjectMapper();
  static final Path CHANGE_SETS = CliRun.shared().resolve("corpus/cloudformation/changesets");
  static final Path PULUMI = CliRun.shared().resolve("corpus/pulumi");

  static JsonNode json(String... args) throws Exception {
    List<String> all = new ArrayList<>(List.of("check", "--format", "json"));
    all.addAll(List.of(args));
    CliRun r = CliRun.run(all.toArray(String[]::new));
    assertThat(r.err()).isEmpty();
    return JSON.readTree(r.out());
  }

  @Test
  void aChangeSetThatRemovesAResourceNeedsApproval() throws Exception {
    CliRun r = CliRun.run("check", "--plan",
        CHANGE_SETS.resolve("awsdocs-add-remove.json").toString());
    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.out()).contains("DESTROY  MyEC2Instance  removed from the template");

    JsonNode report = json("--plan", CHANGE_SETS.resolve("awsdocs-add-remove.json").toString());
    assertThat(report.get("plans").get(0).get("format").asText())
        .isEqualTo("cloudformation-change-set");
    assertThat(report.get("findings")).hasSize(1);
    assertThat(report.get("findings").get(0).get("action").asText()).isEqualTo("delete");
  }

  @Test
  void nestedChangeSetsGivenTogetherAreOnePlanWithStackPaths() throws Exception {
    JsonNode report = json("--plan", CHANGE_SETS.resolve("awsdocs-nested-root.json").toString(),
        "--plan", CHANGE_SETS.resolve("awsdocs-nested-child.json").toString());
    assertThat(report.get("plans")).hasSize(1);
    assertThat(report.get("errors")).isEmpty();
  }

  @Test
  void aPulumiPreviewIsRecognised() throws Exception {
    JsonNode report = json("--plan", PULUMI.resolve("preview-json/stratify-preview-deletes.json")
        .toString());
    assertThat(report.get("plans").get(0).get("format").asText()).isEqualTo("pulumi");
    assertThat(report.get("summary").get("delete").asInt()).isEqualTo(14);
    assertThat(report.get("decision").asText()).isEqualTo("approval_required");
  }

  @Test
  void aStackExportIsReadBesideThePreview() throws Exception {
    JsonNode report = json("--plan",
        PULUMI.resolve("preview-json/drift-adopter-aws-tags-and-sets.json").toString(),
        "--stack-export",
        PULUMI.resolve("state/drift-adopter-aws-tags-and-sets.state.json").toString());
    assertThat(report.get("errors")).isEmpty();
    assertThat(report.get("findings")).hasSize(1);

    CliRun missing = CliRun.run("check", "--plan",
        PULUMI.resolve("preview-json/drift-adopter-aws-tags-and-sets.json").toString(),
        "--stack-export", "/nonexistent/export.json");
    assertThat(missing.exitCode()).isEqualTo(2);
    assertThat(missing.err()).contains("export.json");
  }

  @Test
  void aPulumiEventStreamIsRecognised() throws Exception {
    JsonNode report = json("--plan",
        PULUMI.resolve("engine-events/pulumi-lifecycle-delete-before-replace.jsonl").toString());
    assertThat(report.get("plans").get(0).get("format").asText()).isEqualTo("pulumi");
    assertThat(report.get("findings")).allSatisfy(f ->
        assertThat(f.get("replaceOrder").asText()).isEqualTo("delete_before_create"));
  }

  @Test
  void formatsMixInOneRun() throws Exception {
    JsonNode report = json("--plan", CliRun.kiro().toString(),
        "--plan", CHANGE_SETS.resolve("awsdocs-add-remove.json").toString(),
        "--plan", PULUMI.resolve("preview-json/stratify-preview-deletes.json").toString());
    assertThat(report.get("plans")).extracting(p -> p.get("format").asText())
        .containsExactlyInAnyOrder("terraform", "cloudformation-change-set", "pulumi");
    assertThat(report.get("summary").get("delete").asInt()).isEqualTo(9 + 1 + 14);
  }
}
