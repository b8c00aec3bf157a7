package dev.plangate.core.agent;

import static dev.plangate.core.agent.WrappersTest.verdict;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The walk ({@link ShellWalker}): the shell's state as a line runs (working directory, variables,
 * pipes, subshells), redirections, command names that are not literal words, and the reasons an
 * entry carries. Verdicts in {@link WrappersTest#verdict}'s notation.
 */
class ShellWalkerTest {

  /**
   * A redirection that overwrites a state file destroys what Terraform tracks, whether its name is
   * written out or built when the line runs: {@code > "$DIR/terraform.tfstate"} was allowed while
   * {@code rm "$DIR/terraform.tfstate"} asked.
   */
  @ParameterizedTest
  @MethodSource("stateRedirects")
  void overwritingAStateFileAsks(String line, String expected) {
    assertThat(verdict(line)).as(line).isEqualTo(expected);
  }

  static Stream<Arguments> stateRedirects() {
    return Stream.of(
        arguments("echo '{}' > \"$DIR/terraform.tfstate\"", "OTHER DELETE ?"),
        arguments("echo '{}' > ${STATE_DIR}/prod.tfstate", "OTHER DELETE ?"),
        arguments("cat old.json > \"$(pwd)/terraform.tfstate\"", "OTHER DELETE ?"),
        arguments("echo '{}' > terraform.tfstate", "OTHER DELETE ?"),
        arguments(": > terraform.tfstate.backup", "OTHER DELETE ?"),
        arguments("echo x >> terraform.tfstate", "OTHER DELETE ?"),
        arguments("terraform show 2> terraform.tfstate", "OTHER DELETE ?"),
        arguments("cat < terraform.tfstate", ""),
        arguments("jq . < \"$DIR/terraform.tfstate\"", ""),
        arguments("terraform show -json > state.json", ""),
        arguments("echo x > \"$OUT\"", ""));
  }
}
