package dev.plangate.core.git;

import java.util.List;

/**
 * What one non-merge commit changed, restricted to the paths that were asked for.
 *
 * @param sha full commit name
 * @param files one entry per changed file, in git's order
 */
public record CommitPatch(String sha, List<FilePatch> files) {
  public CommitPatch {
    files = List.copyOf(files);
  }
}
