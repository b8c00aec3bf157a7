package dev.plangate.core.git;

import java.time.Instant;
import java.util.List;

/**
 * One commit as git reports it.
 *
 * @param sha full object name
 * @param parents full names of the parents (two or more for a merge)
 * @param authorName author name as written
 * @param authorEmail author email as written
 * @param committerName committer name as written
 * @param committerEmail committer email as written
 * @param committedAt committer date
 * @param subject first line of the message
 * @param message the whole message
 * @param trailers the message's trailers, parsed by git itself
 * @param aiNote the note under {@code refs/notes/ai} for this commit, or null
 */
public record Commit(
    String sha,
    List<String> parents,
    String authorName,
    String authorEmail,
    String committerName,
    String committerEmail,
    Instant committedAt,
    String subject,
    String message,
    List<Trailer> trailers,
    String aiNote) {

  public Commit {
    parents = List.copyOf(parents);
    trailers = List.copyOf(trailers);
  }

  public boolean isMerge() {
    return parents.size() > 1;
  }

  /** The first 7 characters of a sha, as people quote commits. */
  public static String shortSha(String sha) {
    return sha.length() > 7 ? sha.substring(0, 7) : sha;
  }

  /** {@code Name <email>}. */
  public String author() {
    return authorName + " <" + authorEmail + ">";
  }
}
