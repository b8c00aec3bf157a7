package dev.plangate.core.cloudformation;

import dev.plangate.core.model.Dependencies;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The dependency edges of a plan being built, by node index: each edge once, in the order first
 * added, and never a node on itself. Both CloudFormation plans (change sets and template diffs)
 * gather edges from several sources that overlap.
 */
final class EdgeSet {
  private final Set<Long> seen = new HashSet<>();
  private final List<int[]> edges = new ArrayList<>();

  /** Adds {@code dependent → dependency} unless it is a self-edge or already there. */
  void add(int dependent, int dependency) {
    long key = ((long) dependent << 32) | (dependency & 0xffffffffL);
    if (dependent != dependency && seen.add(key)) {
      edges.add(new int[] {dependent, dependency});
    }
  }

  /**
   * Adds {@code dependent → dependency} by address when both are nodes of {@code index};
   * an edge to a resource the plan does not hold is dropped.
   */
  void add(Map<String, Integer> index, String dependent, String dependency) {
    Integer from = index.get(dependent);
    Integer to = index.get(dependency);
    if (from != null && to != null) {
      add(from, to);
    }
  }

  /** Adds every edge of {@code existing}. */
  void addAll(Dependencies existing) {
    for (int e = 0; e < existing.size(); e++) {
      add(existing.dependent(e), existing.dependency(e));
    }
  }

  Dependencies build() {
    return Dependencies.of(edges);
  }
}
