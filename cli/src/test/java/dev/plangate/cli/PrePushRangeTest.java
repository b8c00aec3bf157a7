package dev.plangate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.plangate.core.testing.GitFixture;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Pushes that send no commit of their own. The hook judges the commits being pushed; when there
 * are none, nothing of this push says who wrote the change, so a plan that destroys is of unknown
 * authorship (approval required), never a person's.
 */
class PrePushRangeTest {
  static final String ZEROS = "0000000000000000000000000000000000000000";

  @TempDir Path tmp;

  @Test
  void aNewBranchWhoseCommitsTheRemoteHasIsUnknownAuthorship() {
    GitFixture git = PushScenarios.clone(tmp);
    PushScenarios.plan(git, "destroy-plan.json");
    String onOrigin = git.head();

    CliRun r = PrePushCommandTest.prePush(git,
        "refs/heads/copy " + onOrigin + " refs/heads/copy " + ZEROS + "\n");

    assertThat(r.exitCode()).as(r.out() + r.err()).isEqualTo(1);
    assertThat(r.out()).contains("approval required")
        .contains("already on origin")
        .contains("authorship is unknown");
  }

  @Test
  void aPushThatMovesABranchBackIsUnknownAuthorship() {
    GitFixture git = PushScenarios.clone(tmp);
    String older = git.head();
    PushScenarios.removeDatabase(git);
    String newer = git.commit("Remove database");
    PushScenarios.plan(git, "destroy-plan.json");

    CliRun r = PrePushCommandTest.prePush(git,
        "refs/heads/main " + older + " refs/heads/main " + newer + "\n");

    assertThat(r.exitCode()).as(r.out() + r.err()).isEqualTo(1);
    assertThat(r.out()).contains("holds no commit").contains("authorship is unknown");
  }

  @Test
  void aPersonsNewCommitsStillPass() {
    GitFixture git = PushScenarios.clone(tmp);
    String pushed = git.head();
    PushScenarios.removeDatabase(git);
    git.commit("Remove database");
    PushScenarios.plan(git, "destroy-plan.json");

    CliRun r = PrePushCommandTest.prePush(git, PrePushCommandTest.line(git, pushed));

    assertThat(r.exitCode()).as(r.out() + r.err()).isZero();
  }
}
