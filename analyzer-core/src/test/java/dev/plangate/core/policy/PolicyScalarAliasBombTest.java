package dev.plangate.core.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.plangate.core.testing.CpuTime;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Aliases of scalars: SnakeYAML shares the node, but whatever walks the tree sees every copy, so
 * 700 KB of YAML with a thousand aliases of one long string took 20 s (and 20,000 over five
 * minutes). The expanded weight is bounded: one line, file, line and reason, in well under a
 * second each.
 */
@Timeout(value = 10, unit = TimeUnit.SECONDS)
class PolicyScalarAliasBombTest {
  @TempDir Path dir;

  private static String bomb(int aliases, int scalarLength) {
    StringBuilder sb = new StringBuilder("x: &a \"").append("lol ".repeat(scalarLength / 4))
        .append("\"\nwaivers:\n");
    for (int i = 0; i < aliases; i++) {
      sb.append("  - {address: *a, reason: *a, expires: *a}\n");
    }
    return sb.toString();
  }

  private String refusal(String yaml) throws Exception {
    Path f = Files.writeString(dir.resolve(".plangate.yml"), yaml);
    PolicyException[] e = new PolicyException[1];
    long ms = CpuTime.of(() -> e[0] = catchThrowableOfType(PolicyException.class,
        () -> PolicyLoader.load(f))).toMillis();
    assertThat(e[0]).as("a scalar alias bomb must be refused").isNotNull();
    // Far below the 20 s it took; generous, because CI machines are shared.
    assertThat(ms).as("refused in %d ms of CPU", ms).isLessThan(4000);
    return e[0].getMessage();
  }

  @Test
  void aThousandAliasesOfALongStringAreRefusedAtTheAliasOverTheLimit() throws Exception {
    String message = refusal(bomb(1000, 700_000));
    assertThat(message.lines()).hasSize(2);
    assertThat(message.lines().skip(1).findFirst().orElseThrow())
        .matches(".*\\.plangate\\.yml:3:\\d+: with its aliases expanded the document would hold"
            + " more than 2097152 characters and nodes \\(\\d+ aliases so far\\).*");
  }

  @Test
  void twentyThousandAliasesOfAShortStringAreRefused() throws Exception {
    String message = refusal(bomb(20_000, 35));
    assertThat(message).contains("with its aliases expanded the document would hold more than"
        + " 2097152 characters and nodes");
  }

  @Test
  void aLongWordIsReadInLinearTime() throws Exception {
    // SnakeYAML's own reader is quadratic in the length of one token: 700 KB took seconds.
    Path f = Files.writeString(dir.resolve(".plangate.yml"),
        "x: \"" + "a".repeat(700_000) + "\"\n");
    PolicyException[] e = new PolicyException[1];
    long ms = CpuTime.of(() -> e[0] = catchThrowableOfType(PolicyException.class,
        () -> PolicyLoader.load(f))).toMillis();
    assertThat(e[0].getMessage()).endsWith(".plangate.yml:1:1: unknown key \"x\"; the keys allowed"
        + " here are version, approval, humanOnly, unknownAuthorship, protect, waivers, signals,"
        + " criticality, plans, planCommand, auditLog");
    assertThat(ms).as("read in %d ms of CPU", ms).isLessThan(4000);
  }

  @Test
  void aFewAliasesOfScalarsStillWork() throws Exception {
    Path f = Files.writeString(dir.resolve(".plangate.yml"), """
        approval:
          label: &l plangate/approve-destroy
        protect:
          - address: &addr aws_db_instance.main
            reason: *l
          - address: "module.x.*"
            reason: *addr
        """);
    assertThat(PolicyLoader.load(f).protect()).hasSize(2);
  }
}
