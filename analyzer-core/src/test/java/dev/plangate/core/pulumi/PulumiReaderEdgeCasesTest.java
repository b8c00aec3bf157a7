package dev.plangate.core.pulumi;

import static dev.plangate.core.pulumi.PulumiOpsTest.both;
import static dev.plangate.core.pulumi.PulumiOpsTest.byKey;
import static dev.plangate.core.pulumi.PulumiOpsTest.state;
import static dev.plangate.core.pulumi.PulumiOpsTest.step;
import static dev.plangate.core.pulumi.PulumiOpsTest.urn;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.plangate.core.catalog.ResourceCatalog;
import dev.plangate.core.model.ChangeKind;
import dev.plangate.core.model.Plan;
import dev.plangate.core.model.ReplaceOrder;
import dev.plangate.core.model.ResourceChange;
import dev.plangate.core.plan.PlanReadException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The decisions PIT showed no test pinned down (see docs/quality.md): replacements told only by
 * their states, steps that are not replacements, the summary and error checks that keep a cut or
 * failed preview from passing, the stack export's second shape, and the messages that name what
 * is wrong.
 */
class PulumiReaderEdgeCasesTest {
  private static final String SUMMARY = PulumiOpsTest.SUMMARY;
  @TempDir Path dir;

  private Plan read(String preview, String export) throws Exception {
    Path f = dir.resolve("preview-" + System.nanoTime() + ".json");
    Files.writeString(f, preview);
    Path e = null;
    if (export != null) {
      e = dir.resolve("export-" + System.nanoTime() + ".json");
      Files.writeString(e, export);
    }
    return new PulumiPreviewReader(ResourceCatalog.builtin()).read(f, e, "preview.json");
  }

  private Plan digest(String... steps) throws Exception {
    return read("{\"steps\":[" + String.join(",", steps) + "],\"changeSummary\":{}}", null);
  }

  private Plan events(String... lines) throws Exception {
    return read(String.join("\n", lines) + "\n", null);
  }

  private AbstractThrowableAssert<?, ? extends Throwable> failsReading(String preview,
      String export) {
    return assertThatThrownBy(() -> read(preview, export)).isInstanceOf(PlanReadException.class);
  }

  private static ResourceChange only(Plan p) {
    assertThat(p.changes()).hasSize(1);
    return p.changes().get(0);
  }

  // ---- replacements told by their states alone -----------------------------------------------

  @Test
  void aLogicalReplaceWhoseNewStateImportsIsAReplacementThatImports() throws Exception {
    String u = urn("aws:s3/bucket:Bucket", "b");
    ResourceChange c = only(digest(step("replace", u, state(u, ""),
        state(u, ",\"importID\":\"bucket-9\""), ",\"replaceReasons\":[\"bucket\"]")));
    assertThat(c.kind()).isEqualTo(ChangeKind.REPLACE);
    assertThat(c.importing()).isTrue();
    assertThat(c.why()).contains("an existing object is imported in its place (id bucket-9)");
  }

  @Test
  void aLogicalReplaceWhoseNewStateIsOnlyReadDeletesTheManagedObject() throws Exception {
    String u = urn("aws:s3/bucket:Bucket", "b");
    ResourceChange c = only(digest(step("replace", u, state(u, ""),
        state(u, ",\"external\":true"), "")));
    assertThat(c.kind()).isEqualTo(ChangeKind.DELETE);
    assertThat(c.order()).isNull();
    assertThat(c.why()).startsWith("the program now reads an existing object (id id-b)");
  }

  @Test
  void aLogicalReplaceOfAnObjectThatWasOnlyReadDestroysNothing() throws Exception {
    String u = urn("aws:s3/bucket:Bucket", "b");
    ResourceChange c = only(digest(step("replace", u, state(u, ",\"external\":true"),
        state(u, ""), "")));
    assertThat(c.kind()).isEqualTo(ChangeKind.CREATE);
    assertThat(c.why()).contains("only read, so nothing is destroyed");
  }

