package dev.plangate.core.agent;

import dev.plangate.core.agent.ShellTokens.Heredoc;
import dev.plangate.core.agent.ShellTokens.Op;
import dev.plangate.core.agent.ShellTokens.OpKind;
import dev.plangate.core.agent.ShellTokens.Program;
import dev.plangate.core.agent.ShellTokens.Token;
import dev.plangate.core.agent.ShellTokens.Word;
import java.util.ArrayList;
import java.util.List;

/**
 * A POSIX-ish (bash-flavoured) shell lexer: words with quote removal, operators, redirections,
 * here-documents, comments, and the command substitutions {@code $(...)}, backticks and {@code
 * <(...)} lexed in place as nested programs.
 *
 * <p>It is not a shell: it never expands anything (what it produces is in {@link ShellTokens}).
 * A word keeps its expansions as written in {@link Word#value()} and records that it is {@link Word#dynamic()}. What it must get right is
 * where words and commands begin and end, so that {@code echo "terraform apply"} is one argument
 * and {@code echo $(terraform apply)} contains a command.
 *
 * <p>Cost: every character is visited a bounded number of times. A substitution's body is lexed
 * once, by a child lexer that advances the parent's position (a backtick body is copied once to
 * undo its escapes, then lexed); nesting deeper than {@link #MAX_NESTING} is a {@link
 * SyntaxError}, so recursion is bounded too. {@link Budget#steps} counts the visits so that tests
 * can assert linearity without timing anything.
 */
final class ShellLexer {
  /** Nesting of {@code $(}, backticks and {@code <(} beyond which a line is unreadable. */
  static final int MAX_NESTING = 24;

  /**
   * What a nested shell receives in place of a substitution the outer shell already ran: a
   * dynamic word (its output is unknown), and no second sighting of the command inside it.
   */
  static final String PLACEHOLDER = "$__plangate_substitution";

  /** Shared across nested lexers (and nested shells) of one recognition: the work done. */
  static final class Budget {
    long steps;
  }

  /** The input cannot be lexed: unbalanced quotes or parentheses, or nesting too deep. */
  static final class SyntaxError extends Exception {
    private static final long serialVersionUID = 1L;

    SyntaxError(String message) {
      super(message, null, false, false);
    }
  }

  private final String src;
  private final int limit;
  private final int depth;
  private final Budget budget;
  private final boolean untilParen;
  private int pos;
  private final List<Token> tokens = new ArrayList<>();
  private final List<Heredoc> pending = new ArrayList<>();
  private final CaseClauses cases = new CaseClauses();

  private ShellLexer(String src, int from, int limit, int depth, Budget budget,
      boolean untilParen) {
    this.src = src;
    this.pos = from;
    this.limit = limit;
    this.depth = depth;
    this.budget = budget;
    this.untilParen = untilParen;
  }

  static Program lex(String src, Budget budget) throws SyntaxError {
    return lex(src, 0, budget);
  }

  private static Program lex(String src, int depth, Budget budget) throws SyntaxError {
    ShellLexer l = new ShellLexer(src, 0, src.length(), depth, budget, false);
    l.run();
    return new Program(src, List.copyOf(l.tokens));
  }

  /** A child lexer for {@code $( ... )} or {@code <( ... )} starting at pos, ending after ')'. */
  private Program child(int bound) throws SyntaxError {
    ShellLexer c = new ShellLexer(src, pos, bound, depth + 1, budget, true);
    c.run();
    pos = c.pos;
    return new Program(src, List.copyOf(c.tokens));
  }

