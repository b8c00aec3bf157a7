package dev.plangate.core.cloudformation;

import dev.plangate.core.plan.GuardedYamlParser;
import dev.plangate.core.plan.LinearStreamReader;
import dev.plangate.core.plan.PlanReadException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.composer.Composer;
import org.yaml.snakeyaml.constructor.AbstractConstruct;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.parser.ParserImpl;
import org.yaml.snakeyaml.reader.ReaderException;
import org.yaml.snakeyaml.resolver.Resolver;

/**
 * Reads a CloudFormation YAML template into plain maps, lists and strings in the long (JSON)
 * form, so that {@code !Ref X} and {@code Ref: X} are the same value to everything downstream.
 *
 * <p>A template comes from the repository under review, which an AI agent may have written, so
 * this follows the policy loader's approach: no Java object other than maps, lists and scalars is
 * ever built (a {@code !!javax.script.ScriptEngineManager} tag is refused before construction),
 * and the limits that keep a hostile file from exhausting memory or the stack are enforced at the
 * event where they are crossed, so the error names its line and column. Only the intrinsic
 * function tags CloudFormation defines are accepted; any other tag is an error, because guessing
 * what it means could hide a reference.
 *
 * <p>Plain scalars stay strings: YAML 1.1 would turn {@code 2010-09-09} into a date, {@code 0755}
 * into 493 and {@code 1.10} into 1.1, all of which change what a diff compares. Only {@code null},
 * {@code ~} and empty values resolve (to null); {@link TemplateValues} compares scalars the way
 * CloudFormation does.
 */
final class TemplateYaml {
  /** The most characters a template may have: 5 Mi, well above CloudFormation's 1 MB limit. */
  static final int MAX_CODE_POINTS = 5 * 1024 * 1024;
  /** The most aliases to lists or mappings (CloudFormation itself accepts no aliases at all). */
  static final int MAX_COLLECTION_ALIASES = 50;
  /** The deepest nesting of lists and mappings; real templates stay far below it. */
  static final int MAX_DEPTH = 100;
  /**
   * The most a template may weigh with its aliases expanded, aliases of scalars included
   * ({@link GuardedYamlParser.Rules}): twice the size limit, so aliases cannot multiply it.
   */
  static final long MAX_EXPANDED = 2L * MAX_CODE_POINTS;

  /**
   * The short-form function tags: {@code !X} means {@code Fn::X}. Includes the
   * AWS::LanguageExtensions functions and those used in Rules.
   */
  static final List<String> FUNCTIONS = List.of("Base64", "Cidr", "FindInMap", "GetAZs",
      "ImportValue", "Join", "Select", "Split", "Sub", "Transform", "If", "Equals", "And", "Or",
      "Not", "GetAtt", "Length", "ToJsonString", "Contains", "EachMemberEquals", "EachMemberIn",
      "RefAll", "ValueOf", "ValueOfAll");

  /** Each short-form tag and the key of its long form: {@code !Ref} is {@code Ref}. */
  private static final Map<String, String> LONG_FORMS = longForms();

  /** The intrinsic function tags and the plain YAML types; any other tag is refused. */
  private static final Set<String> ALLOWED_TAGS = Stream.concat(
      GuardedYamlParser.STANDARD_TAGS.stream(), LONG_FORMS.keySet().stream())
      .collect(Collectors.toUnmodifiableSet());

  /**
   * What the guard stops: tags other than the intrinsic functions and the plain YAML types,
   * alias bombs, aliases into their own collection (a cyclic tree), and nesting beyond the limit.
   */
  private static final GuardedYamlParser.Rules GUARD = new GuardedYamlParser.Rules(
      MAX_DEPTH, "the limit for a template",
      MAX_COLLECTION_ALIASES, ", and CloudFormation accepts none",
      ALLOWED_TAGS::contains,
      shown -> "tag " + shown + " is not a CloudFormation intrinsic function (!Ref, !GetAtt,"
          + " !Sub, ...); plangate will not guess what it means",
      TemplateYamlProblem::new,
      MAX_EXPANDED);

