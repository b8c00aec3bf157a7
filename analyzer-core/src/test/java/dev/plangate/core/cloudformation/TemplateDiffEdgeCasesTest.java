package dev.plangate.core.cloudformation;

import static dev.plangate.core.cloudformation.ChangeSets.dependenciesOf;
import static org.assertj.core.api.Assertions.assertThat;

import dev.plangate.core.model.ChangeKind;
import dev.plangate.core.model.Plan;
import dev.plangate.core.model.ResourceChange;
import dev.plangate.core.plan.PlanReadException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Template diffs at their edges: conditions compared by meaning (shared, cyclic, deep), renames
 * paired only within one stack and type, DependsOn compared as a set, and the edges a removed
 * resource keeps.
 */
class TemplateDiffEdgeCasesTest {
  private static final String REMOVED = "it was removed from the template";
  private static final String QUEUE_DATA = "; AWS::SQS::Queue holds data, which goes with it";
  private static final String BUCKET_DATA = "; AWS::S3::Bucket holds data, which goes with it";

  private static Plan diff(String before, String after) throws PlanReadException {
    return TemplateDiff.diff(TemplateReader.parse(before, "before.yaml"),
        TemplateReader.parse(after, "after.yaml"), "stack.yaml");
  }

  private static ResourceChange change(Plan plan, String address) {
    return plan.changes().stream().filter(c -> c.address().equals(address)).findFirst()
        .orElseThrow(() -> new AssertionError("no change for " + address + " in "
            + plan.changes().stream().map(ResourceChange::address).toList()));
  }

  private static String rename(String from, String to) {
    return "the logical ID changed from " + from + " to " + to + ": CloudFormation deletes "
        + from + " and creates " + to;
  }

  // ------------------------------------------------------------------ conditions

  @Test
  void aConditionUsedTwiceIsComparedByMeaningBothTimes() throws Exception {
    Plan plan = diff("""
        Conditions:
          A: !Equals [a, b]
        Resources:
          R1: {Type: AWS::SNS::Topic, Condition: A}
          R2: {Type: AWS::SNS::Topic, Condition: A}
        """, """
        Conditions:
          A: !Equals [a, b]
          B: !Equals [a, b]
        Resources:
          R1: {Type: AWS::SNS::Topic, Condition: A}
          R2: {Type: AWS::SNS::Topic, Condition: B}
        """);
    assertThat(change(plan, "R1").kind()).isEqualTo(ChangeKind.NO_OP);
    assertThat(change(plan, "R2").kind()).as("B means what A meant").isEqualTo(ChangeKind.NO_OP);
    assertThat(change(plan, "R2").why()).isNull();
    assertThat(plan.warnings()).isEmpty();
  }

  @Test
  void aConditionDroppedIsAnUpdate() throws Exception {
    Plan plan = diff("""
        Conditions:
          A: !Equals [a, b]
        Resources:
          R: {Type: AWS::SNS::Topic, Condition: A}
        """, """
        Resources:
          R: {Type: AWS::SNS::Topic}
        """);
    assertThat(change(plan, "R").kind()).isEqualTo(ChangeKind.UPDATE);
  }

  @Test
  void conditionsThatNameEachOtherInACycleStillCompare() throws Exception {
    String template = """
        Conditions:
          A: !Not [!Condition B]
          B: !Not [!Condition A]
        Resources:
          R: {Type: AWS::SNS::Topic, Condition: A}
        """;
    assertThat(change(diff(template, template), "R").kind()).isEqualTo(ChangeKind.NO_OP);
  }

  /** C0 names C1 ... names C32: thirty-two levels down is still written out and compared. */
  @Test
  void aConditionThirtyTwoLevelsDownIsStillCompared() throws Exception {
    StringBuilder chain = new StringBuilder("Conditions:\n");
    for (int i = 0; i < 32; i++) {
      chain.append("  C").append(i).append(": !Not [!Condition C").append(i + 1).append("]\n");
    }
    String resources = "Resources:\n  R: {Type: AWS::SNS::Topic, Condition: C0}\n";
    Plan plan = diff(chain + "  C32: !Equals [a, b]\n" + resources,
        chain + "  C32: !Equals [a, c]\n" + resources);
    assertThat(change(plan, "R").kind()).isEqualTo(ChangeKind.UPDATE);
  }

  // ------------------------------------------------------------------ definition keys

  @Test
  void dependsOnIsASetWhileOtherKeysCompareAsValues() throws Exception {
    Plan plan = diff("""
        Resources:
          A: {Type: AWS::SNS::Topic}
          B: {Type: AWS::SNS::Topic}
          Order: {Type: AWS::SNS::Topic, DependsOn: [A, B]}
          Single: {Type: AWS::SNS::Topic, DependsOn: A}
          Meta: {Type: AWS::SNS::Topic, Metadata: {Owner: x}}
        """, """
        Resources:
          A: {Type: AWS::SNS::Topic}
          B: {Type: AWS::SNS::Topic}
          Order: {Type: AWS::SNS::Topic, DependsOn: [B, A, B]}
          Single: {Type: AWS::SNS::Topic, DependsOn: [A]}
          Meta: {Type: AWS::SNS::Topic, Metadata: {Owner: y}}
        """);
    assertThat(change(plan, "Order").kind()).isEqualTo(ChangeKind.NO_OP);
    assertThat(change(plan, "Single").kind()).isEqualTo(ChangeKind.NO_OP);
    assertThat(change(plan, "Meta").kind()).isEqualTo(ChangeKind.UPDATE);
  }