  private void run() throws SyntaxError {
    if (depth > MAX_NESTING) {
      throw new SyntaxError("nesting deeper than " + MAX_NESTING);
    }
    int parens = 0;
    while (true) {
      if (pos >= limit) {
        if (untilParen) {
          throw new SyntaxError("unterminated $(");
        }
        return;
      }
      budget.steps++;
      char c = src.charAt(pos);
      switch (c) {
        case ' ', '\t', '\r', '\f' -> pos++;
        case '\n' -> {
          op(OpKind.NEWLINE, 1);
          readHeredocBodies();
        }
        case '#' -> {
          // Only reached at the start of a token: a comment runs to the end of the line.
          int nl = src.indexOf('\n', pos);
          budget.steps += (nl < 0 || nl > limit ? limit : nl) - pos;
          pos = nl < 0 || nl > limit ? limit : nl;
        }
        case ';' -> {
          if (at(1) == ';' || at(1) == '&') {
            op(OpKind.CASE_END, at(1) == ';' && at(2) == '&' ? 3 : 2);
            cases.clauseEnded();
          } else {
            op(OpKind.SEMI, 1);
          }
        }
        case '&' -> {
          if (at(1) == '&') {
            op(OpKind.AND, 2);
          } else if (at(1) == '>') {
            op(OpKind.REDIRECT, at(2) == '>' ? 3 : 2);
          } else {
            op(OpKind.AMP, 1);
          }
        }
        case '|' -> {
          if (at(1) == '|') {
            op(OpKind.OR, 2);
          } else if (at(1) == '&') {
            op(OpKind.PIPE_AMP, 2);
          } else {
            op(OpKind.PIPE, 1);
          }
        }
        case '(' -> {
          parens += cases.inPattern() ? 0 : 1;
          op(OpKind.LPAREN, 1);
        }
        case ')' -> {
          if (cases.inPattern()) {
            cases.patternClosed();
            op(OpKind.RPAREN, 1);
          } else if (untilParen && parens == 0) {
            pos++;
            return;
          } else {
            parens = Math.max(0, parens - 1);
            op(OpKind.RPAREN, 1);
          }
        }
        case '<', '>' -> readRedirect(c);
        case '\\' -> {
          if (at(1) == '\n') {
            pos += 2;
          } else {
            word();
          }
        }
        default -> word();
      }
    }
  }

  /** A word where a command or an argument may stand (not a redirect's or heredoc's target). */
  private void word() throws SyntaxError {
    int before = tokens.size();
    readWord();
    if (tokens.size() > before && tokens.get(before) instanceof Word w) {
      cases.word(before == 0 ? null : tokens.get(before - 1), w);
    }
  }

  private char at(int offset) {
    int p = pos + offset;
    return p < limit ? src.charAt(p) : '\0';
  }

  /** The character at pos, counted; the limit there means {@code unbalanced} is the error. */
  private char next(String unbalanced) throws SyntaxError {
    if (pos >= limit) {
      throw new SyntaxError(unbalanced);
    }
    budget.steps++;
    return src.charAt(pos);
  }

  private void op(OpKind kind, int length) {
    tokens.add(new Op(kind, pos, pos + length, null));
    pos += length;
  }

  private void readRedirect(char c) throws SyntaxError {
    int start = pos;
    if (at(1) == '(') {
      // Process substitution <(cmd) / >(cmd): runs cmd; the word is a file name nobody knows.
      pos += 2;
      Program p = child(limit);
      tokens.add(new Word(src.substring(start, pos), PLACEHOLDER, true, null, false, start, pos,
          List.of(p)));
      return;
    }
    if (c == '<') {
      if (at(1) == '<' && at(2) == '<') {
        op(OpKind.HERESTRING, 3);
      } else if (at(1) == '<') {
        boolean strip = at(2) == '-';
        pos += strip ? 3 : 2;
        readHeredocStart(start, strip);
      } else {
        op(OpKind.REDIRECT, at(1) == '&' || at(1) == '>' ? 2 : 1);
      }
    } else {
      op(OpKind.REDIRECT, at(1) == '>' || at(1) == '&' || at(1) == '|' ? 2 : 1);
    }
  }

  private void readHeredocStart(int start, boolean stripTabs) throws SyntaxError {
    while (pos < limit && (src.charAt(pos) == ' ' || src.charAt(pos) == '\t')) {
      pos++;
    }
    int before = tokens.size();
    if (pos >= limit || ShellTokens.endsWord(src.charAt(pos))) {
      throw new SyntaxError("here-document without a delimiter");
    }
    readWord();
    if (tokens.size() != before + 1) {
      throw new SyntaxError("here-document without a delimiter");
    }
    Word w = (Word) tokens.remove(before);
    Heredoc h = new Heredoc(w.value(), w.quoted(), stripTabs);
    pending.add(h);
    tokens.add(new Op(OpKind.HEREDOC, start, pos, h));
  }

