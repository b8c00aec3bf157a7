package dev.plangate.core.graph;

import static org.assertj.core.api.Assertions.assertThat;

import dev.plangate.core.model.ChangeKind;
import dev.plangate.core.model.Dependencies;
import dev.plangate.core.model.Plan;
import dev.plangate.core.model.PlanFormat;
import dev.plangate.core.model.ResourceChange;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Walks over the dependency graph: reach, order, cycles, and walks on many threads at once. */
class ResourceGraphTest {

  /** A plan of {@code n} instances with edges given as {dependent, dependency}. */
  static Plan plan(int n, int[]... edges) {
    List<ResourceChange> changes = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      changes.add(new ResourceChange("t.r" + i, null, "t", true, ChangeKind.DELETE, null,
          List.of("delete"), null, List.of(), null, false, true, Map.of()));
    }
    return new Plan("p", PlanFormat.TERRAFORM, null, null, changes, Dependencies.of(List.of(edges)),
        0, List.of(), false, true, List.of(), Map.of());
  }

  @Test
  void downstreamIsEverythingThatDependsOnANodeNearestFirst() {
    // 1 and 2 depend on 0; 3 depends on 1; 4 depends on 3; 5 is alone.
    ResourceGraph g = ResourceGraph.of(plan(6, new int[] {1, 0}, new int[] {2, 0},
        new int[] {3, 1}, new int[] {4, 3}));
    assertThat(g.downstream(0)).containsExactly(1, 2, 3, 4);
    assertThat(g.downstream(1)).containsExactly(3, 4);
    assertThat(g.downstream(4)).isEmpty();
    assertThat(g.downstream(5)).isEmpty();
  }

  @Test
  void aNodeOnACycleIsNotItsOwnDependent() {
    ResourceGraph g = ResourceGraph.of(plan(3, new int[] {1, 0}, new int[] {2, 1},
        new int[] {0, 2}));
    assertThat(g.downstream(0)).containsExactly(1, 2);
    assertThat(g.downstream(2)).containsExactly(0, 1);
  }

  @Test
  void walksOnManyThreadsAgreeWithOneThread() {
    int n = 2000;
    int[][] edges = IntStream.range(1, n).mapToObj(i -> new int[] {i, (i - 1) / 2})
        .toArray(int[][]::new);
    ResourceGraph g = ResourceGraph.of(plan(n, edges));
    int[] sizes = IntStream.range(0, n).map(i -> g.downstream(i).length).toArray();
    int[] parallel = IntStream.range(0, n).parallel().map(i -> g.downstream(i).length).toArray();
    assertThat(parallel).isEqualTo(sizes);
    assertThat(sizes[0]).isEqualTo(n - 1);
  }

  @Test
  void aGraphBuiltForSomeSourcesWalksAsTheWholeGraphDoesFromThem() {
    java.util.Random random = new java.util.Random(17);
    for (int round = 0; round < 50; round++) {
      int n = 1 + random.nextInt(60);
      Plan plan = plan(n, IntStream.range(0, random.nextInt(3 * n)).mapToObj(e -> new int[] {
          random.nextInt(n), random.nextInt(n)}).filter(e -> e[0] != e[1])
          .toArray(int[][]::new));
      ResourceGraph whole = ResourceGraph.of(plan);
      int[] sources = IntStream.range(0, n).filter(i -> random.nextInt(4) == 0).toArray();
      ResourceGraph part = ResourceGraph.of(plan, Map.of(), sources);
      for (int s : sources) {
        assertThat(part.downstream(s)).as("round %d, node %d", round, s)
            .containsExactly(whole.downstream(s));
      }
      assertThat(part.vertexCount()).isLessThanOrEqualTo(whole.vertexCount());
    }
  }

  @Test
  void aGraphBuiltForSomeSourcesHoldsOnlyWhatTheyReach() {
    // 1 and 2 depend on 0; 3 depends on 1; 5 depends on 4.
    Plan plan = plan(6, new int[] {1, 0}, new int[] {2, 0}, new int[] {3, 1}, new int[] {5, 4});
    ResourceGraph g = ResourceGraph.of(plan, Map.of(), new int[] {1});
    assertThat(g.downstream(1)).containsExactly(3);
    assertThat(g.vertexCount()).isEqualTo(2);
    assertThat(g.edgeCount()).isEqualTo(1);
    assertThat(ResourceGraph.of(plan).vertexCount()).isEqualTo(6);
  }
}
