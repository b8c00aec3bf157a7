package dev.plangate.core.authorship;

import dev.plangate.core.git.Commit;
import dev.plangate.core.git.CommitRange;
import dev.plangate.core.git.Trailer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Commit fixtures as the git reader would build them. Trailers come from the message's last
 * paragraph, the way {@code git interpret-trailers --parse} finds them when every line of that
 * paragraph is a trailer; prose paragraphs above it never yield trailers.
 */
final class Commits {
  private static final Pattern TRAILER = Pattern.compile("([A-Za-z0-9][A-Za-z0-9-]*):\\s*(.*)");
  private static final Pattern IDENT = Pattern.compile("(.*?)\\s*<([^>]*)>");
  private static final String PARENT = "5b0f2c7e9a4d31f8c6e2a07b9d4e1f3a8c5b2d60";

  private Commits() {}

  /** Authored and committed by the same person, {@code Name <email>}. */
  static Commit commit(String sha, String author, String message) {
    return commit(sha, author, author, message, null);
  }

  static Commit commit(String sha, String author, String committer, String message,
      String aiNote) {
    Matcher a = ident(author);
    Matcher c = ident(committer);
    return new Commit(sha, List.of(PARENT), a.group(1), a.group(2), c.group(1), c.group(2),
        Instant.parse("2026-08-14T09:21:37Z"), message.lines().findFirst().orElse(""), message,
        trailersOf(message), aiNote);
  }

  /** The same commit with trailers given explicitly (what git reported, nothing parsed). */
  static Commit withTrailers(Commit c, List<Trailer> trailers) {
    return new Commit(c.sha(), c.parents(), c.authorName(), c.authorEmail(), c.committerName(),
        c.committerEmail(), c.committedAt(), c.subject(), c.message(), trailers, c.aiNote());
  }

  static CommitRange range(boolean complete, Commit... commits) {
    return new CommitRange("origin/main", "HEAD",
        commits.length == 0 ? PARENT : commits[commits.length - 1].sha(), List.of(commits),
        complete ? null
            : "The clone is shallow and does not reach origin/main; fetch with fetch-depth: 0.");
  }

  static List<Trailer> trailersOf(String message) {
    String[] paragraphs = message.strip().split("\\n\\s*\\n");
    if (paragraphs.length < 2) {
      return List.of();
    }
    List<Trailer> out = new ArrayList<>();
    for (String line : paragraphs[paragraphs.length - 1].split("\\n")) {
      Matcher m = TRAILER.matcher(line);
      if (!m.matches()) {
        return List.of();
      }
      out.add(new Trailer(m.group(1), m.group(2).strip()));
    }
    return out;
  }

  private static Matcher ident(String person) {
    Matcher m = IDENT.matcher(person);
    if (!m.matches()) {
      throw new IllegalArgumentException("not Name <email>: " + person);
    }
    return m;
  }
}
