package dev.plangate.maven;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.plangate.core.testing.GitFixture;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugin.logging.Log;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The goal run in-process on real git repositories and the examples' real plans. The invoker
 * builds under src/it run the same goal inside Maven; these cover what needs many variations.
 */
class CheckMojoTest {
  private static final Path EXAMPLES =
      Path.of(System.getProperty("plangate.root", "..")).resolve("examples");
  private static final String CLAUDE_TRAILER =
      "\n\nCo-Authored-By: Claude Opus 4.5 <noreply@anthropic.com>";

  @TempDir Path tmp;
  private final RecordingLog log = new RecordingLog();

  /** origin/main holds the orders service; the checked-out branch tracks it. */
  private GitFixture ordersRepository() throws IOException {
    GitFixture repo = GitFixture.init(tmp.resolve("infra"));
    repo.write("main.tf", Files.readString(EXAMPLES.resolve("orders-service/before/main.tf")))
        .commit("Orders service\n");
    GitFixture.bare(tmp.resolve("origin.git"));
    repo.addRemote("origin", tmp.resolve("origin.git").toString()).push("origin", "main");
    repo.git("checkout", "-q", "-b", "cleanup", "--track", "origin/main");
    return repo;
  }

  private GitFixture aiRemovesTheDatabase() throws IOException {
    GitFixture repo = ordersRepository();
    repo.write("main.tf",
            Files.readString(EXAMPLES.resolve("orders-service/after-destroy/main.tf")))
        .write("plan.json",
            Files.readString(EXAMPLES.resolve("orders-service/destroy-plan.json")))
        .commit("Remove unused database" + CLAUDE_TRAILER + "\n");
    return repo;
  }

  private CheckMojo goal(Path basedir, String... plans) {
    CheckMojo goal = new CheckMojo();
    goal.setLog(log);
    goal.basedir = basedir.toFile();
    goal.plans = List.of(plans);
    goal.head = "HEAD";
    goal.formats = List.of("json", "markdown");
    goal.outputDirectory = basedir.resolve("target/plangate").toFile();
    goal.failOnApprovalRequired = true;
    goal.environment = Map.of();
    return goal;
  }

  // ------------------------------------------------------------------------------ decisions

  @Test
  void anAiCommitThatDestroysFailsTheBuildWithTheDecisionFindingsAndNextStep() throws Exception {
    GitFixture repo = aiRemovesTheDatabase();
    String sha = repo.rev("HEAD").substring(0, 7);

    assertThatThrownBy(() -> goal(repo.dir(), "plan.json").execute())
        .isInstanceOf(MojoFailureException.class)
        .hasMessage("plangate: approval required — an AI-authored change destroys 1 resource:\n"
            + "  destroy terraform_data.database (block removed from configuration; caused by "
            + sha + " (Claude Code))\n"
            + "Caused by " + sha + " \"Remove unused database\" (Claude Code).\n"
            + "To approve: a build outside a pull request or merge request cannot be approved."
            + " Run it in the pull request's GitHub workflow or the merge request's GitLab"
            + " pipeline, where a maintainer with write (GitLab: Developer) access adds the label"
            + " plangate/approve-destroy (fingerprint 18ffac07395686cb), or add a waiver to the"
            + " base branch's .plangate.yml in a commit a person reviews.\n"
            + "Full report: target/plangate/report.md");
    assertThat(log.lines).contains(
        "INFO plangate: commits from the merge base of HEAD and origin/main (the repository's"
            + " default branch)",
        "ERROR plangate: approval required — an AI-authored change destroys 1 resource",
        "WARN   destroy terraform_data.database (block removed from configuration; caused by "
            + sha + " (Claude Code))",
        "INFO plangate: report written to target/plangate/report.md");
    assertThat(repo.dir().resolve("target/plangate/report.json")).content()
        .contains("\"decision\" : \"approval_required\"");
  }

