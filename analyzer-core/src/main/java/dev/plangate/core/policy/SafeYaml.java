package dev.plangate.core.policy;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.composer.Composer;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.events.AliasEvent;
import org.yaml.snakeyaml.events.CollectionStartEvent;
import org.yaml.snakeyaml.events.Event;
import org.yaml.snakeyaml.events.NodeEvent;
import org.yaml.snakeyaml.events.ScalarEvent;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.parser.Parser;
import org.yaml.snakeyaml.parser.ParserImpl;
import org.yaml.snakeyaml.reader.ReaderException;
import org.yaml.snakeyaml.reader.StreamReader;
import org.yaml.snakeyaml.resolver.Resolver;

/**
 * Turns policy text into a SnakeYAML node tree and nothing more: no Java object is ever
 * constructed, so a tag such as {@code !!javax.script.ScriptEngineManager} cannot instantiate a
 * class. A policy file comes from the repository under review, which an AI agent may have
 * written, so the limits that keep a hostile file from exhausting memory or the stack are
 * enforced here, each reported at the line and column where it is crossed.
 *
 * <p>SnakeYAML's own limits are set too, as a backstop; its alias, depth and size errors carry
 * no position, which is why a watching parser enforces the same limits first.
 */
final class SafeYaml {
  /** The most characters (code points) a policy file may have: 1 MiB, far above any policy. */
  static final int MAX_CODE_POINTS = 1 << 20;
  /** The most aliases to lists or mappings: billion-laughs files need many, policies few. */
  static final int MAX_COLLECTION_ALIASES = 20;
  /** The deepest nesting of lists and mappings; a policy needs four levels. */
  static final int MAX_DEPTH = 20;

  /** Tags a policy may write explicitly; everything else (java classes, !!binary…) is refused. */
  private static final Set<String> ALLOWED_EXPLICIT_TAGS = Set.of("!", Tag.STR.getValue(),
      Tag.INT.getValue(), Tag.FLOAT.getValue(), Tag.BOOL.getValue(), Tag.NULL.getValue(),
      Tag.SEQ.getValue(), Tag.MAP.getValue());

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
    LoaderOptions options = options();
    GuardedParser parser =
        new GuardedParser(new ParserImpl(new StreamReader(text), options));
    try {
      return new Composer(parser, new Resolver(), options).getSingleNode();
    } catch (MarkedYAMLException e) {
      throw new YamlProblem(Problem.at(e.getProblemMark(), plainReason(e)));
    } catch (ReaderException e) {
      throw new YamlProblem(at(text, e.getPosition(), String.format(
          "character U+%04X is not allowed in YAML (only printable characters are)",
          e.getCodePoint())));
    } catch (YAMLException e) {
      throw new YamlProblem(Problem.at(parser.lastMark, "not a valid policy file: "
          + e.getMessage()));
    }
  }

  static LoaderOptions options() {
    LoaderOptions options = new LoaderOptions();
    options.setCodePointLimit(MAX_CODE_POINTS + 1);
    options.setMaxAliasesForCollections(MAX_COLLECTION_ALIASES);
    options.setAllowRecursiveKeys(false);
    options.setNestingDepthLimit(MAX_DEPTH);
    options.setAllowDuplicateKeys(false);
    options.setMergeOnCompose(false);
    options.setProcessComments(false);
    options.setTagInspector(tag -> false);
    return options;
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

  /**
   * SnakeYAML's problem, with its context ("while scanning a quoted scalar") and where that
   * context began, which for an unclosed quote is where the fix is.
   */
  private static String plainReason(MarkedYAMLException e) {
    String problem = e.getProblem() == null ? "not valid YAML" : e.getProblem();
    if (e.getContext() == null) {
      return problem;
    }
    Mark where = e.getContextMark();
    return problem + " (" + e.getContext()
        + (where == null ? "" : " that starts at " + (where.getLine() + 1) + ":"
            + (where.getColumn() + 1)) + ")";
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

  /**
   * Watches the events the composer pulls and stops, at the offending event, an alias bomb, an
   * alias that points into its own collection (which would make the node tree cyclic, because
   * SnakeYAML checks recursion only when constructing objects), nesting beyond the limit and
   * explicit tags.
   */
  private static final class GuardedParser implements Parser {
    private final Parser delegate;
    private final Map<String, AnchorState> anchors = new HashMap<>();
    private final Deque<AnchorState> open = new ArrayDeque<>();
    private int collectionAliases;
    private Mark lastMark;

    GuardedParser(Parser delegate) {
      this.delegate = delegate;
    }

    /** What an anchor names: a list or mapping, and whether it is still being read. */
    private static final class AnchorState {
      final boolean collection;
      boolean open;

      AnchorState(boolean collection) {
        this.collection = collection;
        this.open = collection;
      }
    }

    @Override
    public boolean checkEvent(Event.ID choice) {
      return delegate.checkEvent(choice);
    }

    @Override
    public Event peekEvent() {
      return delegate.peekEvent();
    }

    @Override
    public Event getEvent() {
      Event event = delegate.getEvent();
      lastMark = event.getStartMark();
      if (event instanceof CollectionStartEvent start) {
        checkTag(start.getTag(), event);
        if (open.size() + 1 > MAX_DEPTH) {
          throw new LimitExceeded("lists and mappings are nested more than " + MAX_DEPTH
              + " levels deep (the limit; a policy needs 4)", lastMark);
        }
        AnchorState state = new AnchorState(true);
        defineAnchor(start, state);
        open.push(state);
      } else if (event.is(Event.ID.MappingEnd) || event.is(Event.ID.SequenceEnd)) {
        open.pop().open = false;
      } else if (event instanceof ScalarEvent scalar) {
        checkTag(scalar.getTag(), event);
        defineAnchor(scalar, new AnchorState(false));
      } else if (event instanceof AliasEvent alias) {
        AnchorState target = anchors.get(alias.getAnchor());
        if (target != null && target.open) {
          throw new LimitExceeded("alias *" + alias.getAnchor()
              + " refers to the list or mapping that contains it (a recursive structure)",
              lastMark);
        }
        if (target != null && target.collection
            && ++collectionAliases > MAX_COLLECTION_ALIASES) {
          throw new LimitExceeded("too many aliases (limit " + MAX_COLLECTION_ALIASES
              + " aliases to lists or mappings); aliases that multiply like this are how a"
              + " \"billion laughs\" file exhausts memory", lastMark);
        }
      }
      return event;
    }

    private void defineAnchor(NodeEvent event, AnchorState state) {
      if (event.getAnchor() != null) {
        anchors.put(event.getAnchor(), state);
      } else if (state.collection) {
        state.open = false;
      }
    }

    private void checkTag(String tag, Event event) {
      if (tag != null && !ALLOWED_EXPLICIT_TAGS.contains(tag)) {
        String shown = tag.startsWith(Tag.PREFIX) ? "!!" + tag.substring(Tag.PREFIX.length())
            : tag;
        throw new LimitExceeded("tag " + YamlValues.quote(shown) + " is not allowed; a policy"
            + " holds only plain strings, numbers, booleans, lists and mappings",
            event.getStartMark());
      }
    }
  }
}
