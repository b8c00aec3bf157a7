package dev.plangate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** bin/plangate, run by sh with the machine it finds: one line and exit 2 when it cannot run. */
class LauncherScriptTest {
  private static final Path LAUNCHER = CliRun.repoRoot().resolve("bin/plangate");

  /** A PATH with the basic tools (sh, sed, readlink) and no java. */
  private static String pathWithoutJava(Path dir) throws Exception {
    Path bin = Files.createDirectories(dir.resolve("bin-nojava"));
    for (String tool : new String[] {"sh", "sed", "readlink", "head", "dirname", "cat"}) {
      for (String d : new String[] {"/usr/bin", "/bin"}) {
        Path t = Path.of(d, tool);
        if (Files.isExecutable(t) && !Files.exists(bin.resolve(tool))) {
          Files.writeString(bin.resolve(tool), "#!" + Path.of(d, "sh") + "\nexec " + t
              + " \"$@\"\n");
          bin.resolve(tool).toFile().setExecutable(true);
        }
      }
    }
    return bin.toString();
  }

  private static Proc launch(Path dir, Map<String, String> env, String... args)
      throws Exception {
    List<String> cmd = new java.util.ArrayList<>(List.of("/bin/sh", LAUNCHER.toString()));
    cmd.addAll(List.of(args));
    return Proc.run(cmd, dir, env, "", 60);
  }

  @Test
  void noJavaIsOneLineAndExitTwo(@TempDir Path dir) throws Exception {
    Map<String, String> env = new java.util.HashMap<>();
    env.put("PATH", pathWithoutJava(dir));
    env.put("JAVA_HOME", null);
    Proc p = launch(dir, env, "--version");
    assertThat(p.exit()).isEqualTo(2);
    assertThat(p.errLines()).hasSize(1);
    assertThat(p.err()).startsWith("plangate: no Java: JAVA_HOME is not set to a JDK and there"
        + " is no java on PATH; install Java 17 or later");
    Proc hook = launch(dir, env, "agent-hook", "--agent", "claude-code");
    assertThat(hook.exit()).isEqualTo(2);
    assertThat(hook.errLines()).hasSize(1);
    assertThat(hook.err()).endsWith("(the command is blocked until then)\n");
  }

  @Test
  void anOldJavaIsOneLineAndExitTwo(@TempDir Path dir) throws Exception {
    Path home = Files.createDirectories(dir.resolve("jdk11/bin"));
    Files.writeString(home.resolve("java"), "#!/bin/sh\necho 'openjdk version \"11.0.2\"' >&2\n");
    home.resolve("java").toFile().setExecutable(true);
    Files.writeString(dir.resolve("jdk11/release"), "JAVA_VERSION=\"11.0.2\"\n");
    Proc p = launch(dir, Map.of("JAVA_HOME", dir.resolve("jdk11").toString()), "--version");
    assertThat(p.exit()).isEqualTo(2);
    assertThat(p.errLines()).hasSize(1);
    assertThat(p.err()).contains("is Java 11; plangate needs Java 17 or later");
  }

  @Test
  void itRunsPlangateWithAJavaAndAJar(@TempDir Path dir) throws Exception {
    Proc p = launch(dir, Map.of("JAVA_HOME", Proc.javaHome(), "PLANGATE_CLASSPATH",
        Proc.classPath()), "--version");
    assertThat(p.exit()).as(p.err()).isZero();
    assertThat(p.out()).contains("plangate");
  }

  /**
   * A fake Java 17 in {@code dir/jdk} that prints the options it was started with, one per line;
   * returns a jar for PLANGATE_JAR that it never reads.
   */
  private static Path fakeJava17(Path dir) throws Exception {
    Path home = Files.createDirectories(dir.resolve("jdk/bin"));
    Files.writeString(home.resolve("java"), "#!/bin/sh\nfor a in \"$@\"; do echo \"$a\"; done\n");
    home.resolve("java").toFile().setExecutable(true);
    Files.writeString(dir.resolve("jdk/release"), "JAVA_VERSION=\"17.0.9\"\n");
    return Files.writeString(dir.resolve("plangate.jar"), "not read by the fake java");
  }

  @Test
  void itStopsTheJitAtC1AndTheUsersOptionsComeAfter(@TempDir Path dir) throws Exception {
    Path jar = fakeJava17(dir);
    Map<String, String> env = Map.of("JAVA_HOME", dir.resolve("jdk").toString(),
        "PLANGATE_JAR", jar.toString(), "PLANGATE_JAVA_OPTS", "-Xmx512m -XX:TieredStopAtLevel=4");

    Proc p = launch(dir, env, "check", "--plan", "plan.json");

    assertThat(p.exit()).as(p.err()).isZero();
    // A later -XX option wins, so a user can turn C2 back on.
    assertThat(p.out().lines()).containsExactly("-XX:TieredStopAtLevel=1",
        "-XX:+UseParallelGC", "-XX:CompileCommand=quiet",
        "-XX:CompileCommand=CompileThresholdScaling,dev.plangate.*::*,0.05", "-Xmx512m",
        "-XX:TieredStopAtLevel=4", "-jar", jar.toString(), "check", "--plan", "plan.json");
    Proc hook = launch(dir, env, "agent-hook", "--agent", "claude-code");
    assertThat(hook.out().lines()).startsWith("-XX:TieredStopAtLevel=1", "-XX:+UseParallelGC")
        .noneMatch(option -> option.startsWith("-XX:CompileCommand"));
  }

