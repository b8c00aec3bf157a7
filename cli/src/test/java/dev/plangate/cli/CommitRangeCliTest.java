package dev.plangate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.plangate.core.testing.GitFixture;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code plangate check --base --head} with a range that holds no commit: the same commit twice,
 * or the two swapped. Either once said "the range holds no commits" and passed a destroy as
 * human; both are unknown authorship, and the report says what to pass instead.
 */
class CommitRangeCliTest {
  static final Path EXAMPLE = CliRun.repoRoot().resolve("examples/orders-service");

  @TempDir Path tmp;
  GitFixture git;
  String base;
  String head;

  @BeforeEach
  void humanRemovesTheDatabase() throws IOException {
    git = GitFixture.init(tmp.resolve("repo"));
    git.write("main.tf", Files.readString(EXAMPLE.resolve("before/main.tf")));
    base = git.commit("Add the orders service");
    git.write("main.tf", Files.readString(EXAMPLE.resolve("after-destroy/main.tf")));
    head = git.commit("Retire the orders database");
    Files.copy(EXAMPLE.resolve("destroy-plan.json"), git.dir().resolve("plan.json"));
  }

  CliRun check(String... range) {
    String[] args = new String[6 + range.length];
    String[] fixed = {"check", "--no-color", "--repo", git.dir().toString(), "--plan",
        git.dir().resolve("plan.json").toString()};
    System.arraycopy(fixed, 0, args, 0, fixed.length);
    System.arraycopy(range, 0, args, fixed.length, range.length);
    return CliRun.run(Map.of(), false, args);
  }

  @Test
  void theSameCommitAsBaseAndHeadIsUnknownAuthorship() {
    CliRun r = check("--base", head, "--head", head);

    assertThat(r.exitCode()).as(r.out() + r.err()).isEqualTo(1);
    assertThat(r.out()).contains("approval required")
        .contains("holds no commit")
        .contains("are the same commit " + head.substring(0, 7))
        .contains("authorship is unknown");
  }

  @Test
  void aReversedRangeIsUnknownAuthorshipAndSaysTheTwoLookSwapped() {
    CliRun r = check("--base", "HEAD", "--head", base);

    assertThat(r.exitCode()).as(r.out() + r.err()).isEqualTo(1);
    assertThat(r.out()).contains("is an ancestor of the base HEAD").contains("swapped");
  }

  @Test
  void theRightRangeStillPassesAPersonsDestroy() {
    CliRun r = check("--base", base, "--head", "HEAD");

    assertThat(r.exitCode()).as(r.out() + r.err()).isZero();
  }
}
