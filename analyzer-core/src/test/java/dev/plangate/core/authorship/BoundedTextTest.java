package dev.plangate.core.authorship;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** {@link BoundedText}: the budget stops runaway patterns, never an ordinary search. */
class BoundedTextTest {

  @Test
  void anOrdinaryPatternSearchesAVeryLongTextToTheEnd() {
    // two million characters, each read at least once: far more than the base budget allows
    String text = "a line of the body\n".repeat(100_000) + "Generated with [Claude Code](";
    assertThat(BoundedText.search(
        Pattern.compile("(?m)^[ \\t]*Generated with \\[Claude Code\\]\\("), text, false))
        .isEqualTo(1_900_000);
  }

  @Test
  void noMatchAndAWholeMatchAreToldApart() {
    Pattern p = Pattern.compile("noreply@anthropic\\.com");
    assertThat(BoundedText.search(p, "noreply@anthropic.com", true)).isZero();
    assertThat(BoundedText.search(p, "x noreply@anthropic.com", true))
        .isEqualTo(BoundedText.NONE);
    assertThat(BoundedText.search(p, "x noreply@anthropic.com", false)).isEqualTo(2);
  }
}
