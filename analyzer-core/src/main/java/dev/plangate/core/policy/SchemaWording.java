package dev.plangate.core.policy;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.ValidationMessage;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;

/**
 * plangate's sentences for schema violations, one per keyword the shipped schema uses: the
 * validator says "string found, integer expected"; a person editing {@code .plangate.yml} reads
 * {@code "approval.label" must be a string, not the number 123 (put it in quotes to make it a
 * string)}. Subjects are dotted paths ({@code waivers[0].expires}), values are described as
 * YAML wrote them, and what a schema accepts is said in words, following local references.
 */
final class SchemaWording {
  private final JsonNode root;

  SchemaWording(JsonNode root) {
    this.root = root;
  }

  static String subject(String path) {
    return path.isEmpty() ? "the policy file" : YamlValues.quote(path);
  }

  /**
   * The sentence for a keyword that judges one value by itself (type, enum, lengths, required,
   * ...); in the validator's words, after the subject, for any other.
   */
  String sentence(ValidationMessage m, String path, Node node, JsonNode schema) {
    String subject = subject(path);
    String not = ", not " + YamlValues.describe(node);
    int limit = schema.path(m.getType()).asInt();
    return switch (m.getType()) {
      case "type" -> subject + " must be " + expected(schema) + not + hint(node, schema);
      case "const" -> subject + " must be " + show(schema.get("const")) + not;
      case "enum" -> subject + " must be " + oneOf(schema.get("enum")) + not
          + suggestion(node, schema.get("enum"));
      case "minLength" -> subject + (limit == 1 ? " must not be empty"
          : " must be at least " + limit + " characters long, not " + length(node));
      case "maxLength" -> subject + " must be at most " + limit + " characters long, not "
          + length(node);
      case "pattern" -> subject + " must match " + schema.get("pattern").asText()
          + (schema.has("examples") && schema.get("examples").size() > 0
              ? " (for example " + show(schema.get("examples").get(0)) + ")" : "") + not;
      case "minItems" -> subject + " must list at least "
          + (limit == 1 ? "one value" : limit + " values");
      case "required" -> subject + " is missing the required key "
          + YamlValues.quote(m.getProperty());
      default -> subject + ": " + theirWords(m);
    };
  }

  /** networknt's own message without its location prefix; used only where wording is missing. */
  static String theirWords(ValidationMessage m) {
    String text = m.getMessage();
    String prefix = m.getInstanceLocation() + ": ";
    return text.startsWith(prefix) ? text.substring(prefix.length()) : text;
  }

  static String repeated(String path, Node item) {
    return subject(path) + " lists " + YamlValues.describe(item) + " more than once";
  }

  static String unknownKey(String key, String path, JsonNode properties) {
    List<String> known = properties.propertyStream().map(Map.Entry::getKey).toList();
    String message = "unknown key " + YamlValues.quote(key)
        + (path.isEmpty() ? "" : " in " + YamlValues.quote(path));
    String close = didYouMean(key, known);
    if (!close.isEmpty()) {
      return message + close;
    }
    return known.isEmpty() ? message + "; no keys are allowed here"
        : message + "; the keys allowed here are " + String.join(", ", known);
  }

  /** Every branch of anyOf/oneOf failed, and each branch only required one key. */
  static String needsOneOf(String path, List<String> keys) {
    return subject(path) + " needs "
        + (keys.size() == 2 ? quoted(keys, "or") : "one of " + quoted(keys, "or"));
  }

  /** oneOf matched more than once because the mapping has several of the alternative keys. */
  static String onlyOneOf(String path, List<String> present, List<String> keys) {
    return subject(path) + " has "
        + (present.size() == 2 ? "both " + quoted(present, "and") : quoted(present, "and"))
        + "; give only one of " + String.join(", ", keys);
  }

  static String moreThanOne(String path) {
    return subject(path) + " matches more than one alternative";
  }