  @Test
  void withoutFailOnApprovalRequiredTheBuildGoesOnAndSaysSo() throws Exception {
    GitFixture repo = aiRemovesTheDatabase();
    CheckMojo goal = goal(repo.dir(), "plan.json");
    goal.failOnApprovalRequired = false;

    goal.execute();

    assertThat(log.lines).contains("WARN plangate: failOnApprovalRequired is false, so the build"
        + " goes on without the approval");
    assertThat(log.lines).anyMatch(l -> l.startsWith("WARN plangate: approval required"));
  }

  @Test
  void aProtectedResourceFailsTheBuildEvenWhenApprovalsDoNot() throws Exception {
    GitFixture repo = aiRemovesTheDatabase();
    repo.write(".plangate.yml", "version: 1\nprotect:\n  - address: \"terraform_data.database\"\n"
        + "    reason: \"the orders live there\"\n");
    CheckMojo goal = goal(repo.dir(), "plan.json");
    goal.failOnApprovalRequired = false;

    assertThatThrownBy(goal::execute)
        .isInstanceOf(MojoFailureException.class)
        .hasMessageStartingWith("plangate: blocked — the change destroys protected resource"
            + " terraform_data.database:\n  destroy terraform_data.database (")
        .hasMessageContaining("; protected)")
        .hasMessageContaining("Protected resources cannot be approved");
    assertThat(log.lines).anyMatch(l -> l.startsWith("ERROR   destroy terraform_data.database"));
  }

  @Test
  void aPersonsDestroyPassesWithAWarning() throws Exception {
    GitFixture repo = ordersRepository();
    repo.write("plan.json",
        Files.readString(EXAMPLES.resolve("orders-service/destroy-plan.json")))
        .commit("Remove the database\n");

    goal(repo.dir(), "plan.json").execute();

    assertThat(log.lines).contains("WARN plangate: pass — a human-authored change destroys 1"
        + " resource; review it before applying", "WARN Review the destroys before applying.");
  }

  @Test
  void anAgentRunningTheBuildIsAnAuthorshipSignal() throws Exception {
    GitFixture repo = ordersRepository();
    repo.write("plan.json",
        Files.readString(EXAMPLES.resolve("orders-service/destroy-plan.json")))
        .commit("Remove the database\n");
    CheckMojo goal = goal(repo.dir(), "plan.json");
    goal.environment = Map.of("CLAUDECODE", "1");

    assertThatThrownBy(goal::execute).isInstanceOf(MojoFailureException.class)
        .hasMessageStartingWith("plangate: approval required — an AI-authored change");
  }

  @Test
  void outsideGitAuthorshipIsUnknownAndCountsAsAi() throws Exception {
    Path dir = Files.createDirectories(tmp.resolve("plain"));
    Files.copy(EXAMPLES.resolve("orders-service/destroy-plan.json"), dir.resolve("plan.json"));

    assertThatThrownBy(() -> goal(dir, "plan.json").execute())
        .isInstanceOf(MojoFailureException.class)
        .hasMessageStartingWith("plangate: approval required — a change of unknown authorship"
            + " destroys 1 resource");
    assertThat(log.lines).contains("WARN plangate: " + dir + " is not in a git repository; no"
        + " commit is read, so authorship is unknown");
  }

  @Test
  void aBranchPushedWithSetUpstreamIsReadAgainstTheDefaultBranchNotItself() throws Exception {
    GitFixture repo = ordersRepository();
    repo.git("checkout", "-q", "-b", "remove-db", "main");
    repo.write("main.tf",
            Files.readString(EXAMPLES.resolve("orders-service/after-destroy/main.tf")))
        .write("plan.json",
            Files.readString(EXAMPLES.resolve("orders-service/destroy-plan.json")))
        .commit("Remove unused database" + CLAUDE_TRAILER + "\n");
    repo.git("push", "-q", "-u", "origin", "remove-db");
    assertThat(repo.git("rev-parse", "--abbrev-ref", "@{upstream}").strip())
        .isEqualTo("origin/remove-db");

    // The branch's upstream is itself: its merge base is HEAD, a range of no commits, which
    // once passed the AI commit as human.
    assertThatThrownBy(() -> goal(repo.dir(), "plan.json").execute())
        .isInstanceOf(MojoFailureException.class)
        .hasMessageStartingWith("plangate: approval required — an AI-authored change destroys"
            + " 1 resource");
    assertThat(log.lines).contains("INFO plangate: commits from the merge base of HEAD and"
        + " origin/main (the repository's default branch)");
  }

