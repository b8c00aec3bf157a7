package dev.plangate.core.cloudformation;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Template values are plain maps, lists and scalars; this is how they are frozen, compared and
 * printed. Comparison follows CloudFormation rather than Java: a JSON {@code 10} equals the YAML
 * text {@code "10"}, and {@code true} equals {@code "true"} or {@code "True"}, because
 * CloudFormation accepts strings for numbers and booleans. Two texts are compared exactly: YAML
 * {@code 010} and {@code 10} differ, which at worst reports a change that is not one.
 */
final class TemplateValues {
  /**
   * Longer text is never read as a number: parsing a number is quadratic in its digits, and no
   * template value needs a thousand of them (Jackson's limit for JSON numbers too).
   */
  private static final int MAX_NUMBER_LENGTH = 1000;

  private TemplateValues() {}

  /** An unmodifiable copy that keeps the order and allows null values. */
  static <K, V> Map<K, V> frozenCopy(Map<K, V> map) {
    return Collections.unmodifiableMap(new LinkedHashMap<>(map));
  }

  /** Scalar as text: numbers without trailing zeros, booleans in lower case. */
  static String scalarText(Object value) {
    if (value instanceof BigDecimal d) {
      return d.stripTrailingZeros().toPlainString();
    }
    if (value instanceof Double || value instanceof Float) {
      return new BigDecimal(value.toString()).stripTrailingZeros().toPlainString();
    }
    return String.valueOf(value);
  }

  /** True when CloudFormation would see the same value. */
  static boolean same(Object a, Object b) {
    return same(a, b, null);
  }

  /** The keys of either mapping whose values are not the {@link #same}, in order. */
  static Set<String> changedKeys(Map<?, ?> a, Map<?, ?> b) {
    Set<Object> keys = new LinkedHashSet<>(a.keySet());
    keys.addAll(b.keySet());
    Set<String> out = new LinkedHashSet<>();
    for (Object k : keys) {
      if (!same(a.get(k), b.get(k))) {
        out.add(String.valueOf(k));
      }
    }
    return out;
  }

  /**
   * {@link #same} for values whose mappings and lists are shared between several places (a
   * condition written out wherever it is named): each pair of them is compared once, so the
   * time is the product of their sizes, not of the trees they stand for.
   */
  static boolean sameShared(Object a, Object b) {
    return same(a, b, new IdentityHashMap<>());
  }

  /** @param compared pairs of mappings or lists already compared, by identity; null for none */
  private static boolean same(Object a, Object b, Map<Object, Map<Object, Boolean>> compared) {
    if (a == b) {
      return true;
    }
    if (a == null || b == null) {
      return false;
    }
    if ((a instanceof Map || a instanceof List) && (b instanceof Map || b instanceof List)
        && compared != null) {
      Map<Object, Boolean> withA = compared.computeIfAbsent(a, k -> new IdentityHashMap<>());
      Boolean known = withA.get(b);
      if (known == null) {
        known = sameValue(a, b, compared);
        withA.put(b, known);
      }
      return known;
    }
    return sameValue(a, b, compared);
  }

  private static boolean sameValue(Object a, Object b,
      Map<Object, Map<Object, Boolean>> compared) {
    if (a instanceof Map<?, ?> ma && b instanceof Map<?, ?> mb) {
      if (!ma.keySet().equals(mb.keySet())) {
        return false;
      }
      for (Map.Entry<?, ?> e : ma.entrySet()) {
        if (!same(e.getValue(), mb.get(e.getKey()), compared)) {
          return false;
        }
      }
      return true;
    }
    if (a instanceof List<?> la && b instanceof List<?> lb) {
      if (la.size() != lb.size()) {
        return false;
      }
      Iterator<?> ia = la.iterator();
      Iterator<?> ib = lb.iterator();
      while (ia.hasNext()) {
        if (!same(ia.next(), ib.next(), compared)) {
          return false;
        }
      }
      return true;
    }
    if (a instanceof Map || b instanceof Map || a instanceof List || b instanceof List) {
      return false;
    }
    if (a instanceof Number || b instanceof Number) {
      BigDecimal x = number(a);
      BigDecimal y = number(b);
      return x != null && y != null && x.compareTo(y) == 0;
    }
    if (a instanceof Boolean || b instanceof Boolean) {
      return a.toString().equalsIgnoreCase(b.toString());
    }
    return a.equals(b);
  }

  /**
   * A hash that agrees with {@link #same}: values it calls the same hash alike (so numbers and
   * numeric text by their value, booleans and their text in lower case, mappings whatever
   * their key order).
   */
  static int sameHash(Object value) {
    if (value == null) {
      return 0;
    }
    if (value instanceof Map<?, ?> m) {
      int h = 1;
      for (Map.Entry<?, ?> e : m.entrySet()) {
        h += Objects.hashCode(e.getKey()) ^ sameHash(e.getValue());
      }
      return h;
    }
    if (value instanceof List<?> l) {
      int h = 2;
      for (Object o : l) {
        h = 31 * h + sameHash(o);
      }
      return h;
    }
    BigDecimal n = number(value);
    if (n != null) {
      return Double.hashCode(n.doubleValue());
    }
    String text = value.toString();
    return text.equalsIgnoreCase("true") || text.equalsIgnoreCase("false")
        ? text.toLowerCase(Locale.ROOT).hashCode() : text.hashCode();
  }

  /** {@code DependsOn} values: a string or a list, order and duplicates do not matter. */
  static boolean sameDependsOn(Object a, Object b) {
    return new HashSet<>(names(a)).equals(new HashSet<>(names(b)));
  }

  private static List<String> names(Object dependsOn) {
    if (dependsOn instanceof String s) {
      return List.of(s);
    }
    List<String> out = new ArrayList<>();
    if (dependsOn instanceof List<?> l) {
      l.forEach(x -> out.add(String.valueOf(x)));
    }
    return out;
  }

  private static BigDecimal number(Object o) {
    if (o instanceof BigDecimal d) {
      return d;
    }
    if (o instanceof Number || (o instanceof String s && s.length() <= MAX_NUMBER_LENGTH)) {
      try {
        return new BigDecimal(o.toString().strip());
      } catch (NumberFormatException e) {
        return null;
      }
    }
    return null;
  }

  /**
   * The value as compact JSON in Python's default style ({@code {"Fn::Sub": "x"}}), used to
   * name an export whose name is an expression.
   */
  static String json(Object value) {
    if (value == null) {
      return "null";
    }
    if (value instanceof Map<?, ?> m) {
      return m.entrySet().stream()
          .map(e -> quote(String.valueOf(e.getKey())) + ": " + json(e.getValue()))
          .collect(Collectors.joining(", ", "{", "}"));
    }
    if (value instanceof List<?> l) {
      return l.stream().map(TemplateValues::json).collect(Collectors.joining(", ", "[", "]"));
    }
    if (value instanceof Number || value instanceof Boolean) {
      return scalarText(value);
    }
    return quote(value.toString());
  }

  private static String quote(String s) {
    StringBuilder sb = new StringBuilder("\"");
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> sb.append("\\\"");
        case '\\' -> sb.append("\\\\");
        case '\n' -> sb.append("\\n");
        case '\r' -> sb.append("\\r");
        case '\t' -> sb.append("\\t");
        default -> {
          if (c < 0x20 || c > 0x7e) {
            sb.append(String.format("\\u%04x", (int) c));
          } else {
            sb.append(c);
          }
        }
      }
    }
    return sb.append('"').toString();
  }
}
