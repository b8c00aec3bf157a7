package dev.plangate.core.policy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.plangate.core.authorship.Confidence;
import dev.plangate.core.authorship.SignalRule;
import dev.plangate.core.impact.FindingAction;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The change's version of the policy may only tighten the base's: every key, both ways. Each
 * loosening is ignored and listed; each tightening applies.
 */
class PolicyMergeTest {
  private static final String WAIVER = "waivers:\n  - address: terraform_data.scratch\n"
      + "    reason: nightly\n    expires: 2026-12-31\n";

  private static Policy parse(String yaml) throws PolicyException {
    return PolicyLoader.parse(yaml, ".plangate.yml");
  }

  private static PolicyMerge.Result merge(String base, String proposed) throws PolicyException {
    return PolicyMerge.tightenOnly(parse(base), parse(proposed));
  }

  @Test
  void anUnchangedPolicyIsItselfWithNothingLoosened() throws Exception {
    String full = "approval:\n  actions: [delete, replace, forget]\n  label: ops/ok\n"
        + "  approvers: 2\n  criticalApprovers: 3\nhumanOnly: require-approval\n"
        + "protect:\n  - type: aws_db_*\n" + WAIVER
        + "signals:\n  - agent: Acme\n    trailer: Acme-Agent\n"
        + "criticality:\n  - type: terraform_data\n    critical: true\n"
        + "  - type: aws_s3_bucket\n    critical: false\n"
        + "plans: [plan.json]\nplanCommand: make plan\nauditLog: /var/log/p.log\n";
    PolicyMerge.Result r = merge(full, full);
    assertThat(r.loosened()).isEmpty();
    assertThat(r.effective()).usingRecursiveComparison().ignoringFields("origin")
        .isEqualTo(parse(full));
  }

  @Test
  void emptyApprovalActionsAreIgnoredAndListed() throws Exception {
    PolicyMerge.Result r = merge("", "approval:\n  actions: []\n");
    assertThat(r.effective().approvalActions())
        .containsExactlyInAnyOrder(FindingAction.DELETE, FindingAction.REPLACE);
    assertThat(r.loosened()).containsExactly(
        "approval.actions drops delete: a delete still needs approval.",
        "approval.actions drops replace: a replace still needs approval.");
    assertThat(r.effective().origin().loosened()).isEqualTo(r.loosened());
  }

  @Test
  void addingAnApprovalActionTightens() throws Exception {
    PolicyMerge.Result r = merge("", "approval:\n  actions: [delete, replace, forget]\n");
    assertThat(r.effective().approvalActions()).contains(FindingAction.FORGET);
    assertThat(r.loosened()).isEmpty();
  }

  @Test
  void anotherLabelIsIgnored() throws Exception {
    PolicyMerge.Result r = merge("", "approval:\n  label: agent/ok\n");
    assertThat(r.effective().approvalLabel()).isEqualTo(Policy.DEFAULT_LABEL);
    assertThat(r.loosened()).singleElement().asString().contains("agent/ok");
  }

  @Test
  void approversOnlyGoUp() throws Exception {
    PolicyMerge.Result down = merge("approval:\n  approvers: 2\n  criticalApprovers: 3\n",
        "approval:\n  approvers: 1\n");
    assertThat(down.effective().approvers()).isEqualTo(2);
    assertThat(down.effective().criticalApprovers()).isEqualTo(3);
    assertThat(down.loosened()).hasSize(2);
    PolicyMerge.Result up = merge("", "approval:\n  approvers: 2\n  criticalApprovers: 3\n");
    assertThat(up.effective().approvers()).isEqualTo(2);
    assertThat(up.effective().criticalApprovers()).isEqualTo(3);
    assertThat(up.loosened()).isEmpty();
  }

