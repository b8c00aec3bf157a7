package dev.plangate.core.testing;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.TestTag;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;

/**
 * Prints one line per test run saying how many corpus tests ran and how many were skipped, and
 * why. Registered through {@code META-INF/services}, so every module whose tests see the core's
 * test jar prints it; a module with no corpus tests prints nothing.
 */
public final class CorpusSummaryListener implements TestExecutionListener {
  private static final TestTag CORPUS = TestTag.create(CorpusTest.TAG);

  private final AtomicInteger ran = new AtomicInteger();
  private final AtomicInteger skipped = new AtomicInteger();
  private TestPlan plan;

  @Override
  public void testPlanExecutionStarted(TestPlan testPlan) {
    plan = testPlan;
    ran.set(0);
    skipped.set(0);
  }

  @Override
  public void executionSkipped(TestIdentifier id, String reason) {
    if (!id.getTags().contains(CORPUS)) {
      return;
    }
    if (id.isTest()) {
      skipped.incrementAndGet();
      return;
    }
    // A skipped class never reports its methods: count those the plan knows (at least one).
    long tests = plan == null ? 0 : plan.getDescendants(id).stream().filter(TestIdentifier::isTest).count();
    skipped.addAndGet((int) Math.max(1, tests));
  }

  @Override
  public void executionFinished(TestIdentifier id, TestExecutionResult result) {
    if (!id.isTest() || !id.getTags().contains(CORPUS)) {
      return;
    }
    if (result.getStatus() == TestExecutionResult.Status.ABORTED) {
      skipped.incrementAndGet();
    } else {
      ran.incrementAndGet();
    }
  }

  @Override
  public void testPlanExecutionFinished(TestPlan testPlan) {
    if (ran.get() + skipped.get() == 0) {
      return;
    }
    String why = SharedCorpus.absence().map(r -> " — " + r).orElse("");
    System.out.println("plangate corpus tests: " + ran.get() + " ran, " + skipped.get() + " skipped"
        + why);
  }
}
