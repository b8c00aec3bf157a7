package dev.plangate.core.pulumi;

import static org.assertj.core.api.Assertions.assertThat;

import dev.plangate.core.catalog.ResourceCatalog;
import dev.plangate.core.impact.Finding;
import dev.plangate.core.impact.FindingAction;
import dev.plangate.core.impact.ImpactAnalyzer;
import dev.plangate.core.model.ChangeKind;
import dev.plangate.core.model.Plan;
import dev.plangate.core.model.ReplaceOrder;
import dev.plangate.core.model.ResourceChange;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Hand-made previews for every op and flag the public corpus does not pin down. */
class PulumiOpsTest {
  private static final ResourceCatalog CATALOG = ResourceCatalog.builtin();
  private static final String STACK = "urn:pulumi:dev::app::pulumi:pulumi:Stack::app-dev";
  private static final String PROVIDER =
      "urn:pulumi:dev::app::pulumi:providers:aws::default_6_0_0";
  @TempDir Path dir;

  // ---- builders ------------------------------------------------------------------------------

  static String urn(String type, String name) {
    return "urn:pulumi:dev::app::" + type + "::" + name;
  }

  /** A ResourceV3 with the given extra JSON members (each starting with a comma). */
  static String state(String urn, String extra) {
    String type = PulumiUrn.parse(urn).type();
    return "{\"urn\":\"" + urn + "\",\"type\":\"" + type + "\",\"custom\":true,\"id\":\"id-"
        + PulumiUrn.parse(urn).name() + "\",\"parent\":\"" + STACK + "\",\"provider\":\""
        + PROVIDER + "::3f1a\"" + extra + "}";
  }

  static String step(String op, String urn, String oldState, String newState, String extra) {
    return "{\"op\":\"" + op + "\",\"urn\":\"" + urn + "\",\"oldState\":" + oldState
        + ",\"newState\":" + newState + extra + "}";
  }

  /** An engine event for a step, in the StepEventMetadata spelling. */
  static String event(String kind, String op, String urn, String old, String neu, String extra) {
    return "{\"sequence\":1,\"timestamp\":1,\"" + kind + "\":{\"metadata\":{\"op\":\"" + op
        + "\",\"urn\":\"" + urn + "\",\"type\":\"" + PulumiUrn.parse(urn).type() + "\",\"old\":"
        + old + ",\"new\":" + neu + extra + "},\"planning\":true}}";
  }

  static String both(String op, String urn, String old, String neu, String extra) {
    return event("resourcePreEvent", op, urn, old, neu, extra) + "\n"
        + event("resOutputsEvent", op, urn, old, neu, extra);
  }

  static final String SUMMARY =
      "{\"sequence\":99,\"timestamp\":1,\"summaryEvent\":{\"maybeCorrupt\":false,"
          + "\"durationSeconds\":1,\"resourceChanges\":{},\"PolicyPacks\":{}}}";

  Plan digest(String... steps) throws Exception {
    return read("{\"steps\":[" + String.join(",", steps) + "],\"changeSummary\":{}}", null);
  }

  Plan events(String... lines) throws Exception {
    return read(String.join("\n", lines) + "\n", null);
  }

  Plan read(String preview, String export) throws Exception {
    Path f = dir.resolve("preview-" + System.nanoTime() + ".json");
    Files.writeString(f, preview);
    Path e = null;
    if (export != null) {
      e = dir.resolve("export-" + System.nanoTime() + ".json");
      Files.writeString(e, export);
    }
    return new PulumiPreviewReader(CATALOG).read(f, e, f.getFileName().toString());
  }

  static Map<String, ResourceChange> byKey(Plan p) {
    return p.changes().stream()
        .collect(Collectors.toMap(ResourceChange::key, Function.identity()));
  }

  static Map<String, Finding> findings(Plan p) {
    return new ImpactAnalyzer(CATALOG).analyze(p).stream()
        .collect(Collectors.toMap(Finding::key, Function.identity()));
  }

  // ---- single ops ----------------------------------------------------------------------------

