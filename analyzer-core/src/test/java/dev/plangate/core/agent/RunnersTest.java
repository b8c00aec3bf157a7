package dev.plangate.core.agent;

import static dev.plangate.core.agent.GrammarsTest.words;
import static org.assertj.core.api.Assertions.assertThat;

import dev.plangate.core.agent.ShellTokens.Word;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Programs that run other programs: which are worth resolving, which interpreters and editors run
 * code they are given, when git runs a command, and what counts as naming a tool in code.
 */
class RunnersTest {
  private static List<Word> args(String... words) {
    return Stream.of(words).map(Word::literal).toList();
  }

  @ParameterizedTest
  @ValueSource(strings = {"terraform", "tofu", "pulumi", "bash", "sh", "fish", "npx", "yarn",
      "sudo", "env", "timeout", "exec", "eval", "time", "nohup", "aws-vault", "op", "hatch"})
  void toolsShellsAndWrappersAreWorthResolving(String name) {
    assertThat(Runners.isHead(name)).isTrue();
  }

  @ParameterizedTest
  @ValueSource(strings = {"ls", "echo", "python", "make", "git", "xargs", "sudoedit", ""})
  void otherProgramsAreNot(String name) {
    assertThat(Runners.isHead(name)).isFalse();
  }

  @ParameterizedTest
  @ValueSource(strings = {"python", "python3", "python3.12", "perl5.36", "node18", "ruby3.2.1",
      "awk", "busybox", "make", "rscript", "jshell"})
  void interpretersAreKnownByTheirFamilyName(String name) {
    assertThat(Runners.isInterpreter(name)).isTrue();
  }

  @ParameterizedTest
  @ValueSource(strings = {"python3x", "3.12", "pythonista", "terraform1.5", "node-18x", "ls",
      "perl5a", "python-3", ""})
  void otherNamesAreNotInterpreters(String name) {
    assertThat(Runners.isInterpreter(name)).isFalse();
  }

  @Test
  void gitRunsACommandOnlyInItsCommandRunningForms() {
    for (List<Word> w : List.of(
        args("git", "-c", "alias.x=!terraform destroy", "x"),
        args("git", "config", "alias.tf", "!terraform"),
        args("git", "-c", "x=!sh", "status"),
        args("git", "rebase", "--exec", "make", "main"),
        args("git", "rebase", "--exec=make", "main"),
        args("git", "rebase", "-x", "make", "main"),
        args("git", "bisect", "run", "make"),
        args("git", "submodule", "foreach", "make"),
        args("git", "filter-branch", "--tree-filter", "make"),
        args("git", "difftool", "--extcmd", "make"),
        args("git", "difftool", "--extcmd=make"),
        args("git", "fetch", "--upload-pack", "make"),
        args("git", "fetch", "--upload-pack=make"),
        args("git", "-c", "core.sshCommand=make", "fetch"),
        args("git", "-c", "core.pager=make", "log"),
        args("git", "--config-env=core.pager=X", "log"))) {
      assertThat(Runners.gitRuns(w, 0)).as(w.toString()).isTrue();
    }
    for (List<Word> w : List.of(args("git", "status"), args("git", "log", "-p", "run"),
        args("git", "commit", "-m", "bisect run"), args("git", "log", "bisect", "run"),
        args("git", "-C", "bisect", "run"), args("git"))) {
      assertThat(Runners.gitRuns(w, 0)).as(w.toString()).isFalse();
    }
    // the words before git are not git's
    assertThat(Runners.gitRuns(args("rebase", "-x", "git", "status"), 2)).isFalse();
  }

  @Test
  void editorsRunCommandsOnlyWhenToldToOnTheirCommandLine() {
    for (String opt : List.of("+wq", "-c", "--cmd", "-S", "--eval", "--eval=(x)", "-ex", "-x",
        "-l", "--load", "--load=x.el", "-batch", "-s", "-es", "-e")) {
      assertThat(Runners.editorRuns(args("vim", opt, "x"), 0)).as(opt).isTrue();
    }
    assertThat(Runners.editorRuns(args("vim", "-R", "main.tf"), 0)).isFalse();
    assertThat(Runners.editorRuns(args("-c", "vim", "main.tf"), 1)).isFalse();
    assertThat(Runners.EDITORS).allMatch(Runners::isInterpreter);
  }

  @Test
  void aToolIsNamedInCodeOnlyAsAWordOfItsOwn() {
    assertThat(Runners.mentionsTool(args("python3", "-c",
        "import os; os.system(\"terraform destroy\")"), 1, null)).isTrue();
    assertThat(Runners.mentionsTool(args("node", "terraform"), 1, null)).isTrue();
    assertThat(Runners.mentionsTool(args("python", "terraform/gen.py"), 1, null)).isFalse();
    assertThat(Runners.mentionsTool(args("python", "gen.py"), 1, "terraform destroy")).isTrue();
    assertThat(Runners.mentionsTool(args("python", "gen.py"), 1, "print(1)")).isFalse();
    assertThat(Runners.mentionsTool(args("terraform", "gen.py"), 1, null))
        .as("only from the given word on").isFalse();
    for (String code : List.of("x terraform apply", "x\tterraform", "x\nterraform",
        "f(terraform)", "a;terraform", "'terraform'", "\"terraform\"", "!terraform",
        "`terraform`", "$terraform")) {
      assertThat(Runners.mentionsTool(args("perl", "-e", code), 1, null)).as(code).isTrue();
    }
    assertThat(Runners.mentionsTool(args("perl", "-e", "x=terraform.tf"), 1, null))
        .as("no blank, quote or punctuation: a path, not code").isFalse();
  }

  @Test
  void onTheLineCodeThatNamesAToolMakesAPersonDecide() {
    assertThat(CommandRecognizer.recognize("python3.12 -c 'import os;"
        + " os.system(\"terraform destroy\")'")).singleElement().satisfies(c -> {
          assertThat(c.action()).isEqualTo(Action.UNPARSEABLE);
          assertThat(c.reason()).isEqualTo("`python3.12` runs code that names an infrastructure"
              + " tool, and plangate does not read that code");
        });
    assertThat(CommandRecognizer.recognize("python terraform/gen.py")).isEmpty();
    assertThat(CommandRecognizer.recognize("vim terraform.tf")).isEmpty();
    assertThat(CommandRecognizer.recognize("vim -c 'terraform apply'")).isNotEmpty();
    assertThat(CommandRecognizer.recognize("git submodule foreach terraform apply"))
        .singleElement().satisfies(c -> assertThat(c.reason()).contains("`git`"));
    assertThat(CommandRecognizer.recognize("git log terraform")).isEmpty();
    assertThat(CommandRecognizer.recognize("aws-vault exec prod -- terraform apply"))
        .singleElement().satisfies(c -> assertThat(c.reason()).isNull());
  }
}
