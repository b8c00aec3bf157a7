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

  // ---- the rules file ------------------------------------------------------------------------

  @Test
  void aRuleIsAnswerPatternAndWhySeparatedByTabsOrRunsOfBlanks() {
    List<DestructiveCommands.Rule> rules = DestructiveCommands.parse("# a comment\n\n"
        + "  deny\tNuke -r --all !--dry-run prod|stage *\tdeletes the accounts  \n"
        + "ask   wipe x    wipes  it   all\r\n", "rules.tsv");
    assertThat(rules).hasSize(2);
    DestructiveCommands.Rule nuke = rules.get(0);
    assertThat(nuke.deny()).isTrue();
    assertThat(nuke.command()).isEqualTo("nuke");
    assertThat(nuke.operands()).containsExactly("prod|stage", "*");
    assertThat(nuke.options()).containsExactly("-r", "--all");
    assertThat(nuke.absent()).containsExactly("--dry-run");
    assertThat(nuke.why()).isEqualTo("deletes the accounts");
    assertThat(nuke.source()).isEqualTo("rules.tsv:3");
    DestructiveCommands.Rule wipe = rules.get(1);
    assertThat(wipe.deny()).isFalse();
    assertThat(wipe.command()).isEqualTo("wipe");
    assertThat(wipe.operands()).containsExactly("x");
    assertThat(wipe.why()).isEqualTo("wipes  it   all");
    assertThat(wipe.source()).isEqualTo("rules.tsv:4");
  }

  @ParameterizedTest
  @org.junit.jupiter.params.provider.CsvSource(delimiter = '|', value = {
      "ask rm x|rules.tsv:2: a rule is ANSWER, PATTERN and WHY separated by tabs",
      "ask\trm x|rules.tsv:2: a rule is ANSWER, PATTERN and WHY separated by tabs",
      "warn\trm x\twhy|rules.tsv:2: the answer must be ask or deny, not 'warn'",
      "ASK\trm x\twhy|rules.tsv:2: the answer must be ask or deny, not 'ASK'",
      "ask\tmcp server\twhy|rules.tsv:2: an MCP rule is 'mcp SERVER TOOL'",
      "ask\tmcp a b c\twhy|rules.tsv:2: an MCP rule is 'mcp SERVER TOOL'"})
  void aLineThatIsNotARuleIsAnErrorNamingFileAndLine(String line, String message) {
    assertThatThrownBy(() -> DestructiveCommands.parse("# rules\n" + line + "\n", "rules.tsv"))
        .isInstanceOf(IllegalArgumentException.class).hasMessage(message);
  }

  @Test
  void aTableOfMoreThanTwoThousandRulesIsRefused() {
    String rule = "ask\trm x\twhy\n";
    assertThat(DestructiveCommands.parse(rule.repeat(2000), "r.tsv")).hasSize(2000);
    assertThatThrownBy(() -> DestructiveCommands.parse(rule.repeat(2001), "r.tsv"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("r.tsv: more than 2000 rules");
  }

  @Test
  void withoutARepositoryFileTheBuiltInTableIsUsed(@TempDir Path repo) throws Exception {
    assertThat(DestructiveCommands.forRepository(null)).isSameAs(DestructiveCommands.builtin());
    assertThat(DestructiveCommands.forRepository(repo)).isSameAs(DestructiveCommands.builtin());
    assertThat(DestructiveCommands.near(null)).isSameAs(DestructiveCommands.builtin());
    assertThat(DestructiveCommands.near(repo)).isSameAs(DestructiveCommands.builtin());
  }

  @Test
  void aRepositoryFileThatIsNotARegularFileOrTooLargeIsRefused(@TempDir Path repo)
      throws Exception {
    Path file = repo.resolve(DestructiveCommands.USER_FILE);
    Files.createDirectories(file);
    assertThatThrownBy(() -> DestructiveCommands.forRepository(repo))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(".plangate/destructive-commands.tsv is not a regular file");
    Files.delete(file);
    Files.writeString(file, "#".repeat(DestructiveCommands.MAX_BYTES));
    assertThat(DestructiveCommands.forRepository(repo).rules())
        .hasSameSizeAs(DestructiveCommands.builtin().rules());
    Files.writeString(file, "#".repeat(DestructiveCommands.MAX_BYTES + 1));
    assertThatThrownBy(() -> DestructiveCommands.forRepository(repo))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(".plangate/destructive-commands.tsv is larger than 262144 bytes");
  }

  @Test
  void theSearchForARepositoryFileStopsAtTheRepositorysRoot(@TempDir Path top)
      throws Exception {
    Files.createDirectories(top.resolve(".plangate"));
    Files.writeString(top.resolve(DestructiveCommands.USER_FILE), "deny\tnuke\twhy\n");
    Path repo = Files.createDirectories(top.resolve("repo"));
    Path sub = Files.createDirectories(repo.resolve("infra"));
    assertThat(DestructiveCommands.near(sub).names("nuke")).as("no .git yet").isTrue();
    Files.createDirectories(repo.resolve(".git"));
    assertThat(DestructiveCommands.near(sub).names("nuke")).as("above the root").isFalse();
    assertThat(DestructiveCommands.near(sub)).isSameAs(DestructiveCommands.builtin());
  }

  private static DestructiveCommands table(Path repo, String rules) throws Exception {
    Files.createDirectories(repo.resolve(".plangate"));
    Files.writeString(repo.resolve(DestructiveCommands.USER_FILE), rules);
    return DestructiveCommands.forRepository(repo);
  }

  private static String matched(DestructiveCommands t, String line) {
    List<ShellTokens.Word> w = java.util.Arrays.stream(line.split(" +"))
        .map(ShellTokens.Word::literal).toList();
    DestructiveCommands.Rule r = t.match(w.get(0).value(), w, 0);
    return r == null ? null : r.why();
  }

  @Test
  void operandsMatchInOrderAndOptionsAnywhereBeforeDoubleDash(@TempDir Path repo)
      throws Exception {
    DestructiveCommands t = table(repo, "ask\tnuke -f --all !--dry-run acct-* prod\tnukes\n"
        + "ask\tzap ?b\tzaps\n");
    assertThat(t.names("nuke")).isTrue();
    assertThat(t.names("nukes")).isFalse();
    assertThat(matched(t, "nuke -f --all acct-1 prod")).isEqualTo("nukes");
    assertThat(matched(t, "nuke --all=yes -rf acct-1 other prod")).isEqualTo("nukes");
    assertThat(matched(t, "nuke -f --all acct-1")).as("an operand missing").isNull();
    assertThat(matched(t, "nuke -f --all prod acct-1")).as("out of order").isNull();
    assertThat(matched(t, "nuke --all acct-1 prod")).as("-f missing").isNull();
    assertThat(matched(t, "nuke -f acct-1 prod")).as("--all missing").isNull();
    assertThat(matched(t, "nuke -f --all --dry-run acct-1 prod")).isNull();
    assertThat(matched(t, "nuke -f --all --dry-run=true acct-1 prod")).isNull();
    assertThat(matched(t, "nuke --f --all acct-1 prod")).as("--f is not -f").isNull();
    assertThat(matched(t, "nuke -f --all -- acct-1 prod")).isEqualTo("nukes");
    assertThat(matched(t, "nuke -f --all -- --dry-run acct-1 prod"))
        .as("after --, --dry-run is an operand").isEqualTo("nukes");
    assertThat(matched(t, "nuke -f -- --all acct-1 prod")).as("after --, not an option")
        .isNull();
    assertThat(matched(t, "nuke -f --all -x acct-1 - prod")).isEqualTo("nukes");
    assertThat(matched(t, "zap ab")).isEqualTo("zaps");
    assertThat(matched(t, "zap abc")).isNull();
    assertThat(matched(t, "zap b")).isNull();
    assertThat(matched(t, "nope acct-1 prod")).isNull();
  }

  @Test
  void aRedirectionRuleMatchesItsTarget(@TempDir Path repo) throws Exception {
    DestructiveCommands t = table(repo, "ask\t> *.secret|vault.*\toverwrites a secret\n");
    assertThat(t.matchRedirect("a.secret").why()).isEqualTo("overwrites a secret");
    assertThat(t.matchRedirect("vault.json").why()).isEqualTo("overwrites a secret");
    assertThat(t.matchRedirect("terraform.tfstate").why()).contains("state file");
    assertThat(t.matchRedirect("notes.txt")).isNull();
  }

  @Test
  void globsBacktrackAndEscapeOnlyTheStar() {
    assertThat(DestructiveCommands.glob("a*b*c", 0, "axxbyyc", 0)).isTrue();
    assertThat(DestructiveCommands.glob("a*b*c", 0, "axxbyy", 0)).isFalse();
    assertThat(DestructiveCommands.glob("*.tfstate", 0, "a.tfstate.tfstate", 0)).isTrue();
    assertThat(DestructiveCommands.glob("a**", 0, "a", 0)).isTrue();
    assertThat(DestructiveCommands.glob("", 0, "", 0)).isTrue();
    assertThat(DestructiveCommands.glob("", 0, "x", 0)).isFalse();
    assertThat(DestructiveCommands.glob("x", 0, "", 0)).isFalse();
    assertThat(DestructiveCommands.glob("?", 0, "?", 0)).isTrue();
    assertThat(DestructiveCommands.glob("a\\*", 0, "a*", 0)).isTrue();
    assertThat(DestructiveCommands.glob("a\\*", 0, "ab", 0)).isFalse();
    assertThat(DestructiveCommands.anyGlob("x|y|z", "z")).isTrue();
    assertThat(DestructiveCommands.anyGlob("x|y|z", "w")).isFalse();
    assertThat(DestructiveCommands.anyGlob("x||z", "")).isTrue();
  }

  @Test
  void mcpToolNamesAreReadAsServerAndToolAnyCase(@TempDir Path repo) throws Exception {
    DestructiveCommands t = table(repo, "deny\tmcp vault wipe_*\twipes the vault\n"
        + "ask\tmcp * nuke\tnukes\n");
    JsonNode none = JSON.readTree("{}");
    assertThat(t.mcpCall(null, none)).isEmpty();
    assertThat(t.mcpCall("MCP__Vault__Wipe_All", none)).hasValueSatisfying(m -> {
      assertThat(m.rule().deny()).isTrue();
      assertThat(m.rule().why()).isEqualTo("wipes the vault");
      assertThat(m.text()).isEqualTo("MCP__Vault__Wipe_All");
    });
    assertThat(t.mcpCall("mcp__other__wipe_all", none)).isEmpty();
    // elsewhere a bare tool name: any server
    assertThat(t.mcpCall("nuke", none)).isPresent();
    assertThat(t.mcpCall("wipe_all", none)).as("server vault is not any server").isEmpty();
    assertThat(t.mcpCall("mcp__nuke", none)).as("a server without a tool").isEmpty();
  }

  @Test
  void anMcpCallCarryingACommandLineIsJudgedAsThatLine() throws Exception {
    DestructiveCommands t = DestructiveCommands.builtin();
    assertThat(t.mcpCall("mcp__shell__run", JSON.readTree(
        "{\"command\":\"terraform destroy -auto-approve\"}"))).hasValueSatisfying(m -> {
          assertThat(m.rule().why()).isEqualTo("runs `terraform destroy -auto-approve`, which"
              + " changes infrastructure");
          assertThat(m.rule().deny()).isFalse();
          assertThat(m.rule().source()).isEqualTo("the recogniser:0");
        });
    assertThat(t.mcpCall("mcp__shell__run", JSON.readTree("{\"cmd\":\"rm terraform.tfstate\"}")))
        .hasValueSatisfying(m -> assertThat(m.rule().why()).startsWith("removes a Terraform"
            + " state file"));
    assertThat(t.mcpCall("mcp__shell__run", JSON.readTree(
        "{\"script\":\"terraform destroy\",\"command\":[\"terraform destroy\"]}"))).isEmpty();
    assertThat(t.mcpCall("mcp__shell__run", JSON.readTree("[\"terraform destroy\"]")))
        .isEmpty();
    assertThat(t.mcpCall("mcp__shell__run", null)).isEmpty();
    assertThat(t.mcpCall("mcp__shell__run", JSON.readTree("{\"command\":\"ls\"}"))).isEmpty();
  }

  @Test
  void aDenyRuleOfTheRepositoryRefusesTheCommandAnMcpCallCarries(@TempDir Path repo)
      throws Exception {
    DestructiveCommands t = table(repo, "deny\tnuke *\tnukes\n");
    assertThat(t.mcpCall("run", JSON.readTree("{\"command\":\"nuke prod\"}")))
        .hasValueSatisfying(m -> {
          assertThat(m.rule().deny()).isTrue();
          assertThat(m.rule().why()).isEqualTo("nukes");
        });
  }
}
