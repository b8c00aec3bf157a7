package dev.plangate.core.agent;

import static org.assertj.core.api.Assertions.assertThat;

import dev.plangate.core.agent.ShellLexer.Budget;
import dev.plangate.core.agent.ShellLexer.SyntaxError;
import dev.plangate.core.agent.ShellTokens.Word;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Words once lexed ({@link ShellWords}): which are assignments, where a command's options end and
 * what value each took, directories joined as written. A wrong answer here moves where a
 * wrapper's command starts ({@code sudo -u deploy terraform destroy}) or which directory the hook
 * plans in.
 */
class ShellWordsTest {

  static List<Word> words(String line) {
    try {
      return ShellLexerTest.words(ShellLexer.lex(line, new Budget()));
    } catch (SyntaxError e) {
      throw new AssertionError(e);
    }
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', quoteCharacter = '~', value = {
      "A=1|1", "_a=1|2", "a_B9=x|4", "A+=1|2", "A=|1", "TF_LOG=debug|6", "a=b=c|1",
      "=1|-1", "1A=1|-1", "A|-1", "A+1|-1", "A-B=1|-1", "é=1|-1", "-A=1|-1", "A+|-1", "A++=1|-1",
      "~'A'=1~|-1", "~\"A\"=1~|-1", "~A='x y'~|1", "~\\A=1~|-1", "~A\\=1~|-1", "~$A=1~|-1"})
  void assignmentsAreUnquotedNamesBeforeAnEqualsSign(String word, int eq) {
    Word w = words("x " + word).get(1);
    assertThat(ShellWords.assignmentEnd("x " + word, w)).as(word).isEqualTo(eq);
  }

  /** A name is letters, digits and underscores: each range's ends in, their neighbours out. */
  @ParameterizedTest
  @CsvSource(delimiter = '|', quoteCharacter = '~', value = {
      "Xa=1|2", "Xz=1|2", "XA=1|2", "XZ=1|2", "X0=1|2", "X9=1|2", "X_=1|2", "a=1|1", "z=1|1",
      "Z=1|1", "_=1|1", "X`=1|-1", "X{=1|-1", "X@=1|-1", "X[=1|-1", "X/=1|-1", "X:=1|-1",
      "X.=1|-1", "ª=1|-1", "Xé=1|-1"})
  void assignmentNamesAreAsciiLettersDigitsAndUnderscores(String word, int eq) {
    assertThat(ShellWords.assignmentEnd(null, Word.literal(word))).as(word).isEqualTo(eq);
  }

  @Test
  void aWordWithoutItsSourceIsJudgedByItsValue() {
    // Words made by expanding a variable have no source span: their value is what counts.
    assertThat(ShellWords.assignmentEnd(null, Word.literal("A=1"))).isEqualTo(1);
    assertThat(ShellWords.assignmentEnd("x", Word.literal("A=1"))).isEqualTo(1);
  }

  /** Where the operands start, and what each option took (a value, or null for a flag). */
  @ParameterizedTest
  @CsvSource(delimiter = '|', quoteCharacter = '~', value = {
      "sudo -u deploy terraform|3|{-u=deploy}",
      "sudo -udeploy terraform|2|{-u=deploy}",
      "sudo -Eu deploy terraform|3|{-E=null, -u=deploy}",
      "sudo -uE terraform|2|{-u=E}",
      "sudo --user deploy terraform|3|{--user=deploy}",
      "sudo --user=deploy terraform|2|{--user=deploy}",
      "sudo --login terraform|2|{--login=null}",
      "sudo -- -u terraform|2|{}",
      "sudo - terraform|1|{}",
      "sudo -|1|{}",
      "sudo -u|3|{-u=null}",
      "sudo --user|3|{--user=null}",
      "sudo -E|2|{-E=null}",
      "sudo -x|2|{-x=null}",
      "sudo -u deploy|3|{-u=deploy}",
      "sudo terraform -u x|1|{}",
      "sudo $OPTS terraform|1|{}",
      "sudo --|2|{}"})
  void skipsOptionsAndRemembersTheirValues(String line, int operand, String seen) {
    Map<String, String> o = new HashMap<>();
    int j = ShellWords.skipOptions(words(line), 1, "u", Set.of("--user"), o);
    assertThat(j).as(line).isEqualTo(operand);
    assertThat(new java.util.TreeMap<>(o).toString()).as(line).isEqualTo(seen);
  }

  @Test
  void aLongOptionNamedAmongTheShortOnesTakesAValue() {
    // "find -name x", "kubectl -n ns": single-dash long options listed with the long ones.
    List<Word> w = words("x -name main.tf -print");
    Map<String, String> o = new HashMap<>();
    assertThat(ShellWords.skipOptions(w, 1, "", Set.of("-name"), o)).isEqualTo(4);
    assertThat(o).containsEntry("-name", "main.tf").containsEntry("-p", null);
    assertThat(ShellWords.skipOptions(words("x -name"), 1, "", Set.of("-name"), o)).isEqualTo(3);
    assertThat(o).containsEntry("-name", null);
    assertThat(ShellWords.skipOptions(w, 1, "", Set.of("-name"), null)).isEqualTo(4);
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', quoteCharacter = '~', value = {
      "su -c 'terraform destroy' deploy|terraform destroy",
      "su --command 'terraform destroy'|terraform destroy",
      "su --command='terraform destroy'|terraform destroy",
      "su deploy -c x|x", "su -c|", "su --commandx=y|", "su --command|", "su deploy|",
      "su -cx y|", "su -- -c y|y"})
  void optionValuesAreTheWordAfterOrAfterTheEqualsSign(String line, String value) {
    assertThat(ShellWords.optionValue(words(line), 1, "-c", "--command")).as(line)
        .isEqualTo(value);
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', quoteCharacter = '~', value = {
      "x -h|true", "x -help|true", "x --help|true", "x a --help|true", "x help|false",
      "x -hx|false", "x|false"})
  void helpFlags(String line, boolean help) {
    assertThat(ShellWords.hasHelp(words(line), 1)).as(line).isEqualTo(help);
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', quoteCharacter = '~', value = {
      "x -destroy|true", "x --destroy|true", "x -destroy=true|true", "x --destroy=false|true",
      "x destroy|false", "x -destroyx|false", "x -destroy-all|false", "x -d|false",
      "x a -destroy|true", "x|false"})
  void optionsByNameWithOneOrTwoDashesAndAValue(String line, boolean has) {
    assertThat(ShellWords.hasOption(words(line), 1, "destroy")).as(line).isEqualTo(has);
  }

  @Test
  void optionsBeforeTheStartAreNotSeen() {
    List<Word> w = words("-destroy -h x");
    assertThat(ShellWords.hasOption(w, 1, "destroy")).isFalse();
    assertThat(ShellWords.hasOption(w, 0, "destroy")).isTrue();
    assertThat(ShellWords.hasHelp(w, 2)).isFalse();
    assertThat(ShellWords.hasFlag(w, 1, "-h")).isTrue();
    assertThat(ShellWords.hasFlag(w, 2, "-h")).isFalse();
    assertThat(ShellWords.hasFlag(w, 0, "-d")).isFalse();
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', quoteCharacter = '~', value = {
      "-n|ne|true", "-ne|ne|true", "-nE|neE|true", "-x|ne|false", "-|ne|false", "n|ne|false",
      "-10|0123456789|true", "~~|ne|false", "--|ne|false"})
  void flagClusters(String word, String letters, boolean flags) {
    assertThat(ShellWords.isFlagOf(word, letters)).as(word).isEqualTo(flags);
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', quoteCharacter = '~', value = {
      "~a b~|[a, b]", "~  a \\t b  ~|[a, b]", "~~|[]", "~   ~|[]", "a|[a]", "~a\\nb~|[a, b]"})
  void anUnquotedValueSplitsIntoFieldsAtBlanks(String value, String fields) {
    assertThat(ShellWords.fields(value.replace("\\t", "\t").replace("\\n", "\n")).toString())
        .isEqualTo(fields);
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', quoteCharacter = '~', value = {
      "-x|x", "--x|x", "x|x", "-|~~", "--|~~", "---x|-x"})
  void dashesStripped(String v, String stripped) {
    assertThat(ShellWords.stripDashes(v)).isEqualTo(stripped);
  }

  @Test
  void joinGivesANestedShellWhatItWouldReceive() {
    List<Word> w = words("bash -c 'terraform destroy' \"$(a)\" x");
    assertThat(ShellWords.join(w, 2))
        .isEqualTo("terraform destroy " + ShellLexer.PLACEHOLDER + " x");
    assertThat(ShellWords.join(w, 4)).isEqualTo("x");
    assertThat(ShellWords.join(w, 5)).isEmpty();
  }

  @Test
  void firstNonNullPicksTheFirstGiven() {
    assertThat(ShellWords.firstNonNull(null, "a", "b")).isEqualTo("a");
    assertThat(ShellWords.<String>firstNonNull(null, null)).isNull();
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
      "|infra|infra", "|./infra|infra", "|././infra/|infra", "|infra//|infra", "|.|",
      "|./|", "|\"\"|", "|/|/", "|/srv/|/srv", "a||a", "a|\"\"|a", "a|.|a", "a|./|a", "a|./.|a",
      "a|b|a/b", "a/|b|a/b", "a|/abs|/abs", "a|~/x|~/x", "a|~|~", "a|../b|a/../b",
      "a|./b/|a/b", "a|.hidden|a/.hidden"})
  void directoriesJoinAsWritten(String base, String dir, String joined) {
    assertThat(ShellWords.joinDir(base, dir)).as(base + " + " + dir).isEqualTo(joined);
  }

  @Test
  void guessNamesTheToolOnTheLineOrUnknown() {
    assertThat(ShellWords.guess("x | tofu apply")).isEqualTo(Tool.TOFU);
    assertThat(ShellWords.guess("$X apply")).isEqualTo(Tool.UNKNOWN);
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', quoteCharacter = '~', value = {
      "$X apply|1|true", "$X plan|1|false", "$X 'apply'|1|true", "$X $apply|1|false",
      "$X apply|2|false", "$X x y destroy|1|true", "$X force-unlock|1|true", "$X Apply|1|false"})
  void actionWordsAmongACommandsArguments(String line, int from, boolean has) {
    assertThat(ShellWords.hasActionWord(words(line), from)).as(line).isEqualTo(has);
  }
}
