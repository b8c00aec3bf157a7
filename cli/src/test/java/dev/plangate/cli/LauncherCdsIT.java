package dev.plangate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * bin/plangate's class-data-sharing archive, with the packaged jar and this JVM: made in the
 * background by the first start, used by the next ones, made again when the jar is newer, and
 * never a change in what plangate prints or how it exits, whatever state the archive is in.
 */
class LauncherCdsIT {
  private static final Path LAUNCHER = CliRun.repoRoot().resolve("bin/plangate");
  private static final String MAIN_FROM_ARCHIVE =
      "dev.plangate.cli.Main source: shared objects file";

  @TempDir Path tmp;
  private Path jar;
  private Path archive;

  @BeforeEach
  void copyTheJar() throws Exception {
    Path built = CliRun.repoRoot().resolve("cli/target/plangate.jar");
    assertThat(built).as("mvn package builds the jar before integration tests").exists();
    jar = Files.copy(built, Files.createDirectories(tmp.resolve("jar")).resolve("plangate.jar"));
    archive = tmp.resolve("cds/plangate.jsa");
  }

  private Proc launch(Map<String, String> extra, String... args) throws Exception {
    return launchWithInput("", extra, args);
  }

  private Proc launchWithInput(String stdin, Map<String, String> extra, String... args)
      throws Exception {
    return launchIn(tmp, stdin, extra, args);
  }

  private Proc launchIn(Path dir, String stdin, Map<String, String> extra, String... args)
      throws Exception {
    Map<String, String> env = new HashMap<>();
    env.put("JAVA_HOME", Proc.javaHome());
    env.put("PLANGATE_JAR", jar.toString());
    env.put("PLANGATE_CDS", null); // the build turns it off for every other test
    env.put("PLANGATE_CDS_ARCHIVE", archive.toString());
    env.put("PLANGATE_JAVA_OPTS", null);
    env.put("CI", null); // the build's own CI sets it, and it changes where the archive may be
    env.putAll(extra);
    List<String> cmd = new java.util.ArrayList<>(List.of("/bin/sh", LAUNCHER.toString()));
    cmd.addAll(List.of(args));
    return Proc.run(cmd, dir, env, stdin, 60);
  }

  /** Waits for the background training run to put the archive in place and let go of it. */
  private static void awaitArchive(Path archive, Instant newerThan) throws Exception {
    long deadline = System.nanoTime() + 90_000_000_000L;
    while (System.nanoTime() < deadline) {
      if (Files.exists(archive) && !Files.exists(Path.of(archive + ".lock"))
          && Files.getLastModifiedTime(archive).toInstant().isAfter(newerThan)) {
        return;
      }
      Thread.sleep(100);
    }
    throw new AssertionError("no archive at " + archive + " within 90 s");
  }

  private static Map<String, String> classLoadLog() {
    return Map.of("PLANGATE_JAVA_OPTS", "-Xlog:class+load=info");
  }

  @Test
  void theFirstStartMakesTheArchiveAndTheNextOneMapsPlangateFromIt() throws Exception {
    Proc first = launch(classLoadLog(), "--version");
    assertThat(first.exit()).isZero();
    assertThat(first.out()).contains("plangate ").doesNotContain(MAIN_FROM_ARCHIVE);
    awaitArchive(archive, Instant.EPOCH);
    try (Stream<Path> left = Files.list(archive.getParent())) {
      assertThat(left).as("no temporary file or lock is left").containsExactly(archive);
    }

    Proc second = launch(classLoadLog(), "--version");
    assertThat(second.exit()).isZero();
    assertThat(second.out()).contains(MAIN_FROM_ARCHIVE)
        // picocli's classes (class-file version 49) too: a dynamic archive leaves them out.
        .contains("picocli.CommandLine source: shared objects file");
  }

  @Test
  void theJarSpeltAnotherWayFromAnotherDirectoryStillMapsTheArchive() throws Exception {
    Path sub = Files.createDirectories(tmp.resolve("a/b"));
    assertThat(launchIn(sub, "", Map.of("PLANGATE_JAR", "../../jar/plangate.jar"), "--version")
        .exit()).isZero();
    awaitArchive(archive, Instant.EPOCH);

    Proc other = launch(Map.of("PLANGATE_JAR", "jar/../jar/plangate.jar",
        "PLANGATE_JAVA_OPTS", "-Xlog:class+load=info"), "--version");
    assertThat(other.exit()).isZero();
    assertThat(other.out()).contains(MAIN_FROM_ARCHIVE);
  }

  @Test
  void aJarNewerThanTheArchiveRunsWithoutItAndGetsANewOne() throws Exception {
    launch(Map.of(), "--version");
    awaitArchive(archive, Instant.EPOCH);
    // The jar rebuilt after the archive was made: both dated back, the jar less so.
    Instant rebuilt = Instant.now().minusSeconds(1800);
    Files.setLastModifiedTime(archive, FileTime.from(rebuilt.minusSeconds(1800)));
    Files.setLastModifiedTime(jar, FileTime.from(rebuilt));

    Proc p = launch(classLoadLog(), "--version");
    assertThat(p.exit()).isZero();
    assertThat(p.out()).contains("plangate ").doesNotContain(MAIN_FROM_ARCHIVE);
    awaitArchive(archive, rebuilt);
    assertThat(launch(classLoadLog(), "--version").out()).contains(MAIN_FROM_ARCHIVE);
  }

