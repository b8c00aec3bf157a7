package dev.plangate.core.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import org.junit.jupiter.api.Test;

/**
 * Boundaries of the policy reader that PIT found untested: the smallest and largest approver
 * counts, and the reason given for a plan glob whose brace or bracket is never closed.
 */
class PolicyEdgesTest {
  static String error(String yaml) {
    PolicyException e = catchThrowableOfType(PolicyException.class,
        () -> PolicyLoader.parse(yaml, "p.yml"));
    assertThat(e).as("expected a PolicyException for:\n" + yaml).isNotNull();
    return e.getMessage().substring(e.getMessage().indexOf('\n') + 1);
  }

  @Test
  void oneAndThreeApproversAreReadAsWritten() throws Exception {
    Policy one = PolicyLoader.parse("approval:\n  approvers: 1\n  criticalApprovers: 1\n",
        "p.yml");
    assertThat(one.approvers()).isEqualTo(1);
    assertThat(one.criticalApprovers()).isEqualTo(1);
    Policy three = PolicyLoader.parse("approval:\n  approvers: 3\n  criticalApprovers: 3\n",
        "p.yml");
    assertThat(three.approvers()).isEqualTo(3);
    assertThat(three.criticalApprovers()).isEqualTo(3);
    Policy mixed = PolicyLoader.parse("approval:\n  approvers: 1\n  criticalApprovers: 3\n",
        "p.yml");
    assertThat(mixed.approvers()).isEqualTo(1);
    assertThat(mixed.approversFor(true)).isEqualTo(3);
    assertThat(mixed.approversFor(false)).isEqualTo(1);
  }

  @Test
  void aPlanGlobWithAnUnclosedBraceSaysSo() {
    assertThat(error("plans: [\"infra/{a,b/plan.json\"]\n"))
        .contains("\"plans[0]\" is not a valid glob (a \"{\" is never closed)")
        .contains("infra/{a,b/plan.json");
  }

  @Test
  void aPlanGlobWithAnUnclosedBracketSaysSo() {
    assertThat(error("plans: [\"infra/plan[ab.json\"]\n"))
        .contains("\"plans[0]\" is not a valid glob (a \"[\" is never closed)");
  }
}
