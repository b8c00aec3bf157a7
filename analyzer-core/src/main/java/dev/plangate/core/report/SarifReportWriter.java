package dev.plangate.core.report;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.plangate.core.attribution.Declarations;
import dev.plangate.core.audit.AuditLog;
import dev.plangate.core.authorship.Attribution;
import dev.plangate.core.gate.Decision;
import dev.plangate.core.gate.Verdict;
import dev.plangate.core.impact.Finding;
import dev.plangate.core.impact.Phrases;
import dev.plangate.core.impact.SourcePlace;
import java.io.IOException;
import java.io.Writer;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Writes the report as SARIF 2.1.0 for GitHub code scanning (docs/sarif.md): one run, one result
 * per finding, one result per input error that names a file.
 *
 * <p><b>Rules.</b> Every run lists the same five rules in the same order, so a result's
 * {@code ruleIndex} is stable: {@code plangate/destroy}, {@code plangate/replace},
 * {@code plangate/forget} by the finding's action, {@code plangate/protected} for a finding the
 * gate {@link Verdict#BLOCKED blocked} (whatever its action), {@code plangate/input-error} for
 * {@link Report#errors()}. No rule carries GitHub's {@code security-severity}: it is per rule, so
 * it would give a waived destroy the same severity as an unapproved one, and it files the alerts
 * as security vulnerabilities, which a planned destroy is not.
 *
 * <p><b>Levels</b> follow what the gate asks of a person, not how bad the change is (the message
 * and properties say that):
 * <ul>
 *   <li>{@code error}: {@link Verdict#BLOCKED} and {@link Verdict#APPROVAL_REQUIRED}, the verdicts
 *       that fail the gate; and every input error.</li>
 *   <li>{@code warning}: {@link Verdict#APPROVED}, {@link Verdict#WAIVED}, {@link Verdict#ALLOWED}
 *       and no verdict (a report built without the gate): the change still destroys something a
 *       reviewer should see, but nothing stops it. Code scanning fails a pull request's check on
 *       {@code error} by default, so its check agrees with plangate's exit code.</li>
 * </ul>
 *
 * <p><b>Locations.</b> GitHub rejects a whole upload when any result has no
 * {@code physicalLocation.artifactLocation.uri} (github/codeql-action#1738), so every finding gets
 * one: the first of the declaring file and line ({@link Finding#location()}), the file and line of
 * the commit that caused it ({@link Attribution}) and the plan file that lies inside the working
 * directory; when none does (a plan in a temporary directory), the first one's file name alone. An
 * input problem becomes a result only when it names a file ({@link Problem#source()}, with its
 * line when known); every problem is also an {@code invocations[0].toolExecutionNotifications}
 * entry, which needs no location, so none is lost. URIs are relative to the working directory, which GitHub reads as
 * the repository root: forward slashes, percent-encoded, never absolute, no {@code uriBaseId}.
 *
 * <p><b>Input is hostile.</b> Message strings are plain text, never Markdown; the only Markdown is
 * the rules' own static help. Input in a message goes through {@link #plain(String)}: control and
 * bidirectional characters become visible escapes, braces are doubled as SARIF §3.11.5 requires
 * (a single brace would start an argument placeholder), and {@code "]("} gets a space so input
 * cannot form a §3.11.6 embedded link. Properties carry the raw values; JSON escaping is enough.
 */
public final class SarifReportWriter extends NamedRenderer {
  static final String SCHEMA_URI = "https://json.schemastore.org/sarif-2.1.0.json";
  static final String INFORMATION_URI = "https://github.com/plangate/plangate";
  /** Bump the suffix if the hashed fields ever change, so alerts are re-keyed, not mismatched. */
  static final String FINDING_FINGERPRINT = "plangateFinding/v1";
  static final String ERROR_FINGERPRINT = "plangateError/v1";

  private static final JsonFactory FACTORY = new JsonFactory();
  private static final Pattern DRIVE = Pattern.compile("[A-Za-z]:/");

  /** The rules, in {@code tool.driver.rules} order: a result's ruleIndex is the ordinal. */
  enum Rule {
    DESTROY("plangate/destroy", "ResourceDestroyed", "error",
        "The plan destroys a resource.",
        "The plan deletes a resource that exists today. Whatever it holds (data, addresses,"
            + " connections) is gone once the plan is applied, unless it can be recovered.",
        "Check that the destroy is intended. Removing a block, changing count or for_each, or"
            + " renaming a resource without a moved block all destroy the object; a moved block"
            + " turns a rename into a move. If the destroy is intended, approve it with the label"
            + " named in the run's approvalLabel property, or waive it in the plangate policy.",
        "**The plan destroys a resource.**\n\n"
            + "- Removing a block, changing `count` or `for_each`, or renaming a resource without"
            + " a `moved` block all destroy the object.\n"
            + "- If it is a rename, add a `moved` block: the destroy becomes a move.\n"
            + "- If the destroy is intended, approve it with the label named in the run's"
            + " `approvalLabel` property, or waive it in the plangate policy.",
        "infrastructure", "destructive-change"),
    REPLACE("plangate/replace", "ResourceReplaced", "error",
        "The plan replaces a resource: destroys it and creates a new one.",
        "The plan destroys a resource and creates a new one in its place, because an attribute"
            + " cannot change in place, the object is tainted, or a replacement was requested. The"
            + " new object starts empty and gets new identifiers.",
        "Check which attribute forces the replacement and whether changing it is intended. If the"
            + " replacement is intended, approve it with the label named in the run's approvalLabel"
            + " property, or waive it in the plangate policy.",
        "**The plan replaces a resource.**\n\n"
            + "- Find the attribute that forces the replacement and check that the change is"
            + " intended.\n"
            + "- The new object starts empty and gets new identifiers.\n"
            + "- If the replacement is intended, approve it with the label named in the run's"
            + " `approvalLabel` property, or waive it in the plangate policy.",
        "infrastructure", "destructive-change"),
    FORGET("plangate/forget", "ResourceForgotten", "warning",
        "The plan stops managing a resource without destroying it.",
        "The plan removes a resource from the tool's state but leaves it running: nothing manages"
            + " it afterwards, and it keeps costing money and holding data.",
        "Check that leaving the resource unmanaged is intended, and that someone owns it"
            + " afterwards.",
        "**The plan stops managing a resource.** It keeps running, unmanaged. Check that this is"
            + " intended and that someone owns it afterwards.",
        "infrastructure", "state"),
    PROTECTED("plangate/protected", "ProtectedResourceChanged", "error",
        "The plan destroys or replaces a protected resource.",
        "A protect rule in the plangate policy forbids destroying or replacing this resource. No"
            + " approval lets the plan through.",
        "Change the plan so that it keeps the resource, or change the protect rule in the plangate"
            + " policy through its own review.",
        "**A protect rule forbids this change.** No approval lets it through: change the plan so"
            + " that it keeps the resource, or change the protect rule in the plangate policy"
            + " through its own review.",
        "infrastructure", "destructive-change", "policy"),
    INPUT_ERROR("plangate/input-error", "InputError", "error",
        "An input could not be read.",
        "plangate could not read a plan, template or other input, so it decided nothing.",
        "Fix the input named in the message and run plangate again.",
        "**An input could not be read**, so plangate decided nothing. Fix the input named in the"
            + " message and run plangate again.",
        "infrastructure", "input-error");

    final String id;
    final String name;
    final String level;
    final String shortDescription;
    final String fullDescription;
    final String helpText;
    final String helpMarkdown;
    final List<String> tags;

    Rule(String id, String name, String level, String shortDescription, String fullDescription,
        String helpText, String helpMarkdown, String... tags) {
      this.id = id;
      this.name = name;
      this.level = level;
      this.shortDescription = shortDescription;
      this.fullDescription = fullDescription;
      this.helpText = helpText;
      this.helpMarkdown = helpMarkdown;
      this.tags = List.of(tags);
    }

    static Rule of(Finding f, Verdict v) {
      if (v == Verdict.BLOCKED) {
        return PROTECTED;
      }
      return switch (f.action()) {
        case DELETE -> DESTROY;
        case REPLACE -> REPLACE;
        case FORGET -> FORGET;
      };
    }
  }

  /** Where a result points: a relative URI, and a line or 0. */
  record Place(String uri, int line) {}

  public SarifReportWriter() {
    super("sarif", "application/sarif+json", "sarif");
  }

  @Override
  public void render(Report report, Writer out, RenderOptions options) throws IOException {
    try (JsonGenerator g = FACTORY.createGenerator(out)) {
      g.useDefaultPrettyPrinter();
      g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
      g.writeStartObject();
      g.writeStringField("$schema", SCHEMA_URI);
      g.writeStringField("version", "2.1.0");
      g.writeArrayFieldStart("runs");
      g.writeStartObject();
      tool(g);
      invocation(g, report);
      g.writeArrayFieldStart("results");
      for (Finding f : report.findings()) {
        finding(g, f, report);
      }
      for (Problem p : report.problems()) {
        Place at = problemPlace(p);
        if (at != null) {
          error(g, p.text(), at);
        }
      }
      g.writeEndArray();
      g.writeObjectFieldStart("properties");
      g.writeStringField("decision", report.decision().id());
      g.writeStringField("fingerprint", report.fingerprint());
      g.writeStringField("approvalLabel", report.approvalLabel());
      g.writeStringField("approvalRoute", report.approvalRoute().id());
      g.writeEndObject();
      g.writeEndObject();
      g.writeEndArray();
      g.writeEndObject();
      g.writeRaw('\n');
    }
  }

  private static void tool(JsonGenerator g) throws IOException {
    g.writeObjectFieldStart("tool");
    g.writeObjectFieldStart("driver");
    g.writeStringField("name", "plangate");
    g.writeStringField("informationUri", INFORMATION_URI);
    g.writeStringField("version", version());
    g.writeArrayFieldStart("rules");
    for (Rule r : Rule.values()) {
      g.writeStartObject();
      g.writeStringField("id", r.id);
      g.writeStringField("name", r.name);
      text(g, "shortDescription", r.shortDescription);
      text(g, "fullDescription", r.fullDescription);
      g.writeObjectFieldStart("help");
      g.writeStringField("text", r.helpText);
      g.writeStringField("markdown", r.helpMarkdown);
      g.writeEndObject();
      g.writeObjectFieldStart("defaultConfiguration");
      g.writeStringField("level", r.level);
      g.writeEndObject();
      g.writeObjectFieldStart("properties");
      JsonReportWriter.strings(g, "tags", r.tags);
      g.writeEndObject();
      g.writeEndObject();
    }
    g.writeEndArray();
    g.writeEndObject();
    g.writeEndObject();
  }

  private static void invocation(JsonGenerator g, Report report) throws IOException {
    g.writeArrayFieldStart("invocations");
    g.writeStartObject();
    g.writeBooleanField("executionSuccessful", report.decision() != Decision.ERROR);
    if (!report.errors().isEmpty()) {
      g.writeArrayFieldStart("toolExecutionNotifications");
      for (String e : report.errors()) {
        g.writeStartObject();
        g.writeStringField("level", "error");
        text(g, "message", plain(e));
        g.writeObjectFieldStart("associatedRule");
        g.writeStringField("id", Rule.INPUT_ERROR.id);
        g.writeNumberField("index", Rule.INPUT_ERROR.ordinal());
        g.writeEndObject();
        g.writeEndObject();
      }
      g.writeEndArray();
    }
    g.writeEndObject();
    g.writeEndArray();
  }

  private static void finding(JsonGenerator g, Finding f, Report report) throws IOException {
    Verdict verdict = report.verdict(f);
    Rule rule = Rule.of(f, verdict);
    g.writeStartObject();
    g.writeStringField("ruleId", rule.id);
    g.writeNumberField("ruleIndex", rule.ordinal());
    g.writeStringField("level",
        verdict == Verdict.BLOCKED || verdict == Verdict.APPROVAL_REQUIRED ? "error" : "warning");
    text(g, "message", plain(message(f, verdict, report.approvalRoute().byLabel()
        ? "label " + report.approvalLabel()
        : "no label approves it here: " + report.approvalRoute().id() + ", see the report")));
    locations(g, place(f));
    g.writeObjectFieldStart("partialFingerprints");
    g.writeStringField(FINDING_FINGERPRINT, fingerprint(f));
    g.writeEndObject();
    g.writeObjectFieldStart("properties");
    g.writeStringField("plan", f.plan());
    g.writeStringField("address", f.address());
    g.writeStringField("deposed", f.deposed());
    g.writeStringField("type", f.type());
    g.writeStringField("action", f.action().id());
    g.writeBooleanField("critical", f.critical());
    g.writeStringField("category", f.category());
    g.writeStringField("verdict", verdict == null ? null : verdict.id());
    g.writeNumberField("downstream", f.downstream().total());
    g.writeBooleanField("downstreamKnown", f.downstream().known());
    g.writeStringField("reportFingerprint", report.fingerprint());
    g.writeEndObject();
    g.writeEndObject();
  }

  private static void error(JsonGenerator g, String error, Place at) throws IOException {
    g.writeStartObject();
    g.writeStringField("ruleId", Rule.INPUT_ERROR.id);
    g.writeNumberField("ruleIndex", Rule.INPUT_ERROR.ordinal());
    g.writeStringField("level", "error");
    text(g, "message", plain(error));
    locations(g, at);
    g.writeObjectFieldStart("partialFingerprints");
    g.writeStringField(ERROR_FINGERPRINT, sha256(error));
    g.writeEndObject();
    g.writeEndObject();
  }

  private static void locations(JsonGenerator g, Place at) throws IOException {
    if (at == null) {
      return; // a finding without even a plan path: valid SARIF, though GitHub rejects it
    }
    g.writeArrayFieldStart("locations");
    g.writeStartObject();
    g.writeObjectFieldStart("physicalLocation");
    g.writeObjectFieldStart("artifactLocation");
    g.writeStringField("uri", at.uri());
    g.writeEndObject();
    if (at.line() > 0) {
      g.writeObjectFieldStart("region");
      g.writeNumberField("startLine", at.line());
      g.writeEndObject();
    }
    g.writeEndObject();
    g.writeEndObject();
    g.writeEndArray();
  }

  private static void text(JsonGenerator g, String field, String text) throws IOException {
    g.writeObjectFieldStart(field);
    g.writeStringField("text", text);
    g.writeEndObject();
  }

  /**
   * "Destroys aws_db_instance.main (aws_db_instance; critical database; 3 dependents): ...".
   *
   * @param approval how it is approved where the report was made ("label X" on a pull request)
   */
  static String message(Finding f, Verdict verdict, String approval) {
    StringBuilder sb = new StringBuilder(switch (f.action()) {
      case DELETE -> "Destroys ";
      case REPLACE -> f.conditional() ? "May replace " : "Replaces ";
      case FORGET -> "Stops managing ";
    });
    sb.append(f.key()).append(" (").append(f.type());
    if (f.critical()) {
      sb.append("; critical").append(f.category() == null ? "" : " " + f.category());
    }
    int downstream = f.downstream().total();
    sb.append("; ").append(!f.downstream().known()
        ? (downstream == 0 ? "dependencies unknown" : "at least "
            + Phrases.plural(downstream, "dependent", "dependents"))
        : downstream == 0 ? "nothing depends on it"
        : Phrases.plural(downstream, "dependent", "dependents")).append("): ");
    sb.append(verdict == null ? "not judged by the gate." : switch (verdict) {
      case BLOCKED -> "blocked by a protect rule in the policy.";
      case APPROVAL_REQUIRED -> "needs approval (" + approval + ").";
      case APPROVED -> "approved.";
      case WAIVED -> "waived by the policy.";
      case ALLOWED -> "allowed by the policy without approval.";
    });
    if (f.explanation() != null) {
      sb.append(' ').append(f.explanation());
    }
    return sb.toString();
  }

  /**
   * Input made safe for a SARIF plain-text message string: one line, no invisible controls, no
   * placeholders, no embedded links. Applied to whole messages: the static text has none of these.
   */
  static String plain(String s) {
    String visible = Escape.terminal(s);
    StringBuilder sb = new StringBuilder(visible.length() + 8);
    for (int i = 0; i < visible.length(); i++) {
      char c = visible.charAt(i);
      if (c == '(' && i > 0 && visible.charAt(i - 1) == ']') {
        sb.append(' '); // §3.11.6: "[text](target)" would be an embedded link
      }
      sb.append(c);
      if (c == '{' || c == '}') {
        sb.append(c); // §3.11.5: a literal brace is written twice
      }
    }
    return sb.toString();
  }

  /** The declaring file and line, else the causing commit's file and line, else the plan. */
  static Place place(Finding f) {
    return resolve(SourcePlace.candidates(f));
  }

  /** The file a problem names, and its line; null when it names none. */
  static Place problemPlace(Problem p) {
    return p.source() == null ? null
        : resolve(List.of(new SourcePlace(p.source(), p.line(), false)));
  }

  /**
   * The first candidate inside the working directory; failing that, the first one's file name
   * alone: GitHub rejects the whole upload for one result without a location, and a plan written
   * to a temporary directory is common.
   */
  private static Place resolve(List<SourcePlace> candidates) {
    for (SourcePlace c : candidates) {
      String uri = uri(c.file());
      if (uri != null) {
        return new Place(uri, Math.max(c.line(), 0));
      }
    }
    for (SourcePlace c : candidates) {
      String name = c.file() == null ? null : c.file().replace('\\', '/');
      String uri = name == null ? null : uri(name.substring(name.lastIndexOf('/') + 1));
      if (uri != null) {
        return new Place(uri, Math.max(c.line(), 0));
      }
    }
    return null;
  }

  /**
   * A relative URI reference for a path, or null when the path is empty or lies outside the
   * working directory: absolute paths inside it are made relative, {@code .} and {@code ..}
   * resolved, each segment percent-encoded (so a colon cannot read as a URI scheme).
   */
  static String uri(String path) {
    if (path == null || path.isBlank()) {
      return null;
    }
    String p = path.replace('\\', '/');
    if (p.startsWith("/") || DRIVE.matcher(p).lookingAt()) {
      p = relativeToWorkingDirectory(p);
      if (p == null) {
        return null;
      }
    }
    String normalised = Declarations.normalise(p);
    if (normalised == null || normalised.isEmpty()) {
      return null;
    }
    return Arrays.stream(normalised.split("/")).map(SarifReportWriter::encode)
        .collect(Collectors.joining("/"));
  }

  private static String relativeToWorkingDirectory(String absolute) {
    try {
      Path cwd = Path.of("").toAbsolutePath().normalize();
      Path p = Path.of(absolute).normalize();
      if (!p.isAbsolute() || !p.startsWith(cwd)) {
        return null;
      }
      return cwd.relativize(p).toString().replace('\\', '/');
    } catch (InvalidPathException e) {
      return null;
    }
  }

  /** RFC 3986 percent-encoding of everything but the unreserved characters. */
  private static String encode(String segment) {
    // URLEncoder leaves '*' alone, encodes '~' and writes a space as '+'; '+' itself is "%2B"
    return URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20")
        .replace("*", "%2A").replace("%7E", "~");
  }

  /**
   * What makes a finding the same alert from run to run: plan, address, deposed key, action.
   * Not the line (it moves with edits) nor the verdict (an approval must not open a new alert).
   */
  static String fingerprint(Finding f) {
    return sha256(f.plan() + '\n' + f.address() + '\n'
        + (f.deposed() == null ? "" : f.deposed()) + '\n' + f.action().id());
  }

  private static String sha256(String s) {
    return AuditLog.sha256(s.getBytes(StandardCharsets.UTF_8));
  }

  private static String version() {
    Package p = SarifReportWriter.class.getPackage();
    String v = p == null ? null : p.getImplementationVersion();
    return v == null || v.isBlank() ? "dev" : v;
  }
}
