package dev.plangate.gitlab;

import static dev.plangate.gitlab.testing.GitLabFixtures.AGENT;
import static dev.plangate.gitlab.testing.GitLabFixtures.ALICE;
import static dev.plangate.gitlab.testing.GitLabFixtures.BOB;
import static dev.plangate.gitlab.testing.GitLabFixtures.DAVE;
import static dev.plangate.gitlab.testing.GitLabFixtures.LABEL;
import static dev.plangate.gitlab.testing.GitLabFixtures.MR;
import static dev.plangate.gitlab.testing.GitLabFixtures.PLANGATE;
import static dev.plangate.gitlab.testing.GitLabFixtures.PROJECT;
import static dev.plangate.gitlab.testing.GitLabFixtures.RITA;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.plangate.core.gate.Approval;
import dev.plangate.core.gate.ApprovalRequest;
import dev.plangate.core.gate.ApprovalSeal;
import dev.plangate.core.gate.Approvals;
import dev.plangate.core.gate.Approver.ApprovalException;
import dev.plangate.core.git.GitRepository;
import dev.plangate.core.testing.GitFixture;
import dev.plangate.gitlab.testing.FakeGitLab;
import dev.plangate.gitlab.testing.FakeGitLab.Answer;
import dev.plangate.gitlab.testing.GitLabFixtures;
import dev.plangate.platform.RetryPolicy;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every approval rule, against a fake GitLab answering with recorded shapes. */
class GitLabApproverTest {
  static final String PUSHED = "2026-05-01T11:00:00.000Z";
  static final String BEFORE_PUSH = "2026-05-01T10:30:00.000Z";
  static final String AFTER_PUSH = "2026-05-01T12:00:00.000Z";
  static final String FINGERPRINT = "0123456789abcdef";

  @TempDir java.nio.file.Path tmp;
  FakeGitLab gitlab;
  GitFixture git;
  String base;
  String head;
  final List<JsonNode> events = new ArrayList<>();
  JsonNode approvals = GitLabFixtures.approvals(List.of(), null);

  @BeforeEach
  void setUp() {
    gitlab = FakeGitLab.start();
    git = GitFixture.init(tmp.resolve("repo"));
    git.write("main.tf", "resource \"terraform_data\" \"db\" {}\n");
    base = git.commit("Add the database");
    git.write("main.tf", "\n");
    head = git.commit("Remove the database\n\nCo-authored-by: Dave Coauthor"
        + " <dave@example.com>\n", new GitFixture.Person("infra-agent", "agent@example.com"));
    GitLabFixtures.serveAccounts(gitlab);
  }

  @AfterEach
  void stop() {
    gitlab.close();
  }

  Map<String, String> env(boolean token) {
    Map<String, String> env = new HashMap<>(Map.of("GITLAB_CI", "true", "CI_PROJECT_ID",
        PROJECT, "CI_MERGE_REQUEST_IID", "7", "CI_API_V4_URL", gitlab.apiUrl(),
        "CI_MERGE_REQUEST_DIFF_BASE_SHA", base, "CI_COMMIT_SHA", head));
    if (token) {
      env.put("PLANGATE_GITLAB_TOKEN", "glpat-secret-token-123");
    }
    return env;
  }

  void serve() {
    gitlab.onGet(MR, GitLabFixtures.mergeRequest(AGENT, base, head));
    gitlab.list(MR + "/commits", List.of(GitLabFixtures.commit(head, "Remove the database\n\n"
        + "Co-authored-by: Dave Coauthor <dave@example.com>\n", "infra-agent",
        "agent@example.com")), 20);
    gitlab.list(MR + "/resource_label_events", events, 2);
    gitlab.list(MR + "/versions", List.of(
        GitLabFixtures.version(2, head, base, PUSHED),
        GitLabFixtures.version(1, base, base, "2026-05-01T09:00:00.000Z")), 20);
    gitlab.onGet(MR + "/approvals", approvals);
  }

  MergeRequestContext context() throws Exception {
    GitLabEnvironment env = new GitLabEnvironment(env(true));
    GitLabApi api = new GitLabApi(gitlab.apiUrl(), env.token().get(),
        RetryPolicy.defaults().withTime(d -> { }, java.time.Clock.systemUTC()));
    return MergeRequestContext.read(env, api, GitRepository.open(git.dir()), null, null, true,
        new byte[0]);
  }

  Approvals approvals() throws Exception {
    serve();
    return context().approver().approvals(new ApprovalRequest(FINGERPRINT, LABEL, head));
  }

  void label(long id, GitLabFixtures.User by, String action, String at) {
    events.add(GitLabFixtures.labelEvent(id, by, LABEL, action, at));
  }

  @Test
  void noLabelNoApproval() throws Exception {
    Approvals a = approvals();
    assertThat(a.found()).isEmpty();
    assertThat(a.notes()).isEmpty();
  }

