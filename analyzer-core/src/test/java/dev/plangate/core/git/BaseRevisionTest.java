package dev.plangate.core.git;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.plangate.core.testing.GitFixture;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BaseRevisionTest {
  @TempDir Path tmp;

  /** origin has main at {@code pushed}; the clone has a feature branch two commits ahead. */
  private GitFixture cloneWithFeatureBranch() {
    GitFixture origin = GitFixture.init(tmp.resolve("origin"));
    origin.write("main.tf", "# v1\n").commit("start\n");
    GitFixture clone = origin.cloneTo(tmp.resolve("clone"));
    clone.git("checkout", "-q", "-b", "feature", "--track", "origin/main");
    clone.write("main.tf", "# v2\n").commit("two\n");
    clone.write("main.tf", "# v3\n").commit("three\n");
    return clone;
  }

  @Test
  void theDefaultBranchsMergeBaseIsTheDefault() throws Exception {
    GitFixture clone = cloneWithFeatureBranch();
    GitRepository git = GitRepository.open(clone.dir());

    assertThat(git.upstream()).contains("origin/main");
    assertThat(git.defaultBranch()).contains("origin/main");
    BaseRevision base = BaseRevision.find(git, "HEAD", Map.of()).orElseThrow();
    assertThat(base.sha()).isEqualTo(clone.rev("origin/main"));
    assertThat(base.how()).isEqualTo("merge base of HEAD and origin/main (the repository's"
        + " default branch)");
    assertThat(git.range(base.sha(), "HEAD").commits()).hasSize(2);
  }

  @Test
  void aBranchPushedWithSetUpstreamIsMeasuredFromTheDefaultBranchNotItself() throws Exception {
    GitFixture clone = cloneWithFeatureBranch();
    clone.git("checkout", "-q", "-b", "cleanup");
    clone.write("main.tf", "# v4\n").commit("four\n");
    clone.git("push", "-q", "-u", "origin", "cleanup");
    GitRepository git = GitRepository.open(clone.dir());

    // its upstream is itself: the merge base with it is HEAD, a range of no commits
    assertThat(git.upstream()).contains("origin/cleanup");
    BaseRevision base = BaseRevision.find(git, "HEAD", Map.of()).orElseThrow();
    assertThat(base.sha()).isEqualTo(clone.rev("origin/main"));
    assertThat(git.range(base.sha(), "HEAD").commits()).hasSize(3);
  }

  @Test
  void withoutOriginHeadMainThenMasterAreTheDefaultBranch() throws Exception {
    GitFixture origin = GitFixture.init(tmp.resolve("origin"));
    origin.write("main.tf", "# v1\n").commit("start\n");
    GitFixture.bare(tmp.resolve("bare.git"));
    origin.addRemote("origin", tmp.resolve("bare.git").toString())
        .push("origin", "main:master");
    origin.write("main.tf", "# v2\n").commit("two\n");
    GitRepository git = GitRepository.open(origin.dir());

    assertThat(git.defaultBranch()).contains("origin/master");
    BaseRevision base = BaseRevision.find(git, "HEAD", Map.of()).orElseThrow();
    assertThat(base.how()).contains("origin/master (the repository's default branch)");
    assertThat(git.range(base.sha(), "HEAD").commits()).hasSize(1);
  }

  @Test
  void theCiBaseComesBeforeTheDefaultBranch() throws Exception {
    GitFixture clone = cloneWithFeatureBranch();
    clone.git("branch", "release", "HEAD~1");
    clone.git("update-ref", "refs/remotes/origin/release", "HEAD~1");
    GitRepository git = GitRepository.open(clone.dir());

    BaseRevision base = BaseRevision.find(git, "HEAD", Map.of("GITHUB_BASE_REF", "release"))
        .orElseThrow();
    assertThat(base.sha()).isEqualTo(clone.rev("HEAD~1"));
    assertThat(base.how()).contains("origin/release (the pull request's base branch)");
  }

  @Test
  void anUpstreamIsTheLastResortWhenNoDefaultBranchIsKnown() throws Exception {
    GitFixture origin = GitFixture.init(tmp.resolve("origin"));
    origin.write("main.tf", "# v1\n").commit("start\n");
    GitFixture.bare(tmp.resolve("bare.git"));
    origin.addRemote("upstream", tmp.resolve("bare.git").toString())
        .push("upstream", "main:develop");
    origin.git("branch", "-q", "--set-upstream-to=upstream/develop");
    origin.write("main.tf", "# v2\n").commit("two\n");
    GitRepository git = GitRepository.open(origin.dir());

    assertThat(git.defaultBranch()).isEmpty();
    BaseRevision base = BaseRevision.find(git, "HEAD", Map.of()).orElseThrow();
    assertThat(base.how()).isEqualTo("merge base of HEAD and upstream/develop (its upstream)");
  }

  @Test
  void aDetachedPullRequestCheckoutUsesGithubBaseRef() throws Exception {
    GitFixture clone = cloneWithFeatureBranch();
    clone.git("checkout", "-q", "--detach", "HEAD");
    GitRepository git = GitRepository.open(clone.dir());

    assertThat(git.upstream()).isEmpty();
    assertThat(BaseRevision.find(git, "HEAD", Map.of())).hasValueSatisfying(b -> assertThat(
        b.how()).contains("(the repository's default branch)"));
    BaseRevision base = BaseRevision.find(git, "HEAD", Map.of("GITHUB_BASE_REF", "main"))
        .orElseThrow();
    assertThat(base.sha()).isEqualTo(clone.rev("origin/main"));
    assertThat(base.how()).contains("origin/main (the pull request's base branch)");
  }

  @Test
  void aBaseTheCiNamesButTheCloneLacksIsAnErrorNotNoBase() throws Exception {
    GitFixture clone = cloneWithFeatureBranch();
    clone.git("checkout", "-q", "--detach", "HEAD");
    GitRepository git = GitRepository.open(clone.dir());

    assertThatThrownBy(() -> BaseRevision.find(git, "HEAD", Map.of("GITHUB_BASE_REF",
        "release")))
        .isInstanceOf(GitException.class)
        .hasMessageContaining("origin/release is not in the clone")
        .hasMessageContaining("fetch-depth: 0");
    assertThatThrownBy(() -> BaseRevision.find(git, "HEAD", Map.of(
        "CI_MERGE_REQUEST_DIFF_BASE_SHA", "0123456789012345678901234567890123456789")))
        .isInstanceOf(GitException.class)
        .hasMessageContaining("(CI_MERGE_REQUEST_DIFF_BASE_SHA) is not in the clone");
    String start = clone.rev("origin/main");
    assertThat(BaseRevision.find(git, "HEAD", Map.of("CI_MERGE_REQUEST_DIFF_BASE_SHA", start)))
        .hasValueSatisfying(b -> assertThat(b.sha()).isEqualTo(start));
  }

  @Test
  void unrelatedHistoriesHaveNoMergeBase() throws Exception {
    GitFixture repo = GitFixture.init(tmp.resolve("repo"));
    repo.write("a", "1").commit("one\n");
    repo.git("checkout", "-q", "--orphan", "other");
    repo.write("b", "2").commit("other\n");
    GitRepository git = GitRepository.open(repo.dir());
    assertThat(git.mergeBase("HEAD", "main")).isEmpty();
    assertThatThrownBy(() -> git.mergeBase("HEAD", "nope"))
        .isInstanceOf(GitException.class).hasMessageContaining("unknown revision 'nope'");
  }

  @Test
  void aFileSizeIsAskedWithoutReadingTheFile() throws Exception {
    GitFixture repo = GitFixture.init(tmp.resolve("repo"));
    repo.write("dir/big.json", "x".repeat(12345)).commit("one\n");
    GitRepository git = GitRepository.open(repo.dir());
    assertThat(git.size("HEAD", "dir/big.json")).isEqualTo(12345);
    assertThatThrownBy(() -> git.size("HEAD", "dir/none.json"))
        .isInstanceOf(GitException.class).hasMessageContaining("does not exist in HEAD");
  }
}