  // ------------------------------------------------------------------ edges

  @Test
  void aRemovedResourceKeepsItsEdgesButAReferenceRemovedIsNoEdge() throws Exception {
    Plan plan = diff("""
        Resources:
          Key: {Type: AWS::KMS::Key}
          Gone: {Type: AWS::SNS::Topic, Properties: {KmsMasterKeyId: !Ref Key}}
          Kept: {Type: AWS::SNS::Topic, Properties: {KmsMasterKeyId: !Ref Key}}
        """, """
        Resources:
          Key: {Type: AWS::KMS::Key}
          Kept: {Type: AWS::SNS::Topic, Properties: {KmsMasterKeyId: alias/aws/sns}}
        """);
    assertThat(dependenciesOf(plan, "Gone")).containsExactly("Key");
    assertThat(dependenciesOf(plan, "Kept")).isEmpty();
  }

  // ------------------------------------------------------------------ renames

  @Test
  void aRemovalIsNoRenameOfAResourceThatWasAlreadyThere() throws Exception {
    Plan plan = diff("""
        Resources:
          Old: {Type: AWS::SQS::Queue, Properties: {DelaySeconds: 5}}
          Keep: {Type: AWS::SQS::Queue, Properties: {DelaySeconds: 5}}
        """, """
        Resources:
          Keep: {Type: AWS::SQS::Queue, Properties: {DelaySeconds: 5}}
        """);
    assertThat(change(plan, "Old").why()).isEqualTo(REMOVED + QUEUE_DATA);
  }

  @Test
  void eachAddedResourceIsTheRenameOfOneRemovalAtMost() throws Exception {
    Plan plan = diff("""
        Resources:
          First: {Type: AWS::SQS::Queue, Properties: {DelaySeconds: 5}}
          Second: {Type: AWS::SQS::Queue, Properties: {DelaySeconds: 5}}
        """, """
        Resources:
          Third: {Type: AWS::SQS::Queue, Properties: {DelaySeconds: 5}}
        """);
    assertThat(change(plan, "First").why()).isEqualTo(rename("First", "Third") + QUEUE_DATA);
    assertThat(change(plan, "Second").why()).isEqualTo(REMOVED + QUEUE_DATA);
  }

  @Test
  void aRenameKeepsItsType() throws Exception {
    Plan plan = diff("""
        Resources:
          OldQueue: {Type: AWS::SQS::Queue}
        """, """
        Resources:
          NewTopic: {Type: AWS::SNS::Topic}
        """);
    assertThat(change(plan, "OldQueue").why()).isEqualTo(REMOVED + QUEUE_DATA);
  }

  private static Path stacks(Path dir, String a, String b) throws Exception {
    Files.createDirectories(dir);
    Files.writeString(dir.resolve("a.yaml"), "Resources:\n" + a);
    Files.writeString(dir.resolve("b.yaml"), "Resources:\n" + b);
    Path root = dir.resolve("root.yaml");
    Files.writeString(root, """
        Resources:
          StackA: {Type: AWS::CloudFormation::Stack, Properties: {TemplateURL: a.yaml}}
          StackB: {Type: AWS::CloudFormation::Stack, Properties: {TemplateURL: b.yaml}}
        """);
    return root;
  }

  @Test
  void renamesArePairedWithinOneNestedStackOnly(@TempDir Path dir) throws Exception {
    String bucket = "  %s: {Type: AWS::S3::Bucket, Properties: {BucketName: %s}}\n";
    String topic = "  Other: {Type: AWS::SNS::Topic}\n";
    Path before = stacks(dir.resolve("before"),
        bucket.formatted("logs", "logs") + bucket.formatted("Data", "data"), topic);
    Path after = stacks(dir.resolve("after"), bucket.formatted("Logs", "logs"),
        topic + bucket.formatted("Moved", "data"));
    Plan plan = TemplateDiff.diff(TemplateReader.read(before), TemplateReader.read(after),
        "root.yaml");
    assertThat(change(plan, "StackA/logs").why()).isEqualTo(rename("logs", "Logs") + BUCKET_DATA);
    assertThat(change(plan, "StackA/Data").why()).as("same properties, other stack")
        .isEqualTo(REMOVED + BUCKET_DATA);
    assertThat(change(plan, "StackB/Moved").kind()).isEqualTo(ChangeKind.CREATE);
  }

  // ------------------------------------------------------------------ additions and spreading