  /**
   * The keys when every branch is just {@code {"required": [key]}}: the schema's way of saying
   * "one of these keys", which deserves a sentence rather than a list of branch failures.
   */
  static List<String> requiredOnlyKeys(JsonNode branches) {
    List<String> keys = new ArrayList<>();
    for (JsonNode b : branches) {
      List<String> assertions = b.propertyStream().map(Map.Entry::getKey)
          .filter(k -> !PolicySchema.ANNOTATIONS.contains(k)).toList();
      if (!assertions.equals(List.of("required")) || b.get("required").size() != 1) {
        return null;
      }
      keys.add(b.get("required").get(0).asText());
    }
    return keys;
  }

  // ---- what a schema accepts, in words ---------------------------------------------------

  /** "a list of strings", "one of warn, pass", "true or false". */
  private String expected(JsonNode schema) {
    if (schema.has("const")) {
      return show(schema.get("const"));
    }
    if (schema.has("enum")) {
      return oneOf(schema.get("enum"));
    }
    if (!schema.has("type") && schema.has("$ref")) {
      return expected(resolve(schema));
    }
    JsonNode type = schema.get("type");
    if (type == null) {
      return "a valid value";
    }
    Stream<JsonNode> types = type.isArray() ? type.valueStream() : Stream.of(type);
    return types.map(t -> typeName(t.asText(), schema)).collect(Collectors.joining(" or "));
  }

  private static final Map<String, String> TYPE_NAMES = Map.of("object", "a mapping", "array",
      "a list", "string", "a string", "integer", "an integer", "number", "a number", "boolean",
      "true or false");
  private static final Map<String, String> PLURALS = Map.of("object", "mappings", "array",
      "lists", "string", "strings", "integer", "integers", "number", "numbers", "boolean",
      "booleans");

  private String typeName(String type, JsonNode schema) {
    if ("array".equals(type) && schema.has("items")) {
      return "a list of " + plural(schema.get("items"));
    }
    return TYPE_NAMES.getOrDefault(type, "empty");
  }

  private String plural(JsonNode items) {
    if (!items.has("type") && items.has("$ref")) {
      return plural(resolve(items));
    }
    if (items.has("enum")) {
      return join(items.get("enum").valueStream().map(JsonNode::asText).toList(), "or");
    }
    return PLURALS.getOrDefault(items.path("type").asText(""), "values");
  }

  /** A short way out of the most common type mistakes. */
  private static String hint(Node node, JsonNode schema) {
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

  /** For a string that is none of the allowed values: the one it was probably meant to be. */
  private static String suggestion(Node node, JsonNode values) {
    String typed = YamlValues.string(node);
    if (typed == null) {
      return "";
    }
    return didYouMean(typed, values.valueStream().map(JsonNode::asText).toList());
  }

  private static String didYouMean(String typed, List<String> known) {
    return DidYouMean.closest(typed, known).map(s -> " (did you mean " + YamlValues.quote(s)
        + "?)").orElse("");
  }

  private JsonNode resolve(JsonNode schema) {
    return root.at(schema.get("$ref").asText().substring(1));
  }

  private static int length(Node node) {
    String text = ((ScalarNode) node).getValue();
    return text.codePointCount(0, text.length());
  }

  private static String oneOf(JsonNode values) {
    List<String> names = values.valueStream()
        .map(v -> v.isTextual() ? v.asText() : v.toString()).toList();
    return names.size() == 1 ? names.get(0) : "one of " + String.join(", ", names);
  }

  private static String show(JsonNode value) {
    return value.isTextual() ? YamlValues.quote(value.asText()) : value.toString();
  }

  private static String quoted(List<String> keys, String conjunction) {
    return join(keys.stream().map(YamlValues::quote).toList(), conjunction);
  }

  /** "a", "a or b", "a, b or c". */
  private static String join(List<String> items, String conjunction) {
    int last = items.size() - 1;
    return last == 0 ? items.get(0) : String.join(", ", items.subList(0, last)) + " "
        + conjunction + " " + items.get(last);
  }
}
