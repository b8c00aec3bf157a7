package dev.plangate.core.agent;

import static dev.plangate.core.agent.GrammarsTest.words;
import static org.assertj.core.api.Assertions.assertThat;

import dev.plangate.core.agent.ShellTokens.Word;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Which commands next to an apply may change what it plans from: the reason a person reads, or
 * nothing for what only reads. ({@code $X} words are expanded when the line runs.)
 */
class InputChangesTest {
  private static String reason(String command) {
    List<Word> w = words(command);
    return InputChanges.reason(w.get(0).value(), w, 0);
  }

  /** One argument per string, as the shell hands them over after removing quotes. */
  private static String reasonOf(String... words) {
    List<Word> w = Stream.of(words).map(Word::literal).toList();
    return InputChanges.reason(words[0], w, 0);
  }

  @Test
  void sedScriptsThatWriteFilesOrRunCommandsEditFiles() {
    for (List<String> sed : List.of(
        List.of("sed", "s/a/b/w out.tf", "main.tf"),
        List.of("sed", "w out.tf", "main.tf"),
        List.of("sed", "e date", "main.tf"),
        List.of("sed", "e", "main.tf"),
        List.of("sed", "s/a/b/e", "main.tf"),
        // an address before the command: the line, the last line, a pattern, a range
        List.of("sed", "-n", "1w main.tf", "new.tf"),
        List.of("sed", "-n", "$w main.tf", "new.tf"),
        List.of("sed", "-n", "/^resource/w main.tf", "new.tf"),
        List.of("sed", "-n", "1,/^}/ w main.tf", "new.tf"),
        List.of("sed", "-n", "2!W main.tf", "new.tf"),
        List.of("sed", "1e ./gen.sh", "x"),
        List.of("sed", "-n", "p;3e ./gen.sh", "x"),
        List.of("sed", "/x/{e ./gen.sh\n}", "x"),
        // flags of s after g, p or a number; any delimiter
        List.of("sed", "s/a/b/gw main.tf", "x"),
        List.of("sed", "s|a|b|2e", "x"),
        List.of("sed", "-e", "s,a,b,pw main.tf", "x"),
        List.of("sed", "--expression=1w main.tf", "x"),
        List.of("sed", "-n", "0~3w out.tf", "x"),
        List.of("sed", "-n", "1,+2w out.tf", "x"),
        List.of("sed", "-n", "/a/I,/b/Mw out.tf", "x"),
        List.of("sed", "-n", "\\%a/b%w out.tf", "x"),
        List.of("sed", "-n", "/a\\/b/w out.tf", "x"),
        List.of("sed", "-n", "\tw out.tf", "x"),
        List.of("sed", "-n", "1 ! W\tout.tf", "x"),
        List.of("sed", "-n", "1w", "x"),
        List.of("sed", "s/a/b/;w x", "x"),
        List.of("sed", "s/a/b/3e", "x"),
        // a script file plangate does not read
        List.of("sed", "-f", "edit.sed", "x"),
        List.of("sed", "-nf", "edit.sed", "x"),
        List.of("sed", "--file=edit.sed", "x"))) {
      assertThat(reasonOf(sed.toArray(String[]::new))).as(String.join(" ", sed))
          .isEqualTo("edits files");
    }
  }

  @Test
  void sedScriptsThatOnlyPrintAreReading() {
    for (List<String> sed : List.of(
        List.of("sed", "-n", "/resource/p", "main.tf"),
        List.of("sed", "-n", "/^variable/,/^}/p", "main.tf"),
        List.of("sed", "s/foo/bar/g", "main.tf"),
        List.of("sed", "-n", "$=", "main.tf"),
        List.of("sed", "1d;/write/d", "main.tf"),
        List.of("sed", "-e", "s/a/b/", "-e", "y/abc/xyz/", "main.tf"),
        List.of("sed", "-n", "/w/p", "west.tf"),
        List.of("sed", "-n", "/;w x/p", "x"),
        List.of("sed", "-n", "\\%;w x%p", "x"),
        List.of("sed", "s/;w x/y/", "x"),
        List.of("sed", "s/a\\/;w x/y/g", "x"),
        List.of("sed", "s/a/b/gI3", "x"),
        List.of("sed", "$!N;P;D", "x"),
        List.of("sed", "-n", "1,/w/{p}", "x"),
        List.of("sed", "s/a/b", "x"),
        List.of("sed", "s", "x"))) {
      assertThat(reasonOf(sed.toArray(String[]::new))).as(String.join(" ", sed)).isNull();
    }
  }

