package dev.plangate.core.authorship;

import static dev.plangate.core.authorship.Commits.commit;
import static dev.plangate.core.authorship.Commits.range;
import static org.assertj.core.api.Assertions.assertThat;

import dev.plangate.core.git.Commit;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Signals in places git's trailer parser does not look: lines of the message body written as
 * trailers, unusual emails in person trailers, git-ai notes without metadata; and how long
 * evidence is cut. A signal missed here is a wrong pass.
 */
class BodyAndNoteSignalsTest {
  private static final AuthorshipDetector DETECTOR =
      new AuthorshipDetector(SignalCatalog.builtin());
  private static final String HUMAN = "Dana Whitfield <dana.whitfield@example.org>";
  private static final String SHA = "3788ab108c39750a33c7c24baf04568e6e4729a1";

  private static CommitAuthorship detect(String message) {
    Commit c = commit(SHA, HUMAN, message);
    return DETECTOR.commit(c);
  }

  @Test
  void anAgentsSessionTrailerAboveMoreTextStillCounts() {
    // prose after it: git's trailer block is only the last paragraph, so git parses nothing
    Commit c = commit(SHA, HUMAN, "Tidy the outputs\n\nClaude-Session: 0b1c2d3e\n"
        + "and then the agent kept writing\n");
    assertThat(c.trailers()).isEmpty();
    // a detector of its own: which trailer keys count is decided when it is built
    CommitAuthorship r = new AuthorshipDetector(SignalCatalog.builtin()).commit(c);
    assertThat(r.ai()).isTrue();
    assertThat(r.agent()).isEqualTo("Claude Code");
    assertThat(r.signals()).singleElement().satisfies(s -> {
      assertThat(s.kind()).isEqualTo("message");
      assertThat(s.evidence()).isEqualTo("Claude-Session: 0b1c2d3e");
    });
  }

  @ParameterizedTest
  @ValueSource(strings = {"Helped-by", "Co-Author", "Original-Author", "Paired-With-By"})
  void anyPersonKeyInTheBodyIsReadForAnAgentsEmail(String key) {
    CommitAuthorship r = detect("Rotate the keys\n\n" + key
        + ": Claude <noreply@anthropic.com>\nwritten in a hurry\n");
    assertThat(r.ai()).as(key).isTrue();
    assertThat(r.agent()).isEqualTo("Claude Code");
    assertThat(r.signals()).extracting(Signal::evidence)
        .containsExactly(key + ": Claude <noreply@anthropic.com>");
  }

  @Test
  void aReviewerInTheBodyIsNotAnAuthor() {
    CommitAuthorship r = detect("Rotate the keys\n\nReviewed-by: Claude <noreply@anthropic.com>\n"
        + "Acked-by: Copilot <copilot@github.com>\nlooks fine\n");
    assertThat(r.signals()).isEmpty();
    assertThat(r.ai()).isFalse();
  }

  @Test
  void aSentenceThatQuotesATrailerWithAnEmailIsProse() {
    CommitAuthorship r = detect("Document the policy\n\n"
        + "We agreed that Co-authored-by: Claude <noreply@anthropic.com> lines are rejected.\n");
    assertThat(r.signals()).isEmpty();
  }

  @Test
  void anEmailWithSpacesAroundTheAtSignInAPersonTrailerIsStillTheAgent() {
    CommitAuthorship r = detect("Tidy\n\nCo-authored-by: Claude < noreply @ anthropic.com >\n");
    assertThat(r.ai()).isTrue();
    assertThat(r.agent()).isEqualTo("Claude Code");
  }

  @Test
  void anUnclosedAngleBracketDoesNotHideTheEmail() {
    CommitAuthorship r = detect("Tidy\n\nCo-authored-by: Claude <noreply @anthropic.com\n");
    assertThat(r.ai()).isTrue();
    assertThat(r.signals()).extracting(Signal::evidence)
        .containsExactly("Co-authored-by: Claude <noreply @anthropic.com");
    assertThat(detect("Tidy\n\nCo-authored-by: Claude<noreply @anthropic.com\n").ai()).isTrue();
  }

  @Test
  void aMessageThatStartsWithBlankLinesIsStillReadLineByLine() {
    // git commit strips them; commit-tree and --cleanup=verbatim do not
    CommitAuthorship r = detect("\n\nClaude-Session: 0b1c2d3e\nthe rest\n");
    assertThat(r.ai()).isTrue();
    assertThat(r.signals()).extracting(Signal::evidence)
        .containsExactly("Claude-Session: 0b1c2d3e");
  }

