package dev.plangate.core.authorship;

import java.util.regex.Pattern;

/**
 * One pattern that marks AI involvement. The built-in catalogue is a list of these
 * ({@code ai-signals.json}); a policy file adds more.
 *
 * @param agent display name of the agent the rule identifies
 * @param where what the rule looks at
 * @param key trailer key (TRAILER, compared case-insensitively), branch prefix (BRANCH) or
 *     variable name (ENVIRONMENT); null otherwise
 * @param pattern what the looked-at text must contain (EMAIL and NAME: must match whole,
 *     case-insensitively); null means any non-empty value
 * @param confidence how much a match says
 */
public record SignalRule(
    String agent, Where where, String key, Pattern pattern, Confidence confidence) {

  /** What a rule looks at. */
  public enum Where {
    /** A trailer's value, for the trailer named by {@code key}. */
    TRAILER,
    /** Author and committer email, and the email in person trailers such as Co-authored-by. */
    EMAIL,
    /** Author and committer name. */
    NAME,
    /** The whole commit message. */
    MESSAGE,
    /** The name of the branch being checked, by prefix {@code key}. */
    BRANCH,
    /** An environment variable of the running process (local checks only). */
    ENVIRONMENT,
    /** A note under {@code refs/notes/ai} exists for the commit. */
    NOTE
  }
}
