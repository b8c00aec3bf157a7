package dev.plangate.core.authorship;

import static dev.plangate.core.authorship.Commits.commit;
import static org.assertj.core.api.Assertions.assertThat;

import dev.plangate.core.git.Commit;
import dev.plangate.core.git.Trailer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.quicktheories.QuickTheory;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.SourceDSL;

/**
 * Signals written a little differently from the catalogue still count: spaces inside angle
 * brackets, a trailer that is not in the final trailer block, look-alike characters (a Unicode
 * hyphen in the key, a fullwidth at sign), zero-width and bidi controls. A false positive costs
 * one approval; a miss costs the gate.
 */
class SignalVariantsTest {
  private static final AuthorshipDetector DETECTOR =
      new AuthorshipDetector(SignalCatalog.builtin());
  private static final String SHA = "3788ab108c39750a33c7c24baf04568e6e4729a1";
  private static final String HUMAN = "Dana Whitfield <dana.whitfield@example.org>";
  private static final String ZWSP = "\u200B";
  private static final String ZWJ = "\u200D";
  private static final String RLO = "\u202E";
  private static final String PDF = "\u202C";
  private static final String LRI = "\u2066";
  private static final String PDI = "\u2069";
  private static final String HYPHEN = "\u2010";
  private static final String NB_HYPHEN = "\u2011";
  private static final String FULLWIDTH_AT = "\uFF20";

  /** A commit as git reports it: trailers only from a final block of trailers, keys as written. */
  record Variant(String agent, String label, Commit commit, String branch,
      Map<String, String> env) {
    @Override
    public String toString() {
      return agent + ": " + label;
    }
  }

  static Variant msg(String agent, String label, String message) {
    return new Variant(agent, label, commit(SHA, HUMAN, message), null, null);
  }

  static Variant author(String agent, String label, String author) {
    return new Variant(agent, label, commit(SHA, author, "Tidy the variables file\n"), null,
        null);
  }

  /** A commit whose author line git stores as given: {@code Name <email>} split by hand. */
  static Variant rawAuthor(String agent, String label, String name, String email) {
    Commit c = commit(SHA, HUMAN, "Tidy the variables file\n");
    return new Variant(agent, label, new Commit(c.sha(), c.parents(), name, email, name, email,
        c.committedAt(), c.subject(), c.message(), c.trailers(), null), null, null);
  }

  /** A commit whose last paragraph git parsed into exactly these trailers. */
  static Variant trailer(String agent, String label, String key, String value) {
    String message = "Remove the unused database\n\n" + key + ": " + value + "\n";
    Commit c = Commits.withTrailers(commit(SHA, HUMAN, message),
        List.of(new Trailer(key, value)));
    return new Variant(agent, label, c, null, null);
  }

  static Variant branch(String agent, String label, String name) {
    return new Variant(agent, label, null, name, null);
  }

  static Variant env(String agent, String label, String key, String value) {
    return new Variant(agent, label, null, null, Map.of(key, value));
  }

