package dev.plangate.core.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * plangate's sentences for networknt's messages on small schemas, keyword by keyword, at the
 * line and column of the value; and the schemas the adapter refuses to load.
 */
class SchemaWordingTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  static JsonNode schema(String json) throws Exception {
    return JSON.readTree(json.replace('\'', '"'));
  }

  static List<String> problems(String schemaJson, String yaml) throws Exception {
    PolicySchema v = PolicySchema.of(schema(schemaJson));
    return v.validate(SafeYaml.compose(yaml)).stream()
        .map(p -> p.line() + ":" + p.column() + ": " + p.message())
        .collect(Collectors.toList());
  }

  @Test
  void typeIncludingUnionsAndIntegersWrittenAsFloats() throws Exception {
    String s = "{'properties': {'a': {'type': ['string', 'null']}, 'n': {'type': 'integer'},"
        + " 'x': {'type': 'number'}}}";
    assertThat(problems(s, "a: ~\nn: 2.0\nx: 3\n")).isEmpty();
    assertThat(problems(s, "a: [1]\nn: 2.5\n")).containsExactly(
        "1:4: \"a\" must be a string or empty, not a list",
        "2:4: \"n\" must be an integer, not the number 2.5");
  }

  @Test
  void yamlIntegerFormsCompareAsNumbers() throws Exception {
    String s = "{'properties': {'v': {'const': 1}}}";
    assertThat(problems(s, "v: 1\n")).isEmpty();
    assertThat(problems(s, "v: 0x1\n")).isEmpty();
    assertThat(problems(s, "v: 1.0\n")).isEmpty();
    assertThat(problems(s, "v: true\n")).containsExactly("1:4: \"v\" must be 1, not the boolean"
        + " true");
    assertThat(problems(s, "v: .inf\n")).containsExactly("1:4: \"v\" must be 1, not the number"
        + " .inf");
  }

  @Test
  void enumWithSuggestion() throws Exception {
    String s = "{'properties': {'c': {'enum': ['red', 'green']}}}";
    assertThat(problems(s, "c: gren\n")).containsExactly(
        "1:4: \"c\" must be one of red, green, not \"gren\" (did you mean \"green\"?)");
  }

  @Test
  void stringKeywords() throws Exception {
    String s = "{'properties': {'s': {'type': 'string', 'minLength': 2, 'maxLength': 3,"
        + " 'pattern': '^[a-z]+$'}}}";
    assertThat(problems(s, "s: ab\n")).isEmpty();
    assertThat(problems(s, "s: a\n")).containsExactly(
        "1:4: \"s\" must be at least 2 characters long, not 1");
    assertThat(problems(s, "s: abcd\n")).containsExactly(
        "1:4: \"s\" must be at most 3 characters long, not 4");
    assertThat(problems(s, "s: A1\n")).containsExactly(
        "1:4: \"s\" must match ^[a-z]+$, not \"A1\"");
  }

  @Test
  void patternSearchesLikeJsonSchemaRatherThanMatchingWhole() throws Exception {
    String s = "{'properties': {'s': {'type': 'string', 'pattern': 'b'}}}";
    assertThat(problems(s, "s: abc\n")).isEmpty();
  }

  @Test
  void arrayKeywords() throws Exception {
    String s = "{'properties': {'l': {'type': 'array', 'minItems': 2, 'uniqueItems': true,"
        + " 'items': {'type': 'integer'}}}}";
    assertThat(problems(s, "l: [1, 2]\n")).isEmpty();
    assertThat(problems(s, "l: [1]\n")).containsExactly("1:4: \"l\" must list at least 2 values");
    assertThat(problems(s, "l: [1, 0x1, b]\n")).containsExactly(
        "1:8: \"l\" lists the number 0x1 more than once",
        "1:13: \"l[2]\" must be an integer, not \"b\"");
  }

  @Test
  void objectKeywords() throws Exception {
    String s = "{'type': 'object', 'required': ['id'], 'properties': {'id': {'type': 'string'}},"
        + " 'additionalProperties': {'type': 'integer'}}";
    assertThat(problems(s, "id: x\nextra: 1\n")).isEmpty();
    assertThat(problems(s, "extra: x\n")).containsExactly(
        "1:1: the policy file is missing the required key \"id\"",
        "1:8: \"extra\" must be an integer, not \"x\"");
  }

  @Test
  void refToDefinitions() throws Exception {
    String s = "{'properties': {'a': {'$ref': '#/$defs/name', 'title': 't'}},"
        + " '$defs': {'name': {'type': 'string', 'minLength': 1}}}";
    assertThat(problems(s, "a: ''\n")).containsExactly("1:4: \"a\" must not be empty");
    assertThat(problems(s, "a: []\n")).containsExactly("1:4: \"a\" must be a string, not a list");
  }

  @Test
  void anyOfReportsTheClosestBranch() throws Exception {
    String s = "{'properties': {'a': {'anyOf': [{'type': 'string', 'minLength': 3},"
        + " {'type': 'integer'}]}}}";
    assertThat(problems(s, "a: abc\n")).isEmpty();
    assertThat(problems(s, "a: 4\n")).isEmpty();
    assertThat(problems(s, "a: ab\n")).containsExactly(
        "1:4: \"a\" must be at least 3 characters long, not 2");
  }

  @Test
  void oneOfRejectsMatchingMoreThanOne() throws Exception {
    String s = "{'properties': {'a': {'oneOf': [{'type': 'integer'}, {'type': 'number'}]}}}";
    assertThat(problems(s, "a: 1.5\n")).isEmpty();
    assertThat(problems(s, "a: 1\n")).containsExactly(
        "1:4: \"a\" matches more than one alternative");
  }

  @Test
  void aValueOfTheWrongTypeIsReportedOnceNotAlsoAsMatchingEveryAlternative() throws Exception {
    String s = "{'properties': {'s': {'type': 'object', 'oneOf': [{'required': ['a']},"
        + " {'required': ['b']}]}, 'l': {'type': 'array', 'items': {'type': 'object',"
        + " 'oneOf': [{'required': ['a']}, {'required': ['b']}]}}}}";
    assertThat(problems(s, "s: x\nl: [y, {a: 1}, {a: 1, b: 2}]\n")).containsExactly(
        "1:4: \"s\" must be a mapping, not \"x\"",
        "2:5: \"l[0]\" must be a mapping, not \"y\"",
        "2:23: \"l[2]\" has both \"a\" and \"b\"; give only one of a, b");
  }

  @Test
  void lengthsCountCharactersNotUtf16Units() throws Exception {
    String s = "{'properties': {'s': {'type': 'string', 'minLength': 2, 'maxLength': 2}}}";
    assertThat(problems(s, "s: \"\uD83D\uDE00\"\n")).containsExactly(
        "1:4: \"s\" must be at least 2 characters long, not 1");
    assertThat(problems(s, "s: \"\uD83D\uDE00\uD83D\uDE00\"\n")).isEmpty();
  }

  @Test
  void keysThatJsonPointersEscapeAreFoundAgain() throws Exception {
    String s = "{'additionalProperties': {'type': 'integer'}}";
    assertThat(problems(s, "a/b: 1\n\"c~1\": x\nd~/e: [y]\n")).containsExactly(
        "2:8: \"c~1\" must be an integer, not \"x\"",
        "3:7: \"d~/e\" must be an integer, not a list");
  }

  /** 1.0e+999999999 as an exact integer would take gigabytes; it must still equal nothing. */
  @Test
  @Timeout(value = 20, unit = TimeUnit.SECONDS)
  void hugeNumbersAreNotExpandedAndEqualNothing() throws Exception {
    String s = "{'properties': {'v': {'type': 'integer', 'const': 1},"
        + " 'n': {'type': 'integer', 'enum': [1, 2]}, 'f': {'type': 'integer'}}}";
    List<String> out = problems(s, "v: 1.0e+999999999\nn: " + "1".repeat(45)
        + "\nf: 1.5e-999999999\n");
    assertThat(out).hasSize(3);
    assertThat(out.get(0)).isEqualTo("1:4: \"v\" must be 1, not the number 1.0e+999999999");
    assertThat(out.get(1)).startsWith("2:4: \"n\" must be one of 1, 2, not the number 1111");
    assertThat(out.get(2)).isEqualTo(
        "3:4: \"f\" must be an integer, not the number 1.5e-999999999");
  }

  @Test
  void refusesKeywordsItDoesNotKnow() {
    for (String keyword : List.of("if", "patternProperties", "dependentSchemas", "not",
        "maximum", "contains", "$dynamicRef", "unevaluatedProperties")) {
      assertThatThrownBy(() -> PolicySchema.of(schema("{'properties': {'a': {'" + keyword
          + "': {}}}}")))
          .as(keyword)
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("#/properties/a/" + keyword)
          .hasMessageContaining("keyword \"" + keyword + "\" is not supported");
    }
  }

  @Test
  void refusesFormsItDoesNotKnow() {
    assertThatThrownBy(() -> PolicySchema.of(schema("{'$ref': 'https://example.com/s'}")))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("only references to local");
    assertThatThrownBy(() -> PolicySchema.of(schema("{'$ref': '#/$defs/a', '$defs':"
        + " {'a': {'$ref': '#/$defs/b'}, 'b': {'$ref': '#/$defs/a'}}}")))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("form a loop");
    assertThatThrownBy(() -> PolicySchema.of(schema("{'$ref': '#/$defs/none'}")))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("points at nothing");
    assertThatThrownBy(() -> PolicySchema.of(schema("{'type': 'date'}")))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("unknown type");
    assertThatThrownBy(() -> PolicySchema.of(schema("{'pattern': '('}")))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("does not compile");
    assertThatThrownBy(() -> PolicySchema.of(schema("{'items': true}")))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("must be a JSON object");
  }

  @Test
  void everyAssertionKeywordHasACheck() throws Exception {
    // A keyword listed as supported but forgotten in the checker would be ignored: fail open.
    for (String keyword : PolicySchema.WORDED) {
      String value = switch (keyword) {
        case "type" -> "'string'";
        case "properties" -> "{}";
        case "additionalProperties", "uniqueItems" -> "false";
        case "required", "enum" -> "['a']";
        case "items" -> "{}";
        case "const" -> "1";
        case "pattern" -> "'a'";
        case "minLength", "maxLength", "minItems" -> "1";
        case "anyOf", "oneOf" -> "[{}]";
        case "$ref" -> "'#/$defs/x', '$defs': {'x': {}}";
        default -> throw new AssertionError("no sample value for " + keyword);
      };
      PolicySchema.of(schema("{'" + keyword + "': " + value + "}"));
    }
  }
}
