package dev.plangate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.Writer;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** A run builds only the command it names; the table it looks the name up in must not drift. */
class CliCommandsTest {
  private static Cli cli() {
    PrintWriter sink = new PrintWriter(Writer.nullWriter());
    return new Cli(sink, sink, Map.of(), false);
  }

  @Test
  void eachCommandIsFoundUnderTheNameItsAnnotationGivesIt() {
    cli().commands().forEach((name, command) -> {
      Object made = command.get();
      CommandLine line = made instanceof CommandLine c ? c : new CommandLine(made);
      assertThat(line.getCommandName()).isEqualTo(name);
    });
  }

  @Test
  void theUsageListsEveryVisibleCommand() {
    String usage = CliRun.run("--help").out();
    for (String name : cli().commands().keySet()) {
      if (!name.equals("cds-training")) {
        assertThat(usage).contains("  " + name + " ");
      }
    }
  }

  @Test
  void aMisspeltCommandIsAUsageError() {
    CliRun r = CliRun.run("chek", "--plan", "x.json");
    assertThat(r.exitCode()).isEqualTo(Cli.USAGE);
    assertThat(r.err()).contains("Unmatched arguments from index 0: 'chek'",
        "Run 'plangate --help' for usage.");
  }

  @Test
  void aNestedCommandOfANamedOneStillRuns() {
    CliRun r = CliRun.run("agent-hook", "doctor", "--help");
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.out()).contains("doctor");
  }
}
