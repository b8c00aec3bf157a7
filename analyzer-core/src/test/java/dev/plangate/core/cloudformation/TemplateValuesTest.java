package dev.plangate.core.cloudformation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * How template values compare, hash and print: CloudFormation's view of equality (a number and
 * its text are one value, a boolean and its text in any case too) decides whether a diff reports
 * a change at all, so a wrong "same" would hide a replacement.
 */
class TemplateValuesTest {

  @Test
  void scalarsPrintWithoutTrailingZerosAndBooleansInLowerCase() {
    assertThat(TemplateValues.scalarText(new BigDecimal("10.500"))).isEqualTo("10.5");
    assertThat(TemplateValues.scalarText(new BigDecimal("1E+3"))).isEqualTo("1000");
    assertThat(TemplateValues.scalarText(1.50d)).isEqualTo("1.5");
    assertThat(TemplateValues.scalarText(2.0f)).isEqualTo("2");
    assertThat(TemplateValues.scalarText(7)).isEqualTo("7");
    assertThat(TemplateValues.scalarText(Boolean.TRUE)).isEqualTo("true");
    assertThat(TemplateValues.scalarText("010")).isEqualTo("010");
  }

  @Test
  void aNumberAndItsTextAreTheSameValueButDifferentNumbersAreNot() {
    assertThat(TemplateValues.same(10, "10")).isTrue();
    assertThat(TemplateValues.same("10", 10)).isTrue();
    assertThat(TemplateValues.same(1.0d, 1)).isTrue();
    assertThat(TemplateValues.same(new BigDecimal("1.0"), "1")).isTrue();
    assertThat(TemplateValues.same(10, " 10 ")).isTrue();
    assertThat(TemplateValues.same(10, "11")).isFalse();
    assertThat(TemplateValues.same(10, 11)).isFalse();
    assertThat(TemplateValues.same(10, "ten")).isFalse();
    assertThat(TemplateValues.same("ten", 10)).isFalse();
    // two texts compare as written: YAML 010 and 10 differ
    assertThat(TemplateValues.same("010", "10")).isFalse();
    assertThat(TemplateValues.same("a", "a")).isTrue();
    assertThat(TemplateValues.same("a", "b")).isFalse();
  }

  @Test
  void textOfAThousandCharactersIsStillReadAsANumberButLongerTextIsNot() {
    String thousand = "0".repeat(999) + "1";
    String longer = "0".repeat(1000) + "1";
    assertThat(TemplateValues.same(1, thousand)).isTrue();
    assertThat(TemplateValues.same(1, longer)).isFalse();
    assertThat(TemplateValues.same(longer, 1)).isFalse();
  }

  @Test
  void aBooleanAndItsTextInAnyCaseAreTheSameValue() {
    assertThat(TemplateValues.same(true, "True")).isTrue();
    assertThat(TemplateValues.same("TRUE", true)).isTrue();
    assertThat(TemplateValues.same(false, "false")).isTrue();
    assertThat(TemplateValues.same(false, "true")).isFalse();
    assertThat(TemplateValues.same(true, false)).isFalse();
    // text and text keep their case: only a boolean makes the comparison case-blind
    assertThat(TemplateValues.same("True", "true")).isFalse();
  }

  @Test
  void nullIsOnlyTheSameAsNull() {
    assertThat(TemplateValues.same(null, null)).isTrue();
    assertThat(TemplateValues.same(null, "x")).isFalse();
    assertThat(TemplateValues.same("x", null)).isFalse();
    assertThat(TemplateValues.same(Map.of("a", 1), null)).isFalse();
  }

  @Test
  void mappingsCompareByKeysAndValuesWhateverTheirOrder() {
    Map<String, Object> ab = new LinkedHashMap<>();
    ab.put("a", 1);
    ab.put("b", List.of("x", true));
    Map<String, Object> ba = new LinkedHashMap<>();
    ba.put("b", List.of("x", "True"));
    ba.put("a", "1");
    assertThat(TemplateValues.same(ab, ba)).isTrue();
    assertThat(TemplateValues.same(ab, Map.of("a", 1))).isFalse();
    assertThat(TemplateValues.same(ab, Map.of("a", 1, "c", List.of("x", true)))).isFalse();
    assertThat(TemplateValues.same(ab, Map.of("a", 2, "b", List.of("x", true)))).isFalse();
    assertThat(TemplateValues.same(ab, Map.of("a", 1, "b", List.of("x", false)))).isFalse();
  }