  @Test
  void aResourceOfANewNestedStackSaysSo(@TempDir Path dir) throws Exception {
    Path before = Files.createDirectories(dir.resolve("before")).resolve("root.yaml");
    Files.writeString(before, """
        Resources:
          StackA: {Type: AWS::CloudFormation::Stack, Properties: {TemplateURL: a.yaml}}
        """);
    Files.writeString(dir.resolve("before/a.yaml"), "Resources:\n  Old: {Type: AWS::SNS::Topic}\n");
    Path after = Files.createDirectories(dir.resolve("after")).resolve("root.yaml");
    Files.writeString(after, """
        Resources:
          StackA: {Type: AWS::CloudFormation::Stack, Properties: {TemplateURL: a.yaml}}
          StackB: {Type: AWS::CloudFormation::Stack, Properties: {TemplateURL: b.yaml}}
          Top: {Type: AWS::SNS::Topic}
        """);
    Files.writeString(dir.resolve("after/a.yaml"), "Resources:\n  Old: {Type: AWS::SNS::Topic}\n"
        + "  Added: {Type: AWS::SNS::Topic}\n");
    Files.writeString(dir.resolve("after/b.yaml"), "Resources:\n  New: {Type: AWS::SNS::Topic}\n");
    Plan plan = TemplateDiff.diff(TemplateReader.read(before), TemplateReader.read(after),
        "root.yaml");
    assertThat(change(plan, "StackB/New").why()).isEqualTo("its nested stack is new");
    assertThat(change(plan, "StackA/Added").why()).isEqualTo("it was added to the template");
    assertThat(change(plan, "Top").why()).isEqualTo("it was added to the template");
  }

  @Test
  void aReplacementReachingAnUpdatedResourceLeadsItsWhy() throws Exception {
    Plan plan = diff("""
        Resources:
          Bucket: {Type: AWS::S3::Bucket, Properties: {BucketName: a}}
          Topic:
            Type: AWS::SNS::Topic
            Properties: {DisplayName: a, TopicName: !Ref Bucket}
        """, """
        Resources:
          Bucket: {Type: AWS::S3::Bucket, Properties: {BucketName: b}}
          Topic:
            Type: AWS::SNS::Topic
            Properties: {DisplayName: b, TopicName: !Ref Bucket}
        """);
    ResourceChange topic = change(plan, "Topic");
    assertThat(topic.kind()).isEqualTo(ChangeKind.REPLACE);
    assertThat(topic.why()).startsWith("TopicName refers to Bucket, which is replaced")
        .doesNotContain("in place");
  }

  @Test
  void aReferenceOutsideThePropertiesOfAReplacedResourceIsAnUpdate() throws Exception {
    Plan plan = diff("""
        Resources:
          Bucket: {Type: AWS::S3::Bucket, Properties: {BucketName: a}}
          Topic: {Type: AWS::SNS::Topic, Metadata: {Source: !Ref Bucket}}
        """, """
        Resources:
          Bucket: {Type: AWS::S3::Bucket, Properties: {BucketName: b}}
          Topic: {Type: AWS::SNS::Topic, Metadata: {Source: !Ref Bucket}}
        """);
    assertThat(change(plan, "Topic").kind()).isEqualTo(ChangeKind.UPDATE);
    assertThat(change(plan, "Topic").why())
        .isEqualTo("it refers to Bucket, which is replaced");
  }

  /** CloudFormation refuses circular references; plangate must still finish reading them. */
  @Test
  void aCircularReferenceDoesNotStopTheSpread() throws Exception {
    String cycle = """
          Left: {Type: AWS::SNS::Topic, Properties: {DisplayName: !Ref Bucket,
            Tags: [{Key: k, Value: !Ref Right}]}}
          Right: {Type: AWS::SNS::Topic, Properties: {Tags: [{Key: k, Value: !Ref Left}]}}
        """;
    Plan plan = org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(
        java.time.Duration.ofSeconds(60), () -> diff(
            "Resources:\n  Bucket: {Type: AWS::S3::Bucket, Properties: {BucketName: a}}\n"
                + cycle,
            "Resources:\n  Bucket: {Type: AWS::S3::Bucket, Properties: {BucketName: b}}\n"
                + cycle));
    assertThat(change(plan, "Bucket").kind()).isEqualTo(ChangeKind.REPLACE);
    assertThat(change(plan, "Left").kind()).isEqualTo(ChangeKind.UPDATE);
    assertThat(change(plan, "Right").kind()).isEqualTo(ChangeKind.NO_OP);
  }

  /** CloudFormation refuses an undefined condition; plangate compares it by its name. */
  @Test
  void anUndefinedConditionIsComparedByItsName() throws Exception {
    Plan plan = diff("""
        Resources:
          Same: {Type: AWS::SNS::Topic, Condition: Missing}
          Other: {Type: AWS::SNS::Topic, Condition: MissingBefore}
        """, """
        Resources:
          Same: {Type: AWS::SNS::Topic, Condition: Missing}
          Other: {Type: AWS::SNS::Topic, Condition: MissingAfter}
        """);
    assertThat(change(plan, "Same").kind()).isEqualTo(ChangeKind.NO_OP);
    assertThat(change(plan, "Other").kind()).isEqualTo(ChangeKind.UPDATE);
  }
}