  @Test
  void everySingleOpIsNormalised() throws Exception {
    String same = urn("aws:s3/bucket:Bucket", "same");
    String create = urn("aws:s3/bucket:Bucket", "create");
    String update = urn("aws:s3/bucket:Bucket", "update");
    String delete = urn("aws:s3/bucket:Bucket", "delete");
    String read = urn("aws:s3/bucket:Bucket", "read");
    String imported = urn("aws:s3/bucket:Bucket", "import");
    String refresh = urn("aws:s3/bucket:Bucket", "refresh");
    String discard = urn("aws:s3/bucket:Bucket", "discard");
    Plan p = digest(
        step("same", same, state(same, ""), state(same, ""), ""),
        step("create", create, "null", state(create, ""), ""),
        step("update", update, state(update, ""), state(update, ""),
            ",\"diffReasons\":[\"tags\"],\"detailedDiff\":{\"tags.Team\":{\"kind\":\"delete\","
                + "\"inputDiff\":false}}"),
        step("delete", delete, state(delete, ""), "null", ""),
        step("read", read, "null", state(read, ",\"external\":true"), ""),
        step("import", imported, "null", state(imported, ",\"importID\":\"bucket-7\""), ""),
        step("refresh", refresh, state(refresh, ""), state(refresh, ""), ""),
        step("discard", discard, state(discard, ",\"external\":true"), "null", ""));
    Map<String, ResourceChange> c = byKey(p);
    String b = "aws:s3/bucket:Bucket::";
    assertThat(c.get(b + "same").kind()).isEqualTo(ChangeKind.NO_OP);
    assertThat(c.get(b + "create").kind()).isEqualTo(ChangeKind.CREATE);
    assertThat(c.get(b + "update").kind()).isEqualTo(ChangeKind.UPDATE);
    assertThat(c.get(b + "update").why()).isEqualTo("it changes tags");
    assertThat(c.get(b + "delete").kind()).isEqualTo(ChangeKind.DELETE);
    assertThat(c.get(b + "delete").why()).isEqualTo("the program no longer declares it");
    assertThat(c.get(b + "read").kind()).isEqualTo(ChangeKind.READ);
    assertThat(c.get(b + "read").managed()).isFalse();
    assertThat(c.get(b + "import").kind()).isEqualTo(ChangeKind.CREATE);
    assertThat(c.get(b + "import").importing()).isTrue();
    assertThat(c.get(b + "import").why()).contains("bucket-7");
    assertThat(c.get(b + "refresh").kind()).isEqualTo(ChangeKind.READ);
    // a discard drops a resource that was only read: forgotten, nothing destroyed
    assertThat(c.get(b + "discard").kind()).isEqualTo(ChangeKind.FORGET);
    assertThat(c.get(b + "discard").managed()).isFalse();
    assertThat(c.get(b + "discard").why()).contains("not touched");
    assertThat(p.changes()).allMatch(ResourceChange::listed);
    assertThat(p.changes()).allSatisfy(x -> assertThat(x.rawActions()).hasSize(1));
    assertThat(otherWarnings(p)).isEmpty();

    Map<String, Finding> f = findings(p);
    assertThat(f).containsOnlyKeys(b + "delete", b + "discard");
    assertThat(f.get(b + "delete").action()).isEqualTo(FindingAction.DELETE);
    assertThat(f.get(b + "discard").action()).isEqualTo(FindingAction.FORGET);
  }

  @Test
  void anUnknownOpIsADestroyWithAPlanWarning() throws Exception {
    String u = urn("aws:rds/instance:Instance", "db");
    Plan p = digest(step("teleport", u, state(u, ""), "null", ""));
    ResourceChange c = p.changes().get(0);
    assertThat(c.kind()).isEqualTo(ChangeKind.UNKNOWN);
    assertThat(c.kind().destroys()).isTrue();
    assertThat(otherWarnings(p)).singleElement().asString()
        .contains("aws:rds/instance:Instance::db", "teleport", "treated as a destroy");
    Finding f = findings(p).get("aws:rds/instance:Instance::db");
    assertThat(f.action()).isEqualTo(FindingAction.DELETE);
    assertThat(f.explanation()).contains("teleport", "does not know");
    assertThat(f.critical()).isTrue();
  }

  @Test
  void anUnknownOpAmongKnownOnesStillMakesTheObjectUnknown() throws Exception {
    String u = urn("aws:s3/bucket:Bucket", "b");
    Plan p = digest(step("update", u, state(u, ""), state(u, ""), ""),
        step("extend-parameterize", u, state(u, ""), state(u, ""), ""));
    assertThat(p.changes()).singleElement()
        .satisfies(c -> assertThat(c.kind()).isEqualTo(ChangeKind.UNKNOWN));
    assertThat(p.warnings()).anyMatch(w -> w.contains("extend-parameterize"));
  }

