package dev.plangate.core.report;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.plangate.core.authorship.Attribution;
import dev.plangate.core.authorship.Authorship;
import dev.plangate.core.authorship.CommitAuthorship;
import dev.plangate.core.authorship.Signal;
import dev.plangate.core.gate.Verdict;
import dev.plangate.core.impact.Finding;
import dev.plangate.core.impact.FindingAction;
import java.io.IOException;
import java.io.Writer;
import java.util.List;
import java.util.Map;

/**
 * Writes the canonical JSON report (schema version 1, documented in docs/report-json.md) with a
 * streaming generator, so a report with a hundred thousand downstream addresses costs no tree.
 */
public final class JsonReportWriter extends NamedRenderer {
  private static final JsonFactory FACTORY = new JsonFactory();

  public JsonReportWriter() {
    super("json", "application/json", "json");
  }

  @Override
  public void render(Report report, Writer out, RenderOptions options) throws IOException {
    try (JsonGenerator g = FACTORY.createGenerator(out)) {
      g.useDefaultPrettyPrinter();
      g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
      g.writeStartObject();
      g.writeNumberField("schemaVersion", Report.SCHEMA_VERSION);
      g.writeStringField("decision", report.decision().id());
      strings(g, "decisionReasons", report.decisionReasons());
      g.writeStringField("fingerprint", report.fingerprint());
      g.writeStringField("approvalLabel", report.approvalLabel());
      g.writeStringField("approvalRoute", report.approvalRoute().id());
      authorship(g, report.authorship());
      g.writeObjectFieldStart("summary");
      g.writeNumberField("delete", report.count(FindingAction.DELETE));
      g.writeNumberField("replace", report.count(FindingAction.REPLACE));
      g.writeNumberField("forget", report.count(FindingAction.FORGET));
      g.writeNumberField("critical", report.criticalDestroys());
      g.writeNumberField("unrecoverable",
          report.findings().stream().filter(f -> Boolean.FALSE.equals(f.recoverable())).count());
      g.writeEndObject();
      g.writeArrayFieldStart("plans");
      for (PlanSummary p : report.plans()) {
        g.writeStartObject();
        g.writeStringField("path", p.path());
        g.writeStringField("format", p.format());
        g.writeStringField("formatVersion", p.formatVersion());
        g.writeStringField("toolVersion", p.toolVersion());
        g.writeObjectFieldStart("counts");
        for (Map.Entry<String, Integer> c : p.counts().entrySet()) {
          g.writeNumberField(c.getKey(), c.getValue());
        }
        g.writeEndObject();
        g.writeBooleanField("errored", p.errored());
        g.writeBooleanField("complete", p.complete());
        strings(g, "warnings", p.warnings());
        g.writeEndObject();
      }
      g.writeEndArray();
      g.writeArrayFieldStart("findings");
      for (Finding f : report.findings()) {
        finding(g, f, report.verdict(f));
      }
      g.writeEndArray();
      g.writeObjectFieldStart("policy");
      g.writeStringField("path", report.policy().path());
      g.writeStringField("revision", report.policy().revision());
      strings(g, "loosened", report.policy().loosened());
      g.writeEndObject();
      strings(g, "warnings", report.warnings());
      strings(g, "errors", report.errors());
      problems(g, report.problems());
      g.writeEndObject();
      g.writeRaw('\n');
    }
  }

  private static void authorship(JsonGenerator g, Authorship a) throws IOException {
    g.writeObjectFieldStart("authorship");
    g.writeObjectField("aiInvolved", a.aiInvolved()); // a Boolean: true, false or null
    g.writeArrayFieldStart("commits");
    for (CommitAuthorship c : a.commits()) {
      g.writeStartObject();
      g.writeStringField("sha", c.sha());
      g.writeStringField("author", c.author());
      g.writeStringField("subject", c.subject());
      g.writeBooleanField("ai", c.ai());
      g.writeStringField("agent", c.agent());
      signals(g, c.signals());
      g.writeEndObject();
    }
    g.writeEndArray();
    signals(g, a.signals());
    strings(g, "notes", a.notes());
    g.writeEndObject();
  }

  private static void signals(JsonGenerator g, List<Signal> signals) throws IOException {
    g.writeArrayFieldStart("signals");
    for (Signal s : signals) {
      g.writeStartObject();
      g.writeStringField("kind", s.kind());
      g.writeStringField("evidence", s.evidence());
      g.writeStringField("confidence", s.confidence().id());
      g.writeStringField("agent", s.agent());
      g.writeEndObject();
    }
    g.writeEndArray();
  }

  private static void finding(JsonGenerator g, Finding f, Verdict verdict) throws IOException {
    g.writeStartObject();
    g.writeStringField("verdict", verdict == null ? null : verdict.id());
    g.writeStringField("plan", f.plan());
    g.writeStringField("address", f.address());
    g.writeStringField("urn", f.urn());
    g.writeStringField("deposed", f.deposed());
    g.writeStringField("type", f.type());
    g.writeStringField("action", f.action().id());
    g.writeStringField("replaceOrder", f.replaceOrder() == null ? null : f.replaceOrder().id());
    g.writeStringField("reason", f.reason());
    strings(g, "rawActions", f.rawActions());
    strings(g, "replacedBecause", f.replacedBecause());
    g.writeBooleanField("critical", f.critical());
    g.writeStringField("category", f.category());
    g.writeObjectField("recoverable", f.recoverable());
    g.writeStringField("recoverability", f.recoverability());
    g.writeStringField("explanation", f.explanation());
    g.writeObjectFieldStart("downstream");
    strings(g, "changing", f.downstream().changing());
    strings(g, "unchanged", f.downstream().unchanged());
    g.writeBooleanField("known", f.downstream().known());
    g.writeEndObject();
    g.writeStringField("suggestion", f.suggestion());
    g.writeBooleanField("conditional", f.conditional());
    g.writeStringField("location", f.location());
    g.writeArrayFieldStart("attribution");
    for (Attribution a : f.attribution()) {
      g.writeStartObject();
      g.writeStringField("sha", a.sha());
      g.writeStringField("author", a.author());
      g.writeStringField("agent", a.agent());
      g.writeBooleanField("ai", a.ai());
      g.writeStringField("file", a.file());
      g.writeNumberField("line", a.line());
      g.writeStringField("change", a.change());
      g.writeEndObject();
    }
    g.writeEndArray();
    g.writeEndObject();
  }

  /** The errors again, structured: what SARIF, annotations and editors point with. */
  private static void problems(JsonGenerator g, List<Problem> problems) throws IOException {
    g.writeArrayFieldStart("problems");
    for (Problem p : problems) {
      g.writeStartObject();
      g.writeStringField("source", p.source());
      g.writeNumberField("line", p.line());
      g.writeNumberField("column", p.column());
      g.writeStringField("code", p.code());
      g.writeStringField("message", p.message());
      g.writeStringField("hint", p.hint());
      g.writeEndObject();
    }
    g.writeEndArray();
  }

  static void strings(JsonGenerator g, String name, List<String> values)
      throws IOException {
    g.writeFieldName(name);
    g.writeArray(values.toArray(String[]::new), 0, values.size());
  }
}
