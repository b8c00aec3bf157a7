package dev.plangate.maven;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Runs every example's documented command and checks its documented outcome, so that the
 * examples cannot rot. A README documents a command as a fenced {@code sh} block holding one
 * line, run from the repository root, followed by a line
 * {@code Expected: exit N, prints `text` and `text`}. Runs after the invoker builds, with the
 * plugin they installed (for the Maven example) and the cli jar the reactor built.
 */
class ExamplesIT {
  private static final Path ROOT = Path.of(System.getProperty("plangate.root", "../"))
      .toAbsolutePath().normalize();
  private static final Pattern EXPECTED =
      Pattern.compile("Expected: exit (\\d), prints (`[^`]+`(?: and `[^`]+`)*)\\s*");
  private static final Pattern QUOTED = Pattern.compile("`([^`]+)`");

  /** One documented command. */
  record Documented(Path readme, String command, int exit, List<String> prints) {}

  /** Every runnable block of a README, in order. */
  static List<Documented> documented(Path readme) throws IOException {
    List<String> lines = Files.readAllLines(readme, StandardCharsets.UTF_8);
    List<Documented> out = new ArrayList<>();
    for (int i = 0; i + 3 < lines.size(); i++) {
      if (!lines.get(i).equals("```sh")) {
        continue;
      }
      assertThat(lines.get(i + 2)).as("%s:%d: a runnable block holds one command line", readme,
          i + 1).isEqualTo("```");
      Matcher m = EXPECTED.matcher(lines.get(i + 3));
      assertThat(m.matches()).as("%s:%d: a runnable block is followed by 'Expected: exit N,"
          + " prints `...`'", readme, i + 4).isTrue();
      List<String> prints = new ArrayList<>();
      Matcher q = QUOTED.matcher(m.group(2));
      while (q.find()) {
        prints.add(q.group(1));
      }
      out.add(new Documented(readme, lines.get(i + 1), Integer.parseInt(m.group(1)), prints));
    }
    return out;
  }

  @TestFactory
  Stream<DynamicTest> everyExamplesDocumentedCommandDoesWhatItsReadmeSays() throws IOException {
    List<DynamicTest> tests = new ArrayList<>();
    try (Stream<Path> dirs = Files.list(ROOT.resolve("examples"))) {
      for (Path dir : dirs.filter(Files::isDirectory).sorted().toList()) {
        Path readme = dir.resolve("README.md");
        assertThat(readme).as("every example explains itself").isRegularFile();
        List<Documented> commands = documented(readme);
        if (!dir.getFileName().toString().equals("github")) {
          // github/ holds workflows for GitHub's runners; github-action's tests run them.
          assertThat(commands).as("%s documents a command to run", readme).isNotEmpty();
        }
        for (Documented d : commands) {
          tests.add(DynamicTest.dynamicTest(ROOT.relativize(readme) + ": " + d.command(),
              () -> check(d)));
        }
      }
    }
    return tests.stream();
  }

  @Test
  void theReadmesFirstCommandShowsWhatTheReadmeSaysItShows() throws Exception {
    List<String> readme = Files.readAllLines(ROOT.resolve("README.md"), StandardCharsets.UTF_8);
    String first = readme.stream().filter(l -> l.contains("java -jar cli/target/plangate.jar"))
        .findFirst().orElseThrow();
    assertThat(first).as("the quick start's first command runs the kiro example")
        .contains("examples/terraform-kiro-incident/plan.json");
    String command = first.substring(first.indexOf("java -jar"));
    int start = readme.indexOf("The first command prints what a reviewer should see, and exits 1:");
    assertThat(start).as("the README says what the first command prints").isPositive();
    List<String> shown = new ArrayList<>();
    for (int i = start + 3; !readme.get(i).equals("```"); i++) {
      shown.add(readme.get(i));
    }
    Run run = run(command, Map.of());
    assertThat(run.exit()).isEqualTo(1);
    for (String line : shown) {
      if (!line.isBlank() && !line.strip().equals("...")) {
        assertThat(run.output()).as("the quick start shows this line").contains(line.stripTrailing());
      }
    }
  }

  private static void check(Documented d) throws Exception {
    Run run = run(d.command(), MavenArgs.VALUE);
    assertThat(run.exit()).as("exit code of `%s` (%s); output:%n%s", d.command(), d.readme(),
        run.output()).isEqualTo(d.exit());
    for (String p : d.prints()) {
      assertThat(run.output()).as("output of `%s` (%s)", d.command(), d.readme()).contains(p);
    }
  }

  record Run(int exit, String output) {}

  /**
   * Runs a command as a reader would, from the repository root, in an environment without
   * agent variables (the examples tell the commits' story, not the shell's).
   */
  private static Run run(String command, Map<String, String> extra) throws Exception {
    ProcessBuilder pb = new ProcessBuilder("bash", "-c", command).directory(ROOT.toFile())
        .redirectErrorStream(true);
    Process p = CleanEnvironment.apply(pb, extra).start();
    byte[] out = p.getInputStream().readAllBytes();
    assertThat(p.waitFor(5, TimeUnit.MINUTES)).as("`%s` finished", command).isTrue();
    return new Run(p.exitValue(), new String(out, StandardCharsets.UTF_8));
  }

  /** Written once, on the first command that needs it. */
  private static final class MavenArgs {
    static final Map<String, String> VALUE;

    static {
      try {
        VALUE = mavenArgs();
      } catch (IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    }
  }

  /**
   * For the Maven example: the invoker builds' local repository (which holds the plugin just
   * built) and settings that resolve everything else from the outer build's repository.
   */
  private static Map<String, String> mavenArgs() throws IOException {
    String itRepo = System.getProperty("plangate.itRepository");
    String outerRepo = System.getProperty("plangate.outerRepository");
    if (itRepo == null || outerRepo == null) {
      return Map.of();
    }
    Path settings = Path.of(itRepo).resolveSibling("examples-settings.xml");
    String template = Files.readString(ROOT.resolve("maven-plugin/src/it/settings.xml"));
    Files.writeString(settings, template.replace("@localRepositoryUrl@",
        Path.of(outerRepo).toUri().toString()));
    return Map.of("MAVEN_ARGS", "-s " + settings + " -Dmaven.repo.local=" + itRepo);
  }
}
