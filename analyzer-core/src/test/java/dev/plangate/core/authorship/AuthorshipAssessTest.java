package dev.plangate.core.authorship;

import static dev.plangate.core.authorship.Commits.commit;
import static dev.plangate.core.authorship.Commits.range;
import static org.assertj.core.api.Assertions.assertThat;

import dev.plangate.core.git.Commit;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The {@code aiInvolved} truth table: true on any deciding signal, false only when proven. */
class AuthorshipAssessTest {
  private static final AuthorshipDetector DETECTOR =
      new AuthorshipDetector(SignalCatalog.builtin());
  private static final String HUMAN = "Dana Whitfield <dana.whitfield@example.org>";
  private static final Commit FIRST = commit("8cbb7c1c63cb381538633a2211dacaf4f36f631f", HUMAN,
      "Add the audit bucket\n");
  private static final Commit HUMAN_SECOND = commit("de0a8c7acc8c3b5cea63b7ecd86478b9e99c3a89",
      HUMAN, "Rename the audit bucket\n");
  private static final Commit AI_SECOND = commit("8c1c6aef752476193a6d33c98be104bc9c8c14a2",
      HUMAN, "Rename the audit bucket\n\nCo-Authored-By: Claude <noreply@anthropic.com>\n");
  private static final String NO_RANGE = "Not in a git checkout, so no commits were read.";

  @Test
  void completeRangeWithAnAiCommitIsTrue() {
    Authorship a = DETECTOR.assess(range(true, FIRST, AI_SECOND), "main", Map.of(), null);
    assertThat(a.aiInvolved()).isTrue();
    assertThat(a.aiCommits()).extracting(CommitAuthorship::sha).containsExactly(AI_SECOND.sha());
    assertThat(a.notes()).isEmpty();
  }

  @Test
  void completeRangeWithoutAiIsFalseAndSaysWhatThatDoesNotProve() {
    Authorship a = DETECTOR.assess(range(true, FIRST, HUMAN_SECOND), "main", Map.of(), null);
    assertThat(a.aiInvolved()).isFalse();
    assertThat(a.notes()).singleElement().asString()
        .contains("2 commits").contains("does not prove");
  }

  @Test
  void incompleteRangeWithAnAiCommitIsStillTrue() {
    Authorship a = DETECTOR.assess(range(false, AI_SECOND), null, null, null);
    assertThat(a.aiInvolved()).isTrue();
    assertThat(a.notes()).singleElement().asString().contains("shallow");
  }

  @Test
  void incompleteRangeWithoutAiIsUnknown() {
    Authorship a = DETECTOR.assess(range(false, HUMAN_SECOND), null, null, null);
    assertThat(a.aiInvolved()).isNull();
    assertThat(a.notes()).containsExactly(
        "The clone is shallow and does not reach origin/main; fetch with fetch-depth: 0.");
  }

  @Test
  void noRangeWithoutAiIsUnknown() {
    Authorship a = DETECTOR.assess(null, null, Map.of("TERM", "xterm"), NO_RANGE);
    assertThat(a.aiInvolved()).isNull();
    assertThat(a.commits()).isEmpty();
    assertThat(a.notes()).containsExactly(NO_RANGE);
  }

  @Test
  void noRangeButAnAgentEnvironmentIsTrue() {
    Authorship a = DETECTOR.assess(null, null, Map.of("CLAUDECODE", "1"), NO_RANGE);
    assertThat(a.aiInvolved()).isTrue();
    assertThat(a.signals()).extracting(Signal::kind).containsExactly("environment");
    assertThat(a.notes()).containsExactly(NO_RANGE);
  }

  @Test
  void noRangeAndNoReasonStillExplainsItself() {
    assertThat(DETECTOR.assess(null, null, null, null).notes()).singleElement().asString()
        .contains("No commit range");
  }

