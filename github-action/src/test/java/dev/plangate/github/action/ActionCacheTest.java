package dev.plangate.github.action;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Only the first run of a given plangate builds it: the jar and its class-data-sharing archive
 * are saved to the cache right after the build, and a later run (a fresh runner: a checkout of
 * the action without a jar, an empty RUNNER_TEMP) restores them and goes straight to the gate.
 * GitHub's cache service is simulated with a directory ({@link ActionRunner#cacheStore}).
 */
class ActionCacheTest {

  @TempDir Path tmp;

  @Test
  void theFirstRunBuildsAndSavesALaterRunRestoresWithoutMaven() throws Exception {
    Path store = tmp.resolve("cache service");
    ActionSandbox cold = ActionSandbox.createWithoutJar(tmp.resolve("cold"));
    ActionRunner.Result first = cold.runner().cacheStore(store).input("plans", "plan.json").run();

    assertThat(first.exitCode()).isZero();
    assertThat(cold.mvnRan()).isTrue();
    assertThat(cold.cdsTrainingRuns()).isEqualTo(1);
    assertThat(step(first, "Restore plangate's jar").outputs()).doesNotContainKey("cache-hit");
    assertThat(step(first, "Cache Maven repository").status())
        .isEqualTo(ActionRunner.Status.USES_SKIPPED); // its if: held; recorded, not run
    assertThat(step(first, "Save plangate's jar").status())
        .isEqualTo(ActionRunner.Status.USES_SIMULATED);
    try (var entries = Files.list(store)) {
      Path entry = entries.findFirst().orElseThrow();
      assertThat(entry.getFileName().toString()).matches("plangate-jar-Linux-java17-[0-9a-f]{16}");
      assertThat(entry.resolve("plangate.jar")).hasContent("fake jar");
      assertThat(entry.resolve("plangate.jsa")).exists();
      assertThat(entry.resolve("plangate.jsa.stamp")).exists();
    }

    // A fresh job: no jar in the action's checkout, no Maven on PATH at all, and an empty
    // RUNNER_TEMP at the same path (as on GitHub's hosted runners).
    ActionSandbox warm = ActionSandbox.createWithoutJar(tmp.resolve("warm"));
    warm.removeFakeMvn();
    emptyDirectory(cold.runnerTemp);
    ActionRunner.Result second = warm.runner().runnerTemp(cold.runnerTemp).cacheStore(store)
        .hideCommands("mvn").input("plans", "plan.json").run();

    assertThat(second.exitCode()).isZero();
    assertThat(warm.mvnRan()).isFalse();
    assertThat(warm.cdsTrainingRuns()).isZero(); // the restored archive's stamp matches
    assertThat(step(second, "Restore plangate's jar").outputs()).containsEntry("cache-hit", "true");
    assertThat(step(second, "Cache Maven repository").status())
        .isEqualTo(ActionRunner.Status.SKIPPED_BY_IF);
    assertThat(step(second, "Save plangate's jar").status())
        .isEqualTo(ActionRunner.Status.SKIPPED_BY_IF);
    assertThat(second.step("build").stdout()).contains("using the cached");
    String jsa = second.step("build").outputs().get("jsa");
    assertThat(jsa).endsWith("/plangate.jsa");
    assertThat(warm.javaOptions())
        .containsExactly("-XX:TieredStopAtLevel=1", "-XX:+UseParallelGC",
            "-XX:CompileCommand=quiet",
            "-XX:CompileCommand=CompileThresholdScaling,dev.plangate.*::*,0.05",
            "-XX:SharedArchiveFile=" + jsa);
    assertThat(warm.javaJar()).isEqualTo(second.step("build").outputs().get("jar"))
        .startsWith(cold.runnerTemp.toRealPath().toString());
    assertThat(second.outputs()).containsEntry("decision", "approval_required");
    // The fixture measures every step; a skipped one took no time.
    assertThat(second.step("build").elapsed()).isPositive();
    assertThat(step(second, "Save plangate's jar").elapsed()).isZero();
  }

  /** Another JVM or another RUNNER_TEMP path: the archive would not be used, so it is remade. */
  @Test
  void anArchiveForAnotherJvmIsMadeAgainWithoutRebuilding() throws Exception {
    Path store = tmp.resolve("cache service");
    ActionSandbox cold = ActionSandbox.create(tmp.resolve("cold"));
    assertThat(cold.runner().cacheStore(store).input("plans", "plan.json").run().exitCode())
        .isZero();
    try (var entries = Files.list(store)) {
      Path entry = entries.findFirst().orElseThrow();
      Files.writeString(entry.resolve("plangate.jsa.stamp"), "openjdk version \"17.0.1\"| x | 1");
    }

    ActionSandbox warm = ActionSandbox.createWithoutJar(tmp.resolve("warm"));
    warm.removeFakeMvn();
    ActionRunner.Result r = warm.runner().cacheStore(store).hideCommands("mvn")
        .input("plans", "plan.json").run();
    assertThat(r.exitCode()).isZero();
    assertThat(warm.mvnRan()).isFalse();
    assertThat(warm.cdsTrainingRuns()).isEqualTo(1);
    assertThat(warm.javaOptions()).last().asString().startsWith("-XX:SharedArchiveFile=");
  }

  @Test
  void withoutACacheServiceEveryStepIsRecordedAndTheBuildStillWorks() throws Exception {
    ActionSandbox s = ActionSandbox.createWithoutJar(tmp);
    ActionRunner.Result r = s.runner().input("plans", "plan.json").run();
    assertThat(r.exitCode()).isZero();
    assertThat(step(r, "Restore plangate's jar").status())
        .isEqualTo(ActionRunner.Status.USES_SKIPPED);
    assertThat(s.mvnRan()).isTrue();
  }

  private static void emptyDirectory(Path dir) throws java.io.IOException {
    try (var walk = Files.walk(dir)) {
      for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
        if (!p.equals(dir)) {
          Files.delete(p);
        }
      }
    }
  }

  private static ActionRunner.Step step(ActionRunner.Result r, String name) {
    return r.steps().stream().filter(s -> name.equals(s.name())).findFirst().orElseThrow();
  }
}
