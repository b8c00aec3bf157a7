package dev.plangate.github;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.plangate.core.authorship.SignalCatalog;
import dev.plangate.core.gate.Approval;
import dev.plangate.core.gate.ApprovalRequest;
import dev.plangate.core.gate.ApprovalSeal;
import dev.plangate.core.gate.Approvals;
import dev.plangate.core.gate.Approver.ApprovalException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Who may approve, and when: the rules of docs/github-action.md on GitHub's own records. */
class GitHubApproverTest {
  static final String HEAD = "ec26c3e57ca3a959ca5aad62de7213c562f8c821";
  static final String OLD_HEAD = "1111111111111111111111111111111111111111";
  static final String BASE = "f95f852bd8fca8fcc58a9a2d6c842781e32a215e";
  static final String LABEL = "plangate/approve-destroy";
  static final String FP = "7f3c9e21aa00bb11";
  static final Instant PUSHED = Instant.parse("2026-05-01T11:00:00Z");
  static final Instant AFTER = Instant.parse("2026-05-01T12:00:00Z");
  static final Instant BEFORE = Instant.parse("2026-05-01T10:30:00Z");

  static final Account ALICE = new Account("alice", 1001, "User");
  static final Account BOB = new Account("bob", 1002, "User");
  static final Account CAROL = new Account("carol", 1003, "User");
  static final Account COPILOT = new Account("Copilot", 198982749, "Bot");
  static final Account CLAUDE_BOT = new Account("claude[bot]", 209825114, "Bot");
  static final Account SOME_APP = new Account("deploy-helper[bot]", 555, "Bot");
  static final Account DEV = new Account("dev", 1004, "User");

  static final Map<String, String> ROLES = Map.of("alice", "write", "bob", "maintain",
      "carol", "triage", "dev", "admin");
  static final byte[] KEY = "s3cret".getBytes(StandardCharsets.UTF_8);

  static PullRequest pr(Account author) {
    return new PullRequest(42, author, HEAD, "copilot/remove-vpc", "acme/infra", BASE,
        "acme/infra", 3);
  }

  static Timeline.LabelEvent labeled(long id, Account who, Instant at) {
    return new Timeline.LabelEvent(id, true, LABEL, who, null, at);
  }

  final List<String> asked = new ArrayList<>();

  GitHubApprover approver(Account author, Timeline timeline, Map<String, String> participants,
      Optional<ApprovalSeal> seal) {
    return new GitHubApprover(pr(author), timeline, () -> participants, login -> {
      asked.add(login);
      return ROLES.getOrDefault(login, "none");
    }, sha -> PUSHED, Optional.empty(), seal, SignalCatalog.builtin());
  }

  Approvals approvals(Timeline timeline) throws ApprovalException {
    return approver(COPILOT, timeline, Map.of("dev", "is a co-author of commit ec26c3e"),
        Optional.empty()).approvals(new ApprovalRequest(FP, LABEL, HEAD));
  }

  static Timeline labels(Timeline.LabelEvent... events) {
    return new Timeline(List.of(events), List.of(), List.of());
  }

  @Test
  void aHumanWriterLabellingAfterTheLastPushApproves() throws Exception {
    GitHubApprover a = approver(COPILOT, labels(labeled(9001, ALICE, AFTER)), Map.of(),
        Optional.empty());
    Approvals found = a.approvals(new ApprovalRequest(FP, LABEL, HEAD));

    assertThat(found.found()).containsExactly(new Approval("alice", "label " + LABEL, FP, AFTER));
    assertThat(found.notes()).isEmpty();
    assertThat(a.sealToWrite()).contains(new ApprovalSeal(FP, 9001, "alice", HEAD));
  }

