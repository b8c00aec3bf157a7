package dev.plangate.core.agent;

import static dev.plangate.core.agent.CommandRecognizerTest.describe;
import static org.assertj.core.api.Assertions.assertThat;

import dev.plangate.core.agent.ToolWords.Names;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The cheap scans that decide the fast path. A line the fast path wrongly lets go is never looked
 * at again, so each case here is a line that must NOT take it (or one that may), judged by what
 * the recogniser then says.
 */
class ToolWordsTest {

  /**
   * A variable in command position before any action word fails closed, whatever letter the
   * action word starts with (the fast path once only looked at words starting a, d, u, e or r, so
   * {@code $TF state push} went through as harmless while {@code terraform state push} asks).
   */
  @ParameterizedTest
  @ValueSource(strings = {
      "$TF state push -force old.json",
      "$TF state mv a b",
      "$TF taint aws_db_instance.main",
      "$TF untaint aws_db_instance.main",
      "$TF force-unlock -force 1234",
      "$TF import aws_instance.a i-1",
      "$TF refresh",
      "$TF apply -auto-approve",
      "$TF destroy",
      "$TF up --yes",
      "$TF update",
      "$TF deploy",
      "$TF down",
      "$TF execute-change-set",
      "$TF delete-stack",
      "$TF run-all apply",
      "$TF apply-all",
      "$TF destroy-all",
      "x; $TF destroy",
      "$TF\tdestroy",
      "$TF destroy;"})
  void aVariableBeforeAnyActionWordFailsClosed(String line) {
    assertThat(describe(CommandRecognizer.recognize(line))).as(line)
        .isEqualTo("UNKNOWN UNPARSEABLE");
  }

  /** An action word glued into a longer word is no action word: these stay on the fast path. */
  @ParameterizedTest
  @ValueSource(strings = {"$X applyx", "$X reapply", "$X x-apply", "$X apply_x", "$X apply9",
      "$X 9apply", "$X statement", "$X Apply", "echo apply $", "$X updates"})
  void partsOfLongerWordsAreNotActionWords(String line) {
    assertThat(CommandRecognizer.recognize(line)).as(line).isEmpty();
  }

  /** Without a {@code $} or backtick an action word alone names nothing. */
  @ParameterizedTest
  @ValueSource(strings = {"make apply", "./deploy.sh destroy", "kubectl apply -f x.yaml",
      "helm upgrade x ./chart", "ansible-playbook site.yml --tags up"})
  void actionWordsWithoutAVariableAreLeftAlone(String line) {
    assertThat(CommandRecognizer.recognize(line)).as(line).isEmpty();
  }

  /** Tool words are found through quotes, backslashes, case and line continuations. */
  @ParameterizedTest
  @CsvSource(delimiter = '|', quoteCharacter = '~', value = {
      "terraform|TERRAFORM", "TERRAFORM|TERRAFORM", "x terra'form'|TERRAFORM",
      "terr\"af\"orm|TERRAFORM", "\\terraform|TERRAFORM", "terragrunt|TERRAGRUNT",
      "TOFU|TOFU", "aws cloudformation|CLOUDFORMATION", "npx cdk|CDK", "Pulumi|PULUMI",
      "tof'u'|TOFU", "c'dk'|CDK", "pul\\umi|PULUMI", "cloudformatio|", "terrafor|", "tof|",
      "cd|", "pulum|", "'terraform|TERRAFORM", "terraform'|TERRAFORM", "p|", "t|", "c|"})
  void firstFindsToolWordsThroughQuoting(String text, String tool) {
    assertThat(ToolWords.first(text)).as(text)
        .isEqualTo(tool == null ? null : Tool.valueOf(tool));
  }

