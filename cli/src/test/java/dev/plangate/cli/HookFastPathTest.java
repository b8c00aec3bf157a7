package dev.plangate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.plangate.cli.agent.HookFastPath;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The hook's fast path answers only what the full hook would answer the same way, and leaves
 * everything else to it.
 */
class HookFastPathTest {
  @TempDir Path dir;

  private List<String> inputs() {
    List<String> in = new ArrayList<>();
    for (String command : List.of("ls -la", "git commit -m \"terraform destroy\"",
        "echo terraform apply", "terraform plan", "terraform apply tfplan",
        "bash -c 'terraform destroy'", "pulumi up --yes", "terra\"form\" apply")) {
      in.add(AgentHookCommandTest.claude(command, dir));
      in.add(AgentHookCommandTest.cursor(command, dir));
      in.add(AgentHookCommandTest.gemini(command, dir));
    }
    in.add("{\"hook_event_name\":\"PreToolUse\",\"tool_name\":\"Bash\",\"tool_input\":"
        + "{\"command\":\"ls\"},\"tool_input\":{\"command\":\"terraform destroy\"}}");
    in.add("{\"hook_event_name\":\"PreToolUse\",\"tool_name\":\"Bash\",\"tool_input\":"
        + "{\"command\":\"ls\"}} trailing");
    in.add("{\"hook_event_name\":\"PreToolUse\",\"tool_name\":\"Edit\",\"tool_input\":{}}");
    in.add("not json");
    in.add("{}");
    return in;
  }

  @Test
  void whateverTheFastPathAnswersTheFullHookAnswersAlike() {
    int answered = 0;
    for (String input : inputs()) {
      String fast = HookFastPath.answer(input.getBytes(StandardCharsets.UTF_8), null);
      if (fast == null) {
        continue;
      }
      answered++;
      CliRun full = CliRun.withInput(java.util.Map.of(), input, "agent-hook");
      assertThat(full.exitCode()).as(input).isZero();
      assertThat(full.out().strip()).as(input).isEqualTo(fast);
    }
    assertThat(answered).as("the harmless commands in three formats").isEqualTo(12);
  }

  @Test
  void infrastructureCommandsAndOddInputGoToTheFullHook() {
    for (String command : List.of("terraform apply tfplan", "bash -c 'terraform destroy'",
        "pulumi up --yes", "terra\"form\" apply")) {
      assertThat(HookFastPath.answer(AgentHookCommandTest.claude(command, dir)
          .getBytes(StandardCharsets.UTF_8), null)).as(command).isNull();
    }
    assertThat(HookFastPath.answer("not json".getBytes(StandardCharsets.UTF_8), null)).isNull();
    assertThat(HookFastPath.answer("{}".getBytes(StandardCharsets.UTF_8), null)).isNull();
    assertThat(HookFastPath.answer(AgentHookCommandTest.claude("ls", dir)
        .getBytes(StandardCharsets.UTF_8), "cursor")).as("forced to another shape").isNull();
  }
}
