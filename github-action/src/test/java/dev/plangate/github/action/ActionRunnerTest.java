package dev.plangate.github.action;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The harness itself: a runner's semantics, and loud failure on what it does not model. */
class ActionRunnerTest {

  @TempDir Path tmp;

  private ActionRunner runner(String actionYml) throws Exception {
    Path dir = Files.createDirectories(tmp.resolve("action"));
    Files.writeString(dir.resolve("action.yml"), actionYml);
    return ActionRunner.of(dir)
        .workspace(Files.createDirectories(tmp.resolve("ws")))
        .runnerTemp(Files.createDirectories(tmp.resolve("rt")));
  }

  @Test
  void outputsEnvAndPathFlowBetweenStepsAsOnARunner() throws Exception {
    ActionRunner.Result r = runner("""
        name: t
        inputs:
          who: { description: d, default: world }
        outputs:
          greeting: { value: '${{ steps.one.outputs.greeting }}' }
          multi: { value: '${{ steps.one.outputs.multi }}' }
          seen: { value: '${{ steps.two.outputs.seen }}' }
        runs:
          using: composite
          steps:
            - id: one
              shell: bash
              env: { WHO: '${{ inputs.who }}' }
              run: |
                echo "greeting=hello $WHO" >> "$GITHUB_OUTPUT"
                printf 'multi<<EOF_1\\nline 1\\nline=2\\nEOF_1\\n' >> "$GITHUB_OUTPUT"
                echo "FROM_ONE=set by one" >> "$GITHUB_ENV"
                mkdir -p "$RUNNER_TEMP/extra-bin"
                echo "$RUNNER_TEMP/extra-bin" >> "$GITHUB_PATH"
                echo "## one" >> "$GITHUB_STEP_SUMMARY"
            - id: two
              shell: bash
              env: { GREETING: '${{ steps.one.outputs.greeting }}' }
              run: |
                case ":$PATH:" in *":$RUNNER_TEMP/extra-bin:"*) ;; *) exit 9 ;; esac
                echo "seen=$GREETING/$FROM_ONE/$GITHUB_ACTIONS" >> "$GITHUB_OUTPUT"
        """).run();

    assertThat(r.exitCode()).isZero();
    assertThat(r.outputs()).containsExactly(entry("greeting", "hello world"),
        entry("multi", "line 1\nline=2"), entry("seen", "hello world/set by one/true"));
    assertThat(r.summary()).isEqualTo("## one\n");
  }

  @Test
  void aFailingStepStopsTheRestWithItsExitCode() throws Exception {
    ActionRunner.Result r = runner("""
        name: t
        runs:
          using: composite
          steps:
            - { id: a, shell: bash, run: 'false; echo not reached' }
            - { id: b, shell: bash, run: 'echo b' }
        """).run();
    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.step("a").stdout()).isEmpty(); // -e: the script stopped at false
    assertThat(r.step("b").status()).isEqualTo(ActionRunner.Status.NOT_RUN);
  }

  @Test
  void pipefailIsOnAsForShellBash() throws Exception {
    ActionRunner.Result r = runner("""
        name: t
        runs:
          using: composite
          steps:
            - { id: a, shell: bash, run: 'false | cat' }
        """).run();
    assertThat(r.exitCode()).isEqualTo(1);
  }

  @Test
  void inputValuesAreTakenLiterallyNotEvaluatedAgain() throws Exception {
    ActionRunner.Result r = runner("""
        name: t
        inputs:
          x: { description: d }
        outputs:
          x: { value: '${{ steps.a.outputs.x }}' }
        runs:
          using: composite
          steps:
            - id: a
              shell: bash
              env: { X: '${{ inputs.x }}' }
              run: 'printf "x=%s\\n" "$X" >> "$GITHUB_OUTPUT"'
        """).githubToken("secret").input("x", "${{ github.token }}").run();
    assertThat(r.outputs()).containsEntry("x", "${{ github.token }}");
  }

  @Test
  void anUnsupportedExpressionFailsLoudly() throws Exception {
    ActionRunner runner = runner("""
        name: t
        runs:
          using: composite
          steps:
            - { shell: bash, env: { T: '${{ github.event.pull_request.title }}' }, run: 'true' }
        """);
    assertThatThrownBy(runner::run).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("unsupported expression ${{ github.event.pull_request.title }}");
  }

  @Test
  void anExpressionInsideRunFailsLoudly() throws Exception {
    ActionRunner runner = runner("""
        name: t
        inputs:
          x: { description: d, default: '' }
        runs:
          using: composite
          steps:
            - { shell: bash, run: 'echo ${{ inputs.x }}' }
        """);
    assertThatThrownBy(runner::run).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("inside run:");
  }

  @Test
  void anUnknownInputAndAnUnknownShellFailLoudly() throws Exception {
    ActionRunner unknownInput = runner("""
        name: t
        runs: { using: composite, steps: [] }
        """).input("nope", "x");
    assertThatThrownBy(unknownInput::run).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("no input 'nope'");

    ActionRunner sh = runner("""
        name: t
        runs: { using: composite, steps: [ { shell: sh, run: 'true' } ] }
        """);
    assertThatThrownBy(sh::run).hasMessageContaining("shell must be bash");
  }

  @Test
  void fileCommandsParseLikeTheRunners() {
    assertThat(ActionRunner.parseFileCommand(
        "a=1\r\n\nb=x<<y\nc<<END\nfirst\n\nEND=no\nEND\nd=\n", "t"))
        .containsExactly(entry("a", "1"), entry("b", "x<<y"), entry("c", "first\n\nEND=no"),
            entry("d", ""));
    assertThatThrownBy(() -> ActionRunner.parseFileCommand("c<<END\nno end\n", "t"))
        .hasMessageContaining("no closing delimiter");
    assertThatThrownBy(() -> ActionRunner.parseFileCommand("just text\n", "t"))
        .hasMessageContaining("not an output line");
  }

  @Test
  void hiddenCommandsAreNotFound() throws Exception {
    ActionRunner.Result r = runner("""
        name: t
        runs:
          using: composite
          steps:
            - { id: a, shell: bash, run: 'if command -v cat >/dev/null; then exit 3; fi; ls / >/dev/null' }
        """).hideCommands("cat").run();
    assertThat(r.exitCode()).isZero();
  }
}
