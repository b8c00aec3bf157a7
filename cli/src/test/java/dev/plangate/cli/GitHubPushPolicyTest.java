package dev.plangate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.plangate.core.testing.GitFixture;
import dev.plangate.github.testing.GitHubFixtures;
import dev.plangate.github.testing.RunnerFixture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * GitHub {@code push} and {@code merge_group} events judge with the policy before the change:
 * the push's {@code before}, the merge group's {@code base_sha}. Neither event has a commit range
 * here (the action passes none), so authorship is unknown, and {@code unknownAuthorship: human}
 * is the loosening that would turn the destroy into a pass.
 */
class GitHubPushPolicyTest {
  static final ObjectMapper JSON = new ObjectMapper();
  static final String WAIVE_ALL = "waivers:\n  - address: '**'\n    reason: agent\n"
      + "    expires: 2099-12-31\n";

  @TempDir Path tmp;
  GitFixture git;
  String base;

  @BeforeEach
  void repository() {
    git = GitFixture.init(tmp.resolve("repo"));
    git.write("main.tf", PushScenarios.read("before/main.tf"));
    git.write(".gitignore", "plan.json\n");
    git.write(".plangate.yml", "humanOnly: warn\n");
    base = git.commit("Orders service");
  }

  private CliRun check(String eventName, String change) throws Exception {
    return check(eventName, change, base);
  }

  private CliRun check(String eventName, String change, String before) throws Exception {
    PushScenarios.removeDatabase(git);
    git.write(".plangate.yml", change);
    String head = git.commit("Remove the database\n\nCo-Authored-By: Claude"
        + " <noreply@anthropic.com>\n");
    PushScenarios.plan(git, "destroy-plan.json");
    ObjectNode event = JSON.createObjectNode();
    ObjectNode repo = GitHubFixtures.repository();
    repo.put("default_branch", "main");
    event.set("repository", repo);
    if (eventName.equals("push")) {
      event.put("ref", "refs/heads/main");
      event.put("before", before);
      event.put("after", head);
    } else {
      ObjectNode group = event.putObject("merge_group");
      group.put("head_sha", head);
      group.put("head_ref", "refs/heads/gh-readonly-queue/main/pr-42-" + head);
      group.put("base_sha", base);
      group.put("base_ref", "refs/heads/main");
      event.put("action", "checks_requested");
    }
    RunnerFixture runner = RunnerFixture.create(tmp.resolve("runner"), "http://127.0.0.1:9",
        eventName, event);
    Map<String, String> env = new HashMap<>(runner.env());
    env.put("PLANGATE_GITHUB_RETRY_SECONDS", "0");
    return CliRun.run(env, false, "check", "--repo", git.dir().toString(), "--plan",
        git.dir().resolve("plan.json").toString(), "--comment", "off", "--report",
        "json=" + tmp.resolve("report.json"));
  }

  @ParameterizedTest(name = "{0}: {1}")
  @CsvSource(delimiter = '|', value = {
      "push|unknownAuthorship: human\\n",
      "merge_group|unknownAuthorship: human\\n",
      "push|approval:\\n  actions: []\\n",
      "merge_group|approval:\\n  actions: []\\n",
      "push|WAIVE_ALL",
      "merge_group|WAIVE_ALL"})
  void aLooseningInThePushedCommitIsIgnored(String eventName, String change) throws Exception {
    String yaml = change.equals("WAIVE_ALL") ? WAIVE_ALL : change.replace("\\n", "\n");
    CliRun r = check(eventName, yaml);

    assertThat(r.exitCode()).as(r.out() + r.err()).isEqualTo(1);
    JsonNode report = JSON.readTree(Files.readString(tmp.resolve("report.json")));
    assertThat(report.path("decision").asText()).isEqualTo("approval_required");
    assertThat(report.path("policy").path("path").asText()).isEqualTo(".plangate.yml");
    assertThat(report.path("policy").path("revision").asText())
        .startsWith(base.substring(0, 7));
    assertThat(report.path("policy").path("loosened")).isNotEmpty();
  }

  @ParameterizedTest
  @CsvSource({"push", "merge_group"})
  void aProtectRuleInThePushedCommitBlocksAtOnce(String eventName) throws Exception {
    CliRun r = check(eventName, "protect:\n  - address: terraform_data.database\n");
    assertThat(r.exitCode()).as(r.out() + r.err()).isEqualTo(1);
    JsonNode report = JSON.readTree(Files.readString(tmp.resolve("report.json")));
    assertThat(report.path("decision").asText()).isEqualTo("blocked");
    assertThat(report.path("policy").path("loosened")).isEmpty();
  }

  @org.junit.jupiter.api.Test
  void aForcePushWhoseOldHeadTheCloneLacksIsJudgedUnderTheDefaultBranchsPolicy()
      throws Exception {
    // The remote's main before the push; the pushed-over head is unreachable, so not cloned.
    new ProcessBuilder("git", "-C", git.dir().toString(), "update-ref", "refs/remotes/origin/main",
        base).start().waitFor();
    CliRun r = check("push", "unknownAuthorship: human\n", "1f".repeat(20));

    assertThat(r.exitCode()).as(r.out() + r.err()).isEqualTo(1);
    JsonNode report = JSON.readTree(Files.readString(tmp.resolve("report.json")));
    assertThat(report.path("decision").asText()).isEqualTo("approval_required");
    assertThat(report.path("policy").path("revision").asText()).contains("origin/main")
        .contains("its old head is not in the clone");
    assertThat(report.path("policy").path("loosened")).isNotEmpty();
  }
}
