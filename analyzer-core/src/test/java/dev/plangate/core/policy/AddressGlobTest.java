package dev.plangate.core.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.plangate.core.model.AddressStep;
import dev.plangate.core.model.ResourceAddress;
import java.util.Collections;
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
    Gen<String> ident = SourceDSL.strings().betweenCodePoints('a', 'z').ofLengthBetween(1, 6);
    Gen<String> key = SourceDSL.integers().between(0, 3).zip(
        SourceDSL.strings().basicLatinAlphabet().ofLengthBetween(0, 6), (kind, s) -> switch (kind) {
          case 0 -> null;
          case 1 -> String.valueOf(s.length());
          default -> "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
        });
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
}
