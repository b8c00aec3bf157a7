package dev.plangate.core.report;

import dev.plangate.core.impact.Finding;
import dev.plangate.core.model.ResourceAddress;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The blast radius as a Mermaid {@code graph LR} block for the Markdown report: the destroyed and
 * replaced resources with the largest reach, and what depends on them collapsed into one node per
 * module instance. Every label goes through {@link Escape#mermaid(String)}.
 */
final class MermaidGraph {
  static final int GRAPH_FINDINGS = 20;
  static final int GRAPH_NODES = 60;

  private MermaidGraph() {}

  /**
   * Findings are nodes; what depends on them is collapsed into one node per module instance, so
   * the graph stays readable at any plan size. Caps are stated, not silent.
   */
  static void append(StringBuilder sb, List<Finding> sorted) {
    // The graph is about reach: the largest blast radius is drawn first.
    List<Finding> destroys = sorted.stream().filter(f -> f.action().destroys())
        .sorted(java.util.Comparator.comparingInt((Finding f) -> -f.downstream().total())
            .thenComparing(Finding::key))
        .toList();
    List<Finding> drawn = destroys.subList(0, Math.min(GRAPH_FINDINGS, destroys.size()));
    Map<String, String> ids = new HashMap<>();
    StringBuilder nodes = new StringBuilder();
    StringBuilder edges = new StringBuilder();
    for (int i = 0; i < drawn.size(); i++) {
      Finding f = drawn.get(i);
      String id = "f" + i;
      ids.put(f.key(), id);
      nodes.append("  ").append(id).append("[\"").append(Escape.mermaid(Wording.verb(f)))
          .append(": ").append(Escape.mermaid(f.key())).append("\"]:::")
          .append(f.action().id()).append('\n');
    }
    Map<String, Integer> groups = new LinkedHashMap<>();
    Map<String, String> groupIds = new LinkedHashMap<>();
    int nodeCount = drawn.size();
    long undrawnDependents = 0;
    for (Finding f : drawn) {
      Map<String, Integer> perModule = new LinkedHashMap<>();
      for (String dep : concat(f.downstream().changing(), f.downstream().unchanged())) {
        String target = ids.get(dep);
        if (target != null) {
          edges.append("  ").append(ids.get(f.key())).append(" --> ").append(target).append('\n');
        } else {
          perModule.merge(moduleOf(dep), 1, Integer::sum);
        }
      }
      for (Map.Entry<String, Integer> m : perModule.entrySet()) {
        String gid = groupIds.get(m.getKey());
        if (gid == null) {
          if (nodeCount >= GRAPH_NODES) {
            undrawnDependents += m.getValue();
            continue;
          }
          gid = "g" + groupIds.size();
          groupIds.put(m.getKey(), gid);
          nodeCount++;
        }
        groups.merge(m.getKey(), m.getValue(), Math::max);
        edges.append("  ").append(ids.get(f.key())).append(" --> ").append(gid).append('\n');
      }
    }
    sb.append("```mermaid\ngraph LR\n").append(nodes);
    for (Map.Entry<String, String> g : groupIds.entrySet()) {
      int n = groups.getOrDefault(g.getKey(), 0);
      sb.append("  ").append(g.getValue()).append("[\"").append(Escape.mermaid(g.getKey()))
          .append(": ").append(n).append(n == 1 ? " dependent" : " dependents")
          .append("\"]:::group\n");
    }
    sb.append(edges);
    sb.append("  classDef delete fill:#fdd,stroke:#c00\n")
        .append("  classDef replace fill:#fed,stroke:#c60\n")
        .append("  classDef group fill:#eee,stroke:#999\n```\n\n");
    if (destroys.size() > drawn.size() || undrawnDependents > 0) {
      sb.append("Not drawn: ");
      if (destroys.size() > drawn.size()) {
        sb.append(destroys.size() - drawn.size()).append(" more destroyed or replaced resources");
      }
      if (undrawnDependents > 0) {
        sb.append(destroys.size() > drawn.size() ? "; " : "")
            .append(undrawnDependents).append(" dependents in further modules");
      }
      sb.append(" (the graph is capped at ").append(GRAPH_NODES)
          .append(" nodes; the JSON report lists everything).\n\n");
    }
    sb.append("Dependents are grouped by module instance.\n");
  }

  private static List<String> concat(List<String> a, List<String> b) {
    return java.util.stream.Stream.concat(a.stream(), b.stream()).toList();
  }

  private static String moduleOf(String key) {
    String address = key.contains(" (deposed ") ? key.substring(0, key.indexOf(" (deposed "))
        : key;
    try {
      String m = ResourceAddress.parse(address).moduleInstance();
      return m.isEmpty() ? "root module" : m;
    } catch (IllegalArgumentException e) {
      return "other";
    }
  }
}
