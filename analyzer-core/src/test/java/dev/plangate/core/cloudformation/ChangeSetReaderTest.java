package dev.plangate.core.cloudformation;

import static dev.plangate.core.cloudformation.ChangeSets.READER;
import static dev.plangate.core.cloudformation.ChangeSets.byAddress;
import static dev.plangate.core.cloudformation.ChangeSets.dependenciesOf;
import static dev.plangate.core.cloudformation.ChangeSets.findings;
import static dev.plangate.core.cloudformation.ChangeSets.findingsByAddress;
import static dev.plangate.core.cloudformation.ChangeSets.read;
import static dev.plangate.core.cloudformation.ChangeSets.resource;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.plangate.core.impact.Finding;
import dev.plangate.core.impact.FindingAction;
import dev.plangate.core.model.ChangeKind;
import dev.plangate.core.model.Plan;
import dev.plangate.core.model.ReplaceOrder;
import dev.plangate.core.model.ResourceChange;
import dev.plangate.core.plan.PlanReadException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Synthetic change sets for what no public recording shows: every Action, Replacement and
 * PolicyAction value of the API model, pagination, three levels of nested stacks, both forms of
 * BeforeContext, and input that must be refused.
 */
class ChangeSetReaderTest {
  private static final String REMOVED = "the resource was removed from the template"
      + " (or its Condition is now false)";

  @Test
  void certainRecreationClausesComeBeforeConditionalOnes() {
    List<ChangeEntry.Detail> details = List.of(
        new ChangeEntry.Detail("Properties", "UserData", "Conditionally", "Static",
            "DirectModification", null),
        new ChangeEntry.Detail("Properties", "ImageId", "Always", "Static",
            "DirectModification", null),
        new ChangeEntry.Detail("Properties", "Tags", "Never", "Static", "DirectModification",
            null),
        new ChangeEntry.Detail("Properties", "KeyName", "Always", "Static",
            "DirectModification", null));
    assertThat(ChangeClassifier.describe(details, true)).isEqualTo(
        "changing Properties.ImageId requires recreation (Always); changing Properties.KeyName"
            + " requires recreation (Always); changing Properties.UserData may require"
            + " recreation (Conditionally)");
  }

  @Test
  void conditionalReplacementIsReportedAsAMayReplaceNeverAsAnUpdate() throws Exception {
    Plan plan = read("conditional-replacement.json");
    ResourceChange db = byAddress(plan).get("OrdersDb");
    assertThat(db.kind()).isEqualTo(ChangeKind.REPLACE);
    assertThat(db.conditional()).isTrue();
    assertThat(db.order()).isEqualTo(ReplaceOrder.CREATE_BEFORE_DELETE);
    assertThat(db.reason()).isEqualTo("Modify/Replacement=Conditional");
    assertThat(db.rawActions())
        .containsExactly("Modify", "Replacement=Conditional", "PolicyAction=ReplaceAndDelete");
    assertThat(db.replacePaths()).containsExactly("AvailabilityZone");
    Finding f = findingsByAddress(plan).get("OrdersDb");
    assertThat(f.action()).isEqualTo(FindingAction.REPLACE);
    assertThat(f.conditional()).isTrue();
    assertThat(f.critical()).isTrue();
    assertThat(f.category()).isEqualTo("database");
    assertThat(f.explanation()).isEqualTo("OrdersDb may be destroyed and recreated because"
        + " changing Properties.AvailabilityZone may require recreation (Conditionally), caused"
        + " by parameter DbZone; dependencies unknown.");
  }

  @Test
  void cdkMetadataIsNotAlarmedOnDespiteItsConditionalReplacement() throws Exception {
    Plan plan = read("conditional-replacement.json");
    ResourceChange meta = byAddress(plan).get("CDKMetadata");
    assertThat(meta.kind()).isEqualTo(ChangeKind.UPDATE);
    assertThat(meta.rawActions()).containsExactly("Modify", "Replacement=Conditional");
    assertThat(meta.why()).contains("AWS::CDK::Metadata", "destroys nothing");
    assertThat(findingsByAddress(plan).keySet()).containsExactly("OrdersDb");
  }

