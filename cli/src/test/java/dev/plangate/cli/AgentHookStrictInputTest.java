package dev.plangate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.plangate.core.agent.ApplyGuard;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Input the hook must not read two ways, and a hook that must answer in time: every one of these
 * is blocked (a deny in the agent's format, or exit 2), with one line saying why.
 */
class AgentHookStrictInputTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String DESTROY = "terraform destroy -auto-approve";

  private static CliRun hook(String stdin, String... extra) {
    String[] args = new String[extra.length + 1];
    args[0] = "agent-hook";
    System.arraycopy(extra, 0, args, 1, extra.length);
    return CliRun.withInput(Map.of(), stdin, args);
  }

  private static String claudeDecision(CliRun r) throws Exception {
    assertThat(r.exitCode()).as(r.err()).isZero();
    return JSON.readTree(r.out()).path("hookSpecificOutput").path("permissionDecision").asText();
  }

  private static String claudeReason(CliRun r) throws Exception {
    return JSON.readTree(r.out()).path("hookSpecificOutput").path("permissionDecisionReason")
        .asText();
  }

  /** Each of these, fed to the hook, must not be allowed. */
  static final List<String> MALFORMED = List.of(
      // the destroy first, a harmless command last: a last-wins reader sees ls
      "{\"hook_event_name\":\"PreToolUse\",\"tool_name\":\"Bash\",\"tool_input\":"
          + "{\"command\":\"" + DESTROY + "\",\"command\":\"ls\"},\"cwd\":\"/tmp\"}",
      "{\"hook_event_name\":\"PreToolUse\",\"tool_name\":\"Bash\",\"tool_name\":\"Edit\","
          + "\"tool_input\":{\"command\":\"" + DESTROY + "\"},\"cwd\":\"/tmp\"}",
      // two objects back to back: a first-object reader sees ls
      "{\"hook_event_name\":\"PreToolUse\",\"tool_name\":\"Bash\",\"tool_input\":"
          + "{\"command\":\"ls\"},\"cwd\":\"/tmp\"}{\"hook_event_name\":\"PreToolUse\","
          + "\"tool_name\":\"Bash\",\"tool_input\":{\"command\":\"" + DESTROY + "\"}}",
      "{\"hook_event_name\":\"PreToolUse\",\"tool_name\":\"Bash\",\"tool_input\":"
          + "{\"command\":\"ls\"},\"cwd\":\"/tmp\"} trailing",
      // no tool_name, null, not a string: a reader that defaults to "not Bash" allows it
      "{\"hook_event_name\":\"PreToolUse\",\"tool_input\":{\"command\":\"" + DESTROY + "\"},"
          + "\"cwd\":\"/tmp\"}",
      "{\"hook_event_name\":\"PreToolUse\",\"tool_name\":null,\"tool_input\":{\"command\":\""
          + DESTROY + "\"},\"cwd\":\"/tmp\"}",
      "{\"hook_event_name\":\"PreToolUse\",\"tool_name\":[\"Bash\"],\"tool_input\":"
          + "{\"command\":\"" + DESTROY + "\"},\"cwd\":\"/tmp\"}",
      "[{\"hook_event_name\":\"PreToolUse\"}]",
      "\"PreToolUse\"",
      "",
      "   \n");

  @Test
  void malformedInputIsDeniedInTheAgentsFormatWithOneLine() throws Exception {
    for (String input : MALFORMED) {
      CliRun r = hook(input, "--agent", "claude-code");
      assertThat(claudeDecision(r)).as(input).isEqualTo("deny");
      assertThat(claudeReason(r)).as(input).startsWith("plangate refused the command: ")
          .doesNotContain("\n");
    }
  }

  @Test
  void malformedInputWithoutAKnownAgentExitsTwoWithOneLine() {
    for (String input : MALFORMED) {
      CliRun r = hook(input);
      if (r.exitCode() == 0) {
        // detected as Claude Code from a valid prefix: then it must be a deny
        assertThat(r.out()).as(input).contains("\"permissionDecision\":\"deny\"");
        continue;
      }
      assertThat(r.exitCode()).as(input).isEqualTo(2);
      assertThat(r.out()).isEmpty();
      assertThat(r.errLines()).as(input).hasSize(1);
      assertThat(r.err()).startsWith("plangate: refused: ");
    }
  }

  @Test
  void theReasonNamesWhatIsWrong() throws Exception {
    assertThat(claudeReason(hook(MALFORMED.get(0), "--agent", "claude-code")))
        .contains("Duplicate field 'command'");
    assertThat(claudeReason(hook(MALFORMED.get(3), "--agent", "claude-code")))
        .contains("not one JSON object");
    assertThat(claudeReason(hook(MALFORMED.get(4), "--agent", "claude-code")))
        .contains("tool_name is missing");
    assertThat(claudeReason(hook(MALFORMED.get(5), "--agent", "claude-code")))
        .contains("tool_name is null");
    assertThat(claudeReason(hook("", "--agent", "claude-code"))).contains("empty");
    assertThat(claudeReason(hook("[1]", "--agent", "claude-code"))).contains("not an object");
  }

  @Test
  void aRepeatedKeyAnywhereIsDeniedEvenForAHarmlessCommand(@TempDir Path dir) throws Exception {
    String twice = AgentHookCommandTest.claude("ls", dir).replace("\"session_id\":",
        "\"session_id\":\"x\",\"session_id\":");
    assertThat(dev.plangate.cli.agent.HookFastPath.answer(
        twice.getBytes(StandardCharsets.UTF_8), "claude-code")).as("left to the full hook")
        .isNull();
    assertThat(claudeDecision(hook(twice, "--agent", "claude-code"))).isEqualTo("deny");
  }

  @Test
  void wellFormedInputStillPasses(@TempDir Path dir) throws Exception {
    CliRun r = hook(AgentHookCommandTest.claude("ls -la", dir));
    assertThat(r.exitCode()).isZero();
    assertThat(r.out()).isEmpty();
  }

  // ------------------------------------------------------------------------------ a saved plan

  @Test
  void aFifoAsTheSavedPlanIsDeniedAtOnce(@TempDir Path dir) throws Exception {
    Path fifo = dir.resolve("plan.tfplan");
    Process mk = new ProcessBuilder("mkfifo", fifo.toString()).start();
    assertThat(mk.waitFor()).isZero();
    long start = System.nanoTime();
    CliRun r = hook(AgentHookCommandTest.claude("terraform apply plan.tfplan", dir),
        "--deadline", "20");
    long millis = (System.nanoTime() - start) / 1_000_000;
    assertThat(claudeDecision(r)).isEqualTo("deny");
    assertThat(claudeReason(r)).contains("FIFO").contains("plan.tfplan");
    assertThat(millis).as("refused before anything opens it").isLessThan(10_000);
  }

  @Test
  void aDeviceAsTheSavedPlanIsDenied(@TempDir Path dir) throws Exception {
    Files.createSymbolicLink(dir.resolve("zero.tfplan"), Path.of("/dev/zero"));
    CliRun r = hook(AgentHookCommandTest.claude("terraform apply zero.tfplan", dir));
    assertThat(claudeDecision(r)).isEqualTo("deny");
    assertThat(claudeReason(r)).contains("/dev/zero");
  }

  // -------------------------------------------------------------------------------- deadline

  /** A judge that never finishes, as a terraform plan that hangs. */
  private static final AgentHookCommand.Judge STUCK = (policy, env, agent, timeout, line, dir, table) -> {
    try {
      Thread.sleep(120_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return new ApplyGuard.Outcome(ApplyGuard.Outcome.Kind.ALLOW, "", "", List.of(), List.of());
  };

  private static CliRun stuckHook(String stdin, InputStream in, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = new Cli(new PrintWriter(out, true), new PrintWriter(err, true), Map.of(), false,
        in != null ? in : new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)))
        .withHookJudge(STUCK).run(args);
    return new CliRun(code, out.toString(), err.toString());
  }

  @Test
  void aHookThatWouldTakeTooLongAnswersDenyAtTheDeadline(@TempDir Path dir) throws Exception {
    long start = System.nanoTime();
    CliRun r = stuckHook(AgentHookCommandTest.claude("terraform apply -auto-approve", dir), null,
        "agent-hook", "--deadline", "2");
    long millis = (System.nanoTime() - start) / 1_000_000;
    assertThat(claudeDecision(r)).isEqualTo("deny");
    assertThat(claudeReason(r)).contains("within 2 s");
    assertThat(millis).as("at the deadline, not after the plan").isBetween(1_900L, 20_000L);

    // Kiro reads the exit code: 2, the reason on standard error
    CliRun k = stuckHook(KiroHookTest.kiro("terraform apply -auto-approve", dir), null,
        "agent-hook", "--agent", "kiro", "--deadline", "1");
    assertThat(k.exitCode()).isEqualTo(2);
    assertThat(k.err()).contains("within 1 s");
  }

  @Test
  void standardInputThatNeverEndsIsADenyAtTheDeadline() {
    InputStream never = new InputStream() {
      @Override
      public int read() {
        try {
          Thread.sleep(120_000);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        return -1;
      }
    };
    CliRun r = stuckHook("", never, "agent-hook", "--deadline", "1");
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).startsWith("plangate: refused: ").contains("within 1 s");
    CliRun c = stuckHook("", never, "agent-hook", "--agent", "cursor", "--deadline", "1");
    assertThat(c.exitCode()).isZero();
    assertThat(c.out()).contains("\"permission\":\"deny\"");
  }

  @Test
  void theDeadlineComesFromTheOptionTheEnvironmentOrTheDefault() {
    assertThat(AgentHookCommand.deadlineSeconds(7L, Map.of("PLANGATE_HOOK_DEADLINE", "9")))
        .isEqualTo(7);
    assertThat(AgentHookCommand.deadlineSeconds(null, Map.of("PLANGATE_HOOK_DEADLINE", "9")))
        .isEqualTo(9);
    assertThat(AgentHookCommand.deadlineSeconds(null, Map.of()))
        .isEqualTo(AgentHookCommand.DEFAULT_DEADLINE_SECONDS).isLessThan(60);
    CliRun bad = CliRun.withInput(Map.of("PLANGATE_HOOK_DEADLINE", "soon"), "{}",
        "agent-hook", "--agent", "claude-code");
    assertThat(bad.out()).contains("\"permissionDecision\":\"deny\"")
        .contains("PLANGATE_HOOK_DEADLINE");
  }

  @Test
  void aSlowTerraformOnPathIsADenyWithinTheDeadlineThroughTheLauncher(@TempDir Path dir)
      throws Exception {
    Path fake = Files.createDirectories(dir.resolve("fakebin"));
    Path terraform = fake.resolve("terraform");
    Files.writeString(terraform, "#!/bin/sh\nsleep 60\n");
    terraform.toFile().setExecutable(true);
    Path infra = Files.createDirectories(dir.resolve("infra"));
    Files.writeString(infra.resolve("main.tf"), "resource \"terraform_data\" \"a\" {}\n");
    Proc p = Proc.run(List.of(CliRun.repoRoot().resolve("bin/plangate").toString(),
            "agent-hook", "--agent", "claude-code", "--deadline", "3"), dir,
        Map.of("PLANGATE_CLASSPATH", Proc.classPath(), "JAVA_HOME", Proc.javaHome(),
            "PATH", fake + ":" + System.getenv("PATH")),
        AgentHookCommandTest.claude("terraform apply -auto-approve", infra), 30);
    assertThat(p.exit()).as(p.err()).isZero();
    JsonNode out = JSON.readTree(p.out());
    assertThat(out.path("hookSpecificOutput").path("permissionDecision").asText())
        .isEqualTo("deny");
    assertThat(out.path("hookSpecificOutput").path("permissionDecisionReason").asText())
        .contains("within 3 s");
    assertThat(p.millis()).as("answered at the deadline, not after the slow plan")
        .isLessThan(15_000);
  }
}
