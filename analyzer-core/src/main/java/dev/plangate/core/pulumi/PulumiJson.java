package dev.plangate.core.pulumi;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.plangate.core.io.InputFile;
import dev.plangate.core.plan.AttributeSelector;
import dev.plangate.core.plan.PlanJson;
import dev.plangate.core.plan.PlanReadException;
import dev.plangate.core.plan.TokenReader;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Streaming reads of the JSON objects the Pulumi formats share: resource states and steps.
 * Property values ({@code inputs}, {@code outputs}) are skipped unread except the few the
 * resource catalogue asks for, so memory grows with the number of resources, not with the size of
 * the file (event logs and digests of large stacks carry whole rendered templates and user data).
 */
class PulumiJson extends TokenReader {
  /** Deepest nesting accepted; real files stay far below, hostile input does not. */
  static final int MAX_NESTING_DEPTH = 1000;

  static final JsonFactory FACTORY = PlanJson.streamingFactory(MAX_NESTING_DEPTH);
  // The codec for sub-trees of a streamed document: no trailing-token check (the stream goes on).
  static final ObjectMapper MAPPER = new ObjectMapper(FACTORY);

  /** Diff kinds as numbers, the order of {@code plugin.DiffKind}, for writers that emit ints. */
  private static final List<String> NUMBERED_DIFF_KINDS = List.of(
      "add", "add-replace", "delete", "delete-replace", "update", "update-replace");

  private final AttributeSelector attributes;

  PulumiJson(JsonParser p, AttributeSelector attributes) {
    super(p);
    this.attributes = attributes;
  }

  /** Something that parses one open file; {@link #parse} maps its failures to plan errors. */
  interface Body<T> {
    T read(JsonParser p) throws IOException;
  }

  /** Opens {@code file}, runs {@code body} on it and turns every failure into a one-liner. */
  static <T> T parse(Path file, String displayName, Body<T> body) throws PlanReadException {
    try (InputStream in = new BufferedInputStream(
            InputFile.open(file, displayName, InputFile.MAX_PLAN_BYTES), 1 << 16);
        JsonParser p = FACTORY.createParser(in)) {
      p.setCodec(MAPPER);
      return body.read(p);
    } catch (IOException e) {
      throw PlanJson.readFailure(displayName, e);
    } catch (Invalid e) {
      throw new PlanReadException(displayName, e.getMessage());
    }
  }

  // ---- steps ---------------------------------------------------------------------------------

  /**
   * Reads a {@code PreviewStep} or a {@code StepEventMetadata}; the current token is its
   * {@code START_OBJECT}. Both spellings of every field are accepted.
   */
  PulumiStep readStep(String ctx, int position) throws IOException {
    expect(p.currentToken(), JsonToken.START_OBJECT, ctx);
    String op = null;
    String urn = null;
    String type = null;
    PulumiState before = null;
    PulumiState after = null;
    List<String> replaceReasons = List.of();
    List<String> diffReasons = List.of();
    Map<String, String> detailedDiff = Map.of();
    boolean deleteBeforeReplace = false;
    for (String f = p.nextFieldName(); f != null; f = p.nextFieldName()) {
      JsonToken v = p.nextToken();
      switch (f) {
        case "op" -> op = string(v, ctx, "op");
        case "urn" -> urn = string(v, ctx, "urn");
        case "type" -> type = string(v, ctx, "type");
        case "oldState", "old" -> before = readState(v, ctx + "." + f, typeHint(type, urn));
        case "newState", "new" -> after = readState(v, ctx + "." + f, typeHint(type, urn));
        case "replaceReasons", "keys" -> replaceReasons = stringArray(v, ctx, f);
        case "diffReasons", "diffs" -> diffReasons = stringArray(v, ctx, f);
        case "detailedDiff" -> detailedDiff = readDetailedDiff(v, ctx + ".detailedDiff");
        case "deleteBeforeReplace" -> deleteBeforeReplace = bool(v, ctx, f);
        default -> p.skipChildren();
      }
    }
    if (op == null) {
      throw fail(ctx + " has no op");
    }
    if (urn == null || urn.isBlank()) {
      throw fail(ctx + " (op " + op + ") has no urn");
    }
    return new PulumiStep(position, op, urn, type, before, after, replaceReasons, diffReasons,
        detailedDiff, deleteBeforeReplace);
  }

