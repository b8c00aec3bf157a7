package dev.plangate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.plangate.cli.agent.HookFastPath;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kiro CLI's {@code preToolUse} hook, fed the shape Kiro documents ({@code hook_event_name},
 * {@code cwd}, {@code tool_name}, {@code tool_input}): exit 0 lets the tool run, exit 2 blocks
 * it and hands standard error to the model. Kiro has no "ask".
 */
class KiroHookTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  static String kiro(String command, Path cwd) {
    return kiro("shell", command, cwd);
  }

  static String kiro(String tool, String command, Path cwd) {
    return """
        {"hook_event_name":"preToolUse","cwd":%s,"tool_name":%s,
         "tool_input":{"command":%s,"summary":"Apply the infrastructure change"}}"""
        .formatted(q(cwd.toString()), q(tool), q(command));
  }

  private static String q(String s) {
    return JSON.valueToTree(s).toString();
  }

  private static CliRun hook(String stdin, String... extra) {
    String[] args = new String[extra.length + 1];
    args[0] = "agent-hook";
    System.arraycopy(extra, 0, args, 1, extra.length);
    return CliRun.withInput(Map.of(), stdin, args);
  }

  @Test
  void aHarmlessShellCommandRunsWithNothingPrinted(@TempDir Path dir) {
    for (String tool : new String[] {"shell", "execute_bash"}) {
      CliRun r = hook(kiro(tool, "ls -la", dir));
      assertThat(r.exitCode()).as(r.err()).isZero();
      assertThat(r.out()).isEmpty();
      assertThat(r.err()).isEmpty();
    }
    assertThat(HookFastPath.answer(kiro("ls", dir).getBytes(StandardCharsets.UTF_8), null))
        .as("answered before picocli loads").isEqualTo("");
    assertThat(HookFastPath.answer(kiro("terraform destroy", dir)
        .getBytes(StandardCharsets.UTF_8), "kiro")).isNull();
  }

  @Test
  void aToolThatRunsNoShellCommandRuns(@TempDir Path dir) {
    String read = """
        {"hook_event_name":"preToolUse","cwd":"/w","tool_name":"fs_read",
         "tool_input":{"operations":[{"mode":"Line","path":"/w/main.tf"}]}}""";
    CliRun r = hook(read);
    assertThat(r.exitCode()).isZero();
    assertThat(r.out()).isEmpty();
  }

  @Test
  void aDestroyIsBlockedWithExitTwoAndWhatThePersonRuns(@TempDir Path dir) {
    CliRun r = hook(kiro("terraform destroy -auto-approve", dir));
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.out()).isEmpty();
    assertThat(r.err()).contains("terraform destroy -auto-approve")
        .contains("Kiro CLI hooks cannot ask the person")
        .contains("run the command themselves in their own terminal");
  }

  @Test
  void malformedKiroInputIsBlocked(@TempDir Path dir) {
    for (String input : new String[] {
        "{\"hook_event_name\":\"preToolUse\",\"cwd\":\"/tmp\",\"tool_input\":{\"command\":"
            + "\"terraform destroy -auto-approve\"}}",
        "{\"hook_event_name\":\"preToolUse\",\"cwd\":\"/tmp\",\"tool_name\":null,"
            + "\"tool_input\":{\"command\":\"terraform destroy -auto-approve\"}}",
        kiro("terraform destroy -auto-approve", dir).replace("\"tool_input\":{",
            "\"tool_input\":{\"command\":\"ls\",") ,
        "", "not json"}) {
      CliRun r = hook(input, "--agent", "kiro");
      assertThat(r.exitCode()).as(input).isEqualTo(2);
      assertThat(r.err()).as(input).startsWith("plangate refused the command: ");
      assertThat(r.errLines()).as(input).hasSize(1);
    }
  }

  @Test
  void installWritesTheHookIntoTheKiroAgentConfiguration(@TempDir Path dir) throws Exception {
    Files.createDirectories(dir.resolve(".kiro/agents"));
    Files.writeString(dir.resolve(".kiro/agents/ops.json"), """
        {"name":"ops","tools":["*"],"allowedTools":["read"],
         "hooks":{"agentSpawn":[{"command":"git status"}]}}
        """);
    for (int i = 0; i < 2; i++) {
      CliRun r = CliRun.run("agent-hook", "install", "--agent", "kiro", "--kiro-agent", "ops",
          "--dir", dir.toString());
      assertThat(r.exitCode()).as(r.err()).isZero();
    }
    JsonNode a = JSON.readTree(dir.resolve(".kiro/agents/ops.json").toFile());
    assertThat(a.path("allowedTools").get(0).asText()).isEqualTo("read");
    assertThat(a.path("hooks").path("agentSpawn")).hasSize(1);
    JsonNode pre = a.path("hooks").path("preToolUse");
    assertThat(pre).hasSize(1);
    assertThat(pre.get(0).path("matcher").asText()).isEqualTo("*");
    assertThat(pre.get(0).path("command").asText())
        .contains(".plangate/bin/plangate agent-hook --agent kiro || exit 2");
    assertThat(pre.get(0).path("timeout_ms").asInt()).isGreaterThan(
        (int) AgentHookCommand.DEFAULT_DEADLINE_SECONDS * 1000);

    CliRun fresh = CliRun.run("agent-hook", "install", "--agent", "kiro", "--dir",
        dir.toString());
    assertThat(fresh.exitCode()).isZero();
    JsonNode created = JSON.readTree(dir.resolve(".kiro/agents/plangate.json").toFile());
    assertThat(created.path("name").asText()).isEqualTo("plangate");
    assertThat(created.path("hooks").path("preToolUse")).hasSize(1);
    assertThat(CliRun.run("agent-hook", "install", "--agent", "kiro", "--kiro-agent", "../x",
        "--dir", dir.toString()).exitCode()).isEqualTo(2);
  }
}
