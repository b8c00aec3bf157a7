package dev.plangate.core.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One test on a {@code before} attribute: {@code is}, {@code isNot}, {@code empty}, {@code gt} or
 * {@code lt}. Paths are dot-separated; numeric steps index lists (nested blocks are lists in plan
 * JSON), e.g. {@code versioning.0.enabled}.
 */
public record Condition(List<String> path, String operator, Object operand) {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final List<String> OPERATORS = List.of("is", "isNot", "empty", "gt", "lt");

  public Condition {
    path = List.copyOf(path);
  }

  static Condition parse(String type, JsonNode c) {
    String p = c.path("path").asText(null);
    if (p == null || p.isEmpty()) {
      throw new IllegalArgumentException("catalogue condition for " + type + " has no path");
    }
    String op = null;
    for (String f : (Iterable<String>) c::fieldNames) {
      if (f.equals("path")) {
        continue;
      }
      if (!OPERATORS.contains(f) || op != null) {
        throw new IllegalArgumentException("catalogue condition for " + type
            + " must have exactly one of " + OPERATORS + ", found " + f);
      }
      op = f;
    }
    if (op == null) {
      throw new IllegalArgumentException("catalogue condition for " + type + " has no operator");
    }
    Object operand = MAPPER.convertValue(c.get(op), Object.class);
    return new Condition(List.of(p.split("\\.")), op, operand);
  }

  /** The top-level attribute the path starts at: what a reader must keep. */
  public String root() {
    return path.get(0);
  }

  boolean test(Map<String, Object> before) {
    Object v = resolve(before);
    return switch (operator) {
      case "is" -> equal(v, operand);
      case "isNot" -> v != null && !equal(v, operand);
      case "empty" -> isEmpty(v) == Boolean.TRUE.equals(operand);
      case "gt" -> compare(v, operand) > 0;
      case "lt" -> compare(v, operand) < 0 && compare(v, operand) != Integer.MIN_VALUE;
      default -> false;
    };
  }

  private Object resolve(Map<String, Object> before) {
    Object v = before;
    for (String step : path) {
      if (v instanceof Map<?, ?> m) {
        v = m.get(step);
      } else if (v instanceof List<?> l && step.chars().allMatch(Character::isDigit)) {
        int i = Integer.parseInt(step);
        v = i < l.size() ? l.get(i) : null;
      } else {
        return null;
      }
    }
    return v;
  }

  private static boolean equal(Object a, Object b) {
    int c = compare(a, b);
    return c == Integer.MIN_VALUE ? Objects.equals(a, b) : c == 0;
  }

  private static boolean isEmpty(Object v) {
    return v == null
        || (v instanceof String s && s.isEmpty())
        || (v instanceof Collection<?> c && c.isEmpty())
        || (v instanceof Map<?, ?> m && m.isEmpty());
  }

  /** Sign of {@code a} minus {@code b}; {@link Integer#MIN_VALUE} when either is not a number. */
  private static int compare(Object a, Object b) {
    if (!(a instanceof Number x) || !(b instanceof Number y)) {
      return Integer.MIN_VALUE;
    }
    return new BigDecimal(x.toString()).compareTo(new BigDecimal(y.toString()));
  }
}
