package dev.plangate.core.plan;

/**
 * A plan file that cannot be read: missing, truncated, not JSON, not a plan, or of a version
 * plangate does not understand. The message is one line naming the file and the reason.
 */
public final class PlanReadException extends Exception {
  private final String file;
  private final String reason;

  public PlanReadException(String file, String reason) {
    super(oneLine(file) + ": " + oneLine(reason));
    this.file = file;
    this.reason = oneLine(reason);
  }

  public PlanReadException(String file, String reason, Throwable cause) {
    super(oneLine(file) + ": " + oneLine(reason), cause);
    this.file = file;
    this.reason = oneLine(reason);
  }

  /**
   * Reasons quote the input ("unsupported format_version ..."); a line break or other control
   * character in what they quote would split the one line the contract promises, so it is
   * written as an escape instead.
   */
  static String oneLine(String text) {
    if (text == null) {
      return "";
    }
    StringBuilder sb = null;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      boolean control = Character.isISOControl(c) || c == '\u2028' || c == '\u2029';
      if (control && sb == null) {
        sb = new StringBuilder(text.length() + 8).append(text, 0, i);
      }
      if (sb == null) {
        continue;
      }
      if (!control) {
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
    return sb == null ? text : sb.toString();
  }

  public String file() {
    return file;
  }

  public String reason() {
    return reason;
  }
}
