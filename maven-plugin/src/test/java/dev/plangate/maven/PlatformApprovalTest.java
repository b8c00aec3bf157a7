package dev.plangate.maven;

import static dev.plangate.gitlab.testing.GitLabFixtures.ALICE;
import static dev.plangate.gitlab.testing.GitLabFixtures.LABEL;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.plangate.core.testing.GitFixture;
import dev.plangate.github.testing.FakeGitHub;
import dev.plangate.github.testing.GitHubFixtures;
import dev.plangate.gitlab.testing.FakeGitLab;
import dev.plangate.gitlab.testing.GitLabFixtures;
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
  @TempDir Path tmp;
  FakeGitLab gitlab;
  PlatformScenario scenario;
  GitFixture repo;
  final List<JsonNode> events = new ArrayList<>();

  @BeforeEach
  void setUp() throws Exception {
    gitlab = FakeGitLab.start();
    scenario = new PlatformScenario(tmp);
    repo = scenario.repo;
  }

  @AfterEach
  void stop() {
    gitlab.close();
  }

  CheckMojo goal(boolean token) {
    return goal(scenario.gitLab(gitlab, events, token));
  }

  CheckMojo goal(Map<String, String> environment) {
    CheckMojo goal = new CheckMojo();
    goal.setLog(new SystemStreamLog());
    goal.basedir = repo.dir().toFile();
    goal.plans = List.of("plan.json");
    goal.head = "HEAD";
    goal.formats = List.of("json");
    goal.outputDirectory = repo.dir().resolve("target/plangate").toFile();
    goal.failOnApprovalRequired = true;
    goal.environment = environment;
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

  CheckMojo gitHubGoal(FakeGitHub github, List<JsonNode> timeline) {
    return goal(scenario.gitHub(github, timeline));
  }

  @Test
  void anApprovedGitHubPullRequestLetsTheBuildPass() throws Exception {
    try (var github = FakeGitHub.start()) {
      CheckMojo goal = gitHubGoal(github, List.of(GitHubFixtures
          .labeled(9001, GitHubFixtures.ALICE, LABEL,
              "2026-05-01T12:00:00Z")));
      goal.execute();
      assertThat(repo.dir().resolve("target/plangate/report.json")).content()
          .contains("\"decision\" : \"pass\"");
    }
  }

  @Test
  void anUnapprovedGitHubPullRequestFailsAndSaysHowToApproveThere() {
    try (var github = FakeGitHub.start()) {
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