  /** At the start of the line after a here-document operator: reads each pending body. */
  private void readHeredocBodies() throws SyntaxError {
    for (Heredoc h : pending) {
      int bodyStart = pos;
      int bodyEnd = limit;
      while (pos < limit) {
        int nl = src.indexOf('\n', pos);
        int eol = nl < 0 || nl >= limit ? limit : nl;
        budget.steps += eol - pos + 1;
        int ls = pos;
        if (h.stripTabs) {
          while (ls < eol && src.charAt(ls) == '\t') {
            ls++;
          }
        }
        int le = eol > ls && src.charAt(eol - 1) == '\r' ? eol - 1 : eol;
        int dlen = h.delimiter.length();
        if (src.regionMatches(ls, h.delimiter, 0, dlen)) {
          if (le - ls == dlen) {
            bodyEnd = pos;
            pos = Math.min(eol + 1, limit);
            break;
          }
          // bash accepts "EOF)" closing a command substitution on the delimiter line.
          if (untilParen && ls + dlen < limit && src.charAt(ls + dlen) == ')') {
            bodyEnd = pos;
            pos = ls + dlen;
            break;
          }
        }
        pos = eol + 1;
      }
      if (pos >= limit) {
        pos = limit;
      }
      h.body = src.substring(bodyStart, bodyEnd);
      h.shellBody = h.quoted ? h.body : scanHeredocBody(h, bodyStart, bodyEnd);
    }
    pending.clear();
  }

  /**
   * An unquoted here-document body is expanded: its {@code $(...)} and backticks run. Lexes them
   * and returns the body as a shell reading it would see it.
   */
  private String scanHeredocBody(Heredoc h, int from, int to) throws SyntaxError {
    StringBuilder out = new StringBuilder(to - from);
    ShellLexer sub = new ShellLexer(src, from, to, depth, budget, false);
    while (sub.pos < to) {
      budget.steps++;
      char c = src.charAt(sub.pos);
      if (c == '\\' && sub.pos + 1 < to && "$`\\\n".indexOf(src.charAt(sub.pos + 1)) >= 0) {
        if (src.charAt(sub.pos + 1) != '\n') {
          out.append(src.charAt(sub.pos + 1));
        }
        sub.pos += 2;
      } else if (c == '$' && sub.at(1) == '(' && sub.at(2) != '(') {
        sub.pos += 2;
        h.substitutions.add(sub.child(to));
        out.append(PLACEHOLDER);
      } else if (c == '`') {
        WordBuilder wb = new WordBuilder();
        sub.readBacktick(wb, false);
        h.substitutions.addAll(wb.subs);
        out.append(PLACEHOLDER);
      } else {
        out.append(c);
        sub.pos++;
      }
    }
    return out.toString();
  }

  /** Where the single quote at pos closes. */
  private int closingQuote() throws SyntaxError {
    int q = src.indexOf('\'', pos + 1);
    if (q < 0 || q >= limit) {
      throw new SyntaxError("unbalanced '");
    }
    return q;
  }

  private static final class WordBuilder {
    final StringBuilder value = new StringBuilder();
    final StringBuilder shell = new StringBuilder();
    boolean dynamic;
    boolean quoted;
    List<Program> subs = new ArrayList<>(0);

    void append(char c) {
      value.append(c);
      shell.append(c);
    }

    void append(CharSequence s) {
      value.append(s);
      shell.append(s);
    }
  }

  private void readWord() throws SyntaxError {
    int start = pos;
    WordBuilder w = new WordBuilder();
    while (pos < limit) {
      budget.steps++;
      char c = src.charAt(pos);
      if (c == '(' && isArrayAssignment(start)) {
        readArrayValue(w);
        continue;
      }
      if (ShellTokens.endsWord(c)) {
        break;
      }
      switch (c) {
        case '\'' -> {
          int q = closingQuote();
          w.append(src.subSequence(pos + 1, q));
          budget.steps += q - pos;
          w.quoted = true;
          pos = q + 1;
        }
        case '"' -> readDouble(w);
        case '\\' -> {
          w.quoted = true;
          if (pos + 1 >= limit) {
            w.append('\\');
            pos++;
          } else {
            if (src.charAt(pos + 1) != '\n') {
              w.append(src.charAt(pos + 1));
            }
            pos += 2;
          }
        }
        case '$' -> readDollar(w, false);
        case '`' -> readBacktick(w, false);
        default -> {
          w.append(c);
          pos++;
        }
      }
    }
    // "2>file": digits glued to a redirection are a file descriptor number, not a word.
    if (pos < limit && (src.charAt(pos) == '<' || src.charAt(pos) == '>') && !w.quoted
        && !w.dynamic && w.value.length() > 0 && allDigits(w.value)) {
      return;
    }
    String soleVar = w.dynamic && w.subs.isEmpty() ? soleVar(start, pos) : null;
    tokens.add(new Word(w.value.toString(), w.shell.toString(), w.dynamic, soleVar, w.quoted,
        start, pos, w.subs.isEmpty() ? List.of() : List.copyOf(w.subs)));
  }

