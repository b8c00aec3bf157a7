package dev.plangate.core.plan;

/**
 * A plan file that cannot be read: missing, truncated, not JSON, not a plan, or of a version
 * plangate does not understand. The message is one line naming the file and the reason.
 */
public final class PlanReadException extends Exception {
  private final String file;
  private final String reason;
  private final int line;
  private final int column;

  public PlanReadException(String file, String reason) {
    this(file, 0, 0, reason, null);
  }

  public PlanReadException(String file, String reason, Throwable cause) {
    this(file, 0, 0, reason, cause);
  }

  /**
   * A problem at a place in the file; the message reads {@code file: line:column: reason} (the
   * column left out when 0), the form compilers use.
   *
   * @param line 1-based, or 0 when unknown
   * @param column 1-based, or 0 when unknown
   */
  public PlanReadException(String file, int line, int column, String reason, Throwable cause) {
    super(oneLine(file) + ": " + position(line, column) + oneLine(reason), cause);
    this.file = file;
    this.reason = oneLine(reason);
    this.line = Math.max(0, line);
    this.column = line > 0 ? Math.max(0, column) : 0;
  }

  /** {@code "12:5: "}, {@code "12: "} or nothing. */
  public static String position(int line, int column) {
    return line <= 0 ? "" : line + (column > 0 ? ":" + column : "") + ": ";
  }

  /**
   * Reasons quote the input ("unsupported format_version ..."); a line break or other control
   * character in what they quote would split the one line the contract promises, so it is
   * written as an escape instead.
   */
  public static String oneLine(String text) {
    if (text == null) {
      return "";
    }
    StringBuilder sb = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (!Character.isISOControl(c) && c != '\u2028' && c != '\u2029') {
        sb.append(c);
      } else if (c == '\n') {
        sb.append("\\n");
      } else if (c == '\r') {
        sb.append("\\r");
      } else if (c == '\t') {
        sb.append("\\t");
      } else {
        sb.append(String.format("\\u%04x", (int) c));
      }
    }
    return sb.toString();
  }

  public String file() {
    return file;
  }

  /** Why, with the place in front when there is one ({@code "12:5: expected ..."}). */
  public String reason() {
    return position(line, column) + reason;
  }

  /** Why, without the place. */
  public String detail() {
    return reason;
  }

  /** The 1-based line the reason is about, or 0. */
  public int line() {
    return line;
  }

  /** The 1-based column, or 0. */
  public int column() {
    return column;
  }
}
