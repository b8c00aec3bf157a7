package dev.plangate.core.policy;

import java.util.Arrays;

/**
 * A glob over resource addresses or types, as written in the policy. {@code *} matches any run
 * of characters within one address step: it stops at a {@code .} between steps but not at one
 * inside a quoted key, so {@code aws_route53_record.*} matches
 * {@code aws_route53_record.r["www.example.com"]} (a protect rule that silently missed such keys
 * would fail open). {@code **} matches anything, across steps. {@code ?} matches one character
 * other than {@code .}. Everything else, brackets and quotes included, is literal, so
 * {@code aws_instance.web["a"]} needs no escaping; inside a quoted key a backslash escape such
 * as {@code \"} is literal too, as Terraform writes it.
 */
public final class AddressGlob {
  // What each compiled element matches. A glob is matched by running these elements as a small
  // automaton over the text, never as a backtracking regular expression: a policy may come from
  // the repository under review, and ten **a in a row made a regex take over a minute on one
  // 80-character address. The automaton takes time proportional to glob length times text
  // length.
  /** One character, itself ({@link #literal}). */
  private static final byte LITERAL = 0;
  /** {@code **}: any run of characters. */
  private static final byte ANY_RUN = 1;
  /** {@code *} outside quotes: characters other than a dot or a quote, or whole quoted keys. */
  private static final byte STEP_RUN = 2;
  /** {@code ?} outside quotes: one character other than a dot. */
  private static final byte STEP_CHARACTER = 3;
  /** {@code *} inside quotes: characters other than a quote, a backslash escape counting as one. */
  private static final byte KEY_RUN = 4;
  /** {@code ?} inside quotes: one character other than a quote, or one backslash escape. */
  private static final byte KEY_CHARACTER = 5;

  /**
   * Sub-states of an element, so that a run can be inside a quoted key of the text (or just past
   * a backslash there) while it matches. Every element uses {@link #AT_START}; the others only
   * where noted.
   */
  private static final int AT_START = 0;
  /** STEP_RUN inside a quoted key of the text; KEY_RUN and KEY_CHARACTER after a backslash. */
  private static final int IN_KEY = 1;
  /** STEP_RUN after a backslash inside a quoted key of the text. */
  private static final int IN_KEY_ESCAPE = 2;
  private static final int SUB_STATES = 3;

  private final String pattern;
  private final byte[] kinds;
  private final char[] literal;

  private AddressGlob(String pattern, byte[] kinds, char[] literal) {
    this.pattern = pattern;
    this.kinds = kinds;
    this.literal = literal;
  }

  /**
   * Compiles a glob.
   *
   * @throws IllegalArgumentException with a reason fit for an error message
   */
  public static AddressGlob compile(String glob) {
    if (glob == null || glob.isBlank()) {
      throw new IllegalArgumentException("an empty glob matches nothing");
    }
    if (glob.contains("***")) {
      throw new IllegalArgumentException("\"***\" is not a glob; use \"**\" to match anything");
    }
    byte[] kinds = new byte[glob.length()];
    char[] literal = new char[glob.length()];
    int n = 0;
    boolean quoted = false;
    int depth = 0;
    for (int i = 0; i < glob.length(); i++) {
      char c = glob.charAt(i);
      if (quoted && c == '\\' && i + 1 < glob.length()) {
        // An escape inside a quoted key is literal, both characters.
        literal[n++] = c;
        literal[n++] = glob.charAt(++i);
        continue;
      }
      if (c == '"') {
        quoted = !quoted;
      } else if (!quoted && c == '[') {
        depth++;
      } else if (!quoted && c == ']') {
        if (--depth < 0) {
          throw new IllegalArgumentException("\"]\" at position " + (i + 1) + " has no \"[\"");
        }
      } else if (!quoted && Character.isWhitespace(c)) {
        throw new IllegalArgumentException("whitespace at position " + (i + 1)
            + " (addresses contain none outside quoted keys)");
      }
      if (c == '*' && i + 1 < glob.length() && glob.charAt(i + 1) == '*') {
        kinds[n++] = ANY_RUN;
        i++;
      } else if (c == '*') {
        kinds[n++] = quoted ? KEY_RUN : STEP_RUN;
      } else if (c == '?') {
        kinds[n++] = quoted ? KEY_CHARACTER : STEP_CHARACTER;
      } else {
        literal[n++] = c; // kinds[n] is LITERAL (0) already
      }
    }
    if (quoted) {
      throw new IllegalArgumentException("unterminated quote");
    }
    if (depth != 0) {
      throw new IllegalArgumentException("\"[\" is never closed");
    }
    return new AddressGlob(glob, Arrays.copyOf(kinds, n), Arrays.copyOf(literal, n));
  }

