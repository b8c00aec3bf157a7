package dev.plangate.core.authorship;

import static dev.plangate.core.authorship.Commits.commit;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.plangate.core.authorship.SignalRule.Where;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class SignalCatalogTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final SignalCatalog CATALOG = SignalCatalog.builtin();

  @Test
  void coversAtLeastFifteenAgentsEachWithARule() {
    assertThat(CATALOG.agents()).hasSizeGreaterThanOrEqualTo(15)
        .contains("Claude Code", "GitHub Copilot coding agent", "GitHub Copilot CLI",
            "GitHub Copilot (IDE)", "OpenAI Codex", "Cursor", "Devin", "Google Jules",
            "Gemini CLI", "Gemini Code Assist", "Amazon Q Developer", "Kiro", "aider",
            "OpenHands", "Cline", "Windsurf", "Replit Agent", "Sweep", "Amp", "Junie",
            "CodeRabbit", "Factory Droid", "git-ai", "Declared AI assistance");
    Set<String> withRules = CATALOG.rules().stream().map(SignalRule::agent)
        .collect(Collectors.toSet());
    assertThat(withRules).containsExactlyInAnyOrderElementsOf(CATALOG.agents());
  }

  @Test
  void everyRuleIsComplete() {
    for (SignalRule r : CATALOG.rules()) {
      assertThat(r.confidence()).as(r.toString()).isNotNull();
      switch (r.where()) {
        case EMAIL, NAME, MESSAGE -> assertThat(r.pattern()).as(r.toString()).isNotNull();
        case TRAILER, ENVIRONMENT, BRANCH -> assertThat(r.key()).as(r.toString()).isNotBlank();
        default -> { }
      }
      if (r.pattern() != null) {
        assertThat(Pattern.compile(r.pattern().pattern())).as(r.toString()).isNotNull();
      }
    }
    assertThat(CATALOG.rules()).filteredOn(r -> r.where() == Where.NOTE).hasSize(1);
  }

  @Test
  void everyRuleInTheDataFileNamesItsSource() throws Exception {
    JsonNode doc = dataFile();
    int rules = 0;
    for (JsonNode agent : doc.get("agents")) {
      for (JsonNode signal : agent.get("signals")) {
        assertThat(signal.path("source").asText()).as(agent.get("id") + " " + signal)
            .isNotBlank();
        rules++;
      }
    }
    assertThat(rules).isEqualTo(CATALOG.rules().size());
  }

  @Test
  void noEmailRuleMatchesAPersonsGithubNoreplyAddress() {
    List<String> people = List.of("12345+someone@users.noreply.github.com",
        "someone@users.noreply.github.com", "198982749+someone@users.noreply.github.com",
        "4512345+Copilot-fan@users.noreply.github.com", "users.noreply.github.com",
        "81847+claude@users.noreply.github.com", "999+devin@users.noreply.github.com",
        "12345+acme[bot]@users.noreply.github.com");
    for (SignalRule r : CATALOG.rules()) {
      if (r.where() == Where.EMAIL) {
        for (String email : people) {
          assertThat(r.pattern().matcher(email).matches()).as(r.pattern() + " vs " + email)
              .isFalse();
        }
        if (r.pattern().pattern().contains("noreply\\.github\\.com")) {
          assertThat(r.pattern().pattern()).as("GitHub noreply rules carry the numeric id")
              .matches("^[0-9]+\\\\\\+.*");
        }
      }
    }
  }

  @Test
  void noNameRuleMatchesAPersonsName() {
    for (SignalRule r : CATALOG.rules()) {
      if (r.where() == Where.NAME) {
        for (String name : List.of("Claude", "Devin", "Jules", "Claude Shannon", "Devin AI",
            "Copilot", "Cursor Agent", "Amp", "Cline", "Sweep", "Continue", "aider")) {
          assertThat(r.pattern().matcher(name).matches()).as(r.pattern() + " vs " + name)
              .isFalse();
        }
      }
    }
  }

  @Test
  void nonAiBotsAreKnownByLogin() {
    assertThat(CATALOG.isNonAiBot("dependabot[bot]")).isTrue();
    assertThat(CATALOG.isNonAiBot("Renovate[bot]")).isTrue();
    assertThat(CATALOG.isNonAiBot("github-actions[bot]")).isTrue();
    assertThat(CATALOG.isNonAiBot("pre-commit-ci[bot]")).isTrue();
    assertThat(CATALOG.isNonAiBot("claude[bot]")).isFalse();
    assertThat(CATALOG.isNonAiBot(null)).isFalse();
  }

  @Test
  void gitAiToolNamesMapToAgents() {
    assertThat(CATALOG.agentForGitAiTool("claude")).contains("Claude Code");
    assertThat(CATALOG.agentForGitAiTool("Cursor")).contains("Cursor");
    assertThat(CATALOG.agentForGitAiTool("copilot")).contains("GitHub Copilot (IDE)");
    assertThat(CATALOG.agentForGitAiTool("emacs")).isEmpty();
  }

  @Test
  void builtinIsReadOnce() {
    assertThat(SignalCatalog.builtin()).isSameAs(CATALOG);
  }

  @Test
  void anUnknownWhereNamesTheEntry() throws Exception {
    JsonNode doc = MAPPER.readTree("""
        {"agents": [{"id": "acme", "name": "Acme", "signals": [
          {"where": "emial", "pattern": "a@acme\\\\.dev", "confidence": "high", "source": "x"}]}]}
        """);
    assertThatThrownBy(() -> SignalCatalog.parse(doc)).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("agents[0] (acme) signals[0]").hasMessageContaining("emial");
  }

  @Test
  void aPatternThatDoesNotCompileNamesTheEntry() throws Exception {
    JsonNode doc = MAPPER.readTree("""
        {"agents": [
          {"id": "ok", "name": "Ok", "signals": [
            {"where": "email", "pattern": "ok@ok\\\\.dev", "confidence": "high", "source": "x"}]},
          {"id": "acme", "name": "Acme", "signals": [
            {"where": "email", "pattern": "ok@ok\\\\.dev", "confidence": "high", "source": "x"},
            {"where": "message", "pattern": "(?m)^Made by [Acme", "confidence": "medium",
             "source": "x"}]}]}
        """);
    assertThatThrownBy(() -> SignalCatalog.parse(doc)).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("agents[1] (acme) signals[1]").hasMessageContaining("compile");
  }

  @Test
  void aMissingAgentNameNamesTheEntry() throws Exception {
    JsonNode doc = MAPPER.readTree("""
        {"agents": [{"id": "acme", "signals": [
          {"where": "email", "pattern": "a@acme\\\\.dev", "confidence": "high", "source": "x"}]}]}
        """);
    assertThatThrownBy(() -> SignalCatalog.parse(doc)).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("agents[0] (acme)").hasMessageContaining("name");
  }

  @Test
  void aRuleWithoutSourceOrWithoutItsKeyIsRejected() throws Exception {
    JsonNode noSource = MAPPER.readTree("""
        {"agents": [{"id": "acme", "name": "Acme", "signals": [
          {"where": "email", "pattern": "a@acme\\\\.dev", "confidence": "high"}]}]}
        """);
    JsonNode noKey = MAPPER.readTree("""
        {"agents": [{"id": "acme", "name": "Acme", "signals": [
          {"where": "trailer", "confidence": "high", "source": "x"}]}]}
        """);
    assertThatThrownBy(() -> SignalCatalog.parse(noSource)).hasMessageContaining("source");
    assertThatThrownBy(() -> SignalCatalog.parse(noKey)).hasMessageContaining("key");
  }

  @Test
  void policyRulesAddToTheBuiltInOnes() {
    SignalRule email = new SignalRule("Acme Build Agent", Where.EMAIL, null,
        Pattern.compile("build-agent@acme\\.example"), Confidence.HIGH);
    SignalRule trailer = new SignalRule("Acme Build Agent", Where.TRAILER, "X-Acme-Agent",
        null, Confidence.MEDIUM);
    SignalRule branch = new SignalRule("Acme Build Agent", Where.BRANCH, "bot/", null,
        Confidence.MEDIUM);
    SignalCatalog extended = CATALOG.withExtra(List.of(email, trailer, branch));
    AuthorshipDetector detector = new AuthorshipDetector(extended);

    assertThat(extended.agents()).contains("Acme Build Agent").containsAll(CATALOG.agents());
    assertThat(extended.rules()).hasSize(CATALOG.rules().size() + 3);
    assertThat(CATALOG.agents()).doesNotContain("Acme Build Agent");

    CommitAuthorship byEmail = detector.commit(commit("0ad9d7dfcdb451138fb74c23a270479024c728db",
        "Acme Agent <Build-Agent@ACME.example>", "Rotate the TLS certificate\n"));
    assertThat(byEmail.agent()).isEqualTo("Acme Build Agent");
    assertThat(byEmail.signals().get(0).confidence()).isEqualTo(Confidence.HIGH);
    CommitAuthorship byTrailer = detector.commit(commit(
        "5be695cb60329b0fbbe20ca35eed001cb29308c8", "Dana <dana@example.org>",
        "Rotate the TLS certificate\n\nx-acme-agent: run 4411\n"));
    assertThat(byTrailer.ai()).isTrue();
    assertThat(detector.branch("bot/rotate-certs")).extracting(Signal::agent)
        .containsExactly("Acme Build Agent");
    assertThat(detector.environment(Map.of("CLAUDECODE", "1"))).isNotEmpty();
  }

  @Test
  void aMalformedPolicyRuleIsRejectedByPosition() {
    SignalRule noPattern = new SignalRule("Acme", Where.EMAIL, null, null, Confidence.HIGH);
    SignalRule noAgent = new SignalRule(" ", Where.BRANCH, "bot/", null, Confidence.HIGH);
    assertThatThrownBy(() -> CATALOG.withExtra(List.of(noPattern)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("signals[0] (Acme)")
        .hasMessageContaining("pattern");
    SignalRule fine = new SignalRule("Acme", Where.EMAIL, null,
        Pattern.compile("agent@acme\\.example"), Confidence.HIGH);
    assertThatThrownBy(() -> CATALOG.withExtra(List.of(fine, noAgent)))
        .hasMessageContaining("signals[1]").hasMessageContaining("agent");
  }

  private static JsonNode dataFile() throws Exception {
    try (InputStream in = SignalCatalog.class.getResourceAsStream("ai-signals.json")) {
      return MAPPER.readTree(in);
    }
  }
}