  @Test
  void listsCompareInOrderAndByLength() {
    assertThat(TemplateValues.same(List.of("a", 1), List.of("a", "1"))).isTrue();
    assertThat(TemplateValues.same(List.of("a", "b"), List.of("b", "a"))).isFalse();
    assertThat(TemplateValues.same(List.of("a"), List.of("a", "a"))).isFalse();
    assertThat(TemplateValues.same(List.of("a", "a"), List.of("a"))).isFalse();
    assertThat(TemplateValues.same(List.of(), List.of())).isTrue();
  }

  @Test
  void aMappingAListAndAScalarAreNeverTheSame() {
    assertThat(TemplateValues.same(Map.of(), List.of())).isFalse();
    assertThat(TemplateValues.same(List.of(), Map.of())).isFalse();
    assertThat(TemplateValues.same(Map.of("Ref", "A"), "A")).isFalse();
    assertThat(TemplateValues.same("A", Map.of("Ref", "A"))).isFalse();
    assertThat(TemplateValues.same(List.of("1"), 1)).isFalse();
    assertThat(TemplateValues.same(1, List.of(1))).isFalse();
    assertThat(TemplateValues.same(List.of("true"), true)).isFalse();
  }

  @Test
  void sharedComparisonAgreesWithThePlainOne() {
    Map<String, Object> condition = Map.of("Fn::Equals", List.of(Map.of("Ref", "Env"), "prod"));
    Map<String, Object> same = Map.of("Fn::Equals", List.of(Map.of("Ref", "Env"), "prod"));
    Map<String, Object> other = Map.of("Fn::Equals", List.of(Map.of("Ref", "Env"), "dev"));
    assertThat(TemplateValues.sameShared(condition, same)).isTrue();
    assertThat(TemplateValues.sameShared(condition, other)).isFalse();
    assertThat(TemplateValues.sameShared(List.of(condition, condition), List.of(same, other)))
        .isFalse();
    assertThat(TemplateValues.sameShared(List.of(condition, condition), List.of(same, same)))
        .isTrue();
    assertThat(TemplateValues.sameShared(List.of(10, "x"), List.of("10", "x"))).isTrue();
    assertThat(TemplateValues.sameShared("x", "y")).isFalse();
    assertThat(TemplateValues.sameShared(null, List.of())).isFalse();
  }

