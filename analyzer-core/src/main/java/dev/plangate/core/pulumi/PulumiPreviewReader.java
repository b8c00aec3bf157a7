package dev.plangate.core.pulumi;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.plangate.core.io.InputFile;
import dev.plangate.core.model.Plan;
import dev.plangate.core.plan.AttributeSelector;
import dev.plangate.core.plan.PlanJson;
import dev.plangate.core.plan.PlanReadException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads what {@code pulumi preview} tells about a change: the JSON digest of
 * {@code pulumi preview --json}, or an engine-event stream (NDJSON: {@code --event-log FILE},
 * {@code pulumi up --json}, {@code preview --json} with
 * {@code PULUMI_ENABLE_STREAMING_JSON_PREVIEW}), optionally with a {@code pulumi stack export} of
 * the stack for the dependency graph.
 *
 * <p>Each object is one change, however many steps the engine reports for it: a replacement is
 * {@code create-replacement}, {@code replace} and {@code delete-replaced} (plus a pre- and an
 * outputs event for each in a stream), and becomes one change whose order comes from which half
 * appears first. {@link StepClassifier} explains the decisions for every op; {@link
 * PulumiAddresses} the addresses. Both files are read with Jackson's streaming parser and property
 * values are skipped, so an event log of any size reads in memory proportional to its resources.
 */
public final class PulumiPreviewReader {
  /** How much of a file {@link #looksLike(Path)} reads. */
  public static final int SNIFF_BYTES = 64 * 1024;

  /** Step operations that take nothing away. */
  private static final Set<String> HARMLESS_OPS = Set.of("same", "create", "update", "read",
      "refresh", "import");

  private static final Pattern STEPS_KEY = Pattern.compile("\"steps\"\\s*:");
  private static final Pattern CHANGE_SUMMARY_KEY = Pattern.compile("\"changeSummary\"\\s*:");
  private static final Pattern PULUMI_URN = Pattern.compile("\"urn:pulumi:");
  /** The event kinds of {@code apitype.EngineEvent}; any of them as a key marks a stream. */
  private static final Pattern EVENT_KEY = Pattern.compile("\"(cancel|stdout|diagnostic|prelude"
      + "|summary|resourcePre|resOutputs|resOpFailed|policy|policyRemediation|policyLoad"
      + "|policyAnalyzeSummary|policyRemediateSummary|policyAnalyzeStackSummary|startDebugging"
      + "|progress|error)Event\"\\s*:\\s*\\{");

  private final AttributeSelector attributes;

  /**
   * @param attributes which properties of a destroyed resource to keep for the catalogue's
   *     recoverability rules (by Terraform attribute name; see {@link PulumiTypes})
   */
  public PulumiPreviewReader(AttributeSelector attributes) {
    this.attributes = attributes;
  }

  // ---- detection -----------------------------------------------------------------------------

  /**
   * True when the start of a file looks like something {@link #read} accepts: a preview digest
   * (a JSON object with a {@code "steps"} key that names a {@code urn:pulumi:} URN, or a
   * {@code "changeSummary"} key), or an engine-event stream (its first value has an engine event
   * kind such as {@code "resourcePreEvent": {} } or {@code "preludeEvent": {}} as a key, whether
   * or not it also has {@code sequence}/{@code timestamp}; a JSON array of such events too).
   * A {@code pulumi stack export} is not a preview and is not accepted. Never throws.
   *
   * @param head the first bytes of the file, up to {@link #SNIFF_BYTES}; may end mid-character
   */
  public static boolean looksLike(byte[] head) {
    if (head == null || head.length == 0) {
      return false;
    }
    String text = new String(head, 0, Math.min(head.length, SNIFF_BYTES),
        StandardCharsets.UTF_8);
    int i = 0;
    if (text.startsWith("\uFEFF")) {
      i = 1;
    }
    while (i < text.length() && Character.isWhitespace(text.charAt(i))) {
      i++;
    }
    if (i >= text.length() || (text.charAt(i) != '{' && text.charAt(i) != '[')) {
      return false;
    }
    // An event stream names its kind in the first value: look at the first line (NDJSON) or,
    // for a pretty-printed or array form, the first couple of kilobytes.
    int lineEnd = text.indexOf('\n', i);
    String first = text.substring(i, lineEnd < 0 ? text.length() : Math.max(lineEnd,
        Math.min(text.length(), i + 2048)));
    if (EVENT_KEY.matcher(first).find()) {
      return true;
    }
    return text.charAt(i) == '{' && (CHANGE_SUMMARY_KEY.matcher(text).find()
        || STEPS_KEY.matcher(text).find() && PULUMI_URN.matcher(text).find());
  }

