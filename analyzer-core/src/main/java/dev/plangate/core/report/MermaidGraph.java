package dev.plangate.core.report;

import dev.plangate.core.impact.Finding;
import dev.plangate.core.impact.Phrases;
import dev.plangate.core.model.ResourceAddress;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.jgrapht.Graph;
import org.jgrapht.alg.TransitiveReduction;
import org.jgrapht.graph.DefaultEdge;
import org.jgrapht.graph.SimpleDirectedGraph;

/**
 * The blast radius as a Mermaid {@code graph LR} block for the Markdown report. Nodes are the
 * destroyed and replaced resources with the largest reach (coloured by what happens to them)
 * and, in grey, the other resources that depend on them: each its own node while everything
 * fits, else one node per module instance. An arrow points from a resource to what depends on
 * it.
 * <p>A finding's downstream is transitive (everything that depends on it), so drawing it as
 * given would draw every path's shortcuts too (23 edges for 7 nodes). The graph is reduced to
 * its transitive reduction (jgrapht) first: an edge is kept only when no longer path says the
 * same. Sources with the same successors share one line ({@code a & b --> c & d}). At most
 * {@link #MAX_NODES} nodes; what is not drawn is counted. Every label goes through
 * {@link Escape#mermaid(String)}.
 */
final class MermaidGraph {
  static final int MAX_NODES = 25;
  static final int MAX_FINDINGS = 20;

  private MermaidGraph() {}

  static void append(StringBuilder sb, List<Finding> sorted) {
    // The graph is about reach: the largest blast radius is drawn first.
    List<Finding> destroys = sorted.stream().filter(f -> f.action().destroys())
        .sorted(Comparator.comparingInt((Finding f) -> -f.downstream().total())
            .thenComparing(Finding::key))
        .toList();
    List<Finding> drawn = destroys.subList(0, Math.min(MAX_FINDINGS, destroys.size()));
    Map<String, String> ids = new LinkedHashMap<>();
    Map<String, String> labels = new LinkedHashMap<>();
    Map<String, String> classes = new LinkedHashMap<>();
    for (int i = 0; i < drawn.size(); i++) {
      Finding f = drawn.get(i);
      ids.put(f.key(), "f" + i);
      labels.put("f" + i, Wording.verb(f) + ": " + f.key());
      classes.put("f" + i, f.action().id());
    }
    // Other dependents: each its own node while they fit, else one node per module instance
    // (whose arrows then say "something in this module depends on it").
    Set<String> others = new LinkedHashSet<>();
    drawn.forEach(f -> deps(f).stream().filter(d -> !ids.containsKey(d)).forEach(others::add));
    boolean single = ids.size() + others.size() <= MAX_NODES;
    Map<String, Set<String>> groups = new LinkedHashMap<>();
    for (String dep : others) {
      groups.computeIfAbsent(single ? dep : moduleOf(dep), k -> new TreeSet<>()).add(dep);
    }
    Map<String, String> groupIds = new LinkedHashMap<>();
    long undrawn = 0;
    for (Map.Entry<String, Set<String>> g : groups.entrySet()) {
      if (ids.size() + groupIds.size() >= MAX_NODES) {
        undrawn += g.getValue().size();
        continue;
      }
      String id = "g" + groupIds.size();
      groupIds.put(g.getKey(), id);
      Set<String> members = g.getValue();
      labels.put(id, members.size() == 1 ? members.iterator().next()
          : members.size() + " other resources in " + g.getKey());
      classes.put(id, "other");
    }
    Graph<String, DefaultEdge> graph = new SimpleDirectedGraph<>(DefaultEdge.class);
    labels.keySet().forEach(graph::addVertex);
    for (Finding f : drawn) {
      String from = ids.get(f.key());
      for (String dep : deps(f)) {
        String to = ids.containsKey(dep) ? ids.get(dep)
            : groupIds.get(single ? dep : moduleOf(dep));
        if (to != null && !to.equals(from)) {
          graph.addEdge(from, to);
        }
      }
    }
    TransitiveReduction.INSTANCE.reduce(graph);

    sb.append("```mermaid\ngraph LR\n");
    Set<String> declared = new LinkedHashSet<>();
    // One line per set of sources that share their successors.
    Map<List<String>, List<String>> bySuccessors = new LinkedHashMap<>();
    for (String v : labels.keySet()) {
      List<String> next = graph.outgoingEdgesOf(v).stream().map(graph::getEdgeTarget)
          .sorted(Comparator.comparingInt(MermaidGraph::order)).toList();
      if (!next.isEmpty()) {
        bySuccessors.computeIfAbsent(next, k -> new ArrayList<>()).add(v);
      }
    }
    for (Map.Entry<List<String>, List<String>> e : bySuccessors.entrySet()) {
      sb.append("  ").append(nodes(e.getValue(), labels, classes, declared)).append(" --> ")
          .append(nodes(e.getKey(), labels, classes, declared)).append('\n');
    }
    for (String v : labels.keySet()) {
      if (!declared.contains(v)) {
        sb.append("  ").append(nodes(List.of(v), labels, classes, declared)).append('\n');
      }
    }
    for (String c : new LinkedHashSet<>(classes.values())) {
      sb.append("  classDef ").append(c).append(switch (c) {
        case "delete" -> " fill:#fdd,stroke:#c00";
        case "replace" -> " fill:#fed,stroke:#c60";
        default -> " fill:#eee,stroke:#999";
      }).append('\n');
    }
    sb.append("```\n");
    if (destroys.size() > drawn.size() || undrawn > 0) {
      List<String> parts = new ArrayList<>();
      if (destroys.size() > drawn.size()) {
        parts.add(Phrases.plural(destroys.size() - drawn.size(),
            "more destroyed or replaced resource", "more destroyed or replaced resources"));
      }
      if (undrawn > 0) {
        parts.add(Phrases.plural(undrawn, "dependent", "dependents") + " in further modules");
      }
      sb.append("\nAnd ").append(String.join(" and ", parts)).append(", not drawn (the JSON"
          + " report lists everything).\n");
    }
  }

  /** Nodes joined by {@code &}, each labelled and classed where it first appears. */
  private static String nodes(List<String> ids, Map<String, String> labels,
      Map<String, String> classes, Set<String> declared) {
    return ids.stream().map(id -> declared.add(id)
        ? id + "[\"" + Escape.mermaid(labels.get(id)) + "\"]:::" + classes.get(id) : id)
        .collect(Collectors.joining(" & "));
  }

  /** Findings before other dependents, each in drawing order. */
  private static int order(String id) {
    return (id.charAt(0) == 'f' ? 0 : 100_000) + Integer.parseInt(id.substring(1));
  }

  private static List<String> deps(Finding f) {
    return Stream.concat(f.downstream().changing().stream(),
        f.downstream().unchanged().stream()).toList();
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
