package dev.plangate.core.api;

import dev.plangate.core.pipeline.Pipeline;
import static org.assertj.core.api.Assertions.assertThat;

import dev.plangate.core.gate.Approver;
import dev.plangate.core.policy.Policy;
import dev.plangate.core.policy.PolicyLoader;
import dev.plangate.core.policy.PolicyOrigin;
import dev.plangate.core.report.Report;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Item 8 of issue 19: nothing about the policy is dropped from the report silently. */
class PolicyWarningsTest {
  private static final Path PLAN = Path.of(System.getProperty("plangate.root", ".."))
      .resolve("examples/orders-service/destroy-plan.json");

  private static Report check(Policy policy) {
    return new Pipeline().check(CheckRequest.builder(List.of(PLAN)).policy(policy)
        .today(LocalDate.of(2026, 6, 1)).build());
  }

  @Test
  void anExpiredWaiverIsAWarningEvenWhenItCoversNoFinding() throws Exception {
    Policy policy = PolicyLoader.parse("waivers:\n  - address: aws_instance.elsewhere\n"
        + "    reason: migration\n    expires: 2026-01-31\n"
        + "  - address: aws_instance.current\n    reason: migration\n"
        + "    expires: 2026-12-31\n", ".plangate.yml");
    Report r = check(policy);
    assertThat(r.warnings()).containsExactly("The waiver for aws_instance.elsewhere (line 2)"
        + " expired on 2026-01-31 and no longer applies.");
  }

  @Test
  void theReportCarriesThePolicysOriginAndWhatTheChangeTriedToLoosen() {
    PolicyOrigin origin = new PolicyOrigin(".plangate.yml", "origin/main (1a2b3c4)",
        List.of("humanOnly changes warn to pass: it stays warn."),
        List.of("No remote branch is known."));
    Report r = check(Policy.defaults().withOrigin(origin));
    assertThat(r.policy()).isEqualTo(origin);
    assertThat(r.warnings()).containsExactly("No remote branch is known.");
  }
}
