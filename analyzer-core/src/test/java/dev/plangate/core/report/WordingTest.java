package dev.plangate.core.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.plangate.core.authorship.Attribution;
import dev.plangate.core.authorship.Authorship;
import dev.plangate.core.authorship.CommitAuthorship;
import dev.plangate.core.authorship.Confidence;
import dev.plangate.core.authorship.Signal;
import dev.plangate.core.gate.ApprovalRoute;
import dev.plangate.core.gate.Decision;
import dev.plangate.core.gate.GateResult;
import dev.plangate.core.gate.Reason;
import dev.plangate.core.gate.Verdict;
import dev.plangate.core.impact.Downstream;
import dev.plangate.core.impact.Finding;
import dev.plangate.core.impact.FindingAction;
import dev.plangate.core.model.ReplaceOrder;
import dev.plangate.core.policy.PolicyOrigin;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The words every human-readable rendering shares: why a resource goes (the plan's reason code
 * in plain words), the headline, and how to approve on each surface. A wrong word here misleads
 * the reviewer in every format at once.
 */
class WordingTest {
  private static final String SHA = "4f2a9c1e8b7d6a5f4e3d2c1b0a9f8e7d6c5b4a39";
  private static final Downstream NONE = new Downstream(List.of(), List.of());

  private static Finding finding(String address, FindingAction action, ReplaceOrder order,
      String reason, List<String> rawActions, List<String> because, String why,
      boolean conditional, String deposed) {
    return new Finding("plan.json", address, deposed, "aws_instance", action, order, reason,
        rawActions, because, false, null, null, null, "x", NONE, null, conditional, null, why,
        List.of());
  }

  private static Finding delete(String reason, List<String> rawActions) {
    return finding("aws_instance.a", FindingAction.DELETE, null, reason, rawActions, List.of(),
        null, false, null);
  }

  private static Finding replace(String reason, ReplaceOrder order, List<String> because) {
    return finding("aws_instance.a", FindingAction.REPLACE, order, reason,
        List.of("delete", "create"), because, null, false, null);
  }

  @ParameterizedTest
  @CsvSource({
      "delete_because_no_resource_config, block removed from configuration",
      "delete_because_wrong_repetition, count/for_each switched",
      "delete_because_count_index, count reduced",
      "delete_because_each_key, key removed from for_each",
      "delete_because_no_module, module instance removed",
      "delete_because_no_move_target, moved target missing",
      "delete_because_enabled_false, enabled = false",
      "delete_because_something_new, delete_because_something_new"})
  void everyTerraformDeleteReasonHasItsWords(String code, String words) {
    assertThat(Wording.shortReason(delete(code, List.of("delete")))).isEqualTo(words);
  }

  @Test
  void aDeleteWithoutReasonSaysSoOrNamesTheActionsItDoesNotKnow() {
    assertThat(Wording.shortReason(delete(null, List.of("delete")))).isEqualTo("no reason given");
    assertThat(Wording.shortReason(delete(null, List.of("delete", "forget"))))
        .isEqualTo("unknown action delete+forget");
    assertThat(Wording.shortReason(delete(null, List.of("obliterate"))))
        .isEqualTo("unknown action obliterate");
  }

  @ParameterizedTest
  @CsvSource({
      "replace_because_tainted, tainted",
      "replace_by_request, -replace requested",
      "replace_by_triggers, replace_triggered_by",
      "replace_because_cannot_update, cannot update in place",
      "replace_for_a_new_reason, replace_for_a_new_reason"})
  void everyTerraformReplaceReasonHasItsWordsAndItsOrder(String code, String words) {
    assertThat(Wording.shortReason(replace(code, ReplaceOrder.DELETE_BEFORE_CREATE, List.of())))
        .isEqualTo(words + " (destroy before create)");
    assertThat(Wording.shortReason(replace(code, null, List.of()))).isEqualTo(words);
  }

  @Test
  void theAttributesThatForceAReplacementAreNamedUnlessAnotherReasonSaysMore() {
    List<String> because = List.of("engine_version", "identifier");
    assertThat(Wording.shortReason(replace(null, ReplaceOrder.CREATE_BEFORE_DELETE, because)))
        .isEqualTo("changing engine_version, identifier forces replacement"
            + " (create before destroy)");
    assertThat(Wording.shortReason(replace("replace_because_cannot_update", null, because)))
        .isEqualTo("changing engine_version, identifier forces replacement");
    assertThat(Wording.shortReason(replace("replace_because_tainted", null, because)))
        .isEqualTo("tainted");
    assertThat(Wording.shortReason(replace(null, null, List.of()))).isEqualTo("no reason given");
  }