  /** {@link #looksLike(byte[])} on the first {@link #SNIFF_BYTES} of {@code file}. */
  public static boolean looksLike(Path file) throws IOException {
    try (InputStream in = InputFile.open(file, file.toString(), InputFile.MAX_PLAN_BYTES)) {
      return looksLike(in.readNBytes(SNIFF_BYTES));
    }
  }

  // ---- reading -------------------------------------------------------------------------------

  /**
   * Reads a preview digest or an engine-event stream.
   *
   * @param preview the preview file
   * @param stackExport the {@code pulumi stack export} of the same stack, or null; it gives the
   *     dependencies of every resource, including those the preview does not list, which join the
   *     plan with {@code listed = false}
   * @param name how errors and reports name the preview file
   * @throws PlanReadException when either file is missing, truncated, not JSON or not of the
   *     expected kind; the message names the file and the offending field
   */
  public Plan read(Path preview, Path stackExport, String name) throws PlanReadException {
    Preview content = PulumiJson.parse(preview, name, p -> new Reading(p).document());
    List<PulumiState> state = stackExport == null ? List.of()
        : StackExportReader.read(stackExport, stackExport.toString());
    Plan plan = new PulumiPlanBuilder(name, attributes).build(content, state);
    // A step's states name only the listed resources' own dependencies (engine events none),
    // never the unchanged resources that depend on a destroyed one.
    return stackExport == null ? plan.withDependenciesUnknown() : plan;
  }

  /**
   * Everything the preview file says.
   *
   * @param steps the steps, one per (object, op), in file order
   */
  record Preview(List<PulumiStep> steps, List<String> warnings, boolean errored, int drift) {}

  /** The two shapes of a preview file. */
  private enum Kind { DIGEST, EVENTS }

  /** One pass over the file: a digest document, or a stream of event objects. */
  private final class Reading extends PulumiJson {
    private final List<PulumiStep> steps = new ArrayList<>();
    /** (urn, op, pending-delete id) already taken: pre- and outputs events repeat each step. */
    private final Set<String> seenSteps = new HashSet<>();
    private final List<String> warnings = new ArrayList<>();
    private final List<String> errors = new ArrayList<>();
    /** What the file turned out to be; null until its first recognised key. */
    private Kind kind;
    private boolean sawSummary;
    private boolean maybeCorrupt;
    private boolean failedResult;
    private int failedSteps;
    private int drift;

    Reading(JsonParser p) {
      super(p, attributes);
    }

    Preview document() throws IOException {
      JsonToken t = p.nextToken();
      if (t == null) {
        throw new PulumiJson.Invalid("the file is empty");
      }
      int value = 0;
      while (t != null) {
        if (kind == Kind.DIGEST) {
          throw fail("unexpected data after the end of the preview document");
        }
        if (t == JsonToken.START_ARRAY && value == 0) {
          int events = forEachElement(t, "the document", i -> {
            expect(p.currentToken(), JsonToken.START_OBJECT, "[" + i + "]");
            rootObject("[" + i + "]", i == 0);
          });
          if (events == 0) {
            throw new PulumiJson.Invalid("not a Pulumi preview: the file holds an empty array");
          }
        } else {
          expect(t, JsonToken.START_OBJECT, "value " + (value + 1));
          rootObject(value == 0 ? "the document" : "value " + (value + 1), value == 0);
        }
        value++;
        t = p.nextToken();
      }
      return finish();
    }

