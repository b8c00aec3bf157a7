package dev.plangate.core.cloudformation;

import static dev.plangate.core.cloudformation.ChangeSets.READER;
import static dev.plangate.core.cloudformation.ChangeSets.read;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.plangate.core.model.ChangeKind;
import dev.plangate.core.model.Plan;
import dev.plangate.core.model.ResourceChange;
import dev.plangate.core.plan.AttributeSelector;
import dev.plangate.core.plan.PlanReadException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Change sets at the edges of what the API writes: documents named but without an id, nested
 * stacks whose inner changes cannot be seen, nested change sets given without their root in any
 * order, documents without Changes, and BeforeContext values of every JSON type.
 */
class ChangeSetReaderEdgeCasesTest {
  @TempDir
  Path dir;

  private Path file(String name, String json) throws Exception {
    Path p = dir.resolve(name);
    Files.writeString(p, json);
    return p;
  }

  private static String change(String id, String type, String action, String extra) {
    return "{\"Type\": \"Resource\", \"ResourceChange\": {\"LogicalResourceId\": \"" + id
        + "\", \"ResourceType\": \"" + type + "\", \"Action\": \"" + action + "\""
        + extra + "}}";
  }

  private Plan readAll(Path... files) throws PlanReadException {
    return READER.read(List.of(files), "change set");
  }

  private static List<String> addresses(Plan plan) {
    return plan.changes().stream().map(ResourceChange::address).toList();
  }

  @Test
  void documentsWithANameButNoIdAreOneChangeSetPerNameAndStack() throws Exception {
    Path first = file("p1.json", "{\"ChangeSetName\": \"release\", \"StackName\": \"shop\","
        + " \"NextToken\": \"t\", \"Changes\": [" + change("Queue", "AWS::SQS::Queue", "Remove",
        "") + "]}");
    Path last = file("p2.json", "{\"ChangeSetName\": \"release\", \"StackName\": \"shop\","
        + " \"Changes\": [" + change("Topic", "AWS::SNS::Topic", "Add", "") + "]}");
    assertThat(addresses(readAll(first, last))).containsExactly("Queue", "Topic");

    Path otherStack = file("p3.json", "{\"ChangeSetName\": \"release\", \"StackName\": \"bank\","
        + " \"Changes\": []}");
    Path otherName = file("p4.json", "{\"ChangeSetName\": \"hotfix\", \"StackName\": \"shop\","
        + " \"Changes\": []}");
    assertThatThrownBy(() -> readAll(last, otherStack))
        .hasMessage("change set: the documents belong to 2 different change sets (release,"
            + " release): give each change set as its own plan, or one root change set with the"
            + " change sets of its nested stacks");
    assertThatThrownBy(() -> readAll(last, otherName))
        .hasMessageContaining("belong to 2 different change sets (release, hotfix)");
  }

  @Test
  void aNestedStackThatChangesWithoutItsInnerChangesIsAnInputErrorWhateverTheAction()
      throws Exception {
    // IncludeNestedStacks false, or left out (as older output does): the same
    for (String run : List.of("Modify false", "Dynamic false", "Modify absent")) {
      String action = run.split(" ")[0];
      String include = run.endsWith("absent") ? "" : " \"IncludeNestedStacks\": false,";
      Path doc = file(run.replace(' ', '-') + ".json", "{\"ChangeSetId\": \"cs\","
          + include + " \"Changes\": [" + change("Network",
          "AWS::CloudFormation::Stack", action, ", \"Replacement\": \"False\"") + "]}");
      assertThatThrownBy(() -> readAll(doc)).as(run).isInstanceOf(PlanReadException.class)
          .hasMessage("change set: nested stack Network changes, but the change set was created"
              + " without --include-nested-stacks, so what it changes inside (it may destroy"
              + " resources) cannot be judged; create it with --include-nested-stacks and give"
              + " every nested change set");
    }
  }

