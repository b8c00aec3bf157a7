package dev.plangate.core.terraform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.plangate.core.api.CheckRequest;
import dev.plangate.core.pipeline.Pipeline;
import dev.plangate.core.catalog.ResourceCatalog;
import dev.plangate.core.gate.Decision;
import dev.plangate.core.impact.Finding;
import dev.plangate.core.impact.FindingAction;
import dev.plangate.core.impact.ImpactAnalyzer;
import dev.plangate.core.model.ChangeKind;
import dev.plangate.core.model.Plan;
import dev.plangate.core.model.ReplaceOrder;
import dev.plangate.core.model.ResourceChange;
import dev.plangate.core.plan.PlanReadException;
import dev.plangate.core.report.Report;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Hand-made plans for the cases the public corpus does not pin down. */
class TerraformReaderTest {
  private static final ResourceCatalog CATALOG = ResourceCatalog.builtin();
  @TempDir Path dir;

  private Plan read(String json) throws Exception {
    Path f = dir.resolve("plan-" + System.nanoTime() + ".json");
    Files.writeString(f, json);
    return new TerraformPlanReader(CATALOG).read(f, f.getFileName().toString());
  }

  private Map<String, Finding> findings(String json) throws Exception {
    return new ImpactAnalyzer(CATALOG).analyze(read(json)).stream()
        .collect(Collectors.toMap(Finding::key, Function.identity()));
  }

  private static String change(String address, String actions, String extra) {
    return "{\"address\":\"" + address.replace("\"", "\\\"") + "\",\"change\":{\"actions\":["
        + actions + "]" + extra + "}}";
  }

  @Test
  void everyActionCombinationIsNormalised() throws Exception {
    Plan p = read("{\"format_version\":\"1.2\",\"resource_changes\":["
        + String.join(",",
            change("t.a", "\"no-op\"", ""), change("t.b", "\"create\"", ""),
            change("data.t.c", "\"read\"", ""), change("t.d", "\"update\"", ""),
            change("t.e", "\"delete\"", ""), change("t.f", "\"delete\",\"create\"", ""),
            change("t.g", "\"create\",\"delete\"", ""), change("t.h", "\"forget\"", ""),
            change("t.i", "\"create\",\"forget\"", ""), change("t.j", "\"forget\",\"create\"", ""),
            change("t.k", "\"teleport\"", ""), change("t.l", "", ""))
        + "]}");
    Map<String, ResourceChange> c = p.changes().stream()
        .collect(Collectors.toMap(ResourceChange::address, Function.identity()));
    assertThat(c.get("t.a").kind()).isEqualTo(ChangeKind.NO_OP);
    assertThat(c.get("t.b").kind()).isEqualTo(ChangeKind.CREATE);
    assertThat(c.get("data.t.c").kind()).isEqualTo(ChangeKind.READ);
    assertThat(c.get("data.t.c").managed()).isFalse();
    assertThat(c.get("t.d").kind()).isEqualTo(ChangeKind.UPDATE);
    assertThat(c.get("t.e").kind()).isEqualTo(ChangeKind.DELETE);
    assertThat(c.get("t.f").order()).isEqualTo(ReplaceOrder.DELETE_BEFORE_CREATE);
    assertThat(c.get("t.g").order()).isEqualTo(ReplaceOrder.CREATE_BEFORE_DELETE);
    assertThat(c.get("t.h").kind()).isEqualTo(ChangeKind.FORGET);
    assertThat(c.get("t.i").order()).isEqualTo(ReplaceOrder.CREATE_BEFORE_FORGET);
    assertThat(c.get("t.j").order()).isEqualTo(ReplaceOrder.FORGET_BEFORE_CREATE);
    assertThat(c.get("t.k").kind()).isEqualTo(ChangeKind.UNKNOWN);
    assertThat(c.get("t.l").kind()).isEqualTo(ChangeKind.UNKNOWN);
    assertThat(p.warnings()).anyMatch(w -> w.contains("teleport"));
  }

  @Test
  void anUnknownActionIsReportedAsADestroy() throws Exception {
    Finding f = findings("{\"format_version\":\"1.2\",\"resource_changes\":["
        + change("t.k", "\"teleport\"", "") + "]}").get("t.k");
    assertThat(f.action()).isEqualTo(FindingAction.DELETE);
    assertThat(f.rawActions()).containsExactly("teleport");
    assertThat(f.explanation()).contains("teleport", "treated as a destroy");
  }

