package dev.plangate.core.authorship;

import java.util.regex.Pattern;

/**
 * Runs a regular expression on text anyone can write (commit messages, trailers, names, branch
 * names, environment values) with a bound on the work. Patterns come from the catalogue and from
 * the user's policy; a pattern such as {@code (a+)+$} backtracks exponentially, and a commit
 * message chosen for it would hang the gate. The text is handed to the matcher as a
 * {@link CharSequence} that counts the characters the matcher reads and stops it past a budget
 * that grows with the text's length: ordinary patterns read each character a few times and never
 * come near it.
 */
final class BoundedText implements CharSequence {
  /** Reads allowed per character of text, plus {@link #BASE_READS} for short texts. */
  static final long READS_PER_CHAR = 200;
  static final long BASE_READS = 1_000_000;

  static final int NONE = -1;
  /** The pattern was stopped before it decided. */
  static final int STOPPED = -2;

  /** Thrown out of the matcher when the budget is spent; carries no stack trace. */
  private static final class Exhausted extends RuntimeException {
    Exhausted() {
      super(null, null, false, false);
    }
  }

  private static final Exhausted EXHAUSTED = new Exhausted();

  private final String text;
  private final int offset;
  private final int length;
  private final long[] left;

  private BoundedText(String text, int offset, int length, long[] left) {
    this.text = text;
    this.offset = offset;
    this.length = length;
    this.left = left;
  }

  /**
   * Where {@code pattern} matches {@code text}: the start of the first match ({@code whole}:
   * 0 when all of it matches), {@link #NONE}, or {@link #STOPPED} when the pattern took too long
   * to decide.
   */
  static int search(Pattern pattern, String text, boolean whole) {
    long budget = BASE_READS + READS_PER_CHAR * text.length();
    var m = pattern.matcher(new BoundedText(text, 0, text.length(), new long[] {budget}));
    try {
      if (whole) {
        return m.matches() ? 0 : NONE;
      }
      return m.find() ? m.start() : NONE;
    } catch (Exhausted e) {
      return STOPPED;
    }
  }

  @Override
  public char charAt(int index) {
    if (--left[0] < 0) {
      throw EXHAUSTED;
    }
    return text.charAt(offset + index);
  }

  @Override
  public int length() {
    return length;
  }

  @Override
  public CharSequence subSequence(int start, int end) {
    return new BoundedText(text, offset + start, end - start, left);
  }

  @Override
  public String toString() {
    return text.substring(offset, offset + length);
  }
}
