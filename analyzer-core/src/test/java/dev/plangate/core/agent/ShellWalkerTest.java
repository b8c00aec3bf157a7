package dev.plangate.core.agent;

import static dev.plangate.core.agent.WrappersTest.verdict;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The walk ({@link ShellWalker}): the shell's state as a line runs (working directory, variables,
 * pipes, subshells), redirections, command names that are not literal words, and the reasons an
 * entry carries. Verdicts in {@link WrappersTest#verdict}'s notation.
 */
class ShellWalkerTest {

  /**
   * A redirection that overwrites a state file destroys what Terraform tracks, whether its name is
   * written out or built when the line runs: {@code > "$DIR/terraform.tfstate"} was allowed while
   * {@code rm "$DIR/terraform.tfstate"} asked.
   */
  @ParameterizedTest
  @MethodSource("stateRedirects")
  void overwritingAStateFileAsks(String line, String expected) {
    assertThat(verdict(line)).as(line).isEqualTo(expected);
  }

  static Stream<Arguments> stateRedirects() {
    return Stream.of(
        arguments("echo '{}' > \"$DIR/terraform.tfstate\"", "OTHER DELETE ?"),
        arguments("echo '{}' > ${STATE_DIR}/prod.tfstate", "OTHER DELETE ?"),
        arguments("cat old.json > \"$(pwd)/terraform.tfstate\"", "OTHER DELETE ?"),
        arguments("echo '{}' > terraform.tfstate", "OTHER DELETE ?"),
        arguments(": > terraform.tfstate.backup", "OTHER DELETE ?"),
        arguments("echo x >> terraform.tfstate", "OTHER DELETE ?"),
        arguments("terraform show 2> terraform.tfstate", "OTHER DELETE ?"),
        arguments("cat < terraform.tfstate", ""),
        arguments("jq . < \"$DIR/terraform.tfstate\"", ""),
        arguments("terraform show -json > state.json", ""),
        arguments("echo x > \"$OUT\"", ""));
  }

  /**
   * A glob in command position may expand to a tool's name (with a file or directory of that
   * name here, {@code terr[a]form} runs terraform): it asks. A bracket expression was once read
   * as its characters, so {@code terr[a]form workspace delete prod} went through.
   */
  @ParameterizedTest
  @ValueSource(strings = {"terr[a]form workspace delete prod", "[t]erraform workspace delete prod",
      "/usr/bin/terr[a]form workspace delete prod", "[a-z]ofu workspace delete prod",
      "pulum[i] stack rm prod --yes", "terr[]a]form workspace delete prod"})
  void aBracketGlobThatMayNameAToolAsks(String line) {
    assertThat(verdict(line)).as(line).isEqualTo("UNKNOWN UNPARSEABLE ?");
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @MethodSource("walked")
  void walksTheLineAsTheShellRunsIt(String line, String expected) {
    assertThat(verdict(line)).isEqualTo(expected);
  }

  static Stream<Arguments> walked() {
    return Stream.of(
        // command names that are not literal words
        arguments("terr[a]form workspace delete prod", "UNKNOWN UNPARSEABLE ?"),
        arguments("[t]erraform workspace delete prod", "UNKNOWN UNPARSEABLE ?"),
        arguments("/usr/bin/terr[a]form workspace delete prod", "UNKNOWN UNPARSEABLE ?"),
        arguments("[a-z]ofu workspace delete prod", "UNKNOWN UNPARSEABLE ?"),
        arguments("pulum[i] stack rm prod --yes", "UNKNOWN UNPARSEABLE ?"),
        arguments("terr*m workspace delete prod", "UNKNOWN UNPARSEABLE ?"),
        arguments("t?fu workspace delete prod", "UNKNOWN UNPARSEABLE ?"),
        arguments("terr*m plan", "UNKNOWN UNPARSEABLE ?"),
        arguments("l* -la", ""),
        arguments("ls[] -la", ""),
        arguments("[ -f x ] && terraform destroy", "TERRAFORM DESTROY"),
        arguments("[[ -f x ]] && terraform destroy", "TERRAFORM DESTROY"),
        arguments("*.sh destroy", "UNKNOWN UNPARSEABLE ?"),
        arguments("./scr?pt.sh --env prod; terraform plan", ""),
        arguments("$'terraform' destroy", "TERRAFORM UNPARSEABLE ?"),
        arguments("$\"terraform\" destroy", "TERRAFORM UNPARSEABLE ?"),
        arguments("terra\\\nform workspace delete prod", "TERRAFORM UNPARSEABLE ?"),
        arguments("$'ls' -la", "UNKNOWN UNPARSEABLE ?"),
        // variables set on the line
        arguments("TF=terraform; $TF destroy", "TERRAFORM DESTROY ?"),
        arguments("TF=terraform; \"$TF\" destroy", "TERRAFORM DESTROY ?"),
        arguments("TF=terraform; ${TF} destroy", "TERRAFORM DESTROY ?"),
        arguments("X=\"terraform destroy\"; $X", "TERRAFORM DESTROY ?"),
        arguments("X=\"terraform destroy\"; \"$X\"", ""),
        arguments("X=\"terraform -chdir=infra\"; $X destroy", "TERRAFORM DESTROY dir=infra ?"),
        arguments("TF=terraform; TF+=x; $TF destroy", "UNKNOWN UNPARSEABLE ?"),
        arguments("TF=terra; TF+=form; $TF destroy", "UNKNOWN UNPARSEABLE ?"),
        arguments("TF=terraform | cat; $TF destroy", "UNKNOWN UNPARSEABLE ?"),
        arguments("TF=terraform & $TF destroy", "UNKNOWN UNPARSEABLE ?"),
        arguments("(TF=terraform); $TF destroy", "TERRAFORM DESTROY ?"),
        arguments("{ TF=terraform; }; $TF destroy", "UNKNOWN UNPARSEABLE ?"),
        arguments("TF=terraform; bash -c '$TF destroy'", "TERRAFORM DESTROY ?"),
        arguments("TF=$(which tofu); $TF destroy", "TOFU UNPARSEABLE ?"),
        arguments("TF=`which tofu`; $TF destroy", "TOFU UNPARSEABLE ?"),
        arguments("TF=$(which tofu) X=1; $TF destroy", "TOFU UNPARSEABLE ?"),
        arguments("TF=$(which tofu); TF=ls; $TF destroy", ""),
        arguments("TF=$(which tofu); $TF plan", "TOFU UNPARSEABLE ?"),
        arguments("A=destroy; terraform $A", "TERRAFORM DESTROY ?"),
        arguments("A=destroy B=-auto-approve; terraform $A $B", "TERRAFORM DESTROY ?"),
        arguments("A=\"destroy -auto-approve\"; terraform $A", "TERRAFORM DESTROY ?"),
        arguments("A=\"destroy -auto-approve\"; terraform \"$A\"", ""),
        arguments("A=destroy; terraform ${A}", "TERRAFORM DESTROY ?"),
        arguments("A=destroy; terraform \"${A}\"", "TERRAFORM DESTROY ?"),
        arguments("A=destroy; terraform $A-x", "TERRAFORM UNPARSEABLE ?"),
        // the variable rule
        arguments("$X ls", ""),
        arguments("$X destroy", "UNKNOWN UNPARSEABLE ?"),
        arguments("\"$X\" destroy", "UNKNOWN UNPARSEABLE ?"),
        arguments("${X} up", "UNKNOWN UNPARSEABLE ?"),
        arguments("$X plan; terraform plan", ""),
        arguments("$X; terraform destroy", "UNKNOWN UNPARSEABLE ?; TERRAFORM DESTROY ?"),
        arguments("$(which terraform) destroy", "TERRAFORM UNPARSEABLE ?"),
        arguments("$SUDO terraform destroy", "TERRAFORM DESTROY"),
        arguments("$SUDO $TF destroy", "UNKNOWN UNPARSEABLE ?"),
        arguments("$WRAP ./deploy.sh destroy", "UNKNOWN UNPARSEABLE ?"),
        arguments("$X --help; git commit -m 'apply'", ""),
        // pipes, standard input, subshells
        arguments("echo 'terraform destroy' | bash", "TERRAFORM DESTROY"),
        arguments("echo -n 'terraform destroy' | bash", "TERRAFORM DESTROY"),
        arguments("echo -neE 'terraform destroy' | bash", "TERRAFORM DESTROY"),
        arguments("echo -x 'terraform destroy' | bash", "TERRAFORM DESTROY ?"),
        arguments("printf 'cd infra\\nterraform destroy\\n' | bash", "TERRAFORM DESTROY dir=infra"),
        arguments("printf | bash; terraform plan", "TERRAFORM UNPARSEABLE ?"),
        arguments("echo 'terraform destroy' | cat | bash", "TERRAFORM DESTROY"),
        arguments("echo 'terraform destroy' | cat - | bash", "TERRAFORM UNPARSEABLE ?"),
        arguments("cat <<EOF | bash\nterraform destroy\nEOF", "TERRAFORM DESTROY"),
        arguments("cat <<<'terraform destroy' | bash", "TERRAFORM DESTROY"),
        arguments("cat <<A <<B | bash\nterraform plan\nA\nterraform destroy\nB",
            "TERRAFORM DESTROY"),
        arguments("bash <<A <<B\nterraform plan\nA\nterraform destroy\nB", "TERRAFORM DESTROY"),
        arguments("echo 'terraform destroy' | grep x | bash", "TERRAFORM UNPARSEABLE ?"),
        arguments("echo 'terraform destroy' |& bash", "TERRAFORM DESTROY"),
        arguments("echo 'terraform destroy' | bash | cat", "TERRAFORM DESTROY"),
        arguments("echo 'terraform destroy'; bash", ""),
        arguments("(cd infra) && terraform destroy", "TERRAFORM DESTROY"),
        arguments("(cd infra && terraform destroy) && terraform destroy",
            "TERRAFORM DESTROY dir=infra ?; TERRAFORM DESTROY ?"),
        arguments("{ cd infra; } && terraform destroy", "TERRAFORM DESTROY dir=infra"),
        arguments("cd infra && (cd prod && terraform destroy)", "TERRAFORM DESTROY dir=infra/prod"),
        arguments("( (cd a) && cd b ) ; terraform destroy", "TERRAFORM DESTROY"),
        arguments("cd a | cd b; terraform destroy", "TERRAFORM DESTROY"),
        arguments("cd infra & terraform destroy", "TERRAFORM DESTROY"),
        // keywords, functions, text
        arguments("if terraform destroy; then echo ok; fi", "TERRAFORM DESTROY"),
        arguments("then TF_LOG=1 terraform destroy", "TERRAFORM DESTROY ?"),
        arguments("function f { terraform destroy; }", "TERRAFORM DESTROY"),
        arguments("function f() { terraform destroy; }", "TERRAFORM DESTROY"),
        arguments("while true; do terraform destroy; done", "TERRAFORM DESTROY"),
        arguments("! terraform destroy", "TERRAFORM DESTROY"),
        arguments("case $E in prod*) terraform destroy;; esac", "TERRAFORM DESTROY ?"),
        arguments("case $E in prod*) echo hi;; esac; terraform plan", ""),
        arguments("case $E in p?od) echo;; esac; terraform plan", ""),
        arguments("case $E in [pP]rod) echo;; esac; terraform plan", ""),
        arguments("(ls) ; terraform plan", ""),
        // tools that are not planned: the table of destructive commands
        arguments("aws s3 rb s3://bucket --force", "OTHER DELETE ?"),
        arguments("aws s3 rb s3://bucket --force --dry-run", ""),
        arguments("aws ec2 terminate-instances --instance-ids i-1", "OTHER DELETE ?"),
        arguments("aws ec2 terminate-instances --instance-ids i-1 --dry-run", ""),
        arguments("aws ec2 terminate-instances --generate-cli-skeleton", ""),
        arguments("aws ec2 terminate-instances help", ""),
        arguments("aws ec2 terminate-instances --dry-run=false --instance-ids i-1",
            "OTHER DELETE ?"),
        arguments("aws ec2 terminate-instances --dry-run=none --instance-ids i-1",
            "OTHER DELETE ?"),
        arguments("aws ec2 terminate-instances --instance-ids i-1 --help", ""),
        arguments("aws ec2 terminate-instances --instance-ids i-1 -h", ""),
        arguments("pulumi stack rm prod --yes", "PULUMI STATE_RM"),
        arguments("cdk destroy --force", "CDK DESTROY"),
        arguments("terraform state rm x", "TERRAFORM STATE_RM"),
        arguments("aws s3 cp x s3://y; terraform apply", "TERRAFORM APPLY ?"),
        // programs plangate does not know, handed an infrastructure command
        arguments("flock /tmp/l terraform destroy", "TERRAFORM DESTROY ?"),
        arguments("strace -f -o log tofu destroy", "TOFU DESTROY ?"),
        arguments("tmux new -d 'terraform destroy'", "TERRAFORM DESTROY ?"),
        arguments("runner --cmd='terraform destroy -auto-approve'", "TERRAFORM DESTROY ?"),
        arguments("runner --cmd='!terraform destroy -auto-approve'", "TERRAFORM DESTROY ?"),
        arguments("runner <<< 'terraform destroy'", "TERRAFORM DESTROY ?"),
        arguments("runner terraform/main.tf", ""),
        arguments("git -c alias.x='!terraform destroy' x", "TERRAFORM DESTROY ?"),
        arguments("git rebase --exec 'terraform destroy' HEAD~1", "TERRAFORM DESTROY ?"),
        arguments("git commit -m 'terraform destroy'", ""),
        // interpreters
        arguments("python3 -c 'import os; os.system(\"terraform destroy\")'",
            "TERRAFORM UNPARSEABLE ?"),
        arguments("python3.12 -c 'import os; os.system(\"terraform destroy\")'",
            "TERRAFORM UNPARSEABLE ?"),
        arguments("python3 deploy.py <<< 'terraform destroy'", "TERRAFORM UNPARSEABLE ?"),
        arguments("python3 deploy.py", ""),
        arguments("node -e 'require(\"child_process\").execSync(\"cdk destroy --force\")'",
            "CDK UNPARSEABLE ?"),
        arguments("vim -c '!terraform destroy' x", "TERRAFORM UNPARSEABLE ?"),
        arguments("vim terraform/main.tf", ""),
        arguments("perl -e 'system(\"tofu destroy\")'", "TOFU UNPARSEABLE ?"));
  }

  @Test
  void anotherCommandThatChangesInputsIsNamedInTheReason() {
    assertThat(CommandRecognizer.recognize(
        "sed -i 's/3/0/' main.tf && terraform apply -auto-approve"))
        .singleElement().extracting(InfraCommand::reason).isEqualTo(
            "the line also runs `sed -i 's/3/0/' main.tf`, which edits files: that can change"
                + " what it applies, and plangate cannot plan what will actually run");
  }

  @Test
  void severalInfrastructureCommandsEachCarryTheReason() {
    assertThat(CommandRecognizer.recognize("terraform apply -auto-approve; pulumi up --yes"))
        .hasSize(2).allSatisfy(c -> assertThat(c.reason()).isEqualTo(
            "the line runs several infrastructure commands, and each changes what the next one"
                + " applies; plangate cannot plan what will actually run"));
  }

  /**
   * An unknown runner handed a program named when the line runs, with an action word after it:
   * {@code flock /tmp/l terraform destroy} asked, {@code flock /tmp/l $TF destroy} was allowed.
   */
  @ParameterizedTest
  @ValueSource(strings = {"flock /tmp/l $TF destroy", "strace -f $TF destroy -auto-approve",
      "taskset -c 0 \"$TF\" apply", "chrt -r 1 $(which terraform) destroy",
      "TF=terraform; firejail $TF destroy", "unshare -r ${TOOL} state rm x"})
  void anUnknownRunnerOfAVariableProgramAsks(String line) {
    assertThat(verdict(line)).as(line).endsWith("?");
    assertThat(CommandRecognizer.recognize(line)).allSatisfy(c -> assertThat(c.reason())
        .contains("it runs under `", "which plangate does not know"));
  }

  /**
   * A program named when the line runs, given its arguments from input by xargs or parallel: the
   * words that reach it are elsewhere on the line. {@code echo destroy | xargs $TF} and
   * {@code parallel $TF ::: destroy} were allowed.
   */
  @ParameterizedTest
  @ValueSource(strings = {"echo destroy | xargs $TF", "printf 'destroy\\n' | xargs -I{} $TF {}",
      "echo apply -auto-approve | xargs -r \"$TF\"", "cat words | xargs $TF destroy",
      "parallel $TF ::: destroy", "parallel \"$TF {}\" ::: destroy", "echo destroy | parallel $TF"})
  void aVariableProgramGivenItsArgumentsByXargsOrParallelAsks(String line) {
    assertThat(verdict(line)).as(line).endsWith("?");
  }

  /**
   * A program named when the line runs, given arguments built when the line runs, on a line with
   * an action word: each of these was allowed.
   */
  @ParameterizedTest
  @ValueSource(strings = {"set -- destroy; $TF \"$@\"",
      "ARGS=(destroy -auto-approve); $TF \"${ARGS[@]}\"", "f() { $TF \"$@\"; }; f destroy",
      "$TF ${ACTION:-x} destroy", "for a in destroy; do $TF $a; done",
      "while read a; do $TF $a; done <<< destroy", "bash -c '$0 $1' terraform destroy",
      "sh -c '$0 \"$@\"' terraform destroy", "x=(terraform destroy); \"${x[@]}\"",
      "declare -n r=TF; $r destroy", "local -n r=TF; $r destroy", "typeset -gn r=TF; $r apply"})
  void aVariableProgramWithArgumentsBuiltWhenTheLineRunsAsks(String line) {
    assertThat(verdict(line)).as(line).endsWith("?");
  }

  /**
   * An action word as the default of a parameter expansion: {@code ${ACTION:-destroy}} is
   * {@code destroy} unless ACTION is set. Those with {@code -} before the word were allowed (the
   * word scan read {@code -destroy} as one word, like {@code pre-destroy}), and so were the
   * unknown runner's with a command substitution that writes one.
   */
  @ParameterizedTest
  @ValueSource(strings = {"$TF ${ACTION:-destroy}", "$TF \"${ACTION:-destroy}\" -auto-approve",
      "$TF ${ACTION-apply}", "$TF ${1:-destroy}", "\"$TF\" ${A:+destroy}",
      "flock /tmp/l $TF ${A:-destroy}", "flock /tmp/l \"$TF\" \"${A-apply}\"",
      "flock /tmp/l $TF $(echo destroy)", "flock /tmp/l $TF \"`echo apply`\" -auto-approve"})
  void anActionWordAnExpansionMayBecomeCounts(String line) {
    assertThat(verdict(line)).as(line).endsWith("?");
  }

  /**
   * An action word spliced from quoted parts is the same word to the shell, as a tool word is
   * ({@code terra"form"}): each of these lines was allowed, while the same line with the word
   * written plainly asked.
   */
  @ParameterizedTest
  @ValueSource(strings = {"$TF de\"stroy\"", "$TF de'str'oy", "$TF d\\estroy",
      "$TF \"de\"\"stroy\"", "flock /tmp/l $TF de\"stroy\"", "$P \"de\"stroy --yes",
      "$TF -auto-approve ap'ply'", "\"$TF\" ta\"int\" aws_db.x", "$TF des\\\ntroy"})
  void anActionWordSplicedFromQuotedPartsCounts(String line) {
    assertThat(verdict(line)).as(line).endsWith("?");
  }

  /** Looking through quotes still needs the whole word: a part of one, or another case, is not. */
  @ParameterizedTest
  @ValueSource(strings = {"$EDITOR \"de\"\"stroyer.md\"", "$EDITOR 'pre'-destroy.md",
      "$PAGER \"ap\"p.log", "$EDITOR DE'STROY'.txt", "echo \"de\"stroy"})
  void aQuotedPartOfAnActionWordDoesNotCount(String line) {
    assertThat(verdict(line)).as(line).isEmpty();
  }

  /**
   * The action-word scan is one pass: its first version looked back for a {@code ${} at every
   * {@code -}, and a line of dashes took time in the square of its length (60 KB: 1.4 s).
   */
  @Test
  void theActionWordScanOfALongLineIsLinear() {
    String dashes = "$TF " + "-".repeat(600_000) + "destroy";
    String quoted = "$TF \"$X " + "apply ".repeat(10_000) + "\"";
    org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(java.time.Duration.ofSeconds(10),
        () -> {
          assertThat(verdict(dashes)).isEmpty();
          assertThat(verdict(quoted)).endsWith("?");
        });
  }

  /** A line too long to walk that runs a variable program with an action word: not allowed. */
  @Test
  void aVariableProgramPaddedPastTheLengthLimitIsNotAllowed() {
    String padded = "$TF destroy " + "x ".repeat(CommandRecognizer.MAX_LENGTH / 2);
    assertThat(verdict(padded)).isEqualTo("UNKNOWN UNPARSEABLE");
    assertThat(verdict("ls " + "x ".repeat(CommandRecognizer.MAX_LENGTH / 2))).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"$EDITOR ${FILE:-pre-destroy.md}", "$EDITOR notes-destroy.md",
      "$PAGER ${A:-x}-destroy", "echo ${A:-destroy}", "flock /tmp/l $EDITOR \"$HOME/apply\"",
      "flock /tmp/l $EDITOR \"${HOME}/apply\"", "flock /tmp/l $EDITOR $(ls notes-apply.md)"})
  void aWordThatOnlyEndsInAnActionWordDoesNotCount(String line) {
    assertThat(verdict(line)).as(line).isEmpty();
  }

  /**
   * A tool under another name, or a command string run later: each of these was allowed.
   */
  @ParameterizedTest
  @ValueSource(strings = {"cp /usr/bin/terraform ./t && ./t destroy",
      "ln -s $(which terraform) t; ./t destroy", "install -m755 /usr/bin/terraform t; ./t destroy",
      "mv terraform tf; ./tf destroy", "cat /usr/bin/terraform > t; chmod +x t; ./t destroy",
      "hash -p /usr/bin/terraform t; t destroy", "trap 'terraform destroy' EXIT",
      "trap -- \"terraform destroy\" EXIT INT",
      "echo 'terraform destroy' > x.sh; bash x.sh", "echo 'terraform destroy' > x.sh; sh x.sh",
      "printf 'tofu destroy\\n' >> run.sh && bash -x run.sh"})
  void aToolUnderAnotherNameOrATrapAsks(String line) {
    assertThat(verdict(line)).as(line).endsWith("?");
  }

  @ParameterizedTest
  @ValueSource(strings = {"trap - EXIT", "trap 'rm -f /tmp/x' EXIT", "trap -p",
      "make build && ./run.sh apply-migrations", "hash -r", "hash terraform", "./deploy.sh --help",
      "bash x.sh",
      "terraform fmt > fmt.log; bash fmt.sh", "echo hi > x.sh; bash x.sh"})
  void aTrapOrAnUnknownProgramWithoutAToolIsLeftAlone(String line) {
    assertThat(verdict(line)).as(line).isEmpty();
  }

  /** An alias for a tool: later commands under that name would not be recognised. */
  @ParameterizedTest
  @ValueSource(strings = {"alias t=terraform", "alias t='terraform destroy'",
      "alias ll='ls -l' t=tofu", "alias p=pulumi", "alias t=\"$TF\"; t destroy"})
  void anAliasForAToolAsks(String line) {
    assertThat(verdict(line)).as(line).endsWith("?");
  }

  @ParameterizedTest
  @ValueSource(strings = {"alias ll='ls -l'", "alias", "alias gs='git status'",
      "$EDITOR \"$FILE\"", "for f in *.md; do $PAGER $f; done", "terraform fmt && $EDITOR main.tf",
      "bash -c '$0 $1' ls -la"})
  void anAliasOrAVariableProgramWithoutAToolIsLeftAlone(String line) {
    assertThat(verdict(line)).as(line).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"find . -name '*.log' | xargs $EDITOR", "ls | xargs -n1 $CMD",
      "echo destroy | xargs echo", "parallel gzip ::: $FILES", "ls | parallel $CMD"})
  void aVariableProgramGivenHarmlessArgumentsIsLeftAlone(String line) {
    assertThat(verdict(line)).as(line).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"flock /tmp/l $CMD", "strace -f $PROG --version",
      "taskset -c 0 ./build.sh $TARGET"})
  void anUnknownRunnerOfAVariableProgramWithoutAnActionWordIsLeftAlone(String line) {
    assertThat(verdict(line)).as(line).isEmpty();
  }

  @Test
  void anUnknownRunnerIsNamedInTheReason() {
    assertThat(CommandRecognizer.recognize("flock /tmp/l terraform destroy -auto-approve"))
        .singleElement().satisfies(c -> {
          assertThat(c.action()).isEqualTo(Action.DESTROY);
          assertThat(c.reason()).isEqualTo("it runs under `flock`, which plangate does not know:"
              + " that program may run it, somewhere or with something plangate cannot see");
        });
  }

  @Test
  void aVariableCommandNameSaysWhyItAsks() {
    assertThat(CommandRecognizer.recognize("$TF destroy")).singleElement().satisfies(c -> {
      assertThat(c.text()).isEqualTo("$TF destroy");
      assertThat(c.reason()).isEqualTo("its command name is built when the line runs (a variable"
          + " or a command substitution), so plangate cannot tell which program runs");
    });
    assertThat(CommandRecognizer.recognize("terr*m destroy")).singleElement()
        .extracting(InfraCommand::reason).isEqualTo("its command name `terr*m` is a glob"
            + " pattern, so plangate cannot tell which program runs");
  }

  @Test
  void anEntrysTextIsItsOwnCommandCappedAtMaxText() {
    String targets = " -target=a".repeat(CommandRecognizer.MAX_TEXT / 10 + 5);
    InfraCommand c = CommandRecognizer.recognize("ls; terraform destroy" + targets + " | tee log")
        .get(0);
    assertThat(c.text()).hasSize(CommandRecognizer.MAX_TEXT + 1).startsWith("terraform destroy")
        .endsWith("…");
    assertThat(CommandRecognizer.recognize("ls; terraform destroy -target=a | tee log").get(0)
        .text()).isEqualTo("terraform destroy -target=a");
  }

  @Test
  void aCommandStringThatCannotBeReadKeepsItsDirectory() {
    assertThat(verdict("cd infra && bash -c \"terraform destroy 'x\""))
        .isEqualTo("TERRAFORM UNPARSEABLE dir=infra");
    assertThat(verdict("cd infra && bash -c \"cat notes/terraform.md 'x\"")).isEmpty();
  }
}
