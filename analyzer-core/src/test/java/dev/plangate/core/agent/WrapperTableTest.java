package dev.plangate.core.agent;

import static dev.plangate.core.agent.CommandRecognizerTest.describe;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The wrappers known as data: the command each one runs after its options and operands, the
 * working directory and environment it gives it, and the options with which it runs none.
 */
class WrapperTableTest {
  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "nohup terraform apply|TERRAFORM APPLY",
      "chronic terraform apply|TERRAFORM APPLY",
      "unbuffer terraform apply|TERRAFORM APPLY",
      "builtin terraform apply|TERRAFORM APPLY",
      "setsid -w terraform apply|TERRAFORM APPLY",
      "time -f %e -o t.log terraform apply|TERRAFORM APPLY",
      "time -p terraform destroy|TERRAFORM DESTROY",
      "caffeinate -t 5 -i terraform apply|TERRAFORM APPLY",
      "exec -a tf terraform apply|TERRAFORM APPLY",
      "command terraform apply|TERRAFORM APPLY",
      "nice -n 10 terraform apply|TERRAFORM APPLY",
      "nice -10 terraform apply|TERRAFORM APPLY",
      "nice --adjustment 5 terraform apply|TERRAFORM APPLY",
      "ionice -c 3 terraform apply|TERRAFORM APPLY",
      "ionice --class 2 --classdata 7 terraform apply|TERRAFORM APPLY",
      "timeout 10 terraform apply|TERRAFORM APPLY",
      "timeout -s KILL -k 5 10m terraform destroy|TERRAFORM DESTROY",
      "timeout --signal=TERM 10 terraform apply|TERRAFORM APPLY",
      "stdbuf -o0 -eL terraform apply|TERRAFORM APPLY",
      "stdbuf --output L terraform apply|TERRAFORM APPLY",
      "sudo -u deploy -g ops terraform apply|TERRAFORM APPLY",
      "sudo -D /opt/infra terraform apply|TERRAFORM APPLY dir=/opt/infra",
      "sudo --chdir=/opt/infra terraform apply|TERRAFORM APPLY dir=/opt/infra",
      "sudo --chdir /opt/infra terraform apply|TERRAFORM APPLY dir=/opt/infra",
      "cd infra && sudo -D prod terraform apply|TERRAFORM APPLY dir=infra/prod",
      "doas -u root terraform apply|TERRAFORM APPLY",
      "xargs -n 1 -P 4 terraform apply|TERRAFORM APPLY",
      "xargs terraform|TERRAFORM UNPARSEABLE",
      "xargs -I{} terraform -chdir={}|TERRAFORM UNPARSEABLE dir={}"})
  void theCommandAfterAWrappersOptionsIsFound(String line, String expected) {
    assertThat(describe(CommandRecognizer.recognize(line))).isEqualTo(expected);
  }

  @ParameterizedTest
  @ValueSource(strings = {"command -v terraform", "command -V terraform apply",
      "sudo -l terraform apply", "sudo --list terraform destroy", "sudo -e main.tf",
      "sudo --edit terraform", "sudo -V", "sudo --version terraform apply",
      "ionice -p 123 terraform apply", "ionice -P 7 terraform destroy",
      "ionice -u 1000 terraform apply", "timeout", "timeout 10", "sudo -u", "nice"})
  void aWrapperThatRunsNoCommandRunsNoInfrastructureCommand(String line) {
    assertThat(CommandRecognizer.recognize(line)).isEmpty();
  }

  @Test
  void anAssignmentAfterSudoIsTheCommandsEnvironment() {
    List<InfraCommand> found = CommandRecognizer.recognize("sudo -E TF_LOG=debug TF_VAR_x=1"
        + " terraform destroy");
    assertThat(describe(found)).isEqualTo("TERRAFORM DESTROY");
    assertThat(found.get(0).reason()).isEqualTo("it runs with `TF_LOG=debug` set on the line,"
        + " which plangate's own plan would not carry exactly");
  }

  @Test
  void optionsOfAWrapperWithoutOptionsAreTheCommand() {
    // nohup -x runs the program -x: plangate does not know it
    assertThat(CommandRecognizer.recognize("nohup -x terraform apply")).singleElement()
        .satisfies(c -> assertThat(c.reason()).contains("`-x`"));
  }

  @Test
  void theTableKnowsWhatEachWrapperTakes() {
    WrapperTable.Wrapper sudo = WrapperTable.get("sudo");
    assertThat(sudo.options()).isTrue();
    assertThat(sudo.cwd()).containsExactly("-D", "--chdir");
    assertThat(sudo.assignments()).isTrue();
    assertThat(sudo.stops()).contains("-l", "--list", "-e", "--edit", "-V", "--version");
    assertThat(WrapperTable.get("timeout").operands()).isEqualTo(1);
    assertThat(WrapperTable.get("xargs").appendsArgs()).isTrue();
    assertThat(WrapperTable.get("nohup").options()).isFalse();
    assertThat(WrapperTable.get("terraform")).isNull();
  }
}
