package dev.plangate.github.action;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** Static rules for action.yml and its scripts: no injection paths, pinned actions, the contract. */
class ActionDefinitionTest {

  static final Pattern PINNED = Pattern.compile("[A-Za-z0-9_.-]+/[A-Za-z0-9_./-]+@[0-9a-f]{40}");

  private final Path root = ActionSandbox.repositoryRoot();
  private final Path actionDir = root.resolve("github-action");
  private final Map<String, Object> action = ActionRunner.load(actionDir.resolve("action.yml"));

  private List<Map<String, Object>> steps() {
    List<Map<String, Object>> steps = new ArrayList<>();
    for (Object s : (List<?>) ActionRunner.map(action.get("runs"), "runs").get("steps")) {
      steps.add(ActionRunner.map(s, "step"));
    }
    return steps;
  }

  @Test
  void noRunScriptContainsAnExpression() {
    List<Map<String, Object>> runSteps = steps().stream().filter(s -> s.containsKey("run"))
        .collect(Collectors.toList());
    assertThat(runSteps).hasSize(3);
    for (Map<String, Object> s : runSteps) {
      assertThat(String.valueOf(s.get("run"))).as("run: of %s", s.get("name"))
          .doesNotContain("${{");
      assertThat(s.get("shell")).isEqualTo("bash");
    }
  }

  @Test
  void theActionNeverReadsTheEventPayload() {
    // Every key and value of the parsed file (comments may explain why, values may not use it).
    List<String> scalars = new ArrayList<>();
    collectScalars(action, scalars);
    assertThat(scalars).noneMatch(v -> v.contains("github.event"));
    assertThat(scalars).noneMatch(v -> v.contains("github.head_ref"));
  }

  @Test
  void everyUsedActionIsPinnedToACommitWithItsVersionInAComment() throws IOException {
    List<String> uses = steps().stream().filter(s -> s.containsKey("uses"))
        .map(s -> String.valueOf(s.get("uses"))).collect(Collectors.toList());
    assertThat(uses).containsExactly(
        "actions/setup-java@c5195efecf7bdfc987ee8bae7a71cb8b11521c00",
        "actions/cache/restore@5a3ec84eff668545956fd18022155c47e93e2684",
        "actions/cache@5a3ec84eff668545956fd18022155c47e93e2684",
        "actions/cache/save@5a3ec84eff668545956fd18022155c47e93e2684");
    assertThat(uses).allMatch(u -> PINNED.matcher(u).matches());
    String text = Files.readString(actionDir.resolve("action.yml"), StandardCharsets.UTF_8);
    for (String u : uses) {
      assertThat(text).containsPattern(Pattern.quote(u) + " # v\\d+\\.\\d+\\.\\d+");
    }
  }

  @Test
  void inputsAndOutputsAreTheDocumentedOnes() {
    Map<String, Object> inputs = ActionRunner.map(action.get("inputs"), "inputs");
    assertThat(inputs.keySet()).containsExactly("plans", "policy", "approval-label", "formats",
        "comment", "comment-author", "sarif", "working-directory", "github-token",
        "approval-secret", "java-version");
    Map<String, String> defaults = Map.of("policy", "", "approval-label", "",
        "formats", "json,markdown", "comment", "update", "comment-author", "", "sarif", "",
        "working-directory", ".", "github-token", "${{ github.token }}", "approval-secret", "",
        "java-version", "17");
    inputs.forEach((name, spec) -> {
      Map<String, Object> s = ActionRunner.map(spec, name);
      assertThat(String.valueOf(s.get("description"))).as(name).isNotBlank();
      if (name.equals("plans")) {
        assertThat(s.get("required")).isEqualTo(true);
        assertThat(s).doesNotContainKey("default");
      } else {
        assertThat(String.valueOf(s.get("default"))).as(name).isEqualTo(defaults.get(name));
      }
    });

    Map<String, Object> outputs = ActionRunner.map(action.get("outputs"), "outputs");
    assertThat(outputs.keySet()).containsExactly("decision", "destructive-count",
        "critical-count", "fingerprint", "report");
    outputs.forEach((name, spec) -> assertThat(ActionRunner.map(spec, name).get("value"))
        .isEqualTo("${{ steps.gate.outputs." + name + " }}"));
  }

