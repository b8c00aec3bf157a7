package dev.plangate.core.agent;

import static dev.plangate.core.agent.WrappersTest.verdict;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What the walk remembers of the shell ({@link ShellScope}): directories that subshells and
 * substitutions restore, variables set to literals and their bounds, hints of a tool behind a
 * variable, and nothing at all on another machine. Verdicts in {@link WrappersTest#verdict}'s
 * notation.
 */
class ShellScopeTest {

  @ParameterizedTest(name = "[{index}] {0}")
  @MethodSource("scopes")
  void remembersWhatTheShellWouldKnow(String line, String expected) {
    assertThat(verdict(line)).isEqualTo(expected);
  }

  static Stream<Arguments> scopes() {
    return Stream.of(
        // a substitution runs in a subshell: what it sets stays there
        arguments("echo $(cd infra); terraform destroy", "TERRAFORM DESTROY"),
        arguments("echo $(TF=terraform); $TF destroy", "UNKNOWN UNPARSEABLE ?"),
        arguments("TF=terraform; echo $($TF destroy)", "TERRAFORM DESTROY ?"),
        arguments("cd infra; echo $(terraform destroy)", "TERRAFORM DESTROY dir=infra"),
        // parentheses restore the directory; a stray ')' restores nothing
        arguments("cd a; ) ; terraform destroy", "TERRAFORM DESTROY dir=a"),
        arguments("cd a; (cd b; (cd c); terraform destroy); terraform destroy",
            "TERRAFORM DESTROY dir=a/b ?; TERRAFORM DESTROY dir=a ?"),
        arguments("cd a; (cd b; cd -; terraform destroy)", "TERRAFORM DESTROY dir=a"),
        arguments("cd a && cd b && cd - && terraform destroy", "TERRAFORM DESTROY dir=a"),
        // a nested shell starts where its command runs, and sets nothing here
        arguments("cd a; bash -c 'cd b; terraform destroy'; terraform destroy",
            "TERRAFORM DESTROY dir=a/b ?; TERRAFORM DESTROY dir=a ?"),
        // another machine knows neither the directory nor the variables
        arguments("TF=terraform; ssh host '$TF destroy'", "UNKNOWN UNPARSEABLE ?"),
        arguments("cd infra; ssh host terraform destroy", "TERRAFORM DESTROY ?"),
        // a literal replaces a hint, a hint does not travel through another variable
        arguments("T1=$(which tofu); T1=terraform; $T1 destroy", "TERRAFORM DESTROY ?"),
        arguments("TF=$(which tofu); TF2=$TF; $TF2 destroy", "UNKNOWN UNPARSEABLE ?"));
  }

  @Test
  void valuesUpTo128CharactersAreRemembered() {
    String at128 = "terraform -chdir=" + "x".repeat(128 - "terraform -chdir=".length());
    assertThat(verdict("TF=\"" + at128 + "\"; $TF destroy"))
        .isEqualTo("TERRAFORM DESTROY dir=" + at128.substring("terraform -chdir=".length())
            + " ?");
    // Longer: not remembered, but the tool it names is a hint, and the hook asks.
    assertThat(verdict("TF=\"" + at128 + "y\"; $TF destroy")).isEqualTo("TERRAFORM UNPARSEABLE ?");
  }

  @Test
  void atMost32VariablesAreRememberedAndTheRestFailClosed() {
    assertThat(verdict(vars(31) + "; TF=terraform; $TF destroy")).isEqualTo("TERRAFORM DESTROY ?");
    assertThat(verdict(vars(32) + "; TF=terraform; $TF destroy"))
        .isEqualTo("UNKNOWN UNPARSEABLE ?");
    // A variable already remembered may still change.
    assertThat(verdict(vars(31) + " TF=tofu; TF=terraform; $TF destroy"))
        .isEqualTo("TERRAFORM DESTROY ?");
  }

  @Test
  void atMost32HintsAreRemembered() {
    String hints = IntStream.range(0, 32).mapToObj(i -> "H" + i + "=$(which tofu)")
        .collect(Collectors.joining("; "));
    assertThat(verdict(hints + "; $H31 destroy")).isEqualTo("TOFU UNPARSEABLE ?");
    // The 33rd is forgotten: the hook still asks, without naming the tool.
    assertThat(verdict(hints + "; H32=$(which terraform); $H32 destroy"))
        .isEqualTo("UNKNOWN UNPARSEABLE ?");
    assertThat(verdict("H=$(which terraform); $H destroy")).isEqualTo("TERRAFORM UNPARSEABLE ?");
  }

  private static String vars(int n) {
    return IntStream.range(0, n).mapToObj(i -> "V" + i + "=1").collect(Collectors.joining(" "));
  }
}
