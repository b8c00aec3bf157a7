package dev.plangate.core.agent;

import dev.plangate.core.agent.ShellTokens.Op;
import dev.plangate.core.agent.ShellTokens.OpKind;
import dev.plangate.core.agent.ShellTokens.Token;
import dev.plangate.core.agent.ShellTokens.Word;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Set;

/**
 * Where the lexer stands in {@code case WORD in PATTERN) LIST ;; ... esac}, so that it can tell a
 * pattern's {@code )} from one that closes a parenthesis. The difference decides what runs:
 * inside {@code $( ... )} a pattern's {@code )} does not end the substitution (bash reads it so),
 * and a lexer that ended it there would read {@code echo $(case x in x) terraform destroy;; esac)}
 * as an {@code echo} with odd arguments and miss the destroy.
 */
final class CaseClauses {
  private enum Stage { SUBJECT, IN, PATTERN, BODY }

  /** Words after which the next word starts a command, like an operator. */
  private static final Set<String> LEADING = Set.of("then", "do", "else", "elif", "if", "while",
      "until", "{", "!", "time");

  private final Deque<Stage> open = new ArrayDeque<>();

  /** Whether a {@code )} here ends a case pattern rather than a parenthesis. */
  boolean inPattern() {
    return open.peek() == Stage.PATTERN;
  }

  /** The pattern's {@code )}: its commands follow. */
  void patternClosed() {
    replaceTop(Stage.BODY);
  }

  /** {@code ;;}, {@code ;&} or {@code ;;&}: the next pattern follows. */
  void clauseEnded() {
    if (open.peek() == Stage.BODY) {
      replaceTop(Stage.PATTERN);
    }
  }

  /** A word was read; {@code previous} is the token before it, or null at the start. */
  void word(Token previous, Word word) {
    String text = word.quoted() ? "" : word.shellText();
    Stage top = open.peek();
    if (top == Stage.SUBJECT) {
      replaceTop(Stage.IN);
    } else if (top == Stage.IN) {
      if (text.equals("in")) {
        replaceTop(Stage.PATTERN);
      } else {
        open.pop();
      }
    } else if (top == Stage.PATTERN && text.equals("esac")) {
      open.pop();
    } else if (top != Stage.PATTERN && startsCommand(previous)) {
      if (text.equals("case")) {
        open.push(Stage.SUBJECT);
      } else if (text.equals("esac") && top == Stage.BODY) {
        open.pop();
      }
    }
  }

  private static boolean startsCommand(Token previous) {
    if (previous == null) {
      return true;
    }
    if (previous instanceof Op op) {
      return op.kind() != OpKind.REDIRECT && op.kind() != OpKind.HERESTRING
          && op.kind() != OpKind.HEREDOC;
    }
    Word w = (Word) previous;
    return !w.quoted() && LEADING.contains(w.shellText());
  }

  private void replaceTop(Stage stage) {
    open.pop();
    open.push(stage);
  }
}