  @Test
  void aReplacementThatKeepsTheOldObjectSaysSo() {
    for (ReplaceOrder order : List.of(ReplaceOrder.CREATE_BEFORE_FORGET,
        ReplaceOrder.FORGET_BEFORE_CREATE)) {
      Finding f = replace("replace_by_request", order, List.of());
      assertThat(Wording.keepsOld(f)).isTrue();
      assertThat(Wording.shortReason(f)).isEqualTo("-replace requested (old one kept, unmanaged)");
    }
    assertThat(Wording.keepsOld(replace("x", ReplaceOrder.DELETE_BEFORE_CREATE, List.of())))
        .isFalse();
    assertThat(Wording.orderNote(delete("x", List.of("delete")))).isEmpty();
  }

  @Test
  void aDeposedObjectAndAForgetHaveTheirOwnWords() {
    Finding deposed = finding("aws_instance.a", FindingAction.DELETE, null,
        "delete_because_no_resource_config", List.of("delete"), List.of(), null, false, "0a1b");
    assertThat(Wording.shortReason(deposed)).isEqualTo("deposed object");
    Finding forget = finding("aws_instance.a", FindingAction.FORGET, null, null,
        List.of("forget"), List.of(), null, false, null);
    assertThat(Wording.shortReason(forget)).isEqualTo("removed from state, keeps running");
    assertThat(Wording.verb(forget)).isEqualTo("forget");
    assertThat(Wording.verb(delete(null, List.of("delete")))).isEqualTo("destroy");
  }

  @Test
  void aConditionalReplacementMayReplace() {
    Finding f = finding("T", FindingAction.REPLACE, null, null, List.of(), List.of(), null, true,
        null);
    assertThat(Wording.verb(f)).isEqualTo("may replace");
    assertThat(Wording.verb(replace(null, null, List.of()))).isEqualTo("replace");
  }

  @Test
  void aPlainWordsCauseIsShortenedToItsFirstClauseAndNinetyCharacters() {
    Finding shortWhy = finding("T", FindingAction.DELETE, null, null, List.of(), List.of(),
        "the template no longer declares it; a stack update deletes it", false, null);
    assertThat(Wording.shortReason(shortWhy)).isEqualTo("the template no longer declares it");

    String ninety = "w".repeat(45) + " " + "v".repeat(44);
    assertThat(ninety).hasSize(90);
    assertThat(Wording.shortReason(finding("T", FindingAction.DELETE, null, null, List.of(),
        List.of(), ninety, false, null))).isEqualTo(ninety);

    String words = "word ".repeat(30).strip();
    String cut = Wording.shortReason(finding("T", FindingAction.DELETE, null, null, List.of(),
        List.of(), words, false, null));
    assertThat(cut).isEqualTo(words.substring(0, words.lastIndexOf(' ', 89)) + " …");

    String oneWord = "x".repeat(120);
    assertThat(Wording.shortReason(finding("T", FindingAction.DELETE, null, null, List.of(),
        List.of(), oneWord, false, null))).isEqualTo("x".repeat(89) + " …");

    String earlySpace = "ab " + "y".repeat(120);
    assertThat(Wording.shortReason(finding("T", FindingAction.DELETE, null, null, List.of(),
        List.of(), earlySpace, false, null))).isEqualTo(earlySpace.substring(0, 89) + " …");
  }

  @Test
  void aChangeSetReasonIsWordedForWhatTheStackDoes() {
    assertThat(Wording.shortReason(delete("Remove", List.of("Remove"))))
        .isEqualTo("removed from the template");
    assertThat(Wording.shortReason(delete("Remove/PolicyAction=Retain", List.of("Remove"))))
        .isEqualTo("removed from the template (Retain)");
    Finding dynamic = replace("Dynamic/Replacement=Conditional", null, List.of("Name"));
    assertThat(Wording.shortReason(dynamic))
        .isEqualTo("depends on values known only at deploy time: Name");
    assertThat(Wording.shortReason(replace("Modify/Replacement=Conditional", null, List.of())))
        .isEqualTo("may require replacement");
    Finding conditional = finding("T", FindingAction.REPLACE, null, "Modify/Replacement=True",
        List.of(), List.of("TableName"), null, true, null);
    assertThat(Wording.shortReason(conditional)).isEqualTo("may require replacement: TableName");
    assertThat(Wording.shortReason(replace("Modify/Replacement=True",
        ReplaceOrder.CREATE_BEFORE_DELETE, List.of("TableName", "KeySchema"))))
        .isEqualTo("requires replacement: TableName, KeySchema (create before destroy)");
    assertThat(Wording.shortReason(delete("Import", List.of()))).isEqualTo("requires replacement");
    assertThat(Wording.shortReason(delete("SyncWithActual/x", List.of())))
        .isEqualTo("requires replacement");
    // a Terraform-like code that only starts like a change-set action is not one
    assertThat(Wording.shortReason(delete("Removed", List.of("delete")))).isEqualTo("Removed");
  }