  @Test
  void depositedObjectsKeepTheirKeyAndAddressesMayRepeat() throws Exception {
    Map<String, Finding> f = findings("{\"format_version\":\"1.2\",\"resource_changes\":["
        + change("t.x", "\"create\",\"delete\"", "") + ","
        + "{\"address\":\"t.x\",\"deposed\":\"a712a97b\",\"change\":{\"actions\":[\"delete\"]}}"
        + "]}");
    assertThat(f.keySet()).containsExactlyInAnyOrder("t.x", "t.x (deposed a712a97b)");
    assertThat(f.get("t.x (deposed a712a97b)").explanation()).contains("deposed object");
  }

  /** var.x inside a module resolves to the caller's argument; module.m.out to the output. */
  @Test
  void referencesResolveAcrossModuleBoundariesAndKeysScopeInstances() throws Exception {
    String config = """
        {"root_module":{
          "resources":[{"address":"t.root","expressions":{"v":{"references":
              ["module.app[\\"a\\"].name","module.app[\\"a\\"]"]}}}],
          "module_calls":{
            "net":{"module":{"resources":[{"address":"t.vpc"},{"address":"t.other"}],
                   "outputs":{"id":{"expression":{"references":["t.vpc.id","t.vpc"]}}}}},
            "app":{"for_each_expression":{"references":["var.apps"]},
                   "expressions":{"vpc":{"references":["module.net.id","module.net"]}},
                   "module":{"resources":[
                     {"address":"t.sg","expressions":{"vpc_id":{"references":["var.vpc"]}}},
                     {"address":"t.srv","expressions":{"sg":{"references":["t.sg.id","t.sg"]}}}],
                   "outputs":{"name":{"expression":{"references":["t.srv.name","t.srv"]}}}}}}}}""";
    String changes = String.join(",",
        change("t.root", "\"no-op\"", ""),
        change("module.net.t.vpc", "\"delete\",\"create\"", ""),
        change("module.net.t.other", "\"delete\"", ""),
        change("module.app[\"a\"].t.sg", "\"no-op\"", ""),
        change("module.app[\"a\"].t.srv", "\"no-op\"", ""),
        change("module.app[\"b\"].t.sg", "\"delete\"", ""),
        change("module.app[\"b\"].t.srv", "\"no-op\"", ""));
    Map<String, Finding> f = findings("{\"format_version\":\"1.2\",\"resource_changes\":["
        + changes + "],\"configuration\":" + config + "}");
    assertThat(f.get("module.net.t.vpc").downstream().unchanged()).containsExactly(
        "module.app[\"a\"].t.sg", "module.app[\"a\"].t.srv", "module.app[\"b\"].t.srv",
        "t.root");
    // Referencing one output of module.net does not make anything depend on all of module.net.
    assertThat(f.get("module.net.t.other").downstream().total()).isZero();
    // An instance only sees its own module instance: app["b"].sg feeds app["b"].srv only.
    assertThat(f.get("module.app[\"b\"].t.sg").downstream().unchanged())
        .containsExactly("module.app[\"b\"].t.srv");
  }

  @Test
  void dependsOnAModuleMeansEveryResourceInItAndModuleCallDependsOnIsInherited()
      throws Exception {
    String config = """
        {"root_module":{
          "resources":[{"address":"t.gate","depends_on":["module.db"]},{"address":"t.base"}],
          "module_calls":{
            "db":{"module":{"module_calls":{"inner":{"module":{"resources":[{"address":"t.deep"}]}}},
                            "resources":[{"address":"t.main"}]}},
            "app":{"depends_on":["t.base"],"module":{"resources":[{"address":"t.x"}]}}}}}""";
    String changes = String.join(",",
        change("t.gate", "\"no-op\"", ""), change("t.base", "\"delete\"", ""),
        change("module.db.t.main", "\"no-op\"", ""),
        change("module.db.module.inner.t.deep", "\"delete\"", ""),
        change("module.app.t.x", "\"no-op\"", ""));
    Map<String, Finding> f = findings("{\"format_version\":\"1.2\",\"resource_changes\":["
        + changes + "],\"configuration\":" + config + "}");
    assertThat(f.get("module.db.module.inner.t.deep").downstream().unchanged())
        .containsExactly("t.gate");
    assertThat(f.get("t.base").downstream().unchanged()).containsExactly("module.app.t.x");
  }

