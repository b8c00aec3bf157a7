package dev.plangate.core.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Real-world command lines, as agents write them, and what the recogniser must find in each.
 * Expected: {@code TOOL ACTION [plan=FILE] [dir=DIR]} per invocation, joined by {@code "; "};
 * empty for none.
 */
class CommandRecognizerTest {

  /** Renders what was recognised in the table's notation. */
  static String describe(List<InfraCommand> found) {
    return found.stream().map(c -> c.tool() + " " + c.action()
        + (c.planFile() != null ? " plan=" + c.planFile() : "")
        + (c.workingDir() != null ? " dir=" + c.workingDir() : ""))
        .collect(Collectors.joining("; "));
  }

  static Stream<Arguments> positives() {
    return Stream.of(
        // terraform / tofu, options and plan files
        arguments("terraform apply", "TERRAFORM APPLY"),
        arguments("terraform apply -auto-approve", "TERRAFORM APPLY"),
        arguments("terraform apply tfplan", "TERRAFORM APPLY plan=tfplan"),
        arguments("terraform apply -auto-approve -input=false tfplan",
            "TERRAFORM APPLY plan=tfplan"),
        arguments("terraform apply -var 'region=eu-west-1' -var-file=prod.tfvars -auto-approve",
            "TERRAFORM APPLY"),
        arguments("terraform apply -target=module.db -target aws_instance.web -input=false",
            "TERRAFORM APPLY"),
        arguments("terraform apply -replace=aws_instance.web -auto-approve", "TERRAFORM APPLY"),
        arguments("terraform apply -lock-timeout 60s -parallelism=4 out.plan",
            "TERRAFORM APPLY plan=out.plan"),
        arguments("terraform apply -destroy -auto-approve", "TERRAFORM DESTROY"),
        arguments("terraform destroy", "TERRAFORM DESTROY"),
        arguments("terraform destroy -auto-approve -target=aws_s3_bucket.logs",
            "TERRAFORM DESTROY"),
        arguments("terraform -chdir=infra apply", "TERRAFORM APPLY dir=infra"),
        arguments("terraform -chdir=envs/prod apply -auto-approve prod.tfplan",
            "TERRAFORM APPLY plan=prod.tfplan dir=envs/prod"),
        arguments("terraform state rm aws_instance.web 'module.db.aws_db_instance.main[0]'",
            "TERRAFORM STATE_RM"),
        arguments("terraform state rm -state=other.tfstate aws_instance.a", "TERRAFORM STATE_RM"),
        arguments("terraform workspace delete staging", "TERRAFORM STATE_RM"),
        arguments("tofu apply -auto-approve", "TOFU APPLY"),
        arguments("tofu -chdir=stacks/db destroy -auto-approve", "TOFU DESTROY dir=stacks/db"),
        arguments("/usr/local/bin/terraform apply", "TERRAFORM APPLY"),
        arguments("./terraform apply tfplan", "TERRAFORM APPLY plan=tfplan"),
        arguments("Terraform apply", "TERRAFORM APPLY"),
        arguments("terraform1.5 destroy -auto-approve", "TERRAFORM DESTROY"),
        arguments("\"terraform\" apply", "TERRAFORM APPLY"),
        // working directories
        arguments("cd infra/prod && terraform apply", "TERRAFORM APPLY dir=infra/prod"),
        arguments("cd infra && terraform init -input=false && terraform plan -out=tfplan "
            + "&& terraform apply -auto-approve tfplan", "TERRAFORM APPLY plan=tfplan dir=infra"),
        arguments("cd infra && terraform -chdir=prod apply", "TERRAFORM APPLY dir=infra/prod"),
        arguments("cd /srv/infra; cd prod; terraform apply", "TERRAFORM APPLY dir=/srv/infra/prod"),
        arguments("(cd modules/network && terraform apply -auto-approve) && terraform apply",
            "TERRAFORM APPLY dir=modules/network; TERRAFORM APPLY"),
        arguments("pushd infra >/dev/null && terraform destroy -auto-approve; popd",
            "TERRAFORM DESTROY dir=infra"),
        // lists, pipes, control flow
        arguments("terraform plan -out=tfplan && terraform apply tfplan",
            "TERRAFORM APPLY plan=tfplan"),
        arguments("terraform plan || terraform destroy -auto-approve", "TERRAFORM DESTROY"),
        arguments("terraform fmt; terraform validate; terraform apply -auto-approve",
            "TERRAFORM APPLY"),
        arguments("terraform fmt\nterraform apply -auto-approve\nterraform output",
            "TERRAFORM APPLY"),
        arguments("terraform apply -auto-approve 2>&1 | tee apply.log", "TERRAFORM APPLY"),
        arguments("nohup terraform apply -auto-approve > apply.log 2>&1 &", "TERRAFORM APPLY"),
        arguments("if terraform plan -detailed-exitcode; then echo same; else "
            + "terraform apply -auto-approve; fi", "TERRAFORM APPLY"),
        arguments("for d in net db; do (cd $d && terraform apply -auto-approve); done",
            "TERRAFORM APPLY dir=$d"),
        arguments("case \"$ENV\" in prod) terraform apply -auto-approve ;; *) echo skip ;; esac",
            "TERRAFORM APPLY"),
        arguments("{ terraform apply -auto-approve; } 2>&1", "TERRAFORM APPLY"),
        arguments("! terraform destroy -auto-approve", "TERRAFORM DESTROY"),
        arguments("{ TF_LOG=debug tofu destroy; }", "TOFU DESTROY"),
        arguments("if true; then OUT=$(mktemp) terraform apply; fi", "TERRAFORM APPLY"),
        arguments("terraform apply \\\n  -auto-approve \\\n  tfplan",
            "TERRAFORM APPLY plan=tfplan"),
        // prefixes and wrappers
        arguments("TF_VAR_x=1 terraform apply", "TERRAFORM APPLY"),
        arguments("TF_IN_AUTOMATION=1 TF_LOG=debug terraform apply -auto-approve",
            "TERRAFORM APPLY"),
        arguments("sudo -E env AWS_PROFILE=prod terraform destroy -auto-approve",
            "TERRAFORM DESTROY"),
        arguments("sudo -u deploy -D /opt/infra terraform apply", "TERRAFORM APPLY dir=/opt/infra"),
        arguments("env -i PATH=/usr/bin HOME=/root terraform apply", "TERRAFORM APPLY"),
        arguments("env -C infra terraform apply", "TERRAFORM APPLY dir=infra"),
        arguments("time terraform apply -auto-approve", "TERRAFORM APPLY"),
        arguments("exec terraform apply", "TERRAFORM APPLY"),
        arguments("command terraform apply", "TERRAFORM APPLY"),
        arguments("timeout 600 terraform apply -auto-approve", "TERRAFORM APPLY"),
        arguments("nice -n 10 tofu apply", "TOFU APPLY"),
        arguments("aws-vault exec prod -- terraform apply", "TERRAFORM APPLY"),
        arguments("op run --env-file=.env -- terraform destroy", "TERRAFORM DESTROY"),
        arguments("doppler run -- pulumi up --yes", "PULUMI DEPLOY"),
        arguments("mise exec -- tofu apply -auto-approve", "TOFU APPLY"),
        arguments("ls -d */ | xargs -I{} terraform -chdir={} apply -auto-approve",
            "TERRAFORM APPLY dir={}"),
        arguments("find . -name main.tf -execdir terraform destroy -auto-approve \\;",
            "TERRAFORM DESTROY"),
        arguments("docker run --rm -v $(pwd):/workspace -w /workspace hashicorp/terraform:1.9 "
            + "apply -auto-approve", "TERRAFORM APPLY"),
        arguments("kubectl exec -it tools -- terraform destroy -auto-approve",
            "TERRAFORM DESTROY"),
        // nested shells and substitutions
        arguments("bash -lc \"cd infra && tofu apply -auto-approve\"", "TOFU APPLY dir=infra"),
        arguments("sh -c 'terraform apply -auto-approve'", "TERRAFORM APPLY"),
        arguments("zsh -c \"pulumi destroy --yes --stack staging\"", "PULUMI DESTROY"),
        arguments("bash -c 'bash -c \"terraform apply\"'", "TERRAFORM APPLY"),
        arguments("eval \"terraform destroy -auto-approve\"", "TERRAFORM DESTROY"),
        arguments("echo $(terraform apply -auto-approve)", "TERRAFORM APPLY"),
        arguments("echo `terraform destroy -auto-approve`", "TERRAFORM DESTROY"),
        arguments("RESULT=\"$(cd infra && terraform apply -auto-approve)\"",
            "TERRAFORM APPLY dir=infra"),
        arguments("diff <(terraform output -json) <(terraform apply -auto-approve)",
            "TERRAFORM APPLY"),
        arguments("bash <<EOF\nterraform apply -auto-approve\nEOF", "TERRAFORM APPLY"),
        arguments("bash -s <<'EOF'\ncd infra\nterraform destroy -auto-approve\nEOF",
            "TERRAFORM DESTROY dir=infra"),
        arguments("echo \"terraform destroy -auto-approve\" | bash", "TERRAFORM DESTROY"),
        arguments("cat <<EOF\n$(terraform destroy -auto-approve)\nEOF", "TERRAFORM DESTROY"),
        arguments("ssh bastion 'cd /srv/infra && terraform apply -auto-approve'",
            "TERRAFORM APPLY dir=/srv/infra"),
        arguments("git commit -m \"$(cat <<'EOF'\nRemove the terraform destroy guard (it's "
            + "done)\nEOF\n)\" && terraform apply", "TERRAFORM APPLY"),
        arguments("TF=terraform; $TF apply -auto-approve", "TERRAFORM APPLY"),
        arguments("X=\"terraform -chdir=infra\"; $X apply", "TERRAFORM APPLY dir=infra"),
        arguments("$SUDO terraform apply", "TERRAFORM APPLY"),
        arguments("ACTION=destroy; terraform $ACTION -auto-approve", "TERRAFORM DESTROY"),
        arguments("bash -c \"echo $(terraform apply)\"", "TERRAFORM APPLY"),
        arguments("bash <<< \"terraform apply\"", "TERRAFORM APPLY"),
        arguments("printf 'terraform apply\\n' | sh", "TERRAFORM APPLY"),
        arguments("cat <<'EOF' | bash\ncd x\npulumi up -y\nEOF", "PULUMI DEPLOY dir=x"),
        arguments("su - deploy -c 'terraform apply'", "TERRAFORM APPLY"),
        arguments("direnv exec infra terraform apply", "TERRAFORM APPLY dir=infra"),
        arguments("docker run -it --rm -v ~/.aws:/root/.aws amazon/aws-cli cloudformation "
            + "delete-stack --stack-name x", "CLOUDFORMATION DELETE_STACK"),
        // terragrunt
        arguments("terragrunt apply", "TERRAGRUNT APPLY"),
        arguments("terragrunt run-all apply --terragrunt-non-interactive", "TERRAGRUNT APPLY"),
        arguments("terragrunt run-all destroy", "TERRAGRUNT DESTROY"),
        arguments("terragrunt run --all apply", "TERRAGRUNT APPLY"),
        arguments("terragrunt run -- apply -auto-approve", "TERRAGRUNT APPLY"),
        arguments("terragrunt run --all --non-interactive -- destroy", "TERRAGRUNT DESTROY"),
        arguments("terragrunt --working-dir live/prod run apply",
            "TERRAGRUNT APPLY dir=live/prod"),
        arguments("terragrunt destroy-all", "TERRAGRUNT DESTROY"),
        arguments("terragrunt apply --terragrunt-working-dir live/x tfplan",
            "TERRAGRUNT APPLY plan=tfplan dir=live/x"),
        // cloudformation
        arguments("aws cloudformation execute-change-set --change-set-name cs1 --stack-name app",
            "CLOUDFORMATION EXECUTE_CHANGE_SET"),
        arguments("aws cloudformation delete-stack --stack-name app",
            "CLOUDFORMATION DELETE_STACK"),
        arguments("aws --region eu-west-1 --profile prod cloudformation deploy "
            + "--template-file t.yaml --stack-name app", "CLOUDFORMATION DEPLOY"),
        arguments("aws cloudformation deploy --template-file packaged.yaml --stack-name app "
            + "--capabilities CAPABILITY_IAM", "CLOUDFORMATION DEPLOY"),
        arguments("AWS_PROFILE=prod aws cloudformation delete-stack --stack-name legacy && "
            + "aws cloudformation wait stack-delete-complete --stack-name legacy",
            "CLOUDFORMATION DELETE_STACK"),
        arguments("aws cloudformation update-stack --stack-name app --template-body "
            + "file://t.yaml", "CLOUDFORMATION DEPLOY"),
        // cdk
        arguments("cdk deploy", "CDK DEPLOY"),
        arguments("cdk deploy --all --require-approval never", "CDK DEPLOY"),
        arguments("cdk destroy --force MyStack", "CDK DESTROY"),
        arguments("npx aws-cdk deploy --all --require-approval never", "CDK DEPLOY"),
        arguments("npx --yes aws-cdk@2 deploy", "CDK DEPLOY"),
        arguments("npx cdk destroy --all -f", "CDK DESTROY"),
        arguments("npx -p aws-cdk cdk deploy", "CDK DEPLOY"),
        arguments("pnpm dlx aws-cdk deploy ApiStack", "CDK DEPLOY"),
        arguments("npm run cdk -- deploy --all", "CDK DEPLOY"),
        arguments("yarn cdk deploy", "CDK DEPLOY"),
        arguments("npx -c 'cdk deploy'", "CDK DEPLOY"),
        arguments("cdk bootstrap aws://123456789012/eu-west-1", "CDK DEPLOY"),
        arguments("cd cdk && npm ci && npx cdk deploy --hotswap", "CDK DEPLOY dir=cdk"),
        // pulumi
        arguments("pulumi up", "PULUMI DEPLOY"),
        arguments("pulumi up --yes -s prod", "PULUMI DEPLOY"),
        arguments("pulumi --cwd infra up --yes", "PULUMI DEPLOY dir=infra"),
        arguments("pulumi destroy --yes", "PULUMI DESTROY"),
        arguments("pulumi update --skip-preview", "PULUMI DEPLOY"),
        arguments("pulumi down -y", "PULUMI DESTROY"),
        arguments("pulumi up --cwd=infra -y", "PULUMI DEPLOY dir=infra"),
        arguments("cd infra && pulumi up -y --stack dev", "PULUMI DEPLOY dir=infra"),
        arguments("pulumi state delete 'urn:pulumi:dev::app::aws:s3/bucket:Bucket::logs'",
            "PULUMI STATE_RM"));
  }

