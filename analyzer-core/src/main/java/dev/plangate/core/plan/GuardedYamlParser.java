package dev.plangate.core.plan;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.events.AliasEvent;
import org.yaml.snakeyaml.events.CollectionStartEvent;
import org.yaml.snakeyaml.events.Event;
import org.yaml.snakeyaml.events.NodeEvent;
import org.yaml.snakeyaml.events.ScalarEvent;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.parser.Parser;

/**
 * Watches the events a SnakeYAML composer pulls and stops, at the offending event, an alias bomb,
 * an alias that points into its own collection (which would make the node tree cyclic, because
 * SnakeYAML checks recursion only when constructing objects), nesting beyond the limit and
 * explicit tags that are not allowed. Each refusal is thrown through the composer as a
 * {@link MarkedYAMLException} carrying the line and column where the limit was crossed; SnakeYAML's
 * own alias, depth and size errors carry no position, which is why this enforces them first.
 *
 * <p>Files that come from the repository under review (policies, CloudFormation templates) may
 * have been written by an AI agent, so both readers compose through this guard; what differs
 * between them (limits, allowed tags, wording, exception type) is in {@link Rules}.
 */
public final class GuardedYamlParser implements Parser {
  /** The plain YAML types, which any reader may allow to be written explicitly. */
  public static final Set<String> STANDARD_TAGS = Set.of("!", Tag.STR.getValue(),
      Tag.INT.getValue(), Tag.FLOAT.getValue(), Tag.BOOL.getValue(), Tag.NULL.getValue(),
      Tag.SEQ.getValue(), Tag.MAP.getValue());

  /** Builds the exception a refusal is thrown as, so that the caller can tell it by its type. */
  @FunctionalInterface
  public interface Problem {
    MarkedYAMLException at(String message, Mark mark);
  }

  /**
   * What the guard enforces and how it words each refusal.
   *
   * @param maxDepth the deepest nesting of lists and mappings
   * @param depthNote what the depth message says in parentheses after the limit
   * @param maxCollectionAliases the most aliases to lists or mappings
   * @param aliasesNote appended to the too-many-aliases message (empty for nothing)
   * @param tagAllowed whether an explicit tag (as SnakeYAML reports it) may be used
   * @param tagRefusal the message for a refused tag, given the tag as written
   *     ({@code !!binary}, {@code !Foo})
   * @param problem builds the exception each refusal is thrown as
   * @param maxExpanded the most the document may weigh with every alias expanded: each node
   *     weighs 1 plus the characters of its scalar, an alias what its anchor weighs. Aliases of
   *     scalars count too: a thousand aliases of one 700 KB string are 700 MB to whatever walks
   *     the tree, though SnakeYAML shares the node.
   */
  public record Rules(int maxDepth, String depthNote, int maxCollectionAliases,
      String aliasesNote, Predicate<String> tagAllowed, Function<String, String> tagRefusal,
      Problem problem, long maxExpanded) {}

  private final Parser delegate;
  private final Rules rules;
  private final Map<String, AnchorState> anchors = new HashMap<>();
  private final Deque<AnchorState> open = new ArrayDeque<>();
  private int collectionAliases;
  private int aliases;
  /** The weight of the document so far with every alias expanded (see {@link Rules}). */
  private long expanded;
  private Mark lastMark;

  public GuardedYamlParser(Parser delegate, Rules rules) {
    this.delegate = delegate;
    this.rules = rules;
  }

  /**
   * SnakeYAML's own limits and safety options, a backstop behind the guard: no Java tags, no
   * duplicate keys, no merge keys, no recursive keys, comments not kept.
   */
  public static LoaderOptions loaderOptions(int codePointLimit, int maxAliasesForCollections,
      int nestingDepthLimit) {
    LoaderOptions options = new LoaderOptions();
    options.setCodePointLimit(codePointLimit);
    options.setMaxAliasesForCollections(maxAliasesForCollections);
    options.setAllowRecursiveKeys(false);
    options.setNestingDepthLimit(nestingDepthLimit);
    options.setAllowDuplicateKeys(false);
    options.setMergeOnCompose(false);
    options.setProcessComments(false);
    options.setTagInspector(tag -> false);
    return options;
  }

