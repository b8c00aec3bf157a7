package dev.plangate.core.policy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.plangate.core.impact.FindingAction;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The policy the README shows is a policy plangate accepts, and says what the README says. */
class ReadmePolicyTest {
  @Test
  void theReadmePolicyLoads() throws Exception {
    String readme = Files.readString(Path.of(System.getProperty("plangate.root", ".."))
        .resolve("README.md"));
    int start = readme.indexOf("```yaml\napproval:");
    assertThat(start).as("README has a policy example").isPositive();
    String yaml = readme.substring(start + "```yaml\n".length(), readme.indexOf("```", start + 7));

    Policy p = PolicyLoader.parse(yaml, "README.md");

    assertThat(p.approvalActions()).containsExactlyInAnyOrder(FindingAction.DELETE,
        FindingAction.REPLACE);
    assertThat(p.humanOnly()).isEqualTo(HumanOnly.WARN);
    assertThat(p.protect()).singleElement().satisfies(r -> assertThat(r.type().matches(
        "aws_db_instance")).isTrue());
    assertThat(p.waivers()).singleElement().satisfies(w -> assertThat(w.reason())
        .contains("OPS-123"));
    assertThat(p.plans()).containsExactly("infra/plan.json");
    assertThat(p.planCommand()).isEqualTo("make plan");
  }
}