  static Stream<Variant> variants() {
    String claude = "Claude Code";
    String copilot = "GitHub Copilot coding agent";
    String codex = "OpenAI Codex";
    return Stream.of(
        // Claude Code
        trailer(claude, "spaces inside the angle brackets", "Co-Authored-By",
            "Claude <  noreply@anthropic.com >"),
        trailer(claude, "text after the email", "Co-authored-by",
            "Claude Opus 4.5 <noreply@anthropic.com> (via Claude Code)"),
        trailer(claude, "U+2010 hyphen in the key", "Co" + HYPHEN + "authored" + HYPHEN + "by",
            "Claude <noreply@anthropic.com>"),
        trailer(claude, "fullwidth at sign", "Co-authored-by",
            "Claude <noreply" + FULLWIDTH_AT + "anthropic.com>"),
        trailer(claude, "zero-width space in the email", "Co-authored-by",
            "Claude <noreply@anthr" + ZWSP + "opic.com>"),
        trailer(claude, "bidi override around the email", "Co-authored-by",
            "Claude <" + RLO + "noreply@anthropic.com" + PDF + ">"),
        trailer(claude, "session trailer with a non-breaking hyphen", "Claude" + NB_HYPHEN
            + "Session", "https://claude.ai/code/session_01abc"),
        msg(claude, "trailer followed by more text", "Remove the unused database\n\n"
            + "Co-Authored-By: Claude <noreply@anthropic.com>\n\n"
            + "Reviewed in the Tuesday sync.\n"),
        msg(claude, "trailer in the middle of the body", "Remove the unused database\n\n"
            + "Co-Authored-By: Claude Opus 4.5 <noreply@anthropic.com>\n"
            + "See the ticket for the reasoning.\n"),
        msg(claude, "lower-case key in the body, quoted", "Remove the unused database\n\n"
            + "> co-authored-by: claude <NOREPLY@ANTHROPIC.COM>\n\nMore words.\n"),
        msg(claude, "footer with a zero-width joiner", "Remove the unused database\n\n"
            + "🤖 Generated" + ZWJ + " with [Claude Code](https://claude.com/claude-code)\n"),
        rawAuthor(claude, "author email with spaces", "Claude", "  noreply@anthropic.com "),
        rawAuthor(claude, "author email with a zero-width space", "Claude",
            "noreply@" + ZWSP + "anthropic.com"),
        branch(claude, "branch with a zero-width space", "clau" + ZWSP + "de/cleanup"),
        branch(claude, "fullwidth branch prefix", "\uFF43\uFF4C\uFF41\uFF55\uFF44\uFF45/x"),
        // GitHub Copilot coding agent
        rawAuthor(copilot, "author email with bidi isolates", "Copilot",
            LRI + "198982749+Copilot@users.noreply.github.com" + PDI),
        trailer(copilot, "co-author email with spaces and text after", "Co-authored-by",
            "Copilot < 198982749+Copilot@users.noreply.github.com > [bot]"),
        branch(copilot, "branch with a bidi mark", "\u200Fcopilot/fix-db"),
        // OpenAI Codex
        msg(codex, "task link with fullwidth brackets", "Drop the queue\n\n"
            + "\uFF3BCodex Task\uFF3D(https://chatgpt.com/codex/tasks/task_e_1)\n"),
        trailer(codex, "fullwidth at sign in a co-author", "Co-authored-by",
            "Codex <codex" + FULLWIDTH_AT + "openai.com>"),
        msg(codex, "co-author line in the body", "Drop the queue\n\n"
            + "Co-authored-by: Codex <noreply@openai.com>\nThen more text.\n"),
        // Cursor
        trailer("Cursor", "U+2010 hyphen in Made-with", "Made" + HYPHEN + "with", "Cursor"),
        msg("Cursor", "Made-with in the body", "Clean up terraform\n\nMade-with: Cursor\n\n"
            + "Follow-up in the next PR.\n"),
        trailer("Cursor", "zero-width space in the agent email", "Co-authored-by",
            "Cursor <cursor" + ZWSP + "agent@cursor.com>"),
        // Devin
        rawAuthor("Devin", "bot email with a zero-width space", "devin-ai-integration[bot]",
            "158243242+devin-ai-integration[bot]@users.noreply" + ZWSP + ".github.com"),
        msg("Devin", "footer with a no-break space", "Fix\n\n"
            + "Generated\u00A0with [Devin](https://devin.ai)\n"),
        branch("Devin", "branch with a soft hyphen", "de\u00ADvin/cleanup"),
        // Kiro (only the environment says so)
        env("Kiro", "fullwidth execution environment", "AWS_EXECUTION_ENV",
            "\uFF2B\uFF29\uFF32\uFF2F-ide"),
        env("Kiro", "zero-width inside the value", "AWS_EXECUTION_ENV", "ki" + ZWSP + "ro"),
        // aider
        rawAuthor("aider", "fullwidth parentheses after the name", "Jane Doe \uFF08aider\uFF09",
            "jane@example.com"),
        msg("aider", "subject prefix after a zero-width no-break space",
            "\uFEFFaider: remove the database\n"),
        trailer("aider", "co-author email with spaces", "Co-authored-by",
            "aider < noreply@aider.chat >"));
  }