  @Test
  void aNestedStackThatIsAddedOrRemovedNeedsNoChangeSetOfItsOwn() throws Exception {
    // Added: everything inside is new; removed: the stack's own row is the destroy.
    Plan added = readAll(file("add.json", "{\"ChangeSetId\": \"cs-add\", \"Changes\": ["
        + change("Network", "AWS::CloudFormation::Stack", "Add", "") + "]}"));
    assertThat(added.complete()).isTrue();
    assertThat(added.warnings()).isEmpty();
    Plan removed = readAll(file("remove.json", "{\"ChangeSetId\": \"cs-rm\", \"Changes\": ["
        + change("Network", "AWS::CloudFormation::Stack", "Remove", "") + "]}"));
    assertThat(removed.changes()).singleElement().extracting(ResourceChange::kind)
        .isEqualTo(ChangeKind.DELETE);
  }

  @Test
  void withIncludeNestedStacksANestedStackRowWithoutItsChangeSetIsAnInputError()
      throws Exception {
    // CloudFormation names the nested change set of a nested stack that changes; without it,
    // what the nested stack destroys is unseen.
    Path doc = file("included.json", "{\"ChangeSetId\": \"cs\","
        + " \"IncludeNestedStacks\": true, \"Changes\": [" + change("Network",
        "AWS::CloudFormation::Stack", "Modify", ", \"Replacement\": \"False\"") + "]}");
    assertThatThrownBy(() -> readAll(doc)).isInstanceOf(PlanReadException.class)
        .hasMessage("change set: nested stack Network changes, but its row names no nested change"
            + " set (ChangeSetId), so what it changes inside (it may destroy resources) cannot be"
            + " judged; describe the change set again and give every nested change set");
  }

  @Test
  void nestedChangeSetsWithoutTheirRootAreReadParentFirstWhateverTheirOrder() throws Exception {
    Plan forward = read("nested-child.json", "nested-grandchild.json");
    Plan reversed = READER.read(List.of(ChangeSets.resource("nested-grandchild.json"),
        ChangeSets.resource("nested-child.json")), "change set");
    assertThat(addresses(reversed)).containsExactly("shop-A/B", "shop-A/B/Reader",
        "shop-A/B/Resource");
    assertThat(reversed.warnings()).isEqualTo(forward.warnings());
  }

  @Test
  void aDocumentWithoutChangesIsRefusedUnlessItSaysThereAreNone() throws Exception {
    Path complete = file("complete.json", "{\"ChangeSetId\": \"cs\", \"Status\":"
        + " \"CREATE_COMPLETE\"}");
    assertThatThrownBy(() -> READER.read(complete, "cs.json"))
        .isInstanceOf(PlanReadException.class)
        .hasMessage("cs.json: Changes: missing: a describe-change-set document lists its changes"
            + " there");
    Path none = file("none.json", "{\"ChangeSetId\": \"cs\", \"Status\": \"FAILED\","
        + " \"StatusReason\": \"The submitted information didn't contain changes. Submit"
        + " different information to create a change set.\"}");
    Plan plan = READER.read(none, "none.json");
    assertThat(plan.changes()).isEmpty();
    assertThat(plan.complete()).isTrue();
  }

  @Test
  void beforeContextValuesAreReadAsCloudFormationTakesThem() throws Exception {
    AttributeSelector wanted = new AttributeSelector() {
      @Override
      public Set<String> rootAttributes(String type) {
        return Set.of("Flag", "Off", "Count", "Big", "Name", "Map", "List", "Absent",
            "DeletionPolicy");
      }

      @Override
      public Set<String> allRootAttributes() {
        return rootAttributes("");
      }
    };
    String context = "{\"Properties\": {\"Flag\": \"TRUE\", \"Off\": \"false\", \"Count\":"
        + " \"-42\", \"Big\": \"1234567890123456789\", \"Name\": \"7 days\", \"Map\": {\"a\":"
        + " \"true\", \"b\": {\"c\": \"3\"}}, \"List\": [\"1\", \"x\", false], \"Other\": 1},"
        + " \"DeletionPolicy\": \"Retain\"}";
    Plan plan = new ChangeSetReader(wanted).read(file("ctx.json", "{\"ChangeSetId\": \"cs\","
        + " \"Changes\": [" + change("Db", "AWS::RDS::DBInstance", "Remove",
        ", \"BeforeContext\": " + context) + "]}"), "ctx.json");
    Map<String, Object> before = plan.changes().get(0).before();
    assertThat(before).containsOnlyKeys("Flag", "Off", "Count", "Big", "Name", "Map", "List",
        "DeletionPolicy");
    assertThat(before.get("Flag")).isEqualTo(true);
    assertThat(before.get("Off")).isEqualTo(false);
    assertThat(before.get("Count")).isEqualTo(-42L);
    assertThat(before.get("Big")).isEqualTo("1234567890123456789");
    assertThat(before.get("Name")).isEqualTo("7 days");
    assertThat(before.get("Map")).isEqualTo(Map.of("a", true, "b", Map.of("c", 3L)));
    assertThat(before.get("List")).isEqualTo(new ArrayList<>(List.of(1L, "x", false)));
    // no PolicyAction (output from before April 2024): the context's DeletionPolicy is kept
    assertThat(before.get("DeletionPolicy")).isEqualTo("Retain");
  }

