package dev.plangate.core.plan;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PlanReadExceptionTest {
  /** Found by fuzzing: a format_version holding a newline split the one-line message. */
  @Test
  void whatAReasonQuotesFromTheInputCannotBreakTheLine() {
    PlanReadException e = new PlanReadException("plan\n.json",
        "unsupported format_version \"nn\nnn\r\t\u0007\u2028\"");
    assertThat(e.getMessage()).doesNotContain("\n", "\r", "\u2028")
        .isEqualTo("plan\\n.json: unsupported format_version \"nn\\nnn\\r\\t\\u0007\\u2028\"");
    assertThat(e.reason()).doesNotContain("\n");
    assertThat(e.file()).isEqualTo("plan\n.json");
    assertThat(new PlanReadException("p.json", "plain").getMessage()).isEqualTo("p.json: plain");
  }
}
