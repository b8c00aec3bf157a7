package dev.plangate.core.api;

/**
 * Which commits a check reads authorship from.
 *
 * @param base base revision, or null
 * @param head head revision, or null for no commits at all
 * @param remote for {@link #unpushed}: the remote being pushed to; null otherwise
 * @param whyNone for {@link #none}: one sentence on why no commit is read, for the report;
 *     null for the default sentence
 */
public record CommitSelection(String base, String head, String remote, String whyNone) {
  /** The sentence a report gives when the front end names no range and says nothing more. */
  public static final String NO_RANGE = "no commit range was given (--base and --head), so no"
      + " commit was read.";

  /** No commit range: authorship is unknown. */
  public static CommitSelection none() {
    return new CommitSelection(null, null, null, null);
  }

  /**
   * No commit range, for a reason the report gives in these words: authorship is unknown.
   *
   * @param why one sentence, e.g. "the push deletes the branch, so it has no commits."
   */
  public static CommitSelection none(String why) {
    return new CommitSelection(null, null, null, why);
  }

  /**
   * Every commit reachable from {@code head} and not from {@code base}. A range that holds no
   * commit (the two the same, or reversed) is read as unknown authorship, never as human.
   */
  public static CommitSelection between(String base, String head) {
    return new CommitSelection(base, head, null, null);
  }

  /** A new branch being pushed: commits reachable from {@code head} that no remote has. */
  public static CommitSelection unpushed(String head, String remote) {
    return new CommitSelection(null, head, remote == null ? "" : remote, null);
  }

  public boolean isNone() {
    return head == null;
  }

  public boolean isUnpushed() {
    return remote != null;
  }

  /** Why no commit is read: the front end's sentence, or the default one. */
  public String noneReason() {
    return whyNone != null && !whyNone.isBlank() ? whyNone : NO_RANGE;
  }
}
