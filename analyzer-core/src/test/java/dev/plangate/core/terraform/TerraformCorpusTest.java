package dev.plangate.core.terraform;

import static org.assertj.core.api.Assertions.assertThat;

import dev.plangate.core.catalog.ResourceCatalog;
import dev.plangate.core.impact.Finding;
import dev.plangate.core.impact.ImpactAnalyzer;
import dev.plangate.core.model.Plan;
import dev.plangate.core.testing.CorpusTest;
import dev.plangate.core.testing.SharedCorpus;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every plan of the shared Terraform/OpenTofu corpus (formats 0.1 to 1.2) is read, and its
 * findings equal EXPECTED.tsv: address, actions and deposed key, in plan order, nothing extra.
 */
@CorpusTest
class TerraformCorpusTest {
  private static final ResourceCatalog CATALOG = ResourceCatalog.builtin();

  static Stream<String> corpusFiles() throws IOException {
    return Files.readAllLines(SharedCorpus.terraform().resolve("MANIFEST.tsv")).stream()
        .skip(1)
        .filter(l -> !l.isBlank())
        .map(l -> l.split("\t")[0]);
  }

  static Map<String, List<String>> expected() throws IOException {
    Map<String, List<String>> rows = new LinkedHashMap<>();
    for (String line : Files.readAllLines(SharedCorpus.terraform().resolve("EXPECTED.tsv"))
        .subList(1, Files.readAllLines(SharedCorpus.terraform().resolve("EXPECTED.tsv")).size())) {
      String[] c = line.split("\t", -1);
      rows.computeIfAbsent(c[0], k -> new ArrayList<>())
          .add(c[1] + "\t" + c[2] + "\t" + c[3] + "\t" + c[4]);
    }
    return rows;
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("corpusFiles")
  void findingsEqualGroundTruth(String file) throws Exception {
    Path path = SharedCorpus.terraform().resolve(file);
    Plan plan = new TerraformPlanReader(CATALOG).read(path, file);
    List<Finding> findings = new ImpactAnalyzer(CATALOG).analyze(plan);

    List<String> actual = findings.stream()
        .map(f -> f.address() + "\t" + String.join("+", f.rawActions()) + "\t"
            + (f.reason() == null ? "" : f.reason()) + "\t"
            + (f.deposed() == null ? "" : f.deposed()))
        .toList();
    assertThat(actual).as("findings of %s", file)
        .containsExactlyElementsOf(expected().getOrDefault(file, List.of()));
    for (Finding f : findings) {
      assertThat(f.explanation()).startsWith(f.key()).endsWith(".");
    }
  }
}