  @Test
  void aLoneInternalDiffStepIsNotMistakenForNoChange() throws Exception {
    String u = urn("aws:s3/bucket:Bucket", "b");
    Plan p = digest(step("diff", u, state(u, ""), state(u, ""), ""));
    assertThat(p.changes().get(0).kind()).isEqualTo(ChangeKind.UNKNOWN);
    assertThat(otherWarnings(p)).singleElement().asString().contains("missing");
  }

  @Test
  void aRefreshBeforeTheRealStepDoesNotHideIt() throws Exception {
    String u = urn("aws:s3/bucket:Bucket", "b");
    Plan p = events(
        both("refresh", u, state(u, ""), state(u, ""), ",\"diffs\":[\"tags\"]"),
        both("delete", u, state(u, ""), "null", ""), SUMMARY);
    assertThat(p.changes()).singleElement().satisfies(c -> {
      assertThat(c.kind()).isEqualTo(ChangeKind.DELETE);
      assertThat(c.rawActions()).containsExactly("refresh", "delete");
    });
    assertThat(p.driftCount()).isEqualTo(1);
  }

  // ---- protect and retainOnDelete ------------------------------------------------------------

  @Test
  void aProtectedDeleteStaysADestroyAndSaysItWillFail() throws Exception {
    String u = urn("aws:dynamodb/table:Table", "orders");
    Plan p = digest(step("delete", u, state(u, ",\"protect\":true"), "null", ""));
    assertThat(p.changes().get(0).kind()).isEqualTo(ChangeKind.DELETE);
    Finding f = findings(p).get("aws:dynamodb/table:Table::orders");
    assertThat(f.action()).isEqualTo(FindingAction.DELETE);
    assertThat(f.explanation()).contains(
        "will be destroyed because the program no longer declares it; protected: the delete"
            + " will fail unless protect is removed");
  }

  @Test
  void retainOnDeleteTurnsADeleteIntoAForget() throws Exception {
    String u = urn("aws:s3/bucket:Bucket", "archive");
    Plan p = events(
        both("delete", u, state(u, ",\"retainOnDelete\":true"), "null", ""), SUMMARY);
    ResourceChange c = p.changes().get(0);
    assertThat(c.kind()).isEqualTo(ChangeKind.FORGET);
    assertThat(c.order()).isNull();
    Finding f = findings(p).get("aws:s3/bucket:Bucket::archive");
    assertThat(f.action()).isEqualTo(FindingAction.FORGET);
    assertThat(f.explanation()).contains(
        "retainOnDelete: the cloud resource is kept, only removed from the stack");
  }

  @Test
  void retainOnDeleteOnAReplacementForgetsTheOldObject() throws Exception {
    String u = urn("aws:s3/bucket:Bucket", "archive");
    String old = state(u, ",\"retainOnDelete\":true");
    Plan p = events(
        both("create-replacement", u, old, state(u, ""), ",\"keys\":[\"bucket\"]"),
        both("replace", u, old, state(u, ""), ",\"keys\":[\"bucket\"],\"logical\":true"),
        both("delete-replaced", u, old, "null", ""), SUMMARY);
    ResourceChange c = p.changes().get(0);
    assertThat(c.kind()).isEqualTo(ChangeKind.FORGET);
    assertThat(c.order()).isEqualTo(ReplaceOrder.CREATE_BEFORE_FORGET);
    assertThat(c.why()).contains("changing bucket forces replacement", "retainOnDelete");
  }

  // ---- replacements --------------------------------------------------------------------------