  @Test
  void theOldStatesDeleteBeforeReplaceFlagOrdersALogicalReplace() throws Exception {
    String u = urn("aws:s3/bucket:Bucket", "b");
    String n = urn("aws:s3/bucket:Bucket", "n");
    Plan p = digest(
        step("replace", u, state(u, ",\"deleteBeforeReplace\":true"), state(u, ""), ""),
        step("replace", n, state(n, ""), state(n, ",\"deleteBeforeReplace\":true"), ""));
    for (ResourceChange c : p.changes()) {
      assertThat(c.order()).as(c.key()).isEqualTo(ReplaceOrder.DELETE_BEFORE_CREATE);
      assertThat(c.why()).contains("deleted before the new one exists");
    }
    // No stack export was given: the only warning says the dependencies are unknown.
    assertThat(p.warnings()).containsExactly(Plan.dependenciesUnknownWarning(p.format()));
  }

  @Test
  void aKeptObjectReplacedByAReadOneIsForgottenWithoutAnOrder() throws Exception {
    String u = urn("aws:s3/bucket:Bucket", "b");
    String old = state(u, ",\"retainOnDelete\":true");
    ResourceChange c = only(events(
        both("read-replacement", u, old, state(u, ",\"external\":true"), ""),
        both("delete-replaced", u, old, "null", ""), SUMMARY));
    assertThat(c.kind()).isEqualTo(ChangeKind.FORGET);
    assertThat(c.order()).isNull();
    assertThat(c.why()).contains("retainOnDelete", "an existing object is read in its place")
        .doesNotContain("a new one takes its place");
  }

  @Test
  void aRemovePendingReplaceBesideTheLogicalReplaceIsAReplacementWhoseOldObjectIsGone()
      throws Exception {
    String u = urn("aws:s3/bucket:Bucket", "b");
    ResourceChange c = only(digest(
        step("remove-pending-replace", u, state(u, ""), "null", ""),
        step("replace", u, state(u, ""), state(u, ""), ",\"replaceReasons\":[\"bucket\"]")));
    assertThat(c.kind()).isEqualTo(ChangeKind.REPLACE);
    assertThat(c.order()).isEqualTo(ReplaceOrder.DELETE_BEFORE_CREATE);
    assertThat(c.why()).contains("already deleted by an interrupted delete-before-replace");
  }

  // ---- objects with several steps that are not a replacement -----------------------------------

  @Test
  void theMostDestructiveOfUnrelatedStepsDecidesWhateverTheirOrder() throws Exception {
    String a = urn("aws:s3/bucket:Bucket", "a");
    String b = urn("aws:s3/bucket:Bucket", "b");
    Plan p = digest(
        step("update", a, state(a, ""), state(a, ""), ",\"diffReasons\":[\"tags\"]"),
        step("delete", a, state(a, ""), "null", ""),
        step("delete", b, state(b, ""), "null", ""),
        step("update", b, state(b, ""), state(b, ""), ",\"diffReasons\":[\"tags\"]"));
    assertThat(byKey(p).values()).extracting(ResourceChange::kind)
        .containsOnly(ChangeKind.DELETE);
  }

  @Test
  void aRefreshOnlyObjectIsManagedUnlessItWasOnlyRead() throws Exception {
    String mine = urn("aws:s3/bucket:Bucket", "mine");
    String theirs = urn("aws:s3/bucket:Bucket", "theirs");
    String gone = urn("aws:s3/bucket:Bucket", "gone");
    Plan p = digest(
        step("refresh", mine, state(mine, ""), state(mine, ""), ""),
        step("refresh", theirs, state(theirs, ",\"external\":true"),
            state(theirs, ",\"external\":true"), ""),
        step("refresh", gone, state(gone, ",\"external\":true"), "null", ""));
    var c = byKey(p);
    assertThat(c.values()).extracting(ResourceChange::kind).containsOnly(ChangeKind.READ);
    assertThat(c.get("aws:s3/bucket:Bucket::mine").managed()).isTrue();
    assertThat(c.get("aws:s3/bucket:Bucket::theirs").managed()).isFalse();
    assertThat(c.get("aws:s3/bucket:Bucket::gone").managed()).isFalse();
  }

