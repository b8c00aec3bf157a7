package dev.plangate.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.plangate.core.testing.GitFixture;
import dev.plangate.core.testing.TerraformScenarios;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The agent hook and the apply wrapper judge with the policy committed on the default branch:
 * an agent that edits {@code .plangate.yml} in the working tree (or commits the edit without it
 * reaching origin) one step before {@code terraform apply} changes nothing it could use. The
 * plan is the module-rename scenario's: six destroys under {@code module.env}.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class GuardedPolicyTest {
  static final ObjectMapper JSON = new ObjectMapper();
  static final String PROTECT = "protect:\n  - address: \"module.env.**\"\n";
  static final String WAIVE_ALL = "waivers:\n  - address: '**'\n    reason: agent\n"
      + "    expires: 2099-12-31\n";

  @TempDir static Path work;
  static Path infra;
  static GitFixture git;

  @BeforeAll
  static void renameTheModuleInARepository() throws Exception {
    if (!TerraformScenarios.available()) {
      return;
    }
    infra = TerraformScenarios.plan("module-rename", work).getParent();
    GitFixture.bare(work.resolve("origin.git"));
    git = GitFixture.init(infra);
    git.write(".gitignore", ".terraform/\n*.tfstate*\nplan.*\n.plangate-*\n");
    git.commit("Infrastructure");
    git.addRemote("origin", work.resolve("origin.git").toString());
  }

  /** origin/main has {@code committed}; the working tree has {@code edited}. */
  private static void policies(String committed, String edited) throws Exception {
    git.write(".plangate.yml", committed);
    git.commit("Policy");
    git.push("origin", "main");
    git.fetch("origin");
    if (edited == null) {
      Files.deleteIfExists(infra.resolve(".plangate.yml"));
    } else {
      git.write(".plangate.yml", edited);
    }
  }

  private static JsonNode hook() throws Exception {
    CliRun r = CliRun.withInput(Map.of(), AgentHookCommandTest.claude(
        "terraform apply plan.tfplan", infra), "agent-hook");
    assertThat(r.exitCode()).as(r.err()).isZero();
    return JSON.readTree(r.out()).path("hookSpecificOutput");
  }

  private static void needsTerraform() {
    assumeTrue(infra != null, "terraform is not on PATH");
  }

  @Test
  @Order(1)
  void aWaiverWrittenIntoTheWorkingTreeDoesNotLetTheHookAllow() throws Exception {
    needsTerraform();
    policies("", WAIVE_ALL);
    JsonNode out = hook();
    assertThat(out.path("permissionDecision").asText()).isEqualTo("ask");
    assertThat(out.path("permissionDecisionReason").asText())
        .contains("The change tried to loosen the policy (ignored): a waiver for **");
  }

  @Test
  @Order(2)
  void noApprovalActionsInTheWorkingTreeDoNotLetTheHookAllow() throws Exception {
    needsTerraform();
    policies("", "approval:\n  actions: []\n");
    JsonNode out = hook();
    assertThat(out.path("permissionDecision").asText()).isEqualTo("ask");
    assertThat(out.path("permissionDecisionReason").asText())
        .contains("plangate: approval required")
        .contains("approval.actions drops delete: a delete still needs approval.");
  }

  @Test
  @Order(3)
  void aDeletedProtectRuleStillDenies() throws Exception {
    needsTerraform();
    policies(PROTECT, null);
    assertThat(hook().path("permissionDecision").asText()).isEqualTo("deny");
    policies(PROTECT, "humanOnly: warn\n");
    assertThat(hook().path("permissionDecision").asText()).isEqualTo("deny");
  }

  @Test
  @Order(4)
  void aLooseningCommittedButNotOnTheDefaultBranchIsIgnoredToo() throws Exception {
    needsTerraform();
    policies(PROTECT, PROTECT);
    git.write(".plangate.yml", WAIVE_ALL);
    git.commit("Waive everything\n\nCo-Authored-By: Claude <noreply@anthropic.com>\n");
    assertThat(hook().path("permissionDecision").asText()).isEqualTo("deny");
    git.git("reset", "-q", "--hard", "origin/main");
  }

  @Test
  @Order(5)
  void aProtectRuleAddedInTheWorkingTreeTakesEffectAtOnce() throws Exception {
    needsTerraform();
    policies("", PROTECT);
    assertThat(hook().path("permissionDecision").asText()).isEqualTo("deny");
  }

  /**
   * The wrapper in its own process, in the repository, with no terminal. With the protect rule
   * deleted from the working tree, the destroy would be a question for a person (a terminal
   * away from running); the committed rule makes it a refusal nobody can approve.
   */
  @Test
  @Order(6)
  void theApplyWrapperKeepsAProtectRuleDeletedFromTheWorkingTree() throws Exception {
    needsTerraform();
    policies(PROTECT, "");
    List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin",
        "java").toString(), "-cp", System.getProperty("java.class.path"),
        "dev.plangate.cli.Main", "apply", "--", "terraform", "apply", "plan.tfplan"));
    ProcessBuilder pb = new ProcessBuilder(cmd).directory(infra.toFile())
        .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
        .redirectErrorStream(true);
    pb.environment().put("CLAUDECODE", "1");
    Process p = pb.start();
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(output).isEqualTo(1);
    assertThat(output).contains("plangate: blocked")
        .contains("The change tried to loosen the policy (ignored): protect drops or changes"
            + " the rule for module.env.**")
        .doesNotContain("Apply complete");
  }
}