    /** One top-level object: the digest, or one event. */
    private void rootObject(String ctx, boolean first) throws IOException {
      boolean recognised = false;
      for (String f = p.nextFieldName(); f != null; f = p.nextFieldName()) {
        JsonToken v = p.nextToken();
        switch (f) {
          case "steps" -> {
            recognised = start(Kind.DIGEST, ctx);
            readSteps(v);
          }
          case "changeSummary" -> {
            recognised = start(Kind.DIGEST, ctx);
            readChangeSummary(v);
          }
          case "config", "duration" -> p.skipChildren();
          case "diagnostics" -> forEachElement(v, f,
              i -> diagnostic(p.currentToken(), "diagnostics[" + i + "]"));
          case "maybeCorrupt" -> maybeCorrupt |= bool(v, ctx, f);
          case "deployment", "checkpoint" -> throw fail("this is a Pulumi stack export, not a"
              + " preview: give it as the stack export, and `pulumi preview --json` output or an"
              + " event log as the plan");
          case "sequence", "timestamp", "type" -> p.skipChildren();
          default -> {
            if (f.endsWith("Event") && v == JsonToken.START_OBJECT) {
              recognised = start(Kind.EVENTS, ctx);
              event(f, ctx + "." + f);
            } else {
              p.skipChildren();
            }
          }
        }
      }
      if (!recognised && first) {
        throw new PulumiJson.Invalid("not a Pulumi preview: " + ctx + " has none of steps,"
            + " changeSummary or an engine event (expected `pulumi preview --json` output or an"
            + " engine event log)");
      }
    }

    private boolean start(Kind found, String ctx) {
      if (kind != null && kind != found) {
        throw fail(ctx + (found == Kind.DIGEST
            ? " mixes a preview digest into an engine event stream"
            : " mixes engine events into a preview digest"));
      }
      kind = found;
      return true;
    }

    private void readSteps(JsonToken t) throws IOException {
      forEachElement(t, "steps", i -> {
        String ctx = "steps[" + i + "]";
        PulumiStep step = readStep(ctx, steps.size());
        if (!add(step)) {
          throw fail(ctx + " repeats the " + step.op() + " step of " + step.urn()
              + ": a preview digest lists each step once");
        }
      });
    }

    /** Keeps error diagnostics: a failed preview does not show everything it would destroy. */
    private void diagnostic(JsonToken t, String ctx) throws IOException {
      expect(t, JsonToken.START_OBJECT, ctx);
      String severity = null;
      String message = null;
      for (String f = p.nextFieldName(); f != null; f = p.nextFieldName()) {
        JsonToken v = p.nextToken();
        switch (f) {
          case "severity" -> severity = string(v, ctx, f);
          case "message" -> message = string(v, ctx, f);
          default -> p.skipChildren();
        }
      }
      if ("error".equals(severity)) {
        errors.add(message == null ? "(no message)" : PlanJson.firstLine(message.strip()));
      }
    }

