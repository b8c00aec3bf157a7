package dev.plangate.core.policy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * The shipped schema: valid JSON, only keywords the adapter words, help text on every key
 * for editors, closed objects everywhere, and in step with the example and the documentation.
 */
class PolicySchemaTest {
  private static final JsonNode SCHEMA = PolicySchema.readBuiltinSchema();

  static Path docs(String name) {
    Path root = Path.of(System.getProperty("plangate.root", ".."));
    Path p = root.resolve("docs").resolve(name);
    return Files.exists(p) ? p : Path.of("..", "docs", name);
  }

  @Test
  void isStrictJsonAndDeclaresDraft2020_12() throws Exception {
    ObjectMapper strict = new ObjectMapper()
        .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
        .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
    try (InputStream in = PolicyLoader.class.getResourceAsStream(PolicyLoader.SCHEMA_RESOURCE)) {
      assertThat(in).as(PolicyLoader.SCHEMA_RESOURCE).isNotNull();
      JsonNode schema = strict.readTree(in);
      assertThat(schema.get("$schema").asText())
          .isEqualTo("https://json-schema.org/draft/2020-12/schema");
      assertThat(schema).isEqualTo(SCHEMA);
    }
  }

  @Test
  void usesOnlyKeywordsTheValidatorSupports() {
    Set<String> supported = new HashSet<>(PolicySchema.WORDED);
    supported.addAll(PolicySchema.ANNOTATIONS);
    assertThat(keywordsIn(SCHEMA)).isSubsetOf(supported);
    assertThat(PolicySchema.builtin()).isNotNull();
  }

  /**
   * Every assertion the shipped schema makes, violated once, comes out in plangate's words at
   * the value's place. A keyword the adapter had no sentence for would come out as the subject
   * and networknt's own words after a colon; a keyword added to the schema without a sample
   * here fails this test too.
   */
  @Test
  void everyKeywordTheSchemaUsesIsWordedByPlangate() throws Exception {
    Map<String, String> violations = new TreeMap<>(Map.ofEntries(
        Map.entry("type", "plans: {a: b}\n"),
        Map.entry("const", "version: 2\n"),
        Map.entry("enum", "humanOnly: maybe\n"),
        Map.entry("minLength", "planCommand: \"\"\n"),
        Map.entry("pattern", "signals: [{agent: a, env: \"1x\"}]\n"),
        Map.entry("minItems", "protect: [{type: x, actions: []}]\n"),
        Map.entry("uniqueItems", "approval: {actions: [delete, delete]}\n"),
        Map.entry("required", "waivers: [{address: a, reason: r}]\n"),
        Map.entry("additionalProperties", "approval: {colour: red}\n"),
        Map.entry("anyOf", "protect: [{reason: r}]\n"),
        Map.entry("oneOf", "signals: [{agent: a}]\n"),
        Map.entry("items", "plans: [1]\n"),
        Map.entry("properties", "approval: {label: 1}\n"),
        Map.entry("$ref", "approval: {actions: delete}\n")));
    Set<String> assertions = new TreeSet<>(keywordsIn(SCHEMA));
    assertions.removeAll(PolicySchema.ANNOTATIONS);
    assertThat(violations.keySet()).containsAll(assertions);
    for (Map.Entry<String, String> v : violations.entrySet()) {
      List<Problem> problems = PolicySchema.builtin().validate(SafeYaml.compose(v.getValue()));
      assertThat(problems).as(v.getKey()).hasSize(1);
      assertThat(problems.get(0).message()).as(v.getKey())
          .doesNotMatch("^(\"[^\"]*\"|the policy file): .*");
      assertThat(problems.get(0).line() + problems.get(0).column()).as(v.getKey())
          .isGreaterThan(2);
    }
  }

  /** Every keyword used anywhere in a schema, annotations included. */
  static Set<String> keywordsIn(JsonNode schema) {
    Set<String> out = new TreeSet<>();
    collectKeywords(schema, out);
    return out;
  }

  private static void collectKeywords(JsonNode schema, Set<String> out) {
    if (!schema.isObject()) {
      return;
    }
    schema.fieldNames().forEachRemaining(out::add);
    for (String k : List.of("properties", "$defs", "anyOf", "oneOf")) {
      if (schema.has(k)) {
        schema.get(k).forEach(s -> collectKeywords(s, out));
      }
    }
    for (String k : List.of("items", "additionalProperties")) {
      if (schema.has(k)) {
        collectKeywords(schema.get(k), out);
      }
    }
  }

