package dev.plangate.core.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import dev.plangate.core.api.CheckRequest;
import dev.plangate.core.api.CommitSelection;
import dev.plangate.core.pipeline.Pipeline;
import dev.plangate.core.api.PlanExtras;
import dev.plangate.core.authorship.Attribution;
import dev.plangate.core.authorship.Authorship;
import dev.plangate.core.gate.Approver;
import dev.plangate.core.gate.Decision;
import dev.plangate.core.gate.Fingerprint;
import dev.plangate.core.gate.GateResult;
import dev.plangate.core.gate.Reason;
import dev.plangate.core.gate.Verdict;
import dev.plangate.core.impact.Downstream;
import dev.plangate.core.impact.Finding;
import dev.plangate.core.impact.FindingAction;
import dev.plangate.core.model.ReplaceOrder;
import dev.plangate.core.policy.Policy;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The SARIF 2.1.0 report: valid against the official OASIS schema for every kind of report, and
 * what GitHub code scanning needs on top (a relative location on every result, stable rule ids
 * and fingerprints), with input that can neither format, link nor fill placeholders.
 */
class SarifReportWriterTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final JsonSchema SCHEMA = schema();
  private static final Downstream NONE = new Downstream(List.of(), List.of());
  private static final String SHA = "a1b2c3d4e5f60718293a4b5c6d7e8f9012345678";
  /** A resource name that tries a link, HTML, an argument placeholder and a line break. */
  private static final String NASTY = "aws_s3_bucket.x[\"[link](javascript:x) <img src=x> {0}"
      + " }{ \n# heading\"]";

  private static JsonSchema schema() {
    try (InputStream in =
        SarifReportWriterTest.class.getResourceAsStream("/sarif/sarif-schema-2.1.0.json")) {
      // Formats asserted too, so a URI that is not a valid uri-reference fails validation.
      return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7).getSchema(in,
          SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  // ---- reports -------------------------------------------------------------------------------

  private static Finding finding(String plan, String address, FindingAction action,
      boolean critical, String category, Downstream downstream, String location,
      List<Attribution> attribution) {
    String type = address.substring(0, address.indexOf('.'));
    return new Finding(plan, address, null, type, action,
        action == FindingAction.REPLACE ? ReplaceOrder.DELETE_BEFORE_CREATE : null, null,
        action == FindingAction.REPLACE ? List.of("delete", "create") : List.of(action.id()),
        List.of(), critical, category, null, null,
        address + " will be destroyed because its block was removed; nothing depends on it.",
        downstream, null, false, location, null, attribution);
  }

  private static Finding at(String address, String location) {
    return finding("plans/prod.json", address, FindingAction.DELETE, false, null, NONE,
        location, List.of());
  }

  private static Report report(Decision decision, List<Finding> findings,
      Map<Finding, Verdict> verdicts, List<String> errors) {
    Map<String, Verdict> byId = new LinkedHashMap<>();
    verdicts.forEach((f, v) -> byId.put(GateResult.id(f), v));
    PlanSummary plan = new PlanSummary("plans/prod.json", "terraform", "1.2", "1.11.4",
        Reports.counts(2, 1, 0), false, true, List.of());
    return new Report(decision, List.of(new Reason(Reason.Kind.NOTE, "because")),
        Fingerprint.of(findings), Policy.DEFAULT_LABEL, Authorship.unknown("no commits"),
        List.of(plan), findings, byId, errors);
  }

  private static Report empty() {
    return report(Decision.PASS, List.of(), Map.of(), List.of());
  }

  private static final Finding DATABASE = finding("plans/prod.json", "aws_db_instance.main",
      FindingAction.DELETE, true, "database",
      new Downstream(List.of("aws_instance.app"), List.of("aws_lambda_function.report")),
      "main.tf:3", List.of());
  private static final Finding WEB = finding("plans/prod.json", "aws_instance.web",
      FindingAction.REPLACE, false, null, NONE, null,
      List.of(new Attribution(SHA, "Dev <dev@example.com>", "Claude Code", true,
          "modules/web/main.tf", 12, "changed the file")));
  private static final Finding LOGS = finding("plans/prod.json", "aws_s3_bucket.logs",
      FindingAction.FORGET, true, "bucket", NONE, null, List.of());
  private static final Finding STACK = finding("stacks/my stack.json", "AWS::S3::Bucket.Data",
      FindingAction.DELETE, false, null, NONE, "infra/my stack/template.yaml:42", List.of());

  /** Destroys and replaces, each verdict but blocked, every kind of location. */
  private static Report located() {
    return report(Decision.APPROVAL_REQUIRED, List.of(DATABASE, WEB, LOGS, STACK),
        Map.of(DATABASE, Verdict.APPROVAL_REQUIRED, WEB, Verdict.WAIVED, LOGS, Verdict.ALLOWED,
            STACK, Verdict.APPROVED),
        List.of());
  }

  private static Report blocked() {
    return report(Decision.BLOCKED, List.of(DATABASE, WEB),
        Map.of(DATABASE, Verdict.BLOCKED, WEB, Verdict.APPROVAL_REQUIRED), List.of());
  }

  private static Report errors() {
    return withProblems(report(Decision.ERROR, List.of(), Map.of(), List.of()), List.of(
        new Problem("plans/broken.json", 12, 5, Problem.CODE_UNREADABLE,
            "not valid JSON: unexpected character '}'", null),
        Problem.general(Problem.CODE_APPROVALS,
            "approvals could not be checked: the GitHub API answered 502"),
        Problem.in("/nowhere/at/all/stage plan.json", Problem.CODE_UNREADABLE,
            "cannot be read (No such file or directory)")));
  }

  private static Report withProblems(Report r, List<Problem> problems) {
    return new Report(r.decision(), r.reasons(), r.fingerprint(), r.approvalLabel(),
        r.authorship(), r.plans(), r.findings(), r.verdicts(), problems, r.policy(),
        r.warnings(), r.approvalRoute());
  }

  private static Report hostile() {
    Finding nasty = finding("plans/{0}\n[x](y).json", NASTY, FindingAction.DELETE, true,
        "database {1}", new Downstream(List.of(NASTY + ".dep"), List.of()),
        "main [1](javascript:x).tf:7", List.of());
    Report r = Reports.hostile();
    List<Finding> findings = new ArrayList<>(r.findings());
    findings.add(nasty);
    return withProblems(new Report(r.decision(), r.reasons(), r.fingerprint(),
        "label {0} [l](javascript:x)", r.authorship(), r.plans(), findings,
        Map.of(GateResult.id(nasty), Verdict.APPROVAL_REQUIRED), List.of()),
        List.of(Problem.in(Reports.HOSTILE_PATH, Problem.CODE_UNREADABLE, NASTY)));
  }

  /** The example's real Terraform plan that destroys the orders database. */
  private static Report realTerraform() {
    Path root = Path.of(System.getProperty("plangate.root", ".."));
    return new Pipeline().check(CheckRequest.plansOnly(
        List.of(root.resolve("examples/orders-service/destroy-plan.json"))));
  }

  /**
   * A CloudFormation template diff written to a temporary directory: the bucket declared at line
   * 12 of the old template is removed, so its finding points into a file outside the working
   * directory.
   */
  private static Report realCloudFormation() {
    try {
      Path dir = Files.createTempDirectory("plangate-sarif-cfn");
      String head = """
          AWSTemplateFormatVersion: "2010-09-09"
          Description: a bucket and the topic that announces its objects
          Resources:
            Topic:
              Type: AWS::SNS::Topic
            TopicPolicy:
              Type: AWS::SNS::TopicPolicy
              Properties:
                Topics: [!Ref Topic]
                PolicyDocument:
                  Statement: [{Effect: Allow, Principal: {Service: s3.amazonaws.com}, Action: sns:Publish, Resource: !Ref Topic}]
          """;
      String bucket = """
            MyS3Bucket:
              Type: AWS::S3::Bucket
              Properties:
                NotificationConfiguration:
                  TopicConfigurations: [{Event: "s3:ObjectCreated:*", Topic: !Ref Topic}]
          """;
      Path before = dir.resolve("cfn101-bucket.before.yaml");
      Path after = dir.resolve("cfn101-bucket.after.yaml");
      Files.writeString(before, head + bucket);
      Files.writeString(after, head);
      PlanExtras extras = new PlanExtras(null, List.of(), before, after, null, null);
      return new Pipeline().check(CheckRequest.builder(List.of())
          .today(LocalDate.of(2026, 1, 1)).extras(extras).build());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static Stream<Arguments> reports() {
    return Stream.of(
        Arguments.of("no findings", empty()),
        Arguments.of("destroys and replaces with locations", located()),
        Arguments.of("a blocked finding", blocked()),
        Arguments.of("input errors", errors()),
        Arguments.of("hostile names", hostile()),
        Arguments.of("real Terraform plan", realTerraform()),
        Arguments.of("real CloudFormation templates", realCloudFormation()));
  }

  // ---- helpers -------------------------------------------------------------------------------

  private static String render(Report r) throws IOException {
    StringWriter w = new StringWriter();
    new SarifReportWriter().render(r, w, RenderOptions.DEFAULT);
    return w.toString();
  }

  private static JsonNode sarif(Report r) throws IOException {
    String json = render(r);
    assertThat(json).endsWith("}\n");
    return MAPPER.readTree(json);
  }

  private static JsonNode run(JsonNode sarif) {
    return sarif.get("runs").get(0);
  }

  private static List<JsonNode> results(JsonNode sarif) {
    List<JsonNode> out = new ArrayList<>();
    run(sarif).get("results").forEach(out::add);
    return out;
  }

  private static JsonNode resultFor(JsonNode sarif, String address) {
    return results(sarif).stream()
        .filter(r -> r.path("properties").path("address").asText().equals(address))
        .findFirst().orElseThrow();
  }

  private static JsonNode artifact(JsonNode result) {
    assertThat(result.get("locations")).hasSize(1);
    return result.get("locations").get(0).get("physicalLocation");
  }

  private static String uri(JsonNode result) {
    return artifact(result).get("artifactLocation").get("uri").asText();
  }

  private static Set<ValidationMessage> validate(JsonNode doc) {
    return SCHEMA.validate(doc);
  }

  private static String sha256(String s) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
        .digest(s.getBytes(StandardCharsets.UTF_8)));
  }

  // ---- schema --------------------------------------------------------------------------------

  @ParameterizedTest(name = "{0}")
  @MethodSource("reports")
  void isValidSarifThatGitHubAccepts(String name, Report report) throws IOException {
    JsonNode doc = sarif(report);

    assertThat(validate(doc)).as("schema violations").isEmpty();
    JsonNode rules = run(doc).get("tool").get("driver").get("rules");
    for (JsonNode result : results(doc)) {
      // GitHub rejects the whole upload for one result without a file location.
      JsonNode location = artifact(result).get("artifactLocation");
      String uri = location.get("uri").asText();
      assertThat(uri).isNotEmpty().doesNotStartWith("/").doesNotContain("\\")
          .doesNotContain("//").doesNotContain(" ").doesNotContain("..")
          .doesNotMatch("^[A-Za-z][A-Za-z0-9+.-]*:.*");
      assertThat(location.has("uriBaseId")).isFalse();
      assertThat(rules.get(result.get("ruleIndex").asInt()).get("id").asText())
          .isEqualTo(result.get("ruleId").asText());
      assertThat(result.get("message").has("markdown")).isFalse();
      assertThat(result.get("partialFingerprints").size()).isEqualTo(1);
    }
    assertThat(results(doc)).hasSize(report.findings().size()
        + (int) report.errors().stream().filter(e -> !e.startsWith("approvals")).count());
  }

  @Test
  void theValidatorRejectsBrokenDocuments() throws IOException {
    JsonNode good = sarif(located());
    assertThat(validate(good)).isEmpty();

    ObjectNode noVersion = good.deepCopy();
    noVersion.remove("version");
    assertThat(validate(noVersion)).extracting(ValidationMessage::getMessage)
        .anyMatch(m -> m.contains("version"));

    ObjectNode badLevel = good.deepCopy();
    ((ObjectNode) badLevel.get("runs").get(0).get("results").get(0)).put("level", "fatal");
    assertThat(validate(badLevel)).isNotEmpty();

    ObjectNode badLine = good.deepCopy();
    ((ObjectNode) badLine.at("/runs/0/results/0/locations/0/physicalLocation/region"))
        .put("startLine", 0);
    assertThat(validate(badLine)).isNotEmpty();

    // Formats are checked: an unencoded space is not a uri-reference.
    ObjectNode badUri = good.deepCopy();
    ((ObjectNode) badUri.at("/runs/0/results/0/locations/0/physicalLocation/artifactLocation"))
        .put("uri", "my stack/main.tf");
    assertThat(validate(badUri)).isNotEmpty();

    ObjectNode ruleWithoutId = good.deepCopy();
    ((ObjectNode) ruleWithoutId.at("/runs/0/tool/driver/rules/0")).remove("id");
    assertThat(validate(ruleWithoutId)).isNotEmpty();
  }

  // ---- the run -------------------------------------------------------------------------------

  @Test
  void runNamesToolSchemaAndDecision() throws IOException {
    Report report = located();
    JsonNode doc = sarif(report);

    assertThat(doc.get("$schema").asText())
        .isEqualTo("https://json.schemastore.org/sarif-2.1.0.json");
    assertThat(doc.get("version").asText()).isEqualTo("2.1.0");
    assertThat(doc.get("runs")).hasSize(1);
    JsonNode driver = run(doc).get("tool").get("driver");
    assertThat(driver.get("name").asText()).isEqualTo("plangate");
    assertThat(driver.get("informationUri").asText())
        .isEqualTo("https://github.com/plangate/plangate");
    // Tests run from classes, not the jar, so there is no Implementation-Version.
    assertThat(driver.get("version").asText()).isEqualTo("dev");
    JsonNode props = run(doc).get("properties");
    assertThat(props.get("decision").asText()).isEqualTo("approval_required");
    assertThat(props.get("fingerprint").asText()).isEqualTo(report.fingerprint());
    assertThat(props.get("approvalLabel").asText()).isEqualTo("plangate/approve-destroy");
    assertThat(run(doc).at("/invocations/0/executionSuccessful").asBoolean()).isTrue();
    assertThat(run(doc).at("/invocations/0").has("toolExecutionNotifications")).isFalse();
  }

  @Test
  void rulesAreTheSameFiveInTheSameOrderEveryTime() throws IOException {
    for (Report r : List.of(empty(), located(), errors())) {
      JsonNode rules = run(sarif(r)).get("tool").get("driver").get("rules");
      List<String> ids = new ArrayList<>();
      rules.forEach(rule -> ids.add(rule.get("id").asText()));
      assertThat(ids).containsExactly("plangate/destroy", "plangate/replace", "plangate/forget",
          "plangate/protected", "plangate/input-error");
      for (JsonNode rule : rules) {
        assertThat(rule.at("/shortDescription/text").asText()).isNotBlank();
        assertThat(rule.at("/fullDescription/text").asText()).isNotBlank();
        assertThat(rule.at("/help/text").asText()).isNotBlank();
        assertThat(rule.at("/help/markdown").asText()).isNotBlank();
        assertThat(rule.at("/defaultConfiguration/level").asText())
            .isIn("error", "warning");
        assertThat(MAPPER.convertValue(rule.at("/properties/tags"), List.class))
            .contains("infrastructure").doesNotContain("security");
        assertThat(rule.get("properties").has("security-severity")).isFalse();
      }
      assertThat(rules.get(0).at("/properties/tags").toString()).contains("destructive-change");
    }
  }

  // ---- results -------------------------------------------------------------------------------

  @Test
  void levelFollowsWhatTheGateAsks() throws IOException {
    JsonNode doc = sarif(located());

    JsonNode database = resultFor(doc, "aws_db_instance.main");
    assertThat(database.get("ruleId").asText()).isEqualTo("plangate/destroy");
    assertThat(database.get("ruleIndex").asInt()).isZero();
    assertThat(database.get("level").asText()).isEqualTo("error");

    JsonNode web = resultFor(doc, "aws_instance.web");
    assertThat(web.get("ruleId").asText()).isEqualTo("plangate/replace");
    assertThat(web.get("ruleIndex").asInt()).isEqualTo(1);
    assertThat(web.get("level").asText()).isEqualTo("warning"); // waived

    JsonNode logs = resultFor(doc, "aws_s3_bucket.logs");
    assertThat(logs.get("ruleId").asText()).isEqualTo("plangate/forget");
    assertThat(logs.get("level").asText()).isEqualTo("warning"); // allowed

    assertThat(resultFor(doc, "AWS::S3::Bucket.Data").get("level").asText())
        .isEqualTo("warning"); // approved

    JsonNode blocked = sarif(blocked());
    JsonNode protectedDb = resultFor(blocked, "aws_db_instance.main");
    assertThat(protectedDb.get("ruleId").asText()).isEqualTo("plangate/protected");
    assertThat(protectedDb.get("ruleIndex").asInt()).isEqualTo(3);
    assertThat(protectedDb.get("level").asText()).isEqualTo("error");
    assertThat(protectedDb.at("/message/text").asText()).contains("blocked by a protect rule");
    assertThat(resultFor(blocked, "aws_instance.web").get("level").asText()).isEqualTo("error");

    // No gate, no verdict: shown, but not as something that stops the change.
    Report ungated = new Report(Decision.PASS, List.of(), List.of(), List.of(DATABASE),
        List.of());
    assertThat(resultFor(sarif(ungated), "aws_db_instance.main").get("level").asText())
        .isEqualTo("warning");
  }

  @Test
  void outsideAPullRequestTheMessageDoesNotSendAnyoneToALabel() throws IOException {
    JsonNode database = resultFor(sarif(located().withApprovalRoute(
        dev.plangate.core.gate.ApprovalRoute.MAVEN_BUILD)), "aws_db_instance.main");
    assertThat(database.at("/message/text").asText()).contains("needs approval (no label"
        + " approves it here: maven-build, see the report).").doesNotContain("(label ");
  }

  @Test
  void messageNamesResourceActionWhyCategoryAndDownstream() throws IOException {
    JsonNode database = resultFor(sarif(located()), "aws_db_instance.main");

    assertThat(database.at("/message/text").asText()).isEqualTo(
        "Destroys aws_db_instance.main (aws_db_instance; critical database; 2 dependents):"
            + " needs approval (label plangate/approve-destroy). aws_db_instance.main will be"
            + " destroyed because its block was removed; nothing depends on it.");
    JsonNode props = database.get("properties");
    assertThat(props.get("address").asText()).isEqualTo("aws_db_instance.main");
    assertThat(props.get("type").asText()).isEqualTo("aws_db_instance");
    assertThat(props.get("action").asText()).isEqualTo("delete");
    assertThat(props.get("critical").asBoolean()).isTrue();
    assertThat(props.get("category").asText()).isEqualTo("database");
    assertThat(props.get("verdict").asText()).isEqualTo("approval_required");
    assertThat(props.get("downstream").asInt()).isEqualTo(2);
    assertThat(props.get("reportFingerprint").asText()).isEqualTo(located().fingerprint());
  }

  @Test
  void locationIsTheDeclaringFileThenTheCommitThenThePlan() throws IOException {
    JsonNode doc = sarif(located());

    JsonNode database = artifact(resultFor(doc, "aws_db_instance.main"));
    assertThat(database.at("/artifactLocation/uri").asText()).isEqualTo("main.tf");
    assertThat(database.at("/region/startLine").asInt()).isEqualTo(3);

    JsonNode stack = artifact(resultFor(doc, "AWS::S3::Bucket.Data"));
    assertThat(stack.at("/artifactLocation/uri").asText())
        .isEqualTo("infra/my%20stack/template.yaml");
    assertThat(stack.at("/region/startLine").asInt()).isEqualTo(42);

    // No declaring location: the file and line of the commit that caused it.
    JsonNode web = artifact(resultFor(doc, "aws_instance.web"));
    assertThat(web.at("/artifactLocation/uri").asText()).isEqualTo("modules/web/main.tf");
    assertThat(web.at("/region/startLine").asInt()).isEqualTo(12);

    // Neither: the plan file, with no region.
    JsonNode logs = artifact(resultFor(doc, "aws_s3_bucket.logs"));
    assertThat(logs.at("/artifactLocation/uri").asText()).isEqualTo("plans/prod.json");
    assertThat(logs.has("region")).isFalse();
  }

  @Test
  void pathsBecomeRelativeUrisAndNeverAbsolute() throws IOException {
    String cwd = Path.of("").toAbsolutePath().toString();
    List<Finding> findings = List.of(
        at("a.b", "modules\\db\\main.tf:7"),
        at("c.d", "./x/../y/main.tf"),
        at("e.f", cwd + "/infra/main.tf:5"),
        at("g.h", "/elsewhere/tmp/main.tf:9"),
        at("i.j", "C:\\work\\repo\\main.tf:4"),
        at("k.l", "../outside/main.tf:2"),
        at("m.n", "über:δ/100%#?.tf"),
        finding("/tmp/runner/plan.json", "o.p", FindingAction.DELETE, false, null, NONE, null,
            List.of()));
    JsonNode doc = sarif(report(Decision.PASS, findings, Map.of(), List.of()));

    assertThat(uri(resultFor(doc, "a.b"))).isEqualTo("modules/db/main.tf");
    assertThat(uri(resultFor(doc, "c.d"))).isEqualTo("y/main.tf");
    assertThat(uri(resultFor(doc, "e.f"))).isEqualTo("infra/main.tf");
    assertThat(artifact(resultFor(doc, "e.f")).at("/region/startLine").asInt()).isEqualTo(5);
    // Outside the working directory: the plan inside it wins over the declaring file...
    assertThat(uri(resultFor(doc, "g.h"))).isEqualTo("plans/prod.json");
    assertThat(uri(resultFor(doc, "i.j"))).isEqualTo("plans/prod.json");
    assertThat(uri(resultFor(doc, "k.l"))).isEqualTo("plans/prod.json");
    // ... and when nothing is inside it, the file name alone: GitHub needs some location.
    assertThat(uri(resultFor(doc, "o.p"))).isEqualTo("plan.json");
    // A colon cannot read as a scheme, nor % # ? as escapes, query or fragment.
    assertThat(uri(resultFor(doc, "m.n"))).isEqualTo("%C3%BCber%3A%CE%B4/100%25%23%3F.tf");
    assertThat(validate(doc)).isEmpty();
  }

  @Test
  void partialFingerprintsAreStableAcrossRunsAndDistinctPerFinding() throws Exception {
    JsonNode first = sarif(located());
    JsonNode second = sarif(located());

    JsonNode database = resultFor(first, "aws_db_instance.main").get("partialFingerprints");
    assertThat(database.get("plangateFinding/v1").asText())
        .isEqualTo(sha256("plans/prod.json\naws_db_instance.main\n\ndelete"))
        .matches("[0-9a-f]{64}");
    List<String> fingerprints = new ArrayList<>();
    for (JsonNode r : results(first)) {
      fingerprints.add(r.at("/partialFingerprints/plangateFinding~1v1").asText());
    }
    assertThat(fingerprints).doesNotHaveDuplicates();
    assertThat(results(second)).extracting(r -> r.get("partialFingerprints"))
        .containsExactlyElementsOf(results(first).stream()
            .map(r -> r.get("partialFingerprints")).toList());
    // An approval, or an edit that moves the block, is the same alert.
    JsonNode approvedAndMoved = sarif(report(Decision.PASS,
        List.of(finding("plans/prod.json", "aws_db_instance.main", FindingAction.DELETE, true,
            "database", NONE, "main.tf:30", List.of())),
        Map.of(), List.of()));
    assertThat(resultFor(approvedAndMoved, "aws_db_instance.main").get("partialFingerprints"))
        .isEqualTo(database);
  }

  @Test
  void errorsNamingAFileAreResultsAndEveryErrorIsANotification() throws IOException {
    JsonNode doc = sarif(errors());

    List<JsonNode> results = results(doc);
    assertThat(results).hasSize(2).allSatisfy(r -> {
      assertThat(r.get("ruleId").asText()).isEqualTo("plangate/input-error");
      assertThat(r.get("ruleIndex").asInt()).isEqualTo(4);
      assertThat(r.get("level").asText()).isEqualTo("error");
      assertThat(r.at("/partialFingerprints/plangateError~1v1").asText()).hasSize(64);
    });
    assertThat(uri(results.get(0))).isEqualTo("plans/broken.json");
    assertThat(artifact(results.get(0)).at("/region/startLine").asInt()).isEqualTo(12);
    assertThat(results.get(0).at("/message/text").asText())
        .isEqualTo("plans/broken.json: 12:5: not valid JSON: unexpected character '}}'");
    assertThat(uri(results.get(1))).isEqualTo("stage%20plan.json");

    JsonNode invocation = run(doc).at("/invocations/0");
    assertThat(invocation.get("executionSuccessful").asBoolean()).isFalse();
    JsonNode notes = invocation.get("toolExecutionNotifications");
    assertThat(notes).hasSize(3);
    assertThat(notes.get(1).at("/message/text").asText())
        .isEqualTo("approvals could not be checked: the GitHub API answered 502");
    assertThat(notes.get(1).get("level").asText()).isEqualTo("error");
    assertThat(notes.get(1).at("/associatedRule/id").asText()).isEqualTo("plangate/input-error");
    assertThat(run(doc).at("/properties/decision").asText()).isEqualTo("error");
  }

  /**
   * Where a problem points comes from its fields, never from its sentence: a sentence that
   * merely looks like {@code file: 12: reason} places nothing, and a named source without a
   * file extension (a cdk.out-like directory) is placed all the same.
   */
  @Test
  void problemsArePlacedByTheirFieldsNotByTheirWording() throws IOException {
    JsonNode doc = sarif(withProblems(report(Decision.ERROR, List.of(), Map.of(), List.of()),
        List.of(Problem.general(Problem.CODE_OTHER, "plans/looks-like.json: 12: a sentence"),
            new Problem("assembly", 3, 0, Problem.CODE_UNREADABLE, "no manifest.json", null))));

    List<JsonNode> results = results(doc);
    assertThat(results).hasSize(1);
    assertThat(uri(results.get(0))).isEqualTo("assembly");
    assertThat(artifact(results.get(0)).at("/region/startLine").asInt()).isEqualTo(3);
    assertThat(results.get(0).at("/message/text").asText())
        .isEqualTo("assembly: 3: no manifest.json");
    assertThat(run(doc).at("/invocations/0/toolExecutionNotifications")).hasSize(2);
  }

  // ---- hostile input -------------------------------------------------------------------------

  @Test
  void hostileNamesCannotLinkFormatOrFillPlaceholders() throws IOException {
    String json = render(hostile());
    JsonNode doc = MAPPER.readTree(json);

    JsonNode nasty = resultFor(doc, NASTY);
    String text = nasty.at("/message/text").asText();
    // §3.11.5: literal braces are doubled, so "{0}" is text, not argument 0.
    assertThat(text).contains("{{0}}").contains("}}{{").contains("database {{1}}")
        .contains("label {{0}}");
    assertThat(text.replace("{{", "").replace("}}", "")).doesNotContain("{").doesNotContain("}");
    // §3.11.6: no "[text](target)" embedded link survives.
    assertThat(text).doesNotContain("](").contains("[link] (javascript:x)");
    // One line; the break is visible instead. HTML is inert text in a plain-text message.
    assertThat(text).doesNotContain("\n").contains("\\u000a# heading").contains("<img src=x>");
    // Properties keep the raw value for machines.
    assertThat(nasty.at("/properties/address").asText()).isEqualTo(NASTY);
    // The declaring file is percent-encoded, so brackets and spaces cannot confuse a consumer.
    assertThat(uri(nasty)).isEqualTo("main%20%5B1%5D%28javascript%3Ax%29.tf");

    for (JsonNode r : results(doc)) {
      String t = r.at("/message/text").asText();
      assertThat(t).doesNotContain("](").doesNotContain("\n").doesNotContain("\u001b")
          .doesNotContain("\u202e");
      assertThat(t.replace("{{", "").replace("}}", "")).doesNotContain("{").doesNotContain("}");
    }
    JsonNode note = run(doc).at("/invocations/0/toolExecutionNotifications/0/message/text");
    assertThat(note.asText()).doesNotContain("\n").doesNotContain("](").contains("{{0}}");
    // The only Markdown is the rules' own: no input reaches it.
    for (JsonNode rule : run(doc).at("/tool/driver/rules")) {
      assertThat(rule.toString()).doesNotContain("javascript").doesNotContain("<img");
      for (String field : List.of("/shortDescription/text", "/fullDescription/text",
          "/help/text", "/help/markdown")) {
        assertThat(rule.at(field).asText()).doesNotContain("{").doesNotContain("}");
      }
    }
    assertThat(validate(doc)).isEmpty();
  }

  @Test
  void realReportsGiveEveryResultALocation() throws IOException {
    JsonNode terraform = sarif(realTerraform());
    assertThat(results(terraform)).isNotEmpty()
        .allSatisfy(r -> assertThat(uri(r)).isEqualTo("destroy-plan.json"));
    assertThat(results(terraform)).anySatisfy(r -> {
      assertThat(r.get("ruleId").asText()).isEqualTo("plangate/destroy");
      assertThat(r.get("level").asText()).isEqualTo("error");
      assertThat(r.at("/properties/address").asText()).isEqualTo("terraform_data.database");
    });

    // The removed bucket is declared at line 12 of the old template, outside the working
    // directory here: its file name and line, rather than no location at all.
    JsonNode bucket = resultFor(sarif(realCloudFormation()), "MyS3Bucket");
    assertThat(bucket.get("ruleId").asText()).isEqualTo("plangate/destroy");
    assertThat(bucket.at("/properties/category").asText()).isEqualTo("bucket");
    assertThat(uri(bucket)).isEqualTo("cfn101-bucket.before.yaml");
    assertThat(artifact(bucket).at("/region/startLine").asInt()).isEqualTo(12);
  }
}