  /** State-only instances (data sources read during plan) carry edges but are never listed. */
  @Test
  void priorStateDependsOnReachesThroughDataSources() throws Exception {
    String state = """
        {"values":{"root_module":{"resources":[
          {"address":"t.bucket","mode":"managed","type":"t"},
          {"address":"data.t.lookup","mode":"data","type":"t","depends_on":["t.bucket"]},
          {"address":"t.reader","mode":"managed","type":"t","depends_on":["data.t.lookup"]}]}}}""";
    Map<String, Finding> f = findings("{\"format_version\":\"1.2\",\"resource_changes\":["
        + change("t.bucket", "\"delete\"", "") + "," + change("t.reader", "\"no-op\"", "")
        + "],\"prior_state\":" + state + "}");
    assertThat(f.get("t.bucket").downstream().unchanged()).containsExactly("t.reader");
  }

  @Test
  void deferredAndDriftedChangesAreNeverPlannedDestroys() throws Exception {
    Plan p = read("{\"format_version\":\"1.2\",\"resource_changes\":[],"
        + "\"resource_drift\":[" + change("t.gone", "\"delete\"", "") + "],"
        + "\"deferred_changes\":[{\"reason\":\"instance_count_unknown\",\"resource_change\":"
        + change("t.later", "\"delete\"", "") + "}],\"complete\":false}");
    assertThat(new ImpactAnalyzer(CATALOG).analyze(p)).isEmpty();
    assertThat(p.driftCount()).isEqualTo(1);
    assertThat(p.deferred()).extracting(ResourceChange::address).containsExactly("t.later");
    assertThat(p.warnings()).anyMatch(w -> w.contains("deferred"))
        .anyMatch(w -> w.contains("complete: false"));
  }

  @Test
  void recoverabilityComesFromTheBeforeValues() throws Exception {
    Map<String, Finding> f = findings("{\"format_version\":\"1.2\",\"resource_changes\":["
        + "{\"address\":\"aws_db_instance.main\",\"type\":\"aws_db_instance\",\"change\":{"
        + "\"actions\":[\"delete\",\"create\"],\"before\":{\"skip_final_snapshot\":true,"
        + "\"deletion_protection\":false,\"user_data\":\"" + "x".repeat(5000) + "\"},"
        + "\"replace_paths\":[[\"engine\"]]},\"action_reason\":\"replace_because_cannot_update\"},"
        + "{\"address\":\"aws_db_instance.safe\",\"type\":\"aws_db_instance\",\"change\":{"
        + "\"actions\":[\"delete\"],\"before\":{\"skip_final_snapshot\":false}}}]}");
    Finding main = f.get("aws_db_instance.main");
    assertThat(main.critical()).isTrue();
    assertThat(main.category()).isEqualTo("database");
    assertThat(main.recoverable()).isFalse();
    assertThat(main.explanation()).isEqualTo("aws_db_instance.main will be destroyed and"
        + " recreated because `engine` cannot change in place; dependencies unknown."
        + " Data cannot be recovered: " + main.recoverability() + ".");
    assertThat(f.get("aws_db_instance.safe").recoverable()).isTrue();
  }

  @Test
  void anErroredPlanIsAnErrorNotAPass() throws Exception {
    Path plan = dir.resolve("errored.json");
    Files.writeString(plan, "{\"format_version\":\"1.2\",\"errored\":true,"
        + "\"planned_values\":{}}");
    Report r = new Pipeline().check(CheckRequest.plansOnly(List.of(plan)));
    assertThat(r.decision()).isEqualTo(Decision.ERROR);
    assertThat(r.errors()).singleElement().asString().contains("errored");
  }

  @Test
  void minimalHandWrittenPlansAreAccepted() throws Exception {
    Plan p = read("{\"resource_changes\":[{\"type\":\"t\",\"name\":\"n\",\"module_address\":\"\","
        + "\"actions\":[\"delete\"]}]}");
    assertThat(p.changes()).extracting(ResourceChange::address).containsExactly("t.n");
    assertThat(p.warnings()).anyMatch(w -> w.contains("no format_version"));
  }

