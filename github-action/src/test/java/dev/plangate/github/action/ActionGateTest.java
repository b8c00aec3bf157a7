package dev.plangate.github.action;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The "Run plangate" step: the argv it builds, its input checks, exit code and outputs. */
class ActionGateTest {

  @TempDir Path tmp;

  private static List<String> expectedArgs(ActionSandbox s, String comment, String... rest) {
    List<String> args = new ArrayList<>(List.of("check"));
    args.addAll(List.of(rest));
    args.addAll(List.of("--comment", comment));
    args.addAll(List.of("--report", "json=" + s.runnerTemp.resolve("plangate/report.json")));
    return args;
  }

  @Test
  void plansBecomeOneArgumentPerLineWithGlobsLeftForTheJar() throws Exception {
    ActionSandbox s = ActionSandbox.create(tmp);
    // Files a shell glob would match: if run.sh expanded `infra/*.json`, argv would show them.
    Files.createDirectories(s.workspace.resolve("infra"));
    Files.writeString(s.workspace.resolve("infra/a.json"), "{}");
    Files.writeString(s.workspace.resolve("infra/b.json"), "{}");

    ActionRunner.Result r = s.runner()
        .input("plans", "\n   infra/plan.json   \n\n# a comment line\n\t  # an indented comment\n"
            + "envs/my plan.json\n**/plan.json\ninfra/*.json\r\n  tab\tinside.json \n")
        .input("formats", "json")
        .run();

    assertThat(r.exitCode()).isZero();
    assertThat(s.jarArgs()).containsExactlyElementsOf(expectedArgs(s, "update",
        "--plan", "infra/plan.json",
        "--plan", "envs/my plan.json",
        "--plan", "**/plan.json",
        "--plan", "infra/*.json",
        "--plan", "tab\tinside.json"));
    assertThat(s.javaJar()).isEqualTo(r.step("build").outputs().get("jar"));
    assertThat(s.javaCwd()).isEqualTo(s.workspace.toRealPath());
  }

  @Test
  void defaultsWriteJsonAndMarkdownUnderRunnerTemp() throws Exception {
    ActionSandbox s = ActionSandbox.create(tmp);
    ActionRunner.Result r = s.runner().input("plans", "plan.json").run();

    assertThat(r.exitCode()).isZero();
    Path out = s.runnerTemp.resolve("plangate");
    assertThat(s.jarArgs()).containsExactly("check", "--plan", "plan.json", "--comment", "update",
        "--report", "json=" + out.resolve("report.json"),
        "--report", "markdown=" + out.resolve("report.md"));
    assertThat(out.resolve("report.json")).hasContent("fake json report");
    assertThat(out.resolve("report.md")).hasContent("fake markdown report");
    // The setup steps are recorded, not run; their with: is evaluated from the inputs.
    assertThat(r.uses()).hasSize(4);
    assertThat(r.steps().get(0).with()).containsEntry("java-version", "17")
        .containsEntry("distribution", "temurin");
    assertThat(r.warnings()).isEmpty();
  }

  @Test
  void everyFormatGetsItsReportFileAndJsonIsAlwaysWritten() throws Exception {
    ActionSandbox s = ActionSandbox.create(tmp);
    ActionRunner.Result r = s.runner()
        .input("plans", "plan.json")
        .input("formats", " sarif, text,markdown\n")
        .run();

    assertThat(r.exitCode()).isZero();
    Path out = s.runnerTemp.resolve("plangate");
    assertThat(s.jarArgs()).containsExactly("check", "--plan", "plan.json", "--comment", "update",
        "--report", "json=" + out.resolve("report.json"),
        "--report", "markdown=" + out.resolve("report.md"),
        "--report", "text=" + out.resolve("report.txt"),
        "--report", "sarif=" + out.resolve("report.sarif"));
    for (String f : List.of("report.json", "report.md", "report.txt", "report.sarif")) {
      assertThat(out.resolve(f)).exists();
    }
  }

  @Test
  void staleReportsFromAnEarlierRunAreRemoved() throws Exception {
    ActionSandbox s = ActionSandbox.create(tmp);
    Path out = Files.createDirectories(s.runnerTemp.resolve("plangate"));
    Files.writeString(out.resolve("report.txt"), "from an earlier run");
    s.runner().input("plans", "plan.json").input("formats", "json").run();
    assertThat(out.resolve("report.txt")).doesNotExist();
    assertThat(out.resolve("report.json")).exists();
  }