  static Stream<Arguments> failClosed() {
    return Stream.of(
        arguments("terraform apply -var \"name=x", "TERRAFORM UNPARSEABLE"),
        arguments("bash -c 'terraform apply", "TERRAFORM UNPARSEABLE"),
        arguments("$TF apply -auto-approve", "UNKNOWN UNPARSEABLE"),
        arguments("${TOOL} destroy", "UNKNOWN UNPARSEABLE"),
        arguments("\"$(which terraform)\" apply", "TERRAFORM UNPARSEABLE"),
        arguments("terraform $CMD -auto-approve", "TERRAFORM UNPARSEABLE"),
        arguments("aws cloudformation $OP --stack-name app", "CLOUDFORMATION UNPARSEABLE"),
        arguments("echo destroy | xargs terraform", "TERRAFORM UNPARSEABLE"),
        arguments("cd infra && $TERRAFORM_BIN destroy", "TERRAFORM UNPARSEABLE dir=infra"),
        arguments("for a in plan apply; do terraform $a; done", "TERRAFORM UNPARSEABLE"),
        arguments("TF=$(command -v tofu); $TF apply", "TOFU UNPARSEABLE"));
  }

  static Stream<String> negatives() {
    return Stream.of(
        "echo terraform apply",
        "terraform plan",
        "git commit -m \"terraform destroy\"",
        "grep -r \"terraform apply\" .",
        "cat notes/terraform-destroy.md",
        "# terraform apply",
        "ls # terraform apply",
        "printf 'pulumi up'",
        "terraform -help",
        "terraform apply -help",
        "terraform destroy --help",
        "terraform -version",
        "man terraform",
        "which terraform",
        "command -v terraform",
        "type terraform",
        "sudo -l terraform apply",
        "aws cloudformation describe-stacks --stack-name app",
        "aws cloudformation create-change-set --stack-name app --change-set-name cs1 "
            + "--template-body file://t.yaml",
        "aws cloudformation deploy --template-file t.yaml --stack-name app "
            + "--no-execute-changeset",
        "aws cloudformation delete-stack help",
        "aws s3 ls s3://bucket/cloudformation --recursive",
        "cdk synth",
        "cdk diff",
        "npx cdk synth --all",
        "cdk deploy --method=prepare-change-set",
        "pulumi preview",
        "pulumi destroy --preview-only",
        "pulumi stack ls",
        "terragrunt plan",
        "terragrunt run-all plan",
        "terragrunt run --all -- plan",
        "terraform state list",
        "terraform state show aws_instance.web",
        "terraform state rm -dry-run aws_instance.web",
        "terraform init -input=false && terraform validate && terraform fmt -check",
        "terraform output -json > out.json",
        "terraform show -json tfplan | jq '.resource_changes[] | select(.change.actions)'",
        "cat <<EOF\nterraform apply\nEOF",
        "cat > notes.md <<'EOF'\nrun terraform destroy later, once $(approved)\nEOF",
        "git commit -m \"$(cat <<'EOF'\nfix: terraform destroy of the bucket's (old) policy\n"
            + "EOF\n)\"",
        "git log --oneline -- terraform/ && git diff terraform/main.tf",
        "tflint && terraform-docs markdown . > README.md",
        "brew install terraform opentofu pulumi",
        "cd terraform && ls -la",
        "echo \"$TF apply\"",
        "echo '$(terraform apply)'",
        "grep -rn 'apply' $(find . -name '*.tf')",
        "python -c \"print('hello')\"",
        "echo terraform apply | tee cmd.txt",
        "vim terraform/main.tf",
        "docker compose up -d",
        "ls -la",
        "npm run build && npm test",
        "cdk deploy --help",
        "pulumi up --help",
        "terragrunt apply -help",
        "cat <<EOF > run.sh\nterraform apply\nEOF",
        "pulumi refresh --yes",
        "terraform import -help",
        "aws cloudformation delete-stack --generate-cli-skeleton",
        "cdk deploy --method prepare-change-set",
        "docker run --rm -v ./infra:/terraform alpine ls",
        "echo \"$(( terraform apply ))\"",
        "");
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @MethodSource("positives")
  void recognisesInfrastructureCommands(String line, String expected) {
    assertThat(describe(CommandRecognizer.recognize(line))).isEqualTo(expected);
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @MethodSource("failClosed")
  void failsClosedWhereItCannotTell(String line, String expected) {
    assertThat(describe(CommandRecognizer.recognize(line))).isEqualTo(expected);
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @MethodSource("negatives")
  void leavesOtherCommandsAlone(String line) {
    assertThat(CommandRecognizer.recognize(line)).isEmpty();
  }

  @Test
  void reportsArgumentsPlanFileAndTextAsWritten() {
    List<InfraCommand> found = CommandRecognizer.recognize(
        "cd infra && terraform -chdir=prod apply -auto-approve \"my plan.tfplan\" | tee log");
    assertThat(found).singleElement().satisfies(c -> {
      assertThat(c.args()).containsExactly("-chdir=prod", "apply", "-auto-approve",
          "my plan.tfplan");
      assertThat(c.planFile()).isEqualTo("my plan.tfplan");
      assertThat(c.workingDir()).isEqualTo("infra/prod");
      assertThat(c.text()).isEqualTo(
          "terraform -chdir=prod apply -auto-approve \"my plan.tfplan\"");
    });
  }

  @Test
  void textStartsAtTheCommandNotAtAKeyword() {
    assertThat(CommandRecognizer.recognize("if [[ $ENV == prod ]]; then terraform apply; fi"))
        .singleElement().extracting(InfraCommand::text).isEqualTo("terraform apply");
  }

  @Test
  void findsEveryInvocationInOrder() {
    List<InfraCommand> found = CommandRecognizer.recognize(
        "terraform destroy -target=a && pulumi up --yes; npx cdk deploy || "
            + "aws cloudformation delete-stack --stack-name x");
    assertThat(found).extracting(InfraCommand::action).containsExactly(Action.DESTROY,
        Action.DEPLOY, Action.DEPLOY, Action.DELETE_STACK);
    assertThat(found).extracting(InfraCommand::tool).containsExactly(Tool.TERRAFORM,
        Tool.PULUMI, Tool.CDK, Tool.CLOUDFORMATION);
  }

  @Test
  void aSubstitutionRunsBeforeTheCommandThatUsesIt() {
    assertThat(describe(CommandRecognizer.recognize(
        "terraform apply $(terraform destroy -auto-approve >&2; echo tfplan)")))
        .isEqualTo("TERRAFORM DESTROY; TERRAFORM APPLY plan=$(terraform destroy -auto-approve "
            + ">&2; echo tfplan)");
  }

  @Test
  void aDestroyInACaseInsideASubstitutionIsFound() {
    // The pattern's ')' once ended the substitution early, and the destroy read as echo's words.
    assertThat(CommandRecognizer.recognize(
        "echo $(case x in x) terraform destroy -auto-approve;; esac)"))
        .extracting(InfraCommand::action).containsExactly(Action.DESTROY);
    assertThat(CommandRecognizer.recognize(
        "v=$(case \"$E\" in prod|dev) terraform destroy -auto-approve;; *) true;; esac)"))
        .extracting(InfraCommand::action).containsExactly(Action.DESTROY);
  }

  @Test
  void overlongLinesFailClosedOnlyWhenTheyNameATool() {
    String filler = "x".repeat(CommandRecognizer.MAX_LENGTH);
    assertThat(describe(CommandRecognizer.recognize("echo " + filler + " && terraform plan")))
        .isEqualTo("TERRAFORM UNPARSEABLE");
    assertThat(CommandRecognizer.recognize("echo " + filler)).isEmpty();
  }

  @Test
  void deepNestingFailsClosedWithoutOverflowingTheStack() {
    String deep = "echo $(".repeat(10_000) + "terraform plan" + ")".repeat(10_000);
    assertThat(describe(CommandRecognizer.recognize(deep))).isEqualTo("TERRAFORM UNPARSEABLE");
    String deepShells = "terraform apply";
    for (int i = 0; i < CommandRecognizer.MAX_SHELL_DEPTH + 2; i++) {
      deepShells = "eval " + quote(deepShells);
    }
    assertThat(describe(CommandRecognizer.recognize(deepShells)))
        .isEqualTo("TERRAFORM UNPARSEABLE");
    String deepButHarmless = "echo $(".repeat(10_000) + "ls" + ")".repeat(10_000);
    assertThat(CommandRecognizer.recognize(deepButHarmless)).isEmpty();
  }

  @Test
  void nullAndBlankAreEmpty() {
    assertThat(CommandRecognizer.recognize(null)).isEmpty();
    assertThat(CommandRecognizer.recognize("   \n\t")).isEmpty();
  }

  /** Single-quotes s for a POSIX shell. */
  static String quote(String s) {
    return "'" + s.replace("'", "'\\''") + "'";
  }
}
