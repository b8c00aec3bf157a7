package dev.plangate.core.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.composer.Composer;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.parser.ParserImpl;
import org.yaml.snakeyaml.reader.StreamReader;
import org.yaml.snakeyaml.resolver.Resolver;

/**
 * The guard every YAML file from the repository under review (policies, CloudFormation templates)
 * is composed through: what it lets through unchanged, and each refusal with the words and the
 * line and column a user is shown.
 */
class GuardedYamlParserTest {

  /** How the guard's refusals are told apart from SnakeYAML's own errors. */
  static final class Refused extends MarkedYAMLException {
    Refused(String problem, Mark mark) {
      super(null, null, problem, mark);
    }
  }

  private static GuardedYamlParser.Rules rules(int maxDepth, int maxCollectionAliases,
      long maxExpanded) {
    return new GuardedYamlParser.Rules(maxDepth, "a test needs 2", maxCollectionAliases,
        "; see the test", GuardedYamlParser.STANDARD_TAGS::contains,
        shown -> "tag " + shown + " is refused", Refused::new, maxExpanded);
  }

  private static final GuardedYamlParser.Rules ROOMY = rules(10, 5, 1_000);

  private static GuardedYamlParser parser(String text, GuardedYamlParser.Rules rules) {
    LoaderOptions options = GuardedYamlParser.loaderOptions(1_000_000, 1_000, 1_000);
    return new GuardedYamlParser(new ParserImpl(new LinearStreamReader(text), options), rules);
  }

  private static Node compose(String text, GuardedYamlParser.Rules rules) {
    LoaderOptions options = GuardedYamlParser.loaderOptions(1_000_000, 1_000, 1_000);
    return new Composer(parser(text, rules), new Resolver(), options).getSingleNode();
  }

  /** The refusal, as "line:column: problem" (1-based), the way the readers report it. */
  private static String refusal(String text, GuardedYamlParser.Rules rules) {
    try {
      compose(text, rules);
    } catch (Refused e) {
      Mark m = e.getProblemMark();
      return (m.getLine() + 1) + ":" + (m.getColumn() + 1) + ": " + e.getProblem();
    }
    throw new AssertionError("not refused: " + text);
  }

  @Test
  void anOrdinaryDocumentComposesUnchanged() {
    Node root = compose("name: web\nports: [80, 443]\nnested:\n  a: {b: c}\n", ROOMY);
    assertThat(root).isInstanceOf(MappingNode.class);
    MappingNode map = (MappingNode) root;
    assertThat(map.getValue()).hasSize(3);
    assertThat(((ScalarNode) map.getValue().get(0).getValueNode()).getValue()).isEqualTo("web");
  }

  @Test
  void nestingDeeperThanTheLimitIsRefusedAtTheCollectionThatCrossesIt() {
    GuardedYamlParser.Rules three = rules(3, 5, 1_000);
    assertThat(compose("a:\n  b:\n    c: 1\n", three)).isNotNull();
    assertThat(refusal("a:\n  b:\n    c: [1]\n", three))
        .isEqualTo("3:8: lists and mappings are nested more than 3 levels deep"
            + " (a test needs 2)");
    // Closing a collection gives its level back: siblings at the limit are fine.
    assertThat(compose("- [[1]]\n- [[2]]\n- [[3]]\n", three)).isNotNull();
  }

  @Test
  void anAliasIntoItsOwnCollectionIsRefusedAsRecursive() {
    assertThat(refusal("a: &loop\n  b: [1, *loop]\n", ROOMY))
        .isEqualTo("2:10: alias *loop refers to the list or mapping that contains it"
            + " (a recursive structure)");
    assertThat(refusal("&top [x, [y, *top]]", ROOMY)).startsWith("1:14: alias *top refers");
    // Once the anchored list is closed, an alias to it is an ordinary repeat.
    MappingNode map = (MappingNode) compose("a: &list [1, 2]\nb: *list\n", ROOMY);
    assertThat(map.getValue().get(1).getValueNode())
        .isSameAs(map.getValue().get(0).getValueNode());
  }

