package dev.plangate.core.cloudformation;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The conditions of one template, each with every condition it names written out. A name is
 * written out once and the result shared wherever it is named, so conditions that each name
 * the next twice stay as large as the Conditions section rather than doubling at every step
 * (compare the results with {@link TemplateValues#sameShared}).
 */
final class ConditionMeanings {
  private static final int MAX_DEPTH = 32;
  private final Template template;
  private final Map<String, Object> done = new HashMap<>();

  ConditionMeanings(Template template) {
    this.template = template;
  }

  /** The condition's definition written out; a reference past {@link #MAX_DEPTH} stays one. */
  Object meaning(String name, int depth) {
    Object known = done.get(name);
    if (known != null) {
      return known;
    }
    Object definition = template.conditions().get(name);
    if (definition == null || depth > MAX_DEPTH) {
      return Map.of("Condition", name);
    }
    Object meaning = inline(definition, depth);
    done.put(name, meaning);
    return meaning;
  }

  private Object inline(Object value, int depth) {
    if (value instanceof Map<?, ?> m) {
      if (m.size() == 1 && m.get("Condition") instanceof String c) {
        return meaning(c, depth + 1);
      }
      Map<Object, Object> out = new LinkedHashMap<>();
      m.forEach((k, v) -> out.put(k, inline(v, depth)));
      return out;
    }
    if (value instanceof List<?> l) {
      return l.stream().map(v -> inline(v, depth)).toList();
    }
    return value;
  }
}
