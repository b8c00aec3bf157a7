package dev.plangate.core.pulumi;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Plain words for why Pulumi destroys, replaces or forgets a resource. Pulumi has no reason codes
 * like Terraform's {@code action_reason}; it names the properties instead ({@code replaceReasons},
 * {@code diffReasons}, {@code detailedDiff}), and these sentences say what they mean. Each text
 * completes "X will be destroyed because ...".
 */
final class PulumiWhy {
  /** Property names listed before "and N more". */
  private static final int MAX_NAMES = 5;
  /** The diff kinds that force a replacement, in the order the cause names them, with verbs. */
  private static final List<Map.Entry<String, String>> REPLACING_KINDS = List.of(
      Map.entry("update-replace", "changing"), Map.entry("add-replace", "adding"),
      Map.entry("delete-replace", "removing"));

  private PulumiWhy() {}

  /**
   * Why a replacement happens: the detailed diff's replacing entries when there are any (they say
   * whether a property is added, changed or removed, and give nested paths), else the replace
   * reasons; other changed properties follow in brackets.
   */
  static String replacement(List<String> replaceReasons, List<String> diffReasons,
      Map<String, String> detailedDiff) {
    Map<String, List<String>> pathsByKind = new HashMap<>();
    detailedDiff.forEach((path, kind) ->
        pathsByKind.computeIfAbsent(kind, k -> new ArrayList<>()).add(path));
    int count = 0;
    List<String> parts = new ArrayList<>();
    for (Map.Entry<String, String> kind : REPLACING_KINDS) {
      List<String> paths = pathsByKind.get(kind.getKey());
      if (paths != null) {
        parts.add(kind.getValue() + " " + names(paths));
        count += paths.size();
      }
    }
    if (parts.isEmpty()) {
      if (replaceReasons.isEmpty()) {
        return "Pulumi plans a replacement without naming a property (a resource it depends on,"
            + " or its provider, may be replaced)";
      }
      parts.add("changing " + names(replaceReasons));
      count = replaceReasons.size();
    }
    StringBuilder sb = new StringBuilder(join(parts))
        .append(count == 1 ? " forces replacement" : " force replacement");
    // Properties that differ without forcing the replacement, named after the cause.
    Set<String> replacing = new LinkedHashSet<>();
    replaceReasons.forEach(r -> replacing.add(topLevel(r)));
    detailedDiff.forEach((path, kind) -> {
      if (kind.endsWith("-replace")) {
        replacing.add(topLevel(path));
      }
    });
    Set<String> alsoChanged = new LinkedHashSet<>();
    diffReasons.forEach(r -> alsoChanged.add(topLevel(r)));
    detailedDiff.keySet().forEach(path -> alsoChanged.add(topLevel(path)));
    alsoChanged.removeAll(replacing);
    if (!alsoChanged.isEmpty()) {
      sb.append(" (it also changes ").append(names(List.copyOf(alsoChanged))).append(')');
    }
    return sb.toString();
  }

  /** What an update changes: "changes code and environment". */
  static String update(List<String> diffReasons, Map<String, String> detailedDiff) {
    Set<String> props = new LinkedHashSet<>(diffReasons);
    if (props.isEmpty()) {
      for (String path : detailedDiff.keySet()) {
        props.add(topLevel(path));
      }
    }
    return props.isEmpty() ? null : "it changes " + names(List.copyOf(props));
  }

  /** {@code tags.CostCenter} and {@code ingress[0]} belong to {@code tags} and {@code ingress}. */
  static String topLevel(String path) {
    int end = 0;
    while (end < path.length() && path.charAt(end) != '.' && path.charAt(end) != '[') {
      end++;
    }
    return path.substring(0, end);
  }

  /** "a", "a and b", "a, b and c", "a, b, c, d, e and 2 more". */
  static String names(List<String> names) {
    if (names.size() > MAX_NAMES) {
      return String.join(", ", names.subList(0, MAX_NAMES)) + " and "
          + (names.size() - MAX_NAMES) + " more";
    }
    return join(names);
  }

  private static String join(List<String> items) {
    if (items.size() <= 1) {
      return items.isEmpty() ? "" : items.get(0);
    }
    return String.join(", ", items.subList(0, items.size() - 1)) + " and "
        + items.get(items.size() - 1);
  }
}