  @Test
  void theThreeStepsOfAReplacementAreOneChangeOrderedByWhichHalfComesFirst() throws Exception {
    String cbd = urn("aws:ec2/instance:Instance", "web");
    String dbr = urn("aws:ec2/instance:Instance", "db");
    String dd = ",\"keys\":[\"userData\"],\"diffs\":[\"userData\"],\"detailedDiff\":"
        + "{\"userData\":{\"diffKind\":\"update-replace\",\"inputDiff\":false}}";
    Plan p = events(
        both("create-replacement", cbd, state(cbd, ""), state(cbd, ""), dd),
        both("replace", cbd, state(cbd, ""), state(cbd, ""), dd + ",\"logical\":true"),
        both("delete-replaced", cbd, state(cbd, ",\"delete\":true"), "null", ""),
        both("delete-replaced", dbr, state(dbr, ""), "null", ""),
        both("replace", dbr, state(dbr, ""), state(dbr, ""), dd + ",\"logical\":true"),
        both("create-replacement", dbr, state(dbr, ""), state(dbr, ""), dd),
        SUMMARY);
    assertThat(p.changes()).hasSize(2);
    Map<String, ResourceChange> c = byKey(p);
    ResourceChange web = c.get("aws:ec2/instance:Instance::web");
    assertThat(web.kind()).isEqualTo(ChangeKind.REPLACE);
    assertThat(web.order()).isEqualTo(ReplaceOrder.CREATE_BEFORE_DELETE);
    assertThat(web.rawActions())
        .containsExactly("create-replacement", "replace", "delete-replaced");
    assertThat(web.replacePaths()).containsExactly("userData");
    assertThat(web.why()).isEqualTo("changing userData forces replacement");
    ResourceChange db = c.get("aws:ec2/instance:Instance::db");
    assertThat(db.order()).isEqualTo(ReplaceOrder.DELETE_BEFORE_CREATE);
    assertThat(db.why()).contains("deleted before the new one exists");
    assertThat(otherWarnings(p)).isEmpty();
    assertThat(findings(p)).hasSize(2);
  }

  @Test
  void aLogicalReplaceAloneTakesItsOrderFromTheFlags() throws Exception {
    String flagged = urn("aws:s3/bucket:Bucket", "flagged");
    String pending = urn("aws:s3/bucket:Bucket", "pending");
    String marked = urn("aws:s3/bucket:Bucket", "marked");
    String silent = urn("aws:s3/bucket:Bucket", "silent");
    String rr = ",\"replaceReasons\":[\"bucket\"]";
    Plan p = digest(
        step("replace", flagged, state(flagged, ""), state(flagged, ""),
            rr + ",\"deleteBeforeReplace\":true"),
        step("replace", pending, state(pending, ",\"pendingReplacement\":true"),
            state(pending, ""), rr),
        step("replace", marked, state(marked, ",\"delete\":true"), state(marked, ""), rr),
        step("replace", silent, state(silent, ""), state(silent, ""), rr));
    Map<String, ResourceChange> c = byKey(p);
    String b = "aws:s3/bucket:Bucket::";
    assertThat(c.get(b + "flagged").order()).isEqualTo(ReplaceOrder.DELETE_BEFORE_CREATE);
    assertThat(c.get(b + "pending").order()).isEqualTo(ReplaceOrder.DELETE_BEFORE_CREATE);
    assertThat(c.get(b + "marked").order()).isEqualTo(ReplaceOrder.CREATE_BEFORE_DELETE);
    assertThat(c.get(b + "silent").order()).isEqualTo(ReplaceOrder.CREATE_BEFORE_DELETE);
    // only the silent one is a guess, and the plan says so once
    assertThat(otherWarnings(p)).singleElement().asString()
        .startsWith("1 replacement(s)").contains("--show-replacement-steps");
  }

  @Test
  void detailedDiffKindsExplainAReplacementWhenReplaceReasonsAreMissing() throws Exception {
    String u = urn("command:local:Command", "run");
    Plan p = digest(step("replace", u, state(u, ",\"delete\":true"), state(u, ""),
        ",\"diffReasons\":[\"triggers\",\"create\",\"environment\"],\"detailedDiff\":{"
            + "\"triggers[0]\":{\"kind\":\"update-replace\",\"inputDiff\":true},"
            + "\"triggers[1]\":{\"kind\":\"add-replace\",\"inputDiff\":true},"
            + "\"dir\":{\"kind\":\"delete-replace\",\"inputDiff\":true},"
            + "\"create\":{\"kind\":\"update\",\"inputDiff\":true}}"));
    ResourceChange c = p.changes().get(0);
    assertThat(c.kind()).isEqualTo(ChangeKind.REPLACE);
    assertThat(c.replacePaths()).containsExactly("triggers[0]", "triggers[1]", "dir");
    assertThat(c.why()).isEqualTo("changing triggers[0], adding triggers[1] and removing dir"
        + " force replacement (it also changes create and environment)");
  }

