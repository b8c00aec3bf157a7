package dev.plangate.cli;

import static dev.plangate.github.testing.GitHubFixtures.ALICE;
import static dev.plangate.github.testing.GitHubFixtures.BOB;
import static dev.plangate.github.testing.GitHubFixtures.CAROL;
import static dev.plangate.github.testing.GitHubFixtures.CLAUDE;
import static dev.plangate.github.testing.GitHubFixtures.CLAUDE_APP;
import static dev.plangate.github.testing.GitHubFixtures.COPILOT;
import static dev.plangate.github.testing.GitHubFixtures.GITHUB_ACTIONS;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.plangate.core.report.Escape;
import dev.plangate.core.testing.GitFixture;
import dev.plangate.github.testing.Answer;
import dev.plangate.github.testing.FakeGitHub;
import dev.plangate.github.testing.GitHubFixtures;
import dev.plangate.github.testing.GitHubFixtures.Account;
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
 * {@code plangate check} on a simulated runner: a real git repository, an event file, summary
 * and output files, and a fake GitHub API on 127.0.0.1 answering with recorded shapes.
 */
class GitHubPullRequestTest {
  static final ObjectMapper JSON = new ObjectMapper();
  static final Path EXAMPLE = CliRun.repoRoot().resolve("examples/orders-service");
  static final String LABEL = "plangate/approve-destroy";
  static final String REPO = GitHubFixtures.REPO;
  static final String PUSHED = "2026-05-01T11:00:00Z";
  static final String BEFORE_PUSH = "2026-05-01T10:30:00Z";
  static final String AFTER_PUSH = "2026-05-01T12:00:00Z";

  @TempDir Path tmp;
  FakeGitHub github;
  GitFixture git;
  String base;
  String head;
  final List<JsonNode> timeline = new ArrayList<>();
  final Map<String, String> roles = new HashMap<>(Map.of("alice", "write", "bob", "maintain",
      "carol", "triage"));
  Account prAuthor = COPILOT;
  String headRef = "copilot/remove-orders-db";

  @BeforeEach
  void repository() throws IOException {
    github = FakeGitHub.start();
    git = GitFixture.init(tmp.resolve("repo"));
    git.write("main.tf", Files.readString(EXAMPLE.resolve("before/main.tf")));
    base = git.commit("Add the orders service");
    git.write("main.tf", Files.readString(EXAMPLE.resolve("after-destroy/main.tf")));
    head = git.commit("Remove the orders database\n\nCo-authored-by: Copilot"
        + " <198982749+Copilot@users.noreply.github.com>\n");
    Files.copy(EXAMPLE.resolve("destroy-plan.json"), git.dir().resolve("plan.json"));
  }

  @AfterEach
  void stop() {
    github.close();
  }

  ObjectNode pullRequest() {
    return GitHubFixtures.pullRequest(42).author(prAuthor).headRef(headRef).headSha(head)
        .baseSha(base).title("Remove the orders database").build();
  }

  /** The API as it answers for this pull request now. */
  void serve() {
    String p = "/repos/" + REPO;
    github.onGet(p + "/pulls/42", pullRequest());
    github.paged(p + "/pulls/42/commits", List.of(GitHubFixtures.commit(head).by(COPILOT)
        .message("Remove the orders database").parents(base).build()), 100);
    github.paged(p + "/issues/42/timeline", timeline, 2);
    for (Map.Entry<String, String> r : roles.entrySet()) {
      Account who = r.getKey().equals("alice") ? ALICE : r.getKey().equals("bob") ? BOB : CAROL;
      github.onGet(p + "/collaborators/" + r.getKey() + "/permission",
          GitHubFixtures.permission(who, r.getValue()));
    }
    github.onGet(p + "/actions/runs?head_sha=" + head, GitHubFixtures.workflowRuns(List.of(
        GitHubFixtures.workflowRun(901, "plangate", "pull_request", head, PUSHED, 1,
            "completed", "failure"))));
  }

  RunnerFixture runner(ObjectNode event) {
    return RunnerFixture.create(tmp.resolve("runner-" + System.nanoTime()), github.baseUrl(),
        "pull_request", event);
  }

  CliRun check(RunnerFixture runner, String... extra) {
    List<String> args = new ArrayList<>(List.of("check", "--repo", git.dir().toString(),
        "--plan", git.dir().resolve("plan.json").toString(), "--report",
        "json=" + runner.runnerTemp().resolve("report.json")));
    args.addAll(List.of(extra));
    Map<String, String> env = new HashMap<>(runner.env());
    env.put("PLANGATE_GITHUB_RETRY_SECONDS", "5");
    return CliRun.run(env, false, args.toArray(String[]::new));
  }

