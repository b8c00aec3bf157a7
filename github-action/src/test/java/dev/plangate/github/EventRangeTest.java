package dev.plangate.github;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.plangate.core.api.CommitSelection;
import dev.plangate.core.git.GitRepository;
import dev.plangate.core.testing.GitFixture;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which commits a push or merge-group event names, on real repositories. */
class EventRangeTest {
  static final ObjectMapper JSON = new ObjectMapper();
  static final String ZEROS = "0".repeat(40);

  @TempDir Path tmp;

  static ObjectNode push(String ref, String before, String after, boolean forced) {
    ObjectNode e = JSON.createObjectNode().put("ref", ref).put("before", before)
        .put("after", after).put("forced", forced);
    e.set("repository", JSON.createObjectNode().put("default_branch", "main"));
    return e;
  }

  GitFixture repo() {
    GitFixture git = GitFixture.init(tmp.resolve("repo"));
    git.write("a", "1").commit("one\n");
    git.git("update-ref", "refs/remotes/origin/main", "HEAD");
    return git;
  }

  @Test
  void aPushIsBeforeToAfterAndNamesItsBranch() throws Exception {
    GitFixture git = repo();
    String before = git.head();
    String after = git.write("a", "2").commit("two\n");

    EventRange r = EventRange.of("push", push("refs/heads/claude/x", before, after, false),
        GitRepository.open(git.dir())).orElseThrow();

    assertThat(r.commits()).isEqualTo(CommitSelection.between(before, after));
    assertThat(r.branch()).isEqualTo("claude/x");
  }

  @Test
  void aForcePushWhoseOldHeadIsGoneIsReadFromTheDefaultBranch() throws Exception {
    GitFixture git = repo();
    String main = git.head();
    String after = git.write("a", "3").commit("three\n");
    String gone = "1234567890123456789012345678901234567890";

    EventRange r = EventRange.of("push", push("refs/heads/topic", gone, after, true),
        GitRepository.open(git.dir())).orElseThrow();

    assertThat(r.commits()).isEqualTo(CommitSelection.between(main, after));
    assertThat(r.how()).contains("force push");
  }

  @Test
  void aNewBranchWithoutTheDefaultBranchInTheCloneReadsNoCommitAndSaysWhy() throws Exception {
    GitFixture git = repo();
    git.git("update-ref", "-d", "refs/remotes/origin/main");

    EventRange r = EventRange.of("push", push("refs/heads/topic", ZEROS, git.head(), false),
        GitRepository.open(git.dir())).orElseThrow();

    assertThat(r.commits().isNone()).isTrue();
    assertThat(r.commits().noneReason()).contains("creates refs/heads/topic")
        .contains("origin/main (the default branch) is not in the clone")
        .contains("fetch-depth: 0");
  }

  @Test
  void aDeletedBranchHasNoCommitAndOtherEventsNoRange() throws Exception {
    GitFixture git = repo();
    GitRepository repo = GitRepository.open(git.dir());

    EventRange r = EventRange.of("push", push("refs/heads/old", git.head(), ZEROS, false), repo)
        .orElseThrow();
    assertThat(r.commits().noneReason()).contains("deletes refs/heads/old");
    assertThat(EventRange.of("schedule", JSON.createObjectNode(), repo)).isEmpty();
    assertThat(EventRange.of("push", push("refs/heads/x", "nonsense", git.head(), false), repo)
        .orElseThrow().commits().base()).isEqualTo(git.head());
  }

  @Test
  void outsideGitNoCommitIsRead() throws Exception {
    EventRange r = EventRange.of("push", push("refs/heads/main", ZEROS, "a".repeat(40), false),
        null).orElseThrow();
    assertThat(r.commits().noneReason()).contains("not in a git checkout");
  }
}
