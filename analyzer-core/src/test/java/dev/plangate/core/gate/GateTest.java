package dev.plangate.core.gate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.plangate.core.authorship.Attribution;
import dev.plangate.core.authorship.Authorship;
import dev.plangate.core.authorship.CommitAuthorship;
import dev.plangate.core.authorship.Confidence;
import dev.plangate.core.authorship.Signal;
import dev.plangate.core.impact.Downstream;
import dev.plangate.core.impact.Finding;
import dev.plangate.core.impact.FindingAction;
import dev.plangate.core.model.ReplaceOrder;
import dev.plangate.core.policy.AddressGlob;
import dev.plangate.core.policy.HumanOnly;
import dev.plangate.core.policy.Policy;
import dev.plangate.core.policy.ProtectRule;
import dev.plangate.core.policy.Waiver;
import java.time.Instant;
import java.time.LocalDate;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class GateTest {
  static final LocalDate TODAY = LocalDate.of(2026, 11, 21);
  static final String AI_SHA = "a1b2c3d4e5f60718293a4b5c6d7e8f9012345678";
  static final String HUMAN_SHA = "0f1e2d3c4b5a69788796a5b4c3d2e1f001234567";

  static final CommitAuthorship CLAUDE = new CommitAuthorship(AI_SHA,
      "Dev <dev@example.com>", "Rename env module", true, "Claude Code",
      List.of(new Signal("trailer", "Co-Authored-By: Claude <noreply@anthropic.com>",
          Confidence.MEDIUM, "Claude Code")));
  static final CommitAuthorship HUMAN = new CommitAuthorship(HUMAN_SHA,
      "Ana <ana@example.com>", "Bump instance size", false, null, List.of());

  static final Authorship AI = new Authorship(true, List.of(HUMAN, CLAUDE), List.of(), List.of());
  static final Authorship HUMAN_ONLY = new Authorship(false, List.of(HUMAN), List.of(), List.of());
  static final Authorship UNKNOWN = new Authorship(null, List.of(HUMAN), List.of(),
      List.of("The base revision abc is not in this clone's history because the clone is"
          + " shallow."));

  static Finding finding(String address, String type, FindingAction action, String reason) {
    return new Finding("plan.json", address, null, type, action,
        action == FindingAction.REPLACE ? ReplaceOrder.DELETE_BEFORE_CREATE : null, reason,
        List.of(action.id()), List.of(), false, null, null, null, address + " goes.",
        new Downstream(List.of(), List.of()), null);
  }

  static final Finding DB = finding("module.env.aws_db_instance.main", "aws_db_instance",
      FindingAction.DELETE, "delete_because_no_module")
      .withAttribution(List.of(new Attribution(AI_SHA, "Dev <dev@example.com>", "Claude Code",
          true, "main.tf", 3, "renamed module \"env\" to \"environment\"")));
  static final Finding WEB = finding("aws_instance.web", "aws_instance", FindingAction.REPLACE,
      "replace_because_cannot_update");
  static final Finding OLD = finding("aws_s3_bucket.old", "aws_s3_bucket", FindingAction.FORGET,
      null);

  static GateResult decide(List<Finding> findings, Authorship who, Policy policy,
      List<Approval> approvals) {
    return Gate.decide(new GateInput(findings, List.of(), who, policy,
        Approvals.of(approvals), TODAY, ApprovalRoute.PULL_REQUEST_LABEL));
  }

  static Policy with(HumanOnly humanOnly, boolean unknownIsAi, List<ProtectRule> protect,
      List<Waiver> waivers, Set<FindingAction> actions) {
    Policy d = Policy.defaults();
    return new Policy(".plangate.yml", actions, d.approvalLabel(), humanOnly, unknownIsAi,
        protect, waivers, List.of(), List.of(), List.of(), null, 1, 1, null, null);
  }

  @Test
  void anAiCommitThatDestroysNeedsApprovalAndTheReasonsNameResourceAndCommit() {
    GateResult r = decide(List.of(DB, WEB), AI, Policy.defaults(), List.of());

    assertThat(r.decision()).isEqualTo(Decision.APPROVAL_REQUIRED);
    assertThat(r.decision().exitCode()).isEqualTo(1);
    assertThat(r.reasons()).contains(
        "module.env.aws_db_instance.main would be destroyed; caused by commit a1b2c3d"
            + " (Claude Code), which renamed module \"env\" to \"environment\" in main.tf:3.",
        "aws_instance.web would be replaced.");
    assertThat(r.reasons().get(0)).startsWith("AI-authored: commit a1b2c3d \"Rename env module\""
        + " (Claude Code: Co-Authored-By: Claude <noreply@anthropic.com>); 2 findings need");
    assertThat(r.reasons()).last().asString()
        .contains("plangate/approve-destroy").contains(r.fingerprint());
    assertThat(r.verdict(DB)).isEqualTo(Verdict.APPROVAL_REQUIRED);
  }

  @Test
  void outsideAPullRequestTheApprovalSentenceSaysWhatWorksThere() {
    for (ApprovalRoute route : ApprovalRoute.values()) {
      GateResult r = Gate.decide(new GateInput(List.of(DB), List.of(), AI, Policy.defaults(),
          Approvals.none(), TODAY, route));
      String sentence = r.because().get(r.because().size() - 1).text();
      assertThat(r.decision()).isEqualTo(Decision.APPROVAL_REQUIRED);
      assertThat(sentence).as(route.id()).contains(r.fingerprint());
      if (route == ApprovalRoute.MERGE_REQUEST_LABEL) {
        assertThat(sentence).startsWith("Someone with Developer access or above approves by"
            + " adding the label plangate/approve-destroy");
      } else if (route.byLabel()) {
        assertThat(sentence).startsWith("A maintainer with write access approves by adding the"
            + " label plangate/approve-destroy");
      } else {
        assertThat(sentence).as(route.id()).doesNotContain("approves by adding the label");
      }
    }
    assertThat(Gate.decide(new GateInput(List.of(DB), List.of(), AI, Policy.defaults(),
        Approvals.none(), TODAY, ApprovalRoute.PRE_PUSH)).because()).last().asString()
        .startsWith("A push cannot be approved in the pre-push hook");
  }

  @Test
  void everyReasonSaysWhatItIsAbout() {
    Finding odd = finding("terraform_data.x[\"a would be b\"]", "terraform_data",
        FindingAction.DELETE, null);
    GateResult r = decide(List.of(DB, odd), AI, Policy.defaults(), List.of());

    assertThat(r.because()).extracting(Reason::kind).containsExactly(Reason.Kind.AUTHORSHIP,
        Reason.Kind.FINDING, Reason.Kind.FINDING, Reason.Kind.APPROVAL);
    assertThat(r.because().get(2).text()).startsWith("terraform_data.x[\"a would be b\"] would"
        + " be destroyed");
  }

  @Test
  void aiInvolvementWithoutASignalStillExplainsItself() {
    Authorship bare = new Authorship(true, List.of(), List.of(), List.of());
    GateResult r = decide(List.of(WEB), bare, Policy.defaults(), List.of());
    assertThat(r.decision()).isEqualTo(Decision.APPROVAL_REQUIRED);
    assertThat(r.reasons().get(0)).isEqualTo("AI involvement was reported without a signal;"
        + " 1 finding needs a human approval.");
  }

  @Test
  void theSameDestroyInTwoPlansIsTwoDestroysToTheFingerprint() {
    Finding again = new Finding("other.json", WEB.address(), null, WEB.type(), WEB.action(),
        WEB.replaceOrder(), WEB.reason(), WEB.rawActions(), List.of(), false, null, null, null,
        "x", new Downstream(List.of(), List.of()), null);
    assertThat(Fingerprint.of(List.of(WEB, again))).isNotEqualTo(Fingerprint.of(List.of(WEB)));
  }

  @Test
  void aPlanWithoutDestroysPassesWhoeverWroteIt() {
    for (Authorship who : List.of(AI, HUMAN_ONLY, UNKNOWN)) {
      GateResult r = decide(List.of(), who, Policy.defaults(), List.of());
      assertThat(r.decision()).isEqualTo(Decision.PASS);
      assertThat(r.reasons()).containsExactly("Nothing is destroyed or replaced.");
    }
    GateResult forgetOnly = decide(List.of(OLD), AI, Policy.defaults(), List.of());
    assertThat(forgetOnly.decision()).isEqualTo(Decision.PASS);
    assertThat(forgetOnly.verdict(OLD)).isEqualTo(Verdict.ALLOWED);
  }

  @Test
  void unknownAuthorshipCountsAsAiByDefaultAndSaysWhy() {
    GateResult r = decide(List.of(WEB), UNKNOWN, Policy.defaults(), List.of());

    assertThat(r.decision()).isEqualTo(Decision.APPROVAL_REQUIRED);
    assertThat(r.reasons().get(0)).startsWith("Authorship is unknown (The base revision abc is"
        + " not in this clone's history").endsWith("and the policy counts unknown authorship"
        + " as AI: 1 finding needs a human approval.");

    Policy trusting = with(HumanOnly.WARN, false, List.of(), List.of(),
        EnumSet.of(FindingAction.DELETE, FindingAction.REPLACE));
    assertThat(decide(List.of(WEB), UNKNOWN, trusting, List.of()).decision())
        .isEqualTo(Decision.PASS);
  }

  @Test
  void humanOnlyChangesWarnAndPassByDefault() {
    GateResult r = decide(List.of(WEB), HUMAN_ONLY, Policy.defaults(), List.of());

    assertThat(r.decision()).isEqualTo(Decision.PASS);
    assertThat(r.reasons().get(0)).startsWith("No AI agent was involved: a human-authored change"
        + " replaces 1 resource, which the policy lets pass (humanOnly: warn)");
    assertThat(r.reasons()).contains("aws_instance.web would be replaced.");
    assertThat(r.verdict(WEB)).isEqualTo(Verdict.ALLOWED);
  }

  @Test
  void humanOnlyPassIsSilentAndRequireApprovalAsks() {
    Set<FindingAction> actions = EnumSet.of(FindingAction.DELETE, FindingAction.REPLACE);
    GateResult silent = decide(List.of(WEB), HUMAN_ONLY,
        with(HumanOnly.PASS, true, List.of(), List.of(), actions), List.of());
    assertThat(silent.decision()).isEqualTo(Decision.PASS);
    assertThat(silent.reasons()).containsExactly("No finding needs an approval under the policy.");

    GateResult strict = decide(List.of(WEB), HUMAN_ONLY,
        with(HumanOnly.REQUIRE_APPROVAL, true, List.of(), List.of(), actions), List.of());
    assertThat(strict.decision()).isEqualTo(Decision.APPROVAL_REQUIRED);
    assertThat(strict.reasons().get(0)).startsWith("No AI agent was involved, but the policy"
        + " (humanOnly: require-approval)");
  }

  @Test
  void approvalActionsComeFromThePolicy() {
    Policy deleteOnly = with(HumanOnly.WARN, true, List.of(), List.of(),
        EnumSet.of(FindingAction.DELETE));
    GateResult r = decide(List.of(WEB), AI, deleteOnly, List.of());
    assertThat(r.decision()).isEqualTo(Decision.PASS);
    assertThat(r.verdict(WEB)).isEqualTo(Verdict.ALLOWED);

    Policy withForget = with(HumanOnly.WARN, true, List.of(), List.of(),
        EnumSet.allOf(FindingAction.class));
    assertThat(decide(List.of(OLD), AI, withForget, List.of()).decision())
        .isEqualTo(Decision.APPROVAL_REQUIRED);
  }

  @Test
  void anApprovalForThisFingerprintPasses() {
    String fp = Fingerprint.of(List.of(DB, WEB));
    Approval ok = new Approval("ana", "label plangate/approve-destroy", fp,
        Instant.parse("2026-11-21T10:00:00Z"));
    GateResult r = decide(List.of(DB, WEB), AI, Policy.defaults(), List.of(ok));

    assertThat(r.decision()).isEqualTo(Decision.PASS);
    assertThat(r.verdict(DB)).isEqualTo(Verdict.APPROVED);
    assertThat(r.reasons()).last().asString()
        .isEqualTo("Approved by ana (label plangate/approve-destroy) for fingerprint " + fp + ".");
  }

  @Test
  void anApprovalForAnotherFingerprintDoesNotCount() {
    Approval stale = new Approval("ana", "label plangate/approve-destroy",
        Fingerprint.of(List.of(WEB)), Instant.parse("2026-11-21T10:00:00Z"));
    GateResult r = decide(List.of(DB, WEB), AI, Policy.defaults(), List.of(stale));

    assertThat(r.decision()).isEqualTo(Decision.APPROVAL_REQUIRED);
    assertThat(r.reasons()).contains("The approval by ana (label plangate/approve-destroy) was"
        + " for fingerprint " + stale.fingerprint() + "; a later push changed what is destroyed"
        + " (now fingerprint " + r.fingerprint() + "), so it no longer counts.");
  }

  @Test
  void whyAVisibleLabelDidNotCountIsInTheReasons() {
    String note = "The label plangate/approve-destroy was added by claude[bot], an app:"
        + " an AI agent or bot cannot approve.";
    GateResult r = Gate.decide(new GateInput(List.of(DB), List.of(), AI, Policy.defaults(),
        new Approvals(List.of(), List.of(note)), TODAY, ApprovalRoute.PULL_REQUEST_LABEL));

    assertThat(r.decision()).isEqualTo(Decision.APPROVAL_REQUIRED);
    assertThat(r.because()).contains(new Reason(Reason.Kind.NOTE, note));
  }

  static Policy twoPersonForCritical() {
    Policy d = Policy.defaults();
    return new Policy(".plangate.yml", d.approvalActions(), d.approvalLabel(), d.humanOnly(),
        true, List.of(), List.of(), List.of(), List.of(), List.of(), null, 1, 2, null, null);
  }

  @Test
  void aCriticalDestroyUnderATwoPersonRuleNeedsTwoDistinctPeople() {
    Finding criticalDb = DB.withCriticality(true, "database");
    String fp = Fingerprint.of(List.of(criticalDb));
    Instant at = Instant.parse("2026-11-21T10:00:00Z");
    Approval label = new Approval("ana", "label plangate/approve-destroy", fp, at);
    Approval sameAgain = new Approval("ANA", "review of 1234567", fp, at);
    Approval review = new Approval("bo", "review of 1234567", fp, at);

    GateResult one = decide(List.of(criticalDb), AI, twoPersonForCritical(),
        List.of(label, sameAgain));
    assertThat(one.decision()).isEqualTo(Decision.APPROVAL_REQUIRED);
    assertThat(one.verdict(criticalDb)).isEqualTo(Verdict.APPROVAL_REQUIRED);
    assertThat(one.reasons()).anySatisfy(x -> assertThat(x)
        .startsWith("2 different people with write access must approve because a critical"
            + " resource is affected")
        .endsWith("so far 1 of 2: ana (label plangate/approve-destroy)."));

    GateResult two = decide(List.of(criticalDb), AI, twoPersonForCritical(),
        List.of(label, review));
    assertThat(two.decision()).isEqualTo(Decision.PASS);
    assertThat(two.reasons()).last().asString().isEqualTo("Approved by ana (label"
        + " plangate/approve-destroy), bo (review of 1234567) for fingerprint " + fp + ".");
  }

  @Test
  void aNonCriticalDestroyUnderTheSamePolicyNeedsOnePerson() {
    String fp = Fingerprint.of(List.of(WEB));
    Approval label = new Approval("ana", "label plangate/approve-destroy", fp,
        Instant.parse("2026-11-21T10:00:00Z"));
    assertThat(decide(List.of(WEB), AI, twoPersonForCritical(), List.of(label)).decision())
        .isEqualTo(Decision.PASS);
  }

  @Test
  void aProtectRuleBlocksEvenWithApprovalAndEvenForHumans() {
    ProtectRule dbs = new ProtectRule(AddressGlob.compile("aws_db_*"), null,
        EnumSet.of(FindingAction.DELETE, FindingAction.REPLACE), "databases stay", 7);
    Policy policy = with(HumanOnly.WARN, true, List.of(dbs), List.of(),
        EnumSet.of(FindingAction.DELETE, FindingAction.REPLACE));
    Approval ok = new Approval("ana", "label", Fingerprint.of(List.of(DB, WEB)), Instant.now());

    GateResult ai = decide(List.of(DB, WEB), AI, policy, List.of(ok));
    assertThat(ai.decision()).isEqualTo(Decision.BLOCKED);
    assertThat(ai.decision().exitCode()).isEqualTo(1);
    assertThat(ai.verdict(DB)).isEqualTo(Verdict.BLOCKED);
    assertThat(ai.reasons().get(0)).isEqualTo("module.env.aws_db_instance.main would be"
        + " destroyed, but .plangate.yml protects it (line 7: databases stay); caused by commit"
        + " a1b2c3d (Claude Code), which renamed module \"env\" to \"environment\" in main.tf:3;"
        + " no approval can allow this.");

    assertThat(decide(List.of(DB), HUMAN_ONLY, policy, List.of()).decision())
        .isEqualTo(Decision.BLOCKED);
  }

  @Test
  void aProtectRuleByAddressOnlyCoversItsActions() {
    ProtectRule replaceOnly = new ProtectRule(null, AddressGlob.compile("aws_instance.*"),
        EnumSet.of(FindingAction.REPLACE), null, 3);
    Policy policy = with(HumanOnly.WARN, true, List.of(replaceOnly), List.of(),
        EnumSet.of(FindingAction.DELETE, FindingAction.REPLACE));
    assertThat(decide(List.of(WEB), HUMAN_ONLY, policy, List.of()).decision())
        .isEqualTo(Decision.BLOCKED);
    Finding webDeleted = finding("aws_instance.web", "aws_instance", FindingAction.DELETE, null);
    assertThat(decide(List.of(webDeleted), HUMAN_ONLY, policy, List.of()).decision())
        .isEqualTo(Decision.PASS);
  }

  @Test
  void aCurrentWaiverExemptsAndAnExpiredOneSaysSo() {
    Waiver current = new Waiver(AddressGlob.compile("aws_instance.web"),
        EnumSet.allOf(FindingAction.class), "rebuilt nightly (OPS-1)", TODAY, 12);
    GateResult waived = decide(List.of(WEB), AI, with(HumanOnly.WARN, true, List.of(),
        List.of(current), EnumSet.of(FindingAction.DELETE, FindingAction.REPLACE)), List.of());
    assertThat(waived.decision()).isEqualTo(Decision.PASS);
    assertThat(waived.verdict(WEB)).isEqualTo(Verdict.WAIVED);
    assertThat(waived.reasons()).containsExactly("aws_instance.web would be replaced; waived"
        + " until 2026-11-21 (line 12: rebuilt nightly (OPS-1)).");

    Waiver expired = new Waiver(AddressGlob.compile("aws_instance.*"),
        EnumSet.allOf(FindingAction.class), "old", TODAY.minusDays(1), 14);
    GateResult r = decide(List.of(WEB), AI, with(HumanOnly.WARN, true, List.of(),
        List.of(expired), EnumSet.of(FindingAction.DELETE, FindingAction.REPLACE)), List.of());
    assertThat(r.decision()).isEqualTo(Decision.APPROVAL_REQUIRED);
    assertThat(r.reasons()).contains("The waiver for aws_instance.* (line 14) expired on"
        + " 2026-11-20 and no longer applies.");
  }

  @Test
  void aWaiverNeverLiftsAProtectRule() {
    ProtectRule all = new ProtectRule(null, AddressGlob.compile("**"),
        EnumSet.of(FindingAction.DELETE, FindingAction.REPLACE), null, 2);
    Waiver w = new Waiver(AddressGlob.compile("**"), EnumSet.allOf(FindingAction.class), "x",
        TODAY, 5);
    GateResult r = decide(List.of(WEB), AI, with(HumanOnly.WARN, true, List.of(all), List.of(w),
        EnumSet.of(FindingAction.DELETE, FindingAction.REPLACE)), List.of());
    assertThat(r.decision()).isEqualTo(Decision.BLOCKED);
  }

  @Test
  void inputErrorsDecideError() {
    GateResult r = Gate.decide(new GateInput(List.of(DB), List.of("p.json: truncated"), AI,
        Policy.defaults(), Approvals.none(), TODAY, ApprovalRoute.PULL_REQUEST_LABEL));
    assertThat(r.decision()).isEqualTo(Decision.ERROR);
    assertThat(r.decision().exitCode()).isEqualTo(2);
    assertThat(r.reasons()).containsExactly("Input error: p.json: truncated");
  }

  @Test
  void manyFindingsAreNamedUpToACap() {
    List<Finding> many = new java.util.ArrayList<>();
    for (int i = 0; i < 45; i++) {
      many.add(finding("terraform_data.n[" + i + "]", "terraform_data", FindingAction.DELETE,
          null));
    }
    GateResult r = decide(many, AI, Policy.defaults(), List.of());
    assertThat(r.reasons().stream().filter(s -> s.contains(" would be destroyed"))).hasSize(20);
    assertThat(r.reasons()).contains("... and 25 more findings that need approval (listed in"
        + " the findings).");
  }

  @Test
  void branchOrEnvironmentSignalsAloneMakeItAi() {
    Authorship pushedByAgent = new Authorship(true, List.of(HUMAN),
        List.of(new Signal("environment", "CLAUDECODE=1", Confidence.HIGH, "Claude Code")),
        List.of());
    GateResult r = decide(List.of(WEB), pushedByAgent, Policy.defaults(), List.of());
    assertThat(r.decision()).isEqualTo(Decision.APPROVAL_REQUIRED);
    assertThat(r.reasons().get(0)).startsWith("AI-authored: Claude Code (environment"
        + " CLAUDECODE=1)");
  }
}
