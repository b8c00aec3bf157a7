package dev.plangate.core.gate;

import static dev.plangate.core.gate.GateTest.AI;
import static dev.plangate.core.gate.GateTest.CLAUDE;
import static dev.plangate.core.gate.GateTest.DB;
import static dev.plangate.core.gate.GateTest.HUMAN;
import static dev.plangate.core.gate.GateTest.HUMAN_ONLY;
import static dev.plangate.core.gate.GateTest.OLD;
import static dev.plangate.core.gate.GateTest.WEB;
import static dev.plangate.core.gate.GateTest.decide;
import static dev.plangate.core.gate.GateTest.finding;
import static org.assertj.core.api.Assertions.assertThat;

import dev.plangate.core.authorship.Authorship;
import dev.plangate.core.authorship.CommitAuthorship;
import dev.plangate.core.authorship.Confidence;
import dev.plangate.core.authorship.Signal;
import dev.plangate.core.impact.Finding;
import dev.plangate.core.impact.FindingAction;
import dev.plangate.core.policy.HumanOnly;
import dev.plangate.core.policy.Policy;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The sentences the gate writes, one boundary at a time: counts and plurals, how many approvers a
 * rule names, which signal is quoted, how many findings are named. Written to kill the mutants
 * PIT found surviving in {@link Gate}.
 */
class GateWordingTest {
  static Policy approvers(int approvers, int criticalApprovers) {
    Policy d = Policy.defaults();
    return new Policy(".plangate.yml", d.approvalActions(), d.approvalLabel(), d.humanOnly(),
        true, List.of(), List.of(), List.of(), List.of(), List.of(), null, approvers,
        criticalApprovers, null, null);
  }

  static Policy actions(Set<FindingAction> actions, HumanOnly humanOnly) {
    Policy d = Policy.defaults();
    return new Policy(".plangate.yml", actions, d.approvalLabel(), humanOnly, true, List.of(),
        List.of(), List.of(), List.of(), List.of(), null, 1, 1, null, null);
  }

  @Test
  void oneForgetIsOneResourceAndTwoArePlural() {
    Finding other = finding("aws_s3_bucket.logs", "aws_s3_bucket", FindingAction.FORGET, null);
    assertThat(decide(List.of(OLD), AI, Policy.defaults(), List.of()).reasons())
        .containsExactly("Nothing is destroyed or replaced; 1 resource is only removed from"
            + " state.");
    assertThat(decide(List.of(OLD, other), AI, Policy.defaults(), List.of()).reasons())
        .containsExactly("Nothing is destroyed or replaced; 2 resources are only removed from"
            + " state.");
  }

  @Test
  void findingsThePolicyDoesNotGateAreSaidToNeedNothing() {
    GateResult r = decide(List.of(WEB, OLD), AI, actions(EnumSet.of(FindingAction.DELETE),
        HumanOnly.WARN), List.of());
    assertThat(r.decision()).isEqualTo(Decision.PASS);
    assertThat(r.reasons()).containsExactly("No finding needs an approval under the policy.");
  }

  @Test
  void aSingleApproverRuleSaysHowToApproveWithoutCountingPeople() {
    GateResult r = decide(List.of(DB), AI, approvers(1, 1), List.of());
    assertThat(r.reasons()).last().asString()
        .startsWith("A maintainer with write access approves by adding the label")
        .doesNotContain("different people");
  }

  @Test
  void aCriticalRuleNoStricterThanTheNormalOneDoesNotBlameCriticality() {
    Finding criticalDb = DB.withCriticality(true, "database");
    GateResult r = decide(List.of(criticalDb), AI, approvers(2, 2), List.of());
    assertThat(r.reasons()).last().asString()
        .startsWith("2 different people with write access must approve: the one who adds")
        .contains("another who approves").endsWith(").");
  }

  @Test
  void threeApproversAreTheLabellerAndOthers() {
    GateResult r = decide(List.of(DB), AI, approvers(3, 3), List.of());
    assertThat(r.reasons()).last().asString()
        .startsWith("3 different people with write access must approve")
        .contains("and others who approve").doesNotContain("another who approves");
  }

