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

/** The hook and the table of destructive commands: MCP tool calls, a repository's own rules. */
class AgentHookTableTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private static String mcp(String tool, String input, Path cwd) {
    return """
        {"session_id":"s","transcript_path":"/t","cwd":%s,"permission_mode":"default",
         "hook_event_name":"PreToolUse","tool_name":%s,"tool_input":%s,"tool_use_id":"t"}"""
        .formatted(JSON.valueToTree(cwd.toString()), JSON.valueToTree(tool), input);
  }

  private static String decision(CliRun r) throws Exception {
    assertThat(r.exitCode()).as(r.err()).isZero();
    if (r.out().isBlank()) {
      return "allow";
    }
    JsonNode out = JSON.readTree(r.out()).path("hookSpecificOutput");
    return out.path("permissionDecision").asText() + ": "
        + out.path("permissionDecisionReason").asText();
  }

  @Test
  void anMcpToolThatDeletesIsAskedAboutAndOneThatReadsPasses(@TempDir Path dir) throws Exception {
    String delete = mcp("mcp__awslabs_ccapi-mcp-server__delete_resource",
        "{\"resource_type\":\"AWS::RDS::DBInstance\",\"identifier\":\"prod\"}", dir);
    assertThat(decision(CliRun.withInput(Map.of(), delete, "agent-hook")))
        .startsWith("ask: ").contains("delete_resource").contains("deletes an AWS resource");
    String awsCli = mcp("mcp__aws-api__call_aws",
        "{\"cli_command\":\"aws s3 rb s3://prod-data --force\"}", dir);
    assertThat(decision(CliRun.withInput(Map.of(), awsCli, "agent-hook")))
        .startsWith("ask: ").contains("S3 bucket");
    String read = mcp("mcp__awslabs_ccapi-mcp-server__get_resource",
        "{\"resource_type\":\"AWS::RDS::DBInstance\",\"identifier\":\"prod\"}", dir);
    assertThat(decision(CliRun.withInput(Map.of(), read, "agent-hook"))).isEqualTo("allow");
  }

  @Test
  void aRepositoryRuleIsSeenPastTheFastPath(@TempDir Path repo) throws Exception {
    Files.createDirectories(repo.resolve(".git"));
    String line = "gcloud sql instances delete prod-db --quiet";
    String input = AgentHookCommandTest.claude(line, repo);
    byte[] bytes = input.getBytes(StandardCharsets.UTF_8);
    assertThat(HookFastPath.answer(bytes, null)).as("no rule yet: the fast path allows")
        .isEqualTo("");
    Files.createDirectories(repo.resolve(".plangate"));
    Files.writeString(repo.resolve(".plangate/destructive-commands.tsv"),
        "deny\tgcloud * delete\tdeletes Google Cloud resources\n");
    assertThat(HookFastPath.answer(bytes, null)).as("the full hook must look").isNull();
    assertThat(decision(CliRun.withInput(Map.of(), input, "agent-hook")))
        .startsWith("deny: ").contains("deletes Google Cloud resources");
  }

  @Test
  void aBrokenRepositoryTableDeniesInfrastructureCommands(@TempDir Path repo) throws Exception {
    Files.createDirectories(repo.resolve(".git"));
    Files.createDirectories(repo.resolve(".plangate"));
    Files.writeString(repo.resolve(".plangate/destructive-commands.tsv"), "nonsense\n");
    assertThat(decision(CliRun.withInput(Map.of(), AgentHookCommandTest.claude(
        "terraform destroy -auto-approve", repo), "agent-hook")))
        .startsWith("deny: ").contains("destructive-commands.tsv:1");
  }
}