  @Test
  void aHostileFormatVersionIsNotEchoedInFull() {
    assertThatThrownBy(() -> read("{\"format_version\":\"9" + "x".repeat(100_000)
        + "\",\"resource_changes\":[]}"))
        .isInstanceOf(PlanReadException.class)
        .hasMessageContaining("unsupported format_version")
        .satisfies(e -> assertThat(e.getMessage().length()).isLessThan(300));
  }

  @Test
  void stateFilesAndOtherJsonAreNotPlans() {
    assertThatThrownBy(() -> read("{\"format_version\":\"1.0\",\"values\":{}}"))
        .isInstanceOf(PlanReadException.class).hasMessageContaining("state, not a plan");
    assertThatThrownBy(() -> read("{\"Changes\":[],\"ChangeSetId\":\"x\"}"))
        .isInstanceOf(PlanReadException.class).hasMessageContaining("not a Terraform plan");
    assertThatThrownBy(() -> read("{\"format_version\":\"2.0\",\"resource_changes\":[]}"))
        .isInstanceOf(PlanReadException.class).hasMessageContaining("format_version \"2.0\"");
  }

  private String readError(String json) {
    try {
      read(json);
    } catch (PlanReadException e) {
      assertThat(e.getMessage()).doesNotContain("\n").startsWith("plan-");
      return e.getMessage().substring(e.getMessage().indexOf(": ") + 2);
    } catch (Exception e) {
      throw new AssertionError("expected a PlanReadException, got " + e, e);
    }
    throw new AssertionError("expected a PlanReadException for "
        + (json.length() > 300 ? json.substring(0, 300) + "..." : json));
  }

  /**
   * A key given twice would let the later copy silently win: a second "actions" could turn a
   * delete into a no-op. Terraform never writes one, so it is an error, named where it is.
   */
  @Test
  void keysThatDecideWhatHappensMayNotRepeat() {
    String head = "{\"format_version\":\"1.2\",\"resource_changes\":[";
    assertThat(readError(head + "{\"address\":\"t.a\",\"change\":{\"actions\":[\"delete\"],"
        + "\"actions\":[\"no-op\"]}}]}"))
        .startsWith("resource_changes[0].change has the key \"actions\" twice (line 1, column");
    assertThat(readError(head + "{\"address\":\"t.a\",\"change\":{\"actions\":[\"delete\"]},"
        + "\"change\":{\"actions\":[\"no-op\"]}}]}"))
        .startsWith("resource_changes[0] has the key \"change\" twice");
    assertThat(readError(head + "{\"address\":\"t.a\",\"address\":\"t.b\",\"change\":"
        + "{\"actions\":[\"delete\"]}}]}"))
        .startsWith("resource_changes[0] has the key \"address\" twice");
    assertThat(readError(head + "],\"errored\":true,\"errored\":false}"))
        .startsWith("the plan has the key \"errored\" twice");
    assertThat(readError(head + "],\"resource_changes\":[]}"))
        .startsWith("the plan has the key \"resource_changes\" twice");
  }

  @Test
  void keysNotReadMayRepeatAsJsonAllows() throws Exception {
    Plan p = read("{\"format_version\":\"1.2\",\"x\":1,\"x\":2,\"resource_changes\":["
        + "{\"address\":\"t.a\",\"index\":0,\"index\":1,\"change\":{\"actions\":[\"delete\"],"
        + "\"after\":1,\"after\":2}}]}");
    assertThat(p.changes()).extracting(ResourceChange::kind).containsExactly(ChangeKind.DELETE);
  }

