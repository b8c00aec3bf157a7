package dev.plangate.core.terraform;

import static dev.plangate.core.plan.PlanJson.describe;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.plangate.core.io.InputFile;
import dev.plangate.core.model.ChangeKind;
import dev.plangate.core.model.Plan;
import dev.plangate.core.model.PlanFormat;
import dev.plangate.core.model.ResourceAddress;
import dev.plangate.core.model.ResourceChange;
import dev.plangate.core.plan.AttributeSelector;
import dev.plangate.core.plan.PhaseTimer;
import dev.plangate.core.plan.PlanJson;
import dev.plangate.core.plan.PlanReadException;
import dev.plangate.core.plan.SkippingJsonParser;
import dev.plangate.core.plan.TokenReader;
import dev.plangate.core.plan.TokenReader.Invalid;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * Reads the JSON that {@code terraform show -json PLANFILE} and {@code tofu show -json PLANFILE}
 * write, with Jackson's streaming parser: attribute values are skipped, never built into a tree, so
 * memory grows with the number of resources, not with the size of the file.
 */
public final class TerraformPlanReader {
  /** Deepest nesting accepted; real plans stay far below, hostile input does not. */
  public static final int MAX_NESTING_DEPTH = 1000;

  /**
   * Longest string taken in: far beyond any address, name, reference or catalogue attribute
   * (Kubernetes caps a whole object at 1.5 MiB), and small enough that a hostile plan cannot
   * exhaust a 512 MiB heap with one. Attribute values the reader skips are not limited.
   */
  public static final int MAX_STRING_LENGTH = 16_000_000;

  private static final JsonFactory FACTORY =
      PlanJson.streamingFactoryCheckingKeysItself(MAX_NESTING_DEPTH, MAX_STRING_LENGTH);
  // prior_state read ahead starts one level down: the same limit, counted from there.
  private static final JsonFactory AHEAD_FACTORY =
      PlanJson.streamingFactoryCheckingKeysItself(MAX_NESTING_DEPTH - 1, MAX_STRING_LENGTH);

  /** Plans from this size up have their back half read on a second core. */
  static final long READ_AHEAD_FROM_BYTES = 8L << 20;
  // The codec for sub-trees of a streamed document: no trailing-token check (the stream goes on).
  private static final ObjectMapper MAPPER = new ObjectMapper(FACTORY);

  /** The top-level keys read; each may appear once, or a later copy would silently win. */
  private static final Set<String> TOP_LEVEL_KEYS = Set.of("format_version",
      "terraform_version", "resource_changes", "resource_drift", "deferred_changes", "prior_state",
      "configuration", "planned_values", "output_changes", "values", "errored", "complete");

  /** Daemon threads, so a background parse never keeps a command-line JVM alive. */
  private static final Executor BACKGROUND = command -> {
    Thread t = new Thread(command, "plangate-reader");
    t.setDaemon(true);
    t.start();
  };

  private final AttributeSelector attributes;
  private final long readAheadFromBytes;
  /** Whether the last plan read had its prior_state read ahead, even if it then failed (tests). */
  volatile boolean lastReadUsedReadAhead;
  /** Whether the last plan read had its back half read ahead (tests). */
  volatile boolean lastReadUsedBackHalf;

  public TerraformPlanReader(AttributeSelector attributes) {
    this(attributes, READ_AHEAD_FROM_BYTES);
  }

  /** With a second core reading plans of {@code readAheadFromBytes} or more. */
  TerraformPlanReader(AttributeSelector attributes, long readAheadFromBytes) {
    this.attributes = attributes;
    this.readAheadFromBytes = readAheadFromBytes;
  }

  /** Reads {@code file}; {@code displayName} is how errors and reports name it. */
  public Plan read(Path file, String displayName) throws PlanReadException {
    lastReadUsedReadAhead = false;
    lastReadUsedBackHalf = false;
    // No buffering stream: the parser reads in large blocks itself.
    try (InputStream in = InputFile.open(file, displayName, InputFile.MAX_PLAN_BYTES);
        JsonParser p = FACTORY.createParser(in)) {
      p.setCodec(MAPPER);
      long size = Files.size(file);
      ReadAhead<Reading> ahead = p instanceof SkippingJsonParser && size >= readAheadFromBytes
          ? ReadAhead.start(file, displayName, size, doc -> readBackHalf(doc, displayName),
              AHEAD_FACTORY, BACKGROUND)
          : null;
      Reading reading = new Reading(p, displayName, ahead);
      try {
        return reading.readDocument();
      } catch (StreamConstraintsException e) {
        throw reading.fail(PlanJson.limitReason(e)); // with the position, which Jackson omits
      }
    } catch (IOException e) {
      throw PlanJson.readFailure(displayName, e);
    } catch (Invalid e) {
      throw new PlanReadException(displayName, e.getMessage());
    }
  }