  @Test
  void everyInputReachesTheGateStepThroughEnv() {
    Map<String, Object> gate = steps().stream().filter(s -> "gate".equals(s.get("id")))
        .findFirst().orElseThrow();
    Map<String, Object> env = ActionRunner.map(gate.get("env"), "env");
    assertThat(env).containsEntry("GITHUB_TOKEN", "${{ inputs.github-token }}")
        .containsEntry("PLANGATE_APPROVAL_SECRET", "${{ inputs.approval-secret }}")
        .containsEntry("PLANGATE_PLANS", "${{ inputs.plans }}")
        .containsEntry("PLANGATE_JAR", "${{ steps.build.outputs.jar }}");
    assertThat(gate.get("working-directory")).isEqualTo("${{ inputs.working-directory }}");
    // Each env value is exactly one expression: nothing is assembled around an input.
    env.values().forEach(v -> assertThat(String.valueOf(v)).matches("\\$\\{\\{ [a-z.-]+ \\}\\}"));
  }

  @Test
  void theScriptsAreStrictAndNeverEvaluateOrEchoSecrets() throws IOException {
    List<Path> scripts = scripts();
    assertThat(scripts).extracting(p -> p.getFileName().toString())
        .containsExactlyInAnyOrder("build.sh", "cache-key.sh", "run.sh");
    for (Path script : scripts) {
      List<String> code = Files.readAllLines(script, StandardCharsets.UTF_8).stream()
          .map(String::strip).filter(l -> !l.startsWith("#")).collect(Collectors.toList());
      assertThat(code).as("%s", script).contains("set -euo pipefail");
      assertThat(code).as("%s", script).noneMatch(l -> l.matches(".*\\beval\\b.*"));
      assertThat(code).as("%s", script).noneMatch(l -> l.contains("GITHUB_TOKEN"));
      assertThat(code).as("%s", script).noneMatch(l -> l.matches(".*\\bset -x\\b.*"));
      assertThat(code).as("%s", script)
          .noneMatch(l -> l.contains("PLANGATE_APPROVAL_SECRET") && !l.contains("unset")
              && !l.startsWith("if [ -z \"${PLANGATE_APPROVAL_SECRET:-}\" ]"));
    }
  }

  @Test
  void theScriptsPassShellcheckWhereItIsInstalled() throws Exception {
    Path shellcheck = Stream.of(System.getenv().getOrDefault("PATH", "").split(":"))
        .map(d -> Path.of(d, "shellcheck")).filter(Files::isExecutable).findFirst().orElse(null);
    Assumptions.assumeTrue(shellcheck != null, "shellcheck is not installed; skipped");
    List<String> cmd = new ArrayList<>(List.of(shellcheck.toString(), "--severity=style"));
    scripts().forEach(p -> cmd.add(p.toString()));
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(out).isZero();
  }

  private List<Path> scripts() throws IOException {
    try (Stream<Path> s = Files.list(actionDir.resolve("scripts"))) {
      return s.filter(p -> p.toString().endsWith(".sh")).sorted().collect(Collectors.toList());
    }
  }

  static void collectScalars(Object node, List<String> out) {
    if (node instanceof Map) {
      ((Map<?, ?>) node).forEach((k, v) -> {
        out.add(String.valueOf(k));
        collectScalars(v, out);
      });
    } else if (node instanceof List) {
      ((List<?>) node).forEach(v -> collectScalars(v, out));
    } else if (node != null) {
      out.add(String.valueOf(node));
    }
  }
}
