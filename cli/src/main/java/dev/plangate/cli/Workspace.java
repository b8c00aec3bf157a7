package dev.plangate.cli;

import dev.plangate.core.git.Commit;
import dev.plangate.core.git.GitException;
import dev.plangate.core.git.GitRepository;
import dev.plangate.core.policy.CommittedPolicy;
import dev.plangate.core.policy.Policy;
import dev.plangate.core.policy.PolicyException;
import dev.plangate.core.policy.PolicyLoader;
import dev.plangate.core.policy.PolicyMerge;
import dev.plangate.core.policy.PolicyOrigin;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Where a command runs: the git work tree (if any) and the policy in force. Shared by every
 * command, so all read the policy the same way.
 *
 * <p>The policy file lives in the repository an agent edits, so the working tree's version is
 * only the change's proposal: {@link #withPolicyAt} and {@link #withCommittedPolicy} combine it
 * with the policy at the base of the change, which it may only tighten.
 *
 * @param dir the directory the user pointed at (or the current one)
 * @param git the repository, or null when {@code dir} is not in one
 * @param policy the policy in force
 * @param policyPath the repository-relative path of a policy file named on the command line
 *     that lies inside the repository; null for the usual names at the root
 * @param policyOutside a policy file named on the command line lies outside the repository: it
 *     is not part of any change and applies as it is
 */
record Workspace(Path dir, GitRepository git, Policy policy, String policyPath,
    boolean policyOutside) {

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

  /** The working tree's policy (or {@code --policy FILE}) as it is. */
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
      Optional<String> inside = git == null || explicitPolicy == null ? Optional.empty()
          : relativeTo(git.root(), explicitPolicy);
      return new Workspace(d, git, policy, inside.orElse(null),
          explicitPolicy != null && inside.isEmpty());
    } catch (PolicyException e) {
      throw new UsageException(e.getMessage());
    }
  }

  /**
   * For the agent hook and the apply wrapper: the working tree's policy may only tighten the
   * one committed on the default branch ({@link CommittedPolicy#trustedBase}), since the agent
   * can edit the working tree one step before it runs {@code terraform apply}.
   */
  static Workspace openGuarded(Path dir, Path explicitPolicy) throws UsageException {
    return open(dir, explicitPolicy, false).withCommittedPolicy();
  }

  /** The same workspace under the policy of the default branch, tightened by this one. */
  Workspace withCommittedPolicy() throws UsageException {
    if (policyOutside) {
      return withOutsideNote();
    }
    if (git == null) {
      // Nothing is committed anywhere: the defaults are the base, so an edit of the file in
      // the directory can add protect rules but not waivers.
      return withDefaultsAsBase("no git repository", dir + " is not in a git repository, so"
          + " nothing is committed: the built-in defaults are the base, and the policy file"
          + " here may only tighten them.");
    }
    try {
      Optional<CommittedPolicy.Base> base = CommittedPolicy.trustedBase(git);
      if (base.isEmpty()) {
        return withDefaultsAsBase("no commit yet", "The repository has no commit yet, so the"
            + " built-in defaults are the base; the policy file may only tighten them.");
      }
      return withBase(base.get().rev(), base.get().label(), base.get().note());
    } catch (GitException e) {
      throw new UsageException("cannot find the committed policy to check the working tree's"
          + " against: " + e.getMessage());
    }
  }

  /**
   * The same workspace under the policy in force for a change based on {@code rev}: the
   * policy committed there, tightened by this one.
   *
   * @param label how the report names the revision; null to derive it from {@code rev}
   */
  Workspace withPolicyAt(String rev, String label) throws UsageException {
    if (policyOutside) {
      return withOutsideNote();
    }
    if (git == null) {
      throw new UsageException("not in a git repository, so the policy at " + rev
          + " cannot be read");
    }
    try {
      String sha = git.resolve(rev + "^{commit}").orElseThrow(() -> new UsageException(
          "the base " + rev + " is not a commit in " + git.root() + ", so the policy in force"
              + " at the base of the change cannot be read; fetch it (full history)"));
      return withBase(sha, label != null ? label : CommittedPolicy.label(rev, sha), null);
    } catch (GitException e) {
      throw new UsageException(e.getMessage());
    }
  }

  /**
   * {@code check --base B --head H}: the policy at the merge base of the two (where the
   * change begins), or at {@code B} when they share none.
   */
  Workspace withPolicyAtMergeBase(String base, String head) throws UsageException {
    if (policyOutside || git == null) {
      return withPolicyAt(base, null);
    }
    try {
      Optional<String> mb = git.mergeBase(base, head);
      if (mb.isEmpty()) {
        return withPolicyAt(base, null);
      }
      String baseSha = git.resolve(base + "^{commit}").orElse("");
      String label = mb.get().equals(baseSha) ? CommittedPolicy.label(base, baseSha)
          : Commit.shortSha(mb.get()) + " (merge base of " + base + " and " + head + ")";
      return withPolicyAt(mb.get(), label);
    } catch (GitException e) {
      throw new UsageException(e.getMessage());
    }
  }

  private Workspace withBase(String sha, String label, String note) throws UsageException {
    try {
      Policy base = CommittedPolicy.at(git, sha, label, policyPath);
      if (note != null && (base.origin().path() != null || policy.origin().path() != null)) {
        base = base.withOrigin(base.origin().withNotes(List.of(note)));
      }
      Policy inForce = PolicyMerge.tightenOnly(base, policy)
          .effective();
      return new Workspace(dir, git, inForce, policyPath, false);
    } catch (PolicyException e) {
      throw new UsageException("the policy at the base of the change (" + label + ") cannot be"
          + " read, so the change cannot be judged: " + e.getMessage());
    } catch (GitException e) {
      throw new UsageException(e.getMessage());
    }
  }

  /**
   * The same workspace when nothing committed can be the base: the built-in defaults are, and
   * the policy here may only tighten them.
   */
  Workspace withDefaultsAsBase(String label, String note) {
    if (policyOutside) {
      return withOutsideNote();
    }
    // Without a policy file here there is nothing to tighten and nothing worth a note.
    Policy base = Policy.defaults().withOrigin(new PolicyOrigin(null, label, List.of(),
        policy.origin().path() == null ? List.of() : List.of(note)));
    return new Workspace(dir, git, PolicyMerge.tightenOnly(base, policy).effective(),
        policyPath, false);
  }

  private Workspace withOutsideNote() {
    return new Workspace(dir, git, policy.outsideRepository(), policyPath, true);
  }

  /** {@code file} relative to {@code root} ({@code /}-separated), if it lies inside it. */
  private static Optional<String> relativeTo(Path root, Path file) {
    Path abs = file.toAbsolutePath().normalize();
    try {
      abs = abs.toRealPath();
      root = root.toRealPath();
    } catch (IOException e) {
      // compare as given
    }
    if (!abs.startsWith(root) || abs.equals(root)) {
      return Optional.empty();
    }
    return Optional.of(root.relativize(abs).toString().replace('\\', '/'));
  }
}