  /** The back half of a plan given as a document of its own (see {@link ReadAhead}). */
  private Reading readBackHalf(InputStream document, String displayName) throws IOException {
    try (JsonParser p = FACTORY.createParser(document)) {
      p.setCodec(MAPPER);
      Reading back = new Reading(p, displayName, null);
      back.readTopLevel();
      return back;
    }
  }

  /**
   * Where in the document a value sits, e.g. {@code resource_changes[12]}. Built into a string
   * only when an error is reported: a large plan has millions of fields.
   */
  private record At(Object parent, String name, int index) {
    At(String path, int index) {
      this(null, path, index);
    }

    At field(String field) {
      return new At(this, field, -1);
    }

    @Override
    public String toString() {
      String path = parent == null ? name : parent + "." + name;
      return index < 0 ? path : path + "[" + index + "]";
    }
  }

  /** State found in prior_state: the edges Terraform recorded at the last apply. */
  record StateResource(String address, String deposed, boolean managed, String type,
      List<String> dependsOn) {}

  /** One pass over one document. */
  private final class Reading extends TokenReader {
    private final String name;
    private final ReadAhead<Reading> ahead;
    private final Set<String> seen = new HashSet<>();
    /** The back half read on the second core was taken: the top level ends here. */
    private boolean joinedBackHalf;
    private String formatVersion;
    private String toolVersion;
    private boolean sawResourceChanges;
    private boolean sawPlanKeys;
    private boolean sawStateValues;
    private final List<ResourceChange> changes = new ArrayList<>();
    private final List<ResourceChange> deferred = new ArrayList<>();
    private final List<StateResource> state = new ArrayList<>();
    private final List<String> warnings = new ArrayList<>();
    private ConfigModule configuration;
    private CompletableFuture<DependencyBuilder.ParsedAddresses> parsedAddresses;
    private int drift;
    private boolean errored;
    private boolean complete = true;

    Reading(JsonParser p, String name, ReadAhead<Reading> ahead) {
      super(p);
      this.name = name;
      this.ahead = ahead;
    }

    Plan readDocument() throws IOException {
      readTopLevel();
      return finish();
    }

    /** Reads the whole document but what is made of it at the end. */
    void readTopLevel() throws IOException {
      JsonToken t = p.nextToken();
      if (t == null) {
        throw new Invalid("the file is empty");
      }
      if (t != JsonToken.START_OBJECT) {
        throw new Invalid("not a Terraform plan: the JSON document is " + describe(t)
            + ", not an object");
      }
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String field = p.currentName();
        JsonToken v = p.nextToken();
        if (TOP_LEVEL_KEYS.contains(field) && !seen.add(field)) {
          throw fail("the plan has the key \"" + field + "\" twice");
        }
        switch (field) {
          case "format_version" -> {
            formatVersion = string(v, "format_version", null);
            checkVersion();
          }
          case "terraform_version" -> toolVersion = string(v, "terraform_version", null);
          case "resource_changes" -> {
            sawResourceChanges = true;
            readChangeArray(v, "resource_changes", changes);
            if (joinedBackHalf) {
              return;
            }
            // Terraform writes prior_state and configuration after resource_changes: parse the
            // addresses on the second core while this thread reads on.
            List<ResourceChange> snapshot = List.copyOf(changes);
            parsedAddresses = CompletableFuture.supplyAsync(
                () -> DependencyBuilder.ParsedAddresses.of(snapshot), BACKGROUND);
          }
          case "resource_drift" -> drift += countArray(v, "resource_drift");
          case "deferred_changes" -> readDeferred(v);
          case "prior_state" -> readPriorState(v);
          case "configuration" -> {
            sawPlanKeys = true;
            configuration = new ConfigurationReader(p).readConfiguration(v);
          }
          case "planned_values", "output_changes" -> {
            sawPlanKeys = true;
            p.skipChildren();
          }
          case "values" -> {
            sawStateValues = true;
            p.skipChildren();
          }
          case "errored" -> errored = bool(v, "errored", null);
          case "complete" -> complete = v == JsonToken.VALUE_NULL || bool(v, "complete", null);
          default -> p.skipChildren();
        }
      }
      if (p.currentToken() != JsonToken.END_OBJECT) {
        throw fail("unexpected " + describe(p.currentToken()) + " at the top level");
      }
      if (p.nextToken() != null) {
        throw fail("unexpected data after the end of the plan object");
      }
    }

