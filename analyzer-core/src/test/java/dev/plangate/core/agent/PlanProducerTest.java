package dev.plangate.core.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.plangate.core.plan.ExternalTool;
import dev.plangate.core.plan.PlanReadException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The plan an apply without a saved plan would carry out: which of the apply's options shape it,
 * and how a terraform run (here a script standing in for it) ends.
 */
class PlanProducerTest {
  @TempDir Path dir;
  @Test
  void theApplysPlanShapingOptionsAreKeptWithTheirValues() {
    assertThat(PlanProducer.planOptions(List.of("-chdir=infra", "apply", "-auto-approve",
        "-input=false", "-var", "env=prod", "-var-file=prod.tfvars", "--target=module.db",
        "-replace", "aws_instance.web", "-destroy", "-lock=false", "tfplan")))
        .containsExactly("-var", "env=prod", "-var-file=prod.tfvars", "-target=module.db",
            "-replace", "aws_instance.web", "-destroy", "-lock=false");
  }

  @Test
  void terraformsOwnErrorLineIsWhatTheMessageQuotes() {
    assertThat(ExternalTool.errorLine("Initializing...\n\nError: No configuration files\n\n"
        + "Plan requires configuration to be present.\n")).isEqualTo("Error: No configuration"
        + " files");
    // What terraform -no-color really prints: the diagnostic framed in box-drawing characters.
    assertThat(ExternalTool.errorLine("\u2577\n\u2502 Error: No configuration files\n\u2502 \n"
        + "\u2575\n")).isEqualTo("Error: No configuration files");
    assertThat(ExternalTool.errorLine("something odd\n\n")).isEqualTo("something odd");
    assertThat(ExternalTool.errorLine("")).isEqualTo("no error output");
  }

  @Test
  void optionsWithoutValuesAndOptionsThatDoNotShapeThePlanAreTakenAsWritten() {
    assertThat(PlanProducer.planOptions(List.of("apply", "--destroy", "-refresh-only",
        "-compact-warnings", "-no-color", "-refresh=false", "-parallelism", "4",
        "-lock-timeout", "10s", "-state", "other.tfstate", "-input=false", "--var", "a=1",
        "-target")))
        .containsExactly("-destroy", "-refresh-only", "-compact-warnings", "-refresh=false",
            "-parallelism", "4", "-lock-timeout", "10s", "-var", "a=1", "-target");
    assertThat(PlanProducer.planOptions(List.of("-var=a=1", "-var-file", "x.tfvars", "tfplan")))
        .containsExactly("-var=a=1", "-var-file", "x.tfvars");
    assertThat(PlanProducer.planOptions(List.of())).isEmpty();
  }

  private Path terraform(String script) throws Exception {
    Path bin = dir.resolve("fake-terraform");
    Files.writeString(bin, "#!/bin/sh\n" + script);
    Files.setPosixFilePermissions(bin, PosixFilePermissions.fromString("rwx------"));
    return bin;
  }

  /** The shell words that create the file named by {@code -out=}. */
  private static final String WRITE_OUT = "for a in \"$@\"; do case \"$a\" in -out=*)"
      + " echo plan > \"${a#-out=}\" ;; esac; done\n";

  private List<String> leftovers() throws Exception {
    try (Stream<Path> s = Files.list(dir)) {
      return s.map(p -> p.getFileName().toString()).filter(n -> n.startsWith(".plangate-"))
          .toList();
    }
  }

  @Test
  void thePlanIsSavedBesideTheConfigurationWithTheApplysOptionsInAutomationMode()
      throws Exception {
    Path log = dir.resolve("log");
    Path bin = terraform("echo \"$@\" > '" + log + "'\necho \"$TF_IN_AUTOMATION $TF_INPUT\" >> '"
        + log + "'\n" + WRITE_OUT);
    Path plan = new PlanProducer(30).plan(bin.toString(), dir, List.of("-var", "a=1",
        "-destroy"));
    assertThat(plan.getParent()).isEqualTo(dir);
    assertThat(plan.getFileName().toString()).startsWith(".plangate-").endsWith(".tfplan");
    assertThat(plan).hasContent("plan");
    assertThat(Files.readAllLines(log)).containsExactly("plan -input=false -no-color -out="
        + plan.getFileName() + " -var a=1 -destroy", "1 0");
    assertThat(new PlanProducer(30).plan(bin.toString(), dir, List.of()))
        .as("a fresh name each time").isNotEqualTo(plan);
  }

  @Test
  void aFailingPlanIsReportedWithTerraformsErrorLineAndLeavesNoFile() throws Exception {
    Path bin = terraform(WRITE_OUT + "echo 'Error: Unsupported argument' >&2\nexit 1\n");
    assertThatThrownBy(() -> new PlanProducer(30).plan(bin.toString(), dir, List.of()))
        .isInstanceOf(PlanReadException.class)
        .hasMessage(bin + " plan in " + dir + ": failed (exit 1): Error: Unsupported argument");
    assertThat(leftovers()).isEmpty();
  }

  @Test
  void aPlanThatExitsZeroWithoutSavingAPlanIsAFailure() throws Exception {
    Path bin = terraform("echo 'No changes.'\n");
    assertThatThrownBy(() -> new PlanProducer(30).plan(bin.toString(), dir, List.of()))
        .isInstanceOf(PlanReadException.class)
        .hasMessage(bin + " plan in " + dir + ": failed (exit 0): No changes.");
  }

  @Test
  void aPlanThatHangsTimesOutAndLeavesNoFile() throws Exception {
    Path bin = terraform(WRITE_OUT + "exec sleep 30\n");
    assertThatThrownBy(() -> new PlanProducer(1).plan(bin.toString(), dir, List.of()))
        .isInstanceOf(PlanReadException.class)
        .hasMessage(bin + " plan in " + dir + ": did not finish within 1 seconds");
    assertThat(leftovers()).isEmpty();
  }

  @Test
  void aMissingBinaryIsReportedAsOneThatCannotRun() {
    assertThatThrownBy(() -> new PlanProducer(30).plan(dir.resolve("nope").toString(), dir,
        List.of())).isInstanceOf(PlanReadException.class).hasMessageContaining("cannot run it");
  }
}
