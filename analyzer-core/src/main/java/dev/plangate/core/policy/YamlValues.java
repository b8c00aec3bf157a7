package dev.plangate.core.policy;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * How a composed YAML node reads as a JSON value, which is what the schema speaks about. Values
 * are taken from the node tree and never constructed as Java objects: a scalar is its text plus
 * the tag SnakeYAML's YAML 1.1 resolver gave it. A timestamp reads as a string, because JSON has
 * no dates and the file means the text {@code 2026-12-31}, not a moment in some time zone.
 */
final class YamlValues {
  static final String OBJECT = "object";
  static final String ARRAY = "array";
  static final String STRING = "string";
  static final String INTEGER = "integer";
  static final String NUMBER = "number";
  static final String BOOLEAN = "boolean";
  static final String NULL = "null";

  /** Scalar tags with one JSON type (a float's depends on its value). */
  private static final Map<Tag, String> SCALAR_TYPES = Map.of(Tag.STR, STRING, Tag.TIMESTAMP,
      STRING, Tag.INT, INTEGER, Tag.BOOL, BOOLEAN, Tag.NULL, NULL);

  private static final int SHOWN_CHARACTERS = 60;

  private YamlValues() {}

  /**
   * The JSON type of a node, or null for a tag JSON has no type for (the parser guard rejects
   * explicit tags before this, so null means something got past it: fail closed).
   */
  static String jsonType(Node node) {
    if (node instanceof MappingNode) {
      return Tag.MAP.equals(node.getTag()) ? OBJECT : null;
    }
    if (node instanceof SequenceNode) {
      return Tag.SEQ.equals(node.getTag()) ? ARRAY : null;
    }
    if (Tag.FLOAT.equals(node.getTag())) {
      return integral(node) ? INTEGER : NUMBER;
    }
    return SCALAR_TYPES.get(node.getTag());
  }

  /** The text of a string scalar, or null for anything else. */
  static String string(Node node) {
    return STRING.equals(jsonType(node)) ? ((ScalarNode) node).getValue() : null;
  }

  /** Whether a scalar is an empty value, as in {@code approval:} with nothing after it. */
  static boolean isEmpty(Node node) {
    return node instanceof ScalarNode s && Tag.NULL.equals(node.getTag()) && s.getValue().isEmpty();
  }

  /**
   * The JSON value of a string, number or boolean scalar: a String, a BigDecimal or a Boolean;
   * null for a number YAML allows but JSON cannot hold (.inf, .nan).
   */
  static Object jsonValue(ScalarNode node) {
    String type = jsonType(node);
    String text = node.getValue();
    if (STRING.equals(type)) {
      return text;
    }
    if (BOOLEAN.equals(type)) {
      return switch (text.toLowerCase(Locale.ROOT)) {
        case "true", "yes", "on" -> Boolean.TRUE;
        default -> Boolean.FALSE;
      };
    }
    return Tag.INT.equals(node.getTag()) ? yamlInteger(text) : yamlFloat(text);
  }

  /**
   * What a node is, for the end of a message ({@code not "maybe"}, {@code not a mapping}):
   * strings quoted, other scalars as written, collections by kind.
   */
  static String describe(Node node) {
    if (node instanceof MappingNode) {
      return "a mapping";
    }
    if (node instanceof SequenceNode) {
      return "a list";
    }
    String text = ((ScalarNode) node).getValue();
    return switch (Objects.requireNonNullElse(jsonType(node), "")) {
      case STRING -> quote(text);
      case NULL -> text.isEmpty() ? "empty" : "null (" + shorten(text) + ")";
      case BOOLEAN -> "the boolean " + shorten(text);
      case INTEGER, NUMBER -> "the number " + shorten(text);
      default -> shorten(text);
    };
  }

  /** Text in double quotes with JSON escapes, shortened so a message stays one readable line. */
  static String quote(String text) {
    String shown = shorten(text);
    StringBuilder out = new StringBuilder("\"");
    shown.codePoints().forEach(c -> {
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> {
          if (c < 0x20 || (c >= 0x7f && c < 0xa0) || c == 0x2028 || c == 0x2029) {
            out.append(String.format("\\u%04x", c));
          } else {
            out.appendCodePoint(c);
          }
        }
      }
    });
    return out.append('"').toString();
  }

  private static String shorten(String text) {
    if (text.codePointCount(0, text.length()) <= SHOWN_CHARACTERS) {
      return text;
    }
    return text.substring(0, text.offsetByCodePoints(0, SHOWN_CHARACTERS - 1)) + "…";
  }

  private static boolean integral(Node node) {
    BigDecimal value = yamlFloat(((ScalarNode) node).getValue());
    return value != null && value.stripTrailingZeros().scale() <= 0;
  }

  /** A YAML 1.1 integer: {@code 1_000}, {@code 0x1f}, {@code 0b101}, {@code 017}, {@code 1:30}. */
  private static BigDecimal yamlInteger(String text) {
    String s = text.replace("_", "");
    boolean negative = s.startsWith("-");
    if (s.startsWith("-") || s.startsWith("+")) {
      s = s.substring(1);
    }
    try {
      BigInteger value;
      if (s.contains(":")) {
        value = BigInteger.ZERO;
        for (String part : s.split(":")) {
          value = value.multiply(BigInteger.valueOf(60)).add(new BigInteger(part));
        }
      } else if (s.startsWith("0x")) {
        value = new BigInteger(s.substring(2), 16);
      } else if (s.startsWith("0b")) {
        value = new BigInteger(s.substring(2), 2);
      } else if (s.length() > 1 && s.startsWith("0")) {
        value = new BigInteger(s.substring(1), 8);
      } else {
        value = new BigInteger(s);
      }
      return new BigDecimal(negative ? value.negate() : value);
    } catch (NumberFormatException e) {
      return null;
    }
  }

  /** A YAML 1.1 float in plain decimal or exponent form; null for .inf, .nan and 1:30.5. */
  private static BigDecimal yamlFloat(String text) {
    try {
      return new BigDecimal(text.replace("_", ""));
    } catch (NumberFormatException e) {
      return null;
    }
  }
}
