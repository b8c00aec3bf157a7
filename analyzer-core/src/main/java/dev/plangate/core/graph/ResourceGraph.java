package dev.plangate.core.graph;

import dev.plangate.core.model.Dependencies;
import dev.plangate.core.model.Plan;
import java.util.Arrays;

/**
 * The dependency graph of one plan's resource instances. Vertices are node ids (indices into
 * {@link Plan#changes()}); an edge runs from a dependency to each of its dependents, so
 * everything downstream of a node is what is reachable from it.
 *
 * <p>Held as two int arrays (compressed sparse rows): the dependents of {@code v} are
 * {@code targets[offsets[v]]} up to {@code targets[offsets[v + 1]]}, in the order the reader
 * gave the edges. A large plan has a few hundred thousand edges; a general graph library keeps
 * an object per vertex and per edge for them.
 */
public final class ResourceGraph {
  private final int[] offsets;
  private final int[] targets;
  /** Per-thread visit marks, so walks from many findings can run at once on a read-only graph. */
  private final ThreadLocal<Walk> walks;

  private ResourceGraph(int[] offsets, int[] targets) {
    this.offsets = offsets;
    this.targets = targets;
    int size = offsets.length - 1;
    this.walks = ThreadLocal.withInitial(() -> new Walk(size));
  }

  private static final class Walk {
    final int[] mark;
    int generation;
    int[] queue = new int[16];

    Walk(int size) {
      mark = new int[size];
    }
  }

  /** Builds the graph of {@code plan}; edges were deduplicated by the reader. */
  public static ResourceGraph of(Plan plan) {
    int n = plan.changes().size();
    Dependencies deps = plan.dependencies();
    int[] offsets = new int[n + 1];
    for (int e = 0; e < deps.size(); e++) {
      offsets[deps.dependency(e) + 1]++;
    }
    for (int v = 0; v < n; v++) {
      offsets[v + 1] += offsets[v];
    }
    int[] next = Arrays.copyOf(offsets, n);
    int[] targets = new int[deps.size()];
    for (int e = 0; e < deps.size(); e++) {
      targets[next[deps.dependency(e)]++] = deps.dependent(e);
    }
    return new ResourceGraph(offsets, targets);
  }

  /**
   * Every instance that depends on {@code node}, directly or transitively, in breadth-first
   * order (nearest first); the node itself is excluded even when it sits on a cycle. Safe to
   * call from several threads at once.
   */
  public int[] downstream(int node) {
    Walk walk = walks.get();
    int[] mark = walk.mark;
    int stamp = ++walk.generation;
    int[] queue = walk.queue;
    int head = 0;
    int tail = 0;
    mark[node] = stamp;
    queue[tail++] = node;
    while (head < tail) {
      int v = queue[head++];
      for (int e = offsets[v]; e < offsets[v + 1]; e++) {
        int w = targets[e];
        if (mark[w] != stamp) {
          mark[w] = stamp;
          if (tail == queue.length) {
            queue = Arrays.copyOf(queue, queue.length * 2);
          }
          queue[tail++] = w;
        }
      }
    }
    walk.queue = queue;
    return Arrays.copyOfRange(queue, 1, tail);
  }
}
