package dev.plangate.core.audit;

import static dev.plangate.core.audit.AuditTestData.entry;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.plangate.core.audit.AuditLine.AuditLineException;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Reading one audit line back: a line that is JSON but not an audit line is refused naming the
 * field, so a forged or damaged entry can never be read as a different decision.
 */
class AuditLineParseTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String PREV = AuditLog.GENESIS;

  /** A valid line for entry 1, changed by {@code edit}, as text. */
  private static String edited(Consumer<ObjectNode> edit) throws Exception {
    ObjectNode node = (ObjectNode) JSON.readTree(new AuditLine(1, PREV, entry(1)).toJson());
    edit.accept(node);
    return JSON.writeValueAsString(node);
  }

  private static String problem(Consumer<ObjectNode> edit) throws Exception {
    String line = edited(edit);
    try {
      AuditLine.parse(line);
    } catch (AuditLineException e) {
      assertThat(e.json()).as("JSON, but not an audit line").isFalse();
      return e.getMessage();
    }
    throw new AssertionError("accepted: " + line);
  }

  @Test
  void aValidLineReadsBackAsWritten() throws Exception {
    AuditLine line = new AuditLine(7, PREV, entry(1));
    assertThat(AuditLine.parse(line.toJson())).isEqualTo(line);
    assertThat(AuditLine.parse(edited(n -> { }))).isEqualTo(new AuditLine(1, PREV, entry(1)));
  }

  @Test
  void seqMustBeAWholeNumberOfOneOrMore() throws Exception {
    assertThat(problem(n -> n.remove("seq"))).isEqualTo("seq is missing or not a whole number");
    assertThat(problem(n -> n.put("seq", "1"))).isEqualTo("seq is missing or not a whole number");
    assertThat(problem(n -> n.put("seq", 1.5))).isEqualTo("seq is missing or not a whole number");
    assertThat(problem(n -> n.put("seq", 0))).isEqualTo("seq is 0, not 1 or more");
    assertThat(problem(n -> n.put("seq", -3))).isEqualTo("seq is -3, not 1 or more");
    assertThat(problem(n -> n.put("seq", new java.math.BigInteger("99999999999999999999"))))
        .isEqualTo("seq is missing or not a whole number");
  }

  @Test
  void prevMustBeALowerCaseSha256() throws Exception {
    assertThat(problem(n -> n.put("prev", PREV.toUpperCase())))
        .isEqualTo("prev is not 64 lower-case hex digits");
    assertThat(problem(n -> n.put("prev", PREV.substring(1))))
        .isEqualTo("prev is not 64 lower-case hex digits");
    assertThat(problem(n -> n.remove("prev"))).isEqualTo("prev is missing");
    assertThat(problem(n -> n.put("prev", 5))).isEqualTo("prev is not a string");
  }

  @Test
  void timeMustBeAnInstant() throws Exception {
    assertThat(problem(n -> n.put("time", "yesterday")))
        .isEqualTo("time is not an ISO-8601 UTC instant");
    assertThat(problem(n -> n.putNull("time"))).isEqualTo("time is missing");
  }

  @ParameterizedTest
  @ValueSource(strings = {"source", "command", "decision"})
  void requiredTextFieldsMustBeThere(String field) throws Exception {
    assertThat(problem(n -> n.remove(field))).isEqualTo(field + " is missing");
    assertThat(problem(n -> n.put(field, true))).isEqualTo(field + " is not a string");
  }

  @ParameterizedTest
  @ValueSource(strings = {"agent", "fingerprint", "approvedBy", "reason"})
  void optionalTextFieldsMayBeNullButNotAnotherType(String field) throws Exception {
    assertThat(AuditLine.parse(edited(n -> n.putNull(field))).entry().toString())
        .contains(field + "=null");
    assertThat(problem(n -> n.put(field, 3))).isEqualTo(field + " is not a string");
  }

  @Test
  void findingsMayBeNullOrAnObjectWithItsAddressesAndCounts() throws Exception {
    assertThat(AuditLine.parse(edited(n -> n.putNull("findings"))).entry().findings()).isNull();
    assertThat(problem(n -> n.put("findings", "2 destroyed")))
        .isEqualTo("findings is not an object");
    assertThat(problem(n -> ((ObjectNode) n.get("findings")).remove("addresses")))
        .isEqualTo("findings.addresses is not an array");
    assertThat(problem(n -> ((ObjectNode) n.get("findings")).put("addresses", "a")))
        .isEqualTo("findings.addresses is not an array");
    assertThat(problem(n -> ((ArrayNode) n.get("findings").get("addresses")).add(4)))
        .isEqualTo("findings.addresses holds a non-string");
    assertThat(problem(n -> {
      ArrayNode a = (ArrayNode) n.get("findings").get("addresses");
      for (int i = a.size(); i <= AuditEntry.Findings.MAX_ADDRESSES; i++) {
        a.add("aws_instance.n[" + i + "]");
      }
    })).isEqualTo("findings.addresses holds more than 20 addresses");
  }

  @Test
  void twentyAddressesAreStillAFindingsSummary() throws Exception {
    AuditLine line = AuditLine.parse(edited(n -> {
      ArrayNode a = (ArrayNode) n.get("findings").get("addresses");
      for (int i = a.size(); i < AuditEntry.Findings.MAX_ADDRESSES; i++) {
        a.add("aws_instance.n[" + i + "]");
      }
    }));
    assertThat(line.entry().findings().addresses()).hasSize(20);
    assertThat(line.entry().findings().moreAddresses()).isZero();
  }

  @ParameterizedTest
  @ValueSource(strings = {"destroy", "replace", "forget", "critical", "moreAddresses"})
  void everyCountMustBeAWholeNumberOfZeroOrMore(String field) throws Exception {
    String expected = "findings." + field + " is missing or not a whole number >= 0";
    assertThat(problem(n -> ((ObjectNode) n.get("findings")).remove(field))).isEqualTo(expected);
    assertThat(problem(n -> ((ObjectNode) n.get("findings")).put(field, -1))).isEqualTo(expected);
    assertThat(problem(n -> ((ObjectNode) n.get("findings")).put(field, 1.5)))
        .isEqualTo(expected);
    assertThat(problem(n -> ((ObjectNode) n.get("findings")).put(field, 3_000_000_000L)))
        .isEqualTo(expected);
    assertThat(AuditLine.parse(edited(n -> ((ObjectNode) n.get("findings")).put(field, 0)))
        .entry().findings()).isNotNull();
  }

  @Test
  void anUnknownSourceOrDecisionIsNotAnAuditLine() throws Exception {
    assertThat(problem(n -> n.put("source", "cron"))).isEqualTo("unknown audit source 'cron';"
        + " expected one of [agent-hook, apply, check]");
  }

  @Test
  void aLineIsConstructedOnlyWithAPositionAndAChainHash() {
    assertThatThrownBy(() -> new AuditLine(0, PREV, entry(1)))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("seq must be 1 or more");
    assertThatThrownBy(() -> new AuditLine(1, "abc", entry(1)))
        .hasMessage("prev must be 64 lower-case hex digits");
    assertThatThrownBy(() -> new AuditLine(1, null, entry(1)))
        .hasMessage("prev must be 64 lower-case hex digits");
    assertThat(new AuditLine(1, PREV, entry(1)).seq()).isEqualTo(1);
  }

  @Test
  void deleteAndEveryNonAsciiCharacterAreEscapedSoTheLineIsPlainAscii() {
    String json = new AuditLine(1, PREV, entry(1).withReason("a\u007fb\u00e9c\u2028d")).toJson();
    assertThat(json).contains("a\\u007Fb\\u00E9c\\u2028d");
    assertThat(json.chars().allMatch(c -> c >= 0x20 && c < 0x7f)).isTrue();
  }

  @Test
  void aLineHashesToTheSha256OfItsBytes() {
    AuditLine line = new AuditLine(1, PREV, entry(1));
    assertThat(line.hash()).isEqualTo(AuditLog.sha256(
        line.toJson().getBytes(java.nio.charset.StandardCharsets.US_ASCII)));
    assertThat(AuditLog.sha256(new byte[0])).isEqualTo(AuditLog.GENESIS);
  }
}