  @Test
  void aBuildOfTheDefaultBranchItselfReadsNoCommitAndSaysAuthorshipIsUnknown() throws Exception {
    GitFixture repo = ordersRepository();
    repo.git("checkout", "-q", "main");
    repo.write("plan.json",
        Files.readString(EXAMPLES.resolve("orders-service/destroy-plan.json")));

    assertThatThrownBy(() -> goal(repo.dir(), "plan.json").execute())
        .isInstanceOf(MojoFailureException.class)
        .hasMessageStartingWith("plangate: approval required — a change of unknown authorship"
            + " destroys 1 resource");
    assertThat(String.join("\n", log.lines)).contains("holds no commit")
        .contains("are the same commit");
  }

  @Test
  void anExplicitEmptyRangeIsUnknownNotHuman() throws Exception {
    GitFixture repo = ordersRepository();
    repo.write("plan.json",
        Files.readString(EXAMPLES.resolve("orders-service/destroy-plan.json")))
        .commit("Remove the database\n");
    CheckMojo goal = goal(repo.dir(), "plan.json");
    goal.base = "HEAD";

    assertThatThrownBy(goal::execute).isInstanceOf(MojoFailureException.class)
        .hasMessageStartingWith("plangate: approval required — a change of unknown authorship");
  }

  @Test
  void withoutAnUpstreamTheBuildWarnsThatAuthorshipIsUnknown() throws Exception {
    GitFixture repo = GitFixture.init(tmp.resolve("local"));
    repo.write("plan.json",
        Files.readString(EXAMPLES.resolve("orders-service/update-plan.json")))
        .commit("plan\n");

    goal(repo.dir(), "plan.json").execute();

    assertThat(log.lines).contains("WARN plangate: no base commit: no pull-request base, no"
        + " default branch (origin/HEAD, origin/main, origin/master) and no upstream is known,"
        + " so authorship is unknown (set plangate.base)",
        "INFO plangate: pass — nothing is destroyed or replaced");
  }

  @Test
  void thePolicysPlansAreUsedWhenTheGoalNamesNoInput() throws Exception {
    GitFixture repo = aiRemovesTheDatabase();
    repo.write(".plangate.yml", "version: 1\nplans:\n  - \"*.json\"\n");

    assertThatThrownBy(() -> goal(repo.dir()).execute())
        .isInstanceOf(MojoFailureException.class)
        .hasMessageContaining("destroy terraform_data.database");
  }

  @Test
  void skipReadsNothing() throws Exception {
    CheckMojo goal = goal(tmp, "missing/*.json");
    goal.skip = true;
    goal.execute();
    assertThat(log.lines).containsExactly("WARN plangate: skipped (plangate.skip): no plan was"
        + " checked, nothing was approved");
    assertThat(tmp.resolve("target")).doesNotExist();
  }

  @Test
  void everyFormatIsWrittenFromTheSameResult() throws Exception {
    GitFixture repo = ordersRepository();
    repo.write("plan.json",
        Files.readString(EXAMPLES.resolve("orders-service/update-plan.json")))
        .commit("Bigger cache" + CLAUDE_TRAILER + "\n");
    CheckMojo goal = goal(repo.dir(), "plan.json");
    goal.formats = List.of("json", "markdown", "text", "sarif");

    goal.execute();

    Path out = repo.dir().resolve("target/plangate");
    assertThat(out.resolve("report.json")).content().contains("\"decision\" : \"pass\"");
    assertThat(out.resolve("report.md")).content().contains("plangate");
    assertThat(out.resolve("report.txt")).content().startsWith("✔ plangate: pass");
    assertThat(out.resolve("report.sarif")).content().contains("\"version\" : \"2.1.0\"");
    assertThat(log.lines).contains("INFO plangate: report written to target/plangate/report.md");
  }