  @Test
  void humanOnlyTakesTheStricter() throws Exception {
    assertThat(merge("", "humanOnly: pass\n").effective().humanOnly()).isEqualTo(HumanOnly.WARN);
    assertThat(merge("", "humanOnly: pass\n").loosened()).singleElement().asString()
        .contains("humanOnly changes warn to pass");
    assertThat(merge("humanOnly: require-approval\n", "humanOnly: warn\n").effective()
        .humanOnly()).isEqualTo(HumanOnly.REQUIRE_APPROVAL);
    PolicyMerge.Result up = merge("humanOnly: pass\n", "humanOnly: require-approval\n");
    assertThat(up.effective().humanOnly()).isEqualTo(HumanOnly.REQUIRE_APPROVAL);
    assertThat(up.loosened()).isEmpty();
  }

  @Test
  void unknownAuthorshipHumanIsIgnored() throws Exception {
    PolicyMerge.Result r = merge("", "unknownAuthorship: human\n");
    assertThat(r.effective().unknownAuthorshipIsAi()).isTrue();
    assertThat(r.loosened()).singleElement().asString().contains("unknownAuthorship");
    PolicyMerge.Result stricter = merge("unknownAuthorship: human\n", "unknownAuthorship: ai\n");
    assertThat(stricter.effective().unknownAuthorshipIsAi()).isTrue();
    assertThat(stricter.loosened()).isEmpty();
    assertThat(merge("unknownAuthorship: human\n", "unknownAuthorship: human\n").effective()
        .unknownAuthorshipIsAi()).isFalse();
  }

  @Test
  void protectRulesCanBeAddedButNotRemovedOrChanged() throws Exception {
    String base = "protect:\n  - type: aws_db_*\n    reason: prod\n";
    PolicyMerge.Result removed = merge(base, "");
    assertThat(removed.effective().protect()).singleElement()
        .satisfies(p -> assertThat(p.type().pattern()).isEqualTo("aws_db_*"));
    assertThat(removed.loosened()).singleElement().asString().contains("aws_db_*");

    PolicyMerge.Result narrowed = merge(base, "protect:\n  - type: aws_db_*\n"
        + "    actions: [forget]\n");
    assertThat(narrowed.effective().protect()).hasSize(2);
    assertThat(narrowed.loosened()).hasSize(1);

    PolicyMerge.Result added = merge(base, base + "  - address: terraform_data.db\n");
    assertThat(added.effective().protect()).extracting(p -> p.type() == null ? p.address()
        .pattern() : p.type().pattern()).containsExactly("aws_db_*", "terraform_data.db");
    assertThat(added.loosened()).isEmpty();

    PolicyMerge.Result reasonOnly = merge(base, "protect:\n  - type: aws_db_*\n"
        + "    reason: other words\n");
    assertThat(reasonOnly.effective().protect()).hasSize(1);
    assertThat(reasonOnly.loosened()).isEmpty();
  }

  @Test
  void aNewWaiverIsIgnoredAndListed() throws Exception {
    PolicyMerge.Result r = merge("", "waivers:\n  - address: '**'\n    reason: agent\n"
        + "    expires: 2099-12-31\n");
    assertThat(r.effective().waivers()).isEmpty();
    assertThat(r.loosened()).singleElement().asString()
        .isEqualTo("a waiver for ** (until 2099-12-31) is added: it does not apply until it is"
            + " in the base.");
  }

  @Test
  void aWaiverCanBeShortenedOrRemovedButNotExtended() throws Exception {
    PolicyMerge.Result extended = merge(WAIVER, WAIVER.replace("2026-12-31", "2099-12-31"));
    assertThat(extended.effective().waivers()).singleElement()
        .satisfies(w -> assertThat(w.expires()).isEqualTo(LocalDate.of(2026, 12, 31)));
    assertThat(extended.loosened()).singleElement().asString().contains("2099-12-31");

    PolicyMerge.Result shortened = merge(WAIVER, WAIVER.replace("2026-12-31", "2026-06-30"));
    assertThat(shortened.effective().waivers()).singleElement()
        .satisfies(w -> assertThat(w.expires()).isEqualTo(LocalDate.of(2026, 6, 30)));
    assertThat(shortened.loosened()).isEmpty();

    PolicyMerge.Result removed = merge(WAIVER, "");
    assertThat(removed.effective().waivers()).isEmpty();
    assertThat(removed.loosened()).isEmpty();
  }