  @Test
  void aDeleteThatGoesWithAnotherResourceSaysWhich() throws Exception {
    String u = urn("aws:s3/bucketObject:BucketObject", "o");
    String owner = urn("aws:s3/bucket:Bucket", "b");
    ResourceChange c = only(digest(step("delete", u,
        state(u, ",\"deletedWith\":\"" + owner + "\""), "null", "")));
    assertThat(c.kind()).isEqualTo(ChangeKind.DELETE);
    assertThat(c.why()).isEqualTo("the program no longer declares it; it goes with"
        + " aws:s3/bucket:Bucket::b (deletedWith)");
  }

  @Test
  void aNullFlagIsAnUnsetFlag() throws Exception {
    String u = urn("aws:s3/bucket:Bucket", "b");
    ResourceChange c = only(digest(step("delete", u,
        state(u, ",\"protect\":null,\"retainOnDelete\":null"), "null", "")));
    assertThat(c.kind()).isEqualTo(ChangeKind.DELETE);
    assertThat(c.why()).isEqualTo("the program no longer declares it");
  }

  // ---- what the words say ------------------------------------------------------------------------

  @Test
  void anUpdateWithoutDiffReasonsIsExplainedByItsDetailedDiff() throws Exception {
    String u = urn("aws:s3/bucket:Bucket", "b");
    ResourceChange c = only(digest(step("update", u, state(u, ""), state(u, ""),
        ",\"detailedDiff\":{\"tags.Team\":{\"kind\":\"update\"},\"policy\":{\"kind\":0}}")));
    assertThat(c.why()).isEqualTo("it changes tags and policy");
  }

  @Test
  void manyChangedPropertiesAreCutAfterFive() throws Exception {
    String u = urn("aws:s3/bucket:Bucket", "b");
    ResourceChange c = only(digest(step("update", u, state(u, ""), state(u, ""),
        ",\"diffReasons\":[\"a\",\"b\",\"c\",\"d\",\"e\",\"f\",\"g\"]")));
    assertThat(c.why()).isEqualTo("it changes a, b, c, d, e and 2 more");
  }

  @Test
  void theReplacementNamesWhatElseChangesButNotTheCauseTwice() throws Exception {
    String byReason = urn("aws:ec2/instance:Instance", "r");
    String byKind = urn("aws:ec2/instance:Instance", "k");
    Plan p = digest(
        step("replace", byReason, state(byReason, ",\"delete\":true"), state(byReason, ""),
            ",\"replaceReasons\":[\"ami\"],\"diffReasons\":[\"ami\",\"tags\"]"),
        step("replace", byKind, state(byKind, ",\"delete\":true"), state(byKind, ""),
            ",\"detailedDiff\":{\"ami\":{\"kind\":\"update-replace\"},"
                + "\"tags\":{\"kind\":\"update\"}}"));
    for (ResourceChange c : p.changes()) {
      assertThat(c.why()).as(c.key())
          .isEqualTo("changing ami forces replacement (it also changes tags)");
    }
  }

  @Test
  void numericDiffKindsAtBothEndsOfTheTableAndBeyondIt() throws Exception {
    String u = urn("aws:s3/bucket:Bucket", "b");
    ResourceChange c = only(digest(step("replace", u, state(u, ",\"delete\":true"),
        state(u, ""), ",\"detailedDiff\":{\"acl\":{\"kind\":0},\"bucket\":{\"kind\":5},"
            + "\"tags\":{\"kind\":6}}")));
    // 0 is add (not a replacement), 5 update-replace, 6 no kind Pulumi defines today
    assertThat(c.replacePaths()).containsExactly("bucket");
    assertThat(c.why()).isEqualTo("changing bucket forces replacement (it also changes acl and"
        + " tags)");
  }