  /**
   * SnakeYAML's problem, with its context ("while scanning a quoted scalar") and where that
   * context began, which for an unclosed quote is where the fix is.
   */
  public static String plainReason(MarkedYAMLException e) {
    // SnakeYAML quotes the character it choked on, a newline included: keep the reason one line.
    String problem = e.getProblem() == null ? "not valid YAML"
        : PlanReadException.oneLine(e.getProblem());
    if (e.getContext() == null) {
      return problem;
    }
    Mark where = e.getContextMark();
    return problem + " (" + PlanReadException.oneLine(e.getContext())
        + (where == null ? "" : " that starts at " + (where.getLine() + 1) + ":"
            + (where.getColumn() + 1)) + ")";
  }

  /** Where the last event pulled starts, or null before the first. */
  public Mark lastMark() {
    return lastMark;
  }

  /** How many aliases (to anything) have been read. */
  public int aliases() {
    return aliases;
  }

  /**
   * What an anchor names: a list or mapping, whether it is still being read, and what it
   * weighs expanded (known once it is closed).
   */
  private static final class AnchorState {
    final boolean collection;
    final long expandedAtStart;
    boolean open;
    long weight;

    AnchorState(boolean collection, long expandedAtStart) {
      this.collection = collection;
      this.expandedAtStart = expandedAtStart;
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
      if (open.size() + 1 > rules.maxDepth()) {
        throw rules.problem().at("lists and mappings are nested more than " + rules.maxDepth()
            + " levels deep (" + rules.depthNote() + ")", lastMark);
      }
      AnchorState state = new AnchorState(true, expanded);
      grow(1);
      defineAnchor(start, state);
      open.push(state);
    } else if (event.is(Event.ID.MappingEnd) || event.is(Event.ID.SequenceEnd)) {
      AnchorState closed = open.pop();
      closed.open = false;
      closed.weight = expanded - closed.expandedAtStart;
    } else if (event instanceof ScalarEvent scalar) {
      checkTag(scalar.getTag(), event);
      AnchorState state = new AnchorState(false, expanded);
      state.weight = 1L + scalar.getValue().length();
      grow(state.weight);
      defineAnchor(scalar, state);
    } else if (event instanceof AliasEvent alias) {
      aliases++;
      AnchorState target = anchors.get(alias.getAnchor());
      if (target != null && target.open) {
        throw rules.problem().at("alias *" + alias.getAnchor()
            + " refers to the list or mapping that contains it (a recursive structure)",
            lastMark);
      }
      if (target != null && target.collection
          && ++collectionAliases > rules.maxCollectionAliases()) {
        throw rules.problem().at("too many aliases (limit " + rules.maxCollectionAliases()
            + " aliases to lists or mappings); aliases that multiply like this are how a"
            + " \"billion laughs\" file exhausts memory" + rules.aliasesNote(), lastMark);
      }
      grow(target == null ? 1 : Math.max(1, target.weight));
    }
    return event;
  }

  /** Adds to the expanded weight; refuses at the event that takes it over the limit. */
  private void grow(long weight) {
    expanded += weight;
    if (expanded > rules.maxExpanded()) {
      throw rules.problem().at("with its aliases expanded the document would hold more than "
          + rules.maxExpanded() + " characters and nodes (" + aliases + " aliases so far);"
          + " aliases that multiply a large value like this are how a YAML bomb exhausts"
          + " memory and time", lastMark);
    }
  }

  private void defineAnchor(NodeEvent event, AnchorState state) {
    if (event.getAnchor() != null) {
      anchors.put(event.getAnchor(), state);
    } else if (state.collection) {
      state.open = false;
    }
  }

  private void checkTag(String tag, Event event) {
    if (tag != null && !rules.tagAllowed().test(tag)) {
      String shown = tag.startsWith(Tag.PREFIX) ? "!!" + tag.substring(Tag.PREFIX.length())
          : tag;
      throw rules.problem().at(rules.tagRefusal().apply(shown), event.getStartMark());
    }
  }
}