  @Test
  void aWaiverCannotCoverMoreActions() throws Exception {
    String narrow = WAIVER + "    actions: [forget]\n";
    PolicyMerge.Result widened = merge(narrow, WAIVER);
    assertThat(widened.effective().waivers()).singleElement()
        .satisfies(w -> assertThat(w.actions()).containsExactly(FindingAction.FORGET));
    assertThat(widened.loosened()).singleElement().asString().contains("widened");

    PolicyMerge.Result narrowed = merge(WAIVER, narrow);
    assertThat(narrowed.effective().waivers()).singleElement()
        .satisfies(w -> assertThat(w.actions()).containsExactly(FindingAction.FORGET));
    assertThat(narrowed.loosened()).isEmpty();
  }

  @Test
  void aWaiverMovedToAnotherAddressIsANewWaiver() throws Exception {
    PolicyMerge.Result r = merge(WAIVER, WAIVER.replace("terraform_data.scratch",
        "terraform_data.*"));
    assertThat(r.effective().waivers()).isEmpty();
    assertThat(r.loosened()).singleElement().asString().contains("terraform_data.*");
  }

  @Test
  void signalsCanBeAddedButNotRemoved() throws Exception {
    String base = "signals:\n  - agent: Acme\n    trailer: Acme-Agent\n";
    PolicyMerge.Result removed = merge(base, "");
    assertThat(removed.effective().signals()).extracting(SignalRule::agent)
        .containsExactly("Acme");
    assertThat(removed.loosened()).singleElement().asString().contains("Acme");

    PolicyMerge.Result lowered = merge(base, base + "    confidence: low\n");
    assertThat(lowered.effective().signals()).extracting(SignalRule::confidence)
        .contains(Confidence.MEDIUM);
    assertThat(lowered.loosened()).hasSize(1);

    PolicyMerge.Result added = merge(base, base + "  - agent: Bot\n    email: bot@x.example\n");
    assertThat(added.effective().signals()).extracting(SignalRule::agent)
        .containsExactly("Acme", "Bot");
    assertThat(added.loosened()).isEmpty();
  }

  @Test
  void criticalityTrueIsKeptAndAddedFalseIsIgnored() throws Exception {
    String on = "criticality:\n  - type: terraform_data\n    critical: true\n";
    String off = "criticality:\n  - type: aws_db_instance\n    critical: false\n";
    PolicyMerge.Result dropped = merge(on, "");
    assertThat(dropped.effective().criticality()).singleElement()
        .satisfies(c -> assertThat(c.critical()).isTrue());
    assertThat(dropped.loosened()).hasSize(1);

    PolicyMerge.Result addedOff = merge("", off);
    assertThat(addedOff.effective().criticality()).isEmpty();
    assertThat(addedOff.loosened()).singleElement().asString().contains("critical: false");

    PolicyMerge.Result droppedOff = merge(off, "");
    assertThat(droppedOff.effective().criticality()).isEmpty();
    assertThat(droppedOff.loosened()).isEmpty();

    PolicyMerge.Result keptOff = merge(off, off);
    assertThat(keptOff.effective().criticality()).hasSize(1);

    // A change marking critical what the base marked not critical wins: it comes last.
    PolicyMerge.Result flipped = merge(off, off.replace("false", "true"));
    assertThat(flipped.effective().criticality()).extracting(CriticalityOverride::critical)
        .containsExactly(true);
    PolicyMerge.Result both = merge(off, off + "  - type: aws_db_instance\n    critical: true\n");
    assertThat(both.effective().criticality()).extracting(CriticalityOverride::critical)
        .containsExactly(false, true);
  }

