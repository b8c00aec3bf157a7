package dev.plangate.core.policy;

import java.util.regex.Pattern;

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
  /** Within a quoted key: any character but an unescaped quote. */
  private static final String IN_KEY_CHARACTER = "(?:[^\"\\\\]|\\\\.)";
  private static final String IN_KEY_RUN = IN_KEY_CHARACTER + "*";
  /** Within a step: characters other than a dot or a quote, or whole quoted keys. */
  private static final String STEP_RUN = "(?:[^.\"]|\"" + IN_KEY_RUN + "\")*";

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
      if (quoted && c == '\\' && i + 1 < glob.length()) {
        re.append(Pattern.quote(glob.substring(i, i + 2)));
        i++;
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
        re.append(".*");
        i++;
      } else if (c == '*') {
        re.append(quoted ? IN_KEY_RUN : STEP_RUN);
      } else if (c == '?') {
        re.append(quoted ? IN_KEY_CHARACTER : "[^.]");
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