  private TemplateYaml() {}

  /**
   * What a YAML template holds.
   *
   * @param value the document in long form (maps, lists, strings, nulls)
   * @param resourceLines each key of the top-level {@code Resources} mapping to its 1-based line
   * @param usesAliases true when the file uses anchors and aliases, which CloudFormation rejects
   */
  record Parsed(Object value, Map<String, Integer> resourceLines, boolean usesAliases) {}

  /**
   * Parses the single document in {@code text}.
   *
   * @throws PlanReadException naming {@code name}, the line and column, and the reason
   */
  static Parsed parse(String text, String name) throws PlanReadException {
    if (text.length() > MAX_CODE_POINTS
        && text.codePointCount(0, text.length()) > MAX_CODE_POINTS) {
      throw new PlanReadException(name, "the file is longer than " + MAX_CODE_POINTS
          + " characters, far above CloudFormation's own template size limit");
    }
    LoaderOptions options = GuardedYamlParser.loaderOptions(MAX_CODE_POINTS + 1,
        MAX_COLLECTION_ALIASES + 1, MAX_DEPTH + 1);
    GuardedYamlParser parser =
        new GuardedYamlParser(new ParserImpl(new LinearStreamReader(text), options), GUARD);
    try {
      Node root = new Composer(parser, new StringsResolver(), options).getSingleNode();
      if (root == null) {
        throw new PlanReadException(name, "the file is empty; a CloudFormation template is a"
            + " mapping with a Resources section");
      }
      keysAsText(root);
      Object value = new IntrinsicConstructor(options).construct(root);
      return new Parsed(value, resourceLines(root), parser.aliases() > 0);
    } catch (MarkedYAMLException e) {
      throw new PlanReadException(name, line(e.getProblemMark()), column(e.getProblemMark()),
          GuardedYamlParser.plainReason(e), e);
    } catch (ReaderException e) {
      throw new PlanReadException(name, String.format(
          "character U+%04X at character %d is not allowed in YAML (only printable characters"
              + " are)", e.getCodePoint(), e.getPosition() + 1), e);
    } catch (YAMLException e) {
      throw new PlanReadException(name, line(parser.lastMark()), column(parser.lastMark()),
          "not a valid template: " + e.getMessage(), e);
    }
  }

  /** The mark's 1-based line, or 0 without one. */
  static int line(Mark mark) {
    return mark == null ? 0 : mark.getLine() + 1;
  }

  /** The mark's 1-based column, or 0 without one. */
  static int column(Mark mark) {
    return mark == null ? 0 : mark.getColumn() + 1;
  }

  private static Map<String, String> longForms() {
    Map<String, String> forms = new LinkedHashMap<>();
    forms.put("!Ref", "Ref");
    forms.put("!Condition", "Condition");
    FUNCTIONS.forEach(f -> forms.put("!" + f, "Fn::" + f));
    return Collections.unmodifiableMap(forms);
  }

  /**
   * Plain mapping keys are names, never null: {@code Null} is an IAM condition operator, and
   * YAML 1.1 would otherwise read it as null. Only an empty key stays null (and is rejected).
   */
  private static void keysAsText(Node root) {
    Set<Node> seen = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
    Deque<Node> todo = new ArrayDeque<>();
    todo.push(root);
    while (!todo.isEmpty()) {
      Node n = todo.pop();
      if (!seen.add(n)) {
        continue;
      }
      if (n instanceof MappingNode m) {
        for (NodeTuple t : m.getValue()) {
          if (t.getKeyNode() instanceof ScalarNode k && k.getTag().equals(Tag.NULL)
              && k.isPlain() && !k.getValue().isEmpty()) {
            k.setTag(Tag.STR);
          }
          todo.push(t.getKeyNode());
          todo.push(t.getValueNode());
        }
      } else if (n instanceof SequenceNode q) {
        q.getValue().forEach(todo::push);
      }
    }
  }

