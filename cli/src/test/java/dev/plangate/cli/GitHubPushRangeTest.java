package dev.plangate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.plangate.core.testing.GitFixture;
import dev.plangate.github.testing.FakeGitHub;
import dev.plangate.github.testing.GitHubFixtures;
import dev.plangate.github.testing.RunnerFixture;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code plangate check} on a simulated runner for a {@code push} or {@code merge_group} event:
 * the commits come from the event ({@code before..after}, {@code base_sha..head_sha}), and a
 * range that holds no commit is unknown authorship, never human.
 */
class GitHubPushRangeTest {
  static final ObjectMapper JSON = new ObjectMapper();
  static final Path EXAMPLE = CliRun.repoRoot().resolve("examples/orders-service");
  static final String ZEROS = "0".repeat(40);

  @TempDir Path tmp;
  FakeGitHub github;
  GitFixture git;
  String base;

  @BeforeEach
  void repository() throws IOException {
    github = FakeGitHub.start();
    git = GitFixture.init(tmp.resolve("repo"));
    git.write("main.tf", Files.readString(EXAMPLE.resolve("before/main.tf")));
    base = git.commit("Add the orders service");
    // what actions/checkout leaves: the default branch as a remote-tracking ref
    git.git("update-ref", "refs/remotes/origin/main", base);
    git.write("main.tf", Files.readString(EXAMPLE.resolve("after-destroy/main.tf")));
    Files.copy(EXAMPLE.resolve("destroy-plan.json"), git.dir().resolve("plan.json"));
  }

  @AfterEach
  void stop() {
    github.close();
  }

  static ObjectNode push(String ref, String before, String after) {
    ObjectNode e = JSON.createObjectNode().put("ref", ref).put("before", before)
        .put("after", after).put("created", before.equals(ZEROS))
        .put("deleted", after.equals(ZEROS)).put("forced", false);
    e.set("repository", GitHubFixtures.repository().put("default_branch", "main"));
    e.set("sender", JSON.createObjectNode().put("login", "alice"));
    return e;
  }

  CliRun check(String eventName, ObjectNode event, String... extra) {
    RunnerFixture runner = RunnerFixture.create(tmp.resolve("runner-" + System.nanoTime()),
        github.baseUrl(), eventName, event);
    List<String> args = new ArrayList<>(List.of("check", "--repo", git.dir().toString(),
        "--plan", git.dir().resolve("plan.json").toString(), "--format", "json"));
    args.addAll(List.of(extra));
    Map<String, String> env = new HashMap<>(runner.env());
    return CliRun.run(env, false, args.toArray(String[]::new));
  }

  static JsonNode report(CliRun r) throws IOException {
    String out = r.out();
    return JSON.readTree(out.substring(out.indexOf('{')));
  }

  @Test
  void aPushWhoseBeforeIsItsAfterIsUnknownAuthorshipNotHuman() throws IOException {
    String head = git.commit("Retire the orders database");

    CliRun r = check("push", push("refs/heads/main", head, head));

    assertThat(r.exitCode()).as(r.out() + r.err()).isEqualTo(1);
    JsonNode report = report(r);
    assertThat(report.path("decision").asText()).isEqualTo("approval_required");
    assertThat(report.path("authorship").path("aiInvolved").isNull()).isTrue();
    assertThat(report.path("authorship").path("notes").toString())
        .contains("holds no commit").contains(head.substring(0, 7));
  }

  @Test
  void aPushReadsItsOwnCommitsBeforeToAfter() throws IOException {
    String human = git.commit("Retire the orders database");
    CliRun byPerson = check("push", push("refs/heads/main", base, human));
    assertThat(byPerson.exitCode()).as(byPerson.out() + byPerson.err()).isZero();
    assertThat(report(byPerson).path("authorship").path("aiInvolved").asBoolean(true)).isFalse();

    git.write("README.md", "docs\n");
    String ai = git.commit("Docs\n\nCo-authored-by: Claude <noreply@anthropic.com>\n");
    CliRun byAgent = check("push", push("refs/heads/main", base, ai));
    assertThat(byAgent.exitCode()).isEqualTo(1);
    assertThat(report(byAgent).path("authorship").path("aiInvolved").asBoolean()).isTrue();
  }

  @Test
  void aPushThatCreatesABranchIsReadFromTheDefaultBranch() throws IOException {
    git.branch("claude-free-name");
    String ai = git.commit("Retire it\n\nCo-authored-by: Claude <noreply@anthropic.com>\n");

    CliRun r = check("push", push("refs/heads/claude-free-name", ZEROS, ai));

    assertThat(r.exitCode()).isEqualTo(1);
    JsonNode report = report(r);
    assertThat(report.path("authorship").path("aiInvolved").asBoolean()).isTrue();
    assertThat(report.path("authorship").path("commits")).hasSize(1);
    assertThat(r.out()).contains("merge base with origin/main (the default branch)");
  }

  @Test
  void aNewBranchAtTheDefaultBranchHasNoCommitOfItsOwnAndIsUnknown() throws IOException {
    CliRun r = check("push", push("refs/heads/copy", ZEROS, base));

    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(report(r).path("authorship").path("aiInvolved").isNull()).isTrue();
  }

  @Test
  void anAgentsBranchNameInThePushIsASignal() throws IOException {
    String human = git.commit("Retire the orders database");

    CliRun r = check("push", push("refs/heads/claude/retire-db", base, human));

    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(report(r).path("authorship").path("aiInvolved").asBoolean()).isTrue();
  }

  @Test
  void aMergeGroupReadsBaseShaToHeadSha() throws IOException {
    String same = git.commit("Retire the orders database");
    ObjectNode empty = JSON.createObjectNode();
    empty.set("merge_group", JSON.createObjectNode().put("base_sha", same).put("head_sha", same)
        .put("head_ref", "refs/heads/gh-readonly-queue/main/pr-42-" + same));
    empty.set("repository", GitHubFixtures.repository());
    CliRun r = check("merge_group", empty);
    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(report(r).path("authorship").path("aiInvolved").isNull()).isTrue();

    ObjectNode real = empty.deepCopy();
    ((ObjectNode) real.path("merge_group")).put("base_sha", base);
    CliRun human = check("merge_group", real);
    assertThat(human.exitCode()).as(human.out() + human.err()).isZero();
  }

  @Test
  void aBaseOnTheCommandLineWinsOverTheEvent() throws IOException {
    String head = git.commit("Retire the orders database");

    CliRun r = check("push", push("refs/heads/main", head, head), "--base", base);

    assertThat(r.exitCode()).as(r.out() + r.err()).isZero();
  }
}
