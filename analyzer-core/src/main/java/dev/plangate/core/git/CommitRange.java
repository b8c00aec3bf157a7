package dev.plangate.core.git;

import java.util.List;

/**
 * The commits between a base and a head, oldest first.
 *
 * @param base the base as given (a revision), or null for "commits on no remote"
 * @param head the head as given
 * @param headSha the head resolved to a full sha
 * @param commits every commit reachable from head and not from base, oldest first
 * @param problem one sentence on what is missing and what to do, or null when the range is
 *     complete: the history is cut off, or the range holds no commit at all (base and head the
 *     same, reversed, or a push of commits the remote already has), which says nothing about
 *     who wrote the change
 */
public record CommitRange(
    String base, String head, String headSha, List<Commit> commits, String problem) {
  public CommitRange {
    commits = List.copyOf(commits);
  }

  /**
   * False when the history is cut off (a shallow clone without the base), so that
   * {@link #commits} may miss some, or when the range holds no commit: either way authorship
   * cannot be cleared.
   */
  public boolean complete() {
    return problem == null;
  }
}