  @Test
  void policyActionDecidesWhatHappensToTheOldResource() throws Exception {
    Plan plan = read("policy-actions.json");
    Map<String, ResourceChange> c = byAddress(plan);
    Map<String, Finding> f = findingsByAddress(plan);

    // Retain on Remove: kept, no longer managed.
    assertThat(c.get("ArchiveBucket").kind()).isEqualTo(ChangeKind.FORGET);
    assertThat(c.get("ArchiveBucket").reason()).isEqualTo("Remove/PolicyAction=Retain");
    assertThat(f.get("ArchiveBucket").action()).isEqualTo(FindingAction.FORGET);
    assertThat(f.get("ArchiveBucket").explanation()).isEqualTo("ArchiveBucket will no longer be"
        + " managed (it keeps running) because " + REMOVED + " and its DeletionPolicy is Retain;"
        + " dependencies unknown.");

    // Snapshot on Remove: a delete, with the snapshot said and the data recoverable.
    assertThat(c.get("LegacyDb").kind()).isEqualTo(ChangeKind.DELETE);
    assertThat(c.get("LegacyDb").why()).isEqualTo(REMOVED + "; a snapshot is taken first");
    assertThat(c.get("LegacyDb").before()).containsExactly(Map.entry("DeletionPolicy", "Snapshot"));
    assertThat(f.get("LegacyDb").recoverable()).isTrue();
    assertThat(f.get("LegacyDb").recoverability()).startsWith("DeletionPolicy is Snapshot");

    // Delete, and ReplaceAndDelete: plain.
    assertThat(c.get("OldQueue").why()).isEqualTo(REMOVED);
    assertThat(c.get("OldQueue").reason()).isEqualTo("Remove");
    assertThat(c.get("EventsTopic").why())
        .isEqualTo("changing Properties.TopicName requires recreation (Always)");
    assertThat(c.get("EventsTopic").order()).isEqualTo(ReplaceOrder.CREATE_BEFORE_DELETE);

    // ReplaceAndRetain: replaced, the old one left running unmanaged.
    ResourceChange sessions = c.get("SessionsTable");
    assertThat(sessions.kind()).isEqualTo(ChangeKind.REPLACE);
    assertThat(sessions.order()).isEqualTo(ReplaceOrder.CREATE_BEFORE_FORGET);
    assertThat(sessions.why()).isEqualTo("changing Properties.TableName requires recreation"
        + " (Always); the old one is kept but no longer managed");
    assertThat(f.get("SessionsTable").recoverable()).isTrue();

    // ReplaceAndSnapshot: replaced, a snapshot of the old one first.
    ResourceChange cluster = c.get("ReportingCluster");
    assertThat(cluster.kind()).isEqualTo(ChangeKind.REPLACE);
    assertThat(cluster.why()).isEqualTo("changing Properties.DBClusterIdentifier requires"
        + " recreation (Always), caused by parameter ClusterName; a snapshot of the old one is"
        + " taken first");
    assertThat(cluster.before()).containsEntry("UpdateReplacePolicy", "Snapshot");
    assertThat(f.get("ReportingCluster").recoverability()).startsWith("UpdateReplacePolicy is");

    // A PolicyAction newer than plangate: a plain delete, and the user is told.
    assertThat(c.get("AuditLogs").kind()).isEqualTo(ChangeKind.DELETE);
    assertThat(otherWarnings(plan)).containsExactly("AuditLogs has the PolicyAction Archive, which"
        + " plangate does not know; the old resource is assumed to be deleted.");

    assertThat(f.keySet()).containsExactlyInAnyOrder("ArchiveBucket", "LegacyDb", "OldQueue",
        "SessionsTable", "ReportingCluster", "EventsTopic", "AuditLogs");
  }