  @Test
  void aNumericIdIsKeptAsText() throws Exception {
    String u = urn("aws:s3/bucket:Bucket", "b");
    String neu = state(u, ",\"external\":true").replace("\"id\":\"id-b\"", "\"id\":4711");
    ResourceChange c = only(events(
        both("read-replacement", u, state(u, ""), neu, ""),
        both("delete-replaced", u, state(u, ""), "null", ""), SUMMARY));
    assertThat(c.kind()).isEqualTo(ChangeKind.DELETE);
    assertThat(c.why()).contains("(id 4711)");
  }

  @Test
  void outputsWinOverInputsForTheCatalogueAttributes() throws Exception {
    String u = urn("aws:rds/instance:Instance", "main");
    ResourceChange c = only(digest(step("delete", u, state(u,
        ",\"outputs\":{\"skipFinalSnapshot\":true},\"inputs\":{\"skipFinalSnapshot\":false}"),
        "null", "")));
    assertThat(c.before()).containsEntry("skip_final_snapshot", true);
    ResourceChange inputsOnly = only(digest(step("delete", u, state(u,
        ",\"inputs\":{\"skipFinalSnapshot\":false}"), "null", "")));
    assertThat(inputsOnly.before()).containsEntry("skip_final_snapshot", false);
  }

  @Test
  void acronymsAtTheEndOfAPropertyNameBecomeOneWord() {
    assertThat(PulumiTypes.snake("bucketARN")).isEqualTo("bucket_arn");
    assertThat(PulumiTypes.snake("vpcID")).isEqualTo("vpc_id");
    assertThat(PulumiTypes.snake("HTTPServer")).isEqualTo("http_server");
  }

  // ---- summaries, errors and drift ---------------------------------------------------------------

  @Test
  void aSummaryCountingDeletesBesideHarmlessStepsIsStillRefused() {
    String u = urn("aws:s3/bucket:Bucket", "b");
    failsReading("{\"steps\":[" + step("same", u, state(u, ""), state(u, ""), "")
        + "],\"changeSummary\":{\"same\":1,\"delete\":2}}", null)
        .hasMessageContaining("changeSummary counts 2 delete or replace step(s)");
  }

  @Test
  void aSummaryOfHarmlessStepsOnlyReadsNormally() throws Exception {
    String u = urn("aws:s3/bucket:Bucket", "b");
    Plan p = read("{\"steps\":[" + step("same", u, state(u, ""), state(u, ""), "")
        + "],\"changeSummary\":{\"same\":1,\"create\":0}}", null);
    assertThat(only(p).kind()).isEqualTo(ChangeKind.NO_OP);
    assertThat(p.warnings()).isEmpty();
  }

  @Test
  void errorEventsMakeThePreviewErroredAndAreNamed() throws Exception {
    String u = urn("aws:s3/bucket:Bucket", "b");
    Plan p = events(both("same", u, state(u, ""), state(u, ""), ""),
        "{\"sequence\":2,\"timestamp\":1,\"errorEvent\":{\"error\":\"quota exceeded\\nstack\","
            + "\"code\":7}}",
        "{\"sequence\":3,\"timestamp\":1,\"errorEvent\":{\"error\":5}}",
        "{\"sequence\":4,\"timestamp\":1,\"errorEvent\":{}}",
        "{\"sequence\":5,\"timestamp\":1,\"errorEvent\":{\"error\":\"disk full\"}}", SUMMARY);
    assertThat(p.errored()).isTrue();
    assertThat(p.warnings()).singleElement().asString()
        .contains("quota exceeded; (no message); (no message); and 1 more")
        .doesNotContain("stack", "disk full");
  }

