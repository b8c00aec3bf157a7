package dev.plangate.platform;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;
import java.util.function.DoubleSupplier;

/**
 * How a {@link RestClient} retries: at most {@code maxAttempts} requests per call (per page when
 * paging), and at most {@code maxTotalWait} spent sleeping per public call. A wait that would
 * overrun what is left of that budget fails the call at once instead of sleeping: a CI job that
 * hangs for an hour on a rate limit is worse than one that fails now with the reset time.
 *
 * <p>Waits, in order of precedence (GitHub's "best practices for using the REST API"):
 * <ol>
 *   <li>{@code Retry-After} seconds, when the answer has one;
 *   <li>until {@code x-ratelimit-reset} (epoch seconds) plus one second of clock-skew margin,
 *       when {@code x-ratelimit-remaining} is 0;
 *   <li>for a rate limit with neither header (a secondary limit), at least
 *       {@code secondaryRateLimitWait} (GitHub says "at least one minute");
 *   <li>otherwise exponential backoff: {@code firstBackoff × 2^(retry-1)}, scaled by a jitter
 *       factor in [0.5, 1] so parallel jobs do not retry in lock-step.
 * </ol>
 *
 * <p>Tests replace the {@link Sleeper} and {@link Clock} (the test harness has a fake time that
 * does both) and pin {@code jitter}.
 *
 * @param maxAttempts requests per call including the first, at least 1
 * @param maxTotalWait the most a call sleeps between attempts in total
 * @param firstBackoff the first backoff delay; doubles with each retry
 * @param secondaryRateLimitWait the least wait after a rate-limit answer without timing headers
 * @param sleeper how to wait
 * @param clock what time it is, to turn {@code x-ratelimit-reset} into a wait
 * @param jitter a value in [0, 1]; the backoff is scaled by {@code 0.5 + 0.5 × jitter}
 * @param log told one line before every retry ("retrying in 2 s after HTTP 502"); never
 *     receives the token
 */
public record RetryPolicy(
    int maxAttempts,
    Duration maxTotalWait,
    Duration firstBackoff,
    Duration secondaryRateLimitWait,
    Sleeper sleeper,
    Clock clock,
    DoubleSupplier jitter,
    Consumer<String> log) {

  /** Waits; replaced in tests so they never really sleep. */
  @FunctionalInterface
  public interface Sleeper {
    void sleep(Duration duration) throws InterruptedException;
  }

  /** The real sleeper: {@link Thread#sleep(long)}. */
  public static final Sleeper THREAD_SLEEP = d -> Thread.sleep(d.toMillis());

  public RetryPolicy {
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("maxAttempts must be at least 1, was " + maxAttempts);
    }
    Objects.requireNonNull(maxTotalWait, "maxTotalWait");
    Objects.requireNonNull(firstBackoff, "firstBackoff");
    Objects.requireNonNull(secondaryRateLimitWait, "secondaryRateLimitWait");
    Objects.requireNonNull(sleeper, "sleeper");
    Objects.requireNonNull(clock, "clock");
    Objects.requireNonNull(jitter, "jitter");
    Objects.requireNonNull(log, "log");
    if (maxTotalWait.isNegative() || firstBackoff.isNegative()
        || secondaryRateLimitWait.isNegative()) {
      throw new IllegalArgumentException("retry durations must not be negative");
    }
  }

  /**
   * 5 attempts, 90 s of waiting per call, backoff 1 s, 2 s, 4 s, 8 s (jittered), 60 s after a
   * secondary rate limit, real sleeping and time, no log.
   */
  public static RetryPolicy defaults() {
    return new RetryPolicy(5, Duration.ofSeconds(90), Duration.ofSeconds(1),
        Duration.ofSeconds(60), THREAD_SLEEP, Clock.systemUTC(),
        () -> ThreadLocalRandom.current().nextDouble(), line -> { });
  }

  /** One attempt, no waiting: every failure is final. */
  public static RetryPolicy none() {
    return defaults().withMaxAttempts(1).withMaxTotalWait(Duration.ZERO);
  }

  public RetryPolicy withMaxAttempts(int attempts) {
    return new RetryPolicy(attempts, maxTotalWait, firstBackoff, secondaryRateLimitWait, sleeper,
        clock, jitter, log);
  }

  public RetryPolicy withMaxTotalWait(Duration wait) {
    return new RetryPolicy(maxAttempts, wait, firstBackoff, secondaryRateLimitWait, sleeper,
        clock, jitter, log);
  }

  /** Sleeps with {@code s} and reads the time from {@code c}: how tests fake time. */
  public RetryPolicy withTime(Sleeper s, Clock c) {
    return new RetryPolicy(maxAttempts, maxTotalWait, firstBackoff, secondaryRateLimitWait, s, c,
        jitter, log);
  }

  /** A fixed jitter value in [0, 1]; 1 gives the full backoff, for predictable tests. */
  public RetryPolicy withJitter(double value) {
    if (!(value >= 0 && value <= 1)) {
      throw new IllegalArgumentException("jitter must be in [0, 1], was " + value);
    }
    return new RetryPolicy(maxAttempts, maxTotalWait, firstBackoff, secondaryRateLimitWait,
        sleeper, clock, () -> value, log);
  }

  public RetryPolicy withLog(Consumer<String> l) {
    return new RetryPolicy(maxAttempts, maxTotalWait, firstBackoff, secondaryRateLimitWait,
        sleeper, clock, jitter, l);
  }

  /** The backoff before retry number {@code retry} (1 for the first retry), jittered. */
  Duration backoff(int retry) {
    long base = firstBackoff.toMillis() << Math.min(retry - 1, 20);
    double factor = 0.5 + 0.5 * Math.max(0, Math.min(1, jitter.getAsDouble()));
    return Duration.ofMillis(Math.round(base * factor));
  }
}
