package dev.plangate.maven;

import static dev.plangate.gitlab.testing.GitLabFixtures.AGENT;
import static dev.plangate.gitlab.testing.GitLabFixtures.ALICE;
import static dev.plangate.gitlab.testing.GitLabFixtures.LABEL;
import static dev.plangate.gitlab.testing.GitLabFixtures.MR;
import static dev.plangate.gitlab.testing.GitLabFixtures.PROJECT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.plangate.core.testing.GitFixture;
import dev.plangate.gitlab.testing.FakeGitLab;
import dev.plangate.gitlab.testing.GitLabFixtures;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugin.logging.SystemStreamLog;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The goal inside a GitLab merge-request pipeline or a GitHub pull-request workflow asks the
 * platform for the approval, through the same adapters as the CLI.
 */
class PlatformApprovalTest {
  private static final Path EXAMPLES =
      Path.of(System.getProperty("plangate.root", "..")).resolve("examples");

  @TempDir Path tmp;
  FakeGitLab gitlab;
  GitFixture repo;
  String base;
  String head;
  final List<JsonNode> events = new ArrayList<>();

  @BeforeEach
  void setUp() throws Exception {
    gitlab = FakeGitLab.start();
    repo = GitFixture.init(tmp.resolve("infra"));
    repo.write("main.tf", Files.readString(EXAMPLES.resolve("orders-service/before/main.tf")));
    base = repo.commit("Orders service\n");
    repo.write("main.tf",
        Files.readString(EXAMPLES.resolve("orders-service/after-destroy/main.tf")))
        .write("plan.json", Files.readString(EXAMPLES.resolve(
            "orders-service/destroy-plan.json")));
    head = repo.commit("Remove unused database\n",
        new GitFixture.Person("infra-agent", "agent@example.com"));
    GitLabFixtures.serveAccounts(gitlab);
  }

  @AfterEach
  void stop() {
    gitlab.close();
  }

  CheckMojo goal(boolean token) {
    gitlab.onGet(MR, GitLabFixtures.mergeRequest(AGENT, base, head));
    gitlab.list(MR + "/commits", List.of(GitLabFixtures.commit(head, "Remove unused database",
        "infra-agent", "agent@example.com")), 20);
    gitlab.list(MR + "/resource_label_events", events, 20);
    gitlab.list(MR + "/versions", List.of(GitLabFixtures.version(2, head, base,
        "2026-05-01T11:00:00.000Z")), 20);
    gitlab.onGet(MR + "/approvals", GitLabFixtures.approvals(List.of(), null));
    CheckMojo goal = new CheckMojo();
    goal.setLog(new SystemStreamLog());
    goal.basedir = repo.dir().toFile();
    goal.plans = List.of("plan.json");
    goal.head = "HEAD";
    goal.formats = List.of("json");
    goal.outputDirectory = repo.dir().resolve("target/plangate").toFile();
    goal.failOnApprovalRequired = true;
    java.util.HashMap<String, String> env = new java.util.HashMap<>(Map.of("GITLAB_CI", "true",
        "CI_PROJECT_ID", PROJECT, "CI_MERGE_REQUEST_IID", "7", "CI_API_V4_URL",
        gitlab.apiUrl(), "CI_MERGE_REQUEST_DIFF_BASE_SHA", base, "CI_COMMIT_SHA", head));
    if (token) {
      env.put("PLANGATE_GITLAB_TOKEN", "glpat-maven-token-1");
    }
    goal.environment = env;
    return goal;
  }

  @Test
  void aBotsMergeRequestWithoutTheLabelFailsAndSaysHowToApproveThere() {
    assertThatThrownBy(goal(true)::execute).isInstanceOf(MojoFailureException.class)
        .hasMessageContaining("approval required")
        .hasMessageContaining("approve with the label plangate/approve-destroy")
        .hasMessageNotContaining("outside a pull request");
  }

