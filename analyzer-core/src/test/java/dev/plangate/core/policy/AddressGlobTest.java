package dev.plangate.core.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.plangate.core.model.AddressGenerators;
import dev.plangate.core.model.AddressStep;
import dev.plangate.core.model.ResourceAddress;
import java.time.Duration;
import java.util.Collections;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.quicktheories.QuickTheory;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.SourceDSL;

/** The glob syntax of protect, waiver and criticality rules. */
class AddressGlobTest {

  static boolean matches(String glob, String address) {
    return AddressGlob.compile(glob).matches(address);
  }

  @Test
  void literalGlobsMatchOnlyThemselves() {
    assertThat(matches("aws_instance.web", "aws_instance.web")).isTrue();
    assertThat(matches("aws_instance.web", "aws_instance.web2")).isFalse();
    assertThat(matches("aws_instance.web", "module.a.aws_instance.web")).isFalse();
    assertThat(matches("terraform_data", "terraform_data")).isTrue();
  }

  @Test
  void starMatchesWithinOneStep() {
    assertThat(matches("aws_db_*", "aws_db_instance")).isTrue();
    assertThat(matches("aws_db_*", "aws_db_")).isTrue();
    assertThat(matches("aws_instance.*", "aws_instance.web")).isTrue();
    assertThat(matches("aws_instance.*", "aws_instance.web[0]")).isTrue();
    assertThat(matches("aws_instance.*", "aws_instance.web[\"a\"]")).isTrue();
    assertThat(matches("module.*.aws_instance.web", "module.a.aws_instance.web")).isTrue();
    assertThat(matches("module.*", "module.a.aws_instance.web")).isFalse();
    assertThat(matches("*", "aws_instance.web")).isFalse();
  }

  @Test
  void starCrossesDotsInsideQuotedKeysButNotBetweenSteps() {
    assertThat(matches("aws_route53_record.*", "aws_route53_record.r[\"www.example.com\"]"))
        .isTrue();
    assertThat(matches("module.*.aws_db_instance.main",
        "module.db[\"eu.west\"].aws_db_instance.main")).isTrue();
    assertThat(matches("aws_instance.web[\"*\"]", "aws_instance.web[\"a.b\"]")).isTrue();
    assertThat(matches("aws_instance.web[\"*\"]", "aws_instance.web[0]")).isFalse();
    assertThat(matches("aws_instance.*", "aws_instance.web[\"a\"].x")).isFalse();
  }

  @Test
  void doubleStarCrossesSteps() {
    assertThat(matches("module.prod.**", "module.prod.aws_db_instance.main")).isTrue();
    assertThat(matches("module.prod.**", "module.prod.module.inner.aws_s3_bucket.b")).isTrue();
    assertThat(matches("module.prod.**", "module.prod")).isFalse();
    assertThat(matches("module.prod.**", "module.production.aws_s3_bucket.b")).isFalse();
    assertThat(matches("**.aws_db_instance.*", "module.a.module.b.aws_db_instance.x")).isTrue();
    assertThat(matches("**", "anything.at[\"all\"]")).isTrue();
  }

  @Test
  void questionMarkIsOneCharacterOtherThanADot() {
    assertThat(matches("aws_instance.web?", "aws_instance.web1")).isTrue();
    assertThat(matches("aws_instance.web?", "aws_instance.web")).isFalse();
    assertThat(matches("aws_instance.web?", "aws_instance.web12")).isFalse();
    assertThat(matches("aws_instance?web", "aws_instance.web")).isFalse();
    assertThat(matches("aws_instance.web[?]", "aws_instance.web[3]")).isTrue();
  }

