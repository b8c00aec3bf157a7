package dev.plangate.core.cloudformation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.plangate.core.plan.PlanReadException;
import dev.plangate.core.testing.CpuTime;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Template YAML bounds alias expansion too, aliases of scalars included. */
@Timeout(value = 10, unit = TimeUnit.SECONDS)
class TemplateScalarAliasBombTest {
  private static String bomb(int aliases, int scalarLength) {
    StringBuilder sb = new StringBuilder("Metadata:\n  X: &a \"").append("lol ".repeat(scalarLength / 4))
        .append("\"\nResources:\n");
    for (int i = 0; i < aliases; i++) {
      sb.append("  R").append(i).append(":\n    Type: AWS::SNS::Topic\n    Properties:\n")
          .append("      DisplayName: *a\n");
    }
    return sb.toString();
  }

  private static String refusal(String yaml) throws Exception {
    PlanReadException[] e = new PlanReadException[1];
    long ms = CpuTime.of(() -> e[0] = catchThrowableOfType(PlanReadException.class,
        () -> TemplateReader.parse(yaml, "t.yaml"))).toMillis();
    assertThat(e[0]).as("a scalar alias bomb must be refused").isNotNull();
    assertThat(ms).as("refused in %d ms of CPU", ms).isLessThan(4000);
    assertThat(e[0].getMessage()).doesNotContain("\n");
    return e[0].getMessage();
  }

  @Test
  void aThousandAliasesOfALongStringAreRefused() throws Exception {
    assertThat(refusal(bomb(1000, 1_000_000)))
        .startsWith("t.yaml")
        .contains("with its aliases expanded the document would hold more than 10485760"
            + " characters and nodes");
  }

  @Test
  void manyAliasesInOneListAreRefused() throws Exception {
    StringBuilder yaml = new StringBuilder("Metadata:\n  X: &a \"")
        .append("lol ".repeat(1000)).append("\"\n  Y: [");
    for (int i = 0; i < 3000; i++) {
      yaml.append("*a, ");
    }
    yaml.append("]\nResources:\n  R:\n    Type: AWS::SNS::Topic\n");
    assertThat(refusal(yaml.toString()))
        .contains("with its aliases expanded the document would hold more than 10485760");
  }

  @Test
  void aLongWordIsReadInLinearTime() throws Exception {
    // SnakeYAML's own reader is quadratic in the length of one token.
    Template[] t = new Template[1];
    String yaml = "Resources:\n  R:\n    Type: AWS::SNS::Topic\n    Properties:\n"
        + "      DisplayName: " + "a".repeat(3_000_000) + "\n";
    long ms = CpuTime.of(() -> t[0] = TemplateReader.parse(yaml, "t.yaml")).toMillis();
    assertThat(t[0].resources()).hasSize(1);
    assertThat(ms).as("read in %d ms of CPU", ms).isLessThan(4000);
  }

  @Test
  void aFewAliasesOfAScalarAreStillRead() throws Exception {
    assertThat(TemplateReader.parse(bomb(3, 10), "t.yaml").resources()).hasSize(3);
  }
}
