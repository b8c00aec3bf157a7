package dev.plangate.core.testing;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;

/**
 * How long work on the calling thread took in CPU time, for the tests that bound a parser's cost
 * (alias bombs, quadratic tokens). Wall time is what a user waits, but on a shared CI machine it
 * also counts the time other processes held the core: those bounds failed when seven builds ran
 * at once, on code that had not changed. The work they measure runs on the test's thread, so its
 * CPU time is the cost without the noise. Falls back to wall time where the JVM cannot tell.
 */
public final class CpuTime {
  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

  private CpuTime() {}

  /** Work to measure; what it throws reaches the test. */
  public interface Work {
    void run() throws Exception;
  }

  /** Runs {@code work} and says how much CPU time (else wall time) the calling thread spent. */
  public static Duration of(Work work) throws Exception {
    boolean cpu = THREADS.isCurrentThreadCpuTimeSupported();
    long start = cpu ? THREADS.getCurrentThreadCpuTime() : System.nanoTime();
    work.run();
    return Duration.ofNanos((cpu ? THREADS.getCurrentThreadCpuTime() : System.nanoTime()) - start);
  }
}
