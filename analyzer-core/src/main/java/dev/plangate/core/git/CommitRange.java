package dev.plangate.core.git;

import java.util.List;

/**
 * The commits between a base and a head, oldest first.
 *
 * @param base the base as given (a revision), or null for "commits on no remote"
 * @param head the head as given
 * @param headSha the head resolved to a full sha
 * @param commits every commit reachable from head and not from base, oldest first
 * @param complete false when the history is cut off (shallow clone without the base), so that
 *     {@code commits} may miss some and authorship cannot be cleared
 * @param problem one sentence on what is missing and what to do, or null when complete
 */
public record CommitRange(
    String base, String head, String headSha, List<Commit> commits, boolean complete,
    String problem) {
  public CommitRange {
    commits = List.copyOf(commits);
  }
}