  @Test
  void importDynamicSyncWithActualAndUnknownActions() throws Exception {
    Plan plan = read("import-dynamic-sync.json");
    Map<String, ResourceChange> c = byAddress(plan);

    assertThat(c.get("ExistingBucket").kind()).isEqualTo(ChangeKind.CREATE);
    assertThat(c.get("ExistingBucket").importing()).isTrue();

    // Dynamic without Replacement: conservatively a possible replacement, and it says so.
    ResourceChange workers = c.get("Workers");
    assertThat(workers.kind()).isEqualTo(ChangeKind.REPLACE);
    assertThat(workers.conditional()).isTrue();
    assertThat(workers.why()).startsWith("CloudFormation can only tell the exact action at deploy"
        + " time (Action: Dynamic), so it is treated as a possible replacement");
    // Dynamic with Replacement False: an update, and it says why.
    assertThat(c.get("Settings").kind()).isEqualTo(ChangeKind.UPDATE);
    assertThat(c.get("Settings").why()).contains("Action: Dynamic", "Replacement is False");

    assertThat(c.get("Vpc").kind()).isEqualTo(ChangeKind.NO_OP);
    assertThat(plan.driftCount()).isEqualTo(1);

    assertThat(c.get("Mystery").kind()).isEqualTo(ChangeKind.UNKNOWN);
    assertThat(otherWarnings(plan)).containsExactly("Mystery has the action Transmogrify that"
        + " plangate does not know; treated as a destroy.");

    Map<String, Finding> f = findingsByAddress(plan);
    assertThat(f.keySet()).containsExactlyInAnyOrder("Workers", "Mystery");
    assertThat(f.get("Mystery").action()).isEqualTo(FindingAction.DELETE);
    assertThat(f.get("Mystery").explanation()).contains("which plangate does not know");
    assertThat(f.get("Workers").explanation()).startsWith("Workers may be destroyed and"
        + " recreated because CloudFormation can only tell the exact action at deploy time");
  }

  @Test
  void pagesGivenInReverseOrderAreConcatenated() throws Exception {
    Plan reversed = read("paged-3.json", "paged-2.json", "paged-1.json");
    Plan forward = read("paged-1.json", "paged-2.json", "paged-3.json");
    assertThat(reversed.changes()).extracting(ResourceChange::address)
        .containsExactly("FunctionD", "QueueA", "QueueB", "TableC");
    assertThat(reversed.changes()).isEqualTo(forward.changes());
    assertThat(reversed.dependencies()).isEqualTo(forward.dependencies());
    assertThat(otherWarnings(reversed)).isEmpty();
    assertThat(reversed.complete()).isTrue();
    // An edge across pages: FunctionD on page 3 refers to TableC on page 2.
    assertThat(dependenciesOf(reversed, "FunctionD")).containsExactly("TableC");
    assertThat(findingsByAddress(reversed).get("TableC").downstream().changing())
        .containsExactly("FunctionD");
  }