  static Authorship assess(Variant v) {
    var range = v.commit() == null ? null : Commits.range(true, v.commit());
    return DETECTOR.assess(range, v.branch(), v.env(), "no range");
  }

  @ParameterizedTest
  @MethodSource("variants")
  void eachVariantIsDetectedAsItsAgent(Variant v) {
    Authorship a = assess(v);
    assertThat(a.aiInvolved()).as(v.toString()).isTrue();
    List<String> agents = new ArrayList<>();
    a.commits().forEach(c -> c.signals().forEach(s -> agents.add(s.agent())));
    a.signals().forEach(s -> agents.add(s.agent()));
    assertThat(agents).as(v.toString()).contains(v.agent());
  }

  static Stream<String> humanMessages() {
    return Stream.of(
        "Fix typo in the README\n",
        "Retire the orders database\n\nSigned-off-by: Dana Whitfield <dana@example.org>\n",
        "Pair with Alice\n\nCo-authored-by: Alice Zhang <alice@example.com>\n",
        "Pair with Alice\n\nCo" + HYPHEN + "authored-by: Alice <alice" + FULLWIDTH_AT
            + "example.com>\n\nand more prose after.\n",
        "Review notes\n\nReviewed-by: Claude <noreply@anthropic.com>\n",
        "We discussed Co-authored-by: Claude in the meeting and agreed not to use it.\n",
        "Explain why we do not use anthropic.com tools for Terraform\n",
        "Ajoute la base — supprimée après la migration\n",
        "\u05EA\u05D9\u05E7\u05D5\u05DF \u200Fבאג\u200E in the module\n",
        "Claude Shannon's notes\n\nCo-authored-by: Claude Shannon <claude@gmail.com>\n");
  }

  @ParameterizedTest
  @MethodSource("humanMessages")
  void humanMessagesStayHuman(String message) {
    CommitAuthorship c = DETECTOR.commit(commit(SHA, HUMAN, message));
    assertThat(c.ai()).as(message).isFalse();
    assertThat(c.signals()).as(message).isEmpty();
  }

  @Test
  void humanIdentitiesWithAccentsAndBidiMarksStayHuman() {
    for (String person : List.of("José Müller <jose@example.es>",
        "\u200Fנועה כהן\u200E <noa@example.co.il>", "Ｄａｎａ <dana@example.org>",
        "Claude Monet <claude.monet@example.fr>", "Devin <devin@patel.dev>")) {
      CommitAuthorship c = DETECTOR.commit(commit(SHA, person, "Tidy\n"));
      assertThat(c.signals()).as(person).isEmpty();
    }
    assertThat(DETECTOR.branch("feature/claude-shannon-notes")).isEmpty();
    assertThat(DETECTOR.branch("fix/co\u200Bpilot-docs")).isEmpty();
  }

  @Test
  void aGitHubLoginWrittenWithInvisibleOrFullwidthCharactersIsStillTheAgent() {
    SignalCatalog catalog = SignalCatalog.builtin();
    assertThat(catalog.agentForGitHubAccount("Copi" + ZWSP + "lot", 0)).isPresent();
    assertThat(catalog.agentForGitHubAccount("\uFF43laude[bot]", 0)).contains("Claude Code");
    assertThat(catalog.agentForGitHubAccount("dana", 0)).isEmpty();
  }

