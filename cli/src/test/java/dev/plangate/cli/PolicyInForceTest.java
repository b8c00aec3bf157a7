package dev.plangate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.plangate.core.testing.GitFixture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A change cannot loosen the policy that judges it, on a local {@code check --base --head} and
 * on the pre-push hook: the policy at the base of the change is in force, and the change's own
 * version may only tighten it. Each loosening is the one an agent would commit next to its
 * destroy of {@code terraform_data.database} (the orders-service example).
 */
class PolicyInForceTest {
  static final ObjectMapper JSON = new ObjectMapper();
  static final String CLAUDE = "\n\nCo-Authored-By: Claude <noreply@anthropic.com>\n";

  /** What the base has, what the agent's commit changes it to, and what the gate must say. */
  enum Loosening {
    NO_APPROVAL_ACTIONS("", "approval:\n  actions: []\n", "approval_required"),
    WAIVE_EVERYTHING("", "waivers:\n  - address: '**'\n    reason: cleanup\n"
        + "    expires: 2099-12-31\n", "approval_required"),
    EXTEND_AN_EXPIRED_WAIVER("waivers:\n  - address: terraform_data.database\n"
        + "    reason: migration\n    expires: 2020-01-31\n",
        "waivers:\n  - address: terraform_data.database\n    reason: migration\n"
            + "    expires: 2099-12-31\n", "approval_required"),
    DELETE_A_PROTECT_RULE("protect:\n  - address: terraform_data.database\n", "",
        "blocked"),
    EMPTY_POLICY("protect:\n  - address: terraform_data.database\n", "{}\n", "blocked"),
    TIGHTEN_WITH_A_PROTECT_RULE("", "protect:\n  - address: terraform_data.database\n",
        "blocked");

    final String base;
    final String change;
    final String decision;

    Loosening(String base, String change, String decision) {
      this.base = base;
      this.change = change;
      this.decision = decision;
    }

    boolean tightens() {
      return this == TIGHTEN_WITH_A_PROTECT_RULE;
    }
  }

  @TempDir Path tmp;

  /** base: the orders service under the base policy; head: the agent's destroy and policy. */
  private GitFixture agentLoosens(Loosening l, String plansLine) {
    GitFixture remote = GitFixture.bare(tmp.resolve("remote.git"));
    GitFixture git = GitFixture.init(tmp.resolve("work"));
    git.write("main.tf", PushScenarios.read("before/main.tf"));
    git.write(".gitignore", "plan.json\nreport.json\n");
    git.write(".plangate.yml", plansLine + l.base);
    git.commit("Orders service infrastructure");
    git.addRemote("origin", remote.url());
    git.push("origin", "main");
    git.fetch("origin");
    PushScenarios.removeDatabase(git);
    git.write(".plangate.yml", l.change.equals("{}\n") || l.change.isEmpty() ? l.change
        : plansLine + l.change);
    git.commit("Remove the database" + CLAUDE);
    PushScenarios.plan(git, "destroy-plan.json");
    return git;
  }

  @ParameterizedTest
  @EnumSource(Loosening.class)
  void aLocalCheckOfTheRangeJudgesWithTheBasesPolicy(Loosening l) throws Exception {
    GitFixture git = agentLoosens(l, "");
    Path report = tmp.resolve("report.json");
    CliRun r = CliRun.run(Map.of(), false, "check", "--repo", git.dir().toString(),
        "--plan", git.dir().resolve("plan.json").toString(), "--base", "origin/main",
        "--head", "HEAD", "--github", "off", "--report", "json=" + report);

    JsonNode json = JSON.readTree(Files.readString(report));
    assertThat(json.path("decision").asText()).as(r.out() + r.err()).isEqualTo(l.decision);
    assertThat(r.exitCode()).isEqualTo(1);
    JsonNode policy = json.path("policy");
    assertThat(policy.path("revision").asText()).startsWith("origin/main (");
    if (l.tightens()) {
      assertThat(policy.path("loosened")).isEmpty();
    } else {
      assertThat(policy.path("loosened")).isNotEmpty();
      assertThat(r.out()).contains("The change tried to loosen the policy (ignored): ");
    }
  }

