package dev.plangate.core.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Every renderer over every {@link GoldenReports golden report}, compared with the files under
 * {@code src/test/resources/golden/<report>/}. A change to any rendering shows up here as a
 * diff; {@code -Dplangate.golden.update=true} accepts it. Nothing is normalised: the reports are
 * built so that nothing in them varies between runs.
 */
class GoldenRenderingTest {
  /** The Markdown budgets: the PR-comment forms that drop details, then rows, then cut. */
  static final int[] BUDGETS = {16_000, 4_000, 800};

  /** Each rendering by the golden file name it is kept in. */
  static Map<String, Function<Report, String>> renderings() {
    Map<String, Function<Report, String>> r = new java.util.LinkedHashMap<>();
    r.put("text.txt", report -> new TextReportRenderer(false).render(report));
    r.put("text-color.txt", report -> new TextReportRenderer(true).render(report));
    r.put("markdown.md", report -> new MarkdownReportRenderer().render(report));
    for (int budget : BUDGETS) {
      r.put("markdown-" + budget + ".md",
          report -> new MarkdownReportRenderer().render(report, budget));
    }
    r.put("report.json", report -> write(w -> new JsonReportWriter().render(report, w,
        RenderOptions.DEFAULT)));
    r.put("report.sarif", report -> write(w -> new SarifReportWriter().render(report, w,
        RenderOptions.DEFAULT)));
    r.put("brief.txt", report -> brief(BriefReport.of(report, 5)));
    return r;
  }

  @TestFactory
  Stream<DynamicTest> everyRendererOnEveryReport() {
    List<DynamicTest> tests = new ArrayList<>();
    for (Map.Entry<String, Supplier<Report>> report : GoldenReports.all().entrySet()) {
      Report built = report.getValue().get();
      for (Map.Entry<String, Function<Report, String>> r : renderings().entrySet()) {
        String name = report.getKey() + "/" + r.getKey();
        tests.add(DynamicTest.dynamicTest(name,
            () -> Golden.check(name, r.getValue().apply(built))));
      }
    }
    return tests.stream();
  }

  /** A report rendered twice is the same: what the golden files rely on. */
  @Test
  void renderingsAreDeterministic() {
    Report a = GoldenReports.all().get("example-terraform-kiro-incident").get();
    Report b = GoldenReports.all().get("example-terraform-kiro-incident").get();
    for (Function<Report, String> r : renderings().values()) {
      assertThat(r.apply(a)).isEqualTo(r.apply(b));
    }
  }

  @Test
  void theFirstDifferenceIsShownWithContext() {
    String diff = Golden.firstDifference("a\nb\nc\nd\n", "a\nb\nX\nd\n");
    assertThat(diff).isEqualTo("@@ line 3 @@\n  a\n  b\n- c\n- d\n+ X\n+ d\n");
    assertThat(Golden.firstDifference("a\n", "a")).contains("final newline");
    assertThat(Golden.firstDifference("a\n", "a\nb\n")).contains("(expected ends here)");
  }

  /** The brief report as a build log shows it: the Maven goal's layout, without log levels. */
  static String brief(BriefReport b) {
    StringBuilder sb = new StringBuilder(b.headline()).append('\n');
    for (BriefReport.Line line : b.findings()) {
      sb.append(line.critical() ? "! " : "  ").append(line.text()).append('\n');
    }
    if (b.more() > 0) {
      sb.append("  ... ").append(b.more()).append(" more in the report\n");
    }
    for (String next : b.next()) {
      sb.append(next).append('\n');
    }
    return sb.toString();
  }

  interface Writing {
    void to(java.io.Writer w) throws IOException;
  }

  static String write(Writing writing) {
    StringWriter w = new StringWriter();
    try {
      writing.to(w);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return w.toString();
  }
}
