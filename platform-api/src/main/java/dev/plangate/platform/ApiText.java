package dev.plangate.platform;

import java.time.Duration;
import java.util.Map;

/** The words of API failures: reason phrases, text from the server made safe, durations. */
public final class ApiText {
  private ApiText() {}

  /** How much of the platform's message a failure quotes. */
  public static final int MAX_MESSAGE_CHARS = 200;

  private static final Map<Integer, String> REASONS = Map.ofEntries(
      Map.entry(400, "Bad Request"), Map.entry(401, "Unauthorized"), Map.entry(403, "Forbidden"),
      Map.entry(404, "Not Found"), Map.entry(405, "Method Not Allowed"),
      Map.entry(409, "Conflict"), Map.entry(410, "Gone"), Map.entry(413, "Payload Too Large"),
      Map.entry(422, "Unprocessable Entity"), Map.entry(429, "Too Many Requests"),
      Map.entry(500, "Internal Server Error"), Map.entry(502, "Bad Gateway"),
      Map.entry(503, "Service Unavailable"), Map.entry(504, "Gateway Timeout"));

  /** "Bad Gateway" for 502; empty for a code without a well-known phrase. */
  public static String reason(int status) {
    return REASONS.getOrDefault(status, "");
  }

  /**
   * Text from the server made safe for a one-line message: control and format characters
   * (line breaks, escapes, bidi overrides, zero-width characters) become spaces, runs of spaces
   * one, and the result is cut to {@code max} characters, never inside a surrogate pair.
   */
  public static String clean(String s, int max) {
    StringBuilder b = new StringBuilder(Math.min(s.length(), max + 1));
    boolean space = false;
    for (int i = 0; i < s.length() && b.length() <= max; ) {
      int cp = s.codePointAt(i);
      i += Character.charCount(cp);
      int type = Character.getType(cp);
      boolean blank = Character.isWhitespace(cp) || type == Character.CONTROL
          || type == Character.FORMAT || type == Character.LINE_SEPARATOR
          || type == Character.PARAGRAPH_SEPARATOR;
      if (blank) {
        space = b.length() > 0;
        continue;
      }
      if (space) {
        b.append(' ');
        space = false;
      }
      b.appendCodePoint(cp);
    }
    if (b.length() > max) {
      int cut = max - 1; // room for the ellipsis
      if (cut > 0 && Character.isHighSurrogate(b.charAt(cut - 1))) {
        cut--;
      }
      b.setLength(cut);
      b.append('…');
    }
    return b.toString();
  }

  /** "45 s", "3 min 20 s", "2 h 5 min": how long to wait, for people. */
  public static String duration(Duration d) {
    long s = Math.max(0, (d.toMillis() + 999) / 1000);
    if (s < 120) {
      return s + " s";
    }
    if (s < 3600) {
      return (s / 60) + " min" + (s % 60 == 0 ? "" : " " + (s % 60) + " s");
    }
    return (s / 3600) + " h" + ((s % 3600) / 60 == 0 ? "" : " " + (s % 3600) / 60 + " min");
  }
}
