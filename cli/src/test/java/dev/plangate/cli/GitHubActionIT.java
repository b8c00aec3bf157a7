package dev.plangate.cli;

import static dev.plangate.github.testing.GitHubFixtures.ALICE;
import static dev.plangate.github.testing.GitHubFixtures.COPILOT;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.plangate.core.testing.GitFixture;
import dev.plangate.github.action.ActionRunner;
import dev.plangate.github.testing.FakeGitHub;
import dev.plangate.github.testing.GitHubFixtures;
import dev.plangate.github.testing.RunnerFixture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The composite action as a runner runs it: action.yml's shell steps with the real plangate
 * jar, a real git checkout as the workspace, and a fake GitHub API. Runs after the jar is
 * packaged (failsafe).
 */
class GitHubActionIT {
  static final Path EXAMPLE = CliRun.repoRoot().resolve("examples/orders-service");
  static final String LABEL = "plangate/approve-destroy";

  @TempDir Path tmp;

  @Test
  void theActionGatesAnAgentsPullRequestAndPassesOnceAHumanApproves() throws Exception {
    Path jar = CliRun.repoRoot().resolve("cli/target/plangate.jar");
    assertThat(jar).as("mvn package builds the jar before integration tests").exists();
    Path action = ActionRunner.stageAction(CliRun.repoRoot(), jar, tmp.resolve("action"));

    GitFixture git = GitFixture.init(tmp.resolve("workspace"));
    git.write("main.tf", Files.readString(EXAMPLE.resolve("before/main.tf")));
    String base = git.commit("Add the orders service");
    git.write("main.tf", Files.readString(EXAMPLE.resolve("after-destroy/main.tf")));
    String head = git.commit("Remove the orders database");
    Files.copy(EXAMPLE.resolve("destroy-plan.json"), git.dir().resolve("plan.json"));

    String hostileBranch = "$(touch pwned)`touch pwned2`\"; touch pwned3 #";
    ObjectNode pr = GitHubFixtures.pullRequest(42).author(COPILOT).headRef(hostileBranch)
        .headSha(head).baseSha(base).title("$(touch pwned4)").build();
    try (FakeGitHub github = FakeGitHub.start()) {
      String p = "/repos/" + GitHubFixtures.REPO;
      github.onGet(p + "/pulls/42", pr);
      github.paged(p + "/pulls/42/commits", List.of(GitHubFixtures.commit(head).by(COPILOT)
          .parents(base).build()), 100);
      github.paged(p + "/issues/42/timeline", List.of(), 100);
      github.onGet(p + "/collaborators/alice/permission",
          GitHubFixtures.permission(ALICE, "write"));

      ActionRunner.Result gated = run(action, git, github,
          GitHubFixtures.openedEvent(pr, COPILOT));
      assertThat(gated.exitCode()).as(gated.stdout() + gated.stderr()).isEqualTo(1);
      assertThat(gated.outputs()).containsEntry("decision", "approval_required")
          .containsEntry("destructive-count", "1");
      assertThat(Files.readString(Path.of(gated.outputs().get("report"))))
          .contains("\"decision\" : \"approval_required\"");
      assertThat(gated.summary()).contains("approval required");
      assertThat(github.comments().list(GitHubFixtures.REPO, 42)).hasSize(1);

      github.paged(p + "/issues/42/timeline", List.of(GitHubFixtures.labeled(9001, ALICE,
          LABEL, "2026-05-01T12:00:00Z")), 100);
      ActionRunner.Result approved = run(action, git, github,
          GitHubFixtures.labeledEvent(pr, LABEL, ALICE));
      assertThat(approved.exitCode()).as(approved.stdout() + approved.stderr()).isZero();
      assertThat(approved.outputs()).containsEntry("decision", "pass");
      assertThat(github.comments().list(GitHubFixtures.REPO, 42)).hasSize(1);
    }
    try (var files = Files.walk(tmp)) {
      assertThat(files.filter(f -> f.getFileName().toString().startsWith("pwned"))).isEmpty();
    }
  }

  private ActionRunner.Result run(Path action, GitFixture git, FakeGitHub github,
      ObjectNode event) throws Exception {
    RunnerFixture runner = RunnerFixture.create(tmp.resolve("runner-" + System.nanoTime()),
        github.baseUrl(), "pull_request", event);
    return ActionRunner.of(action)
        .workspace(git.dir())
        .runnerTemp(runner.runnerTemp())
        .githubToken(RunnerFixture.TOKEN)
        .env("GITHUB_EVENT_NAME", "pull_request")
        .env("GITHUB_EVENT_PATH", runner.eventFile().toString())
        .env("GITHUB_REPOSITORY", GitHubFixtures.REPO)
        .env("GITHUB_API_URL", github.baseUrl())
        .env("PLANGATE_GITHUB_RETRY_SECONDS", "5")
        .input("plans", "plan.json")
        .input("formats", "json,markdown,sarif")
        .run();
  }
}