    /**
     * At the element of the top-level resource_changes starting at {@code offset}: takes the
     * back half read on the second core if it starts there and does not repeat a top-level key
     * of this half; the document is then read to its end.
     */
    private boolean joinBackHalf(long offset) {
      // This half's addresses are parsed while the second core finishes its half.
      DependencyBuilder.ParsedAddresses front = DependencyBuilder.ParsedAddresses.of(changes);
      Reading back = ahead.backHalfAt(offset);
      if (back == null) {
        return false;
      }
      Set<String> both = new HashSet<>(seen);
      both.retainAll(back.seen);
      if (!both.equals(Set.of("resource_changes"))) {
        return false; // read on: the repeated key is reported where it is
      }
      changes.addAll(back.changes);
      deferred.addAll(back.deferred);
      state.addAll(back.state);
      configuration = back.configuration != null ? back.configuration : configuration;
      drift += back.drift;
      errored |= back.errored;
      complete &= back.complete;
      sawPlanKeys |= back.sawPlanKeys;
      sawStateValues |= back.sawStateValues;
      formatVersion = formatVersion != null ? formatVersion : back.formatVersion;
      toolVersion = toolVersion != null ? toolVersion : back.toolVersion;
      parsedAddresses = CompletableFuture.completedFuture(
          DependencyBuilder.ParsedAddresses.concat(front, back.parsedAddresses.join()));
      joinedBackHalf = true;
      lastReadUsedBackHalf = true;
      return true;
    }

    private Plan finish() {
      if (!sawResourceChanges && !sawPlanKeys && !errored) {
        if (sawStateValues) {
          throw new Invalid("this is Terraform state, not a plan: run `terraform show -json PLANFILE`"
              + " on a saved plan (terraform plan -out=PLANFILE)");
        }
        throw new Invalid("not a Terraform plan: it has none of resource_changes, planned_values,"
            + " configuration");
      }
      if (formatVersion == null) {
        warnings.add("The plan has no format_version; it was read as format 1.x.");
      }
      if (errored) {
        warnings.add("Terraform reports that planning failed (errored: true): the plan is incomplete"
            + " and cannot show everything that would be destroyed.");
      }
      if (!complete) {
        warnings.add("Terraform reports the plan is not complete (complete: false): more changes,"
            + " possibly destroys, will appear in a later plan.");
      }
      if (!deferred.isEmpty()) {
        warnings.add(deferred.size() + " change(s) were deferred to a later plan and are not"
            + " analysed; re-run plangate on the next plan.");
      }
      for (ResourceChange c : changes) {
        if (c.kind() == ChangeKind.UNKNOWN) {
          warnings.add(c.key() + " has action(s) " + c.rawActions()
              + " that plangate does not know; treated as a destroy.");
        }
      }
      long t0 = System.nanoTime();
      DependencyBuilder.Result graph =
          new DependencyBuilder(changes, state, configuration,
              parsedAddresses == null ? null : parsedAddresses.join()).build();
      PhaseTimer.report("dependency edges", t0);
      Map<String, String> moduleSources = new TreeMap<>();
      if (configuration != null) {
        configuration.collectSources(moduleSources);
      }
      Plan plan = new Plan(name, PlanFormat.TERRAFORM, formatVersion, toolVersion, graph.nodes(),
          graph.dependencies(), drift, deferred, errored, complete, warnings, moduleSources);
      // Without configuration only prior-state depends_on is left: references are lost.
      return configuration == null ? plan.withDependenciesUnknown() : plan;
    }

    private void checkVersion() {
      String v = formatVersion;
      if (v == null) {
        return;
      }
      String major = v.contains(".") ? v.substring(0, v.indexOf('.')) : v;
      if (!major.equals("0") && !major.equals("1")) {
        String shown = v.length() > 40 ? v.substring(0, 40) + "..." : v;
        throw new Invalid("unsupported format_version \"" + shown
            + "\": plangate reads Terraform/OpenTofu plan formats 0.x and 1.x");
      }
    }

    // ---- resource_changes ------------------------------------------------------------------

    private void readChangeArray(JsonToken t, String ctx, List<ResourceChange> out)
        throws IOException {
      if (!orNull(t, JsonToken.START_ARRAY, ctx)) {
        return;
      }
      // Where the back half read on the second core starts, if it does in this array.
      long junction = ahead == null || out != changes ? -1 : ahead.junction();
      int i = 0;
      while (p.nextToken() != JsonToken.END_ARRAY) {
        if (junction >= 0 && p.currentToken() == JsonToken.START_OBJECT
            && p.currentTokenLocation().getByteOffset() >= junction) {
          if (p.currentTokenLocation().getByteOffset() == junction && joinBackHalf(junction)) {
            return;
          }
          junction = -1;
        }
        out.add(readChange(new At(ctx, i++)));
      }
    }

