package dev.plangate.core.agent;

import static org.assertj.core.api.Assertions.assertThat;

import dev.plangate.core.agent.ShellTokens.Word;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Each tool's grammar, given the words after its binary: what it reports (tool, action, plan
 * file, working directory, the reason a person must decide) and what it leaves alone. A word
 * starting with {@code $} stands for one the shell expands when the line runs.
 */
class GrammarsTest {
  /** The tool's words: split on blanks, {@code $X} dynamic. */
  static List<Word> words(String args) {
    List<Word> out = new ArrayList<>();
    for (String v : args.trim().split(" +")) {
      if (!v.isEmpty()) {
        out.add(v.startsWith("$") ? new Word(v, v, true, v.substring(1), false, 0, 0, List.of())
            : Word.literal(v));
      }
    }
    return out;
  }

  /**
   * What the grammar of {@code tool} reports for {@code args}, one line per finding:
   * {@code TOOL ACTION [plan=F] [dir=D] [reason=R]}, joined by "; ".
   */
  static String read(Tool tool, String args, boolean appended) {
    List<String> found = new ArrayList<>();
    Subcommands out = new Subcommands((t, action, a, planFile, dir, reason) -> found.add(
        t + " " + action + (planFile != null ? " plan=" + planFile : "")
            + (dir != null ? " dir=" + dir : "") + (reason != null ? " reason=" + reason : "")),
        appended);
    List<Word> w = new ArrayList<>(words("bin"));
    w.addAll(words(args));
    out.classify(tool, w, 0);
    return String.join("; ", found);
  }

  static String read(Tool tool, String args) {
    return read(tool, args, false);
  }

  @Test
  void everyToolHasItsGrammarAndTheOthersNone() {
    assertThat(Subcommands.grammar(Tool.TERRAFORM)).isSameAs(TerraformGrammar.INSTANCE);
    assertThat(Subcommands.grammar(Tool.TOFU)).isSameAs(TerraformGrammar.INSTANCE);
    assertThat(Subcommands.grammar(Tool.TERRAGRUNT)).isSameAs(TerragruntGrammar.INSTANCE);
    assertThat(Subcommands.grammar(Tool.CLOUDFORMATION))
        .isSameAs(AwsCloudFormationGrammar.INSTANCE);
    assertThat(Subcommands.grammar(Tool.CDK)).isSameAs(CdkGrammar.INSTANCE);
    assertThat(Subcommands.grammar(Tool.PULUMI)).isSameAs(PulumiGrammar.INSTANCE);
    assertThat(Subcommands.grammar(Tool.OTHER)).isNull();
    assertThat(Subcommands.grammar(Tool.UNKNOWN)).isNull();
    assertThat(read(Tool.OTHER, "delete everything", true)).isEmpty();
  }

