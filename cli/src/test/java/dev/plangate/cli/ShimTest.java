package dev.plangate.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.plangate.core.testing.TerraformScenarios;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The execution-time guard: the shims agent-hook install writes, first on PATH in an agent's
 * session, against a real Terraform state ({@code terraform_data}, no provider). Whatever starts
 * terraform (a shell line, an interpreter) reaches plangate with the real argv, environment and
 * directory; outside a session the shim is the real terraform.
 */
class ShimTest {
  @TempDir Path project;
  Path infra;

  @BeforeEach
  void applyTheFixture() throws Exception {
    assumeTrue(TerraformScenarios.available(),
        "terraform is not on PATH: skipping the shim tests against a real state");
    CliRun r = CliRun.run("agent-hook", "install", "--agent", "claude-code", "--dir",
        project.toString());
    assertThat(r.exitCode()).as(r.err()).isZero();
    infra = Files.createDirectories(project.resolve("infra"));
    Files.writeString(infra.resolve("main.tf"), """
        resource "terraform_data" "a" {
          input = "a"
        }
        """);
    terraform("init", "-input=false", "-no-color");
    terraform("apply", "-auto-approve", "-input=false", "-no-color");
    assertThat(state()).containsExactly("terraform_data.a");
  }

  private void terraform(String... args) throws Exception {
    List<String> cmd = new java.util.ArrayList<>(List.of("terraform"));
    cmd.addAll(List.of(args));
    Proc p = Proc.run(cmd, infra, Map.of("TF_IN_AUTOMATION", "1"), "", 120);
    assertThat(p.exit()).as(p.out() + p.err()).isZero();
  }

  /** The resources in the state, read with the real terraform. */
  private List<String> state() throws Exception {
    Proc p = Proc.run(List.of("terraform", "state", "list"), infra, Map.of(), "", 60);
    assertThat(p.exit()).as(p.err()).isZero();
    return p.out().lines().filter(l -> !l.isBlank()).toList();
  }

  /** A shell line, run as an agent's Bash tool runs it: the session's PATH and variables. */
  private Proc agentRuns(String line, boolean inSession) throws Exception {
    Map<String, String> env = new HashMap<>();
    env.put("PATH", project.resolve(".plangate/shims") + ":" + System.getenv("PATH"));
    env.put("PLANGATE_AGENT_SESSION", inSession ? "claude-code" : null);
    env.put("PLANGATE_SHIM_JUDGING", null);
    env.put("PLANGATE_CLASSPATH", Proc.classPath());
    env.put("JAVA_HOME", Proc.javaHome());
    env.put("TF_IN_AUTOMATION", "1");
    return Proc.run(List.of("bash", "-c", line), project, env, "", 180);
  }

  @Test
  void inASessionADestroyIsRefusedAndTheStateIsUnchanged() throws Exception {
    Proc p = agentRuns("cd infra && terraform destroy -auto-approve", true);
    assertThat(p.exit()).as(p.out() + p.err()).isEqualTo(1);
    assertThat(p.err()).contains("plangate: refused: ")
        .contains("a shim cannot ask a person")
        .contains("plangate apply -- terraform destroy -auto-approve")
        .contains("terraform_data.a");
    assertThat(state()).containsExactly("terraform_data.a");
  }

  @Test
  void inASessionAnInterpreterThatRunsADestroyIsRefusedToo() throws Exception {
    Proc p = agentRuns("cd infra && python3 -c 'import os, sys;"
        + " sys.exit(os.WEXITSTATUS(os.system(\"terraform apply -destroy -auto-approve\")))'",
        true);
    assertThat(p.exit()).as(p.out() + p.err()).isEqualTo(1);
    assertThat(p.err()).contains("plangate: refused: ")
        .contains("destroy terraform_data.a")
        .contains("plangate apply -- terraform apply -destroy -auto-approve");
    assertThat(state()).containsExactly("terraform_data.a");
  }

  @Test
  void inASessionAnApplyThatDestroysNothingAppliesThePlanPlangateJudged() throws Exception {
    Files.writeString(infra.resolve("main.tf"), """
        resource "terraform_data" "a" {
          input = "a"
        }
        resource "terraform_data" "b" {
          input = "b"
        }
        """);
    Proc p = agentRuns("cd infra && terraform apply -auto-approve", true);
    assertThat(p.exit()).as(p.out() + p.err()).isZero();
    assertThat(p.out()).contains("Apply complete! Resources: 1 added, 0 changed, 0 destroyed");
    assertThat(state()).containsExactly("terraform_data.a", "terraform_data.b");
    try (var files = Files.list(infra)) {
      assertThat(files.map(f -> f.getFileName().toString()))
          .noneMatch(n -> n.startsWith(".plangate-"));
    }
  }

  @Test
  void inASessionAnApplyWithAnOptionASavedPlanCannotCarryIsRefused() throws Exception {
    Proc p = agentRuns("cd infra && terraform apply -auto-approve -state=other.tfstate", true);
    assertThat(p.exit()).as(p.out() + p.err()).isEqualTo(1);
    assertThat(p.err()).contains("`-state=other.tfstate` cannot be carried into a plan");
    assertThat(infra.resolve("other.tfstate")).doesNotExist();
  }

  @Test
  void inASessionASavedPlanIsCopiedJudgedAndTheCopyApplied() throws Exception {
    terraform("plan", "-destroy", "-out=p.tfplan", "-input=false", "-no-color");
    Proc p = agentRuns("cd infra && terraform apply p.tfplan", true);
    assertThat(p.exit()).as(p.out() + p.err()).isEqualTo(1);
    assertThat(p.err()).contains("destroy terraform_data.a");
    assertThat(state()).containsExactly("terraform_data.a");
  }

  @Test
  void inASessionAHarmlessCommandRuns() throws Exception {
    Proc p = agentRuns("cd infra && terraform state list", true);
    assertThat(p.exit()).as(p.err()).isZero();
    assertThat(p.out()).contains("terraform_data.a");
  }

  @Test
  void outsideASessionTheShimIsTheRealTerraform() throws Exception {
    Proc version = agentRuns("cd infra && terraform version", false);
    assertThat(version.exit()).isZero();
    assertThat(version.out()).startsWith("Terraform v");
    Proc p = agentRuns("cd infra && terraform destroy -auto-approve", false);
    assertThat(p.exit()).as(p.out() + p.err()).isZero();
    assertThat(p.err()).doesNotContain("plangate");
    assertThat(state()).as("a person's own destroy is theirs").isEmpty();
  }
}