  /** The glob as written. */
  public String pattern() {
    return pattern;
  }

  /** Whether the whole text matches. */
  public boolean matches(String text) {
    if (text == null) {
      return false;
    }
    int elements = kinds.length;
    // State (element e, sub-state s) is index e * SUB_STATES + s; e == elements accepts.
    boolean[] now = new boolean[(elements + 1) * SUB_STATES];
    boolean[] next = new boolean[now.length];
    now[AT_START] = true;
    skipEmptyRuns(now);
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      boolean any = false;
      for (int e = 0; e < elements; e++) {
        int at = e * SUB_STATES;
        if (now[at + AT_START]) {
          any |= stepFromStart(e, c, next);
        }
        if (now[at + IN_KEY]) {
          any |= stepInKey(e, c, next);
        }
        if (now[at + IN_KEY_ESCAPE]) {
          next[at + IN_KEY] = true; // STEP_RUN: the escaped character, whatever it is
          any = true;
        }
      }
      if (!any) {
        return false;
      }
      skipEmptyRuns(next);
      boolean[] swap = now;
      now = next;
      next = swap;
      Arrays.fill(next, false);
    }
    return now[elements * SUB_STATES + AT_START];
  }

  /** Adds the moves of element {@code e} at its start on character {@code c}. */
  private boolean stepFromStart(int e, char c, boolean[] next) {
    int self = e * SUB_STATES;
    int after = self + SUB_STATES;
    switch (kinds[e]) {
      case LITERAL -> {
        if (c != literal[e]) {
          return false;
        }
        next[after] = true;
      }
      case ANY_RUN -> next[self] = true;
      case STEP_RUN -> {
        if (c == '.') {
          return false;
        }
        next[c == '"' ? self + IN_KEY : self] = true;
      }
      case STEP_CHARACTER -> {
        if (c == '.') {
          return false;
        }
        next[after] = true;
      }
      case KEY_RUN -> {
        if (c == '"') {
          return false;
        }
        next[c == '\\' ? self + IN_KEY : self] = true;
      }
      default -> { // KEY_CHARACTER
        if (c == '"') {
          return false;
        }
        next[c == '\\' ? self + IN_KEY : after] = true;
      }
    }
    return true;
  }

  /** Adds the moves of element {@code e} inside a key (or after a backslash there). */
  private boolean stepInKey(int e, char c, boolean[] next) {
    int self = e * SUB_STATES;
    switch (kinds[e]) {
      case STEP_RUN -> {
        if (c == '"') {
          next[self] = true; // the quoted key ends: a step character again
        } else {
          next[c == '\\' ? self + IN_KEY_ESCAPE : self + IN_KEY] = true;
        }
      }
      case KEY_RUN -> next[self] = true; // the character after a backslash
      default -> next[self + SUB_STATES] = true; // KEY_CHARACTER: ditto, and it is done
    }
    return true;
  }

  /** A run may match nothing: wherever one can start, the element after it can start too. */
  private void skipEmptyRuns(boolean[] states) {
    for (int e = 0; e < kinds.length; e++) {
      if (states[e * SUB_STATES + AT_START] && kinds[e] != LITERAL
          && kinds[e] != STEP_CHARACTER && kinds[e] != KEY_CHARACTER) {
        states[(e + 1) * SUB_STATES + AT_START] = true;
      }
    }
  }

  @Override
  public String toString() {
    return pattern;
  }
}
