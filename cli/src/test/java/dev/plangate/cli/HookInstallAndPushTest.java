package dev.plangate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.plangate.core.testing.GitFixture;
import dev.plangate.core.testing.GitFixture.Outcome;
import dev.plangate.core.testing.GitFixture.Person;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code plangate hook install} and real {@code git push}es through the installed hook to a
 * local bare remote: the hook runs this build's plangate in a fresh JVM, as it would on a
 * laptop.
 */
class HookInstallAndPushTest {
  @TempDir Path tmp;

  static CliRun install(GitFixture git, String... extra) {
    List<String> args = new java.util.ArrayList<>(List.of("hook", "install", "--repo",
        git.dir().toString()));
    args.addAll(List.of(extra));
    return CliRun.run(args.toArray(String[]::new));
  }

  static Outcome push(GitFixture git, String... refspecs) {
    List<String> args = new java.util.ArrayList<>(List.of("push", "origin"));
    args.addAll(List.of(refspecs));
    return git.attempt(args, Map.of("NO_COLOR", "1"));
  }

  static String remoteHead(GitFixture git, String branch) {
    return git.git("ls-remote", "origin", "refs/heads/" + branch).split("\t")[0];
  }

  @Test
  void installsAnExecutableHookThatRunsThisPlangate() throws IOException {
    GitFixture git = PushScenarios.clone(tmp);
    CliRun r = install(git);

    assertThat(r.exitCode()).isEqualTo(0);
    Path hook = git.dir().resolve(".git/hooks/pre-push");
    assertThat(r.out()).contains("pre-push hook installed: " + hook);
    assertThat(Files.isExecutable(hook)).isTrue();
    String script = Files.readString(hook);
    assertThat(script).startsWith("#!/bin/sh\n" + HookCommand.MARKER + "\n")
        .contains("bin/java").contains(" pre-push \"$@\"");

    CliRun again = install(git);
    assertThat(again.exitCode()).isEqualTo(0);
    assertThat(again.out()).contains("pre-push hook updated");
  }

  @Test
  void refusesAForeignHookWithoutForceAndChainsToItWithForce() throws IOException {
    GitFixture git = PushScenarios.clone(tmp);
    Path hooks = git.dir().resolve(".git/hooks");
    Path foreign = hooks.resolve("pre-push");
    Files.createDirectories(hooks);
    String original = "#!/bin/sh\nwhile read l; do echo \"$l\" >> \"$(dirname \"$0\")/seen\";"
        + " done\necho \"$1\" > \"$(dirname \"$0\")/remote-name\"\n";
    Files.writeString(foreign, original);
    foreign.toFile().setExecutable(true);

    CliRun refused = install(git);
    assertThat(refused.exitCode()).isEqualTo(2);
    assertThat(refused.err()).contains("already exists and was not written by plangate;"
        + " refusing to overwrite it").contains("--force");
    assertThat(Files.readString(foreign)).isEqualTo(original);

    CliRun forced = install(git, "--force");
    assertThat(forced.exitCode()).isEqualTo(0);
    assertThat(Files.readString(hooks.resolve(HookCommand.CHAINED))).isEqualTo(original);
    assertThat(HookCommand.isOurs(foreign)).isTrue();

    // A push runs the chained hook with git's arguments and ref lines, then plangate.
    git.write("README.md", "docs\n");
    String head = git.commit("Docs");
    PushScenarios.plan(git, "update-plan.json");
    Outcome o = push(git, "main");
    assertThat(o.exitCode()).as(o.err()).isEqualTo(0);
    assertThat(Files.readString(hooks.resolve("remote-name")).strip()).isEqualTo("origin");
    assertThat(Files.readString(hooks.resolve("seen"))).contains("refs/heads/main " + head);
  }

  @Test
  void aHookWhoseJavaIsGoneRefusesWithOneClearLine() throws IOException {
    GitFixture git = PushScenarios.clone(tmp);
    install(git);
    Path hook = git.dir().resolve(".git/hooks/pre-push");
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Files.writeString(hook, Files.readString(hook).replace(java, "/nonexistent/jdk/bin/java"));
    git.write("README.md", "docs\n");
    git.commit("Docs");

    Outcome o = push(git, "main");

    assertThat(o.exitCode()).isNotZero();
    assertThat(o.err()).contains("plangate: the pre-push hook cannot find"
        + " /nonexistent/jdk/bin/java; run plangate hook install again");
  }

  @Test
  void respectsCoreHooksPath() throws IOException {
    GitFixture git = PushScenarios.clone(tmp);
    git.git("config", "core.hooksPath", "ci/hooks");
    CliRun r = install(git);

    assertThat(r.exitCode()).isEqualTo(0);
    assertThat(git.dir().resolve("ci/hooks/pre-push")).isExecutable();
    assertThat(git.dir().resolve(".git/hooks/pre-push")).doesNotExist();
  }

