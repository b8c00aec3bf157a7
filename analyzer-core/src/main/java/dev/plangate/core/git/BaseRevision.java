package dev.plangate.core.git;

import java.util.Map;
import java.util.Optional;

/**
 * Where a branch's own commits begin when nobody names a base: the commit the branch shares with
 * what it will be merged into. Front ends without a pull request (the Maven plugin) use it so
 * that {@code mvn verify} reads the same commits a reviewer would.
 *
 * @param sha the base commit
 * @param how how it was found, for the log: "merge base of HEAD and origin/main (upstream)"
 */
public record BaseRevision(String sha, String how) {

  /**
   * The merge base of {@code head} with, in order: on a GitHub Actions pull-request build,
   * {@code origin/$GITHUB_BASE_REF}; on a GitLab merge-request pipeline,
   * {@code CI_MERGE_REQUEST_DIFF_BASE_SHA} (taken as is); the repository's default branch
   * ({@code origin/HEAD}, else {@code origin/main}, else {@code origin/master}); and last the
   * upstream of the checked-out branch. Empty when none applies.
   *
   * <p>Why the default branch before the upstream: a branch pushed with {@code git push -u}
   * tracks itself, so the merge base with its upstream is the head and the range holds no
   * commit. What a reviewer reads is the branch against what it will be merged into.
   *
   * @throws GitException when the CI names a base that this clone does not have (a shallow
   *     checkout), or the chosen branch and head share no commit: the range would be wrong, not
   *     empty
   */
  public static Optional<BaseRevision> find(GitRepository git, String head,
      Map<String, String> env) throws GitException {
    String githubBase = env.getOrDefault("GITHUB_BASE_REF", "");
    if (!githubBase.isBlank()) {
      String ref = "origin/" + githubBase.strip();
      if (git.resolve(ref).isEmpty()) {
        throw new GitException("this is a pull-request build for " + githubBase.strip()
            + " (GITHUB_BASE_REF), but " + ref + " is not in the clone: check out with full"
            + " history (actions/checkout fetch-depth: 0) or name the base explicitly");
      }
      return Optional.of(mergeBase(git, head, ref, "the pull request's base branch"));
    }
    String gitlabBase = env.getOrDefault("CI_MERGE_REQUEST_DIFF_BASE_SHA", "");
    if (!gitlabBase.isBlank()) {
      String sha = git.resolve(gitlabBase.strip()).orElseThrow(() -> new GitException(
          "the merge request's base " + gitlabBase.strip() + " (CI_MERGE_REQUEST_DIFF_BASE_SHA)"
              + " is not in the clone: fetch full history (GIT_DEPTH: 0) or name the base"
              + " explicitly"));
      return Optional.of(new BaseRevision(sha, "the merge request's base"
          + " (CI_MERGE_REQUEST_DIFF_BASE_SHA)"));
    }
    Optional<String> defaultBranch = git.defaultBranch();
    if (defaultBranch.isPresent()) {
      return Optional.of(mergeBase(git, head, defaultBranch.get(),
          "the repository's default branch"));
    }
    Optional<String> upstream = git.upstream();
    if (upstream.isPresent()) {
      return Optional.of(mergeBase(git, head, upstream.get(), "its upstream"));
    }
    return Optional.empty();
  }

  private static BaseRevision mergeBase(GitRepository git, String head, String other,
      String role) throws GitException {
    String sha = git.mergeBase(head, other).orElseThrow(() -> new GitException(head + " and "
        + other + " share no commit (a shallow clone cuts the history off): fetch full history"
        + " or name the base explicitly"));
    return new BaseRevision(sha, "merge base of " + head + " and " + other + " (" + role + ")");
  }
}
