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

  /** A place in the file reads as compilers write it; an unknown part is left out. */
  @Test
  void aPlaceInTheFileIsWrittenAsCompilersWriteIt() {
    PlanReadException both = new PlanReadException("p.json", 12, 5, "bad key", null);
    assertThat(both.getMessage()).isEqualTo("p.json: 12:5: bad key");
    assertThat(both.reason()).isEqualTo("12:5: bad key");
    assertThat(both.detail()).isEqualTo("bad key");
    assertThat(both.line()).isEqualTo(12);
    assertThat(both.column()).isEqualTo(5);
    PlanReadException lineOnly = new PlanReadException("p.json", 3, 0, "bad", null);
    assertThat(lineOnly.getMessage()).isEqualTo("p.json: 3: bad");
    assertThat(lineOnly.column()).isZero();
    PlanReadException negative = new PlanReadException("p.json", 3, -2, "bad", null);
    assertThat(negative.getMessage()).isEqualTo("p.json: 3: bad");
    assertThat(negative.column()).isZero();
    // A column without a line is no place.
    PlanReadException columnOnly = new PlanReadException("p.json", 0, 7, "bad", null);
    assertThat(columnOnly.getMessage()).isEqualTo("p.json: bad");
    assertThat(columnOnly.line()).isZero();
    assertThat(columnOnly.column()).isZero();
    assertThat(new PlanReadException("p.json", -1, 7, "bad", null).reason()).isEqualTo("bad");
    assertThat(new PlanReadException("p.json", 1, 1, "bad", null).reason()).isEqualTo("1:1: bad");
    assertThat(PlanReadException.position(1, 1)).isEqualTo("1:1: ");
    assertThat(PlanReadException.position(0, 0)).isEmpty();
    Exception cause = new IllegalStateException("x");
    assertThat(new PlanReadException("p.json", "bad", cause).getCause()).isSameAs(cause);
    assertThat(PlanReadException.oneLine(null)).isEmpty();
  }
}