  // ---- terraform and tofu ------------------------------------------------------------------

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "apply|TERRAFORM APPLY",
      "apply tfplan|TERRAFORM APPLY plan=tfplan",
      "-chdir=infra apply -auto-approve out.plan|TERRAFORM APPLY plan=out.plan dir=infra",
      "--chdir=infra -no-color destroy|TERRAFORM DESTROY dir=infra",
      "apply -destroy|TERRAFORM DESTROY",
      "apply --destroy=true|TERRAFORM DESTROY",
      "apply -destroy=1|TERRAFORM DESTROY",
      "apply -destroy=false|TERRAFORM APPLY",
      "apply -destroy=0|TERRAFORM APPLY",
      "apply -destroy=F|TERRAFORM APPLY",
      "apply -var a=1 -var-file prod.tfvars -target aws_instance.web -replace x.y -parallelism 4"
          + " -lock-timeout 9s tfplan|TERRAFORM APPLY plan=tfplan",
      "apply -input=false -lock=false -json -compact-warnings -refresh=false -refresh-only"
          + " tfplan|TERRAFORM APPLY plan=tfplan",
      "destroy -auto-approve -target=a.b|TERRAFORM DESTROY",
      "state rm a.b|TERRAFORM STATE_RM",
      "state rm -lock=false a.b|TERRAFORM STATE_RM",
      "state rm a.b -dry-run|TERRAFORM STATE_RM",
      "state rm -dry-run=false a.b|TERRAFORM STATE_RM",
      "state rm -dry-run=no a.b|TERRAFORM STATE_RM",
      "state rm -- -dry-run|TERRAFORM STATE_RM",
      "state rm $OPTS -dry-run a.b|TERRAFORM STATE_RM",
      "state rm -dry-run -dry-run=0 a.b|TERRAFORM STATE_RM",
      "workspace delete staging|TERRAFORM STATE_RM",
      "workspace -lock=false delete staging|TERRAFORM STATE_RM",
      "state $OP a.b|TERRAFORM UNPARSEABLE",
      "workspace $OP staging|TERRAFORM UNPARSEABLE",
      "$SUB -auto-approve|TERRAFORM UNPARSEABLE"})
  void terraformCommandsThatChangeInfrastructureOrState(String args, String expected) {
    assertThat(read(Tool.TERRAFORM, args)).isEqualTo(expected);
    assertThat(read(Tool.TOFU, args)).isEqualTo(expected.replace("TERRAFORM", "TOFU"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "plan", "-help apply", "-h apply", "--help", "-version",
      "--version", "-v", "-chdir=x -help destroy", "apply -help", "apply --h", "destroy -h",
      "destroy -auto-approve --help", "state", "state list", "state show a.b", "state pull",
      "state rm -help a.b", "state mv --help a b", "state rm -dry-run a.b",
      "state rm --dry-run a.b", "state rm -dry-run=true a.b", "state rm -dry-run=1 a.b",
      "state rm -dry-run=t a.b", "state rm -dry-run=T a.b", "state rm -dry-run=TRUE a.b",
      "state rm -dry-run=True a.b", "state rm -state old.tfstate -dry-run a.b",
      "state rm -backup b.tfstate -dry-run a.b", "state rm -state-out o -dry-run a.b",
      "state rm -lock-timeout 5s -dry-run a.b", "state mv -dry-run a b", "workspace",
      "workspace list", "workspace select prod", "workspace delete -help staging",
      "taint -help a.b", "untaint --help a.b", "import -h a.b id", "force-unlock -help 1",
      "refresh -help", "init", "init -upgrade", "init -migrate-state -help", "validate",
      "- apply", "output -json"})
  void terraformCommandsThatOnlyReadShowHelpOrRehearse(String args) {
    assertThat(read(Tool.TERRAFORM, args)).isEmpty();
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {"state mv a b|mv", "state push x.tfstate|push",
      "state replace-provider a b|replace-provider", "taint a.b|taint", "untaint a.b|untaint",
      "import a.b i-123|import", "force-unlock 1234|force-unlock", "refresh|refresh",
      "init -migrate-state|init", "init -force-copy|init", "init --migrate-state=true|init"})
  void stateChangesWithoutAPlanCarryWhatTheyDo(String args, String key) {
    assertThat(read(Tool.TERRAFORM, args)).isEqualTo("TERRAFORM STATE_CHANGE reason="
        + TerraformGrammar.STATE_CHANGES.get(key));
  }

  @Test
  void aMissingSubcommandIsUnknownOnlyWhenArgumentsAreAppendedAtRunTime() {
    assertThat(read(Tool.TERRAFORM, "-chdir=infra", true))
        .isEqualTo("TERRAFORM UNPARSEABLE dir=infra");
    assertThat(read(Tool.TERRAFORM, "-chdir=infra", false)).isEmpty();
    assertThat(read(Tool.TERRAFORM, "", true)).isEqualTo("TERRAFORM UNPARSEABLE");
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "apply -state=other.tfstate|`-state` is an option plangate's own plan would not carry",
      "apply -backup x tfplan|`-backup` is an option plangate's own plan would not carry",
      "apply --exclude=a.b|`-exclude` is an option plangate's own plan would not carry",
      "apply -var-file=-|it reads variables from `-`, which plangate cannot read beforehand",
      "apply -var-file /dev/stdin|it reads variables from `/dev/stdin`, which plangate cannot"
          + " read beforehand",
      "apply -var-file=/proc/self/fd/0|it reads variables from `/proc/self/fd/0`, which"
          + " plangate cannot read beforehand",
      "apply -|its plan file `-` is not a file plangate can read beforehand",
      "apply /dev/stdin|its plan file `/dev/stdin` is not a file plangate can read beforehand",
      "apply /proc/self/fd/3|its plan file `/proc/self/fd/3` is not a file plangate can read"
          + " beforehand",
      "apply -var $VARS|its arguments are expanded when the line runs (`$VARS`), which"
          + " plangate's own plan would not do",
      // the first reason wins
      "apply -state=x -var-file=-|`-state` is an option plangate's own plan would not carry",
      "apply $A -state=x|its arguments are expanded when the line runs (`$A`), which"
          + " plangate's own plan would not do",
      "apply -var-file=- /dev/stdin|it reads variables from `-`, which plangate cannot read"
          + " beforehand"})
  void anApplyPlangatesOwnPlanWouldNotReproduceCarriesWhy(String args, String reason) {
    assertThat(read(Tool.TERRAFORM, args)).startsWith("TERRAFORM ").endsWith(" reason="
        + reason);
  }

  @Test
  void anApplyReadsItsPlanFileAfterTheOptionValues() {
    assertThat(read(Tool.TERRAFORM, "apply -state x.tfstate tfplan"))
        .startsWith("TERRAFORM APPLY plan=tfplan reason=");
    assertThat(read(Tool.TERRAFORM, "apply -var-file - tfplan"))
        .startsWith("TERRAFORM APPLY plan=tfplan reason=it reads variables from `-`");
    assertThat(read(Tool.TERRAFORM, "apply -var-file")).isEqualTo("TERRAFORM APPLY");
  }

  @Test
  void goParsesTheseAsFalse() {
    for (String f : List.of("0", "f", "F", "false", "FALSE", "False")) {
      assertThat(TerraformGrammar.goFalse(f)).as(f).isTrue();
    }
    for (String t : List.of("1", "t", "true", "no", "", "off")) {
      assertThat(TerraformGrammar.goFalse(t)).as(t).isFalse();
    }
  }

  // ---- terragrunt --------------------------------------------------------------------------

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "apply|TERRAGRUNT APPLY",
      "apply -state=x tfplan|TERRAGRUNT APPLY plan=tfplan",
      "apply --terragrunt-working-dir live/x tfplan|TERRAGRUNT APPLY plan=tfplan dir=live/x",
      "--working-dir live/prod destroy|TERRAGRUNT DESTROY dir=live/prod",
      "--working-dir=live/prod apply|TERRAGRUNT APPLY dir=live/prod",
      "--terragrunt-working-dir=live/q apply|TERRAGRUNT APPLY dir=live/q",
      "--config x.hcl --log-level=debug apply|TERRAGRUNT APPLY",
      "run-all apply|TERRAGRUNT APPLY",
      "run-all --parallelism 2 destroy|TERRAGRUNT DESTROY",
      "run --all apply|TERRAGRUNT APPLY",
      "run --all --filter x -- destroy -auto-approve|TERRAGRUNT DESTROY",
      "run apply|TERRAGRUNT APPLY",
      "stack run apply|TERRAGRUNT APPLY",
      "stack --log-level info run -- destroy|TERRAGRUNT DESTROY",
      "apply-all|TERRAGRUNT APPLY",
      "spin-up|TERRAGRUNT APPLY",
      "destroy-all|TERRAGRUNT DESTROY",
      "tear-down|TERRAGRUNT DESTROY",
      "backend delete|TERRAGRUNT STATE_RM",
      "backend --config x delete --all|TERRAGRUNT STATE_RM",
      "state rm a.b|TERRAGRUNT STATE_RM",
      "$CMD|TERRAGRUNT UNPARSEABLE",
      "run-all $CMD|TERRAGRUNT UNPARSEABLE",
      "apply --working-dir|TERRAGRUNT APPLY"})
  void terragruntCommandsThatChangeInfrastructureOrState(String args, String expected) {
    assertThat(read(Tool.TERRAGRUNT, args)).isEqualTo(expected);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "plan", "--help apply", "-h apply", "-help destroy",
      "--version apply", "-v apply", "run-all plan", "run --all -- plan", "stack", "stack"
      + " generate", "stack --log-level info", "apply-all --help", "spin-up -h",
      "destroy-all -help", "tear-down --help", "backend", "backend migrate", "backend delete"
      + " --help", "apply -help", "output", "--config x.hcl", "--log-level=info"})
  void terragruntCommandsThatOnlyReadOrShowHelp(String args) {
    assertThat(read(Tool.TERRAGRUNT, args)).isEmpty();
  }

  @Test
  void terragruntWithoutACommandIsUnknownOnlyWhenArgumentsAreAppended() {
    assertThat(read(Tool.TERRAGRUNT, "--working-dir live", true))
        .isEqualTo("TERRAGRUNT UNPARSEABLE dir=live");
    assertThat(read(Tool.TERRAGRUNT, "--working-dir live", false)).isEmpty();
  }

  // ---- pulumi ------------------------------------------------------------------------------

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "up|PULUMI DEPLOY", "update --yes|PULUMI DEPLOY", "watch|PULUMI DEPLOY",
      "destroy --yes|PULUMI DESTROY", "down -y|PULUMI DESTROY", "dn|PULUMI DESTROY",
      "--cwd infra up|PULUMI DEPLOY dir=infra", "-C infra destroy|PULUMI DESTROY dir=infra",
      "up --cwd=infra|PULUMI DEPLOY dir=infra", "--color always -s dev up|PULUMI DEPLOY",
      "state delete urn|PULUMI STATE_RM", "stack rm dev|PULUMI STATE_RM",
      "stack -s dev rm|PULUMI STATE_RM", "stack --stack dev rm --yes|PULUMI STATE_RM",
      "$OP --yes|PULUMI UNPARSEABLE"})
  void pulumiCommandsThatChangeInfrastructureOrState(String args, String expected) {
    assertThat(read(Tool.PULUMI, args)).isEqualTo(expected);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "preview", "up --preview-only", "destroy --preview-only",
      "watch --preview-only", "stack ls", "stack", "state", "state unprotect urn",
      "stack select dev", "--help up", "up --help", "destroy -h", "--version", "version",
      "- up", "refresh --yes"})
  void pulumiCommandsThatOnlyReadPreviewOrShowHelp(String args) {
    assertThat(read(Tool.PULUMI, args)).isEmpty();
  }

  @Test
  void pulumiWithoutACommandIsUnknownOnlyWhenArgumentsAreAppended() {
    assertThat(read(Tool.PULUMI, "--cwd infra", true)).isEqualTo("PULUMI UNPARSEABLE dir=infra");
    assertThat(read(Tool.PULUMI, "--cwd infra", false)).isEmpty();
  }

  // ---- cdk ---------------------------------------------------------------------------------

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "deploy|CDK DEPLOY", "deploy --all --require-approval never|CDK DEPLOY",
      "--app cdk.out deploy|CDK DEPLOY", "-a x -c k=v deploy Stack|CDK DEPLOY",
      "deploy --method=direct|CDK DEPLOY", "deploy -m change-set|CDK DEPLOY",
      "deploy --execute=true|CDK DEPLOY", "watch|CDK DEPLOY", "bootstrap|CDK DEPLOY",
      "destroy --force|CDK DESTROY", "$OP|CDK UNPARSEABLE"})
  void cdkCommandsThatDeployOrDestroy(String args, String expected) {
    assertThat(read(Tool.CDK, args)).isEqualTo(expected);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "synth", "diff", "ls", "deploy --method=prepare-change-set",
      "deploy --method prepare-change-set", "deploy -m prepare-change-set",
      "deploy --no-execute", "deploy --execute=false", "deploy --help", "--version",
      "--app x"})
  void cdkCommandsThatOnlySynthesiseOrPrepare(String args) {
    assertThat(read(Tool.CDK, args)).isEmpty();
  }

  // ---- aws cloudformation --------------------------------------------------------------------

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "cloudformation execute-change-set --change-set-name cs|CLOUDFORMATION EXECUTE_CHANGE_SET",
      "cloudformation delete-stack --stack-name a|CLOUDFORMATION DELETE_STACK",
      "cloudformation delete-stack-set --stack-set-name a|CLOUDFORMATION DELETE_STACK",
      "cloudformation delete-stack-instances|CLOUDFORMATION DELETE_STACK",
      "cloudformation deploy --template-file t|CLOUDFORMATION DEPLOY",
      "cloudformation update-stack|CLOUDFORMATION DEPLOY",
      "cloudformation update-stack-set|CLOUDFORMATION DEPLOY",
      "cloudformation update-stack-instances|CLOUDFORMATION DEPLOY",
      "--region eu-west-1 --profile p --output json cloudformation delete-stack"
          + "|CLOUDFORMATION DELETE_STACK",
      "cloudformation --region eu-west-1 delete-stack|CLOUDFORMATION DELETE_STACK",
      "cloudformation delete-stack --no-execute-changeset|CLOUDFORMATION DELETE_STACK",
      "cloudformation $OP --stack-name a|CLOUDFORMATION UNPARSEABLE",
      "$SERVICE delete-stack --stack-name a|CLOUDFORMATION UNPARSEABLE"})
  void cloudFormationCallsThatChangeStacks(String args, String expected) {
    assertThat(read(Tool.CLOUDFORMATION, args)).isEqualTo(expected);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "--version cloudformation delete-stack", "--region x",
      "cloudformation", "cloudformation describe-stacks", "cloudformation delete-stack help",
      "cloudformation delete-stack --generate-cli-skeleton",
      "cloudformation deploy --no-execute-changeset", "s3 rb s3://b", "$SERVICE $OP",
      "$SERVICE describe-stacks", "$SERVICE"})
  void cloudFormationCallsThatOnlyReadOrShowHelp(String args) {
    assertThat(read(Tool.CLOUDFORMATION, args)).isEmpty();
  }
}
