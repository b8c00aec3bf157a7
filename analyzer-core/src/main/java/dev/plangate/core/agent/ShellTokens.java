package dev.plangate.core.agent;

import java.util.ArrayList;
import java.util.List;

/** What {@link ShellLexer} produces: words, operators, here-documents and nested programs. */
final class ShellTokens {
  private ShellTokens() {}

  /** Whether an unquoted {@code c} ends a word: a blank or an operator's first character. */
  static boolean endsWord(char c) {
    return switch (c) {
      case ' ', '\t', '\r', '\f', '\n', ';', '&', '|', '(', ')', '<', '>' -> true;
      default -> false;
    };
  }

  sealed interface Token permits Word, Op {}

  /**
   * A word.
   *
   * @param value quote-removed text, expansions kept as written ({@code $X}, {@code $(cmd)})
   * @param shellText what a nested shell ({@code bash -c WORD}, {@code eval}) would receive: the
   *     value with every substitution this shell performs replaced by {@link ShellLexer#PLACEHOLDER}
   * @param dynamic whether it contains an expansion or substitution outside single quotes
   * @param soleVar when the word is exactly {@code $NAME} or {@code ${NAME}} (possibly in double
   *     quotes): NAME; else null
   * @param quoted whether any part of it was quoted or escaped
   * @param start offset of its first character in the program's source
   * @param end offset after its last character
   * @param substitutions the commands it runs when expanded, in order
   */
  record Word(String value, String shellText, boolean dynamic, String soleVar, boolean quoted,
      int start, int end, List<Program> substitutions) implements Token {
    static Word literal(String value) {
      return new Word(value, value, false, null, false, 0, 0, List.of());
    }
  }

  enum OpKind {
    SEMI, AMP, AND, OR, PIPE, PIPE_AMP, NEWLINE, CASE_END, LPAREN, RPAREN,
    /** {@code < > >> >& <& <> >| &> &>>}: the next word is the target. */
    REDIRECT,
    /** {@code <<<}: the next word is fed to standard input. */
    HERESTRING,
    /** {@code <<} or {@code <<-}: the delimiter is already consumed, the body is in heredoc. */
    HEREDOC
  }

  record Op(OpKind kind, int start, int end, Heredoc heredoc) implements Token {}

  /** A here-document; its body is filled in when the lexer reaches the end of its line. */
  static final class Heredoc {
    final String delimiter;
    final boolean quoted;
    final boolean stripTabs;
    /** The body as written (empty until read). */
    String body = "";
    /** The body as a shell reading it would see it: substitutions replaced (unquoted only). */
    String shellBody = "";
    final List<Program> substitutions = new ArrayList<>();

    Heredoc(String delimiter, boolean quoted, boolean stripTabs) {
      this.delimiter = delimiter;
      this.quoted = quoted;
      this.stripTabs = stripTabs;
    }
  }

  /** A lexed command list and the source its offsets refer to. */
  record Program(String src, List<Token> tokens) {}
}
