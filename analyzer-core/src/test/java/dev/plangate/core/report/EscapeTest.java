package dev.plangate.core.report;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The escaping every renderer relies on for text that came from a plan. */
class EscapeTest {
  private static final String HOSTILE = Reports.HOSTILE_ADDRESS;

  // ---- terminal ----------------------------------------------------------------------------

  @Test
  void terminalLeavesOrdinaryTextAlone() {
    String s = "module.env.aws_db_instance.main[\"eu-west-1a\"] — ünïcode ✓";
    assertThat(Escape.terminal(s)).isSameAs(s);
  }

  @Test
  void terminalNullIsEmpty() {
    assertThat(Escape.terminal(null)).isEmpty();
    assertThat(Escape.markdown(null)).isEmpty();
    assertThat(Escape.mermaid(null)).isEmpty();
  }

  @Test
  void terminalMakesEscapeAndNewlineVisible() {
    assertThat(Escape.terminal(HOSTILE)).isEqualTo(
        "module.x[\"a|b`c*d_e[f](g)<script>alert(1)</script>@team \\u001b[31m\\u000a#h\"]");
  }

  @ParameterizedTest
  @ValueSource(chars = {'\u0000', '\u0007', '\u0008', '\r', '\t', '\u001b', '\u007f', '\u0085',
      '\u009b', '\u061c', '\u200e', '\u200f', '\u202a', '\u202b', '\u202c', '\u202d', '\u202e',
      '\u2066', '\u2067', '\u2068', '\u2069'})
  void terminalEscapesEveryControlAndBidiCharacter(char c) {
    String escaped = Escape.terminal("a" + c + "b");
    assertThat(escaped).isEqualTo("a" + String.format("\\u%04x", (int) c) + "b");
  }

  // ---- Markdown ----------------------------------------------------------------------------

  @Test
  void markdownTurnsEverySpecialCharacterIntoAnEntity() {
    String md = Escape.markdown(HOSTILE);

    assertThat(md).doesNotContain("<").doesNotContain(">").doesNotContain("|")
        .doesNotContain("`").doesNotContain("*").doesNotContain("_").doesNotContain("[")
        .doesNotContain("]").doesNotContain("(").doesNotContain(")").doesNotContain("@")
        .doesNotContain("\"").doesNotContain("\n").doesNotContain("\u001b");
    // '#' only as part of an entity, never starting a heading.
    assertThat(md.replaceAll("&#\\d+;", "")).doesNotContain("#");
    assertThat(md).startsWith("module.x&#91;&quot;a&#124;b&#96;c&#42;d&#95;e");
    assertThat(md).contains("&lt;script&gt;alert&#40;1&#41;&lt;/script&gt;&#64;team");
  }

  @Test
  void markdownEntitiesAreThemselvesEscaped() {
    // "&lt;" in input must show as "&lt;", not as "<".
    assertThat(Escape.markdown("&lt;b&gt;")).isEqualTo("&amp;lt;b&amp;gt;");
  }

  @Test
  void markdownLineBreaksBecomeSpaces() {
    assertThat(Escape.markdown("a\nb\r\nc\td")).isEqualTo("a b  c d");
  }

  @ParameterizedTest
  @ValueSource(chars = {'\u001b', '\u0000', '\u009b', '\u202e', '\u2066', '\u200f'})
  void markdownShowsControlAndBidiCharactersVisibly(char c) {
    String md = Escape.markdown("a" + c + "b");

    assertThat(md).doesNotContain(String.valueOf(c));
    // A numeric entity would be decoded back into the same character by the browser.
    assertThat(md).doesNotContain("&#" + (int) c + ";");
    assertThat(md).isEqualTo("a&#92;u" + String.format("%04x", (int) c) + "b");
  }

  @Test
  void markdownCodeWrapsEscapedText() {
    assertThat(Escape.markdownCode("a`b</code>c"))
        .isEqualTo("<code>a&#96;b&lt;/code&gt;c</code>");
  }

  // ---- Mermaid -----------------------------------------------------------------------------

  @Test
  void mermaidKeepsOnlyHarmlessCharacters() {
    String m = Escape.mermaid(HOSTILE);

    assertThat(m).doesNotContain("\"").doesNotContain("`").doesNotContain("<")
        .doesNotContain(">").doesNotContain("[").doesNotContain("]").doesNotContain("|")
        .doesNotContain("\n").doesNotContain("\u001b").doesNotContain("@");
    assertThat(m).startsWith("module.x#91;#34;a#124;b#96;c#42;d_e#91;f#93;#40;g#41;");
  }

  @Test
  void mermaidLeavesPlainAddressesReadable() {
    assertThat(Escape.mermaid("module.env.aws_db_instance.main")).isEqualTo(
        "module.env.aws_db_instance.main");
    assertThat(Escape.mermaid("root module: 3 dependents")).isEqualTo(
        "root module: 3 dependents");
  }

  @ParameterizedTest
  @ValueSource(chars = {'\u001b', '\u202e', '\u2067'})
  void mermaidShowsBidiCharactersVisibly(char c) {
    String m = Escape.mermaid("a" + c + "b");

    assertThat(m).doesNotContain(String.valueOf(c)).doesNotContain("#" + (int) c + ";");
    assertThat(m).isEqualTo("a#92;u" + String.format("%04x", (int) c) + "b");
  }

  @Test
  void mermaidEscapesNonAsciiLetters() {
    // Letters outside ASCII could be homoglyphs; they become entity codes.
    assertThat(Escape.mermaid("аws")).isEqualTo("#1072;ws");
  }
}