  private static Map<String, Integer> resourceLines(Node root) {
    Map<String, Integer> lines = new LinkedHashMap<>();
    if (!(root instanceof MappingNode top)) {
      return lines;
    }
    for (NodeTuple t : top.getValue()) {
      if (t.getKeyNode() instanceof ScalarNode k && k.getValue().equals("Resources")
          && t.getValueNode() instanceof MappingNode resources) {
        for (NodeTuple r : resources.getValue()) {
          if (r.getKeyNode() instanceof ScalarNode id) {
            lines.putIfAbsent(id.getValue(), id.getStartMark().getLine() + 1);
          }
        }
      }
    }
    return lines;
  }

  /** Resolves plain scalars to strings, except null, {@code ~}, empty values and merge keys. */
  private static final class StringsResolver extends Resolver {
    @Override
    protected void addImplicitResolvers() {
      addImplicitResolver(Tag.MERGE, MERGE, "<", 10);
      addImplicitResolver(Tag.NULL, NULL, "~nN\0", 10);
      addImplicitResolver(Tag.NULL, EMPTY, null, 10);
    }
  }

  /** A problem at a known place, thrown through the composer or constructor. */
  private static final class TemplateYamlProblem extends MarkedYAMLException {
    private static final long serialVersionUID = 1L;

    TemplateYamlProblem(String problem, Mark mark) {
      super(null, null, problem, mark, (String) null);
    }
  }

  /**
   * Maps each short-form tag to its long form: {@code !Ref x} → {@code {"Ref": x}},
   * {@code !Condition c} → {@code {"Condition": c}}, {@code !F arg} → {@code {"Fn::F": arg}}
   * whatever the argument's shape, and {@code !GetAtt a.b} → {@code {"Fn::GetAtt": [a, b]}}.
   * Everything else is SafeConstructor's: maps, lists, strings and nulls.
   */
  private static final class IntrinsicConstructor extends SafeConstructor {
    IntrinsicConstructor(LoaderOptions options) {
      super(options);
      // The constructor keeps its own copy of this flag; Yaml would copy it, we must do it here.
      setAllowDuplicateKeys(options.isAllowDuplicateKeys());
      LONG_FORMS.forEach((tag, key) -> yamlConstructors.put(new Tag(tag), new LongForm(key)));
      // Dates and binary never come from a template; the guard refuses the tags, this is a
      // second line of defence should a resolver ever produce them.
      yamlConstructors.remove(Tag.TIMESTAMP);
      yamlConstructors.remove(Tag.BINARY);
      yamlConstructors.remove(Tag.SET);
      yamlConstructors.remove(Tag.OMAP);
      yamlConstructors.remove(Tag.PAIRS);
    }

    Object construct(Node root) {
      return constructDocument(root);
    }

    private final class LongForm extends AbstractConstruct {
      private final String key;

      LongForm(String key) {
        this.key = key;
      }

      @Override
      public Object construct(Node node) {
        Object argument;
        if (node instanceof ScalarNode scalar) {
          String text = constructScalar(scalar);
          argument = key.equals("Fn::GetAtt") ? getAtt(text, scalar) : text;
        } else if (node instanceof SequenceNode sequence) {
          argument = new ArrayList<>(constructSequence(sequence));
        } else {
          argument = constructMapping((MappingNode) node);
        }
        Map<Object, Object> longForm = new LinkedHashMap<>();
        longForm.put(key, argument);
        return longForm;
      }

      /** {@code !GetAtt a.b.c} is {@code [a, "b.c"]}: the logical ID has no dots. */
      private Object getAtt(String text, ScalarNode node) {
        int dot = text.indexOf('.');
        if (dot <= 0 || dot == text.length() - 1) {
          throw new TemplateYamlProblem("!GetAtt " + text + " is not LogicalId.Attribute",
              node.getStartMark());
        }
        List<Object> pair = new ArrayList<>(2);
        pair.add(text.substring(0, dot));
        pair.add(text.substring(dot + 1));
        return pair;
      }
    }
  }
}