  @Test
  void aLastLineOfQuoteMarkersWithoutALineFeedIsHarmless() {
    CommitAuthorship r = detect("Tidy\n\n> Co-authored-by: Claude <noreply@anthropic.com>\n> ");
    assertThat(r.ai()).isTrue();
    assertThat(detect("Tidy\n\n> Co-authored-by: Claude <noreply@anthropic.com>\n>").ai())
        .isTrue();
  }

  @Test
  void anIndentedQuoteOfATrailerIsStillATrailerLine() {
    CommitAuthorship r = detect("Reply to review\n\n  > Co-authored-by: Claude"
        + " <noreply@anthropic.com>\nas you asked\n");
    assertThat(r.ai()).isTrue();
    assertThat(r.signals()).extracting(Signal::evidence)
        .containsExactly("> Co-authored-by: Claude <noreply@anthropic.com>");
  }

  @Test
  void aBodyKeyIsReadUpToOneHundredCharacters() {
    String hundred = "X-" + "a".repeat(95) + "-by";
    assertThat(hundred).hasSize(100);
    assertThat(detect("Tidy\n\n" + hundred + ": Claude <noreply@anthropic.com>\nmore\n").ai())
        .isTrue();
    String longer = "X-" + "a".repeat(96) + "-by";
    assertThat(detect("Tidy\n\n" + longer + ": Claude <noreply@anthropic.com>\nmore\n")
        .signals()).isEmpty();
  }

  @Test
  void aNoteWithoutMetadataIsEvidencedByItsFirstNonBlankLine() {
    CommitAuthorship r = DETECTOR.commit(Commits.commit(SHA, HUMAN, HUMAN, "Add the vault\n",
        "\n  \n  infra/main.tf: lines 1-40  \nmore\n"));
    assertThat(r.ai()).isTrue();
    assertThat(r.signals()).singleElement().satisfies(s -> {
      assertThat(s.kind()).isEqualTo("note");
      assertThat(s.agent()).isEqualTo("git-ai");
      assertThat(s.evidence()).isEqualTo("refs/notes/ai: infra/main.tf: lines 1-40");
    });
  }

  @Test
  void aNoteWhoseMetadataIsNotAnObjectStillCounts() {
    CommitAuthorship r = DETECTOR.commit(Commits.commit(SHA, HUMAN, HUMAN, "Add the vault\n",
        "infra/main.tf\n---\n[1, 2]\n"));
    assertThat(r.signals()).singleElement().satisfies(s ->
        assertThat(s.evidence()).isEqualTo("refs/notes/ai: infra/main.tf"));
  }

  @Test
  void aPolicyMessagePatternThatMatchesAtTheEndOfALineGivesThatLine() {
    SignalRule bang = new SignalRule("Acme", SignalRule.Where.MESSAGE, null,
        Pattern.compile("!$", Pattern.MULTILINE), Confidence.MEDIUM);
    AuthorshipDetector detector =
        new AuthorshipDetector(SignalCatalog.builtin().withExtra(java.util.List.of(bang)));
    CommitAuthorship r = detector.commit(commit(SHA, HUMAN, "Ship it!\n\nmore text\n"));
    assertThat(r.signals()).singleElement().satisfies(s ->
        assertThat(s.evidence()).isEqualTo("Ship it!"));
  }

  @Test
  void evidenceUpToTheLimitIsKeptWholeAndLongerIsCutWithAnEllipsis() {
    String exact = "a".repeat(AuthorshipDetector.EVIDENCE_LIMIT);
    assertThat(AuthorshipDetector.truncate(exact)).isEqualTo(exact);
    assertThat(AuthorshipDetector.truncate("  " + exact + "  ")).isEqualTo(exact);
    assertThat(AuthorshipDetector.truncate(exact + "b"))
        .isEqualTo("a".repeat(AuthorshipDetector.EVIDENCE_LIMIT - 1) + "…");
    assertThat(AuthorshipDetector.truncate(null)).isEmpty();
  }

  @Test
  void evidenceIsNeverCutInsideASurrogatePair() {
    String robot = "\ud83e\udd16";
    String s = "a".repeat(AuthorshipDetector.EVIDENCE_LIMIT - 2) + robot + "b".repeat(10);
    assertThat(AuthorshipDetector.truncate(s))
        .isEqualTo("a".repeat(AuthorshipDetector.EVIDENCE_LIMIT - 2) + "…");
  }

  @Test
  void oneHumanCommitIsSaidInTheSingular() {
    Commit human = commit(SHA, HUMAN, "Rename the audit bucket\n");
    Authorship a = DETECTOR.assess(range(true, human), "main", Map.of(), null);
    assertThat(a.aiInvolved()).isFalse();
    assertThat(a.notes()).containsExactly("None of the 1 commit read carries an AI signal, which"
        + " does not prove a person wrote it: an agent that leaves no trailer, identity or note"
        + " looks like a person.");
  }
}