  private static String typeHint(String type, String urn) {
    return type != null ? type : PulumiUrn.typeOf(urn, null);
  }

  private Map<String, String> readDetailedDiff(JsonToken t, String ctx) throws IOException {
    if (!orNull(t, JsonToken.START_OBJECT, ctx)) {
      return Map.of();
    }
    Map<String, String> out = new LinkedHashMap<>();
    for (String path = p.nextFieldName(); path != null; path = p.nextFieldName()) {
      JsonToken v = p.nextToken();
      String at = ctx + "[\"" + path + "\"]";
      expect(v, JsonToken.START_OBJECT, at);
      String kind = null;
      for (String f = p.nextFieldName(); f != null; f = p.nextFieldName()) {
        JsonToken w = p.nextToken();
        if (f.equals("kind") || f.equals("diffKind")) {
          if (w == JsonToken.VALUE_NUMBER_INT) {
            int n = p.getIntValue();
            kind = n >= 0 && n < NUMBERED_DIFF_KINDS.size() ? NUMBERED_DIFF_KINDS.get(n)
                : String.valueOf(n);
          } else {
            kind = string(w, at, f);
          }
        } else {
          p.skipChildren();
        }
      }
      out.put(path, kind == null ? "update" : kind);
    }
    return out;
  }

  // ---- states --------------------------------------------------------------------------------

  /**
   * Reads a {@code ResourceV3} or {@code StepEventStateMetadata}, or returns null for JSON null.
   *
   * @param typeHint the type token when the caller already knows it, to pick the catalogue's
   *     attributes before the state's own {@code type} field has been seen
   */
  PulumiState readState(JsonToken t, String ctx, String typeHint) throws IOException {
    if (!orNull(t, JsonToken.START_OBJECT, ctx)) {
      return null;
    }
    String urn = null;
    String type = null;
    String id = null;
    boolean custom = false;
    boolean external = false;
    boolean protect = false;
    boolean retainOnDelete = false;
    boolean pendingDelete = false;
    boolean pendingReplacement = false;
    boolean deleteBeforeReplace = false;
    String parent = null;
    String provider = null;
    Set<String> dependencies = new LinkedHashSet<>();
    String deletedWith = null;
    List<String> replaceWith = List.of();
    String importId = null;
    String sourcePosition = null;
    Map<String, Object> inputs = Map.of();
    Map<String, Object> outputs = Map.of();
    for (String f = p.nextFieldName(); f != null; f = p.nextFieldName()) {
      JsonToken v = p.nextToken();
      switch (f) {
        case "urn" -> urn = string(v, ctx, f);
        case "type" -> type = string(v, ctx, f);
        case "id" -> id = scalarText(v, ctx, f);
        case "custom" -> custom = bool(v, ctx, f);
        case "external" -> external = bool(v, ctx, f);
        case "protect" -> protect = bool(v, ctx, f);
        case "retainOnDelete" -> retainOnDelete = bool(v, ctx, f);
        case "delete" -> pendingDelete = bool(v, ctx, f);
        case "pendingReplacement" -> pendingReplacement = bool(v, ctx, f);
        case "deleteBeforeReplace" -> deleteBeforeReplace = bool(v, ctx, f);
        case "parent" -> parent = string(v, ctx, f);
        case "provider" -> provider = providerUrn(string(v, ctx, f));
        case "dependencies" -> dependencies.addAll(stringArray(v, ctx, f));
        case "propertyDependencies" -> readPropertyDependencies(v, ctx + "." + f, dependencies);
        case "deletedWith" -> deletedWith = string(v, ctx, f);
        case "replaceWith" -> replaceWith = stringArray(v, ctx, f);
        case "importID", "importId" -> importId = string(v, ctx, f);
        case "sourcePosition" -> sourcePosition = string(v, ctx, f);
        case "inputs" ->
            inputs = readSelected(v, ctx + ".inputs", type != null ? type : typeHint);
        case "outputs" ->
            outputs = readSelected(v, ctx + ".outputs", type != null ? type : typeHint);
        default -> p.skipChildren();
      }
    }
    Map<String, Object> selected = Map.of();
    if (!inputs.isEmpty() || !outputs.isEmpty()) {
      // Outputs are what the cloud reported, defaults included: they win over inputs.
      Map<String, Object> merged = new LinkedHashMap<>(inputs);
      merged.putAll(outputs);
      selected = merged;
    }
    return new PulumiState(urn, type, id, custom, external, protect, retainOnDelete,
        pendingDelete, pendingReplacement, deleteBeforeReplace, emptyToNull(parent),
        emptyToNull(provider), List.copyOf(dependencies), emptyToNull(deletedWith), replaceWith,
        emptyToNull(importId), emptyToNull(sourcePosition), selected);
  }