  /**
   * A JVM that cannot make the class-data-sharing archive pays for the training run once, not on
   * every start; a newer jar tries again.
   */
  @Test
  void aFailedArchiveIsNotTriedAgainUntilTheJarIsNewer(@TempDir Path dir) throws Exception {
    Path jar = fakeJava17(dir);
    Path log = dir.resolve("training.log");
    Files.writeString(dir.resolve("jdk/bin/java"), "#!/bin/sh\nfor a in \"$@\"; do case $a in"
        + " -XX:DumpLoadedClassList=*) echo run >> '" + log + "'; exit 1;; esac; done\n");
    Path archive = dir.resolve("cds/plangate.jsa");
    Map<String, String> env = new java.util.HashMap<>(Map.of("JAVA_HOME",
        dir.resolve("jdk").toString(), "PLANGATE_JAR", jar.toString(), "PLANGATE_CDS_ARCHIVE",
        archive.toString()));
    env.put("PLANGATE_CDS", null);
    env.put("CI", null);
    Path failed = Path.of(archive + ".failed");

    launch(dir, env, "--version");
    awaitTrainingEnd(failed);
    launch(dir, env, "--version");
    Thread.sleep(1000); // a second training run would have logged by now
    assertThat(Files.readAllLines(log)).hasSize(1);

    Files.setLastModifiedTime(failed, java.nio.file.attribute.FileTime.fromMillis(0));
    launch(dir, env, "--version");
    long deadline = System.nanoTime() + 30_000_000_000L;
    while (Files.readAllLines(log).size() < 2 && System.nanoTime() < deadline) {
      Thread.sleep(50);
    }
    assertThat(Files.readAllLines(log)).as("the jar is newer than the failure").hasSize(2);
    awaitTrainingEnd(failed);
  }

  private static void awaitTrainingEnd(Path failed) throws Exception {
    Path lock = Path.of(failed.toString().replace(".failed", ".lock"));
    long deadline = System.nanoTime() + 30_000_000_000L;
    while ((!Files.exists(failed) || Files.getLastModifiedTime(failed).toMillis() == 0
        || Files.exists(lock)) && System.nanoTime() < deadline) {
      Thread.sleep(50);
    }
    assertThat(failed).exists();
    assertThat(lock).doesNotExist();
  }

  @Test
  void aCollectorTheUserNamesIsTheOnlyOne(@TempDir Path dir) throws Exception {
    // Two collectors are an error the JVM does not start with.
    Path jar = fakeJava17(dir);
    for (String variable : List.of("PLANGATE_JAVA_OPTS", "JAVA_TOOL_OPTIONS",
        "JDK_JAVA_OPTIONS")) {
      Map<String, String> env = new java.util.HashMap<>(Map.of("JAVA_HOME",
          dir.resolve("jdk").toString(), "PLANGATE_JAR", jar.toString()));
      env.put(variable, "-Xmx1g -XX:+UseG1GC");
      Proc p = launch(dir, env, "--version");
      assertThat(p.out().lines()).as(variable).doesNotContain("-XX:+UseParallelGC")
          .startsWith("-XX:TieredStopAtLevel=1");
    }
  }

  @Test
  void outsideACheckoutWithoutAJarItSaysWhereToPointIt(@TempDir Path dir) throws Exception {
    Path copy = Files.createDirectories(dir.resolve("elsewhere")).resolve("plangate");
    Files.copy(LAUNCHER, copy);
    Proc p = Proc.run(List.of("/bin/sh", copy.toString(), "check"), dir,
        Map.of("JAVA_HOME", Proc.javaHome()), "", 60);
    assertThat(p.exit()).isEqualTo(2);
    assertThat(p.errLines()).hasSize(1);
    assertThat(p.err()).startsWith("plangate: no plangate.jar: set PLANGATE_JAR=");
  }

  @Test
  void theInstalledLauncherIsTheOneInBin() throws Exception {
    try (var in = AgentHookInstall.class.getResourceAsStream("launcher/plangate")) {
      assertThat(in).as("cli/pom.xml copies bin/ into the jar").isNotNull();
      assertThat(new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8))
          .isEqualTo(Files.readString(LAUNCHER));
    }
  }
}