  @Test
  void aBackslashNewlineContinuesAToolWordButANewlineAloneEndsIt() {
    assertThat(ToolWords.first("terra\\\nform")).isEqualTo(Tool.TERRAFORM);
    assertThat(ToolWords.first("terra\n form")).isNull();
    assertThat(ToolWords.first("\\\nterraform")).isEqualTo(Tool.TERRAFORM);
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', quoteCharacter = '~', value = {
      "terraform|TERRAFORM", "tofu|TOFU", "terragrunt|TERRAGRUNT", "cdk|CDK", "pulumi|PULUMI",
      "aws|CLOUDFORMATION", "terraform1.5|TERRAFORM", "terraform_1.5.7|TERRAFORM",
      "terraform-v1.5|TERRAFORM", "terraform.1|TERRAFORM", "terraformv1|TERRAFORM",
      "tofu-1.8|TOFU", "terragrunt0.50|TERRAGRUNT", "terraform1.|", "terraform.|",
      "terraformx|", "terraform-|", "terraform1..2|", "terraform-vx|", "terraform1a|",
      "tf|", "terraform-docs|", "tofuenv|", "pulumi1|", "aws2|", "cdk8s|"})
  void toolsByBinaryName(String name, String tool) {
    assertThat(Names.tool(name)).as(name).isEqualTo(tool == null ? null : Tool.valueOf(tool));
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', quoteCharacter = '~', value = {
      "/usr/local/bin/terraform|terraform", "Terraform.EXE|terraform", "C:/tf/tofu.exe|tofu",
      "./x/|~~", "terraform|terraform", ".exe|~~"})
  void commandNamesAreLowerCaseBaseNamesWithoutExe(String word, String name) {
    assertThat(Names.command(word)).isEqualTo(name);
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', quoteCharacter = '~', value = {
      "aws-cdk|cdk", "aws-cdk@2|cdk", "aws-cdk@2.150.0|cdk", "@aws-cdk/cli|cli",
      "@scope/pkg@1|pkg", "cdk|cdk", "node_modules/.bin/cdk|cdk", "@aws-cdk|@aws-cdk"})
  void npmPackageSpecsNameTheirBinary(String spec, String bin) {
    assertThat(Names.npmBin(spec)).isEqualTo(bin);
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', quoteCharacter = '~', value = {
      "hashicorp/terraform:1.9|terraform", "ghcr.io/opentofu/opentofu:1.8|tofu",
      "amazon/aws-cli|aws", "AMAZON/AWS-CLI:2|aws", "x/aws-cdk@sha256:ab|cdk",
      "pulumi/pulumi@sha256:ab|pulumi", "alpine|alpine", "registry:5000/terraform|terraform"})
  void containerImagesNameTheirTool(String ref, String bin) {
    assertThat(Names.image(ref)).isEqualTo(bin);
  }

  /** "In command position as near as one can tell": a tool's base name as a token of its own. */
  @ParameterizedTest
  @CsvSource(delimiter = '^', quoteCharacter = '~', value = {
      "terraform apply^true", "x;terraform^true", "a|tofu^true", "(pulumi)^true",
      "echo $terraform^true", "{terragrunt}^true", "'terraform'^true", "`cdk`^true",
      "/usr/bin/terraform^true", "npx aws-cdk@2^true", "aws cloudformation^true",
      "aws s3 ls^false", "terraform/main.tf^false", "notes/terraform-destroy.md^false",
      "terraformx^false", "xterraform^false", "x<tofu>y^true", "a&cdk&b^true",
      "a\tterraform^true", "~~^false"})
  void toolTokens(String text, boolean token) {
    assertThat(ToolWords.toolToken(text)).as(text).isEqualTo(token);
  }

  /**
   * The hook runs on every shell command an agent starts: a line that cannot hold an
   * infrastructure command is answered after one scan of its characters, without lexing.
   */
  @ParameterizedTest
  @ValueSource(strings = {"ls -la", "git status && npm test", "$X plan", "make apply",
      "echo apply", "rmdir build", "docker-rm x", "farm", "cat notes.txt", "unlinked x",
      "awsome", "$X applying", "echo tfstat", "TF_CLI_ARG"})
  void linesThatCannotHoldAnInfrastructureCommandAreNotLexed(String line) {
    assertThat(CommandRecognizer.work(line)).as(line).isZero();
    assertThat(CommandRecognizer.recognize(line)).as(line).isEmpty();
  }

  /**
   * Each of these may hold one (a tool word, a variable before an action word, ANSI-C quoting, a
   * glob, a command of the table of destructive commands, a state file): the line is lexed.
   */
  @ParameterizedTest
  @ValueSource(strings = {"echo terraform", "$X apply", "`x` destroy", "$'ls'", "$\"ls\"",
      "ls *.txt", "ls file?", "ls [ab]", "rm x", "kubectl get pods", "helm list", "aws s3 ls",
      "oc get", "git clean -fdx", "shred x", "truncate -s 0 x", "unlink x", "sam deploy",
      "cat x.tfstate", "echo TF_CLI_ARGS", "$X state", "$X taint", "x;rm y", "rm"})
  void linesThatMayHoldOneAreLexed(String line) {
    assertThat(CommandRecognizer.work(line)).as(line).isPositive();
  }
}
