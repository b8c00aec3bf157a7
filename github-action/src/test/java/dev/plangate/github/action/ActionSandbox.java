package dev.plangate.github.action;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A throw-away copy of the action's repository layout (action.yml, its scripts and the root
 * pom.xml; directory names with spaces, as a runner's may have) with fake {@code java} and
 * {@code mvn} commands that record how they were called. The real jar is never run here.
 *
 * <p>The fakes are steered by job variables: {@code FAKE_LOG} (where they record),
 * {@code FAKE_JAVA_EXIT}, {@code FAKE_JAVA_CDS_EXIT} (the class-data-sharing training run),
 * {@code FAKE_MVN_EXIT}, {@code FAKE_MVN_NO_JAR}.
 */
final class ActionSandbox {

  /** Stands in for {@code java -jar plangate.jar check}: records, writes outputs, exits. */
  static final String FAKE_JAVA = """
      #!/usr/bin/env bash
      # Fake `java` for the action's tests: records its argv (NUL-separated), environment and
      # working directory, writes the reports it was asked for and the step outputs the real
      # jar writes, and exits with $FAKE_JAVA_EXIT.
      set -euo pipefail
      log="${FAKE_LOG:?}"
      if [ "${1:-}" = -version ]; then
        echo 'openjdk version "17.0.99-fake"' >&2
        exit 0
      fi
      # The class-data-sharing training run of build.sh: records it and writes the archive.
      case "${1:-}" in
        -XX:DumpLoadedClassList=*)
          printf '%s\\0' "$@" > "$log/java-cds.argv"
          echo run >> "$log/java-cds.count"
          exit "${FAKE_JAVA_CDS_EXIT:-0}"
          ;;
        -Xshare:dump)
          printf '%s\\0' "$@" > "$log/java-cds-dump.argv"
          for a in "$@"; do
            case "$a" in -XX:SharedArchiveFile=*) echo "fake archive" > "${a#*=}";; esac
          done
          exit 0
          ;;
      esac
      printf '%s\\0' "$@" > "$log/java.argv"
      env -0 > "$log/java.env"
      pwd -P > "$log/java.cwd"
      report=""
      prev=""
      for arg in "$@"; do
        if [ "$prev" = "--report" ]; then
          printf 'fake %s report\\n' "${arg%%=*}" > "${arg#*=}"
          if [ "${arg%%=*}" = json ]; then report="${arg#*=}"; fi
        fi
        prev="$arg"
      done
      delimiter="ghadelimiter_$RANDOM$RANDOM"
      {
        echo "decision=approval_required"
        echo "destructive-count=3"
        echo "critical-count=1"
        echo "fingerprint=b0721f37aa2641b9"
        echo "report<<$delimiter"
        echo "$report"
        echo "$delimiter"
      } >> "$GITHUB_OUTPUT"
      echo "### plangate (fake): approval required" >> "$GITHUB_STEP_SUMMARY"
      exit "${FAKE_JAVA_EXIT:-0}"
      """;

  /** Stands in for Maven: records its argv and produces the jar next to the -f pom. */
  static final String FAKE_MVN = """
      #!/usr/bin/env bash
      # Fake `mvn` for the action's tests: records its argv and creates cli/target/plangate.jar
      # beside the pom given with -f, unless told to fail ($FAKE_MVN_EXIT) or to produce nothing.
      set -euo pipefail
      log="${FAKE_LOG:?}"
      printf '%s\\0' "$@" > "$log/mvn.argv"
      pom=""
      prev=""
      for arg in "$@"; do
        if [ "$prev" = "-f" ]; then pom="$arg"; fi
        prev="$arg"
      done
      if [ "${FAKE_MVN_EXIT:-0}" != 0 ]; then
        echo "[ERROR] fake build failure" >&2
        exit "$FAKE_MVN_EXIT"
      fi
      if [ "${FAKE_MVN_NO_JAR:-}" != 1 ]; then
        mkdir -p "$(dirname "$pom")/cli/target"
        echo "fake jar" > "$(dirname "$pom")/cli/target/plangate.jar"
      fi
      """;

  final Path base;
  final Path root;
  final Path actionDir;
  final Path jar;
  final Path workspace;
  final Path runnerTemp;
  final Path bin;
  final Path logs;

  private ActionSandbox(Path base) {
    this.base = base;
    this.root = base.resolve("action root");
    this.actionDir = root.resolve("github-action");
    this.jar = root.resolve("cli/target/plangate.jar");
    this.workspace = base.resolve("work space");
    this.runnerTemp = base.resolve("runner temp");
    this.bin = base.resolve("bin");
    this.logs = base.resolve("logs");
  }