    private void event(String kind, String ctx) throws IOException {
      switch (kind) {
        case "resourcePreEvent", "resOutputsEvent", "resOpFailedEvent" -> {
          PulumiStep step = null;
          for (String f = p.nextFieldName(); f != null; f = p.nextFieldName()) {
            JsonToken v = p.nextToken();
            if (f.equals("metadata")) {
              expect(v, JsonToken.START_OBJECT, ctx + ".metadata");
              step = readStep(ctx + ".metadata", steps.size());
            } else {
              p.skipChildren();
            }
          }
          if (step == null) {
            throw fail(ctx + " has no metadata");
          }
          if (kind.equals("resOpFailedEvent")) {
            failedSteps++;
          } else {
            add(step);
          }
        }
        case "summaryEvent" -> {
          sawSummary = true;
          for (String f = p.nextFieldName(); f != null; f = p.nextFieldName()) {
            JsonToken v = p.nextToken();
            switch (f) {
              case "maybeCorrupt" -> maybeCorrupt |= bool(v, ctx, f);
              case "result" -> failedResult |= "failed".equals(string(v, ctx, f));
              default -> p.skipChildren();
            }
          }
        }
        case "diagnosticEvent" -> diagnostic(JsonToken.START_OBJECT, ctx);
        case "errorEvent" -> {
          String message = null;
          for (String f = p.nextFieldName(); f != null; f = p.nextFieldName()) {
            JsonToken v = p.nextToken();
            if (f.equals("error") && v == JsonToken.VALUE_STRING) {
              message = p.getText();
            } else {
              p.skipChildren();
            }
          }
          errors.add(message == null ? "(no message)" : PlanJson.firstLine(message.strip()));
        }
        default -> p.skipChildren();
      }
    }

    /**
     * Keeps the first report of each step. A stream reports every step twice (before and after
     * it runs); a leftover pending delete ({@code delete} of an old object still marked for
     * deletion) is a second object under the same URN, told apart by its cloud id.
     *
     * @return false when the step was reported before
     */
    private boolean add(PulumiStep step) {
      if (!seenSteps.add(step.objectKey() + '\0' + step.op())) {
        return false;
      }
      steps.add(step);
      if (step.knownOp() == StepOp.REFRESH
          && (!step.diffReasons().isEmpty() || !step.detailedDiff().isEmpty())) {
        drift++;
      }
      return true;
    }

    /** Delete and replace steps the digest's own changeSummary counts. */
    private long summaryDestroys;

    private void readChangeSummary(JsonToken v) throws IOException {
      if (v != JsonToken.START_OBJECT) {
        p.skipChildren();
        return;
      }
      for (String op = p.nextFieldName(); op != null; op = p.nextFieldName()) {
        JsonToken t = p.nextToken();
        if (t == JsonToken.VALUE_NUMBER_INT && !HARMLESS_OPS.contains(op)) {
          summaryDestroys += Math.max(0, p.getLongValue());
        } else {
          p.skipChildren();
        }
      }
    }

    private Preview finish() {
      if (kind == Kind.EVENTS && !sawSummary) {
        // Deletes come last in a stream: a stream cut before its summary is exactly the cut that
        // hides them, so it is an input error, never a plan that passes with a warning.
        throw new PulumiJson.Invalid("the event stream has no summaryEvent: it ended before the"
            + " engine finished, and the steps that come last (deletes) may be missing; give the"
            + " whole `pulumi preview --json` event log");
      }
      // Any op but the harmless ones may take an object away, unknown ones too.
      if (summaryDestroys > 0 && steps.stream().allMatch(s -> HARMLESS_OPS.contains(s.op()))) {
        throw new PulumiJson.Invalid("changeSummary counts " + summaryDestroys + " delete or"
            + " replace step(s), but the steps list none: the preview is truncated or edited");
      }
      if (maybeCorrupt) {
        warnings.add("Pulumi reports the result may be corrupt (maybeCorrupt: true).");
      }
      if (failedSteps > 0) {
        warnings.add(failedSteps + " step(s) failed (resOpFailedEvent): the stream does not show"
            + " the whole change.");
      }
      boolean errored = failedResult || !errors.isEmpty();
      if (errored) {
        String shown = errors.isEmpty() ? "the summary says the update failed"
            : String.join("; ", errors.subList(0, Math.min(3, errors.size())))
                + (errors.size() > 3 ? "; and " + (errors.size() - 3) + " more" : "");
        warnings.add("Pulumi reports errors (" + shown + "): the preview is incomplete and cannot"
            + " show everything that would be destroyed.");
      }
      return new Preview(steps, warnings, errored, drift);
    }
  }
}
