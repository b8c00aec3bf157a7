package dev.plangate.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {
  @Test
  void backoffDoublesAndIsJitteredBetweenHalfAndAll() {
    RetryPolicy p = RetryPolicy.defaults().withJitter(0);
    assertThat(p.backoff(1)).isEqualTo(Duration.ofMillis(500));
    assertThat(p.backoff(3)).isEqualTo(Duration.ofSeconds(2));
    assertThat(RetryPolicy.defaults().withJitter(1).backoff(4)).isEqualTo(Duration.ofSeconds(8));
    RetryPolicy random = RetryPolicy.defaults();
    for (int i = 0; i < 50; i++) {
      assertThat(random.backoff(2)).isBetween(Duration.ofSeconds(1), Duration.ofSeconds(2));
    }
  }

  @Test
  void aPolicyThatCannotTryOnceOrWaitsNegativelyIsRefused() {
    assertThatThrownBy(() -> RetryPolicy.defaults().withMaxAttempts(0))
        .hasMessageContaining("maxAttempts must be at least 1");
    assertThatThrownBy(() -> RetryPolicy.defaults().withMaxTotalWait(Duration.ofSeconds(-1)))
        .hasMessageContaining("must not be negative");
    assertThatThrownBy(() -> RetryPolicy.defaults().withJitter(1.5))
        .hasMessageContaining("jitter must be in [0, 1]");
  }

  @Test
  void noneTriesOnceAndNeverWaits() {
    assertThat(RetryPolicy.none().maxAttempts()).isEqualTo(1);
    assertThat(RetryPolicy.none().maxTotalWait()).isZero();
  }
}
