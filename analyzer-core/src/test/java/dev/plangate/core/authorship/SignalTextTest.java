package dev.plangate.core.authorship;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link SignalText}: what folding undoes, and what it must keep, since every rule is matched
 * against the folded text. Anything folding lets through unchanged is a way to hide a signal;
 * anything it changes that it should not (a line feed) breaks the rules that read lines.
 */
class SignalTextTest {

  @Test
  void nullStaysNullAndEmptyStaysEmpty() {
    assertThat(SignalText.fold(null)).isNull();
    assertThat(SignalText.fold("")).isEmpty();
    assertThat(SignalText.key(null)).isNull();
    assertThat(SignalText.email(null)).isNull();
  }

  @ParameterizedTest
  @ValueSource(strings = {"\u200b", "\u200d", "\u2060", "\ufeff", "\u00ad", "\u202e", "\u2066",
      "\u034f", "\ufe00", "\ufe0f", "\udb40\udd00", "\udb40\uddef", "\u115f", "\u1160",
      "\u3164", "\uffa0", "\u180e"})
  void everyInvisibleCharacterIsRemoved(String invisible) {
    assertThat(SignalText.fold("noreply" + invisible + "@anthropic.com"))
        .isEqualTo("noreply@anthropic.com");
  }

  @Test
  void charactersJustOutsideTheInvisibleRangesAreKept() {
    // U+E01F0 follows the last variation selector: nothing says it draws as nothing
    assertThat(SignalText.fold("a\udb40\uddf0b")).isEqualTo("a\udb40\uddf0b");
  }

  @Test
  void everyDashIsAHyphenAndTheHyphenItselfStays() {
    assertThat(SignalText.fold("Co\u2010authored\u2011by")).isEqualTo("Co-authored-by");
    assertThat(SignalText.fold("Co\u2013authored\u2014by")).isEqualTo("Co-authored-by");
    assertThat(SignalText.fold("Co\u2212authored-by\u00e9")).isEqualTo("Co-authored-by\u00e9");
  }

  @Test
  void everySpaceIsASpaceButLineFeedsTabsAndCarriageReturnsStay() {
    // a non-ASCII character sends the text through the slow path, where each case is decided
    assertThat(SignalText.fold("\u00e9 a\u00a0b\u2003c\u3000d\u2028e\u2029f\u000bg\u000ch"))
        .isEqualTo("\u00e9 a b c d e f g h");
    assertThat(SignalText.fold("\u00e9\nCo-authored-by:\tx\r\n"))
        .isEqualTo("\u00e9\nCo-authored-by:\tx\r\n");
  }

  @Test
  void latinLookAlikesBecomeLatinAndOtherLettersStay() {
    // the first and last entries of the table, and letters with no Latin twin
    assertThat(SignalText.fold("\u0430nthropic")).isEqualTo("anthropic");
    assertThat(SignalText.fold("\u03a7")).isEqualTo("X");
    assertThat(SignalText.fold("\u0436\u03bb")).isEqualTo("\u0436\u03bb");
    // a character outside the Basic Multilingual Plane is never looked up as its low half
    assertThat(SignalText.fold("\ud801\udc30")).isEqualTo("\ud801\udc30");
    assertThat(SignalText.fold("\ud83e\udd16 bot")).isEqualTo("\ud83e\udd16 bot");
  }

  @Test
  void fullwidthFormsAreFoldedByNfkc() {
    assertThat(SignalText.fold("noreply\uff20anthropic\uff0ecom"))
        .isEqualTo("noreply@anthropic.com");
  }

  @Test
  void aKeyIsFoldedTrimmedAndLowerCase() {
    assertThat(SignalText.key("  Co\u2011Authored\u200b-By ")).isEqualTo("co-authored-by");
  }

  @Test
  void anEmailLosesItsSpacesAndItsAngleBrackets() {
    assertThat(SignalText.email("<< noreply @ anthropic.com >>")).isEqualTo("noreply@anthropic.com");
    assertThat(SignalText.email("noreply@anthropic.com>")).isEqualTo("noreply@anthropic.com");
    assertThat(SignalText.email("\tno\u00a0reply@anthropic.com\n")).isEqualTo("noreply@anthropic.com");
  }
}