  // ---------------------------------------------------------------- headline, who, approval

  private static Report report(Decision decision, List<Finding> findings,
      Map<Finding, Verdict> verdicts, Boolean ai, ApprovalRoute route) {
    Map<String, Verdict> byId = new HashMap<>();
    verdicts.forEach((f, v) -> byId.put(GateResult.id(f), v));
    return new Report(decision, List.of(), "0123456789abcdef", "plangate-approved",
        new Authorship(ai, List.of(), List.of(), List.of()), List.of(), findings, byId,
        List.of(), null, List.of(), route);
  }

  private static Finding named(String address, FindingAction action) {
    return finding(address, action, null, null, List.of(action.id()), List.of(), null, false,
        null);
  }

  @Test
  void passHeadlinesSayWhyNothingStoppedTheChange() {
    Finding db = named("aws_db_instance.db", FindingAction.DELETE);
    Finding gone = named("aws_s3_bucket.logs", FindingAction.FORGET);
    Finding gone2 = named("aws_s3_bucket.old", FindingAction.FORGET);
    assertThat(Wording.headline(report(Decision.PASS, List.of(), Map.of(), false, null)))
        .isEqualTo("pass — nothing is destroyed or replaced");
    assertThat(Wording.headline(report(Decision.PASS, List.of(gone), Map.of(), false, null)))
        .isEqualTo("pass — nothing is destroyed or replaced; 1 resource is only removed from"
            + " state");
    assertThat(Wording.headline(report(Decision.PASS, List.of(gone, gone2), Map.of(), false,
        null))).isEqualTo("pass — nothing is destroyed or replaced; 2 resources are only removed"
            + " from state");
    assertThat(Wording.headline(report(Decision.PASS, List.of(db),
        Map.of(db, Verdict.APPROVED), true, null)))
        .isEqualTo("pass — approved: the change destroys 1 resource");
    assertThat(Wording.headline(report(Decision.PASS, List.of(db), Map.of(), false, null)))
        .isEqualTo("pass — a human-authored change destroys 1 resource; review it before"
            + " applying");
    assertThat(Wording.headline(report(Decision.PASS, List.of(db), Map.of(db, Verdict.WAIVED),
        true, null))).isEqualTo("pass — the change destroys 1 resource, all waived or allowed by"
            + " the policy");
    assertThat(Wording.headline(report(Decision.PASS, List.of(db), Map.of(), null, null)))
        .isEqualTo("pass — the change destroys 1 resource, all waived or allowed by the policy");
  }

  @Test
  void blockedHeadlinesNameOneProtectedResourceOrCountThem() {
    Finding db = named("aws_db_instance.db", FindingAction.REPLACE);
    Finding vpc = named("aws_vpc.main", FindingAction.DELETE);
    assertThat(Wording.headline(report(Decision.BLOCKED, List.of(db, vpc),
        Map.of(db, Verdict.BLOCKED), true, null)))
        .isEqualTo("blocked — the change replaces protected resource aws_db_instance.db");
    assertThat(Wording.headline(report(Decision.BLOCKED, List.of(db, vpc),
        Map.of(vpc, Verdict.BLOCKED), true, null)))
        .isEqualTo("blocked — the change destroys protected resource aws_vpc.main");
    assertThat(Wording.headline(report(Decision.BLOCKED, List.of(db, vpc),
        Map.of(db, Verdict.BLOCKED, vpc, Verdict.BLOCKED), true, null)))
        .isEqualTo("blocked — the change destroys 2 protected resources");
  }

