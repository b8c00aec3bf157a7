package dev.plangate.github.action;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The copy-pasteable workflows in examples/github/ follow the rules the action itself keeps. */
class ExampleWorkflowsTest {

  static final String PLANGATE_PLACEHOLDER =
      "plangate/plangate/github-action@0000000000000000000000000000000000000000";

  static List<Path> workflows() throws IOException {
    Path dir = ActionSandbox.repositoryRoot().resolve("examples/github");
    try (Stream<Path> s = Files.list(dir)) {
      return s.filter(p -> p.toString().endsWith(".yml")).sorted().collect(Collectors.toList());
    }
  }

  @Test
  void theThreeExamplesAndTheirReadmeExist() throws IOException {
    assertThat(workflows()).extracting(p -> p.getFileName().toString())
        .containsExactly("cloudformation.yml", "sarif.yml", "terraform.yml");
    assertThat(ActionSandbox.repositoryRoot().resolve("examples/github/README.md")).isRegularFile();
  }

  @ParameterizedTest
  @MethodSource("workflows")
  void triggersOnLabelChangesAndNeverOnPullRequestTarget(Path file) {
    Map<String, Object> wf = ActionRunner.load(file);
    Map<String, Object> on = ActionRunner.map(wf.get("on"), "on");
    assertThat(on).containsOnlyKeys("pull_request");
    Map<String, Object> pr = ActionRunner.map(on.get("pull_request"), "pull_request");
    List<String> types = ((List<?>) pr.get("types")).stream().map(String::valueOf)
        .collect(Collectors.toList());
    assertThat(types).contains("opened", "synchronize", "reopened", "ready_for_review", "labeled",
        "unlabeled");
    List<String> scalars = new ArrayList<>();
    ActionDefinitionTest.collectScalars(wf, scalars);
    assertThat(scalars).noneMatch(s -> s.contains("pull_request_target"));
  }

  @ParameterizedTest
  @MethodSource("workflows")
  void permissionsAreListedAndMinimal(Path file) {
    Map<String, Object> wf = ActionRunner.load(file);
    Map<String, Object> perms = ActionRunner.map(wf.get("permissions"), "permissions");
    assertThat(perms).containsEntry("contents", "read").containsEntry("issues", "read")
        .containsEntry("pull-requests", "write").containsEntry("actions", "read");
    assertThat(perms.keySet()).isSubsetOf("contents", "pull-requests", "issues", "actions",
        "id-token", "security-events");
    assertThat(perms).doesNotContainEntry("contents", "write");
  }

  @ParameterizedTest
  @MethodSource("workflows")
  void everyActionIsPinnedToACommit(Path file) throws IOException {
    String text = Files.readString(file, StandardCharsets.UTF_8);
    List<String> uses = steps(file).stream().filter(s -> s.containsKey("uses"))
        .map(s -> String.valueOf(s.get("uses"))).collect(Collectors.toList());
    assertThat(uses).isNotEmpty().contains(PLANGATE_PLACEHOLDER);
    for (String u : uses) {
      assertThat(u).matches(ActionDefinitionTest.PINNED);
      if (u.equals(PLANGATE_PLACEHOLDER)) {
        assertThat(text).contains(u + " # pin to a commit SHA of plangate");
      } else {
        assertThat(text).containsPattern(Pattern.quote(u) + " # v\\d+\\.\\d+\\.\\d+");
      }
    }
  }

  @ParameterizedTest
  @MethodSource("workflows")
  void noRunBlockContainsAnExpression(Path file) {
    for (Map<String, Object> s : steps(file)) {
      if (s.containsKey("run")) {
        String run = String.valueOf(s.get("run"));
        assertThat(run).as("run: of %s in %s", s.get("name"), file).doesNotContain("${{");
      }
    }
  }

  @ParameterizedTest
  @MethodSource("workflows")
  void checkoutTakesTheHeadWithFullHistoryAndKeepsNoCredentials(Path file) {
    Map<String, Object> checkout = steps(file).stream()
        .filter(s -> String.valueOf(s.get("uses")).startsWith("actions/checkout@"))
        .findFirst().orElseThrow();
    Map<String, Object> with = ActionRunner.map(checkout.get("with"), "with");
    assertThat(with).containsEntry("ref", "${{ github.event.pull_request.head.sha }}")
        .containsEntry("fetch-depth", 0)
        .containsEntry("persist-credentials", false);
  }

  @ParameterizedTest
  @MethodSource("workflows")
  void theGateIsGivenOnlyInputsTheActionHas(Path file) {
    Map<String, Object> inputs = ActionRunner.map(ActionRunner.load(
        ActionSandbox.repositoryRoot().resolve("github-action/action.yml")).get("inputs"), "in");
    for (Map<String, Object> s : steps(file)) {
      if (PLANGATE_PLACEHOLDER.equals(s.get("uses"))) {
        Map<String, Object> with = ActionRunner.map(s.get("with"), "with");
        assertThat(inputs.keySet()).containsAll(with.keySet());
        assertThat(with).containsKey("plans");
      }
    }
  }

  private static List<Map<String, Object>> steps(Path file) {
    Map<String, Object> jobs = ActionRunner.map(ActionRunner.load(file).get("jobs"), "jobs");
    List<Map<String, Object>> steps = new ArrayList<>();
    for (Object job : jobs.values()) {
      for (Object s : (List<?>) ActionRunner.map(job, "job").get("steps")) {
        steps.add(ActionRunner.map(s, "step"));
      }
    }
    return steps;
  }
}