  /**
   * NAME when src[start, end) is exactly {@code $NAME} or {@code ${NAME}}, optionally in double
   * quotes; else null. (By hand, not a regex: this runs in a hook's cold JVM.)
   */
  private String soleVar(int start, int end) {
    int s = start;
    int e = end;
    if (e - s >= 2 && src.charAt(s) == '"' && src.charAt(e - 1) == '"') {
      s++;
      e--;
    }
    if (e - s < 2 || src.charAt(s) != '$') {
      return null;
    }
    s++;
    if (src.charAt(s) == '{') {
      if (src.charAt(e - 1) != '}') {
        return null;
      }
      s++;
      e--;
    }
    return isName(s, e) ? src.substring(s, e) : null;
  }

  /** Whether src[s, e) is a variable's name. */
  private boolean isName(int s, int e) {
    if (s >= e || !isNameStart(src.charAt(s))) {
      return false;
    }
    for (int k = s + 1; k < e; k++) {
      if (!isNameChar(src.charAt(k))) {
        return false;
      }
    }
    return true;
  }

  private static boolean isNameStart(char c) {
    return c == '_' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z';
  }

  private static boolean isNameChar(char c) {
    return isNameStart(c) || c >= '0' && c <= '9';
  }

  private static boolean allDigits(CharSequence s) {
    for (int i = 0; i < s.length(); i++) {
      if (s.charAt(i) < '0' || s.charAt(i) > '9') {
        return false;
      }
    }
    return true;
  }

  /** {@code NAME=(} or {@code NAME+=(} from the word's start: a bash array assignment. */
  private boolean isArrayAssignment(int start) {
    int eq = pos - 1;
    if (eq <= start || src.charAt(eq) != '=') {
      return false;
    }
    return isName(start, src.charAt(eq - 1) == '+' ? eq - 1 : eq);
  }

  private void readArrayValue(WordBuilder w) throws SyntaxError {
    int start = pos;
    pos++;
    // The elements' text is appended once, as written, at the end: only their substitutions
    // (quoted or not) are kept from reading them.
    WordBuilder elements = new WordBuilder();
    while (true) {
      char c = next("unbalanced array (");
      if (c == ')') {
        pos++;
        break;
      } else if (c == '\'') {
        pos = closingQuote() + 1;
      } else if (c == '"') {
        readDouble(elements);
      } else if (c == '\\') {
        pos += 2;
      } else if (c == '$') {
        readDollar(elements, false);
      } else if (c == '`') {
        readBacktick(elements, false);
      } else {
        pos++;
      }
    }
    w.subs.addAll(elements.subs);
    w.append(src.subSequence(start, Math.min(pos, limit)));
    w.dynamic = true;
  }

  private void readDouble(WordBuilder w) throws SyntaxError {
    w.quoted = true;
    pos++;
    while (true) {
      char c = next("unbalanced \"");
      switch (c) {
        case '"' -> {
          pos++;
          return;
        }
        case '\\' -> {
          char n = at(1);
          if (n == '$' || n == '`' || n == '"' || n == '\\') {
            w.append(n);
            pos += 2;
          } else if (n == '\n') {
            pos += 2;
          } else {
            w.append('\\');
            pos++;
          }
        }
        case '$' -> readDollar(w, true);
        case '`' -> readBacktick(w, true);
        default -> {
          w.append(c);
          pos++;
        }
      }
    }
  }