  @Test
  void anApprovedMergeRequestLetsTheBuildPass() throws Exception {
    events.add(GitLabFixtures.labelEvent(1, ALICE, LABEL, "add", "2026-05-01T12:00:00.000Z"));
    goal(true).execute();
    assertThat(repo.dir().resolve("target/plangate/report.json")).content()
        .contains("\"decision\" : \"pass\"");
  }

  @Test
  void withoutATokenTheBuildErrsNamingIt() {
    events.add(GitLabFixtures.labelEvent(1, ALICE, LABEL, "add", "2026-05-01T12:00:00.000Z"));
    assertThatThrownBy(goal(false)::execute).isInstanceOf(MojoExecutionException.class)
        .hasMessageContaining("PLANGATE_GITLAB_TOKEN").hasMessageContaining("CI_JOB_TOKEN");
  }

  // ---- GitHub ----------------------------------------------------------------------------------

  static final String GH_REPO = dev.plangate.github.testing.GitHubFixtures.REPO;

  CheckMojo gitHubGoal(dev.plangate.github.testing.FakeGitHub github, List<JsonNode> timeline) {
    String p = "/repos/" + GH_REPO;
    com.fasterxml.jackson.databind.node.ObjectNode pr = dev.plangate.github.testing.GitHubFixtures
        .pullRequest(42).author(dev.plangate.github.testing.GitHubFixtures.COPILOT)
        .headRef("copilot/remove-orders-db").headSha(head).baseSha(base).build();
    github.onGet(p + "/pulls/42", pr);
    github.paged(p + "/pulls/42/commits", List.of(dev.plangate.github.testing.GitHubFixtures
        .commit(head).by(dev.plangate.github.testing.GitHubFixtures.COPILOT)
        .message("Remove unused database").parents(base).build()), 100);
    github.paged(p + "/issues/42/timeline", timeline, 100);
    github.onGet(p + "/collaborators/alice/permission", dev.plangate.github.testing
        .GitHubFixtures.permission(dev.plangate.github.testing.GitHubFixtures.ALICE, "write"));
    github.onGet(p + "/actions/runs?head_sha=" + head, dev.plangate.github.testing
        .GitHubFixtures.workflowRuns(List.of(dev.plangate.github.testing.GitHubFixtures
            .workflowRun(901, "build", "pull_request", head, "2026-05-01T11:00:00Z", 1,
                "completed", "failure"))));
    dev.plangate.github.testing.RunnerFixture runner = dev.plangate.github.testing.RunnerFixture
        .create(tmp.resolve("runner"), github.baseUrl(), "pull_request",
            dev.plangate.github.testing.GitHubFixtures.openedEvent(pr,
                dev.plangate.github.testing.GitHubFixtures.COPILOT));
    CheckMojo goal = goal(true);
    goal.environment = runner.env();
    return goal;
  }

  @Test
  void anApprovedGitHubPullRequestLetsTheBuildPass() throws Exception {
    try (var github = dev.plangate.github.testing.FakeGitHub.start()) {
      CheckMojo goal = gitHubGoal(github, List.of(dev.plangate.github.testing.GitHubFixtures
          .labeled(9001, dev.plangate.github.testing.GitHubFixtures.ALICE, LABEL,
              "2026-05-01T12:00:00Z")));
      goal.execute();
      assertThat(repo.dir().resolve("target/plangate/report.json")).content()
          .contains("\"decision\" : \"pass\"");
    }
  }

  @Test
  void anUnapprovedGitHubPullRequestFailsAndSaysHowToApproveThere() {
    try (var github = dev.plangate.github.testing.FakeGitHub.start()) {
      CheckMojo goal = gitHubGoal(github, List.of());
      assertThatThrownBy(goal::execute).isInstanceOf(MojoFailureException.class)
          .hasMessageContaining("approve with the label plangate/approve-destroy")
          .hasMessageNotContaining("outside a pull request");
      // The pull request's author account made it AI-authored, not the commits.
      assertThat(repo.dir().resolve("target/plangate/report.json")).content()
          .contains("Copilot");
    }
  }
}
