package dev.plangate.core.api;

import dev.plangate.core.pipeline.Pipeline;
import static org.assertj.core.api.Assertions.assertThat;

import dev.plangate.core.gate.Decision;
import dev.plangate.core.report.MarkdownReportRenderer;
import dev.plangate.core.report.Report;
import dev.plangate.core.testing.PlanGenerator;
import dev.plangate.core.testing.PlanGenerator.Options;
import dev.plangate.core.testing.PlanGenerator.Shape;
import dev.plangate.core.testing.PlanGenerator.TruthRow;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** On a plan with thousands of instances the Markdown stays readable and says what it left out. */
class LargePlanReportTest {
  @TempDir Path dir;

  @ParameterizedTest
  @EnumSource(Shape.class)
  void mermaidGraphIsCappedAndCountsWhatItLeavesOut(Shape shape) throws Exception {
    Path plan = dir.resolve("plan.json");
    // LARGE: about 4 MB; SMALL: about 2 MB.
    Options options = Options.of(shape, shape == Shape.LARGE ? 25 : 300).withChangeRate(0.5)
        .withPad(32).withReplaceVpc();
    PlanGenerator.Result generated = new PlanGenerator(options).write(plan, null);

    Report report = new Pipeline().check(CheckRequest.plansOnly(List.of(plan)));
    assertThat(report.decision()).isEqualTo(Decision.APPROVAL_REQUIRED);
    // Every destroy and replace of the ground truth is a finding, with its downstream count.
    assertThat(report.findings())
        .extracting(f -> f.address() + " " + f.downstream().total())
        .containsExactlyInAnyOrderElementsOf(generated.truth().stream()
            .map(r -> r.address() + " " + r.downstream()).toList());
    if (shape == Shape.SMALL) {
      assertThat(report.findings().size()).isGreaterThan(100);
    }

    String md = new MarkdownReportRenderer().render(report);
    String mermaid = md.substring(md.indexOf("```mermaid"), md.indexOf("```", md.indexOf("```mermaid") + 3));
    // Each node is labelled once, where it first appears: count the labels.
    long nodes = Pattern.compile("[fg]\\d+\\[\"").matcher(mermaid).results().count();
    assertThat(nodes).isBetween(2L, 25L);
    if (shape == Shape.SMALL) {
      assertThat(md).contains(", not drawn (the JSON report lists everything)");
      assertThat(mermaid).contains(" other resources in module.");
    }
    // The vpc replacement reaches every service: one group node per module instance, not one per
    // resource, and the vpc itself is drawn first (largest blast radius).
    assertThat(mermaid).contains("replace: module.network.aws_vpc.main");
    assertThat(generated.truth()).extracting(TruthRow::address)
        .contains("module.network.aws_vpc.main");
    assertThat(md.length()).isLessThan(65_536);
  }
}
