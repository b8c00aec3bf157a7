package dev.plangate.core.api;

import dev.plangate.core.pipeline.Pipeline;
import static org.assertj.core.api.Assertions.assertThat;

import dev.plangate.core.gate.Approver;
import dev.plangate.core.gate.Decision;
import dev.plangate.core.policy.Policy;
import dev.plangate.core.report.Report;
import dev.plangate.core.testing.GitFixture;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A commit range that holds no commit (base and head the same, reversed, or a push whose commits
 * the remote already has) says nothing about who wrote the change: it is unknown authorship,
 * never human, and the report says which two revisions were given and what to give instead.
 */
class EmptyRangeTest {
  static final Path EXAMPLE = Path.of(System.getProperty("plangate.root", ".."))
      .resolve("examples/orders-service").toAbsolutePath().normalize();
  static final LocalDate TODAY = LocalDate.of(2026, 11, 21);

  @TempDir Path tmp;

  /** Base (declares the database), then a human commit that removes it. */
  GitFixture humanRemovesTheDatabase(Path dir) throws IOException {
    GitFixture git = GitFixture.init(dir);
    git.write("main.tf", Files.readString(EXAMPLE.resolve("before/main.tf")));
    git.commit("Orders service infrastructure");
    git.write("main.tf", Files.readString(EXAMPLE.resolve("after-destroy/main.tf")));
    git.commit("Retire the orders database");
    return git;
  }

  Report check(GitFixture git, CommitSelection commits) throws IOException {
    Path plan = git.dir().resolve("plan.json");
    Files.copy(EXAMPLE.resolve("destroy-plan.json"), plan, StandardCopyOption.REPLACE_EXISTING);
    return new Pipeline().check(CheckRequest.builder(List.of(plan)).commits(git.dir(), commits)
        .today(TODAY).build());
  }

  static String note(Report r) {
    return String.join(" ", r.authorship().notes());
  }

  @Test
  void baseAndHeadTheSameCommitIsUnknownNotHuman() throws IOException {
    GitFixture git = humanRemovesTheDatabase(tmp.resolve("same"));
    String head = git.head();

    Report r = check(git, CommitSelection.between("HEAD", "HEAD"));

    assertThat(r.authorship().aiInvolved()).isNull();
    assertThat(r.decision()).isEqualTo(Decision.APPROVAL_REQUIRED);
    assertThat(note(r)).contains("HEAD..HEAD holds no commit")
        .contains("the same commit " + head.substring(0, 7))
        .contains("authorship is unknown")
        .contains("the commit the change started from");
    assertThat(r.decisionReasons().get(0)).startsWith("Authorship is unknown (");
  }

  @Test
  void aReversedRangeIsUnknownAndSaysTheRevisionsLookSwapped() throws IOException {
    GitFixture git = humanRemovesTheDatabase(tmp.resolve("reversed"));
    String start = git.rev("HEAD~1");

    Report r = check(git, CommitSelection.between("HEAD", start));

    assertThat(r.authorship().aiInvolved()).isNull();
    assertThat(r.decision()).isEqualTo(Decision.APPROVAL_REQUIRED);
    assertThat(note(r)).contains("HEAD.." + start + " holds no commit")
        .contains("is an ancestor of the base")
        .contains("swapped");
  }

  @Test
  void aHeadBehindADivergedBaseReadsItsOwnCommitsAsBefore() throws IOException {
    GitFixture git = humanRemovesTheDatabase(tmp.resolve("diverged"));
    String start = git.rev("HEAD~1");
    git.checkout(start).branch("other");
    git.write("README.md", "docs\n").commit("Docs");
    git.checkout("main");

    Report r = check(git, CommitSelection.between("other", "HEAD"));

    // base is not an ancestor of head, but head has a commit of its own: it is read.
    assertThat(r.authorship().aiInvolved()).isFalse();
    assertThat(r.authorship().commits()).hasSize(1);
  }

  @Test
  void aPushOfCommitsTheRemoteAlreadyHasIsUnknown() throws IOException {
    GitFixture git = humanRemovesTheDatabase(tmp.resolve("pushed"));
    GitFixture.bare(tmp.resolve("origin.git"));
    git.addRemote("origin", tmp.resolve("origin.git").toString()).push("origin", "main");

    Report r = check(git, CommitSelection.unpushed(git.head(), "origin"));

    assertThat(r.authorship().aiInvolved()).isNull();
    assertThat(r.decision()).isEqualTo(Decision.APPROVAL_REQUIRED);
    assertThat(note(r)).contains("already on origin")
        .contains("no commit of this push")
        .contains("authorship is unknown");
  }

  @Test
  void anAgentSignalStillDecidesWhenTheRangeIsEmpty() throws IOException {
    GitFixture git = humanRemovesTheDatabase(tmp.resolve("agent"));
    Path plan = git.dir().resolve("plan.json");
    Files.copy(EXAMPLE.resolve("destroy-plan.json"), plan, StandardCopyOption.REPLACE_EXISTING);

    Report r = new Pipeline().check(CheckRequest.builder(List.of(plan))
        .commits(git.dir(), CommitSelection.between("HEAD", "HEAD")).branch("claude/cleanup")
        .today(TODAY).build());

    assertThat(r.authorship().aiInvolved()).isTrue();
    assertThat(r.decision()).isEqualTo(Decision.APPROVAL_REQUIRED);
  }

  @Test
  void noRangeCarriesTheReasonTheFrontEndGave() throws IOException {
    GitFixture git = humanRemovesTheDatabase(tmp.resolve("none"));

    Report r = check(git, CommitSelection.none("the push deletes the branch, so it has no"
        + " commits."));

    assertThat(r.authorship().aiInvolved()).isNull();
    assertThat(note(r)).isEqualTo("the push deletes the branch, so it has no commits.");
  }
}
