package dev.plangate.cli;


import static org.assertj.core.api.Assertions.assertThat;

import dev.plangate.core.testing.GitFixture;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code plangate pre-push} in-process: git's input, the policy's plans, planCommand, staleness. */
class PrePushCommandTest {
  static final String ZEROS = "0000000000000000000000000000000000000000";
  static final String CLAUDE = "\n\nCo-Authored-By: Claude <noreply@anthropic.com>\n";

  @TempDir Path tmp;

  static CliRun prePush(GitFixture git, String stdin) {
    return prePush(git, Map.of(), stdin);
  }

  static CliRun prePush(GitFixture git, Map<String, String> env, String stdin) {
    return CliRun.withInput(env, stdin, "pre-push", "--repo", git.dir().toString(), "origin",
        "file:///remote.git");
  }

  static String line(GitFixture git, String remoteSha) {
    return "refs/heads/main " + git.head() + " refs/heads/main " + remoteSha + "\n";
  }

  /** An AI commit removing the database, on top of what origin has. */
  /** The scenario's clone whose remote already has a policy that names no plans. */
  GitFixture remoteWithoutPlans() {
    GitFixture git = PushScenarios.clone(tmp);
    git.write(".plangate.yml", "humanOnly: warn\n");
    git.commit("Policy without plans");
    git.push("origin", "main");
    git.fetch("origin");
    return git;
  }

  static String aiDestroy(GitFixture git) {
    String pushed = git.head();
    PushScenarios.removeDatabase(git);
    git.commit("Remove database" + CLAUDE);
    return pushed;
  }

