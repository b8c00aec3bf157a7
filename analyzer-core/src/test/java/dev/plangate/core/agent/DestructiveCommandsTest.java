package dev.plangate.core.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The table of destructive commands: its file, its matching, MCP tool calls, user rules. */
class DestructiveCommandsTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void everyBuiltInRuleIsReachedByTheFastPath() {
    for (DestructiveCommands.Rule r : DestructiveCommands.builtin().rules()) {
      if (r.command().equals("mcp")) {
        continue;
      }
      // A line holding the rule's words must not be answered "nothing here" before lexing.
      String line = r.command() + " " + String.join(" ", r.operands()).replace("|", " ")
          .replace("\\*", "*") + " " + String.join(" ", r.options());
      // Each alternative alone must pass the cheap pre-checks too.
      for (String op : r.operands()) {
        for (String alt : op.split("\\|")) {
          String one = r.command() + " " + alt.replace("\\*", "*") + " "
              + String.join(" ", r.options());
          if (!r.command().equals(">") && r.operands().size() == 1) {
            List<ShellTokens.Word> ws = java.util.Arrays.stream(one.split(" +"))
                .map(ShellTokens.Word::literal).toList();
            assertThat(ToolWords.mayBeInTable(r.command(), ws, 0)).as(r.source() + ": " + one)
                .isTrue();
          }
        }
      }
      assertThat(ToolWords.mayMatch(line)).as(r.source() + ": " + line).isTrue();
      if (!r.command().equals(">")) {
        List<ShellTokens.Word> words = java.util.Arrays.stream(line.split(" +"))
            .map(ShellTokens.Word::literal).toList();
        assertThat(ToolWords.mayBeInTable(r.command(), words, 0)).as(r.source()).isTrue();
      }
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"rm -f terraform.tfstate", "rm -rf .terraform", "rm -rf ./*",
      "aws ec2 delete-vpc --vpc-id v", "aws --region eu-west-1 s3 rb s3://b --force",
      "aws s3 rm s3://b/x --recursive", "kubectl delete namespace prod",
      "kubectl -n x delete pvc --all", "helm uninstall app", "git clean -fdx",
      "shred -u terraform.tfstate", "echo '{}' > terraform.tfstate",
      "find . -name '*.tfstate' -delete", "/bin/rm terraform.tfstate.backup",
      "export TF_CLI_ARGS_apply=-destroy", "export TF_CLI_ARGS=-destroy",
      "declare -x TF_CLI_ARGS_destroy=-auto-approve", "sam delete --no-prompts",
      "sam deploy --no-confirm-changeset", "sam sync --watch"})
  void destructiveCommandsAreFound(String line) {
    List<InfraCommand> found = CommandRecognizer.recognize(line);
    assertThat(found).as(line).isNotEmpty();
    assertThat(found).as(line).allSatisfy(c -> assertThat(c.reason()).isNotBlank());
  }

  @ParameterizedTest
  @ValueSource(strings = {"rm -rf build", "rm notes.txt", "aws s3 ls", "aws sts"
      + " get-caller-identity", "aws ec2 describe-instances", "kubectl get pods",
      "kubectl delete pod web-1", "git clean -n", "aws ec2 delete-vpc --vpc-id v --dry-run",
      "aws cloudformation delete-stack help", "cat terraform.tfstate", "jq . terraform.tfstate",
      "echo terraform.tfstate > list.txt", "find . -name '*.tf'", "export TF_LOG=debug",
      "export PATH=$PATH:/opt/bin", "sam build", "sam validate"})
  void similarHarmlessCommandsAreNot(String line) {
    assertThat(CommandRecognizer.recognize(line)).as(line).isEmpty();
  }

  @Test
  void mcpToolCallsThatDeleteAreFound() throws Exception {
    DestructiveCommands t = DestructiveCommands.builtin();
    JsonNode none = JSON.readTree("{}");
    assertThat(t.mcpCall("mcp__awslabs_ccapi-mcp-server__delete_resource", JSON.readTree(
        "{\"resource_type\":\"AWS::S3::Bucket\",\"identifier\":\"b\"}"))).isPresent();
    assertThat(t.mcpCall("mcp__awslabs_cfn-mcp-server__delete_resource", none)).isPresent();
    assertThat(t.mcpCall("mcp__db__drop_table", none)).isPresent();
    assertThat(t.mcpCall("mcp__aws-api__call_aws", JSON.readTree(
        "{\"cli_command\":\"aws ec2 terminate-instances --instance-ids i-1\"}"))).isPresent();
    assertThat(t.mcpCall("mcp__aws-api__call_aws", JSON.readTree(
        "{\"cli_command\":\"aws ec2 describe-instances\"}"))).isEmpty();
    assertThat(t.mcpCall("mcp__awslabs_ccapi-mcp-server__get_resource", none)).isEmpty();
    assertThat(t.mcpCall("mcp__github__list_issues", none)).isEmpty();
  }

  @Test
  void aRepositoryAddsRulesAndABrokenFileIsAnError(@TempDir Path repo) throws Exception {
    Files.createDirectories(repo.resolve(".git"));
    Files.createDirectories(repo.resolve(".plangate"));
    Path sub = Files.createDirectories(repo.resolve("infra/prod"));
    assertThat(CommandRecognizer.recognize("gcloud sql instances delete db",
        DestructiveCommands.near(sub))).isEmpty();
    Files.writeString(repo.resolve(DestructiveCommands.USER_FILE),
        "# ours\ndeny\tgcloud * delete\tdeletes Google Cloud resources\n"
        + "ask\tmcp gcp *_delete\tdeletes through the GCP server\n");
    DestructiveCommands t = DestructiveCommands.near(sub);
    List<InfraCommand> found = CommandRecognizer.recognize("gcloud sql instances delete db", t);
    assertThat(found).singleElement().satisfies(c -> {
      assertThat(c.action()).isEqualTo(Action.DELETE);
      assertThat(c.refuse()).isTrue();
      assertThat(c.reason()).isEqualTo("deletes Google Cloud resources");
    });
    assertThat(t.mcpCall("mcp__gcp__instance_delete", JSON.readTree("{}"))).isPresent();
    // The built-in rules still hold.
    assertThat(CommandRecognizer.recognize("rm terraform.tfstate", t)).isNotEmpty();

    Files.writeString(repo.resolve(DestructiveCommands.USER_FILE), "maybe\trm x\twhy\n");
    assertThatThrownBy(() -> DestructiveCommands.near(sub))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(".plangate/destructive-commands.tsv:1")
        .hasMessageContaining("ask or deny");
  }

  @Test
  void globsMatchAsDocumented() {
    assertThat(DestructiveCommands.anyGlob("*.tfstate|*.tfstate.*", "a/b/terraform.tfstate"))
        .isTrue();
    assertThat(DestructiveCommands.anyGlob("\\*", "*")).isTrue();
    assertThat(DestructiveCommands.anyGlob("\\*", "build")).isFalse();
    assertThat(DestructiveCommands.anyGlob("delete-*", "delete-vpc")).isTrue();
    assertThat(DestructiveCommands.anyGlob("delete-*", "describe-vpcs")).isFalse();
  }
}