  @Test
  void sedScriptsCutShortAreReadingAndReadWithoutError() {
    // what sed itself refuses (no command after the address, an unterminated s) runs nothing
    for (String script : List.of("", "1", "$", "2024", "1,", "1,+", "1!", "/re/", "/re/I",
        "\\", "\\%re", "p ", "s", "s/a", "s/a/e", "y/a/b")) {
      assertThat(InputChanges.sedWrites(script)).as(script).isFalse();
    }
    assertThat(reasonOf("sed", "-n", "p", "2024")).isNull();
    assertThat(InputChanges.sedWrites("9w out.tf")).isTrue();
    assertThat(InputChanges.sedWrites("10,19W out.tf")).isTrue();
  }

  @Test
  void aSedThatWritesAConfigurationFileMakesTheApplyBesideItAsk() {
    assertThat(CommandRecognizer.recognize("sed -n '1w main.tf' new.tf; terraform apply"
        + " -auto-approve")).singleElement()
        .satisfies(c -> assertThat(c.reason()).contains("edits files"));
    assertThat(CommandRecognizer.recognize("sed '1e ./gen.sh' x && terraform apply"))
        .singleElement().satisfies(c -> assertThat(c.reason()).contains("edits files"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"ls -la", "cat main.tf", "grep -rn apply .", "cd infra", "mkdir -p x",
      "pwd", "jq . plan.json", "echo done", "sed -n 1,5p main.tf", "sed s/a/b/ main.tf",
      "sort -u names", "sort -r -k2 names", "yq .a x.yml", "find . -name '*.tf'",
      "find . -newer x -print", "tee", "tee -a apply.log", "tee /dev/null",
      "git status", "git -C infra diff", "git log -p", "git fetch origin", "git branch",
      "git branch -a", "git remote -v", "git tag -l", "git config user.name",
      "git show HEAD:main.tf", "terraform", "terraform plan", "terraform plan -no-color",
      "terraform -chdir=infra validate", "terraform fmt -check", "terraform fmt -diff"
      + " -write=false", "terraform output -json", "terraform show tfplan",
      "terraform version", "terraform providers", "terraform graph", "terraform test",
      "terraform get", "terraform console", "terraform state list", "terraform state show a.b",
      "terraform state pull", "terraform workspace list", "terraform workspace show",
      "tofu plan", "tofu -chdir=x output", "tflint", "checkov -d ."})
  void commandsThatOnlyReadChangeNoInput(String command) {
    assertThat(reason(command)).as(command).isNull();
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "sed -i s/a/b/ main.tf|edits files",
      "sed --in-place=.bak s/a/b/ main.tf|edits files",
      "sed --in-place s/a/b/ main.tf|edits files",
      "sed -ni s/a/b/p main.tf|edits files",
      "sed e main.tf|edits files",
      "sort -o names names|writes a file",
      "sort --output=names names|writes a file",
      "sort -uo names names|writes a file",
      "yq -i .a=1 x.yml|edits files",
      "yq --inplace .a=1 x.yml|edits files",
      "find . -delete|runs commands or deletes files",
      "find . -exec rm {} ;|runs commands or deletes files",
      "find . -execdir sh ;|runs commands or deletes files",
      "find . -ok rm {} ;|runs commands or deletes files",
      "find . -okdir rm {} ;|runs commands or deletes files",
      "find . -fprint main.tf|runs commands or deletes files",
      "find . -fprintf main.tf %p|runs commands or deletes files",
      "find . -fls x.tf|runs commands or deletes files",
      "tee main.tf|writes a file",
      "tee -a apply.log vars.tfvars|writes a file",
      "tee $OUT|writes a file",
      "git|may change the files checked out",
      "git checkout main|may change the files checked out",
      "git pull|may change the files checked out",
      "git branch -d old|may change the files checked out",
      "git branch -D old|may change the files checked out",
      "git branch -m old new|may change the files checked out",
      "git branch -M old new|may change the files checked out",
      "git branch --delete old|may change the files checked out",
      "git branch --move old new|may change the files checked out",
      "git branch --set-upstream-to=origin/x|may change the files checked out",
      "git remote add up url|may change the files checked out",
      "git remote remove up|may change the files checked out",
      "git remote set-url up url|may change the files checked out",
      "git remote rename a b|may change the files checked out",
      "git config --unset a.b|may change the files checked out",
      "git config --add a.b c|may change the files checked out",
      "git config --replace-all a.b c|may change the files checked out",
      "git -c alias.x=!sh status|may change the files checked out",
      "terraform init|changes its working directory, workspace or state",
      "terraform plan -out=tfplan|changes its working directory, workspace or state",
      "terraform plan --out=tfplan|changes its working directory, workspace or state",
      "terraform plan -out tfplan|changes its working directory, workspace or state",
      "terraform fmt|changes its working directory, workspace or state",
      "terraform fmt -diff|changes its working directory, workspace or state",
      "terraform fmt -write=false|changes its working directory, workspace or state",
      "terraform state rm a.b|changes its working directory, workspace or state",
      "terraform state|changes its working directory, workspace or state",
      "terraform workspace select prod|changes its working directory, workspace or state",
      "terraform workspace|changes its working directory, workspace or state",
      "tofu workspace new x|changes its working directory, workspace or state",
      "npm install|may change files, variables or state",
      "export TF_VAR_x=1|may change files, variables or state",
      "python gen.py|may change files, variables or state"})
  void commandsThatMayChangeAPlansInputsSayHow(String command, String why) {
    assertThat(reason(command)).as(command).isEqualTo(why);
  }

