package dev.plangate.core.authorship;

import static dev.plangate.core.authorship.Commits.commit;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.plangate.core.authorship.SignalRule.Where;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Reading a catalogue document: everything a well-formed one says is used, and every malformed
 * entry is refused by position, never skipped (a skipped rule is a signal nobody detects).
 */
class SignalCatalogParseTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private static final String ACME = """
      {"id": "acme", "name": "Acme Agent", "gitAiTools": ["Acme-Tool"],
       "githubApps": ["acme-app"],
       "githubAccounts": [{"login": "Acme-Bot[bot]", "id": 4242, "source": "x"}],
       "signals": [
         {"where": "email", "pattern": "agent@acme\\\\.dev", "confidence": "high", "source": "x"},
         {"where": "note", "confidence": "medium", "source": "x"},
         {"where": "branch", "key": "acme/", "confidence": "medium", "source": "x"}]}
      """;
  private static final String BETA = """
      {"id": "beta", "name": "Beta", "signals": [
        {"where": "trailer", "key": "Beta-Session", "confidence": "medium", "source": "x"}]}
      """;

  private static SignalCatalog parse(String agents, String bots) throws Exception {
    return SignalCatalog.parse(MAPPER.readTree("{\"agents\": [" + agents + "], \"nonAiBots\": ["
        + bots + "]}"));
  }

  @Test
  void everythingAWellFormedCatalogueSaysIsUsed() throws Exception {
    SignalCatalog c = parse(ACME + "," + BETA, "{\"login\": \"Tidy[bot]\", \"source\": \"x\"}");
    assertThat(c.agents()).containsExactly("Acme Agent", "Beta");
    assertThat(c.rules()).extracting(SignalRule::where)
        .containsExactly(Where.EMAIL, Where.NOTE, Where.BRANCH, Where.TRAILER);
    assertThat(c.agentForGitAiTool("acme-tool")).contains("Acme Agent");
    assertThat(c.agentForGitAiTool(null)).isEmpty();
    assertThat(c.isNonAiBot("tidy[bot]")).isTrue();
    assertThat(c.isNonAiBot("acme-bot[bot]")).isFalse();

    assertThat(c.agentForGitHubAccount(null, 4242)).contains("Acme Agent");
    assertThat(c.agentForGitHubAccount("ACME-BOT[BOT]", 0)).contains("Acme Agent");
    assertThat(c.agentForGitHubAccount("acme-app[bot]", 0)).contains("Acme Agent");
    assertThat(c.agentForGitHubAccount("acme-app", 0)).isEmpty();
    assertThat(c.agentForGitHubAccount("someone", 77)).isEmpty();
    assertThat(c.agentForGitHubAccount(null, 0)).isEmpty();

    AuthorshipDetector detector = new AuthorshipDetector(c);
    CommitAuthorship byEmail = detector.commit(commit("0ad9d7dfcdb451138fb74c23a270479024c728db",
        "Bot <Agent@ACME.dev>", "Rotate the certificate\n"));
    assertThat(byEmail.ai()).isTrue();
    assertThat(byEmail.agent()).isEqualTo("Acme Agent");
    assertThat(detector.branch("acme/rotate")).extracting(Signal::agent)
        .containsExactly("Acme Agent");
    CommitAuthorship byTrailer = detector.commit(commit("5be695cb60329b0fbbe20ca35eed001cb29308c8",
        "Dana <dana@example.org>", "Rotate\n\nBeta-Session: 12\n"));
    assertThat(byTrailer.agent()).isEqualTo("Beta");
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "{\"id\": 4243, \"source\": \"x\"}",
      "{\"login\": \"b[bot]\", \"id\": \"many\", \"source\": \"x\"}",
      "{\"login\": \"b[bot]\", \"id\": 4243}",
      "{\"login\": \"b[bot]\", \"id\": 4242, \"source\": \"x\"}"})
  void anAccountWithoutLoginNumericUniqueIdOrSourceIsRefused(String account) {
    String beta = "{\"id\": \"beta\", \"name\": \"Beta\", \"githubAccounts\": [" + account
        + "], \"signals\": [{\"where\": \"trailer\", \"key\": \"B\", \"confidence\": \"low\","
        + " \"source\": \"x\"}]}";
    assertThatThrownBy(() -> parse(ACME + "," + beta, ""))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("ai-signals.json: agents[1] (beta) githubAccounts[0] needs a login, a unique"
            + " numeric id and a source");
  }

  @ParameterizedTest
  @ValueSource(strings = {"{\"source\": \"x\"}", "{\"login\": \"tidy\", \"source\": \"x\"}",
      "{\"login\": \"tidy[bot]\"}"})
  void aNonAiBotWithoutABotLoginOrSourceIsRefused(String bot) {
    assertThatThrownBy(() -> parse(ACME, "{\"login\": \"ok[bot]\", \"source\": \"x\"}, " + bot))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("ai-signals.json: nonAiBots[1] needs a login ending in [bot] and a source");
  }

  @Test
  void aRepeatedIdOrNameIsRefused() {
    assertThatThrownBy(() -> parse(ACME + "," + ACME.replace("\"acme\"", "\"acme2\""), ""))
        .hasMessage("ai-signals.json: agents[1] (acme2) repeats an id or name");
  }

  @Test
  void anAgentWithoutSignalsOrACatalogueWithoutAgentsIsRefused() throws Exception {
    assertThatThrownBy(() -> parse("{\"id\": \"a\", \"name\": \"A\", \"signals\": []}", ""))
        .hasMessage("ai-signals.json: agents[0] (a) has no signals");
    JsonNode none = MAPPER.readTree("{\"agents\": []}");
    assertThatThrownBy(() -> SignalCatalog.parse(none))
        .hasMessage("ai-signals.json: \"agents\" must be a non-empty list");
  }

  @Test
  void anUnknownConfidenceIsRefusedNamingIt() {
    String bad = "{\"id\": \"a\", \"name\": \"A\", \"signals\": [{\"where\": \"note\","
        + " \"confidence\": \"certain\", \"source\": \"x\"}]}";
    assertThatThrownBy(() -> parse(bad, ""))
        .hasMessage("ai-signals.json: agents[0] (a) signals[0]: confidence must be high, medium"
            + " or low, not \"certain\"");
  }

  @Test
  void aPolicyRuleWithoutWhereOrConfidenceOrARuleMissingIsRefused() {
    SignalCatalog builtin = SignalCatalog.builtin();
    SignalRule noWhere = new SignalRule("Acme", null, null, null, Confidence.HIGH);
    SignalRule noConfidence = new SignalRule("Acme", Where.NOTE, null, null, null);
    assertThatThrownBy(() -> builtin.withExtra(List.of(noWhere)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("signals[0] (Acme): a rule needs a where and a confidence");
    assertThatThrownBy(() -> builtin.withExtra(List.of(noConfidence)))
        .hasMessage("signals[0] (Acme): a rule needs a where and a confidence");
    assertThatThrownBy(() -> builtin.withExtra(java.util.Arrays.asList((SignalRule) null)))
        .hasMessage("signals[0]: a rule is missing");
  }

  @Test
  void aPolicyNoteRuleNeedsNothingMore() {
    SignalRule note = new SignalRule("Acme", Where.NOTE, null, null, Confidence.MEDIUM);
    assertThat(SignalCatalog.builtin().withExtra(List.of(note)).rules()).contains(note);
  }
}
