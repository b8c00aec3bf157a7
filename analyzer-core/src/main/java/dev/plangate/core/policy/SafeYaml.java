package dev.plangate.core.policy;

import dev.plangate.core.plan.GuardedYamlParser;
import dev.plangate.core.plan.LinearStreamReader;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.composer.Composer;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.parser.ParserImpl;
import org.yaml.snakeyaml.reader.ReaderException;
import org.yaml.snakeyaml.resolver.Resolver;

/**
 * Turns policy text into a SnakeYAML node tree and nothing more: no Java object is ever
 * constructed, so a tag such as {@code !!javax.script.ScriptEngineManager} cannot instantiate a
 * class. A policy file comes from the repository under review, which an AI agent may have
 * written, so the limits that keep a hostile file from exhausting memory or the stack are
 * enforced here, each reported at the line and column where it is crossed.
 *
 * <p>SnakeYAML's own limits are set too, as a backstop; its alias, depth and size errors carry
 * no position, which is why a {@link GuardedYamlParser} enforces the same limits first.
 */
final class SafeYaml {
  /** The most characters (code points) a policy file may have: 1 MiB, far above any policy. */
  static final int MAX_CODE_POINTS = 1 << 20;
  /** The most aliases to lists or mappings: billion-laughs files need many, policies few. */
  static final int MAX_COLLECTION_ALIASES = 20;
  /** The deepest nesting of lists and mappings; a policy needs four levels. */
  static final int MAX_DEPTH = 20;
  /**
   * The most a policy may weigh with its aliases expanded (characters plus nodes, see
   * {@link GuardedYamlParser.Rules}): twice the file limit, so aliases may repeat values but not
   * multiply them.
   */
  static final long MAX_EXPANDED = 2L * MAX_CODE_POINTS;

  /**
   * What the guard enforces. A policy may write only the plain YAML types as explicit tags;
   * everything else (java classes, !!binary…) is refused.
   */
  private static final GuardedYamlParser.Rules GUARD = new GuardedYamlParser.Rules(
      MAX_DEPTH, "the limit; a policy needs 4",
      MAX_COLLECTION_ALIASES, "",
      GuardedYamlParser.STANDARD_TAGS::contains,
      shown -> "tag " + YamlValues.quote(shown) + " is not allowed; a policy holds only plain"
          + " strings, numbers, booleans, lists and mappings",
      LimitExceeded::new,
      MAX_EXPANDED);

  private SafeYaml() {}

  /**
   * Composes the single document in {@code text}.
   *
   * @return the root node, or null when the file holds no document (empty or comments only)
   * @throws YamlProblem with the position and a plain reason when the text is not YAML, breaks
   *     a limit or uses a tag
   */
  static Node compose(String text) throws YamlProblem {
    checkSize(text);
    LoaderOptions options = GuardedYamlParser.loaderOptions(MAX_CODE_POINTS + 1,
        MAX_COLLECTION_ALIASES, MAX_DEPTH);
    GuardedYamlParser parser =
        new GuardedYamlParser(new ParserImpl(new LinearStreamReader(text), options), GUARD);
    try {
      return new Composer(parser, new Resolver(), options).getSingleNode();
    } catch (MarkedYAMLException e) {
      throw new YamlProblem(Problem.at(e.getProblemMark(), GuardedYamlParser.plainReason(e)));
    } catch (ReaderException e) {
      throw new YamlProblem(at(text, e.getPosition(), String.format(
          "character U+%04X is not allowed in YAML (only printable characters are)",
          e.getCodePoint())));
    } catch (YAMLException e) {
      throw new YamlProblem(Problem.at(parser.lastMark(), "not a valid policy file: "
          + e.getMessage()));
    }
  }

  private static void checkSize(String text) throws YamlProblem {
    if (text.length() > MAX_CODE_POINTS
        && text.codePointCount(0, text.length()) > MAX_CODE_POINTS) {
      throw new YamlProblem(at(text, MAX_CODE_POINTS, "the file is longer than "
          + MAX_CODE_POINTS + " characters (1 MiB), the limit for a policy file"));
    }
  }

  /** The problem at a code-point index of the text, counting lines as YAML does. */
  private static Problem at(String text, int codePointIndex, String message) {
    int line = 1;
    int column = 1;
    int index = 0;
    for (int i = 0; i < text.length() && index < codePointIndex; index++) {
      int c = text.codePointAt(i);
      i += Character.charCount(c);
      boolean crlf = c == '\r' && i < text.length() && text.charAt(i) == '\n';
      if (c == '\n' || (c == '\r' && !crlf) || c == 0x85 || c == 0x2028 || c == 0x2029) {
        line++;
        column = 1;
      } else if (!crlf) {
        column++;
      }
    }
    return new Problem(line, column, message);
  }

  /** A YAML problem at a position; the loader adds the file name. */
  static final class YamlProblem extends Exception {
    private final transient Problem problem;

    YamlProblem(Problem problem) {
      super(problem.message());
      this.problem = problem;
    }

    Problem problem() {
      return problem;
    }
  }

  /** A limit crossed at a known place, thrown through the composer. */
  private static final class LimitExceeded extends MarkedYAMLException {
    LimitExceeded(String problem, Mark mark) {
      super(null, null, problem, mark);
    }
  }
}
