package dev.plangate.core.report;

/**
 * Escaping for text that came from input: resource addresses, reasons, file names. Everything a
 * plan author controls is attacker-controlled, so renderers pass every such string through here.
 */
public final class Escape {
  private Escape() {}

  /**
   * For a terminal: control characters (including ESC, so no colour or cursor tricks),
   * C1 controls and Unicode bidirectional overrides become visible {@code \\u} escapes.
   */
  public static String terminal(String s) {
    if (s == null) {
      return "";
    }
    StringBuilder sb = null;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (unsafeForTerminal(c)) {
        if (sb == null) {
          sb = new StringBuilder(s.length() + 16).append(s, 0, i);
        }
        sb.append(String.format("\\u%04x", (int) c));
      } else if (sb != null) {
        sb.append(c);
      }
    }
    return sb == null ? s : sb.toString();
  }

  /**
   * For Markdown (GitHub-flavoured), in text or table cells: every character with meaning in
   * Markdown or HTML becomes an entity, so input can neither format, link, mention, nor break out
   * of a table, a code span or a details block. Line breaks become spaces.
   */
  public static String markdown(String s) {
    if (s == null) {
      return "";
    }
    StringBuilder sb = new StringBuilder(s.length() + 16);
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '&' -> sb.append("&amp;");
        case '<' -> sb.append("&lt;");
        case '>' -> sb.append("&gt;");
        case '"' -> sb.append("&quot;");
        case '\'' -> sb.append("&#39;");
        case '|', '`', '*', '_', '[', ']', '(', ')', '\\', '~', '#', '@', '!', '{', '}', '$',
            ':' -> sb.append("&#").append((int) c).append(';');
        case '\n', '\r', '\t' -> sb.append(' ');
        default -> {
          if (unsafeForTerminal(c)) {
            // Visible, like terminal(): an entity would be decoded back into the character.
            sb.append("&#92;u").append(String.format("%04x", (int) c));
          } else {
            sb.append(c);
          }
        }
      }
    }
    return sb.toString();
  }

  /** Inline code in Markdown that input cannot break out of. */
  public static String markdownCode(String s) {
    return "<code>" + markdown(s) + "</code>";
  }

  /**
   * For a Mermaid node label inside double quotes: everything but letters, digits and a few
   * harmless punctuation marks becomes a Mermaid entity code ({@code #34;}), so a label can end
   * neither the string, the node, nor the surrounding code fence.
   */
  public static String mermaid(String s) {
    if (s == null) {
      return "";
    }
    StringBuilder sb = new StringBuilder(s.length() + 16);
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (Character.isLetterOrDigit(c) && c < 128 || c == '.' || c == '-' || c == '_' || c == ' '
          || c == '/' || c == ',' || c == ':' || c == '=') {
        sb.append(c);
      } else if (unsafeForTerminal(c)) {
        sb.append("#92;u").append(String.format("%04x", (int) c));
      } else {
        sb.append('#').append((int) c).append(';');
      }
    }
    return sb.toString();
  }

  private static boolean unsafeForTerminal(char c) {
    return c < 0x20 || (c >= 0x7f && c <= 0x9f)
        || (c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069)
        || c == 0x200e || c == 0x200f || c == 0x061c;
  }
}