  @Test
  void anAgentBranchMakesAHumanLookingRangeAi() {
    Authorship a = DETECTOR.assess(range(true, FIRST, HUMAN_SECOND),
        "refs/heads/codex/use-develop-branch", Map.of(), null);
    assertThat(a.aiInvolved()).isTrue();
    assertThat(a.aiCommits()).isEmpty();
    assertThat(a.signals()).extracting(Signal::agent).containsExactly("OpenAI Codex");
  }

  @Test
  void lowSignalsAloneLeaveACompleteRangeHuman() {
    Authorship a = DETECTOR.assess(range(true, FIRST),
        "main", Map.of("CURSOR_TRACE_ID", "b7e0c1d2a3f4", "TERM_PROGRAM", "kiro"), null);
    assertThat(a.aiInvolved()).isFalse();
    assertThat(a.signals()).hasSize(2).noneMatch(Signal::decides);
  }

  @Test
  void anEmptyRangeIsUnknownNeverHuman() {
    // Whoever built the range: no commit read is no evidence of a person.
    Authorship a = DETECTOR.assess(range(true), "main", null, null);
    assertThat(a.aiInvolved()).isNull();
    assertThat(a.notes()).singleElement().asString().contains("holds no commit")
        .contains("authorship is unknown");
  }

  @Test
  void commitsStayOldestFirst() {
    Authorship a = DETECTOR.assess(range(true, FIRST, AI_SECOND, HUMAN_SECOND), null, null, null);
    assertThat(a.commits()).extracting(CommitAuthorship::sha)
        .containsExactly(FIRST.sha(), AI_SECOND.sha(), HUMAN_SECOND.sha());
    assertThat(a.commits()).extracting(CommitAuthorship::ai).containsExactly(false, true, false);
  }

  @Test
  void platformSignalsMakeAnOtherwiseHumanCommitAi() {
    Signal server = new Signal("github-account", "commit author Copilot (Bot, id 198982749)",
        Confidence.HIGH, "GitHub Copilot coding agent");
    Authorship a = DETECTOR.assess(range(true, FIRST, HUMAN_SECOND), "main", Map.of(), null,
        new PlatformSignals(List.of(), Map.of(HUMAN_SECOND.sha(), List.of(server))));
    assertThat(a.aiInvolved()).isTrue();
    assertThat(a.aiCommits()).singleElement().satisfies(c -> {
      assertThat(c.sha()).isEqualTo(HUMAN_SECOND.sha());
      assertThat(c.agent()).isEqualTo("GitHub Copilot coding agent");
      assertThat(c.signals()).containsExactly(server);
    });
  }

  @Test
  void aPullRequestOpenedByAnAgentMakesTheChangeAi() {
    Signal author = new Signal("pull-request author", "claude[bot] (Bot, id 209825114)",
        Confidence.HIGH, "Claude Code");
    Authorship a = DETECTOR.assess(range(true, FIRST), "main", Map.of(), null,
        new PlatformSignals(List.of(author), Map.of()));
    assertThat(a.aiInvolved()).isTrue();
    assertThat(a.aiCommits()).isEmpty();
    assertThat(a.signals()).containsExactly(author);
  }

  @Test
  void theCatalogueKnowsAgentAccountsByIdAndAppLogin() {
    SignalCatalog c = SignalCatalog.builtin();
    assertThat(c.agentForGitHubAccount("Copilot", 198982749)).contains(
        "GitHub Copilot coding agent");
    assertThat(c.agentForGitHubAccount("Copilot", 223556219)).contains("GitHub Copilot CLI");
    assertThat(c.agentForGitHubAccount("renamed-login", 158243242)).contains("Devin");
    assertThat(c.agentForGitHubAccount("claude[bot]", 0)).contains("Claude Code");
    assertThat(c.agentForGitHubAccount("claude", 81847)).isEmpty();
    assertThat(c.agentForGitHubAccount("dependabot[bot]", 49699333)).isEmpty();
    assertThat(c.isNonAiBot("dependabot[bot]")).isTrue();
  }
}