  /** A provider reference is {@code <provider URN>::<provider id>}; the URN is the edge. */
  static String providerUrn(String reference) {
    if (reference == null || reference.isEmpty()) {
      return null;
    }
    int at = reference.lastIndexOf("::");
    if (at < 0 || !reference.startsWith("urn:pulumi:")) {
      return reference;
    }
    String urn = reference.substring(0, at);
    // A reference without an id is already a URN of four parts; cutting it would break it.
    return PulumiUrn.tryParse(urn) != null ? urn : reference;
  }

  private void readPropertyDependencies(JsonToken t, String ctx, Set<String> into)
      throws IOException {
    if (!orNull(t, JsonToken.START_OBJECT, ctx)) {
      return;
    }
    for (String key = p.nextFieldName(); key != null; key = p.nextFieldName()) {
      into.addAll(stringArray(p.nextToken(), ctx, key));
    }
  }

  /** Keeps the properties whose Terraform name the catalogue wants; skips the rest unread. */
  private Map<String, Object> readSelected(JsonToken t, String ctx, String typeToken)
      throws IOException {
    if (!orNull(t, JsonToken.START_OBJECT, ctx)) {
      return Map.of();
    }
    String tf = PulumiTypes.terraformType(typeToken);
    Set<String> wanted = typeToken == null ? attributes.allRootAttributes()
        : tf == null ? Set.of() : attributes.rootAttributes(tf);
    if (wanted.isEmpty()) {
      p.skipChildren();
      return Map.of();
    }
    Map<String, Object> kept = null;
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String name = PulumiTypes.snake(p.currentName());
      p.nextToken();
      if (wanted.contains(name)) {
        if (kept == null) {
          kept = new LinkedHashMap<>();
        }
        kept.put(name, PulumiTypes.terraformShape(p.readValueAs(Object.class)));
      } else {
        p.skipChildren();
      }
    }
    return kept == null ? Map.of() : kept;
  }

  // ---- small readers -------------------------------------------------------------------------

  /** Ids are strings, but a hand-written file may give a number. */
  private String scalarText(JsonToken t, String ctx, String field) throws IOException {
    if (t == JsonToken.VALUE_NUMBER_INT || t == JsonToken.VALUE_NUMBER_FLOAT) {
      return p.getText();
    }
    return string(t, ctx, field);
  }

  /** JSON null reads as false, as Go's decoder (Pulumi's) reads it. */
  @Override
  public boolean bool(JsonToken t, Object ctx, String field) {
    return t != JsonToken.VALUE_NULL && super.bool(t, ctx, field);
  }

  private static String emptyToNull(String s) {
    return s == null || s.isEmpty() ? null : s;
  }
}