  @Test
  void sarifInputWritesThereRelativeToTheWorkingDirectory() throws Exception {
    ActionSandbox s = ActionSandbox.create(tmp);
    Files.createDirectories(s.workspace.resolve("infra"));
    ActionRunner.Result r = s.runner()
        .input("plans", "plan.json")
        .input("working-directory", "infra")
        .input("formats", "json,sarif")
        .input("sarif", "results/deep/plangate.sarif")
        .run();

    assertThat(r.exitCode()).isZero();
    // One SARIF file: the sarif input takes the place of report.sarif.
    List<String> expected = expectedArgs(s, "update", "--plan", "plan.json");
    expected.addAll(List.of("--report", "sarif=results/deep/plangate.sarif"));
    assertThat(s.jarArgs()).containsExactlyElementsOf(expected);
    assertThat(s.workspace.resolve("infra/results/deep/plangate.sarif"))
        .hasContent("fake sarif report");
    assertThat(s.javaCwd()).isEqualTo(s.workspace.resolve("infra").toRealPath());
  }

  @Test
  void policyLabelAndCommentOffArePassedOn() throws Exception {
    ActionSandbox s = ActionSandbox.create(tmp);
    s.runner()
        .input("plans", "plan.json")
        .input("policy", " ci/plangate policy.yml ")
        .input("approval-label", "infra: approve destroy")
        .input("comment", "off")
        .input("formats", "json")
        .run();
    assertThat(s.jarArgs()).containsExactlyElementsOf(expectedArgs(s, "off",
        "--plan", "plan.json", "--policy", "ci/plangate policy.yml",
        "--approval-label", "infra: approve destroy"));
  }

  @Test
  void commentAuthorIsPassedOnAfterTheCommentMode() throws Exception {
    ActionSandbox s = ActionSandbox.create(tmp);
    s.runner()
        .input("plans", "plan.json")
        .input("comment-author", " my-gate[bot] ")
        .input("formats", "json")
        .run();
    assertThat(s.jarArgs()).containsExactly("check", "--plan", "plan.json", "--comment",
        "update", "--comment-author", "my-gate[bot]", "--report",
        "json=" + s.runnerTemp.resolve("plangate/report.json"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"json,html", "json md", "JSON", "markdown;text"})
  void anUnknownFormatIsAnInputError(String formats) throws Exception {
    ActionSandbox s = ActionSandbox.create(tmp);
    ActionRunner.Result r = s.runner().input("plans", "plan.json").input("formats", formats).run();

    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.commands("error")).singleElement().asString()
        .contains("input 'formats'").contains("unknown format");
    assertThat(s.javaRan()).isFalse();
    assertThat(r.outputs()).containsEntry("decision", "");
  }