  @Test
  void aMissingLastPageIsAnInputError() {
    // The page that is not given may hold the Remove: the change set cannot pass.
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> read("paged-2.json", "paged-1.json"))
        .isInstanceOf(dev.plangate.core.plan.PlanReadException.class)
        .hasMessageContaining("every page given has a NextToken")
        .hasMessageContaining("give every page of describe-change-set");
  }

  @Test
  void theSamePageTwiceIsReadOnce() throws Exception {
    Plan plan = READER.read(List.of(resource("paged-3.json"), resource("paged-1.json"),
        resource("paged-2.json"), resource("paged-1.json")), "pages");
    assertThat(plan.changes()).hasSize(4);
    assertThat(otherWarnings(plan)).singleElement().asString().contains("repeats", "read once");
  }

  @Test
  void pagesThatDisagreeAboutAResourceAreRefused() {
    assertThatThrownBy(() -> read("paged-3.json", "paged-2.json", "conflicting-page.json"))
        .isInstanceOf(PlanReadException.class)
        .hasMessageContaining("conflicting-page.json")
        .hasMessageContaining("LogicalResourceId TableC is listed twice");
  }

  @Test
  void threeLevelsOfNestedStacksGiveSlashSeparatedAddresses() throws Exception {
    Plan plan = read("nested-grandchild.json", "nested-root.json", "nested-child.json");
    assertThat(plan.changes()).extracting(ResourceChange::address)
        .containsExactly("A", "A/B", "A/B/Reader", "A/B/Resource", "Alarms");
    assertThat(otherWarnings(plan)).isEmpty();
    assertThat(plan.complete()).isTrue();
    assertThat(dependenciesOf(plan, "A/B")).containsExactly("A");
    assertThat(dependenciesOf(plan, "A/B/Resource")).containsExactly("A/B");
    // ResourceAttribute Resource.Arn resolves inside the same nested stack.
    assertThat(dependenciesOf(plan, "A/B/Reader")).containsExactly("A/B", "A/B/Resource");
    assertThat(dependenciesOf(plan, "Alarms")).isEmpty();

    Map<String, Finding> f = findingsByAddress(plan);
    assertThat(f.keySet()).containsExactly("A/B/Resource");
    assertThat(f.get("A/B/Resource").type()).isEqualTo("AWS::S3::Bucket");
    assertThat(f.get("A/B/Resource").downstream().changing()).containsExactly("A/B/Reader");
  }

  @Test
  void aNestedChangeSetNotGivenIsAnInputError() {
    // It may hold the destroy: like a missing page, the change set cannot pass without it.
    assertThatThrownBy(() -> read("nested-root.json", "nested-child.json"))
        .isInstanceOf(PlanReadException.class)
        .hasMessage("change set: nested stack A/B changes, but its change set"
            + " arn:aws:cloudformation:eu-west-1:123456789012:changeSet/shop-A-B-release/"
            + "0a1b2c3d-0000-4000-8000-000000000012 is not given, so what it changes inside (it"
            + " may destroy resources) cannot be judged; give it too (describe-change-set"
            + " --change-set-name with that id, every page)");
  }

  @Test
  void withoutTheRootTheChildIsReadUnderItsStackNameAndKeepsItsOwnChildren() throws Exception {
    Plan plan = read("nested-child.json", "nested-grandchild.json");
    assertThat(plan.changes()).extracting(ResourceChange::address)
        .containsExactly("shop-A/B", "shop-A/B/Reader", "shop-A/B/Resource");
    assertThat(plan.complete()).isFalse();
    assertThat(otherWarnings(plan)).singleElement().asString()
        .contains("shop-A-release", "was not given", "under the stack name shop-A");
    assertThat(findingsByAddress(plan).keySet()).containsExactly("shop-A/B/Resource");
  }

  @Test
  void documentsOfTwoUnrelatedChangeSetsAreRefused() {
    assertThatThrownBy(() -> read("paged-1.json", "policy-actions.json"))
        .isInstanceOf(PlanReadException.class)
        .hasMessageContaining("belong to 2 different change sets")
        .hasMessageContaining("changeSet/big/")
        .hasMessageContaining("changeSet/cleanup/");
  }

  @Test
  void aNestedStackChangedWithoutIncludeNestedStacksIsAnInputError() {
    // With no finding of its own, it would pass while the nested stack may destroy inside.
    assertThatThrownBy(() -> read("nested-not-included.json"))
        .isInstanceOf(PlanReadException.class)
        .hasMessageContaining("nested stack Network changes, but the change set was created"
            + " without --include-nested-stacks");
  }

  @Test
  void beforeContextAsAJsonStringKeepsOnlyWhatTheCatalogueNeeds() throws Exception {
    Plan plan = read("before-context-string.json");
    ResourceChange db = byAddress(plan).get("BillingDb");
    // "true" as CloudFormation takes it; Engine and the password are not kept.
    assertThat(db.before()).containsOnly(Map.entry("DeletionProtection", true),
        Map.entry("DeletionPolicy", "Delete"));
    Finding f = findingsByAddress(plan).get("BillingDb");
    assertThat(f.recoverable()).isTrue();
    assertThat(f.recoverability()).startsWith("DeletionProtection is true");
  }

  @Test
  void beforeContextAsAnObjectIsReadTheSameWay() throws Exception {
    Plan plan = read("before-context-object.json");
    Map<String, ResourceChange> c = byAddress(plan);
    assertThat(c.get("Images").before()).containsOnly(Map.entry("EmptyOnDelete", true));
    Finding images = findingsByAddress(plan).get("Images");
    assertThat(images.recoverable()).isFalse();
    assertThat(images.explanation()).contains("Data cannot be recovered: EmptyOnDelete is true");
    // No PolicyAction (older output): the context's UpdateReplacePolicy tells the fate.
    assertThat(c.get("LedgerDb").before()).containsOnly(
        Map.entry("DeletionProtection", false), Map.entry("UpdateReplacePolicy", "Snapshot"));
    assertThat(findingsByAddress(plan).get("LedgerDb").recoverable()).isTrue();
  }

  @Test
  void theBareChangesArrayOfQueryChangesReads() throws Exception {
    Plan plan = read("query-changes.json");
    assertThat(plan.changes()).extracting(ResourceChange::address)
        .containsExactly("Distribution", "Uploads");
    assertThat(dependenciesOf(plan, "Distribution")).containsExactly("Uploads");
    assertThat(findingsByAddress(plan).keySet()).containsExactly("Uploads");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      truncated.json | truncated JSON: the document ends early
      action-number.json | Changes[1].ResourceChange.Action: expected a string, found a number
      changes-string.json | Changes: expected an array, found a string
      details-object.json | Changes[0].ResourceChange.Details: expected an array, found an object
      replacement-boolean.json | Changes[0].ResourceChange.Replacement: expected a string
      missing-logical-id.json | Changes[0].ResourceChange.LogicalResourceId: missing
      before-context-not-json.json | Changes[0].ResourceChange.BeforeContext: not valid JSON
      duplicate-action.json | Duplicate field 'Action'
      action-in-two-cases.json | Action and Changes[0].ResourceChange.action: the same field twice
      failed.json | StatusReason: the change set failed (Status FAILED): Template error: instance
      in-progress.json | Status: the change set is still being created (CREATE_IN_PROGRESS)
      terraform-plan.json | not a CloudFormation change set: it has none of Changes, ChangeSetId
      """)
  void unreadableInputIsRefusedNamingTheFileAndTheField(String file, String reason) {
    String name = "malformed/" + file;
    assertThatThrownBy(() -> read(name))
        .isInstanceOfSatisfying(PlanReadException.class, e -> {
          assertThat(e.file()).isEqualTo(name);
          assertThat(e.reason()).contains(reason);
          assertThat(e.getMessage()).startsWith(name + ": ");
        });
  }

  @Test
  void withSeveralDocumentsTheErrorNamesTheBadOne() {
    assertThatThrownBy(() -> read("paged-1.json", "malformed/action-number.json"))
        .isInstanceOfSatisfying(PlanReadException.class, e -> assertThat(e.file())
            .endsWith("action-number.json"));
  }

  @Test
  void emptyMissingAndNonJsonFilesAreRefused(@TempDir Path dir) throws Exception {
    Path empty = Files.writeString(dir.resolve("empty.json"), "");
    Path garbage = Files.writeString(dir.resolve("garbage.json"), "Changes: none",
        StandardCharsets.UTF_8);
    Path trailing = Files.writeString(dir.resolve("trailing.json"),
        "{\"ChangeSetId\": \"x\", \"Changes\": []} {\"Changes\": []}");
    assertThatThrownBy(() -> READER.read(empty, "e")).hasMessage("e: the file is empty");
    assertThatThrownBy(() -> READER.read(dir.resolve("absent.json"), "a"))
        .hasMessage("a: file not found");
    assertThatThrownBy(() -> READER.read(garbage, "g"))
        .hasMessageStartingWith("g: not valid JSON");
    assertThatThrownBy(() -> READER.read(trailing, "t"))
        .hasMessageStartingWith("t: not valid JSON");
    assertThatThrownBy(() -> READER.read(dir, "d")).hasMessageContaining("is a directory");
    assertThatThrownBy(() -> READER.read(List.of(), "n")).hasMessageContaining("no change set");
  }

  @Test
  void hostileNestingIsRefusedWithinTheLimit(@TempDir Path dir) throws Exception {
    int depth = ChangeSetReader.MAX_NESTING_DEPTH + 10;
    String doc = "{\"ChangeSetId\": \"x\", \"Changes\": [], \"Deep\": " + "[".repeat(depth)
        + "]".repeat(depth) + "}";
    Path deep = Files.writeString(dir.resolve("deep.json"), doc);
    assertThatThrownBy(() -> READER.read(deep, "deep"))
        .isInstanceOf(PlanReadException.class)
        .hasMessageContaining("exceeds plangate's limits");
  }

  /** The plan's warnings but the one every change set without its template has. */
  static java.util.List<String> otherWarnings(Plan plan) {
    return plan.warnings().stream()
        .filter(w -> !w.equals(Plan.dependenciesUnknownWarning(plan.format()))).toList();
  }
}
