package dev.plangate.core.impact;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PhrasesTest {
  @Test
  void countsAgreeWithTheirNumbers() {
    assertThat(Phrases.counts(1, 0)).isEqualTo("destroys 1 resource");
    assertThat(Phrases.counts(2, 0)).isEqualTo("destroys 2 resources");
    assertThat(Phrases.counts(0, 1)).isEqualTo("replaces 1 resource");
    assertThat(Phrases.counts(1, 1)).isEqualTo("destroys 1 resource and replaces 1");
    assertThat(Phrases.counts(3, 1)).isEqualTo("destroys 3 resources and replaces 1");
    assertThat(Phrases.counts(1, 2)).isEqualTo("destroys 1 and replaces 2 resources");
    assertThat(Phrases.counts(3, 2)).isEqualTo("destroys 3 and replaces 2 resources");
  }
}
