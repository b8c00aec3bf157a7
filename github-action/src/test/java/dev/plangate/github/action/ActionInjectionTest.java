package dev.plangate.github.action;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Inputs and environment variables that would run commands if a script ever let the shell
 * evaluate them. After every run no file named {@code pwned...} may exist, and the jar must have
 * received each string exactly as given.
 */
class ActionInjectionTest {

  @TempDir Path tmp;

  private static final String SUBSTITUTION = "plan $(touch pwned1).json";
  private static final String BACKTICKS = "`touch pwned2`.json";
  private static final String QUOTE_BREAK = "\"; touch pwned3 #.json";
  private static final String SINGLE_QUOTE_BREAK = "'; touch pwned4 #'.json";
  private static final String IFS_TRICK = "$(touch${IFS}pwned5)";
  private static final String SEMICOLON = "x.json; touch pwned6";

  @Test
  void hostileInputsReachTheJarLiterallyAndRunNothing() throws Exception {
    ActionSandbox s = ActionSandbox.create(tmp);
    String label = "approve\"; touch pwned7 #\n`touch pwned8` $(touch pwned9) ${{ github.token }}";
    String policy = "$(touch pwned10)/policy.yml";
    String sarif = "out/$(touch pwned11)`touch pwned12`.sarif";

    ActionRunner.Result r = s.runner()
        .input("plans", String.join("\n", SUBSTITUTION, BACKTICKS, QUOTE_BREAK,
            SINGLE_QUOTE_BREAK, IFS_TRICK, SEMICOLON))
        .input("policy", policy)
        .input("approval-label", label)
        .input("sarif", sarif)
        .input("approval-secret", "$(touch pwned13)")
        .run();

    assertThat(r.exitCode()).isZero();
    assertThat(s.jarArgs()).containsExactly("check",
        "--plan", SUBSTITUTION,
        "--plan", BACKTICKS,
        "--plan", QUOTE_BREAK,
        "--plan", SINGLE_QUOTE_BREAK,
        "--plan", IFS_TRICK,
        "--plan", SEMICOLON,
        "--policy", policy,
        "--approval-label", label, // the line break too: one argument
        "--comment", "update",
        "--report", "json=" + s.runnerTemp.resolve("plangate/report.json"),
        "--report", "markdown=" + s.runnerTemp.resolve("plangate/report.md"),
        "--report", "sarif=" + sarif);
    assertThat(s.javaEnv()).containsEntry("PLANGATE_APPROVAL_SECRET", "$(touch pwned13)");
    // The SARIF file was written under its literal name.
    assertThat(s.workspace.resolve(sarif)).exists();
    assertNothingRan(s);
  }

  @Test
  void hostileRunnerEnvironmentIsNotEvaluated() throws Exception {
    ActionSandbox s = ActionSandbox.create(tmp);
    String headRef = "feature/$(touch pwned20)`touch pwned21`";
    String multiLine = "line one\n$(touch pwned22)\n\"; touch pwned23 #";
    ActionRunner.Result r = s.runner()
        .env("GITHUB_HEAD_REF", headRef)
        .env("PR_TITLE", multiLine)
        .env("GITHUB_EVENT_PATH", s.base.resolve("$(touch pwned24).json").toString())
        .input("plans", "plan.json")
        .run();

    assertThat(r.exitCode()).isZero();
    assertThat(s.javaEnv()).containsEntry("GITHUB_HEAD_REF", headRef)
        .containsEntry("PR_TITLE", multiLine)
        .containsEntry("GITHUB_EVENT_PATH", s.base.resolve("$(touch pwned24).json").toString());
    assertNothingRan(s);
  }

  @Test
  void hostileValuesOfValidatedInputsAreRejectedWithoutRunningThem() throws Exception {
    ActionSandbox s = ActionSandbox.create(tmp);
    ActionRunner.Result formats = s.runner().input("plans", "plan.json")
        .input("formats", "json,$(touch${IFS}pwned30),`touch pwned31`").run();
    assertThat(formats.exitCode()).isEqualTo(2);
    // Split on commas and spaces only; the first unknown word is named, literally.
    assertThat(formats.commands("error")).singleElement().asString()
        .contains("input 'formats'").contains("'$(touch${IFS}pwned30)'");

    ActionRunner.Result comment = s.runner().input("plans", "plan.json")
        .input("comment", "off\n::error::forged `touch pwned32` 100%").run();
    assertThat(comment.exitCode()).isEqualTo(2);
    // The line break and % are escaped: the value cannot start a second workflow command.
    assertThat(comment.commands("error")).singleElement().asString()
        .contains("input 'comment'").contains("off%0A::error::forged `touch pwned32` 100%25");
    assertThat(s.javaRan()).isFalse();
    assertNothingRan(s);
  }

  @Test
  void aPlanLineCannotSmuggleAnOption() throws Exception {
    // A line is one --plan value, even when it looks like more options.
    ActionSandbox s = ActionSandbox.create(tmp);
    s.runner().input("plans", "plan.json --policy evil.yml --comment off").run();
    assertThat(s.jarArgs()).startsWith("check", "--plan", "plan.json --policy evil.yml --comment off",
        "--comment", "update");
  }

  private static void assertNothingRan(ActionSandbox s) throws IOException {
    List<Path> pwned;
    try (Stream<Path> files = Stream.concat(Files.walk(s.base),
        Files.list(Path.of("").toAbsolutePath()))) {
      pwned = files.filter(p -> p.getFileName().toString().matches("pwned\\d*"))
          .collect(Collectors.toList());
    }
    assertThat(pwned).as("files created by injected commands").isEmpty();
  }
}