  @Test
  void aSummaryThatSaysFailedOrMaybeCorruptIsReported() throws Exception {
    String u = urn("aws:s3/bucket:Bucket", "b");
    Plan p = events(both("same", u, state(u, ""), state(u, ""), ""),
        SUMMARY.replace("\"maybeCorrupt\":false", "\"maybeCorrupt\":true,\"result\":\"failed\""));
    assertThat(p.errored()).isTrue();
    assertThat(p.warnings()).anyMatch(w -> w.contains("maybeCorrupt: true"))
        .anyMatch(w -> w.contains("the summary says the update failed"));
    Plan fine = events(both("same", u, state(u, ""), state(u, ""), ""),
        SUMMARY.replace("\"maybeCorrupt\":false", "\"result\":\"succeeded\""));
    assertThat(fine.errored()).isFalse();
    assertThat(fine.warnings()).isEmpty();
  }

  @Test
  void onlyARefreshThatFindsADifferenceIsDrift() throws Exception {
    String a = urn("aws:s3/bucket:Bucket", "a");
    String b = urn("aws:s3/bucket:Bucket", "b");
    String c = urn("aws:s3/bucket:Bucket", "c");
    Plan p = digest(
        step("refresh", a, state(a, ""), state(a, ""), ""),
        step("refresh", b, state(b, ""), state(b, ""),
            ",\"detailedDiff\":{\"tags\":{\"kind\":\"update\"}}"),
        step("refresh", c, state(c, ""), state(c, ""), ",\"diffReasons\":[\"acl\"]"));
    assertThat(p.driftCount()).isEqualTo(2);
  }

  // ---- shapes that are refused, with the place named -----------------------------------------------

  @Test
  void misshapenPartsOfAStepAreRefusedByName() {
    String u = urn("aws:s3/bucket:Bucket", "b");
    failsReading("{\"steps\":[" + step("delete", u, "5", "null", "") + "]}", null)
        .hasMessageContaining("steps[0].oldState");
    failsReading("{\"steps\":[" + step("update", u, state(u, ""), state(u, ""),
        ",\"detailedDiff\":[]") + "]}", null).hasMessageContaining("steps[0].detailedDiff");
    failsReading("{\"steps\":[" + step("delete", u,
        state(u, ",\"propertyDependencies\":[]"), "null", "") + "]}", null)
        .hasMessageContaining("propertyDependencies");
    failsReading("{\"steps\":[" + step("delete", u, state(u, ""), "null", "")
        .replace("\"op\":\"delete\"", "\"op\":null") + "]}", null)
        .hasMessageContaining("steps[0] has no op");
  }

  @Test
  void misshapenDiagnosticsAndEventsAreRefusedByName() {
    String u = urn("aws:s3/bucket:Bucket", "b");
    failsReading("{\"steps\":[],\"diagnostics\":{}}", null).hasMessageContaining("diagnostics");
    failsReading("{\"steps\":[],\"diagnostics\":[{\"severity\":\"info\"},5]}", null)
        .hasMessageContaining("diagnostics[1]");
    failsReading("{\"sequence\":1,\"resourcePreEvent\":{\"metadata\":[]}}\n" + SUMMARY, null)
        .hasMessageContaining("resourcePreEvent.metadata");
    failsReading("[{\"preludeEvent\":{}},5]", null).hasMessageContaining("[1]");
    failsReading(both("same", u, state(u, ""), state(u, ""), "") + "\n"
        + "{\"steps\":[]}\n" + SUMMARY, null)
        .hasMessageContaining("value 3 mixes a preview digest into an engine event stream");
  }

  @Test
  void anArrayMustStartWithAnEventButLaterObjectsMayBeAnything() throws Exception {
    failsReading("[{\"sequence\":1}," + SUMMARY + "]", null)
        .hasMessageContaining("not a Pulumi preview: [0]");
    String u = urn("aws:s3/bucket:Bucket", "b");
    Plan p = read("[" + PulumiOpsTest.event("resourcePreEvent", "delete", u, state(u, ""), "null",
        "") + ",{\"sequence\":2}," + SUMMARY + "]", null);
    assertThat(only(p).kind()).isEqualTo(ChangeKind.DELETE);
  }

  // ---- the stack export ----------------------------------------------------------------------------