  @Test
  void numericDiffKindsAreUnderstood() throws Exception {
    String u = urn("aws:s3/bucket:Bucket", "b");
    Plan p = digest(step("replace", u, state(u, ",\"delete\":true"), state(u, ""),
        ",\"detailedDiff\":{\"bucket\":{\"kind\":5}}"));
    assertThat(p.changes().get(0).replacePaths()).containsExactly("bucket");
  }

  @Test
  void aReplacementWithoutAnyReasonSaysSoInsteadOfInventingOne() throws Exception {
    String u = urn("pkgA:m:typA", "B");
    Plan p = events(both("delete-replaced", u, state(u, ""), "null", ""),
        both("replace", u, state(u, ""), state(u, ""), ",\"logical\":true"),
        both("create-replacement", u, state(u, ""), state(u, ""), ""), SUMMARY);
    assertThat(p.changes().get(0).why()).startsWith(
        "Pulumi plans a replacement without naming a property");
  }

  @Test
  void theOldHalfDecidesWhatAReplacementDestroys() throws Exception {
    String importOverManaged = urn("aws:s3/bucket:Bucket", "a");
    String createOverRead = urn("aws:s3/bucket:Bucket", "b");
    String readOverRead = urn("aws:s3/bucket:Bucket", "c");
    String readOverManaged = urn("aws:s3/bucket:Bucket", "d");
    String ext = ",\"external\":true";
    Plan p = events(
        both("import-replacement", importOverManaged, "null",
            state(importOverManaged, ",\"importID\":\"b-9\""), ""),
        both("replace", importOverManaged, state(importOverManaged, ""),
            state(importOverManaged, ""), ",\"logical\":true"),
        both("delete-replaced", importOverManaged, state(importOverManaged, ""), "null", ""),
        both("create-replacement", createOverRead, state(createOverRead, ext),
            state(createOverRead, ""), ""),
        both("replace", createOverRead, state(createOverRead, ext), state(createOverRead, ""),
            ""),
        both("discard-replaced", createOverRead, state(createOverRead, ext), "null", ""),
        both("read-replacement", readOverRead, state(readOverRead, ext),
            state(readOverRead, ext), ""),
        both("replace", readOverRead, state(readOverRead, ext), state(readOverRead, ext), ""),
        both("discard-replaced", readOverRead, state(readOverRead, ext), "null", ""),
        both("read-replacement", readOverManaged, state(readOverManaged, ""),
            state(readOverManaged, ext), ""),
        both("replace", readOverManaged, state(readOverManaged, ""),
            state(readOverManaged, ext), ""),
        both("delete-replaced", readOverManaged, state(readOverManaged, ""), "null", ""),
        SUMMARY);
    Map<String, ResourceChange> c = byKey(p);
    String b = "aws:s3/bucket:Bucket::";
    assertThat(c.get(b + "a").kind()).isEqualTo(ChangeKind.REPLACE);
    assertThat(c.get(b + "a").importing()).isTrue();
    assertThat(c.get(b + "a").why()).contains("imported in its place (id b-9)");
    assertThat(c.get(b + "b").kind()).isEqualTo(ChangeKind.CREATE);
    assertThat(c.get(b + "b").why()).contains("only read, so nothing is destroyed");
    assertThat(c.get(b + "c").kind()).isEqualTo(ChangeKind.READ);
    assertThat(c.get(b + "c").managed()).isFalse();
    assertThat(c.get(b + "d").kind()).isEqualTo(ChangeKind.DELETE);
    assertThat(c.get(b + "d").why()).contains("reads an existing object");
    assertThat(findings(p)).containsOnlyKeys(b + "a", b + "d");
  }

  @Test
  void removePendingReplaceIsReportedAsADestroyThatAlreadyHappened() throws Exception {
    String u = urn("aws:s3/bucket:Bucket", "gone");
    Plan p = digest(step("remove-pending-replace", u,
        state(u, ",\"pendingReplacement\":true"), "null", ""));
    ResourceChange c = p.changes().get(0);
    assertThat(c.kind()).isEqualTo(ChangeKind.DELETE);
    assertThat(c.why()).contains("already deleted");
  }