  @Test
  void everyKeyHasATitleAndADescriptionForEditors() {
    List<String> missing = new ArrayList<>();
    forEachSchema(SCHEMA, "#", (schema, at) -> {
      if (!schema.has("title") || !schema.has("description")) {
        missing.add(at);
      }
    });
    assertThat(missing).isEmpty();
  }

  @Test
  void everyObjectIsClosed() {
    List<String> open = new ArrayList<>();
    forEachSchema(SCHEMA, "#", (schema, at) -> {
      if ("object".equals(schema.path("type").asText())
          && !schema.path("additionalProperties").isBoolean()) {
        open.add(at);
      }
    });
    assertThat(open).isEmpty();
  }

  @Test
  void theExampleValidatesWithNoErrors() throws Exception {
    String example = Files.readString(docs("plangate.example.yml"));
    Node document = SafeYaml.compose(example);
    assertThat(PolicySchema.builtin().validate(document)).isEmpty();
    PolicyLoader.parse(example, "plangate.example.yml");
  }

  @Test
  void theExampleUsesEveryKeyTheSchemaDefines() throws Exception {
    Node document = SafeYaml.compose(Files.readString(docs("plangate.example.yml")));
    Set<String> used = new TreeSet<>();
    collectKeys(document, "", used);
    assertThat(used).isEqualTo(schemaKeys(SCHEMA, ""));
  }

  @Test
  void theExampleNamesTheSchemaForEditors() throws Exception {
    String example = Files.readString(docs("plangate.example.yml"));
    String line = example.lines().findFirst().orElseThrow();
    assertThat(line).startsWith("# yaml-language-server: $schema=");
    Path schema = docs("plangate.example.yml").getParent()
        .resolve(line.substring(line.indexOf('=') + 1)).normalize();
    assertThat(schema).exists();
  }

  @Test
  void theDocumentationCoversEveryKey() throws Exception {
    String doc = Files.readString(docs("policy.md"));
    for (String path : schemaKeys(SCHEMA, "")) {
      String key = path.substring(path.lastIndexOf('.') + 1);
      assertThat(doc).as(path).contains("`" + key + "`");
    }
    assertThat(doc).contains("# yaml-language-server: $schema=");
  }

  // ---- walking ------------------------------------------------------------------------------

  private interface SchemaVisitor {
    void visit(JsonNode schema, String at);
  }

  /** Visits every property schema and every definition. */
  private static void forEachSchema(JsonNode schema, String at, SchemaVisitor visitor) {
    schema.path("properties").fields().forEachRemaining(p -> {
      visitor.visit(p.getValue(), at + "/properties/" + p.getKey());
      forEachSchema(p.getValue(), at + "/properties/" + p.getKey(), visitor);
    });
    schema.path("$defs").fields().forEachRemaining(d -> {
      visitor.visit(d.getValue(), at + "/$defs/" + d.getKey());
      forEachSchema(d.getValue(), at + "/$defs/" + d.getKey(), visitor);
    });
    if (schema.has("items")) {
      if (schema.get("items").has("type")) {
        visitor.visit(schema.get("items"), at + "/items");
      }
      forEachSchema(schema.get("items"), at + "/items", visitor);
    }
  }

  /** Dotted key paths the schema allows, through lists ("protect.type"). */
  private static Set<String> schemaKeys(JsonNode schema, String prefix) {
    Set<String> out = new TreeSet<>();
    for (Map.Entry<String, JsonNode> p : iterable(schema.path("properties"))) {
      String path = prefix.isEmpty() ? p.getKey() : prefix + "." + p.getKey();
      out.add(path);
      JsonNode child = p.getValue();
      out.addAll(schemaKeys(child, path));
      if (child.has("items")) {
        out.addAll(schemaKeys(child.get("items"), path));
      }
    }
    return out;
  }

  private static Iterable<Map.Entry<String, JsonNode>> iterable(JsonNode node) {
    return node::fields;
  }

  private static void collectKeys(Node node, String prefix, Set<String> out) {
    if (node instanceof SequenceNode seq) {
      seq.getValue().forEach(item -> collectKeys(item, prefix, out));
    } else if (node instanceof MappingNode map) {
      for (NodeTuple t : map.getValue()) {
        String key = YamlValues.string(t.getKeyNode());
        String path = prefix.isEmpty() ? key : prefix + "." + key;
        out.add(path);
        collectKeys(t.getValueNode(), path, out);
      }
    }
  }
}