  /**
   * The parts that give edges or warnings fail when they have the wrong shape, instead of being
   * skipped: skipping would silently shrink the blast radius or drop a deferred change.
   */
  @Test
  void structuresOfTheWrongShapeFailRatherThanBeingSkipped() {
    String head = "{\"format_version\":\"1.2\",\"resource_changes\":[],";
    assertThat(readError(head + "\"deferred_changes\":[{\"resource_change\":\"x\"}]}"))
        .startsWith("deferred_changes[0].resource_change: expected an object, found a string");
    assertThat(readError(head + "\"prior_state\":{\"values\":[]}}"))
        .startsWith("prior_state.values: expected an object, found an array");
    assertThat(readError(head + "\"prior_state\":{\"values\":{\"root_module\":1}}}"))
        .startsWith("prior_state.values.root_module: expected an object, found a number");
    assertThat(readError(head + "\"prior_state\":{\"values\":{\"root_module\":"
        + "{\"resources\":{}}}}}"))
        .startsWith("prior_state.values.root_module.resources: expected an array, found an object");
    assertThat(readError(head + "\"prior_state\":{\"values\":{\"root_module\":"
        + "{\"child_modules\":\"m\"}}}}"))
        .startsWith("prior_state.values.root_module.child_modules: expected an array");
    assertThat(readError(head + "\"configuration\":{\"root_module\":[]}}"))
        .startsWith("configuration.root_module: expected an object, found an array");
    assertThat(readError(head + "\"configuration\":{\"root_module\":{\"resources\":{}}}}"))
        .startsWith("configuration.root_module.resources: expected an array, found an object");
    assertThat(readError(head + "\"configuration\":{\"root_module\":{\"module_calls\":"
        + "{\"net\":[]}}}}"))
        .startsWith("configuration.root_module.module_calls.net: expected an object");
    assertThat(readError(head + "\"configuration\":{\"root_module\":{\"module_calls\":"
        + "{\"net\":{\"module\":true}}}}}"))
        .startsWith("configuration.root_module.module_calls.net.module: expected an object");
    assertThat(readError(head + "\"configuration\":{\"root_module\":{\"outputs\":"
        + "{\"id\":\"x\"}}}}"))
        .startsWith("configuration.root_module.outputs.id: expected an object, found a string");
  }

  @Test
  void nullPartsAreAbsentParts() throws Exception {
    Plan p = read("{\"format_version\":\"1.2\",\"resource_changes\":[],\"prior_state\":"
        + "{\"values\":{\"root_module\":{\"resources\":null,\"child_modules\":null}}},"
        + "\"configuration\":{\"root_module\":{\"resources\":null,\"module_calls\":"
        + "{\"m\":{\"module\":null}},\"outputs\":null}}}");
    assertThat(p.changes()).isEmpty();
    assertThat(p.moduleSources()).isEmpty();
  }

  /**
   * A string the reader takes in is limited, so that one hostile value cannot exhaust the heap
   * (a 300 MB address ran a 512 MiB JVM out of memory with a stack trace); values it skips are
   * not, since real plans carry huge rendered documents there. The error says where.
   */
  @Test
  void aStringTooLongToTakeInIsAnErrorWithItsPosition() throws Exception {
    String huge = "a".repeat(TerraformPlanReader.MAX_STRING_LENGTH + 1);
    assertThat(readError("{\"format_version\":\"1.2\",\"resource_changes\":[{\"address\":\"t."
        + huge + "\",\"change\":{\"actions\":[\"delete\"]}}]}"))
        .startsWith("JSON exceeds plangate's limits: String value length")
        .contains("exceeds the maximum allowed (" + TerraformPlanReader.MAX_STRING_LENGTH + ")")
        .doesNotContain("StreamReadConstraints")
        .containsPattern("\\(line 1, column \\d+\\)$");
    assertThat(readError("{\"format_version\":\"1.2\",\"resource_changes\":[{\"address\":"
        + "\"aws_db_instance.d\",\"type\":\"aws_db_instance\",\"change\":{\"actions\":"
        + "[\"delete\"],\"before\":{\"skip_final_snapshot\":\"" + huge + "\"}}}]}"))
        .startsWith("JSON exceeds plangate's limits: String value length");
    Plan skipped = read("{\"format_version\":\"1.2\",\"resource_changes\":[{\"address\":"
        + "\"t.a\",\"change\":{\"actions\":[\"delete\"],\"after\":{\"user_data\":\""
        + huge + "\"},\"before\":{\"user_data\":\"" + huge + "\"}}}]}");
    assertThat(skipped.changes()).hasSize(1);
  }

  @Test
  void nestingBeyondTheLimitIsAnErrorWithItsPosition() {
    int depth = TerraformPlanReader.MAX_NESTING_DEPTH + 1;
    assertThat(readError("{\"format_version\":\"1.2\",\"resource_changes\":[{\"address\":"
        + "\"t.a\",\"change\":{\"actions\":[\"delete\"],\"after\":" + "[".repeat(depth)
        + "]".repeat(depth) + "}}]}"))
        .isEqualTo("JSON exceeds plangate's limits: Document nesting depth (1001) exceeds the"
            + " maximum allowed (1000) (line 1, column 1098)");
  }
}
