package dev.plangate.github.testing;

import dev.plangate.platform.RetryPolicy;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * Time for retry tests: a clock that only moves when the code under test sleeps, and a record of
 * every sleep. {@link #retryPolicy()} gives the production defaults on this time, with the full
 * (unjittered) backoff, so waits are exact.
 */
public final class FakeTime implements RetryPolicy.Sleeper {
  /** Where the clock starts unless told otherwise. */
  public static final Instant START = Instant.parse("2026-05-01T12:00:00Z");

  private Instant now;
  private final List<Duration> sleeps = new ArrayList<>();

  public FakeTime() {
    this(START);
  }

  public FakeTime(Instant start) {
    this.now = start;
  }

  @Override
  public synchronized void sleep(Duration d) {
    sleeps.add(d);
    now = now.plus(d);
  }

  public synchronized Instant now() {
    return now;
  }

  /** Moves the clock without recording a sleep. */
  public synchronized void advance(Duration d) {
    now = now.plus(d);
  }

  /** Every sleep so far, in order. */
  public synchronized List<Duration> sleeps() {
    return List.copyOf(sleeps);
  }

  /** All sleeps added up. */
  public synchronized Duration slept() {
    return sleeps.stream().reduce(Duration.ZERO, Duration::plus);
  }

  /** A clock reading this fake time. */
  public Clock clock() {
    FakeTime time = this;
    return new Clock() {
      @Override
      public ZoneId getZone() {
        return ZoneOffset.UTC;
      }

      @Override
      public Clock withZone(ZoneId zone) {
        return this;
      }

      @Override
      public Instant instant() {
        return time.now();
      }
    };
  }

  /** {@link RetryPolicy#defaults()} on this time, jitter pinned to the full backoff. */
  public RetryPolicy retryPolicy() {
    return RetryPolicy.defaults().withTime(this, clock()).withJitter(1.0);
  }
}
