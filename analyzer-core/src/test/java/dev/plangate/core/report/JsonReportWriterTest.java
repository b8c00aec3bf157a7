package dev.plangate.core.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeType;
import dev.plangate.core.gate.Decision;
import dev.plangate.core.impact.Downstream;
import dev.plangate.core.impact.Finding;
import dev.plangate.core.impact.FindingAction;
import dev.plangate.core.model.ReplaceOrder;
import java.io.IOException;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The JSON report, schema version 1 (docs/report-json.md): every field, its type, its nulls. */
class JsonReportWriterTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private static final JsonNodeType STRING = JsonNodeType.STRING;
  private static final JsonNodeType NUMBER = JsonNodeType.NUMBER;
  private static final JsonNodeType BOOLEAN = JsonNodeType.BOOLEAN;
  private static final JsonNodeType ARRAY = JsonNodeType.ARRAY;
  private static final JsonNodeType OBJECT = JsonNodeType.OBJECT;
  private static final JsonNodeType NULL = JsonNodeType.NULL;

  private static Finding database() {
    return new Finding("a.json", "module.db.aws_db_instance.main", null, "aws_db_instance",
        FindingAction.DELETE, null, "delete_because_no_resource_config", List.of("delete"),
        List.of(), true, "database", false, "skip_final_snapshot is true",
        "module.db.aws_db_instance.main will be destroyed.",
        new Downstream(List.of("aws_instance.app"), List.of("aws_lambda_function.report")),
        "moved {\n  from = module.db\n  to   = module.database\n}");
  }

  private static Finding replaced() {
    return new Finding("a.json", "aws_instance.web", "a1b2c3d4", "aws_instance",
        FindingAction.REPLACE, ReplaceOrder.CREATE_BEFORE_DELETE, "replace_because_cannot_update",
        List.of("create", "delete"), List.of("ami", "tags.Name"), false, null, null, null,
        "aws_instance.web will be replaced.", new Downstream(List.of(), List.of()), null);
  }

  private static Finding bucket() {
    return new Finding("b.json", "aws_s3_bucket.logs", null, "aws_s3_bucket",
        FindingAction.FORGET, null, null, List.of("forget"), List.of(), true, "bucket", true,
        "versioning keeps the objects", "aws_s3_bucket.logs will be forgotten.",
        new Downstream(List.of(), List.of()), null);
  }

  private static Report report() {
    PlanSummary a = new PlanSummary("a.json", "terraform", "1.2", "1.11.4",
        Reports.counts(1, 1, 0), false, true, List.of());
    PlanSummary b = new PlanSummary("b.json", "terraform", null, null, Reports.counts(0, 0, 1),
        true, false, List.of("The plan has no format_version; it was read as format 1.x."));
    return new Report(Decision.APPROVAL_REQUIRED, List.of("needs approval"), List.of(a, b),
        List.of(database(), replaced(), bucket()), List.of());
  }

  private static JsonNode write(Report r) throws IOException {
    StringWriter w = new StringWriter();
    new JsonReportWriter().render(r, w, RenderOptions.DEFAULT);
    String json = w.toString();
    assertThat(json).endsWith("}\n");
    return MAPPER.readTree(json);
  }

  private static void assertFields(JsonNode node, Map<String, JsonNodeType> fields) {
    assertThat(node.isObject()).as("%s is an object", node).isTrue();
    List<String> names = new ArrayList<>();
    node.fieldNames().forEachRemaining(names::add);
    assertThat(names).as("fields of %s", node)
        .containsExactlyInAnyOrderElementsOf(fields.keySet());
    fields.forEach((name, type) ->
        assertThat(node.get(name).getNodeType()).as("type of %s", name).isEqualTo(type));
  }

  private static List<String> strings(JsonNode array) {
    assertThat(array.isArray()).isTrue();
    List<String> out = new ArrayList<>();
    for (JsonNode n : array) {
      assertThat(n.isTextual()).as("%s is a string", n).isTrue();
      out.add(n.asText());
    }
    return out;
  }

  @Test
  void topLevelFields() throws IOException {
    JsonNode root = write(report());

    assertFields(root, Map.ofEntries(Map.entry("schemaVersion", NUMBER),
        Map.entry("decision", STRING), Map.entry("decisionReasons", ARRAY),
        Map.entry("fingerprint", STRING), Map.entry("approvalLabel", STRING),
        Map.entry("approvalRoute", STRING), Map.entry("authorship", OBJECT),
        Map.entry("summary", OBJECT), Map.entry("plans", ARRAY), Map.entry("findings", ARRAY),
        Map.entry("errors", ARRAY), Map.entry("problems", ARRAY), Map.entry("policy", OBJECT),
        Map.entry("warnings", ARRAY)));
    assertThat(root.get("fingerprint").asText()).matches("[0-9a-f]{16}");
    assertThat(root.get("approvalLabel").asText()).isEqualTo("plangate/approve-destroy");
    assertThat(root.get("approvalRoute").asText()).isEqualTo("pull-request-label");
    assertThat(root.get("authorship").get("aiInvolved").isNull()).isTrue();
    assertThat(strings(root.get("authorship").get("notes")))
        .containsExactly("no commit range was read");
    assertThat(root.get("schemaVersion").isInt()).isTrue();
    assertThat(root.get("schemaVersion").asInt()).isEqualTo(Report.SCHEMA_VERSION).isEqualTo(1);
    assertThat(root.get("decision").asText()).isEqualTo("approval_required");
    assertThat(strings(root.get("decisionReasons"))).containsExactly("needs approval");
    assertThat(strings(root.get("errors"))).isEmpty();
  }

  @Test
  void summaryCountsFindings() throws IOException {
    JsonNode summary = write(report()).get("summary");

    assertFields(summary, Map.of("delete", NUMBER, "replace", NUMBER, "forget", NUMBER,
        "critical", NUMBER, "unrecoverable", NUMBER));
    assertThat(summary.get("delete").asInt()).isEqualTo(1);
    assertThat(summary.get("replace").asInt()).isEqualTo(1);
    assertThat(summary.get("forget").asInt()).isEqualTo(1);
    // The critical bucket is only forgotten: not a critical destroy.
    assertThat(summary.get("critical").asInt()).isEqualTo(1);
    assertThat(summary.get("unrecoverable").asInt()).isEqualTo(1);
  }

  @Test
  void plans() throws IOException {
    JsonNode plans = write(report()).get("plans");

    assertThat(plans).hasSize(2);
    JsonNode a = plans.get(0);
    assertFields(a, Map.of("path", STRING, "format", STRING, "formatVersion", STRING,
        "toolVersion", STRING, "counts", OBJECT, "errored", BOOLEAN, "complete", BOOLEAN,
        "warnings", ARRAY));
    assertThat(a.get("path").asText()).isEqualTo("a.json");
    assertThat(a.get("format").asText()).isEqualTo("terraform");
    assertThat(a.get("formatVersion").asText()).isEqualTo("1.2");
    assertThat(a.get("toolVersion").asText()).isEqualTo("1.11.4");
    assertThat(a.get("errored").asBoolean()).isFalse();
    assertThat(a.get("complete").asBoolean()).isTrue();
    assertThat(strings(a.get("warnings"))).isEmpty();
    List<String> countNames = new ArrayList<>();
    a.get("counts").fieldNames().forEachRemaining(countNames::add);
    assertThat(countNames).containsExactly("create", "update", "delete", "replace", "forget",
        "read", "noOp", "unknown", "drift", "deferred");
    a.get("counts").forEach(n -> assertThat(n.isInt()).isTrue());
    assertThat(a.get("counts").get("delete").asInt()).isEqualTo(1);

    JsonNode b = plans.get(1);
    assertFields(b, Map.of("path", STRING, "format", STRING, "formatVersion", NULL,
        "toolVersion", NULL, "counts", OBJECT, "errored", BOOLEAN, "complete", BOOLEAN,
        "warnings", ARRAY));
    assertThat(b.get("errored").asBoolean()).isTrue();
    assertThat(b.get("complete").asBoolean()).isFalse();
    assertThat(strings(b.get("warnings"))).singleElement().asString()
        .contains("format_version");
  }

  @Test
  void findingFieldsAndTypes() throws IOException {
    JsonNode findings = write(report()).get("findings");

    assertThat(findings).hasSize(3);
    JsonNode db = findings.get(0);
    assertFields(db, Map.ofEntries(
        Map.entry("verdict", NULL), Map.entry("attribution", ARRAY),
        Map.entry("conditional", BOOLEAN), Map.entry("location", NULL),
        Map.entry("plan", STRING), Map.entry("address", STRING), Map.entry("urn", NULL),
        Map.entry("deposed", NULL),
        Map.entry("type", STRING), Map.entry("action", STRING), Map.entry("replaceOrder", NULL),
        Map.entry("reason", STRING), Map.entry("rawActions", ARRAY),
        Map.entry("replacedBecause", ARRAY), Map.entry("critical", BOOLEAN),
        Map.entry("category", STRING), Map.entry("recoverable", BOOLEAN),
        Map.entry("recoverability", STRING), Map.entry("explanation", STRING),
        Map.entry("downstream", OBJECT), Map.entry("suggestion", STRING)));
    assertThat(db.get("plan").asText()).isEqualTo("a.json");
    assertThat(db.get("address").asText()).isEqualTo("module.db.aws_db_instance.main");
    assertThat(db.get("type").asText()).isEqualTo("aws_db_instance");
    assertThat(db.get("action").asText()).isEqualTo("delete");
    assertThat(db.get("reason").asText()).isEqualTo("delete_because_no_resource_config");
    assertThat(strings(db.get("rawActions"))).containsExactly("delete");
    assertThat(strings(db.get("replacedBecause"))).isEmpty();
    assertThat(db.get("critical").asBoolean()).isTrue();
    assertThat(db.get("category").asText()).isEqualTo("database");
    assertThat(db.get("recoverable").asBoolean()).isFalse();
    assertThat(db.get("recoverability").asText()).isEqualTo("skip_final_snapshot is true");
    assertThat(db.get("explanation").asText()).contains("will be destroyed");
    assertFields(db.get("downstream"),
        Map.of("changing", ARRAY, "unchanged", ARRAY, "known", BOOLEAN));
    assertThat(db.get("downstream").get("known").asBoolean()).isTrue();
    assertThat(strings(db.get("downstream").get("changing"))).containsExactly("aws_instance.app");
    assertThat(strings(db.get("downstream").get("unchanged")))
        .containsExactly("aws_lambda_function.report");
    assertThat(db.get("suggestion").asText())
        .isEqualTo("moved {\n  from = module.db\n  to   = module.database\n}");
  }

  @Test
  void replacementWithDeposedKeyAndUnknownRecoverability() throws IOException {
    JsonNode web = write(report()).get("findings").get(1);

    assertThat(web.get("deposed").getNodeType()).isEqualTo(STRING);
    assertThat(web.get("deposed").asText()).isEqualTo("a1b2c3d4");
    assertThat(web.get("action").asText()).isEqualTo("replace");
    assertThat(web.get("replaceOrder").asText()).isEqualTo("create_before_delete");
    assertThat(strings(web.get("rawActions"))).containsExactly("create", "delete");
    assertThat(strings(web.get("replacedBecause"))).containsExactly("ami", "tags.Name");
    assertThat(web.get("critical").asBoolean()).isFalse();
    // Not applicable: present and null, never omitted.
    assertThat(web.has("category")).isTrue();
    assertThat(web.get("category").isNull()).isTrue();
    assertThat(web.has("recoverable")).isTrue();
    assertThat(web.get("recoverable").isNull()).isTrue();
    assertThat(web.get("recoverability").isNull()).isTrue();
    assertThat(web.get("suggestion").isNull()).isTrue();
    assertThat(strings(web.get("downstream").get("changing"))).isEmpty();
  }

  @Test
  void recoverableTrueAndNullReason() throws IOException {
    JsonNode logs = write(report()).get("findings").get(2);

    assertThat(logs.get("action").asText()).isEqualTo("forget");
    assertThat(logs.get("plan").asText()).isEqualTo("b.json");
    assertThat(logs.get("recoverable").getNodeType()).isEqualTo(BOOLEAN);
    assertThat(logs.get("recoverable").asBoolean()).isTrue();
    assertThat(logs.get("reason").isNull()).isTrue();
    assertThat(logs.get("deposed").isNull()).isTrue();
  }

  @Test
  void everyReplaceOrderHasItsId() throws IOException {
    for (ReplaceOrder order : ReplaceOrder.values()) {
      Finding f = new Finding("p", "a.b", null, "a", FindingAction.REPLACE, order, null,
          List.of("delete", "create"), List.of(), false, null, null, null, "x",
          new Downstream(List.of(), List.of()), null);
      Report r = new Report(Decision.APPROVAL_REQUIRED, List.of(), List.of(), List.of(f),
          List.of());
      assertThat(write(r).get("findings").get(0).get("replaceOrder").asText())
          .isEqualTo(order.id());
    }
  }

  @Test
  void errorReport() throws IOException {
    Report r = new Report(Decision.ERROR, List.of("Input error: x.json: file not found"),
        List.of(), List.of(), List.of("x.json: file not found", "y.json: the file is empty"));

    JsonNode root = write(r);

    assertThat(root.get("decision").asText()).isEqualTo("error");
    assertThat(strings(root.get("errors")))
        .containsExactly("x.json: file not found", "y.json: the file is empty");
    assertThat(root.get("plans")).isEmpty();
    assertThat(root.get("findings")).isEmpty();
    assertThat(root.get("summary").get("delete").asInt()).isZero();
  }

  /** The errors again as objects: file, place, code, message, hint; nulls written, not left out. */
  @Test
  void problemsAreStructuredBesideTheErrorLines() throws IOException {
    Report base = new Report(Decision.ERROR, List.of("x"), List.of(), List.of(), List.of());
    Report r = new Report(base.decision(), base.reasons(), base.fingerprint(),
        base.approvalLabel(), base.authorship(), base.plans(), base.findings(), base.verdicts(),
        List.of(new Problem("t.yaml", 7, 8, Problem.CODE_UNREADABLE, "expected ']'", null),
            Problem.general(Problem.CODE_USAGE, "no plan files given")),
        base.policy(), base.warnings(), base.approvalRoute());

    JsonNode root = write(r);

    assertThat(strings(root.get("errors")))
        .containsExactly("t.yaml: 7:8: expected ']'", "no plan files given");
    JsonNode first = root.get("problems").get(0);
    assertFields(first, Map.of("source", STRING, "line", NUMBER, "column", NUMBER,
        "code", STRING, "message", STRING, "hint", NULL));
    assertThat(first.get("line").asInt()).isEqualTo(7);
    assertThat(first.get("column").asInt()).isEqualTo(8);
    assertThat(first.get("code").asText()).isEqualTo("input-unreadable");
    assertThat(first.get("message").asText()).isEqualTo("expected ']'");
    JsonNode second = root.get("problems").get(1);
    assertThat(second.get("source").isNull()).isTrue();
    assertThat(second.get("line").asInt()).isZero();
    assertThat(second.get("code").asText()).isEqualTo("usage");
  }

  @Test
  void everyDecisionId() throws IOException {
    for (Decision d : Decision.values()) {
      Report r = new Report(d, List.of(), List.of(), List.of(), List.of());
      assertThat(write(r).get("decision").asText()).isEqualTo(d.id());
    }
  }

  @Test
  void hostileStringsRoundTripExactly() throws IOException {
    Report hostile = Reports.hostile();

    JsonNode root = write(hostile);

    JsonNode f = root.get("findings").get(0);
    assertThat(f.get("address").asText()).isEqualTo(Reports.HOSTILE_ADDRESS);
    assertThat(f.get("plan").asText()).isEqualTo(Reports.HOSTILE_PATH);
    assertThat(f.get("reason").asText()).isEqualTo(Reports.HOSTILE_TEXT);
    assertThat(f.get("suggestion").asText()).isEqualTo(hostile.findings().get(0).suggestion());
    assertThat(root.get("findings").get(1).get("address").asText())
        .isEqualTo(Reports.FENCE_ADDRESS);
    assertThat(root.get("plans").get(0).get("path").asText()).isEqualTo(Reports.HOSTILE_PATH);
  }

  @Test
  void controlCharactersAreJsonEscaped() throws IOException {
    StringWriter w = new StringWriter();
    new JsonReportWriter().render(Reports.hostile(), w, RenderOptions.DEFAULT);

    // Raw control characters never reach the file; JSON escapes stand for them.
    assertThat(w.toString()).doesNotContain("\u001b").contains("\\u001B");
    assertThat(w.toString().chars().filter(c -> c < 0x20 && c != '\n' && c != ' ').count())
        .isZero();
  }

  @Test
  void writerIsFlushedButLeftOpen() throws IOException {
    StringWriter target = new StringWriter();
    boolean[] closed = {false};
    java.io.Writer w = new java.io.FilterWriter(target) {
      @Override
      public void close() {
        closed[0] = true;
      }
    };
    new JsonReportWriter().render(report(), w, RenderOptions.DEFAULT);

    assertThat(closed[0]).as("closed").isFalse();
    assertThat(target.toString()).startsWith("{").endsWith("}\n");
  }
}