  @ParameterizedTest
  @ValueSource(strings = {"always", "Update", "update,off", "none"})
  void aCommentModeOtherThanUpdateOrOffIsAnInputError(String comment) throws Exception {
    ActionSandbox s = ActionSandbox.create(tmp);
    ActionRunner.Result r = s.runner().input("plans", "plan.json").input("comment", comment).run();

    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.commands("error")).singleElement().asString()
        .contains("input 'comment'").contains("update, off");
    assertThat(s.javaRan()).isFalse();
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "  \n\n", "# only a comment\n   # and another\n"})
  void noPlanIsAnInputError(String plans) throws Exception {
    ActionSandbox s = ActionSandbox.create(tmp);
    ActionRunner.Result r = s.runner().input("plans", plans).run();

    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.commands("error")).singleElement().asString().contains("input 'plans'");
    assertThat(s.javaRan()).isFalse();
  }

  @Test
  void aMissingRequiredPlansInputIsWarnedAboutAndFailsTheStep() throws Exception {
    ActionSandbox s = ActionSandbox.create(tmp);
    ActionRunner.Result r = s.runner().run();
    assertThat(r.warnings()).containsExactly("Input required and not supplied: plans");
    assertThat(r.exitCode()).isEqualTo(2);
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 1, 2, 3, 137})
  void theStepEndsWithTheJarsExitCode(int code) throws Exception {
    ActionSandbox s = ActionSandbox.create(tmp);
    ActionRunner.Result r = s.runner()
        .env("FAKE_JAVA_EXIT", String.valueOf(code))
        .input("plans", "plan.json")
        .run();

    assertThat(r.exitCode()).isEqualTo(code);
    assertThat(r.step("gate").exitCode()).isEqualTo(code);
    // Outputs are mapped whatever the decision: a failing gate still says why.
    assertThat(r.outputs()).containsEntry("decision", "approval_required");
  }

  @Test
  void stepOutputsBecomeTheActionsOutputs() throws Exception {
    ActionSandbox s = ActionSandbox.create(tmp);
    ActionRunner.Result r = s.runner().env("FAKE_JAVA_EXIT", "1").input("plans", "p.json").run();

    assertThat(r.outputs()).containsExactly(
        org.assertj.core.api.Assertions.entry("decision", "approval_required"),
        org.assertj.core.api.Assertions.entry("destructive-count", "3"),
        org.assertj.core.api.Assertions.entry("critical-count", "1"),
        org.assertj.core.api.Assertions.entry("fingerprint", "b0721f37aa2641b9"),
        org.assertj.core.api.Assertions.entry("report",
            s.runnerTemp.resolve("plangate/report.json").toString()));
    assertThat(r.summary()).contains("plangate (fake)");
  }

  @Test
  void theTokenReachesTheJarOnlyThroughItsEnvironment() throws Exception {
    ActionSandbox s = ActionSandbox.create(tmp);
    String token = "ghs_workflowTokenFromTheRunner0001";
    ActionRunner.Result r = s.runner().input("plans", "plan.json")
        .input("formats", "json,markdown,text,sarif").run();

    assertThat(r.exitCode()).isZero();
    assertThat(s.javaEnv()).containsEntry("GITHUB_TOKEN", token)
        .containsEntry("GITHUB_ACTIONS", "true")
        .doesNotContainKey("PLANGATE_APPROVAL_SECRET");
    assertThat(String.join("\n", s.jarArgs())).doesNotContain(token);
    assertThat(s.javaJar()).doesNotContain(token);
    for (ActionRunner.Step step : r.steps()) {
      assertThat(step.stdout()).doesNotContain(token);
      assertThat(step.stderr()).doesNotContain(token);
      assertThat(step.outputFileText()).doesNotContain(token);
      assertThat(step.summary()).doesNotContain(token);
    }
    assertThat(r.outputs().values()).noneMatch(v -> v.contains(token));
    assertNoFileContains(s.runnerTemp, token);
    assertNoFileContains(s.workspace, token);
  }

  @Test
  void anExplicitTokenAndApprovalSecretReplaceTheDefaults() throws Exception {
    ActionSandbox s = ActionSandbox.create(tmp);
    s.runner().input("plans", "plan.json")
        .input("github-token", "ghp_aPersonalAccessToken")
        .input("approval-secret", "hmac key with spaces")
        .run();
    assertThat(s.javaEnv()).containsEntry("GITHUB_TOKEN", "ghp_aPersonalAccessToken")
        .containsEntry("PLANGATE_APPROVAL_SECRET", "hmac key with spaces");
    assertThat(String.join("\n", s.jarArgs())).doesNotContain("ghp_").doesNotContain("hmac");
  }

  @Test
  void theRunnersEnvironmentReachesTheJarUnchanged() throws Exception {
    ActionSandbox s = ActionSandbox.create(tmp);
    Path event = Files.writeString(s.base.resolve("event.json"), "{}");
    s.runner()
        .env("GITHUB_EVENT_PATH", event.toString())
        .env("GITHUB_REPOSITORY", "acme/infra")
        .env("GITHUB_API_URL", "http://127.0.0.1:1")
        .input("plans", "plan.json")
        .run();
    assertThat(s.javaEnv()).containsEntry("GITHUB_EVENT_PATH", event.toString())
        .containsEntry("GITHUB_REPOSITORY", "acme/infra")
        .containsEntry("GITHUB_API_URL", "http://127.0.0.1:1")
        .containsEntry("RUNNER_TEMP", s.runnerTemp.toString());
  }

  static void assertNoFileContains(Path dir, String secret) throws IOException {
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path f : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
        assertThat(new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1))
            .as("contents of %s", f).doesNotContain(secret);
      }
    }
  }
}