  @Test
  void aLeftoverPendingDeleteIsASecondObjectUnderTheSameUrn() throws Exception {
    String u = urn("aws:s3/bucket:Bucket", "b");
    Plan p = digest(step("same", u, state(u, ""), state(u, ""), ""),
        step("delete", u, state(u, ",\"delete\":true,\"id\":\"old-bucket-1\"")
            .replace("\"id\":\"id-b\",", ""), "null", ""));
    Map<String, ResourceChange> c = byKey(p);
    assertThat(c).containsOnlyKeys("aws:s3/bucket:Bucket::b",
        "aws:s3/bucket:Bucket::b (deposed old-bucket-1)");
    assertThat(c.get("aws:s3/bucket:Bucket::b").kind()).isEqualTo(ChangeKind.NO_OP);
    Finding f = findings(p).get("aws:s3/bucket:Bucket::b (deposed old-bucket-1)");
    assertThat(f.action()).isEqualTo(FindingAction.DELETE);
    assertThat(f.explanation()).contains("left over from an earlier create-before-destroy");
  }

  @Test
  void deletingTheStackResourceMeansTheWholeStackIsDestroyed() throws Exception {
    String u = urn("aws:s3/bucket:Bucket", "b");
    String component = urn("my:app:Service", "svc");
    Plan p = digest(
        step("delete", u, state(u, ",\"parent\":\"" + component + "\"")
            .replace(",\"parent\":\"" + STACK + "\"", ""), "null", ""),
        step("delete", component, "{\"urn\":\"" + component + "\",\"type\":\"my:app:Service\","
            + "\"custom\":false,\"parent\":\"" + STACK + "\"}", "null", ""),
        step("delete", STACK, "{\"urn\":\"" + STACK + "\",\"type\":\"pulumi:pulumi:Stack\","
            + "\"custom\":false}", "null", ""));
    Map<String, ResourceChange> c = byKey(p);
    assertThat(c.get("aws:s3/bucket:Bucket::b").why()).startsWith("the whole stack is destroyed");
    assertThat(c.get("my:app:Service::svc").why()).contains("it is a component");
    Map<String, Finding> f = findings(p);
    // children hang off their parents: the stack reaches everything, the component its bucket
    assertThat(f.get("pulumi:pulumi:Stack::app-dev").downstream().changing())
        .containsExactlyInAnyOrder("aws:s3/bucket:Bucket::b", "my:app:Service::svc");
    assertThat(f.get("my:app:Service::svc").downstream().changing())
        .containsExactly("aws:s3/bucket:Bucket::b");
  }

  // ---- dependencies, catalogue, location -----------------------------------------------------

  @Test
  void stateOnlyDependentsJoinTheBlastRadiusUnlisted() throws Exception {
    String key = urn("aws:kms/key:Key", "k");
    String param = urn("aws:ssm/parameter:Parameter", "p");
    String fn = urn("aws:lambda/function:Function", "f");
    String export = "{\"version\":3,\"deployment\":{\"manifest\":{},\"resources\":["
        + "{\"urn\":\"" + STACK + "\",\"type\":\"pulumi:pulumi:Stack\"},"
        + "{\"urn\":\"" + PROVIDER + "\",\"type\":\"pulumi:providers:aws\",\"custom\":true,"
        + "\"id\":\"3f1a\"},"
        + state(key, "") + ","
        + state(param, ",\"dependencies\":[\"" + key + "\"]") + ","
        + state(fn, ",\"propertyDependencies\":{\"environment\":[\"" + param + "\"],"
            + "\"role\":[]}") + "]}}";
    Plan p = read("{\"steps\":[" + step("delete", key, state(key, ""), "null", "") + "]}",
        export);
    Map<String, ResourceChange> c = byKey(p);
    assertThat(c.get("aws:kms/key:Key::k").listed()).isTrue();
    assertThat(c.get("aws:ssm/parameter:Parameter::p").listed()).isFalse();
    assertThat(c.get("aws:lambda/function:Function::f").listed()).isFalse();
    assertThat(p.listedChanges()).hasSize(1);
    Finding f = findings(p).get("aws:kms/key:Key::k");
    // the function depends on the key only through the parameter (propertyDependencies)
    assertThat(f.downstream().unchanged()).containsExactly(
        "aws:lambda/function:Function::f", "aws:ssm/parameter:Parameter::p");
    assertThat(f.explanation()).contains("2 resources depend on it (2 not changed by this plan)");
    assertThat(f.critical()).isTrue();
    assertThat(f.category()).isEqualTo("key");
  }