  @Test
  void plansAreTheUnion() throws Exception {
    PolicyMerge.Result removed = merge("plans: [infra/plan.json]\n", "{}\n");
    assertThat(removed.effective().plans()).containsExactly("infra/plan.json");
    assertThat(removed.loosened()).singleElement().asString().contains("infra/plan.json");
    PolicyMerge.Result added = merge("plans: [a.json]\n", "plans: [a.json, b.json]\n");
    assertThat(added.effective().plans()).containsExactly("a.json", "b.json");
    assertThat(added.loosened()).isEmpty();
  }

  @Test
  void planCommandAndAuditLogStayTheBasesUnlessItHasNone() throws Exception {
    PolicyMerge.Result changed = merge("planCommand: make plan\nauditLog: /var/log/a\n",
        "planCommand: 'true'\nauditLog: /dev/null\n");
    assertThat(changed.effective().planCommand()).isEqualTo("make plan");
    assertThat(changed.effective().auditLog()).isEqualTo("/var/log/a");
    assertThat(changed.loosened()).hasSize(2);
    PolicyMerge.Result removed = merge("planCommand: make plan\nauditLog: /var/log/a\n", "");
    assertThat(removed.effective().planCommand()).isEqualTo("make plan");
    assertThat(removed.effective().auditLog()).isEqualTo("/var/log/a");
    assertThat(removed.loosened()).hasSize(2);
    PolicyMerge.Result added = merge("", "planCommand: make plan\nauditLog: a.log\n");
    assertThat(added.effective().planCommand()).isEqualTo("make plan");
    assertThat(added.effective().auditLog()).isEqualTo("a.log");
    assertThat(added.loosened()).isEmpty();
  }

  @Test
  void theIssuesFourLooseningsFromTheDefaultsAreAllIgnored() throws Exception {
    Policy defaults = Policy.defaults();
    PolicyMerge.Result r = PolicyMerge.tightenOnly(defaults, parse("approval:\n  actions: []\n"
        + "unknownAuthorship: human\nwaivers:\n  - address: '**'\n    reason: x\n"
        + "    expires: 2099-12-31\n"));
    assertThat(r.effective()).usingRecursiveComparison().ignoringFields("origin")
        .isEqualTo(defaults);
    assertThat(r.loosened()).hasSize(4);
    assertThat(r.effective().origin().path()).isNull();
  }

  @Test
  void theOriginIsTheBasesWithBothVersionsNotes() throws Exception {
    Policy base = parse("").withOrigin(new PolicyOrigin(".plangate.yml", "origin/main (1a2b3c4)",
        List.of(), List.of("base note")));
    Policy proposed = parse("humanOnly: pass\n").withOrigin(new PolicyOrigin(".plangate.yml",
        null, List.of(), List.of("change note")));
    PolicyOrigin o = PolicyMerge.tightenOnly(base, proposed).effective().origin();
    assertThat(o.path()).isEqualTo(".plangate.yml");
    assertThat(o.revision()).isEqualTo("origin/main (1a2b3c4)");
    assertThat(o.notes()).containsExactly("base note", "change note");
    assertThat(o.loosened()).hasSize(1);
    assertThat(o.describe()).isEqualTo(".plangate.yml at origin/main (1a2b3c4)");
  }

  @Test
  void describeNamesTheDefaults() {
    assertThat(PolicyOrigin.file(null).describe()).isEqualTo("the built-in defaults");
    assertThat(new PolicyOrigin(null, "abc1234", List.of(), List.of()).describe())
        .isEqualTo("the built-in defaults (no policy file at abc1234)");
    assertThat(PolicyOrigin.file(".plangate.yml").describe())
        .isEqualTo(".plangate.yml (working tree)");
  }
}