  @Test
  void bracketsQuotesAndRegexCharactersAreLiteral() {
    assertThat(matches("aws_instance.web[\"a\"]", "aws_instance.web[\"a\"]")).isTrue();
    assertThat(matches("aws_instance.web[\"a\"]", "aws_instance.web[\"b\"]")).isFalse();
    assertThat(matches("aws_instance.web[0]", "aws_instance.web[0]")).isTrue();
    assertThat(matches("aws_instance.web[0]", "aws_instance.web0")).isFalse();
    assertThat(matches("a.b[\"x+y (1)|$\"]", "a.b[\"x+y (1)|$\"]")).isTrue();
    assertThat(matches("a.b[\"x+y\"]", "a.b[\"xxy\"]")).isFalse();
    assertThat(matches("a.b[\"k\\\"q\"]", "a.b[\"k\\\"q\"]")).isTrue();
  }

  @Test
  void whitespaceInsideQuotedKeysIsAllowed() {
    assertThat(matches("a.b[\"two words\"]", "a.b[\"two words\"]")).isTrue();
  }

  @Test
  void nullNeverMatchesAndPatternIsKept() {
    AddressGlob g = AddressGlob.compile("aws_*");
    assertThat(g.matches(null)).isFalse();
    assertThat(g.pattern()).isEqualTo("aws_*");
    assertThat(g).hasToString("aws_*");
  }

  @Test
  void errorsSayWhatIsWrong() {
    assertThatThrownBy(() -> AddressGlob.compile("")).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("an empty glob matches nothing");
    assertThatThrownBy(() -> AddressGlob.compile("  ")).hasMessage("an empty glob matches nothing");
    assertThatThrownBy(() -> AddressGlob.compile(null)).hasMessage("an empty glob matches nothing");
    assertThatThrownBy(() -> AddressGlob.compile("module.***"))
        .hasMessage("\"***\" is not a glob; use \"**\" to match anything");
    assertThatThrownBy(() -> AddressGlob.compile("a.b]"))
        .hasMessage("\"]\" at position 4 has no \"[\"");
    assertThatThrownBy(() -> AddressGlob.compile("a.b[0"))
        .hasMessage("\"[\" is never closed");
    assertThatThrownBy(() -> AddressGlob.compile("a.b[\"x]"))
        .hasMessage("unterminated quote");
    assertThatThrownBy(() -> AddressGlob.compile("aws instance"))
        .hasMessage("whitespace at position 4 (addresses contain none outside quoted keys)");
  }

  /**
   * For any address Terraform can print (keys with dots, quotes, brackets, globs characters):
   * the address itself is a glob that matches it, and one {@code *} per step matches it while
   * one {@code *} fewer does not, so {@code *} never crosses a step and always covers one.
   */
  @Test
  void starsMatchStepForStepOnArbitraryAddresses() {
    Gen<String> ident = AddressGenerators.identifiers();
    Gen<String> key = AddressGenerators.keys();
    QuickTheory.qt().forAll(SourceDSL.lists().of(ident.zip(key, AddressStep::new))
            .ofSizeBetween(0, 3), ident, ident, key)
        .assuming((mods, type, name, k) -> !new ResourceAddress(mods, false, type, name, k)
            .toString().contains("***"))
        .check((mods, type, name, k) -> {
          String address = new ResourceAddress(mods, false, type, name, k).toString();
          int steps = AddressStep.tokenize(address).size();
          String perStep = String.join(".", Collections.nCopies(steps, "*"));
          String oneShort = String.join(".", Collections.nCopies(steps - 1, "*"));
          return matches(address, address) && matches(perStep, address)
              && !matches(oneShort, address) && matches("**", address);
        });
  }

  /**
   * Globs from the repository under review must not be able to stall the gate: these take a
   * backtracking regular expression minutes per address (one was measured at over a minute),
   * and take the automaton microseconds.
   */
  @Test
  void hostileGlobsMatchInLinearTime() {
    String longAddress = "module." + "a".repeat(200) + ".x[\"" + "a".repeat(200) + "\"]";
    // Backtracking takes hours on these; a loaded 2-core CI machine needs seconds for the loop.
    assertTimeoutPreemptively(Duration.ofSeconds(30), () -> {
      for (int i = 0; i < 200; i++) {
        assertThat(matches("**a**a**a**a**a**a**a**a**a**a**b", "a".repeat(80))).isFalse();
        assertThat(matches("*a*a*a*a*a*a*a*a*a*a*a*a*b", longAddress)).isFalse();
        assertThat(matches("**.x[\"*a*a*a*a*a*a*a*a*b\"]", longAddress)).isFalse();
        assertThat(matches("**.x[\"*a*a*a*a*a*a*a*a*\"]", longAddress)).isTrue();
      }
    });
  }

