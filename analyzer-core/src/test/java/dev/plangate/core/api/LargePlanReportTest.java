package dev.plangate.core.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.plangate.core.gate.Decision;
import dev.plangate.core.report.MarkdownReportRenderer;
import dev.plangate.core.report.Report;
import dev.plangate.core.testing.CorpusTest;
import dev.plangate.core.testing.SharedCorpus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** On a plan with thousands of instances the Markdown stays readable and says what it left out. */
@CorpusTest
class LargePlanReportTest {
  @TempDir Path dir;

  @Test
  void mermaidGraphIsCollapsedByModuleAndCapped() throws Exception {
    assumeTrue(Files.isExecutable(Path.of("/usr/bin/python3"))
        || System.getenv("PATH").contains("python"), "python3 needed for genplan");
    Path plan = dir.resolve("plan.json");
    Process p = new ProcessBuilder("python3",
        SharedCorpus.root().resolve("tools/genplan.py").toString(), "--services", "300",
        "--change-rate", "0.5", "--pad", "32", "--replace-vpc", "--out", plan.toString())
        .redirectErrorStream(true).redirectOutput(dir.resolve("log").toFile()).start();
    assumeTrue(p.waitFor(120, TimeUnit.SECONDS) && p.exitValue() == 0, "genplan did not run");

    Report report = new PlanAnalyzer().analyze(List.of(plan));
    assertThat(report.decision()).isEqualTo(Decision.APPROVAL_REQUIRED);
    assertThat(report.findings().size()).isGreaterThan(100);

    String md = new MarkdownReportRenderer().render(report);
    String mermaid = md.substring(md.indexOf("```mermaid"), md.indexOf("```", md.indexOf("```mermaid") + 3));
    long nodes = Pattern.compile("(?m)^  [fg]\\d+\\[").matcher(mermaid).results().count();
    assertThat(nodes).isBetween(2L, 60L);
    assertThat(md).contains("Not drawn:").contains("Dependents are grouped by module instance");
    // The vpc replacement reaches every service: one group node per module instance, not one per
    // resource, and the vpc itself is drawn first (largest blast radius).
    assertThat(mermaid).contains("replace: module.network.aws_vpc.main");
    assertThat(md.length()).isLessThan(65_536);
  }
}