  CliRun checkOpened() {
    serve();
    return check(runner(GitHubFixtures.openedEvent(pullRequest(), COPILOT)));
  }

  List<String> comments() {
    return github.comments().list(REPO, 42).stream().map(c -> c.path("body").asText())
        .toList();
  }

  // ---- the decision ---------------------------------------------------------------------------

  @Test
  void anAiPullRequestThatDestroysNeedsApprovalAndSaysSoEverywhere() throws Exception {
    serve();
    RunnerFixture runner = runner(GitHubFixtures.openedEvent(pullRequest(), COPILOT));
    CliRun r = check(runner);

    assertThat(r.exitCode()).as(r.err()).isEqualTo(1);
    assertThat(r.out()).contains("::error file=main.tf").contains("terraform_data.database");
    assertThat(runner.outputs()).containsEntry("decision", "approval_required")
        .containsEntry("destructive-count", "1").containsKey("fingerprint");
    String fp = runner.outputs().get("fingerprint");
    assertThat(runner.summary()).contains("approval required").contains(fp);
    assertThat(comments()).singleElement().asString()
        .startsWith("<!-- plangate-report -->")
        .contains("GitHub Copilot coding agent")
        .contains("<code>" + LABEL + "</code>").contains(fp);
    assertThat(github.requests().get(0).authorization()).isEqualTo("Bearer "
        + RunnerFixture.TOKEN);
  }

