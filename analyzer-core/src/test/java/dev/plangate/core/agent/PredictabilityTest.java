package dev.plangate.core.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The hook plans an apply itself; it may only trust that plan when nothing on the line can make
 * the real apply differ. Each line here must carry a reason to ask; the second set must not.
 */
class PredictabilityTest {
  @ParameterizedTest
  @ValueSource(strings = {
      "TF_VAR_n=0 terraform apply -auto-approve",
      "env TF_CLI_ARGS_apply=-destroy terraform apply -auto-approve",
      "export TF_WORKSPACE=prod; terraform apply -auto-approve",
      "terraform apply -state=other.tfstate -auto-approve",
      "terraform apply -var-file=/dev/stdin -auto-approve <<< 'n = 0'",
      "terraform apply -auto-approve -var \"n=$(echo 0)\"",
      "sed -i 's/3/0/' main.tf && terraform apply -auto-approve",
      "echo 'n = 0' > zero.auto.tfvars && terraform apply -auto-approve",
      "terraform workspace select prod && terraform apply -auto-approve",
      "terraform plan -destroy -out=p.tfplan && terraform apply p.tfplan",
      "ln -sfn ../other cur && terraform -chdir=cur apply -auto-approve",
      "terraform apply -auto-approve; sed -i 's/3/0/' main.tf",
      "ssh host terraform apply -auto-approve",
      "docker run --rm -it alpine sh -c 'terraform apply -auto-approve'",
      "kubectl exec pod -- terraform apply -auto-approve",
      "terr*form apply -auto-approve",
      "$'\\x74erraform' apply -auto-approve",
      "terra\\\nform apply -auto-approve",
      "$(which terraform) apply -auto-approve",
      "python3 -c 'import os; os.system(\"terraform apply -auto-approve\")'",
      "bash <(echo terraform apply -auto-approve)",
      ". /dev/stdin <<< 'terraform apply -auto-approve'",
      "flock /tmp/l terraform apply -auto-approve",
      "strace -f terraform apply -auto-approve",
      "tmux new -d 'terraform apply -auto-approve'",
      "git -c alias.x='!terraform apply -auto-approve' x",
      "git rebase --exec 'terraform apply -auto-approve' HEAD~1",
      "make -f /dev/stdin x <<< $'x:\\n\\tterraform apply -auto-approve'",
      "terraform state rm -dry-run=false terraform_data.b",
      "terraform taint terraform_data.b"})
  void linesWhoseEffectTheHookCannotPredictCarryAReason(String line) {
    List<InfraCommand> found = CommandRecognizer.recognize(line);
    assertThat(found).as(line).isNotEmpty();
    assertThat(found).as(line).anySatisfy(c -> assertThat(
        c.reason() != null || c.action() == Action.STATE_RM).isTrue());
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "terraform apply -auto-approve",
      "terraform apply -auto-approve -lock=false -var n=3 -var-file=prod.tfvars",
      "cd infra && terraform apply -auto-approve",
      "terraform -chdir=infra apply -auto-approve tfplan",
      "terraform apply -auto-approve 2>&1 | tee apply.log",
      "terraform fmt -check && terraform validate && terraform apply -auto-approve",
      "ls -la && git status && terraform apply -auto-approve > apply.log"})
  void plainAppliesAreJudgedByTheirPlan(String line) {
    assertThat(CommandRecognizer.recognize(line)).as(line).singleElement()
        .satisfies(c -> assertThat(c.reason()).as(line).isNull());
  }
}
