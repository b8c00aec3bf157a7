package dev.plangate.core.policy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BigIntegerNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.DecimalNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.networknt.schema.JsonNodePath;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaException;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import com.networknt.schema.resource.DisallowSchemaLoader;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
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

/**
 * Validates a composed policy against the JSON Schema shipped for editors ({@value #RESOURCE})
 * with networknt's json-schema-validator, so that the schema an editor shows and the checks
 * plangate runs are one file.
 *
 * <p>The validator never reads policy text: {@link SafeYaml} composes it first, under the limits
 * that keep a hostile file small, and the Jackson tree the validator checks is built here from
 * those nodes (scalars read as {@link YamlValues} says; keys as {@link YamlMaps#entries} gives
 * them, after {@link YamlMaps#keyProblems} reported the ones JSON cannot have). Each message is
 * mapped back through its instance location to the node it is about, so every problem has a
 * line and column, and is reworded per keyword by {@link SchemaWording}. All problems are
 * reported, not only the first.
 *
 * <p>Fails closed: a schema with a keyword that has no wording here and is no annotation is
 * refused when it loads; should a message of another keyword arrive anyway, it is reported in
 * the validator's words; one whose place cannot be found is reported at the top of the file.
 * Only messages that a type error at the same value and schema makes redundant are dropped
 * ({@code must be 1, not "1"} says all {@code must be the constant 1} would).
 */
final class PolicySchema {
  /** The schema's name on the classpath, next to this class. */
  static final String RESOURCE = "plangate-policy.schema.json";

  /** Keywords with a sentence in {@link SchemaWording} (or, for applicators, no need of one). */
  static final Set<String> WORDED = Set.of("type", "properties", "additionalProperties",
      "required", "items", "enum", "const", "pattern", "minLength", "maxLength", "minItems",
      "uniqueItems", "anyOf", "oneOf", "$ref");

  /**
   * Keywords that only describe (for editors and people) or hold definitions. {@code format} is
   * an annotation in draft 2020-12 and stays one here; the loader checks dates itself.
   */
  static final Set<String> ANNOTATIONS = Set.of("$schema", "$id", "$comment", "$defs", "title",
      "description", "default", "examples", "format", "deprecated", "readOnly", "writeOnly");

  private static final Set<String> TYPES = Set.of(YamlValues.OBJECT, YamlValues.ARRAY,
      YamlValues.STRING, YamlValues.INTEGER, YamlValues.NUMBER, YamlValues.BOOLEAN,
      YamlValues.NULL);

