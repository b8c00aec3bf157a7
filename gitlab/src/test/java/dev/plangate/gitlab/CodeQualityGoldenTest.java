package dev.plangate.gitlab;

import dev.plangate.core.report.Golden;
import dev.plangate.core.report.GoldenReports;
import dev.plangate.core.report.Report;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Code Quality report of every golden report (analyzer-core's {@link GoldenReports}),
 * compared with {@code src/test/resources/golden/<report>/codequality.json}; paths in it are
 * relative to the repository root, so nothing varies between machines.
 */
class CodeQualityGoldenTest {
  @TempDir
  Path tmp;

  @TestFactory
  Stream<DynamicTest> theCodeQualityReportOfEveryGoldenReport() {
    Path repoRoot = Path.of("..").toAbsolutePath().normalize();
    Path workDir = Path.of("").toAbsolutePath();
    List<DynamicTest> tests = new ArrayList<>();
    for (Map.Entry<String, Supplier<Report>> report : GoldenReports.all().entrySet()) {
      String name = report.getKey() + "/codequality.json";
      tests.add(DynamicTest.dynamicTest(name, () -> {
        Path file = tmp.resolve(report.getKey() + ".json");
        CodeQualityReport.write(report.getValue().get(), file, repoRoot, workDir);
        Golden.check(name, Files.readString(file, StandardCharsets.UTF_8));
      }));
    }
    return tests.stream();
  }
}
