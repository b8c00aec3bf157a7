package dev.plangate.gitlab;

import com.fasterxml.jackson.databind.JsonNode;
import dev.plangate.core.git.Commit;
import dev.plangate.core.git.Trailer;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Who took part in a merge request's commits, as authors, committers or co-authors: their
 * emails and names (lowercase) → what they did. GitLab does not tie a commit to an account, so
 * an approver is matched by username, display name, public email and GitLab's noreply address
 * ({@code 123-alice@users.noreply.gitlab.com}). A false match only refuses a sign-off, never
 * grants one.
 */
final class Participants {
  private static final Pattern NOREPLY = Pattern.compile(
      "(\\d+)-([A-Za-z0-9_.-]+)@users\\.noreply\\.[A-Za-z0-9.-]+", Pattern.CASE_INSENSITIVE);
  private static final Pattern CO_AUTHOR = Pattern.compile(
      "(?im)^co-authored-by:\\s*([^<\\n]*?)\\s*<([^>\\n]+)>\\s*$");

  private final Map<String, String> byKey;

  private Participants(Map<String, String> byKey) {
    this.byKey = Map.copyOf(byKey);
  }

  static Participants of(List<JsonNode> apiCommits, List<Commit> localCommits) {
    Map<String, String> out = new LinkedHashMap<>();
    for (JsonNode c : apiCommits) {
      String sha = Commit.shortSha(c.path("id").asText(""));
      person(out, c.path("author_name").asText(null), c.path("author_email").asText(null),
          "authored commit " + sha);
      person(out, c.path("committer_name").asText(null), c.path("committer_email").asText(null),
          "committed " + sha);
      Matcher m = CO_AUTHOR.matcher(c.path("message").asText(""));
      while (m.find()) {
        person(out, m.group(1), m.group(2), "is a co-author of commit " + sha);
      }
    }
    for (Commit c : localCommits) {
      String sha = Commit.shortSha(c.sha());
      person(out, c.authorName(), c.authorEmail(), "authored commit " + sha);
      person(out, c.committerName(), c.committerEmail(), "committed " + sha);
      for (Trailer t : c.trailers()) {
        if ("co-authored-by".equalsIgnoreCase(t.key()) && t.value() != null) {
          Matcher m = CO_AUTHOR.matcher("Co-authored-by: " + t.value().strip());
          if (m.find()) {
            person(out, m.group(1), m.group(2), "is a co-author of commit " + sha);
          }
        }
      }
    }
    return new Participants(out);
  }

  /** What this person did in the commits, or null when nothing matches them. */
  String of(GitLabUser user, String publicEmail) {
    for (String key : new String[] {"id:" + user.id(), "name:" + norm(user.username()),
        "name:" + norm(user.name()), "email:" + norm(publicEmail)}) {
      String did = byKey.get(key);
      if (did != null && !key.equals("name:") && !key.equals("email:")) {
        return did;
      }
    }
    return null;
  }

  private static void person(Map<String, String> out, String name, String email, String what) {
    if (name != null && !name.isBlank()) {
      out.putIfAbsent("name:" + norm(name), what);
    }
    if (email != null && !email.isBlank()) {
      out.putIfAbsent("email:" + norm(email), what);
      Matcher m = NOREPLY.matcher(email.strip());
      if (m.matches()) {
        out.putIfAbsent("id:" + m.group(1), what);
        out.putIfAbsent("name:" + norm(m.group(2)), what);
      }
    }
  }

  private static String norm(String s) {
    return s == null ? "" : s.strip().toLowerCase(Locale.ROOT);
  }
}
