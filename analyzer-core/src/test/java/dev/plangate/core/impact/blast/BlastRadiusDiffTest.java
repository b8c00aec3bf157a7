package dev.plangate.core.impact.blast;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.plangate.core.testing.TerraformScenarios;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The differential harness over a fixed, small seed range: every finding matches the plan's
 * resource_changes and no dependent that Terraform's state proves is missed. The larger run is
 * {@code bench/blast-radius-diff.sh}, which runs this test with {@code -Dplangate.blast.*}
 * (firstSeed, seeds, edits, threads, report=FILE for the figures). Skipped where terraform is
 * absent.
 */
class BlastRadiusDiffTest {
  @TempDir Path work;

  @Test
  void plangateDownstreamHoldsEveryDependentTheAppliedStateRecords() throws Exception {
    assumeTrue(TerraformScenarios.available(),
        "terraform not on PATH: skipping the blast-radius differential test");
    int[] v = BlastRadiusDiff.terraformVersion();
    assumeTrue(v != null && (v[0] > 1 || (v[0] == 1 && v[1] >= 7)),
        "terraform older than 1.7 (no removed blocks): skipping the blast-radius differential test");
    long first = Long.getLong("plangate.blast.firstSeed", 1);
    int seeds = Integer.getInteger("plangate.blast.seeds", 8);
    int edits = Integer.getInteger("plangate.blast.edits", 4);
    int threads = Integer.getInteger("plangate.blast.threads", 2);
    BlastRadiusDiff.Figures f = BlastRadiusDiff.run(first, seeds, edits, threads, work);
    List<String> lines = new ArrayList<>();
    f.totals.problems.forEach(p -> lines.add("PROBLEM " + p));
    f.refusals.forEach(r -> lines.add("REFUSED " + r));
    lines.add("seeds " + first + ".." + (first + seeds - 1) + ", " + edits + " edits each");
    lines.addAll(f.lines());
    String report = System.getProperty("plangate.blast.report", "");
    if (!report.isBlank()) {
      Files.write(Path.of(report), lines, StandardCharsets.UTF_8);
    }
    System.out.println("blast-radius diff: " + f.summary());
    assertThat(f.totals.problems).isEmpty();
    assertThat(f.plans).as("plans terraform accepted").isGreaterThanOrEqualTo(seeds * edits / 2);
    assertThat(f.totals.expectedCertain).as("the oracle found dependents to check").isPositive();
  }
}
