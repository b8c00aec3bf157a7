package dev.plangate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code plangate check --plan} recognises each format by content, not by file name. The inputs
 * are the project's own: the examples, the core's change-set fixtures, and files written here
 * (every one under a name that says nothing of its format).
 */
class FormatDetectionTest {
  static final ObjectMapper JSON = new ObjectMapper();
  static final Path CHANGE_SETS =
      CliRun.repoRoot().resolve("analyzer-core/src/test/resources/cloudformation/changesets");
  static final Path PULUMI = CliRun.repoRoot().resolve("examples/pulumi-preview");

  @TempDir Path tmp;

  static JsonNode json(String... args) throws Exception {
    List<String> all = new ArrayList<>(List.of("check", "--format", "json"));
    all.addAll(List.of(args));
    CliRun r = CliRun.run(all.toArray(String[]::new));
    assertThat(r.err()).isEmpty();
    return JSON.readTree(r.out());
  }

  /** An {@code aws cloudformation describe-change-set} answer that removes one instance. */
  Path removal() throws Exception {
    Path f = tmp.resolve("input-1");
    Files.writeString(f, """
        {
          "ChangeSetName": "remove-instance",
          "StackName": "web",
          "Status": "CREATE_COMPLETE",
          "ExecutionStatus": "AVAILABLE",
          "Changes": [
            {"Type": "Resource", "ResourceChange": {
              "Action": "Remove", "LogicalResourceId": "MyEC2Instance",
              "PhysicalResourceId": "i-0abc1234def567890", "ResourceType": "AWS::EC2::Instance",
              "Scope": [], "Details": []}},
            {"Type": "Resource", "ResourceChange": {
              "Action": "Add", "LogicalResourceId": "MyQueue",
              "ResourceType": "AWS::SQS::Queue", "Scope": [], "Details": []}}
          ]
        }
        """);
    return f;
  }

  /** An engine-event stream ({@code pulumi up --json --event-log}) whose replacement deletes first. */
  Path deleteBeforeReplaceEvents() throws Exception {
    String urn = "urn:pulumi:dev::app::aws:s3/bucket:Bucket::logs";
    String old = "{\"urn\":\"" + urn + "\",\"type\":\"aws:s3/bucket:Bucket\",\"custom\":true,"
        + "\"id\":\"logs-1\"}";
    String neu = old.replace("logs-1", "logs-2");
    StringBuilder lines = new StringBuilder();
    int seq = 1;
    for (String op : List.of("delete-replaced", "create-replacement", "replace")) {
      for (String kind : List.of("resourcePreEvent", "resOutputsEvent")) {
        lines.append("{\"sequence\":").append(seq++).append(",\"timestamp\":1,\"").append(kind)
            .append("\":{\"metadata\":{\"op\":\"").append(op).append("\",\"urn\":\"").append(urn)
            .append("\",\"type\":\"aws:s3/bucket:Bucket\",\"old\":").append(old)
            .append(",\"new\":").append(op.equals("delete-replaced") ? "null" : neu)
            .append(",\"keys\":[\"bucket\"]},\"planning\":true}}\n");
      }
    }
    lines.append("{\"sequence\":99,\"timestamp\":1,\"summaryEvent\":{\"maybeCorrupt\":false,"
        + "\"durationSeconds\":1,\"resourceChanges\":{},\"PolicyPacks\":{}}}\n");
    Path f = tmp.resolve("input-2");
    Files.writeString(f, lines);
    return f;
  }

  @Test
  void aChangeSetThatRemovesAResourceNeedsApproval() throws Exception {
    CliRun r = CliRun.run("check", "--plan", removal().toString());
    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.out()).contains("DESTROY  MyEC2Instance  removed from the template");

    JsonNode report = json("--plan", removal().toString());
    assertThat(report.get("plans").get(0).get("format").asText())
        .isEqualTo("cloudformation-change-set");
    assertThat(report.get("findings")).hasSize(1);
    assertThat(report.get("findings").get(0).get("action").asText()).isEqualTo("delete");
  }

  @Test
  void nestedChangeSetsGivenTogetherAreOnePlanWithStackPaths() throws Exception {
    JsonNode report = json("--plan", CHANGE_SETS.resolve("nested-root.json").toString(),
        "--plan", CHANGE_SETS.resolve("nested-child.json").toString(),
        "--plan", CHANGE_SETS.resolve("nested-grandchild.json").toString());
    assertThat(report.get("plans")).hasSize(1);
    assertThat(report.get("errors")).isEmpty();
    // Without the grandchild, what the child's nested stack changes is unseen: an input error.
    CliRun partial = CliRun.run("check", "--plan",
        CHANGE_SETS.resolve("nested-root.json").toString(), "--plan",
        CHANGE_SETS.resolve("nested-child.json").toString());
    assertThat(partial.exitCode()).isEqualTo(2);
    assertThat(partial.err()).contains("nested stack A/B changes, but its change set");
  }

  @Test
  void aPulumiPreviewIsRecognised() throws Exception {
    JsonNode report = json("--plan", PULUMI.resolve("preview.json").toString());
    assertThat(report.get("plans").get(0).get("format").asText()).isEqualTo("pulumi");
    assertThat(report.get("summary").get("replace").asInt()).isEqualTo(2);
    assertThat(report.get("decision").asText()).isEqualTo("approval_required");
  }

  @Test
  void aStackExportIsReadBesideThePreview() throws Exception {
    JsonNode report = json("--plan", PULUMI.resolve("preview.json").toString(),
        "--stack-export", PULUMI.resolve("stack-export.json").toString());
    assertThat(report.get("errors")).isEmpty();
    assertThat(report.get("findings")).hasSize(2);

    CliRun missing = CliRun.run("check", "--plan", PULUMI.resolve("preview.json").toString(),
        "--stack-export", "/nonexistent/export.json");
    assertThat(missing.exitCode()).isEqualTo(2);
    assertThat(missing.err()).contains("export.json");
  }

  @Test
  void aPulumiEventStreamIsRecognised() throws Exception {
    JsonNode report = json("--plan", deleteBeforeReplaceEvents().toString());
    assertThat(report.get("plans").get(0).get("format").asText()).isEqualTo("pulumi");
    assertThat(report.get("findings")).isNotEmpty().allSatisfy(f ->
        assertThat(f.get("replaceOrder").asText()).isEqualTo("delete_before_create"));

    // The dangerous order is said in the text line, as it is for Terraform.
    CliRun text = CliRun.run("check", "--plan", deleteBeforeReplaceEvents().toString());
    assertThat(text.out()).contains("REPLACE").contains("(destroy before create)");
  }

  @Test
  void formatsMixInOneRun() throws Exception {
    JsonNode report = json("--plan", CliRun.kiro().toString(),
        "--plan", removal().toString(),
        "--plan", PULUMI.resolve("preview.json").toString());
    assertThat(report.get("plans")).extracting(p -> p.get("format").asText())
        .containsExactlyInAnyOrder("terraform", "cloudformation-change-set", "pulumi");
    assertThat(report.get("summary").get("delete").asInt()).isEqualTo(9 + 1);
    assertThat(report.get("summary").get("replace").asInt()).isEqualTo(2);
  }
}
