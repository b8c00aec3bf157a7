package dev.plangate.core.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class PlanProducerTest {
  @Test
  void theApplysPlanShapingOptionsAreKeptWithTheirValues() {
    assertThat(PlanProducer.planOptions(List.of("-chdir=infra", "apply", "-auto-approve",
        "-input=false", "-var", "env=prod", "-var-file=prod.tfvars", "--target=module.db",
        "-replace", "aws_instance.web", "-destroy", "-lock=false", "tfplan")))
        .containsExactly("-var", "env=prod", "-var-file=prod.tfvars", "-target=module.db",
            "-replace", "aws_instance.web", "-destroy", "-lock=false");
  }

  @Test
  void terraformsOwnErrorLineIsWhatTheMessageQuotes() {
    assertThat(PlanProducer.errorLine("Initializing...\n\nError: No configuration files\n\n"
        + "Plan requires configuration to be present.\n")).isEqualTo("Error: No configuration"
        + " files");
    assertThat(PlanProducer.errorLine("something odd\n\n")).isEqualTo("something odd");
    assertThat(PlanProducer.errorLine("")).isEqualTo("no output");
  }
}
