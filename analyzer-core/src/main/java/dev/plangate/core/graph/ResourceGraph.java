package dev.plangate.core.graph;

import dev.plangate.core.model.ChangeKind;
import dev.plangate.core.model.Dependencies;
import dev.plangate.core.model.Plan;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jgrapht.Graph;
import org.jgrapht.graph.AbstractBaseGraph;
import org.jgrapht.graph.DefaultEdge;
import org.jgrapht.graph.DefaultGraphSpecificsStrategy;
import org.jgrapht.graph.DefaultGraphType;

/**
 * The dependency graph of one plan's resource instances. Vertices are node ids (indices into
 * {@link Plan#changes()}); an edge runs from a dependency to each of its dependents, so
 * everything downstream of a node is what is reachable from it. jgrapht types stay inside.
 */
public final class ResourceGraph {
  private final Graph<Integer, DefaultEdge> graph;
  /** Per-thread visit marks, so walks from many findings can run at once on a read-only graph. */
  private final ThreadLocal<Walk> walks;

  private ResourceGraph(Graph<Integer, DefaultEdge> graph, int size) {
    this.graph = graph;
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
    return of(plan, Map.of());
  }

  /** The whole graph of {@code plan} with renames: see {@link #of(Plan, Map, int[])}. */
  public static ResourceGraph of(Plan plan, Map<Integer, List<Integer>> renamedFrom) {
    return of(plan, renamedFrom, null);
  }

  /**
   * Builds the graph of {@code plan}, where each created node in {@code renamedFrom} is the
   * destroyed node it was renamed from: the plan records dependencies on the new address
   * (configuration, and prior state that Terraform rewrote from it), so each edge to the new
   * node is also an edge to the old one, seen from before the change: the dependent under its
   * old name if it was renamed too, and not at all if it is new (it never depended on the old).
   *
   * <p>With {@code sources}, the graph holds only what is downstream of them: the only walks a
   * gate makes start at its findings, and on a plan of a hundred thousand instances most of
   * the graph is out of their reach. Its jgrapht objects were a tenth of a large check's time,
   * and more again in the collector's copying; the reach itself is found on plain arrays.
   * {@link #downstream} then answers only for nodes in the graph (every source is).
   *
   * @param sources the nodes walks start from, or null for every node
   */
  public static ResourceGraph of(Plan plan, Map<Integer, List<Integer>> renamedFrom,
      int[] sources) {
    int n = plan.changes().size();
    Dependencies deps = plan.dependencies();
    // Edges from dependency to dependent: the reader's, then those the renames add.
    int[] from = new int[deps.size()];
    int[] to = new int[deps.size()];
    for (int e = 0; e < deps.size(); e++) {
      from[e] = deps.dependency(e);
      to[e] = deps.dependent(e);
    }
    int count = deps.size();
    if (!renamedFrom.isEmpty()) {
      Set<Long> added = new HashSet<>();
      for (int e = 0; e < deps.size(); e++) {
        List<Integer> olds = renamedFrom.get(deps.dependency(e));
        if (olds == null) {
          continue;
        }
        int dependent = deps.dependent(e);
        List<Integer> dependentsBefore = renamedFrom.get(dependent);
        if (dependentsBefore == null) {
          if (plan.changes().get(dependent).kind() == ChangeKind.CREATE) {
            continue;
          }
          dependentsBefore = List.of(dependent);
        }
        for (int old : olds) {
          for (int before : dependentsBefore) {
            if (before != old && added.add(((long) old << 32) | before)) {
              if (count == from.length) {
                from = Arrays.copyOf(from, count * 2 + 1);
                to = Arrays.copyOf(to, count * 2 + 1);
              }
              from[count] = old;
              to[count++] = before;
            }
          }
        }
      }
    }
    boolean[] kept = sources == null ? null : reach(n, from, to, count, sources);
    Graph<Integer, DefaultEdge> g = new InstanceGraph();
    Integer[] vertex = new Integer[n];
    for (int i = 0; i < n; i++) {
      if (kept == null || kept[i]) {
        vertex[i] = i;
        g.addVertex(vertex[i]);
      }
    }
    for (int e = 0; e < count; e++) {
      // What a kept node points at is kept too: the reach is closed under edges.
      if (kept == null || kept[from[e]]) {
        g.addEdge(vertex[from[e]], vertex[to[e]]);
      }
    }
    return new ResourceGraph(g, n);
  }

  /** Marks every node reachable from {@code sources} (themselves included) over the edges. */
  private static boolean[] reach(int n, int[] from, int[] to, int count, int[] sources) {
    int[] start = new int[n + 1];
    for (int e = 0; e < count; e++) {
      start[from[e] + 1]++;
    }
    for (int v = 0; v < n; v++) {
      start[v + 1] += start[v];
    }
    int[] fill = Arrays.copyOf(start, n);
    int[] next = new int[count];
    for (int e = 0; e < count; e++) {
      next[fill[from[e]]++] = to[e];
    }
    boolean[] kept = new boolean[n];
    int[] queue = new int[n];
    int tail = 0;
    for (int s : sources) {
      if (!kept[s]) {
        kept[s] = true;
        queue[tail++] = s;
      }
    }
    for (int head = 0; head < tail; head++) {
      int v = queue[head];
      for (int i = start[v]; i < start[v + 1]; i++) {
        if (!kept[next[i]]) {
          kept[next[i]] = true;
          queue[tail++] = next[i];
        }
      }
    }
    return kept;
  }

  /**
   * A directed multigraph with jgrapht's plain specifics. The default "fast lookup" strategy keeps
   * a map from vertex pairs to edges, which only speeds up {@code getEdge(u, v)}; traversal never
   * asks for it, and on a plan with a few hundred thousand edges it doubled the build time. The
   * reader already removed duplicate edges, so no per-edge multiplicity check is needed either.
   */
  private static final class InstanceGraph extends AbstractBaseGraph<Integer, DefaultEdge> {
    private static final long serialVersionUID = 1L;

    InstanceGraph() {
      super(null, DefaultEdge::new, DefaultGraphType.directedMultigraph(),
          new DefaultGraphSpecificsStrategy<>());
    }
  }

  /** The instances in the graph: all of the plan's, or those downstream of the sources. */
  public int vertexCount() {
    return graph.vertexSet().size();
  }

  public int edgeCount() {
    return graph.edgeSet().size();
  }

  /** Number of instances that depend on {@code node} directly. */
  public int directDependents(int node) {
    return graph.outDegreeOf(node);
  }

  /**
   * Every instance that depends on {@code node}, directly or transitively, in breadth-first
   * order (nearest first); the node itself is excluded even when it sits on a cycle. Safe to
   * call from several threads at once.
   *
   * @throws IllegalArgumentException if the graph was built for sources that do not reach
   *     {@code node}
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
      for (DefaultEdge e : graph.outgoingEdgesOf(v)) {
        int w = graph.getEdgeTarget(e);
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