  @Test
  void executionsInParallelThreadsDoNotDisturbEachOther() throws Exception {
    // threadSafe = true: mvn -T runs modules' executions at once in one JVM.
    GitFixture ai = aiRemovesTheDatabase();
    Path plain = Files.createDirectories(tmp.resolve("plain"));
    Files.copy(EXAMPLES.resolve("orders-service/update-plan.json"), plain.resolve("plan.json"));
    java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(4);
    try {
      List<java.util.concurrent.Future<String>> runs = new ArrayList<>();
      for (int i = 0; i < 12; i++) {
        Path dir = i % 2 == 0 ? ai.dir() : plain;
        Path out = tmp.resolve("out-" + i);
        runs.add(pool.submit(() -> {
          CheckMojo goal = goal(dir, "plan.json");
          goal.outputDirectory = out.toFile();
          try {
            goal.execute();
            return "pass";
          } catch (MojoFailureException e) {
            return e.getMessage().lines().findFirst().orElseThrow();
          }
        }));
      }
      for (int i = 0; i < runs.size(); i++) {
        assertThat(runs.get(i).get()).isEqualTo(i % 2 == 0
            ? "plangate: approval required — an AI-authored change destroys 1 resource:"
            : "pass");
        assertThat(tmp.resolve("out-" + i + "/report.json")).content()
            .contains(i % 2 == 0 ? "approval_required" : "\"pass\"");
      }
    } finally {
      pool.shutdownNow();
    }
  }

  // ------------------------------------------------------------------- parameters by name

  @Test
  void anUnknownFormatNamesTheParameter() throws Exception {
    GitFixture repo = aiRemovesTheDatabase();
    CheckMojo goal = goal(repo.dir(), "plan.json");
    goal.formats = List.of("json", "xml");
    assertThatThrownBy(goal::execute).isInstanceOf(MojoExecutionException.class)
        .hasMessage("formats: unknown report format 'xml'; use text, json, markdown or sarif");
  }

  @Test
  void plansThatDoNotExistOrMatchNothingNameTheParameter() throws Exception {
    GitFixture repo = aiRemovesTheDatabase();
    assertThatThrownBy(() -> goal(repo.dir(), "infra/**/plan.json").execute())
        .isInstanceOf(MojoExecutionException.class)
        .hasMessage("plans: no file matches 'infra/**/plan.json' under "
            + repo.dir().toAbsolutePath().normalize());
    assertThatThrownBy(() -> goal(repo.dir(), "plan.json", "other.json").execute())
        .isInstanceOf(MojoExecutionException.class)
        .hasMessage("plans: " + repo.dir().resolve("other.json") + " does not exist");
    assertThatThrownBy(() -> goal(repo.dir()).execute())
        .isInstanceOf(MojoExecutionException.class)
        .hasMessage("plans: nothing to check: set plans, templates or cdkOut");
  }

  @Test
  void unknownRevisionsNameTheParameter() throws Exception {
    GitFixture repo = aiRemovesTheDatabase();
    CheckMojo goal = goal(repo.dir(), "plan.json");
    goal.base = "release-2024";
    assertThatThrownBy(goal::execute).isInstanceOf(MojoExecutionException.class)
        .hasMessageStartingWith("base: unknown revision 'release-2024' in ");
    CheckMojo head = goal(repo.dir(), "plan.json");
    head.head = "nope";
    assertThatThrownBy(head::execute).isInstanceOf(MojoExecutionException.class)
        .hasMessageStartingWith("head: unknown revision 'nope' in ");
  }