  @Test
  void aCheckpointShapedExportGivesTheSameDependencies() throws Exception {
    String role = urn("aws:iam/role:Role", "r");
    String attach = urn("aws:iam/rolePolicyAttachment:RolePolicyAttachment", "a");
    String resources = "[" + state(role, "") + ","
        + state(attach, ",\"dependencies\":[\"" + role + "\"]") + "]";
    Plan p = read("{\"steps\":[" + step("delete", role, state(role, ""), "null", "") + "]}",
        "{\"version\":1,\"checkpoint\":{\"stack\":\"dev\",\"latest\":{\"resources\":" + resources
            + "}}}");
    var c = byKey(p);
    ResourceChange unlisted = c.get("aws:iam/rolePolicyAttachment:RolePolicyAttachment::a");
    assertThat(unlisted.listed()).isFalse();
    assertThat(p.dependencies().toString()).isNotEmpty();
    var f = PulumiOpsTest.findings(p).get("aws:iam/role:Role::r");
    assertThat(f.downstream().unchanged())
        .containsExactly("aws:iam/rolePolicyAttachment:RolePolicyAttachment::a");
    Plan nullCheckpoint = read("{\"steps\":[]}",
        "{\"checkpoint\":null,\"deployment\":{\"resources\":[]}}");
    assertThat(nullCheckpoint.changes()).isEmpty();
  }

  @Test
  void aStateOnlyResourceWithoutATypeTakesItFromItsUrn() throws Exception {
    String role = urn("aws:iam/role:Role", "r");
    String attach = urn("aws:iam/rolePolicyAttachment:RolePolicyAttachment", "a");
    Plan p = read("{\"steps\":[" + step("delete", role, state(role, ""), "null", "") + "]}",
        "{\"deployment\":{\"resources\":[" + state(role, "") + ",{\"urn\":\"" + attach
            + "\",\"dependencies\":[\"" + role + "\"]}]}}");
    assertThat(byKey(p).get("aws:iam/rolePolicyAttachment:RolePolicyAttachment::a").type())
        .isEqualTo("aws:iam/rolePolicyAttachment:RolePolicyAttachment");
  }

  @Test
  void aNewStackWhoseExportHoldsNoneOfItsResourcesIsNotWarnedAbout() throws Exception {
    String u = urn("aws:s3/bucket:Bucket", "new");
    String other = urn("aws:s3/bucket:Bucket", "elsewhere");
    Plan p = read("{\"steps\":[" + step("create", u, "null", state(u, ""), "") + "]}",
        "{\"deployment\":{\"resources\":[" + state(other, "") + "]}}");
    assertThat(p.warnings()).isEmpty();
  }

  @Test
  void aMisshapenStackExportIsRefusedByName() {
    String u = urn("aws:s3/bucket:Bucket", "b");
    String preview = "{\"steps\":[" + step("delete", u, state(u, ""), "null", "") + "]}";
    failsReading(preview, "[]").hasMessageContaining("the stack export");
    failsReading(preview, "{\"deployment\":[]}").hasMessageContaining("deployment");
    failsReading(preview, "{\"deployment\":{\"resources\":{}}}")
        .hasMessageContaining("deployment.resources");
    failsReading(preview, "{\"checkpoint\":[]}").hasMessageContaining("checkpoint");
  }

  // ---- sniffing ------------------------------------------------------------------------------------

  @Test
  void theSniffLooksPastLeadingSpaceAndIntoPrettyPrintedStreams() {
    assertThat(PulumiPreviewReader.looksLike(bytes("  \n {\"steps\":[],\"changeSummary\":{}}")))
        .isTrue();
    assertThat(PulumiPreviewReader.looksLike(bytes("[\n  {\n    \"sequence\": 0,\n"
        + "    \"preludeEvent\": {\n      \"config\": {}\n    }\n  }\n]"))).isTrue();
    assertThat(PulumiPreviewReader.looksLike(bytes(" \n\t "))).isFalse();
    assertThat(PulumiPreviewReader.looksLike(bytes("x{\"steps\":[],\"changeSummary\":{}}")))
        .isFalse();
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