  @Test
  void approvalHeadlinesSayWhoWroteTheChange() {
    Finding db = named("aws_db_instance.db", FindingAction.DELETE);
    assertThat(Wording.headline(report(Decision.APPROVAL_REQUIRED, List.of(db), Map.of(), true,
        null))).isEqualTo("approval required — an AI-authored change destroys 1 resource");
    assertThat(Wording.headline(report(Decision.APPROVAL_REQUIRED, List.of(db), Map.of(), null,
        null)))
        .isEqualTo("approval required — a change of unknown authorship destroys 1 resource");
    assertThat(Wording.who(report(Decision.APPROVAL_REQUIRED, List.of(db), Map.of(), false,
        null))).isEqualTo("a human-authored change");
  }

  @Test
  void aCauseAndAnAiCommitAreOneLineEach() {
    Attribution a = new Attribution(SHA, "Dana <d@example.org>", "Claude Code", true, "main.tf",
        3, "removed module \"env\"");
    assertThat(Wording.cause(a)).isEqualTo("4f2a9c1 (Claude Code) removed module \"env\" in"
        + " main.tf:3");
    CommitAuthorship bare = new CommitAuthorship(SHA, "Dana <d@example.org>", "Drop env", true,
        "Claude Code", List.of());
    assertThat(Wording.whyAi(bare)).isEqualTo("4f2a9c1 \"Drop env\" (Claude Code)");
    CommitAuthorship signed = new CommitAuthorship(SHA, "Dana <d@example.org>", "Drop env", true,
        "Claude Code", List.of(new Signal("trailer", "Claude-Session: 1", Confidence.MEDIUM,
            "Claude Code")));
    assertThat(Wording.whyAi(signed))
        .isEqualTo("4f2a9c1 \"Drop env\" (Claude Code) — Claude-Session: 1");
  }

  @Test
  void thePolicyLinesNameThePolicyEachLooseningAndEachUnsaidWarning() {
    PolicyOrigin origin = new PolicyOrigin(".plangate.yml", "origin/main (1a2b3c4)",
        List.of("a protect rule was removed"), List.of());
    Report r = new Report(Decision.PASS, List.of(new Reason(Reason.Kind.NOTE, "said already")),
        "f", "l", new Authorship(false, List.of(), List.of(), List.of()), List.of(), List.of(),
        Map.of(), List.of(), origin, List.of("said already", "a waiver expired"), null);
    assertThat(Wording.policyLines(r)).extracting(l -> l.label() + l.text()).containsExactly(
        "Policy in force: .plangate.yml at origin/main (1a2b3c4).",
        "The change tried to loosen the policy (ignored): a protect rule was removed",
        "a waiver expired");
    assertThat(Wording.policyLines(r)).extracting(Wording.PolicyLine::warning)
        .containsExactly(false, true, true);

    Report working = new Report(Decision.PASS, List.of(), "f", "l",
        new Authorship(false, List.of(), List.of(), List.of()), List.of(), List.of(), Map.of(),
        List.of(), PolicyOrigin.file(".plangate.yml"), List.of(), null);
    assertThat(Wording.policyLines(working)).isEmpty();
    Report loosenedOnly = new Report(Decision.PASS, List.of(), "f", "l",
        new Authorship(false, List.of(), List.of(), List.of()), List.of(), List.of(), Map.of(),
        List.of(), new PolicyOrigin(null, null, List.of("x"), List.of()), List.of(), null);
    assertThat(Wording.policyLines(loosenedOnly)).extracting(l -> l.label() + l.text())
        .startsWith("Policy in force: the built-in defaults.");
  }

  @Test
  void everySurfaceWithoutALabelSaysHowToApproveThere() {
    Finding db = named("aws_db_instance.db", FindingAction.DELETE);
    for (ApprovalRoute route : ApprovalRoute.values()) {
      String how = Wording.approveElsewhere(report(Decision.APPROVAL_REQUIRED, List.of(db),
          Map.of(), true, route), l -> "[" + l + "]", c -> "`" + c + "`");
      if (route.byLabel()) {
        assertThat(how).as(route.id()).isNull();
        continue;
      }
      assertThat(how).as(route.id()).isNotBlank().endsWith(".")
          .satisfiesAnyOf(h -> assertThat(h).contains("`0123456789abcdef`"),
              h -> assertThat(h).contains("`plangate apply --approve 0123456789abcdef"));
      switch (route) {
        case NO_PULL_REQUEST, MAVEN_BUILD -> assertThat(how).contains("[plangate-approved]");
        case PRE_PUSH -> assertThat(how).contains("`git push --no-verify`");
        case APPLY_WRAPPER -> assertThat(how).contains("type the number of resources");
        case AGENT_PROMPT -> assertThat(how).contains("permission prompt");
        default -> { }
      }
    }
  }
}