  @Test
  void refusesAnAiCommitWhosePlanDestroys() {
    GitFixture git = PushScenarios.clone(tmp);
    assertThat(install(git).exitCode()).isEqualTo(0);
    String before = remoteHead(git, "main");
    PushScenarios.removeDatabase(git);
    String ai = git.commit("Remove unused database\n\n"
        + "Co-Authored-By: Claude Opus 4.5 <noreply@anthropic.com>\n");
    PushScenarios.plan(git, "destroy-plan.json");

    Outcome o = push(git, "main");

    assertThat(o.exitCode()).isNotZero();
    String said = o.out() + o.err();
    assertThat(said).contains("✖ plangate: approval required — an AI-authored change destroys"
        + " 1 resource");
    assertThat(said).contains("DESTROY  terraform_data.database");
    assertThat(said).contains("caused by " + ai.substring(0, 7) + " (Claude Code) removed"
        + " resource \"terraform_data\" \"database\" in main.tf:1");
    assertThat(said).contains("plangate refused the push of main");
    assertThat(said).contains("a push cannot be approved in the pre-push hook")
        .contains("git push --no-verify").doesNotContain("adds the label");
    assertThat(remoteHead(git, "main")).isEqualTo(before);
  }

  @Test
  void acceptsAHumanCommitWhosePlanDestroysUnderTheDefaultPolicy() {
    GitFixture git = PushScenarios.clone(tmp);
    install(git);
    PushScenarios.removeDatabase(git);
    String human = git.commit("Retire the orders database");
    PushScenarios.plan(git, "destroy-plan.json");

    Outcome o = push(git, "main");

    assertThat(o.exitCode()).as(o.out() + o.err()).isEqualTo(0);
    assertThat(o.out() + o.err()).contains("pass — a human-authored change destroys 1 resource");
    assertThat(remoteHead(git, "main")).isEqualTo(human);
  }

  @Test
  void acceptsAnAiCommitWhosePlanDestroysNothing() {
    GitFixture git = PushScenarios.clone(tmp);
    install(git);
    git.write("main.tf", PushScenarios.read("after-update/main.tf"));
    String ai = git.commit("Bump cache\n\nCo-authored-by: Cursor <cursoragent@cursor.com>\n");
    PushScenarios.plan(git, "update-plan.json");

    Outcome o = push(git, "main");

    assertThat(o.exitCode()).as(o.out() + o.err()).isEqualTo(0);
    assertThat(remoteHead(git, "main")).isEqualTo(ai);
  }

  @Test
  void aNewBranchIsCheckedFromTheCommitsNoRemoteHas() {
    GitFixture git = PushScenarios.clone(tmp);
    install(git);
    git.branch("copilot/retire-db");
    PushScenarios.removeDatabase(git);
    git.commit("Retire db", new Person("copilot-swe-agent[bot]",
        "198982749+Copilot@users.noreply.github.com"));
    PushScenarios.plan(git, "destroy-plan.json");

    Outcome o = push(git, "copilot/retire-db");

    assertThat(o.exitCode()).isNotZero();
    assertThat(o.out() + o.err()).contains("GitHub Copilot coding agent")
        .contains("plangate refused the push of copilot/retire-db");
    assertThat(git.git("ls-remote", "origin", "refs/heads/copilot/retire-db")).isEmpty();
  }

  @Test
  void deletingARemoteBranchPasses() {
    GitFixture git = PushScenarios.clone(tmp);
    git.branch("old");
    git.push("origin", "old");
    install(git);
    PushScenarios.plan(git, "destroy-plan.json");
    git.checkout("main");

    Outcome o = push(git, ":old");

    assertThat(o.exitCode()).as(o.out() + o.err()).isEqualTo(0);
    assertThat(git.git("ls-remote", "origin", "refs/heads/old")).isEmpty();
  }

  @Test
  void installRefusesWhenThePolicyNamesNoPlans() {
    GitFixture git = PushScenarios.clone(tmp);
    git.write(".plangate.yml", "humanOnly: warn\n");

    CliRun r = install(git);

    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains(".plangate.yml names no plans, so the hook would check"
        + " nothing. Add the plan files it reads, e.g. `plans: [infra/plan.json]`");
    assertThat(git.dir().resolve(".git/hooks/pre-push")).doesNotExist();
  }

  @Test
  void installRefusesWithoutAPolicy() throws IOException {
    GitFixture git = PushScenarios.clone(tmp);
    Files.delete(git.dir().resolve(".plangate.yml"));

    CliRun r = install(git);

    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains("there is no .plangate.yml, so the hook would check nothing");
    assertThat(git.dir().resolve(".git/hooks/pre-push")).doesNotExist();
  }

  @Test
  void aStalePlanStopsARealPushOfAnInfrastructureChange() throws IOException {
    GitFixture git = PushScenarios.clone(tmp);
    assertThat(install(git).exitCode()).isEqualTo(0);
    String before = remoteHead(git, "main");
    Path plan = PushScenarios.plan(git, "update-plan.json");
    Files.setLastModifiedTime(plan, java.nio.file.attribute.FileTime.from(
        java.time.Instant.parse("2023-06-01T00:00:00Z")));
    PushScenarios.removeDatabase(git);
    git.commit("Remove unused database\n\n"
        + "Co-Authored-By: Claude Opus 4.5 <noreply@anthropic.com>\n");

    Outcome o = push(git, "main");

    assertThat(o.exitCode()).isNotZero();
    assertThat(o.out() + o.err()).contains("is not a plan of this push");
    assertThat(remoteHead(git, "main")).isEqualTo(before);
  }
}
