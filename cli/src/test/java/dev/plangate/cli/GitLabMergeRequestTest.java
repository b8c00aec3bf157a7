package dev.plangate.cli;

import static dev.plangate.gitlab.testing.GitLabFixtures.ALICE;
import static dev.plangate.gitlab.testing.GitLabFixtures.LABEL;
import static dev.plangate.gitlab.testing.GitLabFixtures.MR;
import static dev.plangate.gitlab.testing.GitLabFixtures.PLANGATE;
import static dev.plangate.gitlab.testing.GitLabFixtures.PROJECT;
import static dev.plangate.gitlab.testing.GitLabFixtures.RITA;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.plangate.core.testing.GitFixture;
import dev.plangate.gitlab.testing.FakeGitLab;
import dev.plangate.gitlab.testing.FakeGitLab.Answer;
import dev.plangate.gitlab.testing.GitLabFixtures;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code plangate check} in a simulated GitLab merge-request pipeline: a real git repository,
 * the pipeline's variables and a fake GitLab API on 127.0.0.1 answering with recorded shapes.
 */
class GitLabMergeRequestTest {
  static final Path EXAMPLE = CliRun.repoRoot().resolve("examples/orders-service");
  static final String PUSHED = "2026-05-01T11:00:00.000Z";
  static final String BEFORE_PUSH = "2026-05-01T10:30:00.000Z";
  static final String AFTER_PUSH = "2026-05-01T12:00:00.000Z";
  static final String TOKEN = "glpat-cli-test-token-1";

  @TempDir Path tmp;
  FakeGitLab gitlab;
  GitFixture git;
  String base;
  String head;
  final List<JsonNode> events = new ArrayList<>();

  @BeforeEach
  void repository() throws IOException {
    gitlab = FakeGitLab.start();
    git = GitFixture.init(tmp.resolve("repo"));
    git.write("main.tf", Files.readString(EXAMPLE.resolve("before/main.tf")));
    base = git.commit("Add the orders service");
    git.write("main.tf", Files.readString(EXAMPLE.resolve("after-destroy/main.tf")));
    head = git.commit("Remove the orders database",
        new GitFixture.Person("infra-agent", "agent@example.com"));
    Files.copy(EXAMPLE.resolve("destroy-plan.json"), git.dir().resolve("plan.json"));
    GitLabFixtures.serveAccounts(gitlab);
  }

  @AfterEach
  void stop() {
    gitlab.close();
  }

  void serve() {
    GitLabFixtures.serveAgentMergeRequest(gitlab, base, head, events, PUSHED);
  }

  CliRun check(boolean token) {
    Map<String, String> env = GitLabFixtures.pipelineVariables(gitlab, base, head,
        token ? TOKEN : null);
    return CliRun.run(env, false, "check", "--repo", git.dir().toString(), "--plan",
        git.dir().resolve("plan.json").toString());
  }

  List<String> notes() {
    return gitlab.notes(PROJECT, 7).stream().map(n -> n.path("body").asText()).toList();
  }

  JsonNode codeQuality() throws IOException {
    return new ObjectMapper().readTree(git.dir().resolve("gl-code-quality-report.json")
        .toFile());
  }

  @Test
  void aBotsMergeRequestThatDestroysNeedsApprovalAndSaysSoInOneNote() throws Exception {
    serve();
    CliRun r = check(true);
    assertThat(r.exitCode()).as(r.out() + r.err()).isEqualTo(1);
    assertThat(notes()).singleElement().asString().startsWith("<!-- plangate-report -->")
        .contains("terraform_data.database");
    JsonNode cq = codeQuality();
    assertThat(cq.isArray()).isTrue();
    assertThat(cq.get(0).path("severity").asText()).isEqualTo("critical");
    assertThat(cq.get(0).path("check_name").asText()).isEqualTo("plangate-destroy");
    assertThat(cq.get(0).path("location").path("path").asText()).isEqualTo("main.tf");
    assertThat(r.out() + r.err()).doesNotContain(TOKEN);
    // A second run edits the same note instead of adding one.
    assertThat(check(true).exitCode()).isEqualTo(1);
    assertThat(notes()).hasSize(1);
  }

  @Test
  void aMaintainersLabelAfterTheLastPushPasses() {
    events.add(GitLabFixtures.labelEvent(1, ALICE, LABEL, "add", AFTER_PUSH));
    serve();
    CliRun r = check(true);
    assertThat(r.exitCode()).as(r.out() + r.err()).isZero();
    assertThat(notes()).singleElement().asString().contains("alice");
  }

  @Test
  void aLabelBeforeTheLastPushByAReporterOrABotStillFails() {
    events.add(GitLabFixtures.labelEvent(1, ALICE, LABEL, "add", BEFORE_PUSH));
    serve();
    assertThat(check(true).exitCode()).isEqualTo(1);
    events.clear();
    events.add(GitLabFixtures.labelEvent(2, RITA, LABEL, "add", AFTER_PUSH));
    serve();
    assertThat(check(true).exitCode()).isEqualTo(1);
    events.clear();
    events.add(GitLabFixtures.labelEvent(3, PLANGATE, LABEL, "add", AFTER_PUSH));
    serve();
    assertThat(check(true).exitCode()).isEqualTo(1);
  }

  @Test
  void withoutATokenAnApprovalMustBeCheckedIsAnError() {
    CliRun r = check(false);
    assertThat(r.exitCode()).as(r.out() + r.err()).isEqualTo(2);
    assertThat(r.out() + r.err()).contains("PLANGATE_GITLAB_TOKEN").contains("CI_JOB_TOKEN");
    assertThat(gitlab.requests()).isEmpty();
  }

  @Test
  void withoutATokenAMergeRequestThatDestroysNothingPasses() throws IOException {
    Files.copy(EXAMPLE.resolve("update-plan.json"), git.dir().resolve("plan.json"),
        java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    CliRun r = check(false);
    assertThat(r.exitCode()).as(r.out() + r.err()).isZero();
    assertThat(codeQuality().size()).isZero();
  }

  @Test
  void theApiDownIsAnError() {
    serve();
    gitlab.on("GET", MR, Answer.status(503, "{\"message\":\"503 Service Unavailable\"}"));
    CliRun r = check(true);
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains("HTTP 503").doesNotContain(TOKEN);
  }
}
