package dev.plangate.core.authorship;

import static dev.plangate.core.authorship.Commits.commit;
import static org.assertj.core.api.Assertions.assertThat;

import dev.plangate.core.git.Commit;
import dev.plangate.core.git.Trailer;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AuthorshipDetectorTest {
  private static final AuthorshipDetector DETECTOR =
      new AuthorshipDetector(SignalCatalog.builtin());
  private static final String HUMAN = "Dana Whitfield <dana.whitfield@example.org>";
  private static final String SHA = "3788ab108c39750a33c7c24baf04568e6e4729a1";

  private static CommitAuthorship detect(String author, String message) {
    return DETECTOR.commit(commit(SHA, author, message));
  }

  @Nested
  class FalsePositives {
    @Test
    void aPersonNamedClaudeIsAPerson() {
      CommitAuthorship r = detect("Claude Shannon <claude@gmail.com>",
          "Add the information-theory lecture notes\n\nSigned-off-by: Claude Shannon "
              + "<claude@gmail.com>\n");
      assertThat(r.signals()).isEmpty();
      assertThat(r.ai()).isFalse();
      assertThat(r.agent()).isNull();
      assertThat(r.author()).isEqualTo("Claude Shannon <claude@gmail.com>");
    }

    @ParameterizedTest
    @ValueSource(strings = {"Devin Patel <devin@patel.dev>", "Jules Martin <jules@example.fr>",
        "Claude <claude@example.com>", "Cursor <cursor@example.com>",
        "Amp Singh <amp@example.in>", "Cline Rivers <cline@example.com>",
        "Jules <jules@jetbrains.com>"})
    void aDisplayNameAloneNeverDecides(String person) {
      assertThat(detect(person, "Tidy the variables file\n").signals()).isEmpty();
    }

    @Test
    void aBodySentenceThatMentionsATrailerIsNotATrailer() {
      String message = "Drop the old queue\n\n"
          + "We discussed Co-authored-by: Claude in the meeting and agreed not to use it.\n\n"
          + "Signed-off-by: Dana Whitfield <dana.whitfield@example.org>\n";
      Commit c = commit(SHA, HUMAN, message);
      assertThat(c.trailers()).extracting(Trailer::key).containsExactly("Signed-off-by");
      CommitAuthorship r = DETECTOR.commit(c);
      assertThat(r.signals()).isEmpty();
      assertThat(r.ai()).isFalse();
    }

    @Test
    void aTrailerLineInTheBodyCountsEvenWhenItIsOnlyQuoted() {
      // Deliberate: an agent's trailer followed by more text is no longer in git's trailer
      // block. Counting a quoted one costs one approval; missing a real one costs the gate.
      String message = "Document our stance on AI attribution\n\n"
          + "Agents add lines like\n"
          + "Co-authored-by: Claude <noreply@anthropic.com>\n"
          + "to their commits; reviewers reject them.\n\n"
          + "Signed-off-by: Dana Whitfield <dana.whitfield@example.org>\n";
      CommitAuthorship r = detect(HUMAN, message);
      assertThat(r.ai()).isTrue();
      assertThat(r.signals()).singleElement().satisfies(s -> {
        assertThat(s.kind()).isEqualTo("message");
        assertThat(s.evidence()).isEqualTo("Co-authored-by: Claude <noreply@anthropic.com>");
      });
    }

    @Test
    void aFooterMarkerInsideASentenceIsProseNotAFooter() {
      CommitAuthorship r = detect(HUMAN, "Fix the README\n\n"
          + "It claimed the module was Generated with [Claude Code](https://claude.com) "
          + "and that a [Codex Task](https://chatgpt.com/codex/tasks/x) wrote the tests.\n");
      assertThat(r.signals()).isEmpty();
    }

    @Test
    void aPersonsGithubNoreplyAddressIsNotABot() {
      CommitAuthorship r = detect("someone <12345+someone@users.noreply.github.com>",
          "Raise the instance size\n\n"
              + "Co-authored-by: other <67890+other@users.noreply.github.com>\n");
      assertThat(r.signals()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "dependabot[bot] <49699333+dependabot[bot]@users.noreply.github.com>",
        "renovate[bot] <29139614+renovate[bot]@users.noreply.github.com>",
        "github-actions[bot] <41898282+github-actions[bot]@users.noreply.github.com>",
        "pre-commit-ci[bot] <66853113+pre-commit-ci[bot]@users.noreply.github.com>"})
    void dependencyAndCiBotsAreNotAi(String bot) {
      CommitAuthorship r = detect(bot, "Bump hashicorp/aws from 5.81.0 to 5.82.1\n");
      assertThat(r.signals()).isEmpty();
      assertThat(r.ai()).isFalse();
    }

    @Test
    void theLoginNotTheReusedIdSeparatesClaudeFromGithubActions() {
      CommitAuthorship action = detect(
          "github-actions[bot] <41898282+github-actions[bot]@users.noreply.github.com>",
          "Update the changelog\n");
      CommitAuthorship claude = detect(
          "claude[bot] <41898282+claude[bot]@users.noreply.github.com>",
          "Update the changelog\n");
      assertThat(action.ai()).isFalse();
      assertThat(claude.ai()).isTrue();
      assertThat(claude.agent()).isEqualTo("Claude Code");
      assertThat(claude.signals().get(0).confidence()).isEqualTo(Confidence.HIGH);
    }

    @Test
    void aReviewerTrailerDoesNotMakeTheReviewerAnAuthor() {
      CommitAuthorship r = detect(HUMAN, "Harden the bucket policy\n\n"
          + "Reviewed-by: Copilot <copilot@github.com>\n"
          + "Signed-off-by: Dana Whitfield <dana.whitfield@example.org>\n");
      assertThat(r.signals()).isEmpty();
    }

    @Test
    void coDevelopedByAPersonCalledClaudeIsAKernelHuman() {
      CommitAuthorship r = detect(HUMAN, "mm: fix a race in the page cache\n\n"
          + "Co-developed-by: Claude Shannon <claude@gmail.com>\n"
          + "Signed-off-by: Claude Shannon <claude@gmail.com>\n"
          + "Signed-off-by: Dana Whitfield <dana.whitfield@example.org>\n");
      assertThat(r.signals()).isEmpty();
    }

    @Test
    void anAgentBranchNamedInAMergeSubjectIsNotABranchSignal() {
      CommitAuthorship r = detect("GitHub <noreply@github.com>",
          "Merge pull request #42 from acme/claude/fix-vpc-routes\n\nFix the VPC routes\n");
      assertThat(r.signals()).isEmpty();
    }
  }

  @Nested
  class Trailers {
    @ParameterizedTest
    @ValueSource(strings = {"co-authored-by", "CO-AUTHORED-BY", "Co-Authored-By",
        "Co-authored-by"})
    void personTrailerKeysAreCaseInsensitive(String key) {
      Commit c = Commits.withTrailers(commit(SHA, HUMAN, "Add the replica\n"),
          List.of(new Trailer(key, "Claude <noreply@anthropic.com>")));
      CommitAuthorship r = DETECTOR.commit(c);
      assertThat(r.ai()).isTrue();
      assertThat(r.agent()).isEqualTo("Claude Code");
      assertThat(r.signals()).singleElement().satisfies(s -> {
        assertThat(s.kind()).isEqualTo("trailer");
        assertThat(s.evidence()).isEqualTo(key + ": Claude <noreply@anthropic.com>");
      });
    }

    @ParameterizedTest
    @ValueSource(strings = {"claude-session", "CLAUDE-SESSION"})
    void trailerRuleKeysAreCaseInsensitive(String key) {
      Commit c = Commits.withTrailers(commit(SHA, HUMAN, "Add the replica\n"),
          List.of(new Trailer(key, "https://claude.ai/code/session_01HqZ7rW3xKcY9mT2nVb")));
      assertThat(DETECTOR.commit(c).agent()).isEqualTo("Claude Code");
    }

    @Test
    void emailsMatchWithoutRegardToCase() {
      CommitAuthorship r = detect(HUMAN, "Add the replica\n\n"
          + "Co-authored-by: Claude <NoReply@Anthropic.COM>\n");
      assertThat(r.agent()).isEqualTo("Claude Code");
    }

    @Test
    void anAgentRuleWinsOverTheGenericDisclosureForTheSameTrailer() {
      CommitAuthorship r = detect(HUMAN, "Add the replica\n\n"
          + "Assisted-by: Claude <noreply@anthropic.com>\n");
      assertThat(r.signals()).singleElement().satisfies(s -> {
        assertThat(s.agent()).isEqualTo("Claude Code");
        assertThat(s.evidence()).isEqualTo("Assisted-by: Claude <noreply@anthropic.com>");
      });
    }

    @Test
    void coDevelopedByCountsWhenItNamesAModel() {
      CommitAuthorship r = detect(HUMAN, "Add the replica\n\n"
          + "Co-developed-by: GPT-4o (OpenAI)\n"
          + "Signed-off-by: Dana Whitfield <dana.whitfield@example.org>\n");
      assertThat(r.ai()).isTrue();
      assertThat(r.agent()).isEqualTo("Declared AI assistance");
    }

    @Test
    void replitMarksOnlyAgentAndAssistantCommits() {
      CommitAuthorship user = detect(HUMAN, "Edit the config\n\n"
          + "Replit-Commit-Author: User\n");
      CommitAuthorship assistant = detect(HUMAN, "Edit the config\n\n"
          + "Replit-Commit-Author: Assistant\n");
      assertThat(user.signals()).isEmpty();
      assertThat(assistant.agent()).isEqualTo("Replit Agent");
    }
  }

  @Nested
  class Aider {
    @Test
    void suffixOnAuthorAndCommitter() {
      CommitAuthorship r = detect("Dana Whitfield (aider) <dana.whitfield@example.org>",
          "feat: Add lifecycle rule to the log bucket\n");
      assertThat(r.ai()).isTrue();
      assertThat(r.agent()).isEqualTo("aider");
      assertThat(r.signals()).singleElement().satisfies(s -> {
        assertThat(s.kind()).isEqualTo("author");
        assertThat(s.evidence()).isEqualTo("Dana Whitfield (aider)");
        assertThat(s.confidence()).isEqualTo(Confidence.MEDIUM);
      });
    }

    @Test
    void suffixOnCommitterOnly() {
      CommitAuthorship r = DETECTOR.commit(Commits.commit(SHA, HUMAN,
          "Dana Whitfield (aider) <dana.whitfield@example.org>",
          "fix: Correct the subnet mask\n", null));
      assertThat(r.ai()).isTrue();
      assertThat(r.signals()).singleElement().satisfies(s -> {
        assertThat(s.kind()).isEqualTo("committer");
        assertThat(s.agent()).isEqualTo("aider");
      });
    }

    @Test
    void subjectPrefixOnlyAtTheStart() {
      CommitAuthorship prefixed = detect(HUMAN, "aider: Added a lifecycle rule\n");
      CommitAuthorship later = detect(HUMAN, "Mention aider: in the docs\n");
      assertThat(prefixed.signals()).singleElement().satisfies(s -> {
        assertThat(s.kind()).isEqualTo("message");
        assertThat(s.evidence()).isEqualTo("aider: Added a lifecycle rule");
      });
      assertThat(later.signals()).isEmpty();
    }

    @Test
    void everyCoAuthorEmailAiderHasUsed() {
      for (String email : List.of("aider@aider.chat", "noreply@aider.chat", "noreply@aider.dev")) {
        CommitAuthorship r = detect(HUMAN, "Add tags\n\nCo-authored-by: aider (gpt-4o) <"
            + email + ">\n");
        assertThat(r.agent()).as(email).isEqualTo("aider");
      }
    }
  }

  @Nested
  class GitAiNotes {
    private static final String NOTE = """
        infra/main.tf
          s_1a2b3c4d5e6f70::t_0a1b2c3d4e5f60 1-42,57
          h_9f8e7d6c5b4a30 43-56
        ---
        {
          "schema_version": "authorship/3.0.0",
          "git_ai_version": "1.0.12",
          "base_commit_sha": "8cbb7c1c63cb381538633a2211dacaf4f36f631f",
          "prompts": {},
          "sessions": {
            "s_1a2b3c4d5e6f70": {
              "agent_id": {"tool": "claude", "id": "8f14e45f-ea3b-4c1e-9c2d-2b7e1f3a9d10",
                           "model": "claude-sonnet-4-5"},
              "human_author": "Dana Whitfield <dana.whitfield@example.org>"
            }
          },
          "humans": {"h_9f8e7d6c5b4a30": {"author": "Dana Whitfield <dana.whitfield@example.org>"}}
        }
        """;

    private CommitAuthorship withNote(String note) {
      return DETECTOR.commit(Commits.commit(SHA, HUMAN, HUMAN, "Add the backup vault\n", note));
    }

    @Test
    void theNotesMetadataNamesTheAgent() {
      CommitAuthorship r = withNote(NOTE);
      assertThat(r.ai()).isTrue();
      assertThat(r.agent()).isEqualTo("Claude Code");
      assertThat(r.signals()).singleElement().satisfies(s -> {
        assertThat(s.kind()).isEqualTo("note");
        assertThat(s.confidence()).isEqualTo(Confidence.MEDIUM);
        assertThat(s.evidence()).contains("claude").contains("claude-sonnet-4-5");
      });
    }

    @Test
    void oneSignalPerAgentAndUnknownToolsKeepTheirName() {
      String note = NOTE.replace("\"humans\"", "\"extra\": {\"s_0000000000000a\": {\"agent_id\":"
          + " {\"tool\": \"cursor\"}}, \"s_0000000000000b\": {\"agent_id\": {\"tool\":"
          + " \"zed-agent\"}}},\n  \"humans\"");
      assertThat(withNote(note).signals()).extracting(Signal::agent)
          .containsExactly("Claude Code", "Cursor", "zed-agent");
    }

    @Test
    void anUnreadableNoteStillCountsAsGitAi() {
      CommitAuthorship broken = withNote("infra/main.tf\n  s_1a2b3c4d5e6f70 1-9\n---\n{not json");
      CommitAuthorship noMetadata = withNote("infra/main.tf\n  a1b2c3d4e5f60718 1-24\n");
      for (CommitAuthorship r : List.of(broken, noMetadata)) {
        assertThat(r.ai()).isTrue();
        assertThat(r.agent()).isEqualTo("git-ai");
        assertThat(r.signals().get(0).evidence()).isEqualTo("refs/notes/ai: infra/main.tf");
      }
    }

    @Test
    void noNoteNoSignal() {
      assertThat(withNote(null).signals()).isEmpty();
      assertThat(withNote("  \n").signals()).isEmpty();
    }
  }

  @Nested
  class Confidences {
    @Test
    void appBotEmailsAreHighAndBeatModelWrittenTrailers() {
      CommitAuthorship r = detect("claude[bot] <209825114+claude[bot]@users.noreply.github.com>",
          "Fix the alarm threshold\n\nCo-authored-by: Copilot <copilot@github.com>\n");
      assertThat(r.signals()).extracting(Signal::confidence)
          .containsExactly(Confidence.HIGH, Confidence.MEDIUM);
      assertThat(r.agent()).isEqualTo("Claude Code");
      assertThat(r.signals().get(1).agent()).isEqualTo("GitHub Copilot (IDE)");
    }

    @Test
    void theBotEmailIsReportedOnceNotAgainAsItsName() {
      CommitAuthorship r = detect(
          "copilot-swe-agent[bot] <198982749+Copilot@users.noreply.github.com>", "Initial plan\n");
      assertThat(r.signals()).singleElement().satisfies(s -> {
        assertThat(s.kind()).isEqualTo("author");
        assertThat(s.evidence()).isEqualTo("198982749+Copilot@users.noreply.github.com");
      });
    }

    @Test
    void theBotNameCatchesAnAppWhoseIdIsNotRecorded() {
      CommitAuthorship r = detect(
          "sweep-ai[bot] <999999999+sweep-ai[bot]@users.noreply.github.com>", "Sweep: fix\n");
      assertThat(r.agent()).isEqualTo("Sweep");
      assertThat(r.signals().get(0).confidence()).isEqualTo(Confidence.MEDIUM);
    }

    @Test
    void anUnknownGithubAppIsReportedButDecidesNothing() {
      CommitAuthorship r = detect(
          "acme-release[bot] <123456789+acme-release[bot]@users.noreply.github.com>",
          "Release 2.4.0\n");
      assertThat(r.ai()).isFalse();
      assertThat(r.signals()).singleElement().satisfies(s -> {
        assertThat(s.confidence()).isEqualTo(Confidence.LOW);
        assertThat(s.agent()).startsWith("acme-release[bot]").contains("not known as an AI");
      });
    }

    @Test
    void identitiesPeopleAlsoUseAreLow() {
      CommitAuthorship replitUser = detect("jdoe <38291034-jdoe@users.noreply.replit.com>",
          "Edit main.tf\n");
      CommitAuthorship codexFallback = detect("Codex Test <codex@example.com>", "Edit main.tf\n");
      assertThat(replitUser.ai()).isFalse();
      assertThat(replitUser.signals()).extracting(Signal::confidence)
          .containsExactly(Confidence.LOW);
      assertThat(codexFallback.ai()).isFalse();
      assertThat(codexFallback.agent()).isEqualTo("OpenAI Codex");
    }

    @Test
    void footersAreModelWrittenSoMedium() {
      CommitAuthorship r = detect(HUMAN, "Add alarms\n\n"
          + "🤖 Generated with [Claude Code](https://claude.ai/code)\n");
      assertThat(r.signals()).singleElement().satisfies(s -> {
        assertThat(s.kind()).isEqualTo("message");
        assertThat(s.confidence()).isEqualTo(Confidence.MEDIUM);
        assertThat(s.evidence()).isEqualTo("🤖 Generated with [Claude Code](https://claude.ai/code)");
      });
    }

    @Test
    void longEvidenceIsCut() {
      String value = "Claude " + "x".repeat(400) + " <noreply@anthropic.com>";
      CommitAuthorship r = detect(HUMAN, "Add alarms\n\nCo-authored-by: " + value + "\n");
      String evidence = r.signals().get(0).evidence();
      assertThat(evidence).hasSizeLessThanOrEqualTo(AuthorshipDetector.EVIDENCE_LIMIT)
          .startsWith("Co-authored-by: Claude xxx").endsWith("…");
    }
  }

  @Nested
  class Branches {
    @Test
    void agentPrefixesAreMedium() {
      assertThat(DETECTOR.branch("refs/heads/claude/gallant-dirac-97yoyb"))
          .singleElement().satisfies(s -> {
            assertThat(s.kind()).isEqualTo("branch");
            assertThat(s.agent()).isEqualTo("Claude Code");
            assertThat(s.confidence()).isEqualTo(Confidence.MEDIUM);
            assertThat(s.evidence()).isEqualTo("claude/gallant-dirac-97yoyb");
          });
      assertThat(DETECTOR.branch("copilot/fix-s3-acl")).extracting(Signal::agent)
          .containsExactly("GitHub Copilot coding agent");
      assertThat(DETECTOR.branch("devin/1787422507-flight-controller"))
          .extracting(Signal::agent).containsExactly("Devin");
    }

    @ParameterizedTest
    @ValueSource(strings = {"feature/claude-integration", "claudette/x", "claude", "claude/",
        "main", "refs/heads/fix/codex-typo", " "})
    void otherBranchesSayNothing(String branch) {
      assertThat(DETECTOR.branch(branch)).isEmpty();
    }

    @Test
    void noBranchNoSignal() {
      assertThat(DETECTOR.branch(null)).isEmpty();
    }
  }

  @Nested
  class Environment {
    @Test
    void theAgentsOwnVariables() {
      assertThat(DETECTOR.environment(Map.of("CLAUDECODE", "1", "CLAUDE_CODE_ENTRYPOINT", "cli")))
          .extracting(Signal::evidence, Signal::confidence, Signal::agent)
          .containsExactly(
              org.assertj.core.groups.Tuple.tuple("CLAUDECODE=1", Confidence.HIGH, "Claude Code"),
              org.assertj.core.groups.Tuple.tuple("CLAUDE_CODE_ENTRYPOINT=cli",
                  Confidence.MEDIUM, "Claude Code"));
    }

    @Test
    void aiAgentNamesTheToolWhenTheCatalogueKnowsIt() {
      assertThat(DETECTOR.environment(Map.of("AI_AGENT", "claude-code")))
          .singleElement().extracting(Signal::agent).isEqualTo("Claude Code");
      assertThat(DETECTOR.environment(Map.of("AI_AGENT", "brand-new-agent")))
          .singleElement().satisfies(s -> {
            assertThat(s.agent()).isEqualTo("Declared AI assistance");
            assertThat(s.decides()).isTrue();
          });
    }

    @Test
    void agentIsDecidingOnlyForKnownTools() {
      assertThat(DETECTOR.environment(Map.of("AGENT", "amp")))
          .singleElement().satisfies(s -> {
            assertThat(s.agent()).isEqualTo("Amp");
            assertThat(s.confidence()).isEqualTo(Confidence.MEDIUM);
          });
      assertThat(DETECTOR.environment(Map.of("AGENT", "jenkins-linux-01")))
          .singleElement().satisfies(s -> assertThat(s.decides()).isFalse());
    }

    @Test
    void cursorTraceIdAloneDecidesNothing() {
      List<Signal> signals = DETECTOR.environment(Map.of("CURSOR_TRACE_ID", "b7e0c1d2a3f4"));
      assertThat(signals).singleElement().satisfies(s -> {
        assertThat(s.agent()).isEqualTo("Cursor");
        assertThat(s.confidence()).isEqualTo(Confidence.LOW);
      });
      assertThat(DETECTOR.environment(Map.of("CURSOR_TRACE_ID", "b7e0c1d2a3f4",
          "CURSOR_AGENT", "1"))).anyMatch(Signal::decides);
    }

    @Test
    void emptyOrFalseValuesAndUnrelatedVariablesSayNothing() {
      Map<String, String> env = new HashMap<>();
      env.put("CLAUDECODE", "");
      env.put("CLINE_ACTIVE", "false");
      env.put("AWS_SECRET_ACCESS_KEY", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY");
      env.put("TERM_PROGRAM", "vscode");
      assertThat(DETECTOR.environment(env)).isEmpty();
      assertThat(DETECTOR.environment(null)).isEmpty();
    }
  }

  @Nested
  class HostileInput {
    private final SignalRule slow = new SignalRule("Slow Agent", SignalRule.Where.MESSAGE, null,
        java.util.regex.Pattern.compile("(a+)+$"), Confidence.MEDIUM);
    private final AuthorshipDetector withSlowRule =
        new AuthorshipDetector(SignalCatalog.builtin().withExtra(List.of(slow)));

    @Test
    void aPatternThatBacktracksForeverIsStoppedAndCountsAsAMatch() {
      String message = "Tidy up\n\n" + "a".repeat(5_000) + "!\n";
      long t0 = System.nanoTime();
      CommitAuthorship r = withSlowRule.commit(commit(SHA, HUMAN, message));
      long ms = (System.nanoTime() - t0) / 1_000_000;
      assertThat(ms).as("milliseconds for one commit").isLessThan(5_000);
      assertThat(r.ai()).isTrue();
      assertThat(r.signals()).singleElement().satisfies(s -> {
        assertThat(s.agent()).isEqualTo("Slow Agent");
        assertThat(s.kind()).isEqualTo("message");
        assertThat(s.evidence())
            .isEqualTo("pattern too slow on this text, counted as a match: /(a+)+$/");
      });
    }

    @Test
    void theStoppedPatternStillDecidesOrdinaryTextNormally() {
      assertThat(withSlowRule.commit(commit(SHA, HUMAN, "Tidy up\n\nbbbb\n")).ai()).isFalse();
      assertThat(withSlowRule.commit(commit(SHA, HUMAN, "Tidy up\n\nbaaaa")).signals())
          .singleElement().satisfies(s -> assertThat(s.evidence()).isEqualTo("baaaa"));
    }

    @Test
    void slowBranchTrailerAndEnvironmentPatternsAreStoppedToo() {
      SignalRule branch = new SignalRule("B", SignalRule.Where.BRANCH, null,
          java.util.regex.Pattern.compile("(x+x+)+y"), Confidence.LOW);
      SignalRule trailer = new SignalRule("T", SignalRule.Where.TRAILER, "X-Tool",
          java.util.regex.Pattern.compile("(x+x+)+y"), Confidence.LOW);
      SignalRule env = new SignalRule("E", SignalRule.Where.ENVIRONMENT, "TOOL",
          java.util.regex.Pattern.compile("(x+x+)+y"), Confidence.LOW);
      AuthorshipDetector d = new AuthorshipDetector(
          SignalCatalog.builtin().withExtra(List.of(branch, trailer, env)));
      String xs = "x".repeat(3_000);
      assertThat(d.branch(xs)).singleElement()
          .satisfies(s -> assertThat(s.evidence()).startsWith("pattern too slow"));
      assertThat(d.environment(Map.of("TOOL", xs))).singleElement()
          .satisfies(s -> assertThat(s.evidence()).startsWith("pattern too slow"));
      assertThat(d.commit(commit(SHA, HUMAN, "Tidy\n\nX-Tool: " + xs + "\n")).signals())
          .singleElement().satisfies(s -> assertThat(s.agent()).isEqualTo("T"));
    }

    @Test
    void notesWithMalformedHugeOrDeeplyNestedJsonStillCountAndNeverThrow() {
      String deep = "[".repeat(100_000) + "]".repeat(100_000);
      String huge = "{\"sessions\": {\"s\": {\"agent_id\": {\"tool\": \"claude\"}}}, \"pad\": \""
          + "p".repeat(3_000_000) + "\"}";
      for (String metadata : List.of("{not json", deep, "{\"a\": \u0000}", "[1, 2", huge)) {
        CommitAuthorship r = DETECTOR.commit(Commits.commit(SHA, HUMAN, HUMAN, "Add it\n",
            "infra/main.tf\n  s_1 1-9\n---\n" + metadata));
        assertThat(r.ai()).as(metadata.substring(0, Math.min(10, metadata.length()))).isTrue();
      }
    }

    @Test
    void controlCharactersInMessagesAndTrailersAreKeptAsEvidenceForTheRendererToEscape() {
      CommitAuthorship r = detect(HUMAN, "Fix\n\nCo-Authored-By: Claude\u001b[31m"
          + " <noreply@anthropic.com>\n");
      assertThat(r.ai()).isTrue();
      assertThat(r.signals().get(0).evidence()).contains("\u001b[31m");
    }
  }
}