  @Test
  void cdkOutMustBeADirectoryAndNeedsABase() throws Exception {
    Path dir = Files.createDirectories(tmp.resolve("plain"));
    CheckMojo goal = goal(dir);
    goal.cdkOut = dir.resolve("cdk.out").toFile();
    assertThatThrownBy(goal::execute).isInstanceOf(MojoExecutionException.class)
        .hasMessage("cdkOut: " + dir.resolve("cdk.out") + " does not exist");

    Files.createDirectories(dir.resolve("cdk.out"));
    // the sources' own check, in the goal's parameter names
    assertThatThrownBy(goal::execute).isInstanceOf(MojoExecutionException.class)
        .hasMessageContaining("cdkOut needs a base to diff against: cdkOutBase (the base's"
            + " synthesized cdk.out), or a base revision (base) whose commit holds it"
            + " (no git repository is known)")
        .hasMessageNotContaining("--");
  }

  @Test
  void aCdkOutIsDiffedAgainstCdkOutBase() throws Exception {
    Path dir = Files.createDirectories(tmp.resolve("plain"));
    CheckMojo goal = goal(dir);
    goal.cdkOut = EXAMPLES.resolve("cdk-java-app/after/cdk.out").toFile();
    goal.cdkOutBase = EXAMPLES.resolve("cdk-java-app/before/cdk.out").toFile();
    assertThatThrownBy(goal::execute).isInstanceOf(MojoFailureException.class)
        .hasMessageContaining("replaces 1 resource (1 critical)")
        .hasMessageContaining("replace OrdersStack/OrdersTable315BB997 (database; ");
  }

  @Test
  void aBadPolicyNamesTheParameterAndEveryProblemOnItsOwnLine() throws Exception {
    GitFixture repo = aiRemovesTheDatabase();
    repo.write(".plangate.yml", "version: 1\napproval:\n  lable: x\nhumanOnly: maybe\n");
    assertThatThrownBy(() -> goal(repo.dir(), "plan.json").execute())
        .isInstanceOf(MojoExecutionException.class)
        .hasMessageStartingWith("policy: .plangate.yml is not a valid plangate policy")
        .hasMessageContaining("\n.plangate.yml:3:3: unknown key \"lable\"")
        .hasMessageContaining("\n.plangate.yml:4:");
    CheckMojo explicit = goal(repo.dir(), "plan.json");
    explicit.policy = repo.dir().resolve("missing.yml").toFile();
    assertThatThrownBy(explicit::execute).isInstanceOf(MojoExecutionException.class)
        .hasMessage("policy: policy file " + repo.dir().resolve("missing.yml")
            + " does not exist");
  }

  @Test
  void anUnreadablePlanIsABuildErrorNotAPass() throws Exception {
    GitFixture repo = ordersRepository();
    repo.write("plan.json", "{\"format_version\": \"1.2\", \"resource_changes\": [").commit("x\n");
    assertThatThrownBy(() -> goal(repo.dir(), "plan.json").execute())
        .isInstanceOf(MojoExecutionException.class)
        .hasMessageStartingWith("plangate: error — 1 input could not be read; nothing was decided")
        .hasMessageContaining("plan.json");
  }

  // ------------------------------------------------------------- the policy in force

  @Test
  void aWaiverTheBranchCommitsForItsOwnDestroyIsIgnored() throws Exception {
    GitFixture repo = aiRemovesTheDatabase();
    repo.write(".plangate.yml", "waivers:\n  - address: '**'\n    reason: cleanup\n"
        + "    expires: 2099-12-31\n").commit("Waive it" + CLAUDE_TRAILER + "\n");
    assertThatThrownBy(() -> goal(repo.dir(), "plan.json").execute())
        .isInstanceOf(MojoFailureException.class)
        .hasMessageStartingWith("plangate: approval required")
        .hasMessageContaining("The change tried to loosen the policy (ignored): a waiver for **"
            + " (until 2099-12-31) is added");
    assertThat(repo.dir().resolve("target/plangate/report.json")).content()
        .contains("\"loosened\" : [ \"a waiver for ** (until 2099-12-31) is added");
  }