  @Test
  void dependenciesInStepStatesCountWithoutAStackExport() throws Exception {
    String role = urn("aws:iam/role:Role", "r");
    String attach = urn("aws:iam/rolePolicyAttachment:RolePolicyAttachment", "a");
    Plan p = digest(step("delete", role, state(role, ""), "null", ""),
        step("same", attach, state(attach, ",\"dependencies\":[\"" + role + "\"]"),
            state(attach, ",\"dependencies\":[\"" + role + "\"]"), ""));
    Finding f = findings(p).get("aws:iam/role:Role::r");
    assertThat(f.downstream().unchanged())
        .containsExactly("aws:iam/rolePolicyAttachment:RolePolicyAttachment::a");
  }

  @Test
  void anExportOfAnotherStackIsNoticed() throws Exception {
    String u = urn("aws:s3/bucket:Bucket", "b");
    String other = "urn:pulumi:prod::other::aws:s3/bucket:Bucket::x";
    Plan p = read("{\"steps\":[" + step("delete", u, state(u, ""), "null", "") + "]}",
        "{\"version\":3,\"deployment\":{\"resources\":[{\"urn\":\"" + other + "\"}]}}");
    assertThat(p.warnings()).anyMatch(w -> w.contains("shares no resource with the preview"));
  }

  @Test
  void catalogueAttributesAreReadInTerraformShapeForRecoverability() throws Exception {
    String u = urn("aws:rds/instance:Instance", "main");
    Plan p = digest(step("delete", u, state(u, ",\"inputs\":{\"skipFinalSnapshot\":true,"
        + "\"engine\":\"postgres\"},\"outputs\":{\"skipFinalSnapshot\":true,"
        + "\"backupRetentionPeriod\":0,\"userData\":\"x\"}"), "null", ""));
    ResourceChange c = p.changes().get(0);
    assertThat(c.type()).isEqualTo("aws:rds/instance:Instance");
    assertThat(c.before()).containsEntry("skip_final_snapshot", true)
        .containsEntry("backup_retention_period", 0).doesNotContainKey("engine");
    Finding f = findings(p).get("aws:rds/instance:Instance::main");
    assertThat(f.critical()).isTrue();
    assertThat(f.category()).isEqualTo("database");
    assertThat(f.recoverable()).isFalse();
    assertThat(f.explanation()).contains("Data cannot be recovered");
  }

  @Test
  void theProgramPositionBecomesTheLocation() throws Exception {
    String mine = urn("aws:s3/bucket:Bucket", "mine");
    String lib = urn("aws:s3/bucket:Bucket", "lib");
    Plan p = digest(
        step("delete", mine, state(mine, ",\"sourcePosition\":\"project:///src/index.ts#12,5\""),
            "null", ""),
        step("delete", lib, state(lib,
            ",\"sourcePosition\":\"project:///node_modules/@pulumi/aws/s3.ts#3,1\""), "null",
            ""));
    Map<String, ResourceChange> c = byKey(p);
    assertThat(c.get("aws:s3/bucket:Bucket::mine").location()).isEqualTo("src/index.ts:12");
    assertThat(c.get("aws:s3/bucket:Bucket::lib").location()).isNull();
    assertThat(findings(p).get("aws:s3/bucket:Bucket::mine").location())
        .isEqualTo("src/index.ts:12");
  }

  @Test
  void clashingShortNamesKeepTheirParentChainsInTheAddress() throws Exception {
    String a = "urn:pulumi:dev::app::my:app:Service$aws:s3/bucket:Bucket::data";
    String b = "urn:pulumi:dev::app::my:app:Worker$aws:s3/bucket:Bucket::data";
    Plan p = digest(step("delete", a, state(a, ""), "null", ""),
        step("delete", b, state(b, ""), "null", ""));
    assertThat(byKey(p)).containsOnlyKeys("my:app:Service$aws:s3/bucket:Bucket::data",
        "my:app:Worker$aws:s3/bucket:Bucket::data");
    assertThat(findings(p)).hasSize(2);
  }

  // ---- event stream details ------------------------------------------------------------------