  /**
   * The automaton means exactly what the regular expression the glob used to be compiled to
   * means (kept here as the oracle), on globs and texts made of the characters that matter.
   */
  @Test
  void matchesLikeTheRegularExpressionItReplaced() {
    // Brackets only need balancing in a glob, which few random strings do; they are literal
    // there like any other character, so the texts have them and the globs do not.
    Gen<String> glob = SourceDSL.strings().betweenCodePoints(0, 7).ofLengthBetween(1, 8)
        .map(AddressGlobTest::fromAlphabet);
    // Texts are the glob with each wildcard filled in at random, so most come close to matching.
    Gen<String> fill = SourceDSL.strings().betweenCodePoints(0, 9).ofLengthBetween(0, 3)
        .map(AddressGlobTest::fromAlphabet);
    QuickTheory.qt().withExamples(50_000).forAll(glob, SourceDSL.lists().of(fill).ofSize(8))
        .check((g, fills) -> {
          if (!compiles(g)) {
            return true;
          }
          String t = instantiate(g, fills);
          return AddressGlob.compile(g).matches(t) == oracle(g).matcher(t).matches();
        });
    assertThat(matches("a[\"*\"]", "a[\"x\\\"y\"]")).isTrue();
    assertThat(matches("a[\"*\"]", "a[\"x\"y\"]")).isFalse();
    assertThat(matches("a[\"?\"]", "a[\"\\\"\"]")).isTrue();
    assertThat(matches("a.*", "a.b[\"\\\".\"]")).isTrue();
    assertThat(matches("a.*", "a.b[\"\\\"\"].c")).isFalse();
  }

  private static String instantiate(String glob, java.util.List<String> fills) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < glob.length(); i++) {
      char c = glob.charAt(i);
      sb.append(c == '*' || c == '?' ? fills.get(i % fills.size()) : String.valueOf(c));
    }
    return sb.toString();
  }

  private static final String ALPHABET = "ab.\"\\*?0[]";

  private static String fromAlphabet(String codes) {
    StringBuilder sb = new StringBuilder();
    codes.chars().forEach(c -> sb.append(ALPHABET.charAt(c)));
    return sb.toString();
  }

  private static boolean compiles(String glob) {
    try {
      AddressGlob.compile(glob);
      return true;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  /** How AddressGlob compiled a glob before it became an automaton. */
  private static Pattern oracle(String glob) {
    String inKeyCharacter = "(?:[^\"\\\\]|\\\\.)";
    String inKeyRun = inKeyCharacter + "*";
    String stepRun = "(?:[^.\"]|\"" + inKeyRun + "\")*";
    StringBuilder re = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < glob.length(); i++) {
      char c = glob.charAt(i);
      if (quoted && c == '\\' && i + 1 < glob.length()) {
        re.append(Pattern.quote(glob.substring(i, i + 2)));
        i++;
        continue;
      }
      if (c == '"') {
        quoted = !quoted;
      }
      if (c == '*' && i + 1 < glob.length() && glob.charAt(i + 1) == '*') {
        re.append(".*");
        i++;
      } else if (c == '*') {
        re.append(quoted ? inKeyRun : stepRun);
      } else if (c == '?') {
        re.append(quoted ? inKeyCharacter : "[^.]");
      } else {
        re.append(Pattern.quote(String.valueOf(c)));
      }
    }
    return Pattern.compile(re.toString(), Pattern.DOTALL);
  }
}