  private void readDollar(WordBuilder w, boolean inDouble) throws SyntaxError {
    int start = pos;
    char n = at(1);
    if (n == '(') {
      if (at(2) == '(') {
        int end = arithmeticEnd(pos + 3);
        if (end > 0) {
          pos = end;
          w.append(src.subSequence(start, pos));
          w.dynamic = true;
          return;
        }
      }
      pos += 2;
      Program p = child(limit);
      w.subs.add(p);
      w.value.append(src, start, pos);
      w.shell.append(PLACEHOLDER);
      w.dynamic = true;
    } else if (n == '{') {
      pos += 2;
      int subsBefore = w.subs.size();
      readBraceParameter(w, inDouble);
      w.value.append(src, start, pos);
      w.shell.append(w.subs.size() > subsBefore ? PLACEHOLDER : src.substring(start, pos));
      w.dynamic = true;
    } else if (n == '\'' && !inDouble) {
      readAnsiC(w);
    } else if (n == '"' && !inDouble) {
      pos++;
      readDouble(w);
    } else if (isNameStart(n)) {
      pos++;
      while (pos < limit && isNameChar(src.charAt(pos))) {
        budget.steps++;
        pos++;
      }
      w.append(src.subSequence(start, pos));
      w.dynamic = true;
    } else if (n >= '0' && n <= '9' || "@*#?$!-".indexOf(n) >= 0 && n != '\0') {
      pos += 2;
      w.append(src.subSequence(start, pos));
      w.dynamic = true;
    } else {
      w.append('$');
      pos++;
    }
  }

  /** After {@code $((}: the offset after the matching {@code ))}, or -1 if it is not there. */
  private int arithmeticEnd(int from) {
    int d = 0;
    for (int p = from; p < limit; p++) {
      budget.steps++;
      char c = src.charAt(p);
      if (c == '(') {
        d++;
      } else if (c == ')') {
        if (d == 0) {
          return p + 1 < limit && src.charAt(p + 1) == ')' ? p + 2 : -1;
        }
        d--;
      }
    }
    return -1;
  }

  /** After {@code ${}: to the matching brace, lexing any substitution in the operand. */
  private void readBraceParameter(WordBuilder w, boolean inDouble) throws SyntaxError {
    int braces = 1;
    // The operand's text is in w once, as written, after this: only its substitutions are kept.
    WordBuilder inner = new WordBuilder();
    while (true) {
      char c = next("unbalanced ${");
      switch (c) {
        case '}' -> {
          pos++;
          if (--braces == 0) {
            w.subs.addAll(inner.subs);
            return;
          }
        }
        case '\\' -> pos += 2;
        // Inside double quotes a single quote is an ordinary character.
        case '\'' -> pos = inDouble ? pos + 1 : closingQuote() + 1;
        case '"' -> readDouble(inner);
        case '`' -> readBacktick(inner, inDouble);
        case '$' -> {
          if (at(1) == '{') {
            braces++;
            pos += 2;
          } else if (at(1) == '(') {
            readDollar(inner, true);
          } else {
            pos++;
          }
        }
        default -> pos++;
      }
    }
  }

  /** {@code $'...'}: ANSI-C quoting, the common escapes decoded. */
  private void readAnsiC(WordBuilder w) throws SyntaxError {
    w.quoted = true;
    pos += 2;
    while (true) {
      char c = next("unbalanced $'");
      if (c == '\'') {
        pos++;
        return;
      }
      if (c == '\\' && pos + 1 < limit) {
        char n = src.charAt(pos + 1);
        w.append(switch (n) {
          case 'n' -> '\n';
          case 't' -> '\t';
          case 'r' -> '\r';
          default -> n;
        });
        pos += 2;
      } else {
        w.append(c);
        pos++;
      }
    }
  }

  /** A backtick substitution: its escapes undone, then lexed as a program of its own. */
  private void readBacktick(WordBuilder w, boolean inDouble) throws SyntaxError {
    int start = pos;
    pos++;
    StringBuilder inner = new StringBuilder();
    while (true) {
      char c = next("unbalanced `");
      if (c == '`') {
        pos++;
        break;
      }
      if (c == '\\' && pos + 1 < limit) {
        char n = src.charAt(pos + 1);
        if (n == '$' || n == '`' || n == '\\' || inDouble && n == '"') {
          inner.append(n);
          pos += 2;
          continue;
        }
      }
      inner.append(c);
      pos++;
    }
    // lex's run() refuses nesting deeper than MAX_NESTING, as for $(.
    w.subs.add(lex(inner.toString(), depth + 1, budget));
    w.value.append(src, start, pos);
    w.shell.append(PLACEHOLDER);
    w.dynamic = true;
  }
}