  @Test
  void aMaintainersLabelAfterTheLastPushApproves() throws Exception {
    label(1, ALICE, "add", AFTER_PUSH);
    Approvals a = approvals();
    assertThat(a.found()).extracting(Approval::approver).containsExactly("alice");
    assertThat(a.found().get(0).fingerprint()).isEqualTo(FINGERPRINT);
    assertThat(gitlab.requests()).allSatisfy(r ->
        assertThat(r.token()).isEqualTo("glpat-secret-token-123"));
  }

  @Test
  void anOtherLabelDoesNotApprove() throws Exception {
    events.add(GitLabFixtures.labelEvent(1, ALICE, "plangate/approve", "add", AFTER_PUSH));
    assertThat(approvals().found()).isEmpty();
  }

  @Test
  void aBotsLabelDoesNotApprove() throws Exception {
    label(1, PLANGATE, "add", AFTER_PUSH);
    Approvals a = approvals();
    assertThat(a.found()).isEmpty();
    assertThat(a.notes()).singleElement().asString().contains("bot account");
  }

  @Test
  void aLabelAddedBeforeTheLastPushDoesNotApprove() throws Exception {
    label(1, ALICE, "add", BEFORE_PUSH);
    Approvals a = approvals();
    assertThat(a.found()).isEmpty();
    assertThat(a.notes()).singleElement().asString().contains("before the head commit")
        .contains(PUSHED.replace(".000", ""));
  }

  @Test
  void withoutAVersionForTheHeadTheLabelDoesNotApprove() throws Exception {
    label(1, ALICE, "add", AFTER_PUSH);
    serve();
    gitlab.list(MR + "/versions", List.of(GitLabFixtures.version(1, base, base,
        "2026-05-01T09:00:00.000Z")), 20);
    Approvals a = context().approver().approvals(new ApprovalRequest(FINGERPRINT, LABEL, head));
    assertThat(a.found()).isEmpty();
    assertThat(a.notes()).singleElement().asString().contains("no diff version");
  }

  @Test
  void aReportersLabelDoesNotApprove() throws Exception {
    label(1, RITA, "add", AFTER_PUSH);
    Approvals a = approvals();
    assertThat(a.found()).isEmpty();
    assertThat(a.notes()).singleElement().asString().contains("Reporter access")
        .contains("Developer or above");
  }

  @Test
  void theAgentsOwnLabelDoesNotApprove() throws Exception {
    label(1, AGENT, "add", AFTER_PUSH);
    Approvals a = approvals();
    assertThat(a.found()).isEmpty();
    assertThat(a.notes()).singleElement().asString().contains("opened the merge request");
  }

  @Test
  void aLabelAddedThenRemovedDoesNotApprove() throws Exception {
    label(1, ALICE, "add", AFTER_PUSH);
    label(2, BOB, "remove", "2026-05-01T12:30:00.000Z");
    Approvals a = approvals();
    assertThat(a.found()).isEmpty();
    assertThat(a.notes()).singleElement().asString().contains("removed by bob");
  }

  @Test
  void aLabelRemovedAndAddedAgainApproves() throws Exception {
    label(1, ALICE, "add", BEFORE_PUSH);
    label(2, ALICE, "remove", "2026-05-01T11:30:00.000Z");
    label(3, ALICE, "add", AFTER_PUSH);
    assertThat(approvals().found()).extracting(Approval::approver).containsExactly("alice");
  }

  @Test
  void aCoAuthorsLabelDoesNotApprove() throws Exception {
    label(1, DAVE, "add", AFTER_PUSH);
    Approvals a = approvals();
    assertThat(a.found()).isEmpty();
    assertThat(a.notes()).singleElement().asString().contains("co-author of commit");
  }

  @Test
  void twoPersonRuleCountsMergeRequestApprovalsAfterThePushByOtherHumans() throws Exception {
    label(1, ALICE, "add", AFTER_PUSH);
    approvals = GitLabFixtures.approvals(List.of(ALICE, BOB, RITA, DAVE), AFTER_PUSH);
    Approvals a = approvals();
    assertThat(a.found()).extracting(Approval::approver).containsExactly("alice", "bob");
    assertThat(a.notes()).hasSize(2).anySatisfy(n -> assertThat(n).contains("rita"))
        .anySatisfy(n -> assertThat(n).contains("dave").contains("co-author"));
  }

  @Test
  void mergeRequestApprovalsBeforeThePushOrWithoutATimeDoNotCount() throws Exception {
    label(1, ALICE, "add", AFTER_PUSH);
    approvals = GitLabFixtures.approvals(List.of(BOB), BEFORE_PUSH);
    assertThat(approvals().found()).extracting(Approval::approver).containsExactly("alice");
    approvals = GitLabFixtures.approvals(List.of(BOB), null);
    Approvals a = approvals();
    assertThat(a.found()).extracting(Approval::approver).containsExactly("alice");
    assertThat(a.notes()).singleElement().asString().contains("approved_at");
  }