  @Test
  void evidenceIsTheTextAsWrittenNotTheFoldedOne() {
    CommitAuthorship c = DETECTOR.commit(Commits.withTrailers(commit(SHA, HUMAN, "x\n"),
        List.of(new Trailer("Co-authored-by", "Claude <noreply" + FULLWIDTH_AT
            + "anthropic.com>"))));
    assertThat(c.signals()).isNotEmpty();
    assertThat(c.signals().get(0).evidence()).contains(FULLWIDTH_AT);
  }

  // ---------------------------------------------------------------------------- property

  /** Known signals in the three places commits carry them: trailer, author email, body line. */
  private static final List<String> EMAILS = List.of("noreply@anthropic.com",
      "198982749+Copilot@users.noreply.github.com", "noreply@openai.com",
      "cursoragent@cursor.com", "158243242+devin-ai-integration[bot]@users.noreply.github.com",
      "noreply@aider.chat");

  /** Characters a renderer shows as nothing, or as a plain space. */
  private static final List<String> INVISIBLE = List.of("\u200B", "\u200C", "\u200D", "\u2060",
      "\uFEFF", "\u00AD", "\u200E", "\u200F", "\u202A", "\u202B", "\u202C", "\u202D", "\u202E",
      "\u2066", "\u2067", "\u2068", "\u2069", "\u180E", "\u034F");
  private static final List<String> SPACES = List.of(" ", "  ", "\t", "\u00A0", "\u2009",
      "\u3000");

  /** Inserts {@code extras[i]} before character {@code positions[i] % (length + 1)}. */
  static String insert(String s, List<Integer> positions, List<String> extras) {
    StringBuilder sb = new StringBuilder(s);
    for (int i = 0; i < positions.size(); i++) {
      int at = Math.floorMod(positions.get(i), sb.length() + 1);
      sb.insert(at, extras.get(i));
    }
    return sb.toString();
  }

  @Test
  void invisibleCharactersInsideAKnownEmailNeverHideIt() {
    Gen<String> email = SourceDSL.integers().between(0, EMAILS.size() - 1).map(EMAILS::get);
    Gen<List<Integer>> positions = SourceDSL.lists().of(SourceDSL.integers().allPositive())
        .ofSizeBetween(1, 4);
    Gen<String> invisible = SourceDSL.integers().between(0, INVISIBLE.size() - 1)
        .map(INVISIBLE::get);
    QuickTheory.qt().withExamples(2_000).forAll(email, positions,
        SourceDSL.lists().of(invisible).ofSize(4), SourceDSL.integers().between(0, 2))
        .checkAssert((address, at, chars, where) -> {
          String hidden = insert(address, at, chars);
          Commit c = switch (where) {
            case 0 -> Commits.withTrailers(commit(SHA, HUMAN, "x\n"),
                List.of(new Trailer("Co-authored-by", "Agent <" + hidden + ">")));
            case 1 -> commit(SHA, "Agent <" + hidden + ">", "x\n");
            default -> commit(SHA, HUMAN, "x\n\nCo-authored-by: Agent <" + hidden
                + ">\n\nmore text\n");
          };
          assertThat(DETECTOR.commit(c).ai()).as(hidden).isTrue();
        });
  }

  @Test
  void spacingInsideTheAngleBracketsAndAroundTheKeyNeverHidesATrailer() {
    Gen<String> email = SourceDSL.integers().between(0, EMAILS.size() - 1).map(EMAILS::get);
    Gen<String> space = SourceDSL.integers().between(0, SPACES.size() - 1).map(SPACES::get);
    QuickTheory.qt().withExamples(1_000).forAll(email, space, space, space)
        .checkAssert((address, a, b, c) -> {
          String line = "Co-authored-by:" + a + "Agent" + b + "<" + a + address + c + ">" + b;
          assertThat(DETECTOR.commit(commit(SHA, HUMAN, "Tidy\n\n" + line + "\n")).ai())
              .as(line).isTrue();
        });
  }
}