  /**
   * A condition named wherever it is used is one shared tree: sixty levels that each use the one
   * below twice stand for 2^60 leaves, and must still compare at once.
   */
  @Test
  void sharedTreesCompareInTimeOfTheirSizeNotOfWhatTheyStandFor() {
    Object a = "leaf";
    Object b = "leaf";
    for (int i = 0; i < 60; i++) {
      a = List.of(a, Map.of("Fn::Not", List.of(a)));
      b = List.of(b, Map.of("Fn::Not", List.of(b)));
    }
    Object x = a;
    Object y = b;
    Object differentLeaf = "other";
    for (int i = 0; i < 60; i++) {
      differentLeaf = List.of(differentLeaf, Map.of("Fn::Not", List.of(differentLeaf)));
    }
    Object z = differentLeaf;
    Object mapsA = "leaf";
    Object mapsB = "leaf";
    Object listsA = "leaf";
    Object listsB = "leaf";
    for (int i = 0; i < 60; i++) {
      mapsA = Map.of("Fn::And", mapsA, "Fn::Or", mapsA);
      mapsB = Map.of("Fn::And", mapsB, "Fn::Or", mapsB);
      listsA = List.of(listsA, listsA);
      listsB = List.of(listsB, listsB);
    }
    Object[] only = {mapsA, mapsB, listsA, listsB};
    assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
      assertThat(TemplateValues.sameShared(x, y)).isTrue();
      assertThat(TemplateValues.sameShared(x, z)).isFalse();
      assertThat(TemplateValues.sameShared(only[0], only[1])).as("mappings only").isTrue();
      assertThat(TemplateValues.sameShared(only[2], only[3])).as("lists only").isTrue();
    });
  }

  @Test
  void valuesThatAreTheSameHashAlike() {
    assertThat(TemplateValues.sameHash(10)).isEqualTo(TemplateValues.sameHash("10"));
    assertThat(TemplateValues.sameHash("10.0")).isEqualTo(TemplateValues.sameHash(10));
    assertThat(TemplateValues.sameHash(new BigDecimal("2.50")))
        .isEqualTo(TemplateValues.sameHash(2.5d));
    assertThat(TemplateValues.sameHash(true)).isEqualTo(TemplateValues.sameHash("True"));
    assertThat(TemplateValues.sameHash("FALSE")).isEqualTo(TemplateValues.sameHash(false));
    assertThat(TemplateValues.sameHash(Map.of("a", 1, "b", "x")))
        .isEqualTo(TemplateValues.sameHash(new LinkedHashMap<>(Map.of("b", "x", "a", "1"))));
    assertThat(TemplateValues.sameHash(List.of(1, "true")))
        .isEqualTo(TemplateValues.sameHash(List.of("1", true)));
  }

  @Test
  void valuesThatDifferMostlyHashApart() {
    // only true and false are case-blind; other text is compared, and hashed, as written
    assertThat(TemplateValues.sameHash("Yes")).isNotEqualTo(TemplateValues.sameHash("yes"));
    assertThat(TemplateValues.sameHash(List.of("a", "b")))
        .isNotEqualTo(TemplateValues.sameHash(List.of("b", "a")));
    assertThat(TemplateValues.sameHash(List.of("a")))
        .isNotEqualTo(TemplateValues.sameHash(List.of("b")));
    assertThat(TemplateValues.sameHash(Map.of("a", "x")))
        .isNotEqualTo(TemplateValues.sameHash(Map.of("a", "y")));
    assertThat(TemplateValues.sameHash(1)).isNotEqualTo(TemplateValues.sameHash(2));
    assertThat(TemplateValues.sameHash(Map.of())).isNotEqualTo(TemplateValues.sameHash(List.of()));
    assertThat(TemplateValues.sameHash(List.of())).isNotEqualTo(TemplateValues.sameHash(null));
    assertThat(TemplateValues.sameHash(Map.of())).isNotEqualTo(TemplateValues.sameHash(null));
  }

  @Test
  void dependsOnIgnoresOrderDuplicatesAndTheSingleNameForm() {
    assertThat(TemplateValues.sameDependsOn("A", List.of("A"))).isTrue();
    assertThat(TemplateValues.sameDependsOn(List.of("A", "B"), List.of("B", "A", "A"))).isTrue();
    assertThat(TemplateValues.sameDependsOn("A", "B")).isFalse();
    assertThat(TemplateValues.sameDependsOn(List.of("A"), List.of("A", "B"))).isFalse();
    assertThat(TemplateValues.sameDependsOn(null, List.of())).isTrue();
    assertThat(TemplateValues.sameDependsOn(null, "A")).isFalse();
  }

  @Test
  void jsonIsCompactInPythonsDefaultStyle() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("Fn::Sub", "${AWS::StackName}-vpc");
    m.put("n", List.of(1, new BigDecimal("2.50"), true));
    m.put("none", null);
    m.put("empty", List.of());
    assertThat(TemplateValues.json(m)).isEqualTo(
        "{\"Fn::Sub\": \"${AWS::StackName}-vpc\", \"n\": [1, 2.5, true], \"none\": null,"
            + " \"empty\": []}");
    assertThat(TemplateValues.json(Map.of("Fn::Sub", "x"))).isEqualTo("{\"Fn::Sub\": \"x\"}");
    assertThat(TemplateValues.json(Map.of())).isEqualTo("{}");
    assertThat(TemplateValues.json(Arrays.asList("a", null))).isEqualTo("[\"a\", null]");
  }

  @Test
  void jsonEscapesQuotesBackslashesControlAndNonAsciiCharacters() {
    assertThat(TemplateValues.json("a\"b\\c\nd\re\tf")).isEqualTo("\"a\\\"b\\\\c\\nd\\re\\tf\"");
    assertThat(TemplateValues.json("\u0001\u001f \u007e\u007f\u00e9"))
        .isEqualTo("\"\\u0001\\u001f ~\\u007f\\u00e9\"");
  }
}