  @Test
  void aFailedChangeSetWithoutAReasonIsRefused() throws Exception {
    Path failed = file("failed.json", "{\"ChangeSetId\": \"cs\", \"Status\": \"FAILED\"}");
    assertThatThrownBy(() -> READER.read(failed, "failed.json"))
        .hasMessage("failed.json: StatusReason: the change set failed (Status FAILED):"
            + " CloudFormation gives no reason");
  }

  @Test
  void changesOfAnotherTypeAreSkippedButAResourceChangeMustBeThere() throws Exception {
    Plan plan = READER.read(file("hook.json", "{\"ChangeSetId\": \"cs\", \"Changes\": ["
        + "{\"Type\": \"HookInvocation\", \"HookInvocation\": {}}, "
        + change("Queue", "AWS::SQS::Queue", "Remove", "") + "]}"), "hook.json");
    assertThat(addresses(plan)).containsExactly("Queue");
    Path bare = file("bare.json", "{\"ChangeSetId\": \"cs\", \"Changes\": [{\"Type\":"
        + " \"Resource\"}]}");
    assertThatThrownBy(() -> READER.read(bare, "bare.json"))
        .hasMessage("bare.json: Changes[0].ResourceChange: missing: every change of Type"
            + " Resource has one");
    Path untyped = file("untyped.json", "{\"ChangeSetId\": \"cs\", \"Changes\": [{}]}");
    assertThatThrownBy(() -> READER.read(untyped, "untyped.json"))
        .hasMessage("untyped.json: Changes[0].ResourceChange: missing: every change of Type"
            + " Resource has one");
  }

  @Test
  void aDetailMayLackItsTargetButATargetMustBeAnObject() throws Exception {
    Plan plan = READER.read(file("untargeted.json", "{\"ChangeSetId\": \"cs\", \"Changes\": ["
        + change("Db", "AWS::RDS::DBInstance", "Modify", ", \"Details\": [{\"Evaluation\":"
        + " \"Static\", \"ChangeSource\": \"DirectModification\"}]") + "]}"),
        "untargeted.json");
    ResourceChange db = plan.changes().get(0);
    assertThat(db.kind()).as("neither Replacement nor a recreation level: fail closed")
        .isEqualTo(ChangeKind.REPLACE);
    assertThat(db.conditional()).isTrue();
    Path stringTarget = file("string-target.json", "{\"ChangeSetId\": \"cs\", \"Changes\": ["
        + change("Db", "AWS::RDS::DBInstance", "Modify", ", \"Details\": [{\"Target\":"
        + " \"Properties\"}]") + "]}");
    assertThatThrownBy(() -> READER.read(stringTarget, "string-target.json"))
        .hasMessage("string-target.json: Changes[0].ResourceChange.Details[0].Target: expected"
            + " an object, found a string");
  }

  @Test
  void aNestedChangeSetWithoutItsParentIsNamedByItsStackOrChangeSet() throws Exception {
    String inner = change("Queue", "AWS::SQS::Queue", "Remove", "");
    Plan byName = readAll(file("named.json", "{\"ChangeSetId\": \"child-1\", \"ChangeSetName\":"
        + " \"inner\", \"ParentChangeSetId\": \"root-1\", \"Changes\": [" + inner + "]}"));
    assertThat(addresses(byName)).containsExactly("inner/Queue");
    Plan byId = readAll(file("id.json", "{\"ChangeSetId\": \"child-2\", \"ParentChangeSetId\":"
        + " \"root-2\", \"Changes\": [" + inner + "]}"));
    assertThat(addresses(byId)).containsExactly("child-2/Queue");
    assertThat(byId.complete()).isFalse();
  }
}
