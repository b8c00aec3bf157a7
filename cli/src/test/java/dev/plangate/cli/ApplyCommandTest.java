package dev.plangate.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.plangate.core.testing.TerraformScenarios;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The apply wrapper with a scripted terminal and a recording runner: what is run, and when a
 * person's confirmation is needed. The plan is the module-rename scenario's real saved plan.
 */
class ApplyCommandTest {
  @TempDir static Path work;
  static Path plan;

  @BeforeAll
  static void renameTheModule() throws Exception {
    if (TerraformScenarios.available()) {
      plan = TerraformScenarios.binaryPlan(TerraformScenarios.plan("module-rename", work));
    }
  }

  /** What happened: exit code, standard error, what the terminal was asked, what ran. */
  record Run(int exit, String err, List<String> asked, List<List<String>> ran) {}

  private static Run apply(Map<String, String> env, Optional<String> typed, String... argv) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    List<String> asked = new ArrayList<>();
    List<List<String>> ran = new ArrayList<>();
    String[] args = new String[argv.length + 2];
    args[0] = "apply";
    args[1] = "--";
    System.arraycopy(argv, 0, args, 2, argv.length);
    int code = new Cli(new PrintWriter(out, true), new PrintWriter(err, true), env, false)
        .withApply(text -> {
          asked.add(text);
          return typed;
        }, (cmd, dir) -> {
          ran.add(cmd);
          return 0;
        }).run(args);
    return new Run(code, err.toString(), asked, ran);
  }

  private static final Map<String, String> CLAUDE = Map.of("CLAUDECODE", "1");

  @Test
  void aCommandThatChangesNoInfrastructureJustRuns() {
    Run r = apply(CLAUDE, Optional.empty(), "terraform", "plan", "-out", "tfplan");
    assertThat(r.exit()).isZero();
    assertThat(r.ran()).containsExactly(List.of("terraform", "plan", "-out", "tfplan"));
    assertThat(r.asked()).isEmpty();
  }

  @Test
  void anAgentsDestroyingApplyRunsOnlyWhenAPersonTypesTheCount() {
    assumeTrue(plan != null, "terraform is not on PATH");
    Run right = apply(CLAUDE, Optional.of("6"), "terraform", "apply", plan.toString());
    assertThat(right.asked()).singleElement().asString()
        .contains("Claude Code is running this command")
        .contains("type the number of resources it destroys or replaces");
    assertThat(right.err()).contains("destroy module.env.").contains("from = module.env");
    assertThat(right.exit()).as(right.err()).isZero();
    assertThat(right.ran()).containsExactly(List.of("terraform", "apply", plan.toString()));

    Run yes = apply(CLAUDE, Optional.of("yes"), "terraform", "apply", plan.toString());
    assertThat(yes.exit()).isEqualTo(1);
    assertThat(yes.ran()).isEmpty();
    assertThat(yes.err()).contains("plangate: refused: that is not the number (6)");
  }

  @Test
  void withoutATerminalAnAgentsDestroyIsRefused() {
    assumeTrue(plan != null, "terraform is not on PATH");
    Run r = apply(CLAUDE, Optional.empty(), "terraform", "apply", "-auto-approve",
        plan.toString());
    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.ran()).isEmpty();
    assertThat(r.err()).contains("there is no terminal for a person to confirm it on");
  }

  @Test
  void withoutAnAgentVariableTheDestroyStillWaitsForAPerson() {
    assumeTrue(plan != null, "terraform is not on PATH");
    Run r = apply(Map.of(), Optional.empty(), "terraform", "apply", plan.toString());
    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.ran()).isEmpty();
    assertThat(r.asked()).singleElement().asString()
        .contains("this command needs a person's approval");
    assertThat(r.err()).contains("approval required")
        .contains("to approve: type the number of resources it destroys or replaces when"
            + " plangate asks on the terminal")
        .contains("plangate: refused: no terminal for a person to confirm this on")
        .doesNotContain("adds the label");
  }
}