  /** Nothing is fetched: a {@code $ref} may only point inside the schema. */
  private static final JsonSchemaFactory FACTORY = JsonSchemaFactory.builder(
          JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012))
      .schemaLoaders(loaders -> loaders.values(List::clear).add(DisallowSchemaLoader.getInstance()))
      .build();

  /** English whatever the machine's locale, for the few messages shown in networknt's words. */
  private static final SchemaValidatorsConfig CONFIG = SchemaValidatorsConfig.builder()
      .locale(Locale.ENGLISH).formatAssertionsEnabled(false).build();

  /** Number texts longer than this are not parsed (see {@link #number}). */
  private static final int MAX_NUMBER_DIGITS = 40;
  private static final BigInteger HUGE_INTEGER = BigInteger.TEN.pow(MAX_NUMBER_DIGITS + 1);
  private static final BigDecimal HUGE_NUMBER = new BigDecimal(HUGE_INTEGER).add(BigDecimal.ONE
      .movePointLeft(1));

  private static volatile PolicySchema builtin;

  private final JsonNode root;
  private final JsonSchema schema;
  private final SchemaWording wording;

  private PolicySchema(JsonNode root) {
    this.root = root;
    this.wording = new SchemaWording(root);
    checkKeywords(root, "#");
    try {
      schema = FACTORY.getSchema(root, CONFIG);
      schema.initializeValidators();
    } catch (JsonSchemaException e) {
      throw new IllegalStateException("policy schema: " + e.getMessage(), e);
    }
  }

  /** The validator for the shipped policy schema. */
  static PolicySchema builtin() {
    PolicySchema v = builtin;
    if (v == null) {
      v = of(readBuiltinSchema());
      builtin = v;
    }
    return v;
  }

  /** The shipped schema as JSON. */
  static JsonNode readBuiltinSchema() {
    try (InputStream in = PolicySchema.class.getResourceAsStream(RESOURCE)) {
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
   * @throws IllegalStateException if the schema uses a keyword without wording, a boolean or
   *     non-object schema, or a reference that leaves the schema, points at nothing or loops
   */
  static PolicySchema of(JsonNode schema) {
    return new PolicySchema(schema);
  }

  /** All problems of a document: keys JSON cannot have, then every schema violation. */
  List<Problem> validate(Node document) {
    List<Problem> out = new ArrayList<>(YamlMaps.keyProblems(document));
    JsonNode json = toJson(new Place("", document, document), out);
    List<ValidationMessage> plain = new ArrayList<>();
    Map<String, List<ValidationMessage>> combined = new LinkedHashMap<>();
    for (ValidationMessage m : schema.validate(json)) {
      int[] at = combinator(m.getEvaluationPath());
      if (at == null) {
        plain.add(m);
      } else {
        String key = prefix(m.getEvaluationPath(), at[0] + 1) + "@"
            + prefix(m.getInstanceLocation(), at[1]);
        combined.computeIfAbsent(key, k -> new ArrayList<>()).add(m);
      }
    }
    out.addAll(word(plain, document));
    // A value of the wrong type passes required-only branches vacuously (oneOf then matches
    // several); the type error already says what is wrong, as for any other keyword.
    Set<String> typeFailed = scopes(plain, "type");
    combined.values().stream().filter(group -> !typeFailed.contains(combinatorScope(group)))
        .forEach(group -> out.addAll(wordCombinator(group, document)));
    return out.stream().distinct().sorted().collect(Collectors.toList());
  }

  // ---- the validator's messages in plangate's words ---------------------------------------

  /** Where a value is: its path for messages, its node, and the node to report it at. */
  private record Place(String path, Node node, Node where) {}

  private List<Problem> word(List<ValidationMessage> messages, Node document) {
    Set<String> typeFailed = scopes(messages, "type");
    Set<String> tooShort = scopes(messages, "minLength");
    return messages.stream()
        .filter(m -> "type".equals(m.getType()) || !typeFailed.contains(scope(m)))
        .filter(m -> !"pattern".equals(m.getType()) || !tooShort.contains(scope(m)))
        .flatMap(m -> word(m, document).stream()).collect(Collectors.toList());
  }

  /** The {@link #scope}s of the messages of one keyword. */
  private static Set<String> scopes(List<ValidationMessage> messages, String keyword) {
    return messages.stream().filter(m -> keyword.equals(m.getType()))
        .map(PolicySchema::scope).collect(Collectors.toSet());
  }

  /** The value and the schema object a message is about. */
  private static String scope(ValidationMessage m) {
    return scope(m, m.getInstanceLocation().getNameCount(),
        m.getEvaluationPath().getNameCount() - 1);
  }

  /** {@link #scope} of the anyOf/oneOf a group of messages came from. */
  private static String combinatorScope(List<ValidationMessage> group) {
    int[] at = combinator(group.get(0).getEvaluationPath());
    return scope(group.get(0), at[1], at[0]);
  }

  private static String scope(ValidationMessage m, int instanceSteps, int schemaSteps) {
    return prefix(m.getInstanceLocation(), instanceSteps) + "|"
        + prefix(m.getEvaluationPath(), schemaSteps);
  }

  private List<Problem> word(ValidationMessage m, Node document) {
    JsonNodePath eval = m.getEvaluationPath();
    Place p = place(document, m.getInstanceLocation(), m.getInstanceLocation().getNameCount());
    JsonNode s = schemaAt(eval, eval.getNameCount() - 1);
    if (p == null || s == null) {
      return List.of(Problem.at(document, SchemaWording.theirWords(m)));
    }
    switch (m.getType()) {
      case "uniqueItems":
        return repeated(p, m);
      case "additionalProperties":
        NodeTuple entry = p.node() instanceof MappingNode map
            ? YamlMaps.entries(map).get(m.getProperty()) : null;
        return one(entry == null ? p.where() : entry.getKeyNode(),
            SchemaWording.unknownKey(m.getProperty(), p.path(), s.path("properties")));
      case "oneOf":
        return onlyOne(p, s.get("oneOf"));
      default:
        return one(p.where(), wording.sentence(m, p.path(), p.node(), s));
    }
  }

  /**
   * anyOf and oneOf: networknt reports every failing branch's messages, plus a message of its
   * own when oneOf matched other than once. Said as "needs one of these keys" when each branch
   * only requires a key, otherwise as the closest branch (fewest problems), as before.
   */
  private List<Problem> wordCombinator(List<ValidationMessage> group, Node document) {
    JsonNodePath eval = group.get(0).getEvaluationPath();
    int[] at = combinator(eval);
    int k = at[0];
    JsonNode branches = schemaAt(eval, k + 1);
    Place p = place(document, group.get(0).getInstanceLocation(), at[1]);
    if (branches == null || p == null) {
      return group.stream().map(m -> Problem.at(document, SchemaWording.theirWords(m)))
          .collect(Collectors.toList());
    }
    Map<Integer, List<ValidationMessage>> byBranch = new TreeMap<>();
    for (ValidationMessage m : group) {
      if (m.getEvaluationPath().getNameCount() == k + 1) {
        if (matched(m) > 1) {
          return onlyOne(p, branches);
        }
      } else {
        byBranch.computeIfAbsent(index(m.getEvaluationPath().getName(k + 1)),
            i -> new ArrayList<>()).add(m);
      }
    }
    List<String> keys = SchemaWording.requiredOnlyKeys(branches);
    if (keys != null) {
      return one(p.where(), SchemaWording.needsOneOf(p.path(), keys));
    }
    List<Problem> closest = null;
    for (List<ValidationMessage> branch : byBranch.values()) {
      List<Problem> problems = word(branch, document);
      if (closest == null || problems.size() < closest.size()) {
        closest = problems;
      }
    }
    return closest == null || closest.isEmpty()
        ? one(p.where(), SchemaWording.subject(p.path()) + " matches none of the alternatives")
        : closest;
  }

  private List<Problem> onlyOne(Place p, JsonNode branches) {
    List<String> keys = branches == null ? null : SchemaWording.requiredOnlyKeys(branches);
    if (keys != null && p.node() instanceof MappingNode map) {
      Map<String, NodeTuple> entries = YamlMaps.entries(map);
      List<String> present = entries.keySet().stream().filter(keys::contains)
          .collect(Collectors.toList());
      if (present.size() > 1) {
        return one(entries.get(present.get(1)).getKeyNode(),
            SchemaWording.onlyOneOf(p.path(), present, keys));
      }
    }
    return one(p.where(), SchemaWording.moreThanOne(p.path()));
  }

  /** Each repeated item, at the item. */
  private static List<Problem> repeated(Place p, ValidationMessage m) {
    List<Problem> out = new ArrayList<>();
    if (p.node() instanceof SequenceNode seq) {
      Set<JsonNode> seen = new HashSet<>();
      for (Node item : seq.getValue()) {
        if (!seen.add(toJson(new Place("", item, item), new ArrayList<>()))) {
          out.add(Problem.at(item, SchemaWording.repeated(p.path(), item)));
        }
      }
    }
    return out.isEmpty() ? one(p.where(), SchemaWording.subject(p.path()) + ": "
        + SchemaWording.theirWords(m)) : out;
  }

  private static List<Problem> one(Node at, String message) {
    return List.of(Problem.at(at, message));
  }

  /** How many branches of a oneOf matched, from its message's arguments (0 if unknown). */
  private static int matched(ValidationMessage m) {
    Object[] args = m.getArguments();
    return "oneOf".equals(m.getType()) && args != null && args.length > 0
        ? index(String.valueOf(args[0])) : 0;
  }

  private static int index(String text) {
    try {
      return Integer.parseInt(text);
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  // ---- locations ------------------------------------------------------------------------

  /** The node at the first {@code count} steps of an instance location, or null if none is. */
  private static Place place(Node document, JsonNodePath at, int count) {
    Place p = new Place("", document, document);
    for (int i = 0; i < count && p != null; i++) {
      Object step = at.getElement(i);
      if (p.node() instanceof SequenceNode seq && step instanceof Integer index
          && index >= 0 && index < seq.getValue().size()) {
        p = item(p, seq.getValue().get(index), index);
      } else if (p.node() instanceof MappingNode map && step instanceof String key
          && YamlMaps.entries(map).containsKey(key)) {
        p = entry(p, key, YamlMaps.entries(map).get(key));
      } else {
        p = null;
      }
    }
    return p;
  }

  private static Place item(Place list, Node item, int index) {
    return new Place(list.path() + "[" + index + "]", item, item);
  }

  /** A mapping's value, reported at its key when it is empty ({@code key:} and nothing). */
  private static Place entry(Place map, String key, NodeTuple t) {
    Node value = t.getValueNode();
    return new Place(map.path().isEmpty() ? key : map.path() + "." + key, value,
        YamlValues.isEmpty(value) ? t.getKeyNode() : value);
  }

  /** The schema at the first {@code count} steps of an evaluation path, following $ref. */
  private JsonNode schemaAt(JsonNodePath eval, int count) {
    JsonNode s = root;
    for (int i = 0; i < count && s != null; i++) {
      String step = eval.getName(i);
      if ("$ref".equals(step) && s.has("$ref")) {
        s = root.at(s.get("$ref").asText().substring(1));
      } else {
        s = s.isArray() ? s.get(index(step)) : s.get(step);
      }
    }
    return s == null || s.isMissingNode() ? null : s;
  }

  /**
   * Where the first anyOf/oneOf is in an evaluation path: its position, and how many instance
   * steps the path took before it (each {@code properties/NAME}, {@code items} and
   * {@code additionalProperties} is one); null without one.
   */
  private static int[] combinator(JsonNodePath eval) {
    int steps = 0;
    for (int i = 0; i < eval.getNameCount(); i++) {
      String keyword = eval.getName(i);
      if ("anyOf".equals(keyword) || "oneOf".equals(keyword)) {
        return new int[] {i, steps};
      }
      if ("properties".equals(keyword)) {
        i++;
        steps++;
      } else if ("items".equals(keyword) || "additionalProperties".equals(keyword)) {
        steps++;
      }
    }
    return null;
  }

  private static String prefix(JsonNodePath path, int count) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < count; i++) {
      out.append('/').append(path.getName(i).replace("~", "~0").replace("/", "~1"));
    }
    return out.toString();
  }

  // ---- YAML nodes as a JSON tree --------------------------------------------------------

  private static JsonNode toJson(Place p, List<Problem> out) {
    Node node = p.node();
    String type = YamlValues.jsonType(node);
    if (type == null) {
      out.add(Problem.at(p.where(), SchemaWording.subject(p.path())
          + " has a value plangate cannot read"));
      return NullNode.getInstance();
    }
    switch (type) {
      case YamlValues.OBJECT:
        ObjectNode object = JsonNodeFactory.instance.objectNode();
        YamlMaps.entries((MappingNode) node).forEach((key, t) -> object.set(key,
            toJson(entry(p, key, t), out)));
        return object;
      case YamlValues.ARRAY:
        ArrayNode array = JsonNodeFactory.instance.arrayNode();
        List<Node> items = ((SequenceNode) node).getValue();
        for (int i = 0; i < items.size(); i++) {
          array.add(toJson(item(p, items.get(i), i), out));
        }
        return array;
      case YamlValues.STRING:
        return TextNode.valueOf(((ScalarNode) node).getValue());
      case YamlValues.BOOLEAN:
        return BooleanNode.valueOf(Boolean.TRUE.equals(YamlValues.jsonValue((ScalarNode) node)));
      case YamlValues.NULL:
        return NullNode.getInstance();
      default:
        return number((ScalarNode) node, type);
    }
  }

  /**
   * A YAML number as Jackson would parse the same JSON number, so networknt compares it with
   * the schema's numbers as it compares parsed JSON; integral floats ({@code 2.0}) are
   * integers, as in JSON Schema. A number with more digits than any policy needs, or one JSON
   * cannot hold ({@code .inf}, {@code .nan}), is not expanded (a huge exponent would take
   * unbounded memory) but stands in as a huge integer or number that no schema value equals.
   */
  private static JsonNode number(ScalarNode node, String type) {
    Object value = node.getValue().length() > MAX_NUMBER_DIGITS ? null
        : YamlValues.jsonValue(node);
    boolean integer = YamlValues.INTEGER.equals(type);
    if (!(value instanceof BigDecimal d) || d.precision() - d.scale() > MAX_NUMBER_DIGITS) {
      return integer ? BigIntegerNode.valueOf(HUGE_INTEGER) : DecimalNode.valueOf(HUGE_NUMBER);
    }
    if (!integer) {
      return DecimalNode.valueOf(d.stripTrailingZeros());
    }
    BigInteger whole = d.setScale(0, java.math.RoundingMode.UNNECESSARY).toBigInteger();
    if (whole.bitLength() < 32) {
      return IntNode.valueOf(whole.intValue());
    }
    return whole.bitLength() < 64 ? LongNode.valueOf(whole.longValue())
        : BigIntegerNode.valueOf(whole);
  }

  // ---- checking the schema itself -------------------------------------------------------

  private void checkKeywords(JsonNode schema, String at) {
    if (!schema.isObject()) {
      throw unsupported(at, "a schema must be a JSON object here");
    }
    schema.fields().forEachRemaining(f -> {
      String keyword = f.getKey();
      JsonNode value = f.getValue();
      String here = at + "/" + keyword;
      if (!WORDED.contains(keyword) && !ANNOTATIONS.contains(keyword)) {
        throw unsupported(here, "keyword \"" + keyword + "\" is not supported by the policy"
            + " schema adapter; give it a sentence in SchemaWording before using it");
      }
      switch (keyword) {
        case "properties", "$defs" -> value.fields().forEachRemaining(
            p -> checkKeywords(p.getValue(), here + "/" + p.getKey()));
        case "items" -> checkKeywords(value, here);
        case "additionalProperties" -> {
          if (!value.isBoolean()) {
            checkKeywords(value, here);
          }
        }
        case "anyOf", "oneOf" -> {
          require(value.isArray() && value.size() > 0, here, "must be a non-empty array");
          for (int i = 0; i < value.size(); i++) {
            checkKeywords(value.get(i), here + "/" + i);
          }
        }
        case "$ref" -> checkReference(value, here);
        case "type" -> (value.isArray() ? value : List.of(value)).forEach(t -> require(
            t.isTextual() && TYPES.contains(t.asText()), here, "unknown type " + t));
        case "pattern" -> {
          try {
            Pattern.compile(value.asText());
          } catch (PatternSyntaxException e) {
            throw unsupported(here, "pattern does not compile: " + e.getDescription());
          }
        }
        default -> { }
      }
    });
  }

  /** Local references only (nothing is fetched), to something, and never in a loop. */
  private void checkReference(JsonNode ref, String at) {
    require(ref.isTextual() && ref.asText().startsWith("#/"), at,
        "only references to local definitions (#/...) are supported");
    Set<String> seen = new HashSet<>();
    String next = ref.asText();
    while (next != null) {
      require(seen.add(next), at, "the references " + seen + " form a loop");
      JsonNode target = root.at(next.substring(1));
      require(!target.isMissingNode(), at, "points at nothing: " + next);
      next = target.has("$ref") ? target.get("$ref").asText() : null;
    }
  }

  private static void require(boolean condition, String at, String what) {
    if (!condition) {
      throw unsupported(at, what);
    }
  }

  private static IllegalStateException unsupported(String at, String what) {
    return new IllegalStateException("policy schema " + at + ": " + what);
  }
}