  @Test
  void eventsAreDeduplicatedAndTheCloudTypeDiscriminatorIsAccepted() throws Exception {
    String u = urn("aws:s3/bucket:Bucket", "b");
    String pre = event("resourcePreEvent", "delete", u, state(u, ""), "null", "");
    Plan p = events(
        "{\"timestamp\":1,\"type\":\"policyLoadEvent\",\"policyLoadEvent\":{}}",
        pre.replace("{\"sequence\":1,", "{\"type\":\"resourcePreEvent\","),
        event("resOutputsEvent", "delete", u, state(u, ""), "null", ""),
        SUMMARY);
    assertThat(p.changes()).singleElement().satisfies(c -> {
      assertThat(c.kind()).isEqualTo(ChangeKind.DELETE);
      assertThat(c.rawActions()).containsExactly("delete");
    });
    assertThat(p.complete()).isTrue();
  }

  @Test
  void aStreamThatStopsBeforeItsSummaryIsAnInputError() {
    // Deletes come last: a stream cut before its summary may hide exactly them.
    String u = urn("aws:s3/bucket:Bucket", "b");
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> events(both("same", u, state(u, ""), state(u, ""), "")))
        .isInstanceOf(dev.plangate.core.plan.PlanReadException.class)
        .hasMessageContaining("no summaryEvent");
  }

  @Test
  void aSummaryThatCountsDeletesTheStepsDoNotShowIsAnInputError() {
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> read(
            "{\"steps\":[],\"changeSummary\":{\"delete\":1,\"same\":3}}", null))
        .isInstanceOf(dev.plangate.core.plan.PlanReadException.class)
        .hasMessageContaining("changeSummary counts 1 delete or replace step(s)");
  }

  @Test
  void errorsAndFailedStepsAreReported() throws Exception {
    String u = urn("aws:s3/bucket:Bucket", "b");
    Plan p = events(
        "{\"sequence\":1,\"timestamp\":1,\"diagnosticEvent\":{\"urn\":\"" + u + "\","
            + "\"message\":\"error: access denied\\nmore\",\"severity\":\"error\"}}",
        "{\"sequence\":2,\"timestamp\":1,\"resOpFailedEvent\":{\"metadata\":{\"op\":\"update\","
            + "\"urn\":\"" + u + "\"},\"status\":1,\"steps\":1}}",
        SUMMARY.replace("\"PolicyPacks\":{}", "\"PolicyPacks\":{},\"result\":\"failed\""));
    assertThat(p.errored()).isTrue();
    assertThat(p.warnings()).anyMatch(w -> w.contains("error: access denied")
        && !w.contains("more"));
    assertThat(p.warnings()).anyMatch(w -> w.contains("1 step(s) failed"));
  }

  @Test
  void aDigestWithAnErrorDiagnosticIsErrored() throws Exception {
    Plan p = read("{\"steps\":[],\"diagnostics\":[{\"message\":\"boom\",\"severity\":\"error\"},"
        + "{\"message\":\"fine\",\"severity\":\"info\"}],\"changeSummary\":{},"
        + "\"maybeCorrupt\":true}", null);
    assertThat(p.errored()).isTrue();
    assertThat(p.warnings()).anyMatch(w -> w.contains("boom")).noneMatch(w -> w.contains("fine"))
        .anyMatch(w -> w.contains("maybeCorrupt"));
  }

  @Test
  void anArrayOfEventsReadsLikeAStream() throws Exception {
    String u = urn("aws:s3/bucket:Bucket", "b");
    Plan p = read("[" + event("resourcePreEvent", "delete", u, state(u, ""), "null", "") + ","
        + SUMMARY + "]", null);
    assertThat(p.changes()).singleElement()
        .satisfies(c -> assertThat(c.kind()).isEqualTo(ChangeKind.DELETE));
  }

  @Test
  void theFormatIsPulumi() throws Exception {
    Plan p = digest();
    assertThat(p.format().id()).isEqualTo("pulumi");
    assertThat(p.changes()).isEmpty();
    assertThat(List.of(p.complete(), p.errored())).containsExactly(true, false);
  }

  /** The plan's warnings but the one every preview without a stack export has. */
  static List<String> otherWarnings(Plan plan) {
    return plan.warnings().stream()
        .filter(w -> !w.equals(Plan.dependenciesUnknownWarning(plan.format()))).toList();
  }
}