  @Test
  void labelsThatDoNotCountSayWhy() throws Exception {
    assertThat(approvals(labels(labeled(1, CLAUDE_BOT, AFTER))).notes()).singleElement()
        .asString().contains("claude[bot] is the account of Claude Code, an AI agent");
    assertThat(approvals(labels(labeled(1, SOME_APP, AFTER))).notes()).singleElement()
        .asString().contains("deploy-helper[bot] (Bot, id 555) is not a person's account");
    assertThat(approvals(labels(new Timeline.LabelEvent(1, true, LABEL, ALICE, "my-app",
        AFTER))).notes()).singleElement().asString()
        .contains("alice added the label through the GitHub App my-app");
    assertThat(approver(ALICE, labels(labeled(1, ALICE, AFTER)), Map.of(), Optional.empty())
        .approvals(new ApprovalRequest(FP, LABEL, HEAD)).notes()).singleElement().asString()
        .contains("alice opened the pull request");
    assertThat(approvals(labels(labeled(1, DEV, AFTER))).notes()).singleElement().asString()
        .contains("dev is a co-author of commit ec26c3e");
    assertThat(approvals(labels(labeled(1, CAROL, AFTER))).notes()).singleElement().asString()
        .contains("carol has triage access to the repository; approving needs write");
    assertThat(approvals(labels(labeled(1, new Account("eve", 7, "User"), AFTER))).notes())
        .singleElement().asString().contains("eve has no access");
    assertThat(approvals(labels(labeled(1, ALICE, BEFORE))).notes()).singleElement().asString()
        .contains("before the head commit ec26c3e was pushed (at 2026-05-01T11:00:00Z)")
        .contains("removes and adds it again");
    assertThat(approvals(labels(labeled(1, ALICE, AFTER),
        new Timeline.LabelEvent(2, false, LABEL, BOB, null, AFTER.plusSeconds(60)))).notes())
        .singleElement().asString().contains("and removed by bob");
    for (Approvals none : List.of(approvals(labels(labeled(1, CLAUDE_BOT, AFTER))),
        approvals(labels(labeled(1, CAROL, AFTER))), approvals(labels(labeled(1, ALICE,
            BEFORE))))) {
      assertThat(none.found()).isEmpty();
    }
  }

  @Test
  void theLatestLabellingDecidesAndOtherLabelsAreIgnored() throws Exception {
    Timeline t = labels(labeled(1, CAROL, BEFORE),
        new Timeline.LabelEvent(2, false, LABEL, CAROL, null, BEFORE.plusSeconds(1)),
        new Timeline.LabelEvent(3, true, "Plangate/Approve-Destroy", ALICE, null, AFTER),
        labeled(4, BOB, AFTER));
    assertThat(approvals(t).found()).extracting(Approval::approver).containsExactly("bob");
  }

  @Test
  void aForcePushAfterTheLabelMakesItStale() throws Exception {
    Timeline t = new Timeline(List.of(labeled(1, ALICE, AFTER)),
        List.of(new Timeline.ForcePush(COPILOT, AFTER.plusSeconds(5))), List.of());
    assertThat(approvals(t).found()).isEmpty();
    assertThat(approvals(t).notes()).singleElement().asString()
        .contains("before the branch was force-pushed");
  }

  @Test
  void aSealCarriesTheApprovalOverAnUnrelatedPushAndNamesItsFingerprint() throws Exception {
    ApprovalSeal seal = new ApprovalSeal(FP, 1, "alice", OLD_HEAD);
    GitHubApprover same = approver(COPILOT, labels(labeled(1, ALICE, BEFORE)), Map.of(),
        Optional.of(seal));
    Approvals kept = same.approvals(new ApprovalRequest(FP, LABEL, HEAD));
    assertThat(kept.found()).singleElement().satisfies(x -> {
      assertThat(x.fingerprint()).isEqualTo(FP);
      assertThat(x.via()).isEqualTo("label " + LABEL + ", given at 1111111");
    });
    assertThat(same.sealToWrite()).contains(seal);

    GitHubApprover changed = approver(COPILOT, labels(labeled(1, ALICE, BEFORE)), Map.of(),
        Optional.of(seal));
    Approvals voided = changed.approvals(new ApprovalRequest("0000000000000000", LABEL, HEAD));
    assertThat(voided.found()).singleElement().extracting(Approval::fingerprint).isEqualTo(FP);
    assertThat(changed.sealToWrite()).isEmpty();

    GitHubApprover otherLabel = approver(COPILOT, labels(labeled(2, ALICE, BEFORE)), Map.of(),
        Optional.of(seal));
    assertThat(otherLabel.approvals(new ApprovalRequest(FP, LABEL, HEAD)).found()).isEmpty();
  }