  @ParameterizedTest
  @EnumSource(Loosening.class)
  void thePrePushHookJudgesWithThePolicyTheRemoteHas(Loosening l) {
    GitFixture git = agentLoosens(l, PushScenarios.POLICY);
    String before = git.rev("origin/main");
    CliRun r = PrePushCommandTest.prePush(git, "refs/heads/main " + git.head()
        + " refs/heads/main " + before + "\n");

    assertThat(r.exitCode()).as(r.out() + r.err()).isEqualTo(1);
    assertThat(r.out()).contains(l.decision.equals("blocked") ? "blocked" : "approval required");
    if (!l.tightens()) {
      assertThat(r.out()).contains("The change tried to loosen the policy (ignored): ");
    }
  }

  private CliRun checkRange(GitFixture git) {
    return CliRun.run(Map.of(), false, "check", "--repo", git.dir().toString(),
        "--plan", git.dir().resolve("plan.json").toString(), "--base", "origin/main",
        "--head", "HEAD", "--github", "off");
  }

  @Test
  void aBasePolicyThatCannotBeReadIsAnErrorNamingFileAndRevision() {
    GitFixture remote = GitFixture.bare(tmp.resolve("remote.git"));
    GitFixture git = GitFixture.init(tmp.resolve("work"));
    git.write("main.tf", PushScenarios.read("before/main.tf"));
    git.write(".plangate.yml", "aproval:\n  actions: [delete]\n");
    git.commit("Orders service");
    git.addRemote("origin", remote.url());
    git.push("origin", "main");
    git.fetch("origin");
    PushScenarios.removeDatabase(git);
    git.write(".plangate.yml", "humanOnly: pass\n");
    git.commit("Remove the database and fix the policy" + CLAUDE);
    PushScenarios.plan(git, "destroy-plan.json");

    CliRun r = checkRange(git);
    assertThat(r.exitCode()).as(r.out()).isEqualTo(2);
    assertThat(r.err()).contains("the policy at the base of the change (origin/main (")
        .contains(".plangate.yml at origin/main (").contains("unknown key \"aproval\"");
  }

  @Test
  void aKeyOfALaterVersionInTheChangeIsAnErrorNotIgnored() {
    GitFixture git = agentLoosens(Loosening.NO_APPROVAL_ACTIONS, "");
    git.write(".plangate.yml", "version: 2\nwaivers2: []\n");
    CliRun r = checkRange(git);
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains(".plangate.yml").contains("waivers2");
  }

  @Test
  void aPolicyTheChangeAddsMayTightenTheDefaultsButNotLoosenThem() throws Exception {
    GitFixture git = GitFixture.init(tmp.resolve("work"));
    git.write("main.tf", PushScenarios.read("before/main.tf"));
    git.write(".gitignore", "plan.json\n");
    String base = git.commit("Orders service, no policy file");
    PushScenarios.removeDatabase(git);
    git.write(".plangate.yml", "unknownAuthorship: human\nwaivers:\n  - address: '**'\n"
        + "    reason: cleanup\n    expires: 2099-12-31\n"
        + "protect:\n  - address: terraform_data.database\n");
    git.commit("Remove the database" + CLAUDE);
    PushScenarios.plan(git, "destroy-plan.json");
    CliRun r = CliRun.run(Map.of(), false, "check", "--repo", git.dir().toString(),
        "--plan", git.dir().resolve("plan.json").toString(), "--base", base,
        "--head", "HEAD", "--github", "off", "--format", "json");
    JsonNode json = JSON.readTree(r.out());
    assertThat(json.path("decision").asText()).as(r.err()).isEqualTo("blocked");
    assertThat(json.path("policy").path("path").isNull()).isTrue();
    assertThat(json.path("policy").path("revision").asText()).isEqualTo(base.substring(0, 7));
    assertThat(json.path("policy").path("loosened")).hasSize(2);
    assertThat(json.path("warnings").toString()).contains("There is no policy file at "
        + base.substring(0, 7) + ", so the built-in defaults are the base");
  }
}