    private ResourceChange readChange(At ctx) throws IOException {
      expect(p.currentToken(), JsonToken.START_OBJECT, ctx);
      String address = null;
      String deposed = null;
      String mode = null;
      String type = null;
      String rname = null;
      String moduleAddress = null;
      String reason = null;
      String previous = null;
      ChangeBody body = null;
      List<String> looseActions = null;
      int seen = 0;
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String f = p.currentName();
        JsonToken v = p.nextToken();
        seen = once(seen, changeKeyBit(f), f, ctx);
        switch (f) {
          case "address" -> address = string(v, ctx, "address");
          case "deposed" -> deposed = string(v, ctx, "deposed");
          case "mode" -> mode = intern(string(v, ctx, "mode"));
          case "type" -> type = intern(string(v, ctx, "type"));
          case "name" -> rname = string(v, ctx, "name");
          case "module_address" -> moduleAddress = string(v, ctx, "module_address");
          case "action_reason" -> reason = intern(string(v, ctx, "action_reason"));
          case "previous_address" -> previous = string(v, ctx, "previous_address");
          case "change" -> body = readChangeBody(v, ctx.field("change"), type);
          // Some hand-written fixtures put actions next to change rather than inside it.
          case "actions" -> looseActions = stringArray(v, ctx, "actions");
          default -> p.skipChildren();
        }
      }
      if (address == null) {
        if (type == null || rname == null) {
          throw fail(ctx + " has no address");
        }
        String local = ("data".equals(mode) ? "data." : "") + type + "." + rname;
        address = moduleAddress == null || moduleAddress.isEmpty()
            ? local : moduleAddress + "." + local;
      }
      List<String> actions = body != null && body.actions != null ? body.actions : looseActions;
      if (actions == null) {
        throw fail(ctx + " (" + address + ") has no change.actions");
      }
      TerraformActions.Classified kind = TerraformActions.classify(actions);
      boolean managed = mode == null ? !isDataAddress(address) : !mode.equals("data");
      if (type == null) {
        type = intern(typeFromAddress(address));
      }
      Map<String, Object> before = Map.of();
      if (body != null && kind.kind().isFinding() && !body.before.isEmpty()) {
        Set<String> wanted = attributes.rootAttributes(type);
        Map<String, Object> kept = new LinkedHashMap<>();
        body.before.forEach((k, val) -> {
          if (wanted.contains(k)) {
            kept.put(k, val);
          }
        });
        before = kept;
      }
      return new ResourceChange(address, deposed, type, managed, kind.kind(), kind.order(),
          actions, reason, body == null ? List.of() : body.replacePaths, previous,
          body != null && body.importing, true, before);
    }

    private final class ChangeBody {
      List<String> actions;
      Map<String, Object> before = Map.of();
      List<String> replacePaths = List.of();
      boolean importing;
    }

    private ChangeBody readChangeBody(JsonToken t, At ctx, String type) throws IOException {
      ChangeBody b = new ChangeBody();
      if (!orNull(t, JsonToken.START_OBJECT, ctx)) {
        return b;
      }
      int seen = 0;
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String f = p.currentName();
        JsonToken v = p.nextToken();
        seen = once(seen, bodyKeyBit(f), f, ctx);
        switch (f) {
          case "actions" -> b.actions = stringArray(v, ctx, "actions");
          case "before" -> b.before = readSelected(v, type);
          case "replace_paths" -> b.replacePaths = readPaths(v, ctx, "replace_paths");
          case "importing" -> {
            b.importing = v != JsonToken.VALUE_NULL;
            p.skipChildren();
          }
          default -> p.skipChildren();
        }
      }
      return b;
    }

    /** Keeps only the attributes the catalogue asks for; skips the rest of the object unread. */
    private Map<String, Object> readSelected(JsonToken t, String type) throws IOException {
      if (t != JsonToken.START_OBJECT) {
        p.skipChildren();
        return Map.of();
      }
      Set<String> wanted = type == null ? attributes.allRootAttributes()
          : attributes.rootAttributes(type);
      if (wanted.isEmpty()) {
        p.skipChildren();
        return Map.of();
      }
      Map<String, Object> kept = null;
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String f = p.currentName();
        p.nextToken();
        if (wanted.contains(f)) {
          if (kept == null) {
            kept = new LinkedHashMap<>();
          }
          kept.put(f, p.readValueAs(Object.class));
        } else {
          p.skipChildren();
        }
      }
      return kept == null ? Map.of() : kept;
    }

    private List<String> readPaths(JsonToken t, At ctx, String field) throws IOException {
      if (t == JsonToken.VALUE_NULL) {
        return List.of();
      }
      expect(t, JsonToken.START_ARRAY, ctx.field(field));
      List<String> out = new ArrayList<>();
      while (p.nextToken() != JsonToken.END_ARRAY) {
        if (p.currentToken() != JsonToken.START_ARRAY) {
          p.skipChildren();
          continue;
        }
        StringBuilder sb = new StringBuilder();
        while (p.nextToken() != JsonToken.END_ARRAY) {
          JsonToken s = p.currentToken();
          if (s == JsonToken.VALUE_NUMBER_INT) {
            sb.append('[').append(p.getText()).append(']');
          } else if (s == JsonToken.VALUE_STRING) {
            if (sb.length() > 0) {
              sb.append('.');
            }
            sb.append(p.getText());
          } else {
            p.skipChildren();
          }
        }
        out.add(sb.toString());
      }
      return out;
    }

    private void readDeferred(JsonToken t) throws IOException {
      if (!orNull(t, JsonToken.START_ARRAY, "deferred_changes")) {
        return;
      }
      int i = 0;
      while (p.nextToken() != JsonToken.END_ARRAY) {
        String ctx = "deferred_changes[" + i++ + "]";
        expect(p.currentToken(), JsonToken.START_OBJECT, ctx);
        while (p.nextToken() == JsonToken.FIELD_NAME) {
          String f = p.currentName();
          JsonToken v = p.nextToken();
          if (f.equals("resource_change")) {
            // Each one becomes a warning: an entry that cannot be read must not vanish.
            ResourceChange c = readChange(new At(ctx + ".resource_change", -1));
            deferred.add(deferredCopy(c));
          } else {
            p.skipChildren();
          }
        }
      }
    }

    // ---- prior_state -----------------------------------------------------------------------

    private void readPriorState(JsonToken t) throws IOException {
      PriorStateAhead.Result r = ahead == null || t != JsonToken.START_OBJECT ? null
          : ahead.priorStateAt(p.currentTokenLocation().getByteOffset());
      if (r == null) {
        state.addAll(new PriorStateReader(p).read(t));
        return;
      }
      state.addAll(r.state());
      ((SkippingJsonParser) p).skipChildrenTo(r.close(), r.rows(), r.lastRowColumn());
      lastReadUsedReadAhead = true;
    }

    // ---- small readers ---------------------------------------------------------------------

    private int countArray(JsonToken t, String ctx) throws IOException {
      if (!orNull(t, JsonToken.START_ARRAY, ctx)) {
        return 0;
      }
      int n = 0;
      while (p.nextToken() != JsonToken.END_ARRAY) {
        p.skipChildren();
        n++;
      }
      return n;
    }

    /**
     * Adds a key's bit to those seen, failing if it was seen before: a second {@code "change"}
     * or {@code "actions"} would otherwise silently replace the first, and the reader must not
     * pick one of two answers to "what happens to this resource".
     */
    private int once(int seen, int bit, String field, At ctx) {
      if ((seen & bit) != 0) {
        throw fail(ctx + " has the key \"" + field + "\" twice");
      }
      return seen | bit;
    }
  }

  /** A bit for each key of a resource change that is read; 0 for others. */
  private static int changeKeyBit(String field) {
    return switch (field) {
      case "address" -> 1;
      case "deposed" -> 1 << 1;
      case "mode" -> 1 << 2;
      case "type" -> 1 << 3;
      case "name" -> 1 << 4;
      case "module_address" -> 1 << 5;
      case "action_reason" -> 1 << 6;
      case "previous_address" -> 1 << 7;
      case "change" -> 1 << 8;
      case "actions" -> 1 << 9;
      default -> 0;
    };
  }

  /** A bit for each key of a {@code change} object that is read; 0 for others. */
  private static int bodyKeyBit(String field) {
    return switch (field) {
      case "actions" -> 1;
      case "before" -> 1 << 1;
      case "replace_paths" -> 1 << 2;
      case "importing" -> 1 << 3;
      default -> 0;
    };
  }

  /** A change the plan postpones: the same change, not in the plan's change list. */
  static ResourceChange deferredCopy(ResourceChange c) {
    return c.toBuilder().listed(false).build();
  }

  static boolean isDataAddress(String address) {
    try {
      return ResourceAddress.parse(address).data();
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  static String typeFromAddress(String address) {
    try {
      return ResourceAddress.parse(address).type();
    } catch (IllegalArgumentException e) {
      return "unknown";
    }
  }
}
