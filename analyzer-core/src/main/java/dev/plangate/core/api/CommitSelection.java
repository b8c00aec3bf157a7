package dev.plangate.core.api;

/**
 * Which commits a check reads authorship from.
 *
 * @param base base revision, or null
 * @param head head revision, or null for no commits at all
 * @param remote for {@link #unpushed}: the remote being pushed to; null otherwise
 */
public record CommitSelection(String base, String head, String remote) {
  /** No commit range: authorship is unknown. */
  public static CommitSelection none() {
    return new CommitSelection(null, null, null);
  }

  /** Every commit reachable from {@code head} and not from {@code base}. */
  public static CommitSelection between(String base, String head) {
    return new CommitSelection(base, head, null);
  }

  /** A new branch being pushed: commits reachable from {@code head} that no remote has. */
  public static CommitSelection unpushed(String head, String remote) {
    return new CommitSelection(null, head, remote == null ? "" : remote);
  }

  public boolean isNone() {
    return head == null;
  }

  public boolean isUnpushed() {
    return remote != null;
  }
}