  @Test
  void aliasesToCollectionsAreCountedUpToTheLimit() {
    GuardedYamlParser.Rules two = rules(10, 2, 1_000);
    assertThat(compose("a: &l [1]\nb: *l\nc: *l\n", two)).isNotNull();
    assertThat(refusal("a: &l [1]\nb: *l\nc: *l\nd: *l\n", two))
        .isEqualTo("4:4: too many aliases (limit 2 aliases to lists or mappings); aliases that"
            + " multiply like this are how a \"billion laughs\" file exhausts memory;"
            + " see the test");
    // Aliases of scalars are not aliases to collections: only their weight counts.
    GuardedYamlParser parser = parser("a: &s x\nb: *s\nc: *s\nd: *s\ne: *s\n", two);
    assertThat(new Composer(parser, new Resolver(), new LoaderOptions()).getSingleNode())
        .isNotNull();
    assertThat(parser.aliases()).isEqualTo(4);
  }

  @Test
  void theDocumentIsWeighedWithEveryAliasExpanded() {
    // The mapping 1, "a" 2, the list 1 + "b" 2 + "c" 2, "d" 2 and the alias what the list
    // weighs (5): 15 in all.
    String doc = "a: &x [b, c]\nd: *x\n";
    assertThat(compose(doc, rules(10, 5, 15))).isNotNull();
    assertThat(refusal(doc, rules(10, 5, 14)))
        .isEqualTo("2:4: with its aliases expanded the document would hold more than 14"
            + " characters and nodes (1 aliases so far); aliases that multiply a large value"
            + " like this are how a YAML bomb exhausts memory and time");
    // A scalar's alias weighs what the scalar does: the list 1, "abcdefghi" 10, the alias 10.
    String scalars = "[&s abcdefghi, *s]";
    assertThat(compose(scalars, rules(10, 5, 21))).isNotNull();
    assertThat(refusal(scalars, rules(10, 5, 20))).startsWith("1:16: with its aliases expanded")
        .contains("(1 aliases so far)");
    // Without aliases a document weighs its nodes and characters, and the same limit holds.
    assertThat(refusal("[" + "x".repeat(30) + "]", rules(10, 5, 30)))
        .startsWith("1:2: with its aliases expanded the document would hold more than 30")
        .contains("(0 aliases so far)");
  }

  @Test
  void aBillionLaughsFileIsStoppedByItsExpandedWeight() {
    StringBuilder bomb = new StringBuilder("a: &a [\"" + "lol".repeat(10) + "\"]\n");
    for (char c = 'b'; c <= 'j'; c++) {
      char prev = (char) (c - 1);
      bomb.append(c).append(": &").append(c).append(" [*").append(prev).append(", *")
          .append(prev).append(", *").append(prev).append("]\n");
    }
    assertThat(refusal(bomb.toString(), rules(10, 1_000, 10_000)))
        .contains("with its aliases expanded the document would hold more than 10000");
  }

  @Test
  void tagsOtherThanThePlainTypesAreRefusedAsWritten() {
    assertThat(refusal("a: !!binary aGVsbG8=\n", ROOMY))
        .isEqualTo("1:4: tag !!binary is refused");
    assertThat(refusal("a: !Ref other\n", ROOMY)).isEqualTo("1:4: tag !Ref is refused");
    assertThat(refusal("a: !!set {x, y}\n", ROOMY)).isEqualTo("1:4: tag !!set is refused");
    assertThat(refusal("- !!omap [a: 1]\n", ROOMY)).isEqualTo("1:3: tag !!omap is refused");
    assertThat(refusal("!!javax.script.ScriptEngineManager [x]", ROOMY))
        .isEqualTo("1:1: tag !!javax.script.ScriptEngineManager is refused");
    // The plain types may be written out.
    MappingNode map = (MappingNode) compose(
        "a: !!str 1\nb: !!int 2\nc: !!map {x: 1}\nd: !!seq [1]\ne: ! 3\nf: !!null ''\n", ROOMY);
    assertThat(map.getValue()).hasSize(6);
    assertThat(GuardedYamlParser.STANDARD_TAGS).contains("!", "tag:yaml.org,2002:str",
        "tag:yaml.org,2002:bool", "tag:yaml.org,2002:float").doesNotContain(
        "tag:yaml.org,2002:binary", "tag:yaml.org,2002:timestamp");
  }

