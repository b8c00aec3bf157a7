package dev.plangate.github;

import dev.plangate.core.git.Commit;
import dev.plangate.core.git.Trailer;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The GitHub logins that took part in a pull request's commits, as authors, committers or
 * co-authors. None of them may approve: a local agent runs with its human's token, so a label
 * "by the human" may be the agent's; and GitHub's own rule is that whoever asked Copilot for a
 * change (named in its Co-authored-by trailer) cannot approve it.
 */
final class Participants {
  /** {@code 1001+alice@users.noreply.github.com}, or the older {@code alice@users...}. */
  private static final Pattern NOREPLY = Pattern.compile(
      "(?:\\d+\\+)?([A-Za-z0-9](?:[A-Za-z0-9-]{0,38})(?:\\[bot\\])?)@users\\.noreply\\.github\\.com",
      Pattern.CASE_INSENSITIVE);
  private static final Pattern CO_AUTHOR = Pattern.compile(
      "(?im)^co-authored-by:[^<\\n]*<([^>\\n]+)>\\s*$");

  private Participants() {}

  /**
   * Lowercase login → what they did, from the API's commit list (accounts and messages) and
   * the local history (which has every commit when the API stops at 250).
   */
  static Map<String, String> of(List<PullRequestCommit> apiCommits, List<Commit> localCommits) {
    Map<String, String> out = new LinkedHashMap<>();
    for (PullRequestCommit c : apiCommits) {
      String sha = Commit.shortSha(c.sha());
      put(out, c.author().login(), "authored commit " + sha);
      put(out, c.committer().login(), "committed " + sha);
      put(out, login(c.authorEmail()), "authored commit " + sha);
      put(out, login(c.committerEmail()), "committed " + sha);
      Matcher m = CO_AUTHOR.matcher(c.message());
      while (m.find()) {
        put(out, login(m.group(1)), "is a co-author of commit " + sha);
      }
    }
    for (Commit c : localCommits) {
      String sha = Commit.shortSha(c.sha());
      put(out, login(c.authorEmail()), "authored commit " + sha);
      put(out, login(c.committerEmail()), "committed " + sha);
      for (Trailer t : c.trailers()) {
        if ("co-authored-by".equalsIgnoreCase(t.key()) && t.value() != null) {
          int lt = t.value().indexOf('<');
          int gt = t.value().indexOf('>', lt + 1);
          if (lt >= 0 && gt > lt) {
            put(out, login(t.value().substring(lt + 1, gt)), "is a co-author of commit " + sha);
          }
        }
      }
    }
    return out;
  }

  /** The login of a GitHub noreply address, or null for any other email. */
  static String login(String email) {
    if (email == null) {
      return null;
    }
    Matcher m = NOREPLY.matcher(email.strip());
    return m.matches() ? m.group(1) : null;
  }

  private static void put(Map<String, String> out, String login, String what) {
    if (login != null && !login.isBlank()) {
      out.putIfAbsent(login.toLowerCase(Locale.ROOT), what);
    }
  }
}