  @Test
  void mergeRequestApprovalsAloneApproveNothing() throws Exception {
    approvals = GitLabFixtures.approvals(List.of(ALICE, BOB), AFTER_PUSH);
    assertThat(approvals().found()).isEmpty();
  }

  @Test
  void aLabelFromBeforeThePushCountsOnlyThroughAValidSeal() throws Exception {
    label(1, ALICE, "add", BEFORE_PUSH);
    byte[] key = "seal-key".getBytes(java.nio.charset.StandardCharsets.UTF_8);
    String marker = new ApprovalSeal(FINGERPRINT, 1, Long.toString(ALICE.id()), base)
        .marker(ApprovalSeal.Scheme.GITLAB, PROJECT, 7, key);
    gitlab.addNote(PROJECT, 7, GitLabFixtures.basic(PLANGATE),
        "<!-- plangate-report -->\nold report\n" + marker);
    serve();
    GitLabEnvironment env = new GitLabEnvironment(env(true));
    GitLabApi api = new GitLabApi(gitlab.apiUrl(), "glpat-secret-token-123",
        RetryPolicy.defaults().withTime(d -> { }, java.time.Clock.systemUTC()));
    MergeRequestContext sealed = MergeRequestContext.read(env, api,
        GitRepository.open(git.dir()), null, null, true, key);
    assertThat(sealed.approver().approvals(new ApprovalRequest(FINGERPRINT, LABEL, head))
        .found()).extracting(Approval::approver).containsExactly("alice");
    // The same seal under another key, or in a note by someone else, approves nothing.
    MergeRequestContext wrongKey = MergeRequestContext.read(env, api,
        GitRepository.open(git.dir()), null, null, true, "other".getBytes());
    assertThat(wrongKey.approver().approvals(new ApprovalRequest(FINGERPRINT, LABEL, head))
        .found()).isEmpty();
    gitlab.notes(PROJECT, 7).clear();
    gitlab.addNote(PROJECT, 7, GitLabFixtures.basic(ALICE),
        "<!-- plangate-report -->\nforged\n" + marker);
    MergeRequestContext forged = MergeRequestContext.read(env, api,
        GitRepository.open(git.dir()), null, null, true, key);
    assertThat(forged.approver().approvals(new ApprovalRequest(FINGERPRINT, LABEL, head))
        .found()).isEmpty();
  }

  @Test
  void anApiThatFailsWhileJudgingIsAnErrorNotANo() throws Exception {
    label(1, ALICE, "add", AFTER_PUSH);
    serve();
    gitlab.on("GET", "/users/" + ALICE.id(), Answer.status(503, "{\"message\":\"down\"}"));
    MergeRequestContext c = context();
    assertThatThrownBy(() -> c.approver().approvals(new ApprovalRequest(FINGERPRINT, LABEL,
        head))).isInstanceOf(ApprovalException.class).hasMessageContaining("HTTP 503")
        .hasMessageNotContaining("glpat-secret-token-123");
  }

  @Test
  void anApiDownIsACheckError() {
    serve();
    gitlab.on("GET", MR, Answer.status(502, "<html>bad gateway</html>"));
    assertThatThrownBy(this::context).isInstanceOf(GitLabCheckException.class)
        .hasMessageContaining("HTTP 502").hasMessageContaining("after 5 attempts");
  }

  @Test
  void withoutATokenAnApprovalCannotBeCheckedAndSaysWhy() throws Exception {
    GitLabEnvironment env = new GitLabEnvironment(env(false));
    MergeRequestContext c = MergeRequestContext.read(env, null,
        GitRepository.open(git.dir()), null, null, true, new byte[0]);
    assertThatThrownBy(() -> c.approver().approvals(new ApprovalRequest(FINGERPRINT, LABEL,
        head))).isInstanceOf(ApprovalException.class)
        .hasMessageContaining("PLANGATE_GITLAB_TOKEN").hasMessageContaining("CI_JOB_TOKEN");
    assertThat(gitlab.requests()).isEmpty();
  }

  @Test
  void aMergeRequestOpenedByABotIsAiAuthored() throws Exception {
    serve();
    assertThat(context().platformSignals().change()).singleElement()
        .satisfies(s -> assertThat(s.evidence()).isEqualTo(AGENT.username()));
  }

  @Test
  void aCheckoutOfAnOlderCommitIsRefused() throws Exception {
    serve();
    git.write("main.tf", "# newer\n");
    git.commit("Newer push");
    assertThatThrownBy(this::context).isInstanceOf(GitLabCheckException.class)
        .hasMessageContaining("older commit");
  }
}