  @Test
  void aGitBranchListingWithClusteredFlagsIsStillReading() {
    // -d, -D, -m and -M count only as written: git branch -vv or -a are not deletions
    assertThat(reason("git branch -vam")).isNull();
    assertThat(reason("git log -md")).isNull();
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {"<|main.tf", "<<|EOF", "<<<|x", ">&|2", "<&|0",
      ">|apply.log", ">>|/dev/null", ">|/dev/stderr", "&>|out.txt", ">|/dev/fd/3",
      ">|notes.md", ">|report.html", ">|costs.csv", ">|plan.out", ">|APPLY.LOG",
      ">|logs/run.txt"})
  void redirectionsThatCannotChangeAPlan(String op, String target) {
    assertThat(InputChanges.redirect(op, Word.literal(target))).as(op + " " + target).isNull();
  }

  @ParameterizedTest
  @CsvSource({">,main.tf", ">>,vars.auto.tfvars", ">|,x.tf.json", "&>,x.tf", "&>>,x.tf",
      "<>,x.tf", ">,terraform.tfstate", ">,infra/", ">,.terraformrc"})
  void redirectionsIntoWhatMayBeATerraformInputWriteAFile(String op, String target) {
    assertThat(InputChanges.redirect(op, Word.literal(target))).isEqualTo("writes a file");
  }

  @Test
  void aTargetNamedAtRunTimeMayBeAnything() {
    Word dynamic = GrammarsTest.words("$OUT").get(0);
    assertThat(InputChanges.writesInput(dynamic)).isTrue();
    assertThat(InputChanges.redirect(">", dynamic)).isEqualTo("writes a file");
  }

  @Test
  void onTheLineACommandThatEditsTheConfigurationMakesTheApplyAskAndALogDoesNot() {
    assertThat(CommandRecognizer.recognize("sed -i s/a/b/ main.tf && terraform apply"))
        .singleElement().satisfies(c -> assertThat(c.reason()).isEqualTo("the line also runs"
            + " `sed -i s/a/b/ main.tf`, which edits files: that can change what it applies, and"
            + " plangate cannot plan what will actually run"));
    assertThat(CommandRecognizer.recognize("echo start > apply.log; terraform apply"))
        .singleElement().satisfies(c -> assertThat(c.reason()).isNull());
    assertThat(CommandRecognizer.recognize("ls &> x.tf; terraform apply"))
        .singleElement().satisfies(c -> assertThat(c.reason()).contains("writes a file"));
  }
}
