package dev.plangate.core.cloudformation;

import static dev.plangate.core.cloudformation.ChangeSets.READER;
import static dev.plangate.core.cloudformation.ChangeSets.byAddress;
import static dev.plangate.core.cloudformation.ChangeSets.corpus;
import static dev.plangate.core.cloudformation.ChangeSets.dependenciesOf;
import static dev.plangate.core.cloudformation.ChangeSets.findings;
import static dev.plangate.core.cloudformation.ChangeSets.findingsByAddress;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.plangate.core.impact.Finding;
import dev.plangate.core.impact.FindingAction;
import dev.plangate.core.model.ChangeKind;
import dev.plangate.core.model.Plan;
import dev.plangate.core.model.PlanFormat;
import dev.plangate.core.model.ReplaceOrder;
import dev.plangate.core.model.ResourceChange;
import dev.plangate.core.plan.PlanReadException;
import dev.plangate.core.source.ChangeSetSource;
import dev.plangate.core.source.Sources;
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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every real change set in the shared corpus (AWS docs, the AWS CLI example, localstack's
 * recordings of real AWS, the console's JSON tab) against {@code EXPECTED.tsv}: each row's
 * normalised kind, and no finding the file does not call for.
 */
@CorpusTest
class ChangeSetCorpusTest {

  /** One row of EXPECTED.tsv: the fields copied verbatim from the change set. */
  record Row(String file, String logicalId, String type, String action, String replacement,
      String policyAction) {

    /** What plangate must report for this row, or null for no finding. */
    FindingAction expectedFinding() {
      return switch (action) {
        case "Remove" -> policyAction.equals("Retain") ? FindingAction.FORGET
            : FindingAction.DELETE;
        case "Modify" -> replacement.equals("True") || replacement.equals("Conditional")
            ? FindingAction.REPLACE : null;
        default -> null;
      };
    }

    ChangeKind expectedKind() {
      return switch (action) {
        case "Remove" -> policyAction.equals("Retain") ? ChangeKind.FORGET : ChangeKind.DELETE;
        case "Modify" -> replacement.equals("False") ? ChangeKind.UPDATE : ChangeKind.REPLACE;
        case "Add" -> ChangeKind.CREATE;
        default -> throw new IllegalStateException("no corpus row has action " + action);
      };
    }
  }

  static Map<String, List<Row>> expected() throws IOException {
    Map<String, List<Row>> byFile = new LinkedHashMap<>();
    List<String> lines = Files.readAllLines(corpus().resolve("EXPECTED.tsv"));
    assertThat(lines.get(0)).isEqualTo(
        "file\tlogical_id\tresource_type\taction\treplacement\tpolicy_action");
    for (String line : lines.subList(1, lines.size())) {
      if (line.isBlank()) {
        continue;
      }
      String[] f = line.split("\t", -1);
      List<Row> rows = byFile.computeIfAbsent(f[0], k -> new ArrayList<>());
      if (!f[1].isEmpty()) {
        rows.add(new Row(f[0], f[1], f[2], f[3], f[4], f[5]));
      }
    }
    return byFile;
  }

  static Stream<Arguments> expectedFiles() throws IOException {
    return expected().entrySet().stream().map(e -> Arguments.of(e.getKey(), e.getValue()));
  }

  static Stream<Path> documents() throws IOException {
    List<Path> out = new ArrayList<>();
    for (Path dir : List.of(corpus(), corpus().resolve("console-json"))) {
      try (Stream<Path> s = Files.list(dir)) {
        s.filter(p -> p.toString().endsWith(".json")).sorted().forEach(out::add);
      }
    }
    return out.stream();
  }

  private static String logicalId(String address) {
    return address.substring(address.lastIndexOf('/') + 1);
  }

  @Test
  void expectedCoversEveryDocument() throws IOException {
    List<String> files = documents()
        .map(p -> corpus().relativize(p).toString().replace('\\', '/')).sorted().toList();
    assertThat(files).hasSize(29);
    assertThat(expected().keySet()).containsExactlyInAnyOrderElementsOf(files);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("documents")
  void everyDocumentIsSniffedAndRead(Path doc) throws Exception {
    assertThat(Sources.builtin().sniff(doc)).as("sniff").isInstanceOf(ChangeSetSource.class);
    Plan plan = readAsGiven(doc);
    assertThat(plan.format()).isEqualTo(PlanFormat.CLOUDFORMATION_CHANGE_SET);
    assertThat(plan.source()).isEqualTo(doc.getFileName().toString());
    for (ResourceChange c : plan.changes()) {
      assertThat(c.listed()).isTrue();
      assertThat(c.why()).as(c.address()).isNotBlank();
      assertThat(c.rawActions()).as(c.address()).isNotEmpty();
      assertThat(c.type()).as(c.address()).startsWith("AWS::");
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("expectedFiles")
  void kindsAndFindingsAgreeWithExpected(String file, List<Row> rows) throws Exception {
    Plan plan = readAsGiven(corpus().resolve(file));
    // The rows are the document's own: a root's nested change sets have rows of their own.
    List<ResourceChange> own = file.equals(NESTED_ROOT)
        ? plan.changes().stream().filter(c -> !c.address().contains("/")).toList()
        : plan.changes();
    assertThat(own).hasSameSizeAs(rows);
    Map<String, ResourceChange> changes = new LinkedHashMap<>();
    own.forEach(c -> changes.put(logicalId(c.address()), c));
    Map<String, Finding> found = new LinkedHashMap<>();
    findings(plan).forEach(f -> found.put(logicalId(f.address()), f));
    int wanted = 0;
    for (Row row : rows) {
      ResourceChange c = changes.get(row.logicalId());
      assertThat(c).as(row.toString()).isNotNull();
      assertThat(c.type()).isEqualTo(row.type());
      assertThat(c.kind()).as(row.toString()).isEqualTo(row.expectedKind());
      assertThat(c.rawActions().get(0)).isEqualTo(row.action());
      assertThat(c.conditional()).as(row.toString())
          .isEqualTo(row.replacement().equals("Conditional") && row.action().equals("Modify"));
      FindingAction action = row.expectedFinding();
      Finding f = found.get(row.logicalId());
      if (action == null) {
        assertThat(f).as(row + " must not be a finding").isNull();
        continue;
      }
      wanted++;
      assertThat(f).as(row + " must be a finding").isNotNull();
      assertThat(f.action()).as(row.toString()).isEqualTo(action);
      if (action == FindingAction.REPLACE) {
        assertThat(f.replaceOrder()).isEqualTo(ReplaceOrder.CREATE_BEFORE_DELETE);
        assertThat(f.reason()).isEqualTo("Modify/Replacement=True");
        assertThat(f.explanation()).contains(" will be destroyed and recreated because ");
      } else {
        assertThat(f.reason()).isEqualTo("Remove");
        assertThat(f.explanation())
            .contains(" will be destroyed because the resource was removed from the template");
      }
    }
    assertThat(found).as("no finding EXPECTED.tsv does not call for").hasSize(wanted);
  }

  @Test
  void nestedRootAndChildReadTogetherInAnyOrder() throws Exception {
    Plan plan = READER.read(List.of(corpus().resolve("awsdocs-nested-child.json"),
        corpus().resolve("awsdocs-nested-root.json")), "nested");
    assertThat(plan.changes()).extracting(ResourceChange::address)
        .containsExactly("ChildStack", "ChildStack/function");
    assertThat(plan.warnings()).isEmpty();
    assertThat(plan.complete()).isTrue();
    assertThat(dependenciesOf(plan, "ChildStack/function")).containsExactly("ChildStack");
    ResourceChange fn = byAddress(plan).get("ChildStack/function");
    assertThat(fn.kind()).isEqualTo(ChangeKind.UPDATE);
    assertThat(fn.why()).isEqualTo("changing Properties.Timeout needs no recreation (Never)");
    assertThat(byAddress(plan).get("ChildStack").why())
        .contains("caused by an automatic update of the nested stack");
    assertThat(findings(plan)).isEmpty();
  }

  private static final String NESTED_ROOT = "awsdocs-nested-root.json";

  /**
   * A document as a user gives it: the nested root with the nested change set it points at
   * (also in the corpus), since alone it is an input error; every other document by itself.
   */
  private static Plan readAsGiven(Path doc) throws PlanReadException {
    String name = doc.getFileName().toString();
    return name.equals(NESTED_ROOT)
        ? READER.read(List.of(doc, doc.resolveSibling("awsdocs-nested-child.json")), name)
        : READER.read(doc, name);
  }

  @Test
  void nestedRootWithoutItsChildIsAnInputError() {
    assertThatThrownBy(() -> READER.read(corpus().resolve("awsdocs-nested-root.json"),
        "root.json")).isInstanceOf(PlanReadException.class)
        .hasMessageContaining("nested stack ChildStack changes, but its change set"
            + " arn:aws:cloudformation:us-west-2:123456789012:changeSet/"
            + "my-nested-stack-change-set/4eca1a01-e285-xmpl-8026-9a1967bfb4b0 is not given");
  }

  @Test
  void nestedChildWithoutItsParentIsReadUnderItsStackName() throws Exception {
    Plan plan = READER.read(corpus().resolve("awsdocs-nested-child.json"), "child.json");
    assertThat(plan.changes()).extracting(ResourceChange::address)
        .containsExactly("my-nested-stack/function");
    assertThat(plan.complete()).isFalse();
    assertThat(plan.warnings()).singleElement().asString()
        .contains("belongs to a nested stack", "was not given",
            "analysed under the stack name my-nested-stack");
  }

  @Test
  void noChangesIsAnEmptyPlanNotAnError() throws Exception {
    Plan plan = READER.read(corpus().resolve("ls-no-changes-failed.json"), "none.json");
    assertThat(plan.changes()).isEmpty();
    assertThat(plan.warnings()).isEmpty();
    assertThat(plan.complete()).isTrue();
  }

  @Test
  void aReplacementExplainsItsCauseAndNamesWhatDependsOnIt() throws Exception {
    Plan plan = READER.read(corpus().resolve("ls-getatt-dependent-of-replaced.json"), "p");
    assertThat(dependenciesOf(plan, "Parameter")).containsExactly("Foo");
    Finding foo = findingsByAddress(plan).get("Foo");
    assertThat(foo.replacedBecause()).containsExactly("TopicName");
    assertThat(foo.downstream().changing()).containsExactly("Parameter");
    assertThat(foo.explanation()).isEqualTo("Foo will be destroyed and recreated because"
        + " changing Properties.TopicName requires recreation (Always); at least 1 resource"
        + " depends on it (dependencies not fully known).");
    assertThat(foo.rawActions())
        .containsExactly("Modify", "Replacement=True", "PolicyAction=ReplaceAndDelete");
  }

  @Test
  void parameterCausesAreNamedAndAlwaysTargetsComeFirst() throws Exception {
    Plan plan = READER.read(corpus().resolve("awsdocs-multiple-replacement.json"), "p");
    ResourceChange ec2 = byAddress(plan).get("MyEC2Instance");
    assertThat(ec2.replacePaths()).containsExactly("KeyName", "InstanceType");
    assertThat(ec2.why()).isEqualTo("changing Properties.KeyName requires recreation (Always),"
        + " caused by parameter KeyPairName; changing Properties.InstanceType may require"
        + " recreation (Conditionally), caused by parameter InstanceType");
    // Tags never recreate: not part of why a replacement happens.
    assertThat(ec2.why()).doesNotContain("Tags");
  }

  @Test
  void referenceDetailsBecomeEdgesAlongTheChain() throws Exception {
    Plan chain = READER.read(corpus().resolve("ls-getatt-chain-of-three.json"), "p");
    assertThat(dependenciesOf(chain, "Topic2")).containsExactly("Topic1");
    assertThat(dependenciesOf(chain, "Topic3")).containsExactly("Topic2");
    assertThat(dependenciesOf(chain, "Topic1")).isEmpty();
    Plan ref = READER.read(corpus().resolve("ls-ref-dependent-of-replaced.prop-values.json"),
        "p");
    assertThat(dependenciesOf(ref, "Topic2")).containsExactly("Topic1");
    assertThat(byAddress(ref).get("Topic2").why())
        .contains("caused by a change to resource Topic1");
  }

  @Test
  void consoleJsonReadsLikeTheApiOutput() throws Exception {
    Plan plan = READER.read(
        corpus().resolve("console-json/cfn101-console-logical-id-rename.json"), "console");
    Map<String, Finding> f = findingsByAddress(plan);
    assertThat(f.keySet()).containsExactly("MyS3Bucket");
    assertThat(f.get("MyS3Bucket").critical()).isTrue();
    assertThat(f.get("MyS3Bucket").category()).isEqualTo("bucket");
    assertThat(f.get("MyS3Bucket").suggestion()).as("no Terraform moved block").isNull();
    Plan replace = READER.read(
        corpus().resolve("console-json/cfn101-console-bucket-rename-replace.json"), "console");
    assertThat(byAddress(replace).get("MyS3Bucket").why()).isEqualTo("changing"
        + " Properties.BucketName requires recreation (Always), caused by parameter BucketName");
  }

  @Test
  void addWithReplacementTrueIsStillACreate() throws Exception {
    Plan plan = READER.read(
        corpus().resolve("ls-condition-false-removes-resource.prop-values.json"), "p");
    ResourceChange placeholder = byAddress(plan).get("TopicPlaceholder");
    assertThat(placeholder.kind()).isEqualTo(ChangeKind.CREATE);
    assertThat(placeholder.rawActions()).containsExactly("Add", "Replacement=True");
    assertThat(placeholder.reason()).isEqualTo("Add");
    assertThat(findingsByAddress(plan).keySet()).containsExactly("SNSTopic");
  }

  /** Other formats never look like a change set, so auto-detection cannot mistake them. */
  @Test
  void otherFormatsInTheCorpusAreNotSniffedAsChangeSets() throws IOException {
    Path shared = SharedCorpus.root().resolve("corpus");
    List<Path> others = new ArrayList<>();
    for (String dir : List.of("terraform", "pulumi", "cloudformation/templates")) {
      try (Stream<Path> s = Files.walk(shared.resolve(dir))) {
        s.filter(Files::isRegularFile)
            .filter(p -> p.toString().matches(".*\\.(json|jsonl|ndjson|yaml)$"))
            .forEach(others::add);
      }
    }
    assertThat(others).hasSizeGreaterThan(60);
    for (Path p : others) {
      assertThat(Sources.builtin().sniff(p)).as(p.toString())
          .isNotInstanceOf(ChangeSetSource.class);
    }
  }
}
