package dev.plangate.core.impact;

import static org.assertj.core.api.Assertions.assertThat;

import dev.plangate.core.catalog.ResourceCatalog;
import dev.plangate.core.model.Plan;
import dev.plangate.core.terraform.TerraformPlanReader;
import dev.plangate.core.testing.PlanGenerator;
import dev.plangate.core.testing.PlanGenerator.Options;
import dev.plangate.core.testing.PlanGenerator.Shape;
import dev.plangate.core.testing.PlanGenerator.TruthRow;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Plans written by the project's {@link PlanGenerator} (modules, for_each, count, references
 * through module inputs and outputs, cascades), in both shapes, give exactly the findings and
 * downstream counts of its ground truth.
 */
class GenplanTruthTest {
  @TempDir Path dir;

  static Stream<Arguments> plans() {
    return Stream.of(Shape.SMALL, Shape.LARGE).flatMap(shape -> Stream.of(
        Arguments.of(Options.of(shape, 40).withCount(3).withChangeRate(0.6).withPad(64)),
        Arguments.of(Options.of(shape, 40).withCount(2).withChangeRate(0.5).withPad(64)
            .withReplaceVpc().withSeed(11)),
        Arguments.of(Options.of(shape, 30).withCount(4).withChangeRate(0.7).withPad(64)
            .withOmitNoop().withSeed(3)),
        Arguments.of(Options.of(shape, 1).withCount(1).withChangeRate(1).withPad(16)
            .withSeed(5))));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("plans")
  void findingsAndDownstreamCountsEqualTruth(Options options) throws Exception {
    check(options, null);
  }

  /**
   * Each edge source alone must give the same blast radius: configuration references resolved
   * across module boundaries, and prior-state depends_on. The other source is removed first.
   */
  @ParameterizedTest(name = "without {0}")
  @org.junit.jupiter.params.provider.ValueSource(strings = {"prior_state", "configuration"})
  void eachEdgeSourceAloneGivesTheTruth(String removed) throws Exception {
    check(Options.of(Shape.SMALL, 25).withCount(3).withChangeRate(0.8).withPad(32)
        .withReplaceVpc().withSeed(2), removed);
  }

  /** Every scenario occurs, and the vpc replacement reaches every service's dependents. */
  @Test
  void truthCoversEveryScenario() throws Exception {
    List<TruthRow> truth = new PlanGenerator(Options.of(Shape.SMALL, 60).withCount(2)
        .withChangeRate(1).withReplaceVpc().withSeed(9)).truth();
    assertThat(truth).extracting(TruthRow::reason).contains("replace_because_cannot_update",
        "delete_because_no_resource_config", "delete_because_no_module");
    assertThat(truth).extracting(r -> String.join("+", r.actions()))
        .contains("delete", "delete+create", "create+delete");
    assertThat(truth).filteredOn(r -> r.address().endsWith("aws_db_instance.main")
        && r.actions().contains("create")).isNotEmpty();
    assertThat(truth).filteredOn(r -> r.address().endsWith("aws_s3_bucket.assets")).isNotEmpty();
    // module.network.aws_vpc.main: 3 subnets + table + 3 associations + per service
    // sg, 2 apps, db, target group, 2 attachments (7), except where the whole service is removed.
    TruthRow vpc = truth.stream().filter(r -> r.address().equals("module.network.aws_vpc.main"))
        .findFirst().orElseThrow();
    assertThat(vpc.downstream()).isGreaterThan(7 + 7 * 30);
  }

  @Test
  void sameSeedSameBytesAndLargeShapeCarriesLargeValues() throws Exception {
    Options small = Options.of(Shape.SMALL, 5).withChangeRate(0.5);
    Options large = Options.of(Shape.LARGE, 5).withChangeRate(0.5);
    new PlanGenerator(small).write(dir.resolve("a.json"), null);
    new PlanGenerator(small).write(dir.resolve("b.json"), null);
    assertThat(Files.mismatch(dir.resolve("a.json"), dir.resolve("b.json"))).isEqualTo(-1L);
    new PlanGenerator(large).write(dir.resolve("c.json"), null);
    String text = Files.readString(dir.resolve("c.json"));
    assertThat(text).contains("\"assume_role_policy\":\"{\\\"Version\\\":\\\"2012-10-17\\\"")
        .contains("-----BEGIN CERTIFICATE-----\\n").contains("\"user_data\":\"#!/bin/bash\\n");
    assertThat(Files.size(dir.resolve("c.json"))).isGreaterThan(3 * Files.size(dir.resolve("a.json")));
    // Valid JSON in both shapes.
    var mapper = new com.fasterxml.jackson.databind.ObjectMapper();
    assertThat(mapper.readTree(dir.resolve("a.json").toFile()).get("resource_changes")).isNotEmpty();
    var tree = mapper.readTree(dir.resolve("c.json").toFile());
    String policy = tree.at("/prior_state/values/root_module/child_modules/1/resources/2"
        + "/values/assume_role_policy").asText();
    assertThat(policy.length()).isBetween(2048, 8192 + 512);
    assertThat(mapper.readTree(policy).get("Statement")).isNotEmpty();
  }

  private void check(Options options, String removeKey) throws Exception {
    Path plan = dir.resolve("plan.json");
    Path truthFile = dir.resolve("truth.tsv");
    PlanGenerator.Result result = new PlanGenerator(options).write(plan, truthFile);

    if (removeKey != null) {
      var mapper = new com.fasterxml.jackson.databind.ObjectMapper();
      var tree = (com.fasterxml.jackson.databind.node.ObjectNode) mapper.readTree(plan.toFile());
      assertThat(tree.remove(removeKey)).isNotNull();
      mapper.writeValue(plan.toFile(), tree);
    }
    ResourceCatalog catalog = ResourceCatalog.builtin();
    Plan read = new TerraformPlanReader(catalog).read(plan, "plan.json");
    List<Finding> findings = new ImpactAnalyzer(catalog).analyze(read);

    List<String> expected = Files.readAllLines(truthFile).stream().skip(1).sorted().toList();
    assertThat(expected).isEqualTo(result.truth().stream().map(TruthRow::tsv).sorted().toList());
    List<String> actual = findings.stream()
        .map(f -> f.address() + "\t" + String.join("+", f.rawActions()) + "\t"
            + (f.reason() == null ? "" : f.reason()) + "\t" + f.downstream().total())
        .sorted()
        .toList();
    assertThat(expected).isNotEmpty();
    assertThat(actual).containsExactlyElementsOf(expected);
  }
}
