package dev.plangate.core.attribution;

import java.util.Comparator;

/**
 * One commit's change to one declaring file, before it is matched to findings.
 *
 * @param order the commit's position in the range, oldest first (so larger is newer)
 * @param sha full commit name
 * @param file repository-relative path of the file, as it is in the declaring directory
 * @param line first changed line (see {@link dev.plangate.core.authorship.Attribution#line()})
 * @param change what happened, in plain words
 */
record Hit(int order, String sha, String file, int line, String change) {
  /** Newest commit first; within a commit by file, then line, so output is stable. */
  static final Comparator<Hit> NEWEST_FIRST = Comparator.comparingInt(Hit::order).reversed()
      .thenComparing(Hit::file).thenComparingInt(Hit::line);
}
