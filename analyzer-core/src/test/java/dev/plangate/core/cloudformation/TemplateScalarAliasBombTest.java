package dev.plangate.core.cloudformation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.plangate.core.plan.PlanReadException;
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

  private static String refusal(String yaml) {
    long start = System.nanoTime();
    PlanReadException e = catchThrowableOfType(PlanReadException.class,
        () -> TemplateReader.parse(yaml, "t.yaml"));
    long ms = (System.nanoTime() - start) / 1_000_000;
    assertThat(e).as("a scalar alias bomb must be refused").isNotNull();
    assertThat(ms).as("refused in %d ms", ms).isLessThan(4000);
    assertThat(e.getMessage()).doesNotContain("\n");
    return e.getMessage();
  }

  @Test
  void aThousandAliasesOfALongStringAreRefused() {
    assertThat(refusal(bomb(1000, 1_000_000)))
        .startsWith("t.yaml")
        .contains("with its aliases expanded the document would hold more than 10485760"
            + " characters and nodes");
  }

  @Test
  void manyAliasesInOneListAreRefused() {
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
    long start = System.nanoTime();
    Template t = TemplateReader.parse("Resources:\n  R:\n    Type: AWS::SNS::Topic\n"
        + "    Properties:\n      DisplayName: " + "a".repeat(3_000_000) + "\n", "t.yaml");
    long ms = (System.nanoTime() - start) / 1_000_000;
    assertThat(t.resources()).hasSize(1);
    assertThat(ms).as("read in %d ms", ms).isLessThan(4000);
  }

  @Test
  void aFewAliasesOfAScalarAreStillRead() throws Exception {
    assertThat(TemplateReader.parse(bomb(3, 10), "t.yaml").resources()).hasSize(3);
  }
}
