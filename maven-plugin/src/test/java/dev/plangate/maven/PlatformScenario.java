package dev.plangate.maven;


import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.plangate.core.testing.GitFixture;
import dev.plangate.github.testing.FakeGitHub;
import dev.plangate.github.testing.GitHubFixtures;
import dev.plangate.github.testing.RunnerFixture;
import dev.plangate.gitlab.testing.FakeGitLab;
import dev.plangate.gitlab.testing.GitLabFixtures;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * One change seen from inside a platform's CI: a repository whose head commit, by an agent
 * account, removes the orders database (a destroy that needs approval), and the platform's
 * records of the pull or merge request that carries it, served by a fake API. The goal's unit
 * tests and the real Maven builds of {@link PlatformApprovalIT} share it.
 */
final class PlatformScenario {
  static final Path EXAMPLES =
      Path.of(System.getProperty("plangate.root", "..")).resolve("examples");
  static final String GH_REPO = GitHubFixtures.REPO;

  final GitFixture repo;
  final String base;
  final String head;
  private final Path scratch;

  PlatformScenario(Path dir) throws IOException {
    this(dir, Map.of());
  }

  /** The same, with {@code alsoInHead} (path to content) added by the agent's commit. */
  PlatformScenario(Path dir, Map<String, String> alsoInHead) throws IOException {
    this.scratch = dir;
    repo = GitFixture.init(dir.resolve("infra"));
    repo.write("main.tf", Files.readString(EXAMPLES.resolve("orders-service/before/main.tf")));
    base = repo.commit("Orders service\n");
    repo.write("main.tf",
        Files.readString(EXAMPLES.resolve("orders-service/after-destroy/main.tf")))
        .write("plan.json", Files.readString(EXAMPLES.resolve(
            "orders-service/destroy-plan.json")));
    alsoInHead.forEach(repo::write);
    head = repo.commit("Remove unused database\n",
        new GitFixture.Person("infra-agent", "agent@example.com"));
  }

  /**
   * A merge-request pipeline for merge request 7, opened by an agent account, whose label
   * history is {@code events}; the environment GitLab's runner would give the job.
   */
  Map<String, String> gitLab(FakeGitLab gitlab, List<JsonNode> events, boolean token) {
    GitLabFixtures.serveAccounts(gitlab);
    GitLabFixtures.serveAgentMergeRequest(gitlab, base, head, events,
        "2026-05-01T11:00:00.000Z");
    return GitLabFixtures.pipelineVariables(gitlab, base, head,
        token ? "glpat-maven-token-1" : null);
  }

  /**
   * A {@code pull_request} workflow run for pull request 42, opened by Copilot, whose timeline
   * is {@code timeline}; the environment GitHub's runner would give the step.
   */
  Map<String, String> gitHub(FakeGitHub github, List<JsonNode> timeline) {
    String p = "/repos/" + GH_REPO;
    ObjectNode pr = GitHubFixtures.pullRequest(42).author(GitHubFixtures.COPILOT)
        .headRef("copilot/remove-orders-db").headSha(head).baseSha(base).build();
    github.onGet(p + "/pulls/42", pr);
    github.paged(p + "/pulls/42/commits", List.of(GitHubFixtures.commit(head)
        .by(GitHubFixtures.COPILOT).message("Remove unused database").parents(base).build()),
        100);
    github.paged(p + "/issues/42/timeline", timeline, 100);
    github.onGet(p + "/collaborators/alice/permission",
        GitHubFixtures.permission(GitHubFixtures.ALICE, "write"));
    github.onGet(p + "/actions/runs?head_sha=" + head, GitHubFixtures.workflowRuns(List.of(
        GitHubFixtures.workflowRun(901, "build", "pull_request", head, "2026-05-01T11:00:00Z", 1,
            "completed", "failure"))));
    return RunnerFixture.create(scratch.resolve("runner"), github.baseUrl(), "pull_request",
        GitHubFixtures.openedEvent(pr, GitHubFixtures.COPILOT)).env();
  }
}
