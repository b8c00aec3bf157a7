package dev.plangate.core.plan;

/**
 * Opt-in phase timings on standard error ({@code -Dplangate.timing=true}), for the benchmark and
 * for users who want to know where a large plan's time goes. Silent otherwise.
 */
public final class PhaseTimer {
  private static final boolean ENABLED = Boolean.getBoolean("plangate.timing");

  private PhaseTimer() {}

  /** Prints how long {@code phase} took since {@code startNanos} (from {@link System#nanoTime}). */
  public static void report(String phase, long startNanos) {
    if (ENABLED) {
      System.err.printf("plangate timing: %s %d ms%n", phase,
          (System.nanoTime() - startNanos) / 1_000_000);
    }
  }
}