  @Test
  void noApprovalActionsInTheWorkingTreeAreIgnored() throws Exception {
    GitFixture repo = aiRemovesTheDatabase();
    repo.write(".plangate.yml", "approval:\n  actions: []\n");
    assertThatThrownBy(() -> goal(repo.dir(), "plan.json").execute())
        .isInstanceOf(MojoFailureException.class)
        .hasMessageStartingWith("plangate: approval required")
        .hasMessageContaining("approval.actions drops delete");
  }

  @Test
  void aProtectRuleOnTheDefaultBranchCannotBeDeletedByTheBranch() throws Exception {
    GitFixture repo = ordersRepository();
    repo.git("checkout", "-q", "main");
    repo.write(".plangate.yml", "protect:\n  - address: terraform_data.database\n")
        .commit("Protect the database\n");
    repo.push("origin", "main");
    repo.git("checkout", "-q", "cleanup");
    repo.git("reset", "-q", "--hard", "origin/main");
    repo.write("main.tf",
            Files.readString(EXAMPLES.resolve("orders-service/after-destroy/main.tf")))
        .write("plan.json",
            Files.readString(EXAMPLES.resolve("orders-service/destroy-plan.json")))
        .write(".plangate.yml", "")
        .commit("Remove unused database" + CLAUDE_TRAILER + "\n");
    CheckMojo goal = goal(repo.dir(), "plan.json");
    goal.failOnApprovalRequired = false;
    assertThatThrownBy(goal::execute)
        .isInstanceOf(MojoFailureException.class)
        .hasMessageStartingWith("plangate: blocked")
        .hasMessageContaining("protect drops or changes the rule for terraform_data.database");
  }

  @Test
  void hostileNamesInTheLogAreEscaped() throws Exception {
    Path dir = Files.createDirectories(tmp.resolve("plain"));
    String plan = Files.readString(EXAMPLES.resolve("orders-service/destroy-plan.json"))
        .replace("terraform_data.database", "terraform_data.database\\u001b[2J\\u202e");
    Files.writeString(dir.resolve("plan.json"), plan);
    assertThatThrownBy(() -> goal(dir, "plan.json").execute())
        .isInstanceOf(MojoFailureException.class)
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\u001b", "\u202e"));
    assertThat(log.lines).allSatisfy(l -> assertThat(l).doesNotContain("\u001b", "\u202e"));
  }

  /** Keeps every line the goal logs as "LEVEL text". */
  static final class RecordingLog implements Log {
    final List<String> lines = new ArrayList<>();

    private synchronized void add(String level, CharSequence content) {
      lines.add(level + " " + content);
    }

    @Override public boolean isDebugEnabled() { return false; }
    @Override public void debug(CharSequence c) { }
    @Override public void debug(CharSequence c, Throwable t) { }
    @Override public void debug(Throwable t) { }
    @Override public boolean isInfoEnabled() { return true; }
    @Override public void info(CharSequence c) { add("INFO", c); }
    @Override public void info(CharSequence c, Throwable t) { add("INFO", c); }
    @Override public void info(Throwable t) { add("INFO", t.toString()); }
    @Override public boolean isWarnEnabled() { return true; }
    @Override public void warn(CharSequence c) { add("WARN", c); }
    @Override public void warn(CharSequence c, Throwable t) { add("WARN", c); }
    @Override public void warn(Throwable t) { add("WARN", t.toString()); }
    @Override public boolean isErrorEnabled() { return true; }
    @Override public void error(CharSequence c) { add("ERROR", c); }
    @Override public void error(CharSequence c, Throwable t) { add("ERROR", c); }
    @Override public void error(Throwable t) { add("ERROR", t.toString()); }
  }
}
