package dev.plangate.core.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Running the tools plangate asks for plans, with real processes (/bin/sh). */
class ExternalToolTest {
  @TempDir Path dir;

  private Path executable(Path where, String name) throws IOException {
    Files.createDirectories(where);
    Path p = where.resolve(name);
    Files.writeString(p, "#!/bin/sh\nexit 0\n");
    Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
    return p;
  }

  @Test
  void aToolIsFoundInTheFirstDirectoryOnThePathThatHasItAsAnExecutableFile()
      throws IOException {
    Path first = dir.resolve("first");
    Path second = dir.resolve("second");
    Files.createDirectories(first);
    // Not executable, and a directory of the same name: neither is the tool.
    Files.writeString(first.resolve("terraform"), "not a program");
    Files.createDirectories(first.resolve("tofu"));
    Path real = executable(second, "terraform");
    executable(second, "tofu");
    String path = String.join(File.pathSeparator, "", first.toString(), second.toString());
    assertThat(ExternalTool.onPath("terraform", path)).contains(real);
    assertThat(ExternalTool.onPath("tofu", path)).contains(second.resolve("tofu"));
    assertThat(ExternalTool.onPath("aws", path)).isEmpty();
    assertThat(ExternalTool.onPath("terraform", null)).isEmpty();
    assertThat(ExternalTool.onPath("terraform", "")).isEmpty();
    Path earlier = executable(dir.resolve("earlier"), "terraform");
    assertThat(ExternalTool.onPath("terraform",
        dir.resolve("earlier") + File.pathSeparator + second)).contains(earlier);
  }

  @Test
  void aRunGivesTheExitCodeAndWhatTheToolWrote() throws PlanReadException {
    ExternalTool.Finished done = ExternalTool.run("sh test", List.of("/bin/sh", "-c",
        "echo out; echo \"Error: $GREETING in $(basename \"$PWD\")\" >&2; exit 3"), dir,
        Map.of("GREETING", "hello"), 30, null);
    assertThat(done.exit()).isEqualTo(3);
    assertThat(done.errors()).contains("out\n", "Error: hello in " + dir.getFileName());
    assertThat(done.errorLine()).isEqualTo("Error: hello in " + dir.getFileName());
  }

  @Test
  void standardOutputGoesToItsFileAndOnlyErrorsAreKept() throws Exception {
    Path out = dir.resolve("plan.json");
    ExternalTool.Finished done = ExternalTool.run("sh test", List.of("/bin/sh", "-c",
        "echo '{\"plan\":1}'; echo warning >&2"), dir, Map.of(), 30, out);
    assertThat(done.exit()).isZero();
    assertThat(Files.readString(out)).isEqualTo("{\"plan\":1}\n");
    assertThat(done.errors()).isEqualTo("warning\n");
    // The tool's log is gone once the run is over.
    try (var files = Files.list(dir)) {
      assertThat(files).containsExactly(out);
    }
  }

  @Test
  void standardInputIsClosedSoAToolThatAsksForInputDoesNotWait() throws PlanReadException {
    ExternalTool.Finished done = ExternalTool.run("sh test", List.of("/bin/sh", "-c",
        "if read answer; then echo \"got $answer\"; else echo 'no input'; fi"), dir, Map.of(),
        30, null);
    assertThat(done.errors()).isEqualTo("no input\n");
  }

  @Test
  void aToolThatDoesNotFinishInTimeIsStoppedWithAClearMessage() {
    long start = System.nanoTime();
    assertThatThrownBy(() -> ExternalTool.run("terraform plan in infra/",
        List.of("/bin/sh", "-c", "sleep 30"), dir, Map.of(), 1, null))
        .isInstanceOf(PlanReadException.class)
        .hasMessage("terraform plan in infra/: did not finish within 1 seconds");
    assertThat(System.nanoTime() - start).isLessThan(20_000_000_000L);
  }

  @Test
  void aToolThatCannotBeStartedIsAPlanError() {
    assertThatThrownBy(() -> ExternalTool.run("terraform show", List.of(
        dir.resolve("missing").toString()), dir, Map.of(), 5, null))
        .isInstanceOf(PlanReadException.class)
        .hasMessageStartingWith("terraform show: cannot run it: ")
        .hasCauseInstanceOf(IOException.class);
  }

  @Test
  void anInterruptedWaitIsAPlanErrorAndKeepsTheInterrupt() {
    Thread.currentThread().interrupt();
    try {
      assertThatThrownBy(() -> ExternalTool.run("terraform plan", List.of("/bin/sh", "-c",
          "sleep 5"), dir, Map.of(), 30, null))
          .isInstanceOf(PlanReadException.class).hasMessage("terraform plan: interrupted");
      assertThat(Thread.currentThread().isInterrupted()).isTrue();
    } finally {
      Thread.interrupted();
    }
  }

  @Test
  void theErrorLineIsTerraformsErrorWithoutColoursOrFrame() {
    String terraform = "\u001b[31m╷\u001b[0m\n"
        + "\u001b[31m│\u001b[0m \u001b[1m\u001b[31mError: \u001b[0m\u001b[0m\u001b[1mInvalid"
        + " reference\u001b[0m\n"
        + "\u001b[31m│\u001b[0m\n"
        + "\u001b[31m╵\u001b[0m\n";
    assertThat(ExternalTool.errorLine("Initializing...\n" + terraform))
        .isEqualTo("Error: Invalid reference");
    assertThat(ExternalTool.errorLine("\n  \n  something broke  \nmore\n"))
        .isEqualTo("something broke");
    assertThat(ExternalTool.errorLine("")).isEqualTo("no error output");
    assertThat(ExternalTool.errorLine("│ \n╵\n")).isEqualTo("no error output");
    assertThat(new ExternalTool.Finished(1, "first\nError: second\n").errorLine())
        .isEqualTo("Error: second");
  }
}