  @Test
  void anArchiveTheJvmRefusesChangesNothingPlangatePrints() throws Exception {
    String plain = launch(Map.of("PLANGATE_CDS", "off"), "--version").out();
    Files.createDirectories(archive.getParent());
    Files.writeString(archive, "not an archive"); // newer than the jar, so the launcher uses it

    Proc p = launch(Map.of(), "--version");
    assertThat(p.exit()).isZero();
    assertThat(p.out()).isEqualTo(plain);
    assertThat(p.err()).isEmpty();
  }

  @Test
  void theHookAnswersTheSameWithTheArchive() throws Exception {
    launch(Map.of(), "--version");
    awaitArchive(archive, Instant.EPOCH);
    String call = "{\"hook_event_name\":\"PreToolUse\",\"tool_name\":\"Bash\",\"tool_input\":"
        + "{\"command\":\"kubectl delete namespace prod\"},\"cwd\":\"" + tmp + "\"}";
    Proc with = launchWithInput(call, Map.of(), "agent-hook");
    Proc without = launchWithInput(call, Map.of("PLANGATE_CDS", "off"), "agent-hook");
    assertThat(with.exit()).isZero();
    assertThat(with.out()).isEqualTo(without.out()).contains("\"permissionDecision\":\"ask\"");
    assertThat(with.err()).isEqualTo(without.err());
  }

  /**
   * A check runs with JVM options of its own (plangate's methods compiled sooner): the JVM must
   * not announce them, or a JSON report on standard output would not be JSON.
   */
  @Test
  void aCheckPrintsOnlyItsReport() throws Exception {
    Path plan = Files.writeString(tmp.resolve("plan.json"), "{\"format_version\":\"1.2\","
        + "\"resource_changes\":[{\"address\":\"terraform_data.db\",\"mode\":\"managed\","
        + "\"type\":\"terraform_data\",\"name\":\"db\",\"change\":{\"actions\":[\"delete\"]}}],"
        + "\"configuration\":{\"root_module\":{}}}");
    Proc p = launch(Map.of("PLANGATE_CDS", "off"), "check", "--github", "off", "--plan",
        plan.toString(), "--format", "json");
    assertThat(p.exit()).as(p.err()).isEqualTo(1);
    assertThat(new com.fasterxml.jackson.databind.ObjectMapper().readTree(p.out())
        .path("findings").get(0).path("address").asText()).isEqualTo("terraform_data.db");
    assertThat(p.out()).startsWith("{");
  }

  @Test
  void offMakesNoArchive() throws Exception {
    Proc p = launch(Map.of("PLANGATE_CDS", "off"), "--version");
    assertThat(p.exit()).isZero();
    Thread.sleep(3000); // a background training run would have created its lock by now
    assertThat(archive.getParent()).doesNotExist();
  }

  @Test
  void withoutANamedArchiveItLivesInTheUsersCache() throws Exception {
    Path cache = tmp.resolve("xdg cache");
    Map<String, String> env = new HashMap<>();
    env.put("PLANGATE_CDS_ARCHIVE", null);
    env.put("XDG_CACHE_HOME", cache.toString());
    assertThat(launch(env, "--version").exit()).isZero();
    long deadline = System.nanoTime() + 90_000_000_000L;
    while (System.nanoTime() < deadline && !isArchiveIn(cache.resolve("plangate"))) {
      Thread.sleep(100);
    }
    assertThat(isArchiveIn(cache.resolve("plangate"))).isTrue();
  }

  @Test
  void inCiOnlyANamedArchiveIsUsedNeverTheCachesOwn() throws Exception {
    // A CI cache directory may be restored from another job: classes mapped from it could
    // change what the gate decides.
    Path cache = tmp.resolve("restored cache");
    Map<String, String> env = new HashMap<>();
    env.put("PLANGATE_CDS_ARCHIVE", null);
    env.put("XDG_CACHE_HOME", cache.toString());
    env.put("CI", "true");
    env.put("PLANGATE_JAVA_OPTS", "-Xlog:class+load=info");
    Proc p = launch(env, "--version");
    assertThat(p.exit()).isZero();
    assertThat(p.out()).doesNotContain(MAIN_FROM_ARCHIVE);
    Thread.sleep(3000); // a background training run would have created its lock by now
    assertThat(cache).doesNotExist();

    env.put("PLANGATE_CDS_ARCHIVE", archive.toString()); // named: used, as the action does
    launch(env, "--version");
    awaitArchive(archive, Instant.EPOCH);
    assertThat(launch(env, "--version").out()).contains(MAIN_FROM_ARCHIVE);
  }

  private static boolean isArchiveIn(Path dir) throws Exception {
    if (!Files.isDirectory(dir)) {
      return false;
    }
    try (Stream<Path> files = Files.list(dir)) {
      // the archive in place, and its lock let go of
      return files.map(f -> f.getFileName().toString())
          .reduce("", (a, b) -> a + " " + b).matches(" plangate-\\d+\\.jsa");
    }
  }
}