  @Test
  void aPullRequestWithoutDestroysPassesAndLeavesNoComment() throws Exception {
    Files.copy(EXAMPLE.resolve("update-plan.json"), git.dir().resolve("plan.json"),
        java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    serve();
    RunnerFixture runner = runner(GitHubFixtures.openedEvent(pullRequest(), COPILOT));
    CliRun r = check(runner);

    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(runner.outputs()).containsEntry("decision", "pass")
        .containsEntry("destructive-count", "0");
    assertThat(comments()).isEmpty();
    assertThat(runner.summary()).contains("Nothing is destroyed or replaced");
  }

  @Test
  void aLabelByAHumanWriterAfterTheLastPushApproves() throws Exception {
    timeline.add(GitHubFixtures.labeled(9001, ALICE, LABEL, AFTER_PUSH));
    serve();
    RunnerFixture runner = runner(GitHubFixtures.synchronizeEvent(pullRequest(), base, head,
        COPILOT));
    CliRun r = check(runner);

    assertThat(r.exitCode()).as(r.out() + r.err()).isZero();
    assertThat(runner.outputs()).containsEntry("decision", "pass");
    assertThat(comments()).singleElement().asString().contains(Escape.markdown("Approved by"
        + " alice (label " + LABEL + ")"));
    assertThat(github.requests("GET", "/repos/" + REPO + "/actions/runs")).hasSize(1);
  }

  @Test
  void theRunTheLabelTriggeredNeedsNoPushTimes() throws Exception {
    timeline.add(GitHubFixtures.labeled(9001, ALICE, LABEL, AFTER_PUSH));
    serve();
    CliRun r = check(runner(GitHubFixtures.labeledEvent(pullRequest(), LABEL, ALICE)));

    assertThat(r.exitCode()).as(r.out() + r.err()).isZero();
    assertThat(github.requests("GET", "/repos/" + REPO + "/actions/runs")).isEmpty();
  }

  void stillRequired(String why) {
    serve();
    RunnerFixture runner = runner(GitHubFixtures.synchronizeEvent(pullRequest(), base, head,
        COPILOT));
    CliRun r = check(runner);
    assertThat(r.exitCode()).as(r.out() + r.err()).isEqualTo(1);
    assertThat(runner.outputs()).containsEntry("decision", "approval_required");
    assertThat(comments()).singleElement().asString().contains(Escape.markdown(why));
  }

  @Test
  void aLabelByABotDoesNotApprove() {
    timeline.add(GitHubFixtures.labeled(9001, CLAUDE, LABEL, AFTER_PUSH));
    stillRequired("claude[bot] is the account of Claude Code, an AI agent");
  }

  @Test
  void aLabelAddedThroughAnAppDoesNotApprove() {
    timeline.add(GitHubFixtures.viaApp(GitHubFixtures.labeled(9001, ALICE, LABEL, AFTER_PUSH),
        CLAUDE_APP));
    stillRequired("alice added the label through the GitHub App claude");
  }

  @Test
  void aLabelByThePullRequestAuthorDoesNotApprove() {
    prAuthor = ALICE;
    timeline.add(GitHubFixtures.labeled(9001, ALICE, LABEL, AFTER_PUSH));
    stillRequired("alice opened the pull request");
  }

  @Test
  void aLabelByACoAuthorDoesNotApprove() throws Exception {
    git.write("main.tf", Files.readString(EXAMPLE.resolve("after-destroy/main.tf")) + "\n");
    head = git.commit("Tidy\n\nCo-authored-by: Alice <1001+alice@users.noreply.github.com>\n");
    timeline.add(GitHubFixtures.labeled(9001, ALICE, LABEL, AFTER_PUSH));
    stillRequired("alice is a co-author of commit " + head.substring(0, 7));
  }

  @Test
  void aLabelByATriageUserDoesNotApprove() {
    timeline.add(GitHubFixtures.labeled(9001, CAROL, LABEL, AFTER_PUSH));
    stillRequired("carol has triage access to the repository");
  }

  @Test
  void aLabelFromBeforeTheLastPushDoesNotApprove() {
    timeline.add(GitHubFixtures.labeled(9001, ALICE, LABEL, BEFORE_PUSH));
    stillRequired("before the head commit " + head.substring(0, 7) + " was pushed");
  }

  @Test
  void aLabelRemovedLaterDoesNotApprove() {
    timeline.add(GitHubFixtures.labeled(9001, ALICE, LABEL, AFTER_PUSH));
    timeline.add(GitHubFixtures.unlabeled(9002, BOB, LABEL, "2026-05-01T12:30:00Z"));
    stillRequired("and removed by bob");
  }

  // ---- an approval across pushes ----------------------------------------------------------------

  /** Approves at the current head with a secret, so the comment carries a seal. */
  String approveWithSeal() throws Exception {
    timeline.add(GitHubFixtures.labeled(9001, ALICE, LABEL, AFTER_PUSH));
    serve();
    RunnerFixture first = runner(GitHubFixtures.labeledEvent(pullRequest(), LABEL, ALICE));
    first.set("PLANGATE_APPROVAL_SECRET", "repository-secret");
    assertThat(check(first).exitCode()).isZero();
    assertThat(comments()).singleElement().asString().contains("<!-- plangate-approval v1");
    return head;
  }

  /** The run of the push that made {@link #head}, an hour after the approval. */
  CliRun checkPushAfterApproval() {
    serve();
    github.onGet("/repos/" + REPO + "/actions/runs?head_sha=" + head,
        GitHubFixtures.workflowRuns(List.of(GitHubFixtures.workflowRun(902, "plangate",
            "pull_request", head, "2026-05-01T13:00:00Z", 1, "completed", "success"))));
    RunnerFixture second = runner(GitHubFixtures.synchronizeEvent(pullRequest(), base, head,
        COPILOT));
    second.set("PLANGATE_APPROVAL_SECRET", "repository-secret");
    return check(second);
  }

  @Test
  void anUnrelatedPushAfterTheApprovalKeepsIt() throws Exception {
    approveWithSeal();
    git.write("README.md", "Orders service.\n");
    head = git.commit("Document the service");
    CliRun r = checkPushAfterApproval();

    assertThat(r.exitCode()).as(r.out() + r.err()).isZero();
    assertThat(comments()).singleElement().asString().contains("Approved by alice")
        .contains("<!-- plangate-approval v1");
  }

  @Test
  void aNewDestroyAfterTheApprovalVoidsIt() throws Exception {
    approveWithSeal();
    git.write("main.tf", "resource \"terraform_data\" \"web\" {\n  input = \"orders-db\"\n}\n");
    head = git.commit("Remove the cache too");
    ObjectNode plan = (ObjectNode) JSON.readTree(EXAMPLE.resolve("destroy-plan.json").toFile());
    for (JsonNode rc : plan.withArray("resource_changes")) {
      if (rc.path("address").asText().equals("terraform_data.cache")) {
        ((ObjectNode) rc.path("change")).putArray("actions").add("delete");
      }
    }
    JSON.writeValue(git.dir().resolve("plan.json").toFile(), plan);
    CliRun r = checkPushAfterApproval();

    assertThat(r.exitCode()).as(r.out() + r.err()).isEqualTo(1);
    assertThat(comments()).singleElement().asString()
        .contains(Escape.markdown("a later push changed what is destroyed"))
        .doesNotContain("<!-- plangate-approval v1");
  }

  @Test
  void aForgedSealApprovesNothing() throws Exception {
    timeline.add(GitHubFixtures.labeled(9001, ALICE, LABEL, BEFORE_PUSH));
    serve();
    // An agent running with the workflow token writes a comment as github-actions[bot] with a
    // seal it made up; without the secret its MAC cannot be right.
    github.comments().seed(REPO, 42, GITHUB_ACTIONS, "<!-- plangate-report -->\nold\n"
        + "<!-- plangate-approval v1 fingerprint=0123456789abcdef label-event=9001"
        + " approver=alice head=" + head + " mac=" + "ab".repeat(32) + " -->");
    RunnerFixture runner = runner(GitHubFixtures.synchronizeEvent(pullRequest(), base, head,
        COPILOT));
    runner.set("PLANGATE_APPROVAL_SECRET", "repository-secret");
    assertThat(check(runner).exitCode()).isEqualTo(1);
  }

  // ---- the API misbehaving ---------------------------------------------------------------------

  @Test
  void aServerErrorIsRetried() throws Exception {
    serve();
    github.on("GET", "/repos/" + REPO + "/pulls/42").answer(Answer.error(500, "Server Error"),
        Answer.json(pullRequest()));
    CliRun r = check(runner(GitHubFixtures.openedEvent(pullRequest(), COPILOT)));

    assertThat(r.exitCode()).as(r.out() + r.err()).isEqualTo(1);
    assertThat(github.requests("GET", "/repos/" + REPO + "/pulls/42").stream()
        .filter(q -> q.pathAndQuery().equals("/repos/" + REPO + "/pulls/42"))).hasSize(2);
    assertThat(r.out()).contains("plangate: ").contains("retrying");
  }

  @Test
  void anUnreachableApiIsAnErrorThatNamesTheCall() throws Exception {
    serve();
    RunnerFixture runner = runner(GitHubFixtures.openedEvent(pullRequest(), COPILOT));
    github.close();
    CliRun r = check(runner);

    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains("/repos/acme/infra/pulls/42");
    assertThat(runner.outputs()).containsEntry("decision", "error");
    assertThat(runner.summary()).contains("plangate — error");
  }

  @Test
  void aPermissionLookupThatIsRefusedFailsClosed() throws Exception {
    timeline.add(GitHubFixtures.labeled(9001, ALICE, LABEL, AFTER_PUSH));
    serve();
    github.on("GET", "/repos/" + REPO + "/collaborators/alice/permission")
        .answer(Answer.error(403, "Resource not accessible by integration"));
    CliRun r = check(runner(GitHubFixtures.synchronizeEvent(pullRequest(), base, head,
        COPILOT)));

    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains("cannot verify the approver alice");
  }

  // ---- forks, size and hostile input ------------------------------------------------------------

  @Test
  void aForkPullRequestIsDecidedWithoutAComment() throws Exception {
    serve();
    ObjectNode pr = GitHubFixtures.pullRequest(42).author(COPILOT).headSha(head).baseSha(base)
        .fromFork("stranger/infra").build();
    github.onGet("/repos/" + REPO + "/pulls/42", pr);
    RunnerFixture runner = runner(GitHubFixtures.openedEvent(pr, COPILOT));
    CliRun r = check(runner);

    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(comments()).isEmpty();
    assertThat(github.requests("POST", "/repos")).isEmpty();
    assertThat(runner.summary()).contains("comes from a fork");
  }

  @Test
  void fiveThousandDestroysFitInOneComment() throws Exception {
    ObjectNode plan = (ObjectNode) JSON.readTree(EXAMPLE.resolve("destroy-plan.json").toFile());
    var changes = plan.putArray("resource_changes");
    for (int i = 0; i < 5000; i++) {
      ObjectNode rc = changes.addObject();
      rc.put("address", "terraform_data.orders_database_shard_" + "x".repeat(40) + i)
          .put("mode", "managed").put("type", "terraform_data")
          .put("name", "orders_database_shard_" + "x".repeat(40) + i)
          .put("provider_name", "terraform.io/builtin/terraform");
      rc.putObject("change").putArray("actions").add("delete");
      rc.put("action_reason", "delete_because_no_resource_config");
    }
    JSON.writeValue(git.dir().resolve("plan.json").toFile(), plan);
    serve();
    RunnerFixture runner = runner(GitHubFixtures.openedEvent(pullRequest(), COPILOT));
    CliRun r = check(runner);

    assertThat(r.exitCode()).as(r.err()).isEqualTo(1);
    String body = comments().get(0);
    assertThat(body.length()).isLessThanOrEqualTo(65_536);
    assertThat(body).contains("approval required").contains("**To proceed:**");
    assertThat(r.out().lines().filter(l -> l.startsWith("::error "))).hasSize(10);
    assertThat(runner.summary()).contains("more findings are not annotated");
  }

  @Test
  void hostileBranchAndResourceNamesAreEscapedEverywhere() throws Exception {
    headRef = "$(touch pwned)`touch pwned2`";
    String evil = "terraform_data.x[\"<img src=x onerror=alert(1)>](javascript:x)\\n::error::"
        + "owned\"]";
    ObjectNode plan = (ObjectNode) JSON.readTree(EXAMPLE.resolve("destroy-plan.json").toFile());
    ObjectNode rc = plan.withArray("resource_changes").addObject();
    rc.put("address", evil).put("mode", "managed").put("type", "terraform_data")
        .put("name", "x").put("provider_name", "terraform.io/builtin/terraform");
    rc.putObject("change").putArray("actions").add("delete");
    JSON.writeValue(git.dir().resolve("plan.json").toFile(), plan);
    serve();
    RunnerFixture runner = runner(GitHubFixtures.openedEvent(pullRequest(), COPILOT));
    CliRun r = check(runner);

    assertThat(r.exitCode()).as(r.err()).isEqualTo(1);
    String body = comments().get(0);
    assertThat(body).doesNotContain("<img").doesNotContain("](javascript");
    assertThat(runner.summary()).doesNotContain("<img");
    assertThat(r.out().lines().filter(l -> l.startsWith("::error::owned"))).isEmpty();
    assertThat(Files.exists(git.dir().resolve("pwned"))).isFalse();
    assertThat(Files.exists(Path.of("pwned"))).isFalse();
  }

  @Test
  void aPullRequestOpenedThroughAnAgentsAppIsAiAuthoredEvenByAHumanAccount() throws Exception {
    prAuthor = ALICE;
    headRef = "fix-db";
    git.write("main.tf", Files.readString(EXAMPLE.resolve("after-destroy/main.tf")) + "\n");
    head = git.commit("Plain human-looking commit");
    serve();
    github.paged("/repos/" + REPO + "/pulls/42/commits", List.of(), 100);
    ObjectNode issue = JSON.createObjectNode().put("number", 42);
    issue.set("performed_via_github_app", GitHubFixtures.COPILOT_APP.json());
    github.onGet("/repos/" + REPO + "/issues/42", issue);
    RunnerFixture runner = runner(GitHubFixtures.openedEvent(pullRequest(), ALICE));
    CliRun r = check(runner);

    assertThat(r.exitCode()).as(r.err()).isEqualTo(1);
    assertThat(comments()).singleElement().asString().contains("GitHub Copilot coding agent")
        .contains(Escape.markdown("opened through the GitHub App copilot-swe-agent"));
  }

  @Test
  void aCommentWithTheMarkerBySomeoneElseIsNeverTakenForPlangates() throws Exception {
    github.comments().seed(REPO, 42, GitHubFixtures.CLAUDE, "<!-- plangate-report -->\n"
        + "### ✅ plangate — pass (planted)");
    serve();
    CliRun r = check(runner(GitHubFixtures.openedEvent(pullRequest(), COPILOT)));

    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(comments()).hasSize(2).first().asString().contains("(planted)");
    assertThat(comments().get(1)).contains("approval required");
    assertThat(github.requests("PATCH", "/repos")).isEmpty();
  }

  @Test
  void thePolicyOfTheBaseCommitJudgesAndAPolicyTheChangeAddsWaitsForTheMerge() throws Exception {
    // The agent's own commit adds a waiver for what it destroys; the base has none.
    git.write(".plangate.yml", "waivers:\n  - address: terraform_data.database\n"
        + "    reason: agent says so\n    expires: 2099-01-01\n");
    head = git.commit("Waive it");
    serve();
    RunnerFixture runner = runner(GitHubFixtures.openedEvent(pullRequest(), COPILOT));
    CliRun r = check(runner);

    assertThat(r.exitCode()).as(r.err()).isEqualTo(1);
    assertThat(runner.summary()).contains(Escape.markdown("This pull request adds"
        + " .plangate.yml; the gate applies the defaults, tightened by what it adds, until it"
        + " is merged."));
    assertThat(runner.summary()).contains(Escape.markdown("a waiver for"
        + " terraform_data.database (until 2099-01-01) is added"));
  }

  @Test
  void aPolicyFileOutsideTheRepositoryIsAnError() throws Exception {
    Files.writeString(tmp.resolve("elsewhere.yml"), "humanOnly: pass\n");
    serve();
    CliRun r = check(runner(GitHubFixtures.openedEvent(pullRequest(), COPILOT)), "--policy",
        tmp.resolve("elsewhere.yml").toString());
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains("is outside the repository");
  }
}
