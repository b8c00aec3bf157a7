package dev.plangate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The training run a class-data-sharing archive is made from (bin/plangate, the action). */
class CdsTrainingCommandTest {
  private static List<Path> trainingDirs() throws Exception {
    try (Stream<Path> files = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
      return files.filter(f -> f.getFileName().toString().startsWith("plangate-cds-")).toList();
    }
  }

  @Test
  void runsTheCheckAndTheHookSilentlyAndLeavesNothingBehind() throws Exception {
    List<Path> before = trainingDirs();
    CliRun r = CliRun.run("cds-training");
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.out()).isEmpty();
    assertThat(r.err()).isEmpty();
    assertThat(trainingDirs()).containsExactlyInAnyOrderElementsOf(before);
  }

  @Test
  void theBundledPlanDestroysAndReplacesWhatTheTrainingExpects() throws Exception {
    Path plan = Files.createTempFile("cds-plan", ".json");
    try (var in = CdsTrainingCommand.class.getResourceAsStream(CdsTrainingCommand.PLAN)) {
      Files.copy(in, plan, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }
    try {
      CliRun r = CliRun.run("check", "--github", "off", "--plan", plan.toString(), "--format",
          "json");
      assertThat(r.exitCode()).isEqualTo(1);
      assertThat(r.out()).contains("aws_s3_bucket.logs", "module.db.aws_db_instance.main");
    } finally {
      Files.delete(plan);
    }
  }

  @Test
  void isNotListedInTheHelp() {
    assertThat(CliRun.run("--help").err() + CliRun.run("--help").out())
        .doesNotContain("cds-training");
  }
}