  @Test
  void theLastMarkFollowsTheEventsPulled() {
    GuardedYamlParser parser = parser("a: 1\nb: [2]\n", ROOMY);
    assertThat(parser.lastMark()).isNull();
    assertThat(parser.aliases()).isZero();
    new Composer(parser, new Resolver(), new LoaderOptions()).getSingleNode();
    // The stream end, after the last line.
    assertThat(parser.lastMark().getLine()).isEqualTo(2);
    assertThat(parser.checkEvent(org.yaml.snakeyaml.events.Event.ID.StreamEnd)).isFalse();
  }

  @Test
  void peekingDoesNotConsumeAnEvent() {
    GuardedYamlParser parser = parser("x", ROOMY);
    assertThat(parser.checkEvent(org.yaml.snakeyaml.events.Event.ID.StreamStart)).isTrue();
    assertThat(parser.peekEvent().is(org.yaml.snakeyaml.events.Event.ID.StreamStart)).isTrue();
    assertThat(parser.getEvent().is(org.yaml.snakeyaml.events.Event.ID.StreamStart)).isTrue();
    assertThat(parser.peekEvent().is(org.yaml.snakeyaml.events.Event.ID.DocumentStart))
        .isTrue();
  }

  @Test
  void theReasonForABrokenFileNamesWhereTheUnclosedPartStarts() {
    MarkedYAMLException e = snakeError("a: b\nc: \"unclosed\n");
    assertThat(GuardedYamlParser.plainReason(e))
        .isEqualTo("found unexpected end of stream (while scanning a quoted scalar that starts"
            + " at 2:4)");
    // SnakeYAML's problem quotes the character it choked on, newline included: one line.
    assertThat(GuardedYamlParser.plainReason(new Refused("a\nb", null))).isEqualTo("a\\nb");
    assertThat(GuardedYamlParser.plainReason(new Refused(null, null)))
        .isEqualTo("not valid YAML");
    MarkedYAMLException contextOnly = new MarkedYAMLException("while\nreading", null, "bad",
        null) {};
    assertThat(GuardedYamlParser.plainReason(contextOnly)).isEqualTo("bad (while\\nreading)");
  }

  private static MarkedYAMLException snakeError(String text) {
    try {
      compose(text, ROOMY);
    } catch (MarkedYAMLException e) {
      return e;
    }
    throw new AssertionError("composed: " + text);
  }

  /** SnakeYAML's own limits behind the guard hold on their own too. */
  @Test
  void theLoaderOptionsAreABackstopOfTheirOwn() {
    LoaderOptions options = GuardedYamlParser.loaderOptions(20, 1, 2);
    assertThatThrownBy(() -> plainCompose("a: " + "x".repeat(40), options))
        .isInstanceOf(YAMLException.class).hasMessageContaining("code points");
    assertThatThrownBy(() -> plainCompose("a: &l [1]\nb: *l\nc: *l", options))
        .isInstanceOf(YAMLException.class).hasMessageContaining("aliases");
    assertThatThrownBy(() -> plainCompose("[[[1]]]", options))
        .isInstanceOf(YAMLException.class).hasMessageContaining("Nesting Depth");
    assertThatThrownBy(() -> plainCompose("!!java.io.File x", options))
        .isInstanceOf(YAMLException.class).hasMessageContaining("Global tag is not allowed");
    LoaderOptions roomy = GuardedYamlParser.loaderOptions(1_000, 10, 10);
    assertThatThrownBy(() -> new Yaml(new SafeConstructor(roomy)).load("a: 1\na: 2\n"))
        .isInstanceOf(YAMLException.class).hasMessageContaining("duplicate key a");
  }

  private static Node plainCompose(String text, LoaderOptions options) {
    return new Composer(new ParserImpl(new StreamReader(text), options), new Resolver(),
        options).getSingleNode();
  }
}
