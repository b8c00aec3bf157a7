package dev.plangate.core.cloudformation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.plangate.core.plan.PlanReadException;
import dev.plangate.core.testing.CorpusTest;
import dev.plangate.core.testing.SharedCorpus;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class TemplateReaderTest {
  private static final Path CORPUS = SharedCorpus.corpus().resolve("cloudformation/templates");

  /** Counts constructions, to prove a YAML global tag never builds a Java object. */
  public static final class Bomb {
    static final AtomicInteger BUILT = new AtomicInteger();

    public Bomb() {
      BUILT.incrementAndGet();
    }
  }

  private static Template yaml(String resourcesAndMore) throws PlanReadException {
    return TemplateReader.parse(resourcesAndMore, "t.yaml");
  }

  private static Object property(Template t, String resource, String property) {
    return t.resources().get(resource).properties().get(property);
  }

  @Test
  void everyShortFormTagBecomesItsLongForm() throws Exception {
    Template t = yaml("""
        AWSTemplateFormatVersion: 2010-09-09
        Parameters:
          P: {Type: String, Default: x}
        Conditions:
          IsX: !Equals [!Ref P, x]
          Both: !And [!Condition IsX, !Not [!Condition IsX]]
          Either: !Or [!Condition IsX, !Condition Both]
        Resources:
          A:
            Type: AWS::SNS::Topic
          B:
            Type: AWS::SSM::Parameter
            Properties:
              Ref: !Ref A
              AttDot: !GetAtt A.TopicName
              AttDotDot: !GetAtt A.Some.Nested
              AttList: !GetAtt [A, TopicName]
              Sub: !Sub "${A}-x"
              SubList: !Sub ["${v}-y", {v: !Ref P}]
              Join: !Join ["", [a, !Ref A]]
              If: !If [IsX, !Ref A, !Ref "AWS::NoValue"]
              Select: !Select [0, !GetAZs ""]
              Azs: !GetAZs
              Import: !ImportValue shared-vpc
              Map: !FindInMap [M, !Ref "AWS::Region", ami]
              B64: !Base64 hello
              Split: !Split [",", "a,b"]
              Cidr: !Cidr [10.0.0.0/16, 2, 8]
              Transform: !Transform {Name: AWS::Include, Parameters: {Location: s3://x}}
              Len: !Length [a, b]
              Json: !ToJsonString {a: b}
        """);
    assertThat(t.formatVersion()).isEqualTo("2010-09-09");
    Map<String, Object> p = t.resources().get("B").properties();
    assertThat(p.get("Ref")).isEqualTo(Map.of("Ref", "A"));
    assertThat(p.get("AttDot")).isEqualTo(Map.of("Fn::GetAtt", List.of("A", "TopicName")));
    assertThat(p.get("AttDotDot")).isEqualTo(Map.of("Fn::GetAtt", List.of("A", "Some.Nested")));
    assertThat(p.get("AttList")).isEqualTo(p.get("AttDot"));
    assertThat(p.get("Sub")).isEqualTo(Map.of("Fn::Sub", "${A}-x"));
    assertThat(p.get("SubList")).isEqualTo(
        Map.of("Fn::Sub", List.of("${v}-y", Map.of("v", Map.of("Ref", "P")))));
    assertThat(p.get("Join")).isEqualTo(Map.of("Fn::Join", List.of("", List.of("a",
        Map.of("Ref", "A")))));
    assertThat(p.get("If")).isEqualTo(Map.of("Fn::If", List.of("IsX", Map.of("Ref", "A"),
        Map.of("Ref", "AWS::NoValue"))));
    assertThat(p.get("Select")).isEqualTo(Map.of("Fn::Select", List.of("0",
        Map.of("Fn::GetAZs", ""))));
    assertThat(p.get("Azs")).as("an empty !GetAZs is the empty string, like !GetAZs \"\"")
        .isEqualTo(Map.of("Fn::GetAZs", ""));
    assertThat(p.get("Import")).isEqualTo(Map.of("Fn::ImportValue", "shared-vpc"));
    assertThat(p.get("Map")).isEqualTo(Map.of("Fn::FindInMap", List.of("M",
        Map.of("Ref", "AWS::Region"), "ami")));
    assertThat(p.get("B64")).isEqualTo(Map.of("Fn::Base64", "hello"));
    assertThat(p.get("Split")).isEqualTo(Map.of("Fn::Split", List.of(",", "a,b")));
    assertThat(p.get("Cidr")).isEqualTo(Map.of("Fn::Cidr", List.of("10.0.0.0/16", "2", "8")));
    assertThat(p.get("Transform")).isEqualTo(Map.of("Fn::Transform", Map.of("Name",
        "AWS::Include", "Parameters", Map.of("Location", "s3://x"))));
    assertThat(p.get("Len")).isEqualTo(Map.of("Fn::Length", List.of("a", "b")));
    assertThat(p.get("Json")).isEqualTo(Map.of("Fn::ToJsonString", Map.of("a", "b")));
    assertThat(t.conditions().get("IsX")).isEqualTo(Map.of("Fn::Equals",
        List.of(Map.of("Ref", "P"), "x")));
    assertThat(t.conditions().get("Both")).isEqualTo(Map.of("Fn::And", List.of(
        Map.of("Condition", "IsX"), Map.of("Fn::Not", List.of(Map.of("Condition", "IsX"))))));
    assertThat(t.conditions().get("Either")).isEqualTo(Map.of("Fn::Or", List.of(
        Map.of("Condition", "IsX"), Map.of("Condition", "Both"))));
  }

  @Test
  void plainScalarsStayTextSoADiffComparesWhatWasWritten() throws Exception {
    Template t = yaml("""
        AWSTemplateFormatVersion: 2010-09-09
        Resources:
          A:
            Type: AWS::S3::Bucket
            Properties:
              Mode: 0755
              Version: 1.10
              Flag: yes
              Empty:
              Null: null
        """);
    assertThat(t.formatVersion()).as("no timestamp resolution").isEqualTo("2010-09-09");
    assertThat(property(t, "A", "Mode")).isEqualTo("0755");
    assertThat(property(t, "A", "Version")).isEqualTo("1.10");
    assertThat(property(t, "A", "Flag")).isEqualTo("yes");
    assertThat(t.resources().get("A").properties()).containsEntry("Empty", null)
        .containsEntry("Null", null);
  }

  @Test
  void jsonGetAttStringFormIsSplitLikeTheYamlOne() throws Exception {
    Template json = TemplateReader.parse("""
        {"Resources": {"A": {"Type": "AWS::SNS::Topic"},
          "B": {"Type": "AWS::SSM::Parameter", "Properties": {"Value": {"Fn::GetAtt": "A.TopicName"}}}}}
        """, "t.json");
    assertThat(property(json, "B", "Value"))
        .isEqualTo(Map.of("Fn::GetAtt", List.of("A", "TopicName")));
  }

  @Test
  void resourcesKnowTheLineTheyAreDeclaredOn() throws Exception {
    Template y = yaml("""
        Resources:

          First:
            Type: AWS::SNS::Topic
          Second:
            Type: AWS::SQS::Queue
        """);
    assertThat(y.resources().get("First").location()).isEqualTo("t.yaml:3");
    assertThat(y.resources().get("Second").location()).isEqualTo("t.yaml:5");
    Template j = TemplateReader.parse("""
        {
          "Resources": {
            "First": {"Type": "AWS::SNS::Topic"},

            "Second": {"Type": "AWS::SQS::Queue"}
          }
        }
        """, "t.json");
    assertThat(j.resources().get("First").location()).isEqualTo("t.json:3");
    assertThat(j.resources().get("Second").location()).isEqualTo("t.json:5");
  }

  @Test
  void anUnknownTagIsRejectedWithItsPosition() {
    assertThatThrownBy(() -> yaml("""
        Resources:
          A:
            Type: AWS::SNS::Topic
            Properties:
              TopicName: !Reff A
        """))
        .isInstanceOf(PlanReadException.class)
        .hasMessageStartingWith("t.yaml: 5:18: tag !Reff is not a CloudFormation intrinsic");
  }

  @Test
  void aJavaGlobalTagIsRefusedBeforeAnythingIsBuilt() {
    Bomb.BUILT.set(0);
    String tag = "!!" + Bomb.class.getName();
    assertThatThrownBy(() -> yaml("Resources:\n  A:\n    Type: " + tag + " []\n"))
        .isInstanceOf(PlanReadException.class)
        .hasMessageContaining("3:11: tag " + tag + " is not a CloudFormation intrinsic");
    assertThatThrownBy(() -> yaml("Resources: !!javax.script.ScriptEngineManager [!!java.net"
        + ".URLClassLoader [[!!java.net.URL [\"http://localhost/\"]]]]\n"))
        .isInstanceOf(PlanReadException.class)
        .hasMessageContaining("1:12: tag !!javax.script.ScriptEngineManager");
    assertThat(Bomb.BUILT).hasValue(0);
  }

  @Test
  void anAliasBombIsStoppedAtTheAliasThatCrossesTheLimit() {
    StringBuilder sb = new StringBuilder("Metadata:\n  a: &a [x, x, x, x, x, x, x, x, x, x]\n");
    char prev = 'a';
    for (char c = 'b'; c <= 'h'; c++) {
      sb.append("  ").append(c).append(": &").append(c).append(" [");
      for (int i = 0; i < 10; i++) {
        sb.append(i == 0 ? "" : ", ").append('*').append(prev);
      }
      sb.append("]\n");
      prev = c;
    }
    sb.append("Resources:\n  A:\n    Type: AWS::SNS::Topic\n");
    assertThatThrownBy(() -> yaml(sb.toString()))
        .isInstanceOf(PlanReadException.class)
        .hasMessageMatching("t\\.yaml: 8:\\d+: too many aliases .*billion laughs.*");
  }

  @Test
  void aFewAliasesAreAcceptedWithAWarning() throws Exception {
    Template t = yaml("""
        Resources:
          A:
            Type: AWS::SNS::Topic
            Properties: &props
              TopicName: same
          B:
            Type: AWS::SNS::Topic
            Properties: *props
        """);
    assertThat(t.resources().get("B").properties()).isEqualTo(Map.of("TopicName", "same"));
    assertThat(t.warnings()).singleElement().asString().contains("aliases");
  }

  @Test
  void duplicateKeysAreRejectedWithTheirPosition() {
    assertThatThrownBy(() -> yaml("""
        Resources:
          A:
            Type: AWS::SNS::Topic
          A:
            Type: AWS::SQS::Queue
        """))
        .isInstanceOf(PlanReadException.class)
        .hasMessageContaining("t.yaml: 4:3: found duplicate key A");
    assertThatThrownBy(() -> TemplateReader.parse("""
        {"Resources": {
          "A": {"Type": "AWS::SNS::Topic"},
          "A": {"Type": "AWS::SQS::Queue"}}}
        """, "t.json"))
        .isInstanceOf(PlanReadException.class)
        .hasMessageStartingWith("t.json: 3:6: Duplicate field 'A'");
  }

  @Test
  void nestingBeyondTheLimitIsRejected() {
    String deep = "[".repeat(TemplateYaml.MAX_DEPTH + 5) + "]".repeat(TemplateYaml.MAX_DEPTH + 5);
    assertThatThrownBy(() -> yaml("Resources:\n  A:\n    Type: AWS::SNS::Topic\n"
        + "    Metadata: " + deep + "\n"))
        .isInstanceOf(PlanReadException.class)
        .hasMessageContaining("4:")
        .hasMessageContaining("nested more than " + TemplateYaml.MAX_DEPTH);
  }

  @Test
  void twoTagsOnOneNodeAreATemplateError() {
    assertThatThrownBy(() -> yaml("Resources:\n  A:\n    Type: AWS::SNS::Topic\n"
        + "    Properties:\n      TopicName: !ImportValue !Sub '${X}-y'\n"))
        .isInstanceOf(PlanReadException.class)
        .hasMessageStartingWith("t.yaml: 5:");
  }

  @Test
  void inputThatIsNotATemplateIsRejectedClearly() {
    assertThatThrownBy(() -> yaml("name: not a template\nsteps: []\n"))
        .isInstanceOf(PlanReadException.class)
        .hasMessage("t.yaml: not a CloudFormation template: there is no Resources mapping at"
            + " the top level");
    assertThatThrownBy(() -> yaml("- a\n- b\n"))
        .hasMessageContaining("the document is not a mapping");
    assertThatThrownBy(() -> yaml("Resources: [a]\n"))
        .hasMessageContaining("(Resources is not a mapping)");
    assertThatThrownBy(() -> yaml(""))
        .hasMessageContaining("the file is empty");
    assertThatThrownBy(() -> yaml("Resources:\n  A:\n    Properties: {}\n"))
        .hasMessage("t.yaml: 2: resource A has no Type");
    assertThatThrownBy(() -> TemplateReader.parse("{\"Resources\": {}} {}", "t.json"))
        .hasMessageContaining("t.json: 1:19: unexpected content after the end");
  }

  @Test
  void aFileThatIsNotUtf8IsRejected(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("latin1.yaml");
    Files.write(file, "Resources:\n  A:\n    Type: AWS::SNS::Topic # caf\u00e9\n"
        .getBytes(StandardCharsets.ISO_8859_1));
    assertThatThrownBy(() -> TemplateReader.read(file))
        .isInstanceOf(PlanReadException.class)
        .hasMessageContaining("line 3: byte 0xE9 is not UTF-8");
  }

  @Test
  void forEachLoopsWithALiteralCollectionAreExpanded(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("queues.yaml");
    Files.writeString(file, """
        AWSTemplateFormatVersion: "2010-09-09"
        Transform: AWS::LanguageExtensions
        Resources:
          Fn::ForEach::Queues:
            - Name
            - [Orders, Invoices, Refunds]
            - Queue${Name}:
                Type: AWS::SQS::Queue
                Properties:
                  MessageRetentionPeriod: 1209600
                DeletionPolicy: Retain
        Outputs:
          Fn::ForEach::QueueOutputs:
            - Name
            - [Orders, Invoices, Refunds]
            - Queue${Name}Arn:
                Value: !GetAtt [!Sub "Queue${Name}", Arn]
        """);
    Template t = TemplateReader.read(file);
    assertThat(t.resources()).containsOnlyKeys("QueueOrders", "QueueInvoices", "QueueRefunds");
    assertThat(t.resources().get("QueueOrders").location()).as("the loop's line")
        .endsWith("queues.yaml:4");
    assertThat(t.resources().get("QueueInvoices").deletionPolicy()).isEqualTo("Retain");
    assertThat(t.outputs()).containsOnlyKeys("QueueOrdersArn", "QueueInvoicesArn",
        "QueueRefundsArn");
  }

  @CorpusTest
  @Test
  void forEachLoopsOfTheCorpusAreExpanded() throws Exception {
    Template t = TemplateReader.read(CORPUS.resolve("fn-foreach-s3-outputs.yaml"));
    assertThat(t.resources()).containsOnlyKeys("S3BucketA", "S3BucketB", "S3BucketC");
    assertThat(t.resources().get("S3BucketA").location()).as("the loop's line")
        .endsWith("fn-foreach-s3-outputs.yaml:8");
    assertThat(t.resources().get("S3BucketB").deletionPolicy()).isEqualTo("Retain");
    assertThat(t.outputs()).containsOnlyKeys("S3BucketAArn", "S3BucketBArn", "S3BucketCArn");
    assertThat(t.outputs().get("S3BucketCArn")).isEqualTo(
        Map.of("Value", Map.of("Fn::GetAtt", List.of("S3BucketC", "Arn"))));
  }

  /** Three loops of 300 values, one inside the other: 27 million topics from a 4 kB file. */
  @Test
  @org.junit.jupiter.api.Tag("timing") // left out of PIT runs: see docs/quality.md
  void forEachLoopsThatMultiplyStopAtTheLimit() {
    String values = String.join(",", java.util.stream.IntStream.range(0, 300)
        .mapToObj(i -> "v" + i).toList());
    String template = "Transform: AWS::LanguageExtensions\nResources:\n"
        + "  Fn::ForEach::A:\n    - X\n    - [" + values + "]\n"
        + "    - Fn::ForEach::B:\n        - Y\n        - [" + values + "]\n"
        + "        - Fn::ForEach::C:\n            - Z\n            - [" + values + "]\n"
        + "            - R${X}${Y}${Z}: {Type: AWS::SNS::Topic}\n";
    assertThat(org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(
        java.time.Duration.ofSeconds(20), () -> {
          try {
            yaml(template);
            return "read";
          } catch (PlanReadException e) {
            return e.getMessage();
          }
        })).isEqualTo("t.yaml: Fn::ForEach loops expand to more than "
            + TemplateReader.MAX_EXPANDED_VALUES + " values (mappings, lists and scalars);"
            + " plangate stops here rather than exhaust its memory");
  }

  @Test
  void aForEachOverAnUnknownCollectionStaysOneOpaqueResource() throws Exception {
    Template t = yaml("""
        Transform: AWS::LanguageExtensions
        Parameters:
          Names: {Type: CommaDelimitedList}
        Resources:
          Fn::ForEach::Topics:
            - N
            - !Ref Names
            - Topic${N}:
                Type: AWS::SNS::Topic
        """);
    assertThat(t.resources()).containsOnlyKeys("Fn::ForEach::Topics");
    assertThat(t.resources().get("Fn::ForEach::Topics").type())
        .isEqualTo("AWS::LanguageExtensions::ForEach");
    assertThat(t.warnings()).anyMatch(w -> w.contains("cannot be expanded"));
  }

  static Stream<Path> corpusTemplates() throws Exception {
    return Files.list(CORPUS).filter(p -> p.toString().endsWith(".yaml")
        || p.toString().endsWith(".json")).sorted();
  }

  @CorpusTest
  @ParameterizedTest
  @MethodSource("corpusTemplates")
  void everyCorpusTemplateReads(Path file) throws Exception {
    Template t = TemplateReader.read(file);
    assertThat(t.resources()).isNotEmpty();
    assertThat(t.resources().values()).allSatisfy(r -> {
      assertThat(r.type()).contains("::");
      assertThat(r.location()).matches(".*\\.(yaml|json):\\d+");
    });
    if (t.formatVersion() != null) {
      assertThat(t.formatVersion()).isEqualTo("2010-09-09");
    }
  }

  @CorpusTest
  @Test
  void theGetAzsFormattingEditReadsAsTheSameTemplate() throws Exception {
    Template before = TemplateReader.read(CORPUS.resolve("vpc-nat-getazs-noop.before.yaml"));
    Template after = TemplateReader.read(CORPUS.resolve("vpc-nat-getazs-noop.after.yaml"));
    assertThat(before.resources().keySet()).isEqualTo(after.resources().keySet());
    for (String id : before.resources().keySet()) {
      assertThat(TemplateValues.same(before.resources().get(id).definition(),
          after.resources().get(id).definition())).as(id).isTrue();
    }
  }

  @CorpusTest
  @Test
  void jsonAndYamlTwinsReadToTheSameResources() throws Exception {
    Template json = TemplateReader.read(CORPUS.resolve("rds-mysql-read-replica.json"));
    assertThat(json.resources()).containsKeys("MainDB", "ReplicaDB");
    assertThat(json.resources().get("MainDB").deletionPolicy()).isEqualTo("Snapshot");
    assertThat(json.resources().get("ReplicaDB").updateReplacePolicy()).isEqualTo("Retain");
  }

  @Test
  void aJsonTemplateReadsItsPolicies(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("db.json");
    Files.writeString(file, """
        {
          "AWSTemplateFormatVersion": "2010-09-09",
          "Resources": {
            "MainDB": {"Type": "AWS::RDS::DBInstance", "DeletionPolicy": "Snapshot",
                       "Properties": {"Engine": "mysql", "AllocatedStorage": "20"}},
            "ReplicaDB": {"Type": "AWS::RDS::DBInstance", "UpdateReplacePolicy": "Retain",
                          "Properties": {"SourceDBInstanceIdentifier": {"Ref": "MainDB"}}}
          }
        }
        """);
    Template json = TemplateReader.read(file);
    assertThat(json.resources()).containsOnlyKeys("MainDB", "ReplicaDB");
    assertThat(json.resources().get("MainDB").deletionPolicy()).isEqualTo("Snapshot");
    assertThat(json.resources().get("ReplicaDB").updateReplacePolicy()).isEqualTo("Retain");
    assertThat(json.resources().get("ReplicaDB").location()).endsWith("db.json:6");
  }

  /** Found by the fuzzer: SnakeYAML quotes the newline it choked on, which split the message. */
  @Test
  void aYamlErrorAboutANewlineIsStillOneLine(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("t.yaml");
    Files.writeString(file, "Metadata:\n  X: &\nResources:\n  R: *a\n");
    assertThatThrownBy(() -> TemplateReader.read(file))
        .isInstanceOf(PlanReadException.class)
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n").contains("t.yaml"));
  }
}
