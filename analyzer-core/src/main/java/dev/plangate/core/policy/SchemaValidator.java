package dev.plangate.core.policy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import java.util.stream.Collectors;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Validates a composed YAML node tree against the JSON Schema shipped for editors
 * ({@value #RESOURCE}), so that the schema an editor shows and the checks plangate runs are one
 * file and cannot disagree. It interprets only the part of draft 2020-12 that schema uses, and
 * refuses to load a schema with any other keyword: a keyword added to the schema without
 * teaching the interpreter would otherwise be silently ignored, which fails open.
 *
 * <p>It walks nodes rather than Java objects so that every problem has the line and column of
 * the node it is about, and it reports every problem, not only the first.
 */
final class SchemaValidator {
  /** The schema's name on the classpath, next to this class. */
  static final String RESOURCE = "plangate-policy.schema.json";

  /** Keywords whose meaning the interpreter enforces. */
  static final Set<String> ASSERTIONS = Set.of("type", "properties", "additionalProperties",
      "required", "items", "enum", "const", "pattern", "minLength", "maxLength", "minItems",
      "uniqueItems", "anyOf", "oneOf", "$ref");

  /**
   * Keywords that only describe (for editors and people) or hold definitions. {@code format} is
   * an annotation in draft 2020-12; the loader checks dates itself.
   */
  static final Set<String> ANNOTATIONS = Set.of("$schema", "$id", "$comment", "$defs", "title",
      "description", "default", "examples", "format", "deprecated", "readOnly", "writeOnly");

  private static final Set<String> TYPES = Set.of(YamlValues.OBJECT, YamlValues.ARRAY,
      YamlValues.STRING, YamlValues.INTEGER, YamlValues.NUMBER, YamlValues.BOOLEAN,
      YamlValues.NULL);

  private static volatile SchemaValidator builtin;

  private final JsonNode root;
  private final Map<String, Pattern> patterns = new HashMap<>();

  private SchemaValidator(JsonNode root) {
    this.root = root;
    checkSchema(root, "#");
  }

  /** The validator for the shipped policy schema. */
  static SchemaValidator builtin() {
    SchemaValidator v = builtin;
    if (v == null) {
      v = of(readBuiltinSchema());
      builtin = v;
    }
    return v;
  }

  /** The shipped schema as JSON. */
  static JsonNode readBuiltinSchema() {
    try (InputStream in = SchemaValidator.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(RESOURCE + " is missing from the classpath");
      }
      return new ObjectMapper().readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + RESOURCE, e);
    }
  }

  /**
   * A validator for a schema.
   *
   * @throws IllegalStateException if the schema uses a keyword or a form this interpreter does
   *     not support, naming it and where it is
   */
  static SchemaValidator of(JsonNode schema) {
    return new SchemaValidator(schema);
  }

  /**
   * All problems of a document: keys that JSON cannot have (not strings, or repeated) and every
   * schema violation, in document order.
   */
  List<Problem> validate(Node document) {
    List<Problem> out = new ArrayList<>();
    checkKeys(document, Collections.newSetFromMap(new IdentityHashMap<>()), out);
    validate(document, root, "", document, out);
    return out.stream().distinct().sorted().collect(Collectors.toList());
  }

  // ---- reading YAML as JSON -------------------------------------------------------------

  /** JSON keys are unique strings; YAML keys need not be, so check before anything else. */
  private static void checkKeys(Node node, Set<Node> seen, List<Problem> out) {
    if (!seen.add(node)) {
      return;
    }
    if (node instanceof SequenceNode seq) {
      seq.getValue().forEach(item -> checkKeys(item, seen, out));
    } else if (node instanceof MappingNode map) {
      Map<String, Node> first = new HashMap<>();
      for (NodeTuple t : map.getValue()) {
        Node key = t.getKeyNode();
        String name = YamlValues.string(key);
        if (Tag.MERGE.equals(key.getTag())) {
          out.add(Problem.at(key, "merge keys (\"<<\") are not supported; write the keys out"));
        } else if (name == null) {
          out.add(Problem.at(key, "a key must be a string, not " + YamlValues.describe(key)));
        } else if (first.containsKey(name)) {
          Node earlier = first.get(name);
          out.add(Problem.at(key, "duplicate key " + YamlValues.quote(name) + " (first at "
              + (earlier.getStartMark().getLine() + 1) + ":"
              + (earlier.getStartMark().getColumn() + 1) + ")"));
        } else {
          first.put(name, key);
        }
        checkKeys(key, seen, out);
        checkKeys(t.getValueNode(), seen, out);
      }
    }
  }

  /** The string-keyed entries of a mapping, first occurrence of each key. */
  static Map<String, NodeTuple> entries(MappingNode map) {
    Map<String, NodeTuple> out = new LinkedHashMap<>();
    for (NodeTuple t : map.getValue()) {
      String name = YamlValues.string(t.getKeyNode());
      if (name != null && !Tag.MERGE.equals(t.getKeyNode().getTag())) {
        out.putIfAbsent(name, t);
      }
    }
    return out;
  }

  // ---- the interpreter ----------------------------------------------------------------

  /**
   * Validates one node.
   *
   * @param path where the node is, as {@code waivers[0].expires}; empty for the document
   * @param where the node a problem about this node is reported at: the node itself, or its key
   *     when the value is empty and so has no position of its own worth showing
   */
  private void validate(Node node, JsonNode schema, String path, Node where,
      List<Problem> out) {
    String actual = YamlValues.jsonType(node);
    if (actual == null) {
      out.add(Problem.at(where, subject(path) + " has a value plangate cannot read"));
      return;
    }
    if (schema.has("type") && !typeMatches(node, schema.get("type"))) {
      out.add(Problem.at(where, subject(path) + " must be " + expected(schema) + ", not "
          + YamlValues.describe(node) + hint(node, schema)));
      return;
    }
    if (schema.has("$ref")) {
      validate(node, resolve(schema.get("$ref").asText()), path, where, out);
    }
    if (schema.has("const") && !equalsValue(node, schema.get("const"))) {
      out.add(Problem.at(where, subject(path) + " must be " + show(schema.get("const"))
          + ", not " + YamlValues.describe(node)));
    }
    if (schema.has("enum")) {
      checkEnum(node, schema.get("enum"), path, where, out);
    }
    if (node instanceof ScalarNode scalar && YamlValues.STRING.equals(actual)) {
      checkString(scalar.getValue(), node, schema, path, where, out);
    }
    if (node instanceof SequenceNode seq) {
      checkArray(seq, schema, path, where, out);
    }
    if (node instanceof MappingNode map) {
      checkObject(map, schema, path, where, out);
    }
    if (schema.has("anyOf")) {
      checkAnyOf(node, schema.get("anyOf"), path, where, out);
    }
    if (schema.has("oneOf")) {
      checkOneOf(node, schema.get("oneOf"), path, where, out);
    }
  }

  private static boolean typeMatches(Node node, JsonNode type) {
    if (type.isArray()) {
      for (JsonNode t : type) {
        if (YamlValues.hasType(node, t.asText())) {
          return true;
        }
      }
      return false;
    }
    return YamlValues.hasType(node, type.asText());
  }

  private void checkEnum(Node node, JsonNode values, String path, Node where,
      List<Problem> out) {
    for (JsonNode v : values) {
      if (equalsValue(node, v)) {
        return;
      }
    }
    String suggestion = "";
    String typed = YamlValues.string(node);
    if (typed != null) {
      List<String> names = new ArrayList<>();
      values.forEach(v -> names.add(v.asText()));
      suggestion = DidYouMean.closest(typed, names)
          .map(s -> " (did you mean " + YamlValues.quote(s) + "?)").orElse("");
    }
    out.add(Problem.at(where, subject(path) + " must be " + oneOf(values) + ", not "
        + YamlValues.describe(node) + suggestion));
  }

  private void checkString(String text, Node node, JsonNode schema, String path, Node where,
      List<Problem> out) {
    int length = text.codePointCount(0, text.length());
    boolean tooShort = schema.has("minLength") && length < schema.get("minLength").asInt();
    if (tooShort) {
      int min = schema.get("minLength").asInt();
      out.add(Problem.at(where, subject(path) + (min == 1 ? " must not be empty"
          : " must be at least " + min + " characters long, not " + length)));
    }
    if (schema.has("maxLength") && length > schema.get("maxLength").asInt()) {
      out.add(Problem.at(where, subject(path) + " must be at most "
          + schema.get("maxLength").asInt() + " characters long, not " + length));
    }
    if (schema.has("pattern") && !tooShort
        && !patterns.get(schema.get("pattern").asText()).matcher(text).find()) {
      String example = schema.has("examples") && schema.get("examples").size() > 0
          ? " (for example " + show(schema.get("examples").get(0)) + ")" : "";
      out.add(Problem.at(where, subject(path) + " must match " + schema.get("pattern").asText()
          + example + ", not " + YamlValues.describe(node)));
    }
  }

  private void checkArray(SequenceNode seq, JsonNode schema, String path, Node where,
      List<Problem> out) {
    List<Node> items = seq.getValue();
    if (schema.has("minItems") && items.size() < schema.get("minItems").asInt()) {
      int min = schema.get("minItems").asInt();
      out.add(Problem.at(where, subject(path) + " must list at least "
          + (min == 1 ? "one value" : min + " values")));
    }
    if (schema.has("uniqueItems") && schema.get("uniqueItems").asBoolean()) {
      Set<String> seen = new HashSet<>();
      for (Node item : items) {
        if (!seen.add(canonical(item))) {
          out.add(Problem.at(item, subject(path) + " lists " + YamlValues.describe(item)
              + " more than once"));
        }
      }
    }
    if (schema.has("items")) {
      for (int i = 0; i < items.size(); i++) {
        validate(items.get(i), schema.get("items"), path + "[" + i + "]", items.get(i), out);
      }
    }
  }

  private void checkObject(MappingNode map, JsonNode schema, String path, Node where,
      List<Problem> out) {
    Map<String, NodeTuple> entries = entries(map);
    if (schema.has("required")) {
      for (JsonNode r : schema.get("required")) {
        if (!entries.containsKey(r.asText())) {
          out.add(Problem.at(where, subject(path) + " is missing the required key "
              + YamlValues.quote(r.asText())));
        }
      }
    }
    JsonNode properties = schema.path("properties");
    JsonNode additional = schema.get("additionalProperties");
    for (Map.Entry<String, NodeTuple> e : entries.entrySet()) {
      String key = e.getKey();
      Node keyNode = e.getValue().getKeyNode();
      Node value = e.getValue().getValueNode();
      String child = path.isEmpty() ? key : path + "." + key;
      Node valueWhere = YamlValues.isEmpty(value) ? keyNode : value;
      if (properties.has(key)) {
        validate(value, properties.get(key), child, valueWhere, out);
      } else if (additional != null && additional.isBoolean() && !additional.asBoolean()) {
        out.add(Problem.at(keyNode, unknownKey(key, path, properties)));
      } else if (additional != null && additional.isObject()) {
        validate(value, additional, child, valueWhere, out);
      }
    }
  }

  private static String unknownKey(String key, String path, JsonNode properties) {
    List<String> known = new ArrayList<>();
    properties.fieldNames().forEachRemaining(known::add);
    String message = "unknown key " + YamlValues.quote(key)
        + (path.isEmpty() ? "" : " in " + YamlValues.quote(path));
    Optional<String> close = DidYouMean.closest(key, known);
    if (close.isPresent()) {
      return message + " (did you mean " + YamlValues.quote(close.get()) + "?)";
    }
    return known.isEmpty() ? message + "; no keys are allowed here"
        : message + "; the keys allowed here are " + String.join(", ", known);
  }

  private void checkAnyOf(Node node, JsonNode branches, String path, Node where,
      List<Problem> out) {
    List<List<Problem>> results = evaluate(node, branches, path, where);
    if (results.stream().anyMatch(List::isEmpty)) {
      return;
    }
    List<String> keys = requiredOnlyKeys(branches);
    if (keys != null) {
      out.add(Problem.at(where, subject(path) + " needs " + alternatives(keys)));
    } else {
      out.addAll(fewest(results));
    }
  }

  private void checkOneOf(Node node, JsonNode branches, String path, Node where,
      List<Problem> out) {
    List<List<Problem>> results = evaluate(node, branches, path, where);
    long passing = results.stream().filter(List::isEmpty).count();
    if (passing == 1) {
      return;
    }
    List<String> keys = requiredOnlyKeys(branches);
    if (passing == 0 && keys != null) {
      out.add(Problem.at(where, subject(path) + " needs " + alternatives(keys)));
      return;
    }
    if (passing == 0) {
      out.addAll(fewest(results));
      return;
    }
    if (keys == null || !(node instanceof MappingNode map)) {
      out.add(Problem.at(where, subject(path) + " matches more than one alternative"));
      return;
    }
    Map<String, NodeTuple> entries = entries(map);
    List<String> present = new ArrayList<>();
    for (Map.Entry<String, NodeTuple> e : entries.entrySet()) {
      if (keys.contains(e.getKey())) {
        present.add(e.getKey());
      }
    }
    Node second = entries.get(present.get(1)).getKeyNode();
    out.add(Problem.at(second, subject(path) + " has "
        + (present.size() == 2 ? "both " + quoted(present, "and")
            : quoted(present, "and")) + "; give only one of " + String.join(", ", keys)));
  }

  private List<List<Problem>> evaluate(Node node, JsonNode branches, String path, Node where) {
    List<List<Problem>> results = new ArrayList<>();
    for (JsonNode branch : branches) {
      List<Problem> problems = new ArrayList<>();
      validate(node, branch, path, where, problems);
      results.add(problems);
    }
    return results;
  }

  private static List<Problem> fewest(List<List<Problem>> results) {
    return results.stream().min((a, b) -> Integer.compare(a.size(), b.size())).orElseThrow();
  }

  /**
   * The keys when every branch is just {@code {"required": [key]}}: the schema's way of saying
   * "one of these keys", which deserves a sentence rather than a list of branch failures.
   */
  private static List<String> requiredOnlyKeys(JsonNode branches) {
    List<String> keys = new ArrayList<>();
    for (JsonNode b : branches) {
      Iterator<String> names = b.fieldNames();
      List<String> assertions = new ArrayList<>();
      names.forEachRemaining(n -> {
        if (!ANNOTATIONS.contains(n)) {
          assertions.add(n);
        }
      });
      if (!assertions.equals(List.of("required")) || b.get("required").size() != 1) {
        return null;
      }
      keys.add(b.get("required").get(0).asText());
    }
    return keys;
  }

  private static String alternatives(List<String> keys) {
    return keys.size() == 2 ? quoted(keys, "or") : "one of " + quoted(keys, "or");
  }

  private static String quoted(List<String> keys, String conjunction) {
    List<String> q = keys.stream().map(YamlValues::quote).collect(Collectors.toList());
    if (q.size() == 1) {
      return q.get(0);
    }
    return String.join(", ", q.subList(0, q.size() - 1)) + " " + conjunction + " "
        + q.get(q.size() - 1);
  }

  // ---- describing expectations ----------------------------------------------------------

  private static String subject(String path) {
    return path.isEmpty() ? "the policy file" : YamlValues.quote(path);
  }

  /** What a schema accepts, in words: "a list of strings", "one of warn, pass". */
  private String expected(JsonNode schema) {
    if (schema.has("const")) {
      return show(schema.get("const"));
    }
    if (schema.has("enum")) {
      return oneOf(schema.get("enum"));
    }
    if (!schema.has("type") && schema.has("$ref")) {
      return expected(resolve(schema.get("$ref").asText()));
    }
    JsonNode type = schema.get("type");
    if (type == null) {
      return "a valid value";
    }
    if (type.isArray()) {
      List<String> names = new ArrayList<>();
      type.forEach(t -> names.add(typeName(t.asText(), schema)));
      return String.join(" or ", names);
    }
    return typeName(type.asText(), schema);
  }

  private String typeName(String type, JsonNode schema) {
    switch (type) {
      case "object":
        return "a mapping";
      case "array":
        return schema.has("items") ? "a list of " + plural(schema.get("items")) : "a list";
      case "string":
        return "a string";
      case "integer":
        return "an integer";
      case "number":
        return "a number";
      case "boolean":
        return "true or false";
      default:
        return "empty";
    }
  }

  private String plural(JsonNode items) {
    if (!items.has("type") && items.has("$ref")) {
      return plural(resolve(items.get("$ref").asText()));
    }
    if (items.has("enum")) {
      List<String> names = new ArrayList<>();
      items.get("enum").forEach(v -> names.add(v.asText()));
      return names.size() == 1 ? names.get(0)
          : String.join(", ", names.subList(0, names.size() - 1)) + " or "
              + names.get(names.size() - 1);
    }
    String type = items.path("type").asText("");
    switch (type) {
      case "object":
        return "mappings";
      case "array":
        return "lists";
      case "string":
        return "strings";
      case "integer":
        return "integers";
      case "number":
        return "numbers";
      case "boolean":
        return "booleans";
      default:
        return "values";
    }
  }

  /** A short way out of the most common type mistakes. */
  private String hint(Node node, JsonNode schema) {
    if (!(node instanceof ScalarNode scalar) || YamlValues.isEmpty(node)) {
      return "";
    }
    String wanted = schema.path("type").asText("");
    if ("string".equals(wanted) && !schema.has("enum") && !schema.has("const")) {
      return " (put it in quotes to make it a string)";
    }
    if ("array".equals(wanted) && !YamlValues.NULL.equals(YamlValues.jsonType(node))) {
      String text = scalar.getValue();
      String item = text.matches("[A-Za-z0-9_./-]+") ? text : YamlValues.quote(text);
      return " (a list of one is written [" + item + "])";
    }
    return "";
  }

  private static String oneOf(JsonNode values) {
    List<String> names = new ArrayList<>();
    values.forEach(v -> names.add(v.isTextual() ? v.asText() : v.toString()));
    return names.size() == 1 ? names.get(0) : "one of " + String.join(", ", names);
  }

  private static String show(JsonNode value) {
    return value.isTextual() ? YamlValues.quote(value.asText()) : value.toString();
  }

  private static boolean equalsValue(Node node, JsonNode value) {
    if (!(node instanceof ScalarNode scalar)) {
      return false;
    }
    Object mine = YamlValues.jsonValue(scalar);
    Object theirs;
    if (value.isTextual()) {
      theirs = value.asText();
    } else if (value.isNumber()) {
      theirs = value.decimalValue();
    } else if (value.isBoolean()) {
      theirs = value.asBoolean();
    } else {
      theirs = YamlValues.NULL_VALUE;
    }
    return YamlValues.sameValue(mine, theirs);
  }

  /** A text that is equal for equal JSON values, for uniqueItems. */
  private static String canonical(Node node) {
    if (node instanceof ScalarNode scalar) {
      Object v = YamlValues.jsonValue(scalar);
      if (v instanceof BigDecimal d) {
        return "n:" + d.stripTrailingZeros().toPlainString();
      }
      return YamlValues.jsonType(node) + ":" + (v == null ? scalar.getValue() : v);
    }
    if (node instanceof SequenceNode seq) {
      return seq.getValue().stream().map(SchemaValidator::canonical)
          .collect(Collectors.joining(",", "[", "]"));
    }
    Map<String, String> sorted = new TreeMap<>();
    entries((MappingNode) node).forEach((k, t) -> sorted.put(k, canonical(t.getValueNode())));
    return sorted.toString();
  }

  private JsonNode resolve(String ref) {
    return root.at(ref.substring(1));
  }

  // ---- checking the schema itself -----------------------------------------------------

  private void checkSchema(JsonNode schema, String at) {
    if (!schema.isObject()) {
      throw unsupported(at, "a schema must be a JSON object here");
    }
    Iterator<Map.Entry<String, JsonNode>> fields = schema.fields();
    while (fields.hasNext()) {
      Map.Entry<String, JsonNode> f = fields.next();
      String keyword = f.getKey();
      JsonNode value = f.getValue();
      String here = at + "/" + keyword;
      if (ANNOTATIONS.contains(keyword)) {
        if (keyword.equals("$defs")) {
          value.fields().forEachRemaining(d -> checkSchema(d.getValue(), here + "/" + d.getKey()));
        }
        continue;
      }
      if (!ASSERTIONS.contains(keyword)) {
        throw unsupported(here, "keyword \"" + keyword + "\" is not supported by the policy"
            + " schema interpreter; teach SchemaValidator its meaning before using it");
      }
      switch (keyword) {
        case "type":
          if (value.isArray()) {
            value.forEach(t -> checkType(t, here));
          } else {
            checkType(value, here);
          }
          break;
        case "properties":
          requireThat(value.isObject(), here, "must be an object");
          value.fields().forEachRemaining(p -> checkSchema(p.getValue(), here + "/" + p.getKey()));
          break;
        case "additionalProperties":
          if (!value.isBoolean()) {
            checkSchema(value, here);
          }
          break;
        case "required":
          requireThat(value.isArray(), here, "must be an array of strings");
          value.forEach(r -> requireThat(r.isTextual(), here, "must be an array of strings"));
          break;
        case "items":
          checkSchema(value, here);
          break;
        case "enum":
          requireThat(value.isArray() && value.size() > 0, here, "must be a non-empty array");
          value.forEach(v -> requireThat(v.isValueNode(), here, "only scalar values supported"));
          break;
        case "const":
          requireThat(value.isValueNode(), here, "only a scalar value is supported");
          break;
        case "pattern":
          requireThat(value.isTextual(), here, "must be a string");
          try {
            patterns.put(value.asText(), Pattern.compile(value.asText()));
          } catch (PatternSyntaxException e) {
            throw unsupported(here, "pattern does not compile: " + e.getDescription());
          }
          break;
        case "minLength":
        case "maxLength":
        case "minItems":
          requireThat(value.canConvertToInt() && value.isIntegralNumber() && value.asInt() >= 0,
              here, "must be a non-negative integer");
          break;
        case "uniqueItems":
          requireThat(value.isBoolean(), here, "must be true or false");
          break;
        case "anyOf":
        case "oneOf":
          requireThat(value.isArray() && value.size() > 0, here, "must be a non-empty array");
          for (int i = 0; i < value.size(); i++) {
            checkSchema(value.get(i), here + "/" + i);
          }
          break;
        case "$ref":
          requireThat(value.isTextual() && value.asText().startsWith("#/$defs/"), here,
              "only references to local definitions (#/$defs/...) are supported");
          requireThat(!root.at(value.asText().substring(1)).isMissingNode(), here,
              "points at nothing: " + value.asText());
          checkNoReferenceLoop(value.asText(), here);
          break;
        default:
          throw unsupported(here, "keyword \"" + keyword + "\" is listed as supported but has"
              + " no check");
      }
    }
  }

  /** A definition that is only a reference back to itself would never finish validating. */
  private void checkNoReferenceLoop(String ref, String at) {
    Set<String> seen = new HashSet<>();
    String next = ref;
    while (next != null) {
      requireThat(seen.add(next), at, "the references " + seen + " form a loop");
      JsonNode target = root.at(next.substring(1));
      next = target.has("$ref") ? target.get("$ref").asText() : null;
    }
  }

  private static void checkType(JsonNode type, String at) {
    requireThat(type.isTextual() && TYPES.contains(type.asText()), at,
        "unknown type " + type);
  }

  private static void requireThat(boolean condition, String at, String what) {
    if (!condition) {
      throw unsupported(at, what);
    }
  }

  private static IllegalStateException unsupported(String at, String what) {
    return new IllegalStateException("policy schema " + at + ": " + what);
  }
}
