package dev.plangate.core.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * A catalogue document as plangate reads it, and each rule operator on the attributes a plan
 * gives: a rule that holds by mistake would call lost data recoverable.
 */
class CatalogRulesTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private static ResourceCatalog catalog(String json) throws Exception {
    return ResourceCatalog.parse(MAPPER.readTree(json));
  }

  private static final String DOC = """
      {"types": {
        "x_store": {"category": "database", "dataBearing": true, "recoverability": [
          {"when": [{"path": "protect", "is": true}], "recoverable": true, "because": "protected"},
          {"when": [{"path": "mode", "isNot": "keep"}, {"path": "backup.0.days", "lt": 1}],
           "recoverable": false, "because": "no backup"},
          {"when": [{"path": "backup.0.days", "gt": 6}], "recoverable": true, "because": "week"},
          {"when": [{"path": "snapshots", "empty": false}], "recoverable": true,
           "because": "snapshots"},
          {"when": [{"path": "snapshots", "empty": true}, {"path": "size", "is": 10}],
           "recoverable": false, "because": "ten"}
        ]},
        "x_topic": {"category": "topic"}
      }}
      """;

  private static Recoverability assess(Map<String, Object> before) throws Exception {
    return catalog(DOC).lookup("x_store").orElseThrow().assess(before);
  }

  @Test
  void aDocumentIsReadIntoEntriesWithTheirRulesInOrder() throws Exception {
    ResourceCatalog c = catalog(DOC);
    assertThat(c.size()).isEqualTo(2);
    CatalogEntry store = c.lookup("x_store").orElseThrow();
    assertThat(store.type()).isEqualTo("x_store");
    assertThat(store.category()).isEqualTo("database");
    assertThat(store.dataBearing()).isTrue();
    assertThat(store.rules()).extracting(RecoverabilityRule::because)
        .containsExactly("protected", "no backup", "week", "snapshots", "ten");
    assertThat(store.rules().get(1).when()).extracting(Condition::path, Condition::operator)
        .containsExactly(org.assertj.core.api.Assertions.tuple(List.of("mode"), "isNot"),
            org.assertj.core.api.Assertions.tuple(List.of("backup", "0", "days"), "lt"));
    CatalogEntry topic = c.lookup("x_topic").orElseThrow();
    assertThat(topic.dataBearing()).isFalse();
    assertThat(topic.rules()).isEmpty();
    assertThat(c.lookup("x_other")).isEmpty();
    assertThat(c.lookup(null)).isEmpty();
  }

  @Test
  void readersKeepTheTopLevelAttributeOfEveryRulePath() throws Exception {
    ResourceCatalog c = catalog(DOC);
    assertThat(c.rootAttributes("x_store"))
        .containsExactlyInAnyOrder("protect", "mode", "backup", "snapshots", "size");
    assertThat(c.rootAttributes("x_topic")).isEmpty();
    assertThat(c.rootAttributes("x_other")).isEmpty();
    assertThat(c.allRootAttributes()).isEqualTo(Set.of("protect", "mode", "backup",
        "snapshots", "size"));
  }

  @Test
  void theFirstRuleThatHoldsDecides() throws Exception {
    assertThat(assess(Map.of("protect", true, "mode", "drop", "backup", List.of(Map.of("days",
        0))))).isEqualTo(new Recoverability(true, "protected"));
    assertThat(assess(Map.of("mode", "drop", "backup", List.of(Map.of("days", 0)))))
        .isEqualTo(new Recoverability(false, "no backup"));
  }

  @Test
  void isNotNeedsTheAttributeToBeThere() throws Exception {
    // mode missing: nothing says it is not "keep", so the "no backup" rule does not hold
    assertThat(assess(Map.of("backup", List.of(Map.of("days", 0)))))
        .isEqualTo(Recoverability.UNKNOWN);
    assertThat(assess(Map.of("mode", "keep", "backup", List.of(Map.of("days", 0)))))
        .isEqualTo(Recoverability.UNKNOWN);
  }

  @Test
  void numbersCompareByValueWhateverTheirJsonType() throws Exception {
    assertThat(assess(Map.of("mode", "drop", "backup", List.of(Map.of("days", 0.0)))))
        .isEqualTo(new Recoverability(false, "no backup"));
    assertThat(assess(Map.of("backup", List.of(Map.of("days", 7L))))).isEqualTo(
        new Recoverability(true, "week"));
    assertThat(assess(Map.of("backup", List.of(Map.of("days", 6))))).isEqualTo(
        Recoverability.UNKNOWN);
    assertThat(assess(Map.of("mode", "drop", "backup", List.of(Map.of("days", 1)))))
        .isEqualTo(Recoverability.UNKNOWN);
    assertThat(assess(Map.of("snapshots", List.of(), "size", 10.0)))
        .isEqualTo(new Recoverability(false, "ten"));
    assertThat(assess(Map.of("snapshots", List.of(), "size", "10")))
        .isEqualTo(Recoverability.UNKNOWN);
  }

  @Test
  void aValueThatIsNotANumberIsNeitherGreaterNorLess() throws Exception {
    assertThat(assess(Map.of("mode", "drop", "backup", List.of(Map.of("days", "0")))))
        .isEqualTo(Recoverability.UNKNOWN);
    assertThat(assess(Map.of("backup", List.of(Map.of("days", "9")))))
        .isEqualTo(Recoverability.UNKNOWN);
    // a list index past the end, or a step into a scalar, finds nothing
    assertThat(assess(Map.of("mode", "drop", "backup", List.of()))).isEqualTo(
        Recoverability.UNKNOWN);
    assertThat(assess(Map.of("mode", "drop", "backup", "none"))).isEqualTo(
        Recoverability.UNKNOWN);
  }

  @Test
  void emptyMeansMissingOrAnEmptyStringListOrObject() throws Exception {
    for (Object empty : new Object[] {"", List.of(), Map.of()}) {
      assertThat(assess(Map.of("snapshots", empty, "size", 10)).because()).as("%s", empty)
          .isEqualTo("ten");
    }
    assertThat(assess(Map.of("size", 10)).because()).isEqualTo("ten");
    Map<String, Object> nullValue = new HashMap<>();
    nullValue.put("snapshots", null);
    nullValue.put("size", 10);
    assertThat(assess(nullValue).because()).isEqualTo("ten");
    for (Object full : new Object[] {"s", List.of(1), Map.of("a", 1)}) {
      assertThat(assess(Map.of("snapshots", full, "size", 10)).because()).as("%s", full)
          .isEqualTo("snapshots");
    }
  }

  @Test
  void malformedConditionsAndRulesAreRefusedNamingTheType() {
    assertThatThrownBy(() -> catalog("""
        {"types": {"x_t": {"recoverability": [{"when": [{"is": 1}], "recoverable": true}]}}}
        """)).hasMessage("catalogue condition for x_t has no path");
    assertThatThrownBy(() -> catalog("""
        {"types": {"x_t": {"recoverability": [{"when": [{"path": ""}], "recoverable": true}]}}}
        """)).hasMessage("catalogue condition for x_t has no path");
    assertThatThrownBy(() -> catalog("""
        {"types": {"x_t": {"recoverability": [{"when": [{"path": "a"}], "recoverable": true}]}}}
        """)).hasMessage("catalogue condition for x_t has no operator");
    assertThatThrownBy(() -> catalog("""
        {"types": {"x_t": {"recoverability": [{"when": [{"path": "a", "equals": 1}],
         "recoverable": true}]}}}
        """)).hasMessage("catalogue condition for x_t must have exactly one of [is, isNot,"
        + " empty, gt, lt], found equals");
    assertThatThrownBy(() -> catalog("""
        {"types": {"x_t": {"recoverability": [{"when": [], "recoverable": true}]}}}
        """)).hasMessage("catalogue rule for x_t needs a non-empty when and a boolean"
        + " recoverable");
    assertThatThrownBy(() -> catalog("""
        {"types": {"x_t": {"recoverability": [{"when": [{"path": "a", "is": 1}],
         "recoverable": "yes"}]}}}
        """)).hasMessage("catalogue rule for x_t needs a non-empty when and a boolean"
        + " recoverable");
  }

  @Test
  void theShippedCatalogueIsReadOnce() {
    ResourceCatalog builtin = ResourceCatalog.builtin();
    assertThat(builtin).isSameAs(ResourceCatalog.builtin());
    assertThat(builtin.lookup("aws_db_instance")).get().extracting(CatalogEntry::category)
        .isEqualTo("database");
  }
}
