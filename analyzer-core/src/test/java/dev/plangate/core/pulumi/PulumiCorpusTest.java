package dev.plangate.core.pulumi;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.plangate.core.catalog.ResourceCatalog;
import dev.plangate.core.graph.ResourceGraph;
import dev.plangate.core.impact.Finding;
import dev.plangate.core.impact.FindingAction;
import dev.plangate.core.impact.ImpactAnalyzer;
import dev.plangate.core.model.ChangeKind;
import dev.plangate.core.model.Plan;
import dev.plangate.core.model.ReplaceOrder;
import dev.plangate.core.model.ResourceChange;
import dev.plangate.core.testing.CorpusTest;
import dev.plangate.core.testing.SharedCorpus;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every real Pulumi file of the shared corpus, with what its MANIFEST notes and name promise
 * checked against counts taken from the raw JSON by this test, not by the reader.
 */
@CorpusTest
class PulumiCorpusTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final ResourceCatalog CATALOG = ResourceCatalog.builtin();

  static Path corpus() {
    return SharedCorpus.root().resolve("corpus/pulumi");
  }

  /** Every preview digest and event stream, as {@code folder/file}. */
  static Stream<String> previews() throws IOException {
    List<String> out = new ArrayList<>();
    for (String folder : List.of("preview-json", "engine-events")) {
      try (Stream<Path> files = Files.list(corpus().resolve(folder))) {
        files.map(f -> folder + "/" + f.getFileName()).sorted().forEach(out::add);
      }
    }
    return out.stream();
  }

  /** The stack export the MANIFEST pairs with a preview, or null. */
  static Path stateFor(String file) {
    String base = file.substring(file.indexOf('/') + 1).replaceAll("\\.json$", "");
    Path own = corpus().resolve("state/" + base + ".state.json");
    if (Files.exists(own)) {
      return own;
    }
    // MANIFEST: the stratify export is "of the same sample stack" as all three stratify previews
    return base.startsWith("stratify-") ? corpus().resolve("state/stratify-sample-export.json")
        : null;
  }

  static Plan read(String file, boolean withState) throws Exception {
    return new PulumiPreviewReader(CATALOG).read(corpus().resolve(file),
        withState ? stateFor(file) : null, file);
  }

  static List<Finding> findings(Plan p) {
    return new ImpactAnalyzer(CATALOG).analyze(p);
  }

  // ---- raw JSON, read independently of the reader --------------------------------------------

  /** Each step of a digest, or each resourcePreEvent's metadata of a stream, in file order. */
  static List<JsonNode> rawSteps(String file) throws IOException {
    Path f = corpus().resolve(file);
    if (file.startsWith("preview-json/")) {
      List<JsonNode> out = new ArrayList<>();
      JSON.readTree(f.toFile()).path("steps").forEach(out::add);
      return out;
    }
    List<JsonNode> out = new ArrayList<>();
    for (String line : Files.readAllLines(f)) {
      if (!line.isBlank()) {
        JsonNode e = JSON.readTree(line);
        if (e.has("resourcePreEvent")) {
          out.add(e.path("resourcePreEvent").path("metadata"));
        }
      }
    }
    return out;
  }

  /** The change counts the tool itself printed: changeSummary or summaryEvent. */
  static JsonNode rawSummary(String file) throws IOException {
    Path f = corpus().resolve(file);
    if (file.startsWith("preview-json/")) {
      return JSON.readTree(f.toFile()).path("changeSummary");
    }
    for (String line : Files.readAllLines(f)) {
      if (line.contains("\"summaryEvent\"")) {
        return JSON.readTree(line).path("summaryEvent").path("resourceChanges");
      }
    }
    throw new AssertionError(file + " has no summaryEvent");
  }

  /** Own type and name: the address the reader must give (these files have no clashes). */
  static String shortName(String urn) {
    String[] parts = urn.split("::", 4);
    String type = parts[2].substring(parts[2].lastIndexOf('$') + 1);
    return type + "::" + parts[3];
  }

  static Set<String> urnsWithOp(List<JsonNode> steps, String... ops) {
    Set<String> wanted = Set.of(ops);
    Set<String> out = new LinkedHashSet<>();
    for (JsonNode s : steps) {
      if (wanted.contains(s.path("op").asText())) {
        out.add(shortName(s.path("urn").asText()));
      }
    }
    return out;
  }

  static Map<String, ResourceChange> byKey(Plan p) {
    return p.changes().stream()
        .collect(Collectors.toMap(ResourceChange::key, Function.identity()));
  }

  static Set<String> keysOfKind(Plan p, ChangeKind kind) {
    return p.listedChanges().stream().filter(c -> c.kind() == kind).map(ResourceChange::key)
        .collect(Collectors.toCollection(LinkedHashSet::new));
  }

  // ---- every file ----------------------------------------------------------------------------

  @Test
  void theManifestListsEveryFileAndNothingElse() throws IOException {
    Set<String> listed = new TreeSet<>();
    for (String line : Files.readAllLines(corpus().resolve("MANIFEST.tsv"))) {
      if (!line.startsWith("file\t") && !line.isBlank()) {
        listed.add(line.split("\t")[0]);
      }
    }
    Set<String> present = new TreeSet<>(previews().toList());
    try (Stream<Path> states = Files.list(corpus().resolve("state"))) {
      states.forEach(s -> present.add("state/" + s.getFileName()));
    }
    assertThat(listed).isEqualTo(present);
    assertThat(previews()).hasSize(11);
  }

  @ParameterizedTest
  @MethodSource("previews")
  void everyFileIsSniffedAndReadWithAndWithoutItsStackExport(String file) throws Exception {
    assertThat(PulumiPreviewReader.looksLike(corpus().resolve(file))).isTrue();
    for (boolean withState : new boolean[] {false, true}) {
      Plan p = read(file, withState);
      assertThat(p.format().id()).isEqualTo("pulumi");
      assertThat(p.source()).isEqualTo(file);
      assertThat(p.errored()).isFalse();
      assertThat(p.complete()).isTrue();
      // without an export the only warning is that dependencies are unknown
      assertThat(p.warnings()).allMatch(w -> w.equals(Plan.dependenciesUnknownWarning(p.format())));
      // one change per object: as many listed changes as distinct URNs in the raw steps
      Set<String> urns = new LinkedHashSet<>();
      rawSteps(file).forEach(s -> urns.add(s.path("urn").asText()));
      assertThat(p.listedChanges()).hasSize(urns.size());
      assertThat(p.listedChanges()).extracting(ResourceChange::key)
          .containsExactlyElementsOf(urns.stream().map(PulumiCorpusTest::shortName).toList());
      assertThat(p.changes()).extracting(ResourceChange::key).doesNotHaveDuplicates();
      assertThat(p.changes()).extracting(ResourceChange::kind)
          .doesNotContain(ChangeKind.UNKNOWN);
    }
  }

  @ParameterizedTest
  @MethodSource("previews")
  void findingsAgreeWithTheDeleteAndReplaceStepsOfTheRawFile(String file) throws Exception {
    List<JsonNode> steps = rawSteps(file);
    Plan p = read(file, true);
    Set<String> findings = findings(p).stream().map(Finding::key)
        .collect(Collectors.toCollection(TreeSet::new));
    Set<String> deleted = urnsWithOp(steps, "delete");
    Set<String> replaced = urnsWithOp(steps, "replace");
    // read-replacement and import-replacement: see their own tests below
    Set<String> readOrImport = urnsWithOp(steps, "read-replacement", "import-replacement");
    replaced.removeAll(readOrImport);
    assertThat(keysOfKind(p, ChangeKind.DELETE)).containsAll(deleted);
    assertThat(keysOfKind(p, ChangeKind.REPLACE)).isEqualTo(replaced);
    Set<String> expected = new TreeSet<>(deleted);
    expected.addAll(replaced);
    if (!readOrImport.isEmpty()) {
      return;
    }
    assertThat(findings).isEqualTo(expected);
  }

  @ParameterizedTest
  @MethodSource("previews")
  void kindsAddUpToTheSummaryPulumiPrinted(String file) throws Exception {
    if (file.contains("import-replacement") || file.contains("read-replacement")) {
      return; // Pulumi counts both as "replace"; plangate as CREATE and DELETE, tested below
    }
    JsonNode summary = rawSummary(file);
    Plan p = read(file, false);
    Map<String, Integer> counts = new TreeMap<>();
    for (ResourceChange c : p.listedChanges()) {
      counts.merge(c.kind().name(), 1, Integer::sum);
    }
    assertThat(counts.getOrDefault("CREATE", 0)).isEqualTo(summary.path("create").asInt());
    assertThat(counts.getOrDefault("UPDATE", 0)).isEqualTo(summary.path("update").asInt());
    assertThat(counts.getOrDefault("DELETE", 0)).isEqualTo(summary.path("delete").asInt());
    assertThat(counts.getOrDefault("REPLACE", 0)).isEqualTo(summary.path("replace").asInt());
    if (file.startsWith("engine-events/") || file.contains("show-sames")
        || file.startsWith("preview-json/stratify-preview-update")
        || file.startsWith("preview-json/stratify-preview-deletes")) {
      // streams and --show-sames digests list the unchanged resources too
      assertThat(counts.getOrDefault("NO_OP", 0)).isEqualTo(summary.path("same").asInt());
    }
  }

  // ---- what each file's MANIFEST note promises -----------------------------------------------

  @Test
  void theDeletesPreviewDeletesTheRemovedHandlerAndItsChildrenOnly() throws Exception {
    String file = "preview-json/stratify-preview-deletes.json";
    Plan p = read(file, true);
    Set<String> deletes = keysOfKind(p, ChangeKind.DELETE);
    assertThat(deletes).hasSize(14).isEqualTo(urnsWithOp(rawSteps(file), "delete"));
    assertThat(deletes).allMatch(k -> k.endsWith("::docsHandler") || k.contains("::docsHandler-"));
    assertThat(byKey(p).get("aws:s3:BucketEventSubscription::docsHandler").why())
        .contains("component");
    assertThat(findings(p)).allMatch(f -> f.action() == FindingAction.DELETE).hasSize(14);
    // the kept bucket is not destroyed
    assertThat(byKey(p).get("aws:s3/bucket:Bucket::docs").kind()).isEqualTo(ChangeKind.NO_OP);
  }

  @Test
  void theTenReplaceFileReplacesExactlyTheStringAndTheKeyForTheirReplaceReasons()
      throws Exception {
    String file = "preview-json/drift-adopter-small-scale-10-replace.json";
    Plan p = read(file, false);
    Map<String, List<String>> rawReasons = new LinkedHashMap<>();
    for (JsonNode s : rawSteps(file)) {
      if (s.path("op").asText().equals("replace")) {
        List<String> reasons = new ArrayList<>();
        s.path("replaceReasons").forEach(r -> reasons.add(r.asText()));
        rawReasons.put(shortName(s.path("urn").asText()), reasons);
        assertThat(s.path("detailedDiff").isNull()).as("MANIFEST: detailedDiff null").isTrue();
      }
    }
    assertThat(rawReasons.keySet()).containsExactly(
        "random:index/randomString:RandomString::random-str-0",
        "tls:index/privateKey:PrivateKey::tls-key-0");
    Map<String, ResourceChange> c = byKey(p);
    rawReasons.forEach((key, reasons) -> {
      assertThat(c.get(key).kind()).isEqualTo(ChangeKind.REPLACE);
      assertThat(c.get(key).replacePaths()).isEqualTo(reasons);
      assertThat(c.get(key).why()).startsWith("changing " + String.join(" and ", reasons));
      // the old state is marked delete: the create ran first
      assertThat(c.get(key).order()).isEqualTo(ReplaceOrder.CREATE_BEFORE_DELETE);
    });
    assertThat(keysOfKind(p, ChangeKind.DELETE))
        .containsExactly("random:index/randomString:RandomString::random-str-extra-0");
    assertThat(findings(p)).hasSize(3);
  }

  @Test
  void theSecurityGroupReplacementIsDeleteFirstAndNamesItsDetailedDiffCause() throws Exception {
    Plan p = read("preview-json/drift-adopter-aws-tags-and-sets.json", true);
    ResourceChange sg = byKey(p).get("aws:ec2/securityGroup:SecurityGroup::test-sg");
    assertThat(sg.kind()).isEqualTo(ChangeKind.REPLACE);
    assertThat(sg.replacePaths()).containsExactly("description");
    // oldState.pendingReplacement: the engine's delete-replaced step already ran in the preview
    assertThat(sg.order()).isEqualTo(ReplaceOrder.DELETE_BEFORE_CREATE);
    assertThat(sg.why()).startsWith("changing description forces replacement (it also changes"
        + " ingress)");
    assertThat(keysOfKind(p, ChangeKind.UPDATE)).hasSize(3);
  }

  @Test
  void theWebserverStreamIsOneCreateBeforeDeleteReplacementOfTheInstance() throws Exception {
    Plan p = read("engine-events/pulumi-display-webserver-userdata.jsonl", false);
    ResourceChange web = byKey(p).get("aws:ec2/instance:Instance::web-server-www");
    assertThat(web.kind()).isEqualTo(ChangeKind.REPLACE);
    assertThat(web.order()).isEqualTo(ReplaceOrder.CREATE_BEFORE_DELETE);
    assertThat(web.rawActions())
        .containsExactly("create-replacement", "replace", "delete-replaced");
    assertThat(web.replacePaths()).containsExactly("userData");
    assertThat(findings(p)).singleElement().satisfies(f -> assertThat(f.explanation())
        .isEqualTo("aws:ec2/instance:Instance::web-server-www will be destroyed and recreated"
            + " because changing userData forces replacement; dependencies unknown."));
  }

  @Test
  void theDeleteBeforeReplaceCascadeIsSixDeleteFirstReplacements() throws Exception {
    String file = "engine-events/pulumi-lifecycle-delete-before-replace.jsonl";
    Plan p = read(file, false);
    List<JsonNode> steps = rawSteps(file);
    Set<String> deletedFirst = new LinkedHashSet<>();
    Set<String> createdYet = new HashSet<>();
    for (JsonNode s : steps) {
      String key = shortName(s.path("urn").asText());
      if (s.path("op").asText().equals("create-replacement")) {
        createdYet.add(key);
      } else if (s.path("op").asText().equals("delete-replaced") && !createdYet.contains(key)) {
        deletedFirst.add(key);
      }
    }
    assertThat(deletedFirst).hasSize(6);
    Map<String, ResourceChange> c = byKey(p);
    assertThat(keysOfKind(p, ChangeKind.REPLACE)).isEqualTo(deletedFirst);
    for (String key : deletedFirst) {
      assertThat(c.get(key).order()).isEqualTo(ReplaceOrder.DELETE_BEFORE_CREATE);
      assertThat(c.get(key).why()).contains("delete-before-replace");
    }
    assertThat(findings(p)).hasSize(6)
        .allSatisfy(f -> assertThat(f.replaceOrder()).isEqualTo(ReplaceOrder.DELETE_BEFORE_CREATE));
  }

  @Test
  void anImportReplacingAReadResourceDestroysNothing() throws Exception {
    Plan p = read("engine-events/pulumi-lifecycle-import-replacement.jsonl", false);
    // import-replacement, replace, discard-replaced: the old object was only read (external)
    assertThat(p.listedChanges()).singleElement().satisfies(c -> {
      assertThat(c.kind()).isEqualTo(ChangeKind.CREATE);
      assertThat(c.importing()).isTrue();
      assertThat(c.rawActions())
          .containsExactly("import-replacement", "replace", "discard-replaced");
    });
    assertThat(findings(p)).isEmpty();
  }

  @Test
  void aReadReplacingAManagedResourceDeletesIt() throws Exception {
    Plan p = read("engine-events/pulumi-lifecycle-read-replacement.jsonl", false);
    // read-replacement, replace, delete-replaced: the managed object (id 3) is deleted
    assertThat(p.listedChanges()).singleElement().satisfies(c -> {
      assertThat(c.kind()).isEqualTo(ChangeKind.DELETE);
      assertThat(c.why()).contains("reads an existing object (id 4)");
    });
    assertThat(findings(p)).singleElement()
        .satisfies(f -> assertThat(f.action()).isEqualTo(FindingAction.DELETE));
  }

  @Test
  void theCloudEventLogWithPolicyEventsIsOneUpdate() throws Exception {
    Plan p = read("engine-events/drift-adopter-simple-s3-drift.ndjson", false);
    assertThat(keysOfKind(p, ChangeKind.UPDATE))
        .containsExactly("aws:s3/bucket:Bucket::test-bucket");
    assertThat(findings(p)).isEmpty();
  }

  // ---- the graph from the stack exports ------------------------------------------------------

  /**
   * Who depends on whom, straight from the raw export and step states: dependencies,
   * propertyDependencies, parent and provider (its id cut off).
   */
  static Map<String, Set<String>> rawDependsOn(String file) throws IOException {
    Map<String, Set<String>> out = new HashMap<>();
    List<JsonNode> states = new ArrayList<>();
    JSON.readTree(stateFor(file).toFile()).path("deployment").path("resources")
        .forEach(states::add);
    for (JsonNode s : rawSteps(file)) {
      for (String side : List.of("oldState", "newState", "old", "new")) {
        if (s.path(side).isObject()) {
          states.add(s.path(side));
        }
      }
    }
    for (JsonNode r : states) {
      Set<String> deps = out.computeIfAbsent(r.path("urn").asText(), k -> new HashSet<>());
      r.path("dependencies").forEach(d -> deps.add(d.asText()));
      r.path("propertyDependencies").forEach(list -> list.forEach(d -> deps.add(d.asText())));
      if (!r.path("parent").asText().isEmpty()) {
        deps.add(r.path("parent").asText());
      }
      String provider = r.path("provider").asText();
      if (!provider.isEmpty()) {
        deps.add(provider.substring(0, provider.lastIndexOf("::")));
      }
    }
    return out;
  }

  static Stream<String> previewsWithState() throws IOException {
    return previews().filter(f -> stateFor(f) != null);
  }

  @ParameterizedTest
  @MethodSource("previewsWithState")
  void everyObjectsDownstreamIsWhatTheRawExportSaysDependsOnIt(String file) throws Exception {
    Plan p = read(file, true);
    Map<String, Set<String>> dependsOn = rawDependsOn(file);
    Map<String, Set<String>> dependents = new HashMap<>();
    dependsOn.forEach((urn, deps) -> deps.forEach(d ->
        dependents.computeIfAbsent(d, k -> new HashSet<>()).add(urn)));
    Set<String> planKeys = p.changes().stream().map(ResourceChange::key)
        .collect(Collectors.toSet());
    ResourceGraph graph = ResourceGraph.of(p);
    Map<String, String> urnOfKey = new HashMap<>();
    dependsOn.keySet().forEach(u -> urnOfKey.put(shortName(u), u));
    assertThat(planKeys).isEqualTo(urnOfKey.keySet());
    for (int i = 0; i < p.changes().size(); i++) {
      String urn = urnOfKey.get(p.changes().get(i).key());
      Set<String> expected = new TreeSet<>();
      ArrayDeque<String> todo = new ArrayDeque<>(List.of(urn));
      while (!todo.isEmpty()) {
        for (String d : dependents.getOrDefault(todo.pop(), Set.of())) {
          if (!d.equals(urn) && expected.add(shortName(d))) {
            todo.add(d);
          }
        }
      }
      Set<String> actual = new TreeSet<>();
      for (int d : graph.downstream(i)) {
        actual.add(p.changes().get(d).key());
      }
      assertThat(actual).as("downstream of " + urn).isEqualTo(expected);
    }
  }

  @Test
  void withTheExportTheDeletedRoleReachesEveryAttachmentAndTheFunction() throws Exception {
    String file = "preview-json/stratify-preview-deletes.json";
    Map<String, Finding> with = findings(read(file, true)).stream()
        .collect(Collectors.toMap(Finding::key, Function.identity()));
    Finding role = with.get("aws:iam/role:Role::docsHandler");
    assertThat(role.critical()).isTrue();
    assertThat(role.category()).isEqualTo("identity");
    assertThat(role.downstream().changing()).filteredOn(k -> k.contains("RolePolicyAttachment"))
        .hasSize(9);
    assertThat(role.downstream().changing()).contains("aws:lambda/function:Function::docsHandler",
        "aws:lambda/permission:Permission::docsHandler",
        "aws:s3/bucketNotification:BucketNotification::docsHandler");
    // the component reaches its children through the parent edge
    assertThat(with.get("aws:s3:BucketEventSubscription::docsHandler").downstream().total())
        .isGreaterThanOrEqualTo(12);
  }

  @Test
  void withoutAnyStateAStreamStillKnowsParentsAndProviders() throws Exception {
    Plan p = read("engine-events/pulumi-lifecycle-delete-before-replace.jsonl", false);
    // provider A is replaced; the resources it manages (StepEventStateMetadata.provider) follow
    Map<String, Finding> f = findings(p).stream()
        .collect(Collectors.toMap(Finding::key, Function.identity()));
    assertThat(f.get("pulumi:providers:pkgA::A").downstream().total()).isPositive();
  }

  @Test
  void theSniffRejectsStackExportsTerraformPlansAndChangeSets() throws IOException {
    try (Stream<Path> states = Files.list(corpus().resolve("state"))) {
      for (Path s : states.toList()) {
        assertThat(PulumiPreviewReader.looksLike(s)).as(s.toString()).isFalse();
      }
    }
    Path terraform = SharedCorpus.terraform();
    try (Stream<Path> plans = Files.walk(terraform)) {
      List<Path> json = plans.filter(f -> f.toString().endsWith(".json")).toList();
      assertThat(json).isNotEmpty();
      for (Path f : json) {
        assertThat(PulumiPreviewReader.looksLike(f)).as(f.toString()).isFalse();
      }
    }
    Path changeSets = SharedCorpus.root().resolve("corpus/cloudformation/changesets");
    try (Stream<Path> sets = Files.walk(changeSets)) {
      for (Path f : sets.filter(x -> x.toString().endsWith(".json")).toList()) {
        assertThat(PulumiPreviewReader.looksLike(f)).as(f.toString()).isFalse();
      }
    }
  }
}
