package dev.plangate.core.policy;

import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.nodes.Node;

/**
 * One thing wrong with a policy file, at a 1-based line and column, so that an editor or a CI
 * annotation can jump to it. The file name is added only when the problems are reported, which
 * lets the same checks serve {@code .plangate.yml} and a string in a test.
 */
record Problem(int line, int column, String message) implements Comparable<Problem> {

  static Problem at(Mark mark, String message) {
    return mark == null ? new Problem(1, 1, message)
        : new Problem(mark.getLine() + 1, mark.getColumn() + 1, message);
  }

  static Problem at(Node node, String message) {
    return at(node.getStartMark(), message);
  }

  /** {@code FILE:LINE:COL: message}, the form compilers use and editors understand. */
  String format(String file) {
    return file + ":" + line + ":" + column + ": " + message;
  }

  @Override
  public int compareTo(Problem other) {
    int byLine = Integer.compare(line, other.line);
    if (byLine != 0) {
      return byLine;
    }
    int byColumn = Integer.compare(column, other.column);
    return byColumn != 0 ? byColumn : message.compareTo(other.message);
  }
}