  /** The plangate checkout the tests run from (system property plangate.root). */
  static Path repositoryRoot() {
    String prop = System.getProperty("plangate.root");
    Path start = prop != null ? Path.of(prop) : Path.of("").toAbsolutePath();
    for (Path p = start.toAbsolutePath(); p != null; p = p.getParent()) {
      if (Files.isRegularFile(p.resolve("github-action/action.yml"))) {
        return p;
      }
    }
    throw new IllegalStateException("github-action/action.yml not found above " + start);
  }

  /** A sandbox with the jar already built (the build step finds it and does not run Maven). */
  static ActionSandbox create(Path tmp) throws IOException {
    ActionSandbox s = createWithoutJar(tmp);
    Files.createDirectories(s.jar.getParent());
    Files.writeString(s.jar, "not a real jar");
    return s;
  }

  /** A sandbox whose jar is missing, as in a fresh checkout of the action. */
  static ActionSandbox createWithoutJar(Path tmp) throws IOException {
    ActionSandbox s = new ActionSandbox(tmp.toAbsolutePath());
    ActionRunner.stageAction(repositoryRoot(), null, s.root);
    Files.createDirectories(s.workspace);
    Files.createDirectories(s.runnerTemp);
    Files.createDirectories(s.bin);
    Files.createDirectories(s.logs);
    s.install("java", FAKE_JAVA);
    s.install("mvn", FAKE_MVN);
    return s;
  }

  private void install(String name, String script) throws IOException {
    Path p = bin.resolve(name);
    Files.writeString(p, script, StandardCharsets.UTF_8);
    Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
  }

  /** Removes the fake Maven (with {@link ActionRunner#hideCommands} the real one is gone too). */
  void removeFakeMvn() throws IOException {
    Files.delete(bin.resolve("mvn"));
  }

  /** A runner for the sandbox's action, with the fakes first on PATH. */
  ActionRunner runner() {
    return ActionRunner.of(actionDir)
        .workspace(workspace)
        .runnerTemp(runnerTemp)
        .pathPrefix(bin)
        .githubToken("ghs_workflowTokenFromTheRunner0001")
        .env("FAKE_LOG", logs.toString());
  }

  boolean javaRan() {
    return Files.exists(logs.resolve("java.argv"));
  }

  /** The fake java's argv, without JVM options and {@code -jar JAR}: starts with {@code check}. */
  List<String> jarArgs() {
    List<String> argv = nulSeparated(logs.resolve("java.argv"));
    int jar = argv.indexOf("-jar");
    if (jar < 0 || jar + 1 >= argv.size() || !argv.subList(0, jar).stream()
        .allMatch(a -> a.startsWith("-XX:"))) {
      throw new IllegalStateException("java was not run with -jar: " + argv);
    }
    return argv.subList(jar + 2, argv.size());
  }

  /** The JVM options before {@code -jar} (e.g. the class-data-sharing archive). */
  List<String> javaOptions() {
    List<String> argv = nulSeparated(logs.resolve("java.argv"));
    return argv.subList(0, Math.max(0, argv.indexOf("-jar")));
  }

  /** The jar path java was given. */
  String javaJar() {
    List<String> argv = nulSeparated(logs.resolve("java.argv"));
    return argv.get(argv.indexOf("-jar") + 1);
  }

  /** How many class-data-sharing archives build.sh made (training runs of the fake java). */
  int cdsTrainingRuns() {
    try {
      Path count = logs.resolve("java-cds.count");
      return Files.exists(count) ? Files.readAllLines(count).size() : 0;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  Map<String, String> javaEnv() {
    Map<String, String> env = new LinkedHashMap<>();
    for (String entry : nulSeparated(logs.resolve("java.env"))) {
      int eq = entry.indexOf('=');
      env.put(entry.substring(0, eq), entry.substring(eq + 1));
    }
    return env;
  }

  Path javaCwd() {
    try {
      return Path.of(Files.readString(logs.resolve("java.cwd")).strip());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  boolean mvnRan() {
    return Files.exists(logs.resolve("mvn.argv"));
  }

  List<String> mvnArgs() {
    return nulSeparated(logs.resolve("mvn.argv"));
  }

  /** Forgets what the fakes recorded, for a second run in the same sandbox. */
  void clearLogs() throws IOException {
    for (String f : List.of("java.argv", "java.env", "java.cwd", "mvn.argv", "java-cds.argv",
        "java-cds-dump.argv", "java-cds.count")) {
      Files.deleteIfExists(logs.resolve(f));
    }
  }

  private static List<String> nulSeparated(Path file) {
    try {
      String text = Files.readString(file, StandardCharsets.UTF_8);
      if (text.isEmpty()) {
        return List.of();
      }
      if (!text.endsWith("\0")) {
        throw new IllegalStateException(file + " does not end with NUL");
      }
      return new ArrayList<>(Arrays.asList(text.substring(0, text.length() - 1).split("\0", -1)));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