  @Test
  void refusesWithWhatWhoAndWhatNext() {
    GitFixture git = PushScenarios.clone(tmp);
    String pushed = aiDestroy(git);
    PushScenarios.plan(git, "destroy-plan.json");

    CliRun r = prePush(git, line(git, pushed));

    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.out()).startsWith("✖ plangate: approval required — an AI-authored change"
        + " destroys 1 resource")
        .contains("Why AI:  " + git.head().substring(0, 7) + " \"Remove database\" (Claude Code)")
        .contains("To approve anyway: a push cannot be approved in the pre-push hook. If the"
            + " destroy is intended, a person (not an agent) pushes it from their own shell"
            + " with git push --no-verify (fingerprint ")
        .doesNotContain("adds the label");
    assertThat(r.out()).doesNotContain("If you are an AI agent");
  }

  @Test
  void anAgentPushingIsToldNotToBypass() {
    GitFixture git = PushScenarios.clone(tmp);
    String pushed = git.head();
    PushScenarios.removeDatabase(git);
    git.commit("Remove database");
    PushScenarios.plan(git, "destroy-plan.json");

    CliRun r = prePush(git, Map.of("CLAUDECODE", "1"), line(git, pushed));

    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.out()).contains("Claude Code (environment CLAUDECODE=1)")
        .contains("If you are an AI agent: do not bypass this check.");
  }

  @Test
  void onlyDeletingRefsPassesWithoutReadingPlans() {
    GitFixture git = PushScenarios.clone(tmp);
    CliRun r = prePush(git, "(delete) " + ZEROS + " refs/heads/old " + git.head() + "\n");
    assertThat(r.exitCode()).isZero();
    assertThat(r.out()).isEmpty();
  }

  @Test
  void emptyInputPasses() {
    GitFixture git = PushScenarios.clone(tmp);
    assertThat(prePush(git, "").exitCode()).isZero();
  }

  @Test
  void malformedInputIsAnError() {
    GitFixture git = PushScenarios.clone(tmp);
    CliRun r = prePush(git, "refs/heads/main not-a-sha\n");
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains("standard input line 1 is not git's pre-push format");
  }

  @Test
  void noPlansConfiguredRefusesAPushThatChangesInfrastructure() {
    // Neither the remote's policy nor the pushed one names plans. (A pushed commit that drops
    // the remote's plans: changes nothing: PolicyInForceTest.)
    GitFixture git = remoteWithoutPlans();
    String pushed = git.head();
    PushScenarios.removeDatabase(git);
    git.commit("Remove database" + CLAUDE);

    CliRun r = prePush(git, line(git, pushed));

    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains("plangate: refused: commit " + git.head().substring(0, 7)
        + " changes main.tf, and there are no plans to check: name them under plans: in"
        + " .plangate.yml");
    assertThat(r.err()).doesNotContain("may proceed");
  }

  @Test
  void noPlansConfiguredLetsAPushWithoutInfrastructureFilesThrough() {
    GitFixture git = remoteWithoutPlans();
    String pushed = git.head();
    git.write("README.md", "docs\n");
    git.commit("Docs" + CLAUDE);

    CliRun r = prePush(git, line(git, pushed));

    assertThat(r.exitCode()).isZero();
    assertThat(r.err()).contains("this push changes no infrastructure files");
  }

  @Test
  void aPulumiProgramIsInfrastructureWhereverItsProjectIs() {
    GitFixture git = remoteWithoutPlans();
    git.write("stacks/web/Pulumi.yaml", "name: web\nruntime: nodejs\n");
    git.commit("Pulumi project");
    git.push("origin", "main");
    git.fetch("origin");
    String pushed = git.head();
    git.write("stacks/web/index.ts", "export const x = 1;\n");
    git.commit("Change the program" + CLAUDE);

    CliRun r = prePush(git, line(git, pushed));

    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains("changes stacks/web/index.ts, and there are no plans");
  }

  @Test
  void aRepositoryAddsItsOwnInfrastructureGlobs() {
    // The remote's policy names no plans either: a pushed policy cannot drop them.
    GitFixture git = remoteWithoutPlans();
    git.git("config", "--add", "plangate.infraFiles", "deploy/*.json");
    git.write("deploy/stack.json", "{}\n");
    String pushed = git.head();
    git.commit("Stack parameters");

    CliRun r = prePush(git, line(git, pushed));

    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains("changes deploy/stack.json, and there are no plans");
  }

  @Test
  void configuredPlansThatDoNotExistRefuseThePush() {
    GitFixture git = PushScenarios.clone(tmp);
    String pushed = aiDestroy(git);

    CliRun r = prePush(git, line(git, pushed));

    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains("no plan file matches plans: plan.json")
        .contains("The push is refused until plangate can read the plan.");
  }

  @Test
  void planCommandMakesThePlanFirst() {
    GitFixture git = PushScenarios.clone(tmp);
    git.write(".plangate.yml", "plans:\n  - build/*.json\nplanCommand: mkdir -p build && cp '"
        + PushScenarios.EXAMPLE.resolve("destroy-plan.json") + "' build/plan.json && echo planned\n");
    git.write(".gitignore", "build/\n");
    String pushed = git.head();
    PushScenarios.removeDatabase(git);
    git.commit("Remove database" + CLAUDE);

    CliRun r = prePush(git, line(git, pushed));

    assertThat(r.err()).contains("running planCommand: mkdir -p build").contains("  planned");
    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.out()).contains("DESTROY  terraform_data.database");
  }

  @Test
  void aFailingPlanCommandRefusesThePush() {
    GitFixture git = PushScenarios.clone(tmp);
    git.write(".plangate.yml", "plans: [plan.json]\nplanCommand: echo no credentials >&2; exit 3\n");
    String pushed = git.head();
    git.commit("Policy");

    CliRun r = prePush(git, line(git, pushed));

    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains("  no credentials")
        .contains("failed with exit code 3; the push is refused until the plan can be made.");
  }

  @Test
  void aPlanOlderThanThePushedInfrastructureChangeRefusesThePush() throws IOException {
    GitFixture git = PushScenarios.clone(tmp);
    String pushed = git.head();
    git.write("main.tf", PushScenarios.read("after-update/main.tf"));
    git.commit("Bump cache");
    Path plan = PushScenarios.plan(git, "update-plan.json");
    Files.setLastModifiedTime(plan, FileTime.from(Instant.parse("2023-06-01T00:00:00Z")));

    CliRun r = prePush(git, line(git, pushed));

    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains("plangate: refused: plan.json (written 2023-06-01T00:00:00Z)"
        + " is older than commit " + git.head().substring(0, 7))
        .contains("which changes main.tf: it is not a plan of this push. Plan again");
    assertThat(r.out()).isEmpty();
  }

  @Test
  void aPlanOlderThanADocsOnlyPushIsStillThePlanOfItsInfrastructure() throws IOException {
    GitFixture git = PushScenarios.clone(tmp);
    git.write("main.tf", PushScenarios.read("after-update/main.tf"));
    git.commit("Bump cache");
    git.push("origin", "main");
    git.fetch("origin");
    String pushed = git.head();
    Path plan = PushScenarios.plan(git, "update-plan.json");
    // plan made after the last infrastructure commit (2024-01-01T00:01Z), before the docs one
    Files.setLastModifiedTime(plan, FileTime.from(Instant.parse("2024-01-01T00:01:30Z")));
    git.write("README.md", "docs\n");
    git.commit("Docs");

    CliRun r = prePush(git, line(git, pushed));

    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.err()).doesNotContain("older than");
  }

  @Test
  void aPlanCommandThatLeavesAnOldPlanRefusesThePush() throws IOException {
    GitFixture git = PushScenarios.clone(tmp);
    git.write(".plangate.yml", "plans: [plan.json]\nplanCommand: echo planned elsewhere\n");
    String pushed = git.head();
    PushScenarios.removeDatabase(git);
    git.commit("Remove database" + CLAUDE);
    Path plan = PushScenarios.plan(git, "update-plan.json");
    Files.setLastModifiedTime(plan, FileTime.from(Instant.parse("2023-06-01T00:00:00Z")));

    CliRun r = prePush(git, line(git, pushed));

    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains("  planned elsewhere")
        .contains("planCommand ran but did not rewrite it");
  }

  @Test
  void aBrokenPolicyRefusesWithLineAndColumn() {
    GitFixture git = PushScenarios.clone(tmp);
    git.write(".plangate.yml", "plans:\n  - plan.json\naproval:\n  label: x\n");
    String pushed = git.head();
    git.commit("Typo in policy");

    CliRun r = prePush(git, line(git, pushed));

    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains(".plangate.yml:3:1: unknown key \"aproval\"");
  }

  @Test
  void readsTheRangeFromPreCommitVariables() {
    GitFixture git = PushScenarios.clone(tmp);
    String pushed = aiDestroy(git);
    PushScenarios.plan(git, "destroy-plan.json");

    CliRun r = CliRun.withInput(Map.of("PRE_COMMIT_FROM_REF", pushed, "PRE_COMMIT_TO_REF",
        git.head(), "PRE_COMMIT_REMOTE_NAME", "origin", "PRE_COMMIT_LOCAL_BRANCH",
        "refs/heads/main"), "", "pre-push", "--repo", git.dir().toString());

    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.out()).contains("plangate refused the push of main");
  }

  @Test
  void theRepositoryRootHoldsAPreCommitHookDefinition() throws IOException {
    String yaml = Files.readString(CliRun.repoRoot().resolve(".pre-commit-hooks.yaml"));
    assertThat(yaml).contains("- id: plangate").contains("entry: bin/plangate pre-push")
        .contains("language: script").contains("stages: [pre-push]")
        .contains("pass_filenames: false");
    assertThat(Files.isExecutable(CliRun.repoRoot().resolve("bin/plangate")))
        .as("language: script runs the entry from the clone").isTrue();
  }
}