  @Test
  void reviewsOfTheHeadByOtherWritersAddApprovers() throws Exception {
    Timeline t = new Timeline(List.of(labeled(1, ALICE, AFTER)), List.of(), List.of(
        new Timeline.Review(BOB, "approved", HEAD, AFTER),
        new Timeline.Review(CAROL, "approved", HEAD, AFTER),
        new Timeline.Review(DEV, "approved", HEAD, AFTER),
        new Timeline.Review(new Account("erin", 9, "User"), "approved", OLD_HEAD, AFTER),
        new Timeline.Review(ALICE, "approved", HEAD, AFTER)));
    Approvals found = approvals(t);
    assertThat(found.found()).extracting(Approval::approver).containsExactly("alice", "bob");
    assertThat(found.notes()).hasSize(3).anySatisfy(n -> assertThat(n).contains("carol"))
        .anySatisfy(n -> assertThat(n).contains("dev is a co-author"))
        .anySatisfy(n -> assertThat(n).contains("erin is of commit 1111111"));
  }

  @Test
  void aReviewWithoutALabelApprovesNothing() throws Exception {
    Timeline t = new Timeline(List.of(), List.of(), List.of(
        new Timeline.Review(BOB, "approved", HEAD, AFTER)));
    assertThat(approvals(t).found()).isEmpty();
  }

  @Test
  void aPermissionLookupThatFailsIsAnErrorNotARefusal() {
    GitHubApprover a = new GitHubApprover(pr(COPILOT), labels(labeled(1, ALICE, AFTER)),
        Map::of, login -> {
          throw new ApprovalException("GET /repos/acme/infra/collaborators/alice/permission"
              + " failed: HTTP 403");
        }, sha -> PUSHED, Optional.empty(), Optional.empty(), SignalCatalog.builtin());
    assertThatThrownBy(() -> a.approvals(new ApprovalRequest(FP, LABEL, HEAD)))
        .isInstanceOf(ApprovalException.class).hasMessageContaining("HTTP 403");
  }

  @Test
  void theTriggeringLabelEventProvesFreshnessWithoutAskingForPushTimes() throws Exception {
    Timeline.LabelEvent event = labeled(1, ALICE, AFTER);
    GitHubApprover a = new GitHubApprover(pr(COPILOT), labels(event), Map::of,
        login -> ROLES.get(login), sha -> {
          throw new AssertionError("push time not needed");
        }, Optional.of(new GitHubApprover.LabelTrigger(LABEL, "alice", HEAD)), Optional.empty(),
        SignalCatalog.builtin());
    assertThat(a.approvals(new ApprovalRequest(FP, LABEL, HEAD)).found()).hasSize(1);

    GitHubApprover replayed = new GitHubApprover(pr(COPILOT), labels(labeled(1, ALICE, BEFORE)),
        Map::of, login -> ROLES.get(login), sha -> PUSHED,
        Optional.of(new GitHubApprover.LabelTrigger(LABEL, "alice", OLD_HEAD)), Optional.empty(),
        SignalCatalog.builtin());
    assertThat(replayed.approvals(new ApprovalRequest(FP, LABEL, HEAD)).found()).isEmpty();
  }

  @Test
  void participantsComeFromAccountsNoreplyEmailsAndCoAuthorTrailers() {
    PullRequestCommit c = new PullRequestCommit(HEAD, COPILOT, new Account("web-flow", 19864447,
        "User"), "198982749+Copilot@users.noreply.github.com", "noreply@github.com",
        "Remove VPC\n\nCo-authored-by: Dev <1004+dev@users.noreply.github.com>\n", true);
    assertThat(Participants.of(List.of(c), List.of())).containsEntry("dev",
        "is a co-author of commit ec26c3e").containsEntry("copilot", "authored commit ec26c3e")
        .doesNotContainKey("noreply");
    assertThat(Participants.login("alice@example.com")).isNull();
    assertThat(Participants.login("alice@users.noreply.github.com")).isEqualTo("alice");
  }
}
