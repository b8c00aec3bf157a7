package dev.plangate.platform;

import dev.plangate.core.impact.Finding;
import dev.plangate.core.impact.SourcePlace;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;

/**
 * Where a platform shows a finding: at a file of the repository, by the path the repository
 * gives it. A place outside the repository (or not a path at all) is not shown.
 */
public final class RepositoryPaths {
  private RepositoryPaths() {}

  /**
   * {@code path} as the repository names it ({@code /}-separated), or null outside it.
   *
   * @param root the repository root, absolute and normalized; null when there is none
   * @param base what {@code path} is relative to: the repository root for a commit's files,
   *     the working directory for plans and templates
   */
  public static String of(Path root, Path base, String path) {
    if (root == null || path == null || path.isBlank()) {
      return null;
    }
    try {
      Path p = base.resolve(path).normalize();
      return p.startsWith(root) && !p.equals(root)
          ? root.relativize(p).toString().replace('\\', '/') : null;
    } catch (InvalidPathException e) {
      return null;
    }
  }

  /**
   * The first of the finding's places ({@link SourcePlace#candidates}) that lies in the
   * repository, with its repository path; null when none does.
   */
  public static SourcePlace first(Finding f, Path root, Path workDir) {
    for (SourcePlace p : SourcePlace.candidates(f)) {
      String file = of(root, p.inRepository() ? root : workDir, p.file());
      if (file != null) {
        return new SourcePlace(file, p.line(), true);
      }
    }
    return null;
  }
}
