package dev.plangate.core.authorship;

import java.text.Normalizer;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Text as signals are matched against it: written differently, read the same.
 *
 * <p>Commit metadata is typed by people and tools and can be written to evade a pattern: a
 * zero-width space inside an email, a bidi control around it, a fullwidth {@code ＠}, a Unicode
 * hyphen in {@code Co‐authored-by}. {@link #fold} undoes each of those before any pattern runs:
 * NFKC (fullwidth and compatibility forms to their plain letters, no-break spaces to spaces),
 * invisible characters removed (format controls, including every zero-width and bidi control,
 * the soft hyphen, variation selectors, the combining grapheme joiner and the Hangul fillers),
 * every dash to {@code -}, every space to {@code ' '}, and a few Cyrillic and Greek letters that
 * look exactly like Latin ones to those Latin letters.
 *
 * <p>Folding only ever makes more text match: the evidence a signal reports is still the text as
 * written, so a reader sees what was there.
 */
final class SignalText {
  /** Cyrillic and Greek letters drawn like Latin ones, and the Latin letter each looks like. */
  private static final String LOOKALIKE_FROM =
      "аеорсухіјѕԁӏАВЕКМНОРСТХІЈЅοαερτυνικχΑΒΕΖΗΙΚΜΝΟΡΤΥΧ";
  private static final String LOOKALIKE_TO =
      "aeopcyxijsdlABEKMHOPCTXIJSoaeptuvikxABEZHIKMNOPTYX";

  static {
    if (LOOKALIKE_FROM.length() != LOOKALIKE_TO.length()) {
      throw new IllegalStateException("look-alike table out of step");
    }
  }

  private static final Pattern WHITESPACE = Pattern.compile("\\p{javaWhitespace}");

  private SignalText() {}

  /** The text with look-alikes and invisible characters undone; null stays null. */
  static String fold(String s) {
    if (s == null || s.isEmpty()) {
      return s;
    }
    if (plain(s)) {
      return s;
    }
    String n = Normalizer.normalize(s, Normalizer.Form.NFKC);
    StringBuilder sb = new StringBuilder(n.length());
    for (int i = 0; i < n.length(); ) {
      int c = n.codePointAt(i);
      i += Character.charCount(c);
      if (invisible(c)) {
        continue;
      }
      if (c != '-' && Character.getType(c) == Character.DASH_PUNCTUATION || c == '\u2212') {
        sb.append('-');
      } else if (c != ' ' && c != '\n' && c != '\t' && Character.isWhitespace(c)
          || Character.getType(c) == Character.SPACE_SEPARATOR) {
        sb.append(c == '\r' ? '\r' : ' ');
      } else {
        int look = c < 0x10000 ? LOOKALIKE_FROM.indexOf((char) c) : -1;
        if (look >= 0) {
          sb.append(LOOKALIKE_TO.charAt(look));
        } else {
          sb.appendCodePoint(c);
        }
      }
    }
    return sb.toString();
  }

  /** A trailer key as compared: folded, trimmed, lower case. */
  static String key(String key) {
    return key == null ? null : fold(key).strip().toLowerCase(Locale.ROOT);
  }

  /**
   * An email as compared: folded, with every space removed (an address holds none; {@code
   * <  noreply@anthropic.com >} is that address) and angle brackets around it dropped.
   */
  static String email(String email) {
    if (email == null) {
      return null;
    }
    String s = WHITESPACE.matcher(fold(email)).replaceAll("");
    int start = 0;
    int end = s.length();
    while (start < end && s.charAt(start) == '<') {
      start++;
    }
    while (end > start && s.charAt(end - 1) == '>') {
      end--;
    }
    return s.substring(start, end);
  }

  /** True when nothing in {@code s} can change: printable ASCII, tab and line feeds only. */
  private static boolean plain(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c > 0x7e || (c < 0x20 && c != '\n' && c != '\t')) {
        return false;
      }
    }
    return true;
  }

  /** Characters that draw as nothing: removed before matching. */
  private static boolean invisible(int c) {
    int type = Character.getType(c);
    return type == Character.FORMAT // zero-width, bidi controls, soft hyphen, BOM, word joiner
        || c == 0x034F // combining grapheme joiner
        || (c >= 0xFE00 && c <= 0xFE0F) || (c >= 0xE0100 && c <= 0xE01EF) // variation selectors
        || c == 0x115F || c == 0x1160 || c == 0x3164 || c == 0xFFA0 // Hangul fillers
        || c == 0x180E; // Mongolian vowel separator (a format control in older Unicode)
  }
}
