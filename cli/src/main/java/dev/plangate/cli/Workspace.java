package dev.plangate.cli;

import dev.plangate.core.git.GitException;
import dev.plangate.core.git.GitRepository;
import dev.plangate.core.policy.Policy;
import dev.plangate.core.policy.PolicyException;
import dev.plangate.core.policy.PolicyLoader;
import java.nio.file.Path;

/**
 * Where a command runs: the git work tree (if any) and the policy found at its root. Shared by
 * {@code check} and {@code pre-push}, so both read the policy the same way.
 *
 * @param dir the directory the user pointed at (or the current one)
 * @param git the repository, or null when {@code dir} is not in one
 * @param policy the policy of the repository root (or {@code --policy FILE})
 */
record Workspace(Path dir, GitRepository git, Policy policy) {

  /** Thrown with a one-line message for the user; the command exits 2. */
  static final class UsageException extends Exception {
    UsageException(String message) {
      super(message);
    }
  }

  /** The repository's top directory, or {@link #dir} outside a repository. */
  Path root() {
    return git == null ? dir : git.root();
  }

  static Workspace open(Path dir, Path explicitPolicy, boolean needGit) throws UsageException {
    Path d = dir == null ? Path.of("").toAbsolutePath() : dir.toAbsolutePath();
    GitRepository git = null;
    try {
      git = GitRepository.open(d);
    } catch (GitException e) {
      if (needGit) {
        throw new UsageException(e.getMessage());
      }
    }
    try {
      Policy policy = PolicyLoader.find(git != null ? git.root() : d, explicitPolicy);
      return new Workspace(d, git, policy);
    } catch (PolicyException e) {
      throw new UsageException(e.getMessage());
    }
  }
}
