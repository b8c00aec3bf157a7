package dev.plangate.core.agent;

import static org.assertj.core.api.Assertions.assertThat;

import dev.plangate.core.plan.ExternalTool;
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
    assertThat(ExternalTool.errorLine("Initializing...\n\nError: No configuration files\n\n"
        + "Plan requires configuration to be present.\n")).isEqualTo("Error: No configuration"
        + " files");
    // What terraform -no-color really prints: the diagnostic framed in box-drawing characters.
    assertThat(ExternalTool.errorLine("\u2577\n\u2502 Error: No configuration files\n\u2502 \n"
        + "\u2575\n")).isEqualTo("Error: No configuration files");
    assertThat(ExternalTool.errorLine("something odd\n\n")).isEqualTo("something odd");
    assertThat(ExternalTool.errorLine("")).isEqualTo("no error output");
  }
}
