package dev.plangate.core.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import dev.plangate.core.agent.ShellLexer.Budget;
import dev.plangate.core.agent.ShellTokens.Heredoc;
import dev.plangate.core.agent.ShellTokens.Op;
import dev.plangate.core.agent.ShellTokens.OpKind;
import dev.plangate.core.agent.ShellTokens.Program;
import dev.plangate.core.agent.ShellLexer.SyntaxError;
import dev.plangate.core.agent.ShellTokens.Token;
import dev.plangate.core.agent.ShellTokens.Word;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The lexer on its own: where words and commands begin and end, what quoting leaves of a word,
 * which substitutions it runs, here-documents, and the bounds on its work and nesting. (The
 * recogniser's tests exercise it only through what it finds.)
 *
 * <p>Notation of {@link #render}: a word is {@code [value]}, followed by {@code $} when it is
 * dynamic, {@code q} when quoted, and {@code {...}} holding each substitution's program; an
 * operator is its kind; a here-document is {@code HEREDOC(delimiter)}.
 */
class ShellLexerTest {

  static String render(Program p) {
    List<String> out = new ArrayList<>();
    for (Token t : p.tokens()) {
      if (t instanceof Word w) {
        StringBuilder sb = new StringBuilder("[").append(w.value()).append(']');
        sb.append(w.dynamic() ? "$" : "").append(w.quoted() ? "q" : "");
        for (Program sub : w.substitutions()) {
          sb.append('{').append(render(sub)).append('}');
        }
        out.add(sb.toString());
      } else {
        Op o = (Op) t;
        out.add(o.kind() == OpKind.HEREDOC ? "HEREDOC(" + o.heredoc().delimiter + ")"
            : o.kind().name());
      }
    }
    return String.join(" ", out);
  }

  static Program lex(String s) throws SyntaxError {
    return ShellLexer.lex(s, new Budget());
  }

  static List<Word> words(Program p) {
    List<Word> out = new ArrayList<>();
    for (Token t : p.tokens()) {
      if (t instanceof Word w) {
        out.add(w);
      }
    }
    return out;
  }

  static Stream<Arguments> lexed() {
    return Stream.of(
        // words and blanks
        arguments("terraform apply", "[terraform] [apply]"),
        arguments("  terraform\tapply  ", "[terraform] [apply]"),
        arguments("", ""),
        // quoting: one word, quotes removed, expansions kept as written
        arguments("echo \"terraform apply\"", "[echo] [terraform apply]q"),
        arguments("echo 'terraform apply'", "[echo] [terraform apply]q"),
        arguments("echo 'a'\"b\"c", "[echo] [abc]q"),
        arguments("echo '$X' \"$X\" $X", "[echo] [$X]q [$X]$q [$X]$"),
        arguments("echo \"a\\\"b\\$c\\x\"", "[echo] [a\"b$c\\x]q"),
        arguments("echo a\\ b", "[echo] [a b]q"),
        arguments("echo $'a\\tb'", "[echo] [a\tb]q"),
        arguments("echo $\"x\"", "[echo] [x]q"),
        arguments("echo ${X:-default}", "[echo] [${X:-default}]$"),
        arguments("echo $1 $@ $? $$", "[echo] [$1]$ [$@]$ [$?]$ [$$]$"),
        arguments("echo $ a$", "[echo] [$] [a$]"),
        arguments("echo a=b", "[echo] [a=b]"),
        // operators
        arguments("a && b || c; d", "[a] AND [b] OR [c] SEMI [d]"),
        arguments("a | b |& c & d", "[a] PIPE [b] PIPE_AMP [c] AMP [d]"),
        arguments("a\nb", "[a] NEWLINE [b]"),
        arguments("(a) { b; }", "LPAREN [a] RPAREN [{] [b] SEMI [}]"),
        arguments("case $x in a) b;; c) d;& e) f;;& esac",
            "[case] [$x]$ [in] [a] RPAREN [b] CASE_END [c] RPAREN [d] CASE_END [e] RPAREN [f]"
                + " CASE_END [esac]"),
        // redirections: the target is the next word; a file descriptor number is no word
        arguments("cmd > out 2>&1 < in", "[cmd] REDIRECT [out] REDIRECT [1] REDIRECT [in]"),
        arguments("cmd >> log &> all &>> more >| force <> rw",
            "[cmd] REDIRECT [log] REDIRECT [all] REDIRECT [more] REDIRECT [force] REDIRECT [rw]"),
        arguments("cmd 2>err", "[cmd] REDIRECT [err]"),
        arguments("cmd a2>err", "[cmd] [a2] REDIRECT [err]"),
        arguments("cmd '2'>err", "[cmd] [2]q REDIRECT [err]"),
        arguments("cat <<< 'terraform apply'", "[cat] HERESTRING [terraform apply]q"),
        // substitutions: lexed in place, nested
        arguments("echo $(terraform apply)", "[echo] [$(terraform apply)]${[terraform] [apply]}"),
        arguments("echo \"x $(a) y\"", "[echo] [x $(a) y]$q{[a]}"),
        arguments("echo $(a $(b c))", "[echo] [$(a $(b c))]${[a] [$(b c)]${[b] [c]}}"),
        arguments("echo $( (a) )", "[echo] [$( (a) )]${LPAREN [a] RPAREN}"),
        arguments("echo $((1 + (2 * 3)))", "[echo] [$((1 + (2 * 3)))]$"),
        arguments("echo ${X:-$(a)}", "[echo] [${X:-$(a)}]${[a]}"),
        arguments("diff <(a) >(b)", "[diff] [<(a)]${[a]} [>(b)]${[b]}"),
        arguments("A=(x 'z)' \"(\") b", "[A=(x 'z)' \"(\")]$ [b]"),
        // an array's elements run their substitutions, quoted ones too; the value is as written
        arguments("A=(\"$(a)\" $(b) `c` \"${X:-`d`}\")",
            "[A=(\"$(a)\" $(b) `c` \"${X:-`d`}\")]${[a]}{[b]}{[c]}{[d]}"),
        // backticks: escapes undone, then the body is a program of its own
        arguments("echo `terraform apply`", "[echo] [`terraform apply`]${[terraform] [apply]}"),
        arguments("echo `a \\`b\\``", "[echo] [`a \\`b\\``]${[a] [`b`]${[b]}}"),
        arguments("echo \"`a \\\"b\\\"`\"", "[echo] [`a \\\"b\\\"`]$q{[a] [b]q}"),
        // comments: only at the start of a word, to the end of the line
        arguments("echo hi # terraform apply", "[echo] [hi]"),
        arguments("echo a#b", "[echo] [a#b]"),
        arguments("# terraform apply\nls", "NEWLINE [ls]"),
        arguments("echo \"# not a comment\"", "[echo] [# not a comment]q"),
        // line continuations
        arguments("terraform \\\napply", "[terraform] [apply]"),
        arguments("terra\\\nform apply", "[terraform]q [apply]"),
        arguments("echo \"a\\\nb\"", "[echo] [ab]q"));
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @MethodSource("lexed")
  void lexes(String line, String expected) throws SyntaxError {
    assertThat(render(lex(line))).isEqualTo(expected);
  }

  static Stream<Arguments> unbalanced() {
    return Stream.of(arguments("echo 'a"), arguments("echo \"a"), arguments("echo `a"),
        arguments("echo $(a"), arguments("echo ${a"), arguments("echo $'a"),
        arguments("A=(a b"), arguments("echo \"$(a\""), arguments("cat <<"),
        arguments("cat << ;"), arguments("echo $(cat <<EOF\nx\n"),
        arguments("echo ${X:-'a}"));
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @MethodSource("unbalanced")
  void unbalancedInputIsASyntaxError(String line) {
    assertThatThrownBy(() -> lex(line)).isInstanceOf(SyntaxError.class);
  }

  @Test
  void wordsKnowTheirSpanAndWhatANestedShellReceives() throws SyntaxError {
    String line = "bash -c \"$(a) terraform apply\" x";
    List<Word> w = words(lex(line));
    assertThat(w).hasSize(4);
    Word arg = w.get(2);
    assertThat(line.substring(arg.start(), arg.end())).isEqualTo("\"$(a) terraform apply\"");
    assertThat(arg.value()).isEqualTo("$(a) terraform apply");
    // The outer shell runs $(a): the nested one must not see the command a second time.
    assertThat(arg.shellText()).isEqualTo(ShellLexer.PLACEHOLDER + " terraform apply");
    assertThat(w.get(3).start()).isEqualTo(line.length() - 1);
    assertThat(lex("echo ${X}").tokens()).hasSize(2);
    assertThat(words(lex("echo ${X:-$(a)} `b` <(c)"))).extracting(Word::shellText)
        .containsExactly("echo", ShellLexer.PLACEHOLDER, ShellLexer.PLACEHOLDER,
            ShellLexer.PLACEHOLDER);
    // A parameter expansion without a substitution is handed on as written.
    assertThat(words(lex("echo ${X:-a}")).get(1).shellText()).isEqualTo("${X:-a}");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("casePatternsInsideSubstitutions")
  void aCasePatternsParenthesisDoesNotEndTheSubstitution(String line, String expected)
      throws SyntaxError {
    assertThat(render(lex(line))).isEqualTo(expected);
  }

  static Stream<Arguments> casePatternsInsideSubstitutions() {
    return Stream.of(
        arguments("echo $(case x in x) rm f;; esac) y",
            "[echo] [$(case x in x) rm f;; esac)]${[case] [x] [in] [x] RPAREN [rm] [f] CASE_END"
                + " [esac]} [y]"),
        arguments("echo $(case x in (a|b) rm f;; c) ls;;& esac)",
            "[echo] [$(case x in (a|b) rm f;; c) ls;;& esac)]${[case] [x] [in] LPAREN [a] PIPE"
                + " [b] RPAREN [rm]"
                + " [f] CASE_END [c] RPAREN [ls] CASE_END [esac]}"),
        arguments("echo $(case x in a) case y in b) ls;; esac;; esac) z",
            "[echo] [$(case x in a) case y in b) ls;; esac;; esac)]${[case] [x] [in] [a]"
                + " RPAREN [case] [y] [in] [b]"
                + " RPAREN [ls] CASE_END [esac] CASE_END [esac]} [z]"),
        arguments("echo $( (case x in a) ls;; esac) ) z",
            "[echo] [$( (case x in a) ls;; esac) )]${LPAREN [case] [x] [in] [a] RPAREN [ls]"
                + " CASE_END"
                + " [esac] RPAREN} [z]"),
        arguments("echo $(case x in esac) z",
            "[echo] [$(case x in esac)]${[case] [x] [in] [esac]} [z]"),
        // "case" as an argument or quoted is no keyword: the first ')' closes.
        arguments("echo $(echo case x in y) z",
            "[echo] [$(echo case x in y)]${[echo] [case] [x] [in] [y]} [z]"),
        arguments("echo $('case' x in y) z",
            "[echo] [$('case' x in y)]${[case]q [x] [in] [y]} [z]"));
  }

  @Test
  void aCaseLeftOpenInsideASubstitutionIsASyntaxError() {
    assertThatThrownBy(() -> lex("echo $(case x in y) terraform destroy"))
        .isInstanceOf(SyntaxError.class);
  }

  @Test
  void aSubstitutionInAQuotedArrayElementIsACommand() {
    // It runs when the line runs, as in an unquoted element or a plain assignment.
    assertThat(CommandRecognizerTest.describe(
        CommandRecognizer.recognize("A=(\"$(terraform destroy -auto-approve)\")")))
        .isEqualTo("TERRAFORM DESTROY");
  }

  @Test
  void soleVariableWordsNameTheirVariable() throws SyntaxError {
    assertThat(words(lex("$TF \"$TF\" ${TF} \"${TF_2}\" $TF-x ${TF:-y} $(a) $1 x$TF")))
        .extracting(Word::soleVar)
        .containsExactly("TF", "TF", "TF", "TF_2", null, null, null, null, null);
  }

  @Test
  void unquotedHereDocumentsRunTheirSubstitutions() throws SyntaxError {
    Program p = lex("cat <<EOF\nterraform apply $(a)\n`b`\nEOF\necho done");
    assertThat(render(p)).isEqualTo("[cat] HEREDOC(EOF) NEWLINE [echo] [done]");
    Heredoc h = ((Op) p.tokens().get(1)).heredoc();
    assertThat(h.quoted).isFalse();
    assertThat(h.body).isEqualTo("terraform apply $(a)\n`b`\n");
    assertThat(h.shellBody).isEqualTo("terraform apply " + ShellLexer.PLACEHOLDER + "\n"
        + ShellLexer.PLACEHOLDER + "\n");
    assertThat(h.substitutions).extracting(ShellLexerTest::render)
        .containsExactly("[a]", "[b]");
  }

  @Test
  void quotedHereDocumentsAreData() throws SyntaxError {
    for (String delimiter : List.of("'EOF'", "\"EOF\"", "\\EOF", "E'O'F")) {
      Program p = lex("cat <<" + delimiter + "\n$(a) \\$x\nEOF\n");
      Heredoc h = ((Op) p.tokens().get(1)).heredoc();
      assertThat(h.delimiter).as(delimiter).isEqualTo("EOF");
      assertThat(h.quoted).as(delimiter).isTrue();
      assertThat(h.body).as(delimiter).isEqualTo("$(a) \\$x\n");
      assertThat(h.shellBody).as(delimiter).isEqualTo(h.body);
      assertThat(h.substitutions).as(delimiter).isEmpty();
    }
  }

  @Test
  void hereDocumentBodiesFollowTheirLineInOrder() throws SyntaxError {
    Program p = lex("a <<A && b <<-B; c\none\nA\n\t\ttwo\n\tB\nd");
    assertThat(render(p))
        .isEqualTo("[a] HEREDOC(A) AND [b] HEREDOC(B) SEMI [c] NEWLINE [d]");
    assertThat(((Op) p.tokens().get(1)).heredoc().body).isEqualTo("one\n");
    Heredoc stripped = ((Op) p.tokens().get(4)).heredoc();
    assertThat(stripped.stripTabs).isTrue();
    assertThat(stripped.body).isEqualTo("\t\ttwo\n");
    // An escaped $ and a backslash-newline in an unquoted body are undone for the reader.
    Heredoc h = ((Op) lex("cat <<E\n\\$x a\\\nb\nE").tokens().get(1)).heredoc();
    assertThat(h.shellBody).isEqualTo("$x ab\n");
  }

  @Test
  void hereDocumentsEndAtTheirDelimiterOnly() throws SyntaxError {
    // Not the delimiter: a longer line, an indented one without <<-; a missing one runs to the end.
    Heredoc h = ((Op) lex("cat <<EOF\nEOFX\n EOF\nEOF\r\nls").tokens().get(1)).heredoc();
    assertThat(h.body).isEqualTo("EOFX\n EOF\n");
    Program open = lex("cat <<EOF\nterraform apply");
    assertThat(((Op) open.tokens().get(1)).heredoc().body).isEqualTo("terraform apply");
    assertThat(render(open)).isEqualTo("[cat] HEREDOC(EOF) NEWLINE");
    // bash closes "$(cat <<EOF ... EOF)" on the delimiter's line.
    assertThat(render(lex("echo $(cat <<EOF\nx\nEOF)")))
        .isEqualTo("[echo] [$(cat <<EOF\nx\nEOF)]${[cat] HEREDOC(EOF) NEWLINE}");
  }

  @Test
  void nestingIsBoundedAtMaxNesting() throws SyntaxError {
    int max = ShellLexer.MAX_NESTING;
    assertThat(render(lex(nested("$(", ")", max)))).contains("[x]");
    assertThatThrownBy(() -> lex(nested("$(", ")", max + 1))).isInstanceOf(SyntaxError.class);
    assertThatThrownBy(() -> lex(nested("<(", ")", max + 1))).isInstanceOf(SyntaxError.class);
    StringBuilder ticks = new StringBuilder("x");
    for (int d = 0; d < 6; d++) {
      // Each level of backticks escapes the backslashes and backticks of the level inside it.
      ticks = new StringBuilder("`").append(ticks.toString().replace("\\", "\\\\")
          .replace("`", "\\`")).append('`');
    }
    assertThat(render(lex("echo " + ticks))).contains("[x]");
  }

  private static String nested(String open, String close, int depth) {
    return "echo " + open.repeat(depth) + "x" + close.repeat(depth);
  }

  @Test
  void workIsLinearInTheInput() throws SyntaxError {
    List<String> units = List.of("terraform apply -auto-approve && ", "echo \"$(a `b` c)\"; ",
        "cat <<EOF\n$(terraform apply)\nEOF\n", "x=${A:-$(b)} # comment\n", "a \\\n b | c & ",
        "echo $((1 + (2 * 3))) 'q' $'\\n' ", "A=(a b $(c)) <(d) >(e) 2>&1 ");
    for (String unit : units) {
      long small = steps(unit.repeat(100));
      long big = steps(unit.repeat(1000));
      assertThat(small).as(unit).isLessThanOrEqualTo(4L * unit.length() * 100);
      assertThat(big).as(unit).isLessThanOrEqualTo(4L * unit.length() * 1000)
          .isLessThanOrEqualTo(11 * small);
    }
  }

  @Test
  void aBudgetIsSharedByNestedLexersAndAddsUp() throws SyntaxError {
    Budget b = new Budget();
    ShellLexer.lex("echo $(a `b`)", b);
    long once = b.steps;
    assertThat(once).isPositive();
    ShellLexer.lex("echo $(a `b`)", b);
    assertThat(b.steps).isEqualTo(2 * once);
  }

  private static long steps(String s) throws SyntaxError {
    Budget b = new Budget();
    ShellLexer.lex(s, b);
    return b.steps;
  }

  static Stream<Arguments> moreLexed() {
    return Stream.of(
        // blanks: carriage return and form feed separate words
        arguments("a\rb\fc", "[a] [b] [c]"),
        // a comment inside a substitution runs to the end of its line, ')' included
        arguments("echo $(ls # c\n) x", "[echo] [$(ls # c\n)]${[ls] NEWLINE} [x]"),
        // here-document delimiters after blanks
        arguments("cat << EOF\nx\nEOF", "[cat] HEREDOC(EOF) NEWLINE"),
        arguments("cat <<\tEOF\nx\nEOF", "[cat] HEREDOC(EOF) NEWLINE"),
        arguments("cat <<EOF\nx\nEOF\n\ny", "[cat] HEREDOC(EOF) NEWLINE NEWLINE [y]"),
        arguments("cat <<-EOF\n\tx\n\tEOF\ny", "[cat] HEREDOC(EOF) NEWLINE [y]"),
        arguments("echo $(cat <<EOF\nx\nEOF\n)",
            "[echo] [$(cat <<EOF\nx\nEOF\n)]${[cat] HEREDOC(EOF) NEWLINE}"),
        arguments("echo $(cat <<EOF\nx\nEOFX)\nEOF\n)",
            "[echo] [$(cat <<EOF\nx\nEOFX)\nEOF\n)]${[cat] HEREDOC(EOF) NEWLINE}"),
        // more redirections
        arguments("a <& 3 <> f >& g 3<&0", "[a] REDIRECT [3] REDIRECT [f] REDIRECT [g] REDIRECT [0]"),
        // "$((" that does not close with "))" is a substitution of a subshell
        arguments("echo $((terraform destroy) )",
            "[echo] [$((terraform destroy) )]${LPAREN [terraform] [destroy] RPAREN}"),
        arguments("echo $((terraform destroy))", "[echo] [$((terraform destroy))]$"),
        arguments("x=$((1)) y", "[x=$((1))]$ [y]"),
        // dollars that expand nothing, special parameters
        arguments("echo $ \"$\" \"$'x'\"", "[echo] [$] [$]q [$'x']q"),
        arguments("echo $0 $9 $- $! $# $*", "[echo] [$0]$ [$9]$ [$-]$ [$!]$ [$#]$ [$*]$"),
        // parameter expansions: the substitutions in their operands run
        arguments("echo ${X:-\"$(a)\"} ${X:-`b`} \"${X:-`c`}\"",
            "[echo] [${X:-\"$(a)\"}]${[a]} [${X:-`b`}]${[b]} [${X:-`c`}]$q{[c]}"),
        arguments("echo ${X:-'}'} \"${X:-'}\" ${X:-\\}}",
            "[echo] [${X:-'}'}]$ [${X:-'}]$q [${X:-\\}}]$"),
        arguments("echo ${X:-${Y:-$(a)}} ${X:-$Y}", "[echo] [${X:-${Y:-$(a)}}]${[a]} [${X:-$Y}]$"),
        // ANSI-C quoting
        arguments("echo $'it\\'s' $'a\\rb' $'a\\qb'", "[echo] [it's]q [a\rb]q [aqb]q"),
        // backticks: \" is unescaped only inside double quotes
        arguments("echo `a \\$b \\\\c`", "[echo] [`a \\$b \\\\c`]${[a] [$b]$ [c]q}"),
        arguments("echo `a \\\"b\\\"`", "[echo] [`a \\\"b\\\"`]${[a] [\"b\"]q}"),
        // arrays, and what only looks like one
        arguments("A+=(x $(a))", "[A+=(x $(a))]${[a]}"),
        arguments("A=(a\\)b) B=('a)b')", "[A=(a\\)b)]$ [B=('a)b')]$"),
        arguments("1A=(x)", "[1A=] LPAREN [x] RPAREN"),
        arguments("echo =(x)", "[echo] [=] LPAREN [x] RPAREN"),
        // a trailing backslash is kept; one before an ordinary character in quotes too
        arguments("echo a\\", "[echo] [a\\]q"),
        arguments("echo \"a\\b\"", "[echo] [a\\b]q"),
        arguments("f() { terraform destroy; }",
            "[f] LPAREN RPAREN [{] [terraform] [destroy] SEMI [}]"));
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @MethodSource("moreLexed")
  void lexesTheCorners(String line, String expected) throws SyntaxError {
    assertThat(render(lex(line))).isEqualTo(expected);
  }

  @Test
  void onlyAWholeVariableWordNamesItsVariable() throws SyntaxError {
    assertThat(words(lex("echo $X$Y \"$X\"y ${X}y ${X[0]} \"$\" ${X:-a} \"${X}\" \"$X\" $_x1 ${_}"
        + " \"$1\" ${}x")))
        .extracting(Word::soleVar)
        .containsExactly(null, null, null, null, null, null, null, "X", "X", "_x1", "_", null,
            null);
  }

  @Test
  void aHereDocumentWithoutADelimiterWordIsASyntaxError() {
    assertThatThrownBy(() -> lex("cat <<2>x")).isInstanceOf(SyntaxError.class);
    assertThatThrownBy(() -> lex("echo $(ls # c) x)")).isInstanceOf(SyntaxError.class);
    assertThatThrownBy(() -> lex("echo $((1 + 2)")).isInstanceOf(SyntaxError.class);
  }

  @Test
  void anUnquotedHereDocumentKeepsArithmeticAndEscapes() throws SyntaxError {
    Heredoc h = ((Op) lex("cat <<E\n$((1+2)) \\`x\\` \\\\ \\a\nE").tokens().get(1)).heredoc();
    assertThat(h.substitutions).isEmpty();
    assertThat(h.shellBody).isEqualTo("$((1+2)) `x` \\ \\a\n");
  }

  @Test
  void aSubshellInsideDollarDoubleParenthesisRuns() {
    // Not arithmetic: "$((" without a closing "))" opens a substitution holding a subshell.
    assertThat(CommandRecognizerTest.describe(
        CommandRecognizer.recognize("echo $((terraform destroy -auto-approve) )")))
        .isEqualTo("TERRAFORM DESTROY");
    assertThat(CommandRecognizer.recognize("echo $((terraform + destroy))")).isEmpty();
  }
}
