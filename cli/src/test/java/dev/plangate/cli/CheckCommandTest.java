package dev.plangate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code plangate check} end to end, in-process: exit codes, the three formats, colour, usage. */
class CheckCommandTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String ESC = "\u001b";

  @TempDir Path tmp;

  // ---- text report -------------------------------------------------------------------------

  @Test
  void kiroIncidentRequiresApprovalAndSuggestsTheMovedBlock() {
    CliRun r = CliRun.run("check", "--plan", CliRun.kiro().toString());

    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.firstOutLine()).startsWith("✖ plangate: approval required");
    assertThat(r.firstOutLine()).contains("destroys 9");
    assertThat(r.out()).contains("from = module.env").contains("to   = module.environment");
    assertThat(r.out()).contains("moved {");
    assertThat(r.out()).contains("DESTROY  module.env.terraform_data.database");
    assertThat(r.out()).doesNotContain(ESC);
    assertThat(r.err()).isEmpty();
  }

  @Test
  void colourOnATerminal() {
    CliRun r = CliRun.run(Map.of(), true, "check", "--plan", CliRun.kiro().toString());

    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.out()).contains(ESC + "[");
    assertThat(r.out()).contains("\u001b[31m");
  }

  @Test
  void noColorEnvironmentVariableTurnsColourOff() {
    CliRun r = CliRun.run(Map.of("NO_COLOR", "1"), true, "check", "--plan",
        CliRun.kiro().toString());

    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.out()).startsWith("✖ plangate: approval required").doesNotContain(ESC);
  }

  @Test
  void emptyNoColorDoesNotTurnColourOff() {
    // no-color.org: "when present and not an empty string".
    CliRun r = CliRun.run(Map.of("NO_COLOR", ""), true, "check", "--plan",
        CliRun.kiro().toString());

    assertThat(r.out()).contains(ESC);
  }

  @Test
  void noColorOptionTurnsColourOff() {
    CliRun r = CliRun.run(Map.of(), true, "check", "--no-color", "--plan",
        CliRun.kiro().toString());

    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.out()).startsWith("✖ plangate: approval required").doesNotContain(ESC);
  }

  // ---- JSON report -------------------------------------------------------------------------

  @Test
  void jsonReportOfTheKiroIncident() throws Exception {
    CliRun r = CliRun.run("check", "--format", "json", "--plan", CliRun.kiro().toString());

    assertThat(r.exitCode()).isEqualTo(1);
    JsonNode root = JSON.readTree(r.out());
    assertThat(root.path("schemaVersion").isInt()).isTrue();
    assertThat(root.path("schemaVersion").asInt()).isEqualTo(1);
    assertThat(root.path("decision").asText()).isEqualTo("approval_required");
    assertThat(root.path("plans")).hasSize(1);
    assertThat(root.path("plans").get(0).path("format").asText()).isEqualTo("terraform");
    assertThat(root.path("plans").get(0).path("path").asText())
        .isEqualTo(CliRun.kiro().toString());
    assertThat(root.path("summary").path("delete").asInt()).isEqualTo(9);
    assertThat(root.path("errors")).isEmpty();

    JsonNode findings = root.path("findings");
    assertThat(findings.isArray()).isTrue();
    assertThat(findings).hasSize(9);
    List<String> addresses = new ArrayList<>();
    for (JsonNode f : findings) {
      addresses.add(f.path("address").asText());
      assertThat(f.path("action").asText()).as("action of %s", f).isEqualTo("delete");
      assertThat(f.path("suggestion").asText()).as("suggestion of %s", f)
          .contains("moved").contains("module.env").contains("module.environment");
      assertThat(f.path("downstream").path("changing").isArray()).isTrue();
      assertThat(f.path("downstream").path("unchanged").isArray()).isTrue();
      assertThat(f.has("replaceOrder")).isTrue();
      assertThat(f.get("replaceOrder").isNull()).isTrue();
      assertThat(f.has("recoverable")).isTrue();
      assertThat(f.get("recoverable").isNull() || f.get("recoverable").isBoolean()).isTrue();
      assertThat(f.path("rawActions").get(0).asText()).isEqualTo("delete");
    }
    assertThat(addresses).contains("module.env.terraform_data.database",
        "module.env.module.network.terraform_data.vpc");
    assertThat(addresses).allMatch(a -> a.startsWith("module.env."));
  }

  // ---- Markdown report ---------------------------------------------------------------------

  @Test
  void markdownReportOfTheKiroIncident() {
    CliRun r = CliRun.run("check", "--format", "markdown", "--plan", CliRun.kiro().toString());

    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.out()).startsWith("<!-- plangate-report -->");
    assertThat(r.out()).contains("### ⛔ plangate — approval required");
    assertThat(r.out()).contains("| | resource | depends on it |");
    assertThat(r.out()).contains("```mermaid");
    assertThat(r.out()).contains("```hcl\nmoved {\n  from = module.env\n  to   = module.environment\n}\n```");
    assertThat(r.out().lines().filter(l -> l.startsWith("| 🔴 destroy |"))).hasSize(9);
    assertThat(r.out()).doesNotContain(ESC);
  }

  @Test
  void formatNameIsCaseInsensitive() {
    CliRun r = CliRun.run("check", "--format", "MARKDOWN", "--plan", CliRun.kiro().toString());

    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.out()).startsWith("<!-- plangate-report -->");
  }

  // ---- --output ----------------------------------------------------------------------------

  @Test
  void outputWritesTheReportToAFileAndNothingToStdout() throws Exception {
    Path file = tmp.resolve("report.json");
    CliRun r = CliRun.run("check", "--format", "json", "--output", file.toString(), "--plan",
        CliRun.kiro().toString());

    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.out()).isEmpty();
    assertThat(file).exists();
    JsonNode root = JSON.readTree(Files.readString(file, StandardCharsets.UTF_8));
    assertThat(root.path("decision").asText()).isEqualTo("approval_required");
    assertThat(root.path("findings")).hasSize(9);
    assertThat(r.err()).contains(file.toString());
  }

  @Test
  void outputOfTheTextReportIsNeverColoured() throws Exception {
    Path file = tmp.resolve("report.txt");
    CliRun r = CliRun.run(Map.of(), true, "check", "--output", file.toString(), "--plan",
        CliRun.kiro().toString());

    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.out()).isEmpty();
    assertThat(Files.readString(file)).startsWith("✖ plangate: approval required")
        .doesNotContain(ESC);
  }

  @Test
  void unwritableOutputIsAUsageError() {
    Path file = tmp.resolve("no/such/dir/report.json");
    CliRun r = CliRun.run("check", "--format", "json", "--output", file.toString(), "--plan",
        CliRun.kiro().toString());

    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.out()).isEmpty();
    assertThat(r.errLines()).hasSize(1);
    assertThat(r.errLines().get(0)).startsWith("plangate: error: cannot write");
  }

  // ---- pass and forget ---------------------------------------------------------------------

  @Test
  void passPlanHasNoExpectedDestroys() throws Exception {
    // Guards the choice of the pass plan: no resource change in it deletes or forgets.
    JsonNode plan = JSON.readTree(CliRun.passPlan().toFile());
    assertThat(plan.path("resource_changes")).isNotEmpty().allSatisfy(rc ->
        assertThat(rc.path("change").path("actions")).extracting(JsonNode::asText)
            .doesNotContain("delete", "forget"));
  }

  @Test
  void planThatDestroysNothingPasses() {
    CliRun r = CliRun.run("check", "--plan", CliRun.passPlan().toString());

    assertThat(r.exitCode()).isEqualTo(0);
    assertThat(r.firstOutLine()).startsWith("✔ plangate: pass");
    assertThat(r.out()).doesNotContain("DESTROY");
    assertThat(r.err()).isEmpty();
  }

  @Test
  void passInJsonAndMarkdown() throws Exception {
    CliRun json = CliRun.run("check", "--format", "json", "--plan", CliRun.passPlan().toString());
    assertThat(json.exitCode()).isEqualTo(0);
    JsonNode root = JSON.readTree(json.out());
    assertThat(root.path("decision").asText()).isEqualTo("pass");
    assertThat(root.path("findings")).isEmpty();

    CliRun md = CliRun.run("check", "--format", "markdown", "--plan",
        CliRun.passPlan().toString());
    assertThat(md.exitCode()).isEqualTo(0);
    assertThat(md.out()).contains("### ✅ plangate — pass").doesNotContain("```mermaid");
  }

  @Test
  void forgetOnlyPlanPassesAndSaysTheResourceLeavesState() throws Exception {
    Path plan = tmp.resolve("forget.json");
    Files.writeString(plan, "{\"format_version\":\"1.2\",\"resource_changes\":[{\"address\":"
        + "\"terraform_data.k\",\"type\":\"terraform_data\",\"name\":\"k\",\"mode\":\"managed\","
        + "\"change\":{\"actions\":[\"forget\"]},\"action_reason\":"
        + "\"delete_because_no_resource_config\"}]}");

    CliRun r = CliRun.run("check", "--plan", plan.toString());

    assertThat(r.exitCode()).isEqualTo(0);
    assertThat(r.firstOutLine()).startsWith("✔ plangate: pass");
    assertThat(r.out()).contains("removed from state");
    assertThat(r.out()).contains("terraform_data.k");
    assertThat(r.out()).contains("FORGET");
    assertThat(r.out()).doesNotContain("DESTROY");
  }

  // ---- several plans -----------------------------------------------------------------------

  @Test
  void twoPlansAreReportedTogether() throws Exception {
    CliRun r = CliRun.run("check", "--format", "json", "--plan", CliRun.kiro().toString(),
        "--plan", CliRun.passPlan().toString());

    assertThat(r.exitCode()).isEqualTo(1);
    JsonNode root = JSON.readTree(r.out());
    assertThat(root.path("decision").asText()).isEqualTo("approval_required");
    assertThat(root.path("plans")).hasSize(2);
    assertThat(root.path("plans").get(0).path("path").asText())
        .isEqualTo(CliRun.kiro().toString());
    assertThat(root.path("plans").get(1).path("path").asText())
        .isEqualTo(CliRun.passPlan().toString());
    assertThat(root.path("findings")).hasSize(9);
    for (JsonNode f : root.path("findings")) {
      assertThat(f.path("plan").asText()).isEqualTo(CliRun.kiro().toString());
    }

    CliRun text = CliRun.run("check", "--plan", CliRun.passPlan().toString(), "--plan",
        CliRun.kiro().toString());
    assertThat(text.exitCode()).isEqualTo(1);
    assertThat(text.firstOutLine()).startsWith("✖ plangate: approval required");
  }

  @Test
  void aBadPlanNextToAGoodOneIsStillAnError() throws Exception {
    Path bad = tmp.resolve("bad.json");
    Files.writeString(bad, "not json");
    CliRun r = CliRun.run("check", "--plan", CliRun.kiro().toString(), "--plan", bad.toString());

    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.errLines()).hasSize(1);
    assertThat(r.errLines().get(0)).startsWith("plangate: error: " + bad);
  }

  // ---- usage -------------------------------------------------------------------------------

  @Test
  void help() {
    CliRun r = CliRun.run("check", "--help");

    assertThat(r.exitCode()).isEqualTo(0);
    assertThat(r.out()).contains("--plan").contains("--format").contains("Exit codes");
  }

  @Test
  void topLevelHelp() {
    CliRun r = CliRun.run("--help");

    assertThat(r.exitCode()).isEqualTo(0);
    assertThat(r.out()).contains("check");
  }

  @Test
  void version() {
    CliRun r = CliRun.run("--version");

    assertThat(r.exitCode()).isEqualTo(0);
    assertThat(r.out()).startsWith("plangate");
    assertThat(CliRun.run("check", "--version").out()).startsWith("plangate");
  }

  @Test
  void noSubcommandIsAUsageError() {
    CliRun r = CliRun.run();

    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.out()).isEmpty();
    assertThat(r.err()).contains("check");
  }

  @Test
  void unknownOptionIsOneLinePlusAHelpHint() {
    CliRun r = CliRun.run("check", "--plan", CliRun.kiro().toString(), "--bogus");

    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.out()).isEmpty();
    List<String> lines = r.errLines();
    assertThat(lines).filteredOn(l -> l.startsWith("plangate:")).hasSize(1);
    assertThat(lines.get(0)).startsWith("plangate:").contains("--bogus");
    assertThat(r.err()).contains("--help");
    assertThat(lines).hasSizeLessThanOrEqualTo(2);
  }

  @Test
  void unknownSubcommandIsAUsageError() {
    CliRun r = CliRun.run("frobnicate");

    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.errLines().get(0)).startsWith("plangate:");
  }

  @Test
  void missingPlanIsAUsageError() {
    CliRun r = CliRun.run("check");

    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.out()).isEmpty();
    assertThat(r.errLines().get(0)).startsWith("plangate:").contains("--plan");
  }

  @Test
  void unknownFormatIsAUsageError() {
    CliRun r = CliRun.run("check", "--format", "xml", "--plan", CliRun.kiro().toString());

    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.out()).isEmpty();
    assertThat(r.errLines().get(0)).startsWith("plangate:").contains("xml");
    assertThat(r.err()).contains("--help");
  }

  // ---- extra reports and plan patterns --------------------------------------------------------

  @Test
  void reportOptionsWriteEveryFormatFromTheSameResult() throws Exception {
    Path json = tmp.resolve("report.json");
    Path sarif = tmp.resolve("plangate.sarif");
    Path md = tmp.resolve("report.md");
    CliRun r = CliRun.run("check", "--plan", CliRun.kiro().toString(), "--report",
        "json=" + json, "--report", "sarif=" + sarif, "--report", "markdown=" + md);

    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.firstOutLine()).startsWith("✖ plangate: approval required");
    JsonNode report = JSON.readTree(json.toFile());
    JsonNode run = JSON.readTree(sarif.toFile()).path("runs").get(0);
    assertThat(report.path("decision").asText()).isEqualTo("approval_required");
    assertThat(run.path("properties").path("fingerprint").asText())
        .isEqualTo(report.path("fingerprint").asText());
    assertThat(run.path("results")).hasSize(report.path("findings").size());
    assertThat(Files.readString(md)).contains(report.path("fingerprint").asText());
  }

  @Test
  void anUnwritableReportFileIsAUsageError() {
    CliRun r = CliRun.run("check", "--plan", CliRun.kiro().toString(), "--report",
        "json=" + tmp.resolve("no/such/dir/r.json"));
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains("cannot write").contains("no such directory");
  }

  @Test
  void aPlanPatternNamesEveryMatchingFileAndOneMatchingNothingIsAnError() throws Exception {
    Path a = Files.createDirectories(tmp.resolve("infra/a"));
    Path b = Files.createDirectories(tmp.resolve("infra/b/deep"));
    Files.copy(CliRun.kiro(), a.resolve("plan.json"));
    Files.copy(CliRun.kiro(), b.resolve("plan.json"));
    Path json = tmp.resolve("r.json");

    CliRun r = CliRun.run("check", "--plan", tmp + "/infra/**/plan.json", "--report",
        "json=" + json);
    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(JSON.readTree(json.toFile()).path("plans")).hasSize(2);

    CliRun none = CliRun.run("check", "--plan", tmp + "/infra/**/nothing.json");
    assertThat(none.exitCode()).isEqualTo(2);
    assertThat(none.err()).contains("--plan: no file matches '" + tmp
        + "/infra/**/nothing.json'");
  }
}