  @Test
  void onAGitLabMergeRequestTheRuleNamesDeveloperAccessAndMergeRequestApprovals() {
    GateResult one = Gate.decide(new GateInput(List.of(DB), List.of(), AI, approvers(1, 1),
        Approvals.none(), GateTest.TODAY, ApprovalRoute.MERGE_REQUEST_LABEL));
    assertThat(one.reasons()).last().asString()
        .startsWith("Someone with Developer access or above approves by adding the label")
        .doesNotContain("maintainer").doesNotContain("write access");
    GateResult two = Gate.decide(new GateInput(List.of(DB), List.of(), AI, approvers(2, 2),
        Approvals.none(), GateTest.TODAY, ApprovalRoute.MERGE_REQUEST_LABEL));
    assertThat(two.reasons()).last().asString()
        .startsWith("2 different people with Developer access or above must approve")
        .contains("another who approves the merge request after its latest push")
        .doesNotContain("pull request").doesNotContain("review");
  }

  @Test
  void twoAiCommitsNameTheLastAndCountTheOther() {
    CommitAuthorship second = new CommitAuthorship("b2c3d4e5f60718293a4b5c6d7e8f901234567890",
        "Dev <dev@example.com>", "Drop the bucket", true, "Claude Code",
        List.of(new Signal("trailer", "Co-Authored-By: Claude <noreply@anthropic.com>",
            Confidence.MEDIUM, "Claude Code")));
    Authorship two = new Authorship(true, List.of(HUMAN, CLAUDE, second), List.of(), List.of());
    GateResult r = decide(List.of(DB), two, Policy.defaults(), List.of());
    assertThat(r.reasons().get(0)).startsWith("AI-authored: commit b2c3d4e \"Drop the bucket\"")
        .contains(" and 1 more AI-authored commit; ");
    Authorship three = new Authorship(true, List.of(CLAUDE, second, CLAUDE), List.of(),
        List.of());
    assertThat(decide(List.of(DB), three, Policy.defaults(), List.of()).reasons().get(0))
        .contains(" and 2 more AI-authored commits; ");
  }

  @Test
  void aSignalThatDecidesNothingIsNotTheOneQuoted() {
    Signal weak = new Signal("environment", "TERM_PROGRAM=vscode", Confidence.LOW, "Cursor");
    Signal strong = new Signal("branch", "copilot/fix", Confidence.HIGH, "GitHub Copilot");
    Authorship who = new Authorship(true, List.of(), List.of(weak, strong), List.of());
    assertThat(decide(List.of(DB), who, Policy.defaults(), List.of()).reasons().get(0))
        .isEqualTo("AI-authored: GitHub Copilot (branch copilot/fix); 1 finding needs a human"
            + " approval.");
  }

  @Test
  void onlyACriticalFindingWithACategoryIsCalledCritical() {
    Finding critical = WEB.withCriticality(true, "compute");
    Finding noCategory = WEB.withCriticality(true, null);
    Finding notCritical = WEB.withCriticality(false, "compute");
    assertThat(Gate.what(critical)).isEqualTo("aws_instance.web would be replaced (critical:"
        + " compute)");
    assertThat(Gate.what(noCategory)).isEqualTo("aws_instance.web would be replaced");
    assertThat(Gate.what(notCritical)).isEqualTo("aws_instance.web would be replaced");
  }

  @Test
  void exactlyTheCapIsNamedInFullAndOneMoreIsCounted() {
    List<Finding> cap = new ArrayList<>();
    for (int i = 0; i < Gate.NAMED_FINDINGS; i++) {
      cap.add(finding("terraform_data.n" + i, "terraform_data", FindingAction.DELETE, null));
    }
    assertThat(decide(cap, AI, Policy.defaults(), List.of()).reasons())
        .noneMatch(x -> x.startsWith("... and"));
    List<Finding> oneMore = new ArrayList<>(cap);
    oneMore.add(finding("terraform_data.extra", "terraform_data", FindingAction.DELETE, null));
    assertThat(decide(oneMore, AI, Policy.defaults(), List.of()).reasons())
        .contains("... and 1 more findings that need approval (listed in the findings).");
  }

  @Test
  void aHumanChangeThatDestroysAndReplacesCountsEachKind() {
    GateResult r = decide(List.of(DB, WEB), HUMAN_ONLY, Policy.defaults(), List.of());
    assertThat(r.decision()).isEqualTo(Decision.PASS);
    assertThat(r.reasons().get(0)).contains("a human-authored change destroys 1 resource and"
        + " replaces 1, which the policy lets pass (humanOnly: warn)");
  }
}
