package dev.plangate.core.policy;

import java.util.regex.Pattern;

/**
 * A glob over resource addresses or types, as written in the policy. {@code *} matches any run
 * of characters within one address step (not a {@code .}), {@code **} matches anything,
 * {@code ?} one character other than {@code .}; everything else, brackets and quotes included,
 * is literal, so {@code aws_instance.web["a"]} needs no escaping.
 */
public final class AddressGlob {
  private final String pattern;
  private final Pattern regex;

  private AddressGlob(String pattern, Pattern regex) {
    this.pattern = pattern;
    this.regex = regex;
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
    StringBuilder re = new StringBuilder();
    boolean quoted = false;
    int depth = 0;
    for (int i = 0; i < glob.length(); i++) {
      char c = glob.charAt(i);
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
        re.append(".*");
        i++;
      } else if (c == '*') {
        re.append("[^.]*");
      } else if (c == '?') {
        re.append("[^.]");
      } else {
        re.append(Pattern.quote(String.valueOf(c)));
      }
    }
    if (quoted) {
      throw new IllegalArgumentException("unterminated quote");
    }
    if (depth != 0) {
      throw new IllegalArgumentException("\"[\" is never closed");
    }
    return new AddressGlob(glob, Pattern.compile(re.toString(), Pattern.DOTALL));
  }

  /** The glob as written. */
  public String pattern() {
    return pattern;
  }

  /** Whether the whole text matches. */
  public boolean matches(String text) {
    return text != null && regex.matcher(text).matches();
  }

  @Override
  public String toString() {
    return pattern;
  }
}
