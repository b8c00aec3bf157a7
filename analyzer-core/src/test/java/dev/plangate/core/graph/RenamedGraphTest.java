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
import org.junit.jupiter.api.Test;

/**
 * A renamed resource's dependents are recorded against its new address; seen from before the
 * change they depended on the old one, whose destroy must count them.
 */
class RenamedGraphTest {
  static Plan plan(List<ChangeKind> kinds, int[]... edges) {
    List<ResourceChange> changes = new ArrayList<>();
    for (int i = 0; i < kinds.size(); i++) {
      changes.add(ResourceChange.builder().address("t.r" + i).type("t").kind(kinds.get(i))
          .build());
    }
    return new Plan("p", PlanFormat.TERRAFORM, null, null, changes,
        Dependencies.of(List.of(edges)), 0, List.of(), false, true, List.of(), Map.of());
  }

  private static final ChangeKind D = ChangeKind.DELETE;
  private static final ChangeKind C = ChangeKind.CREATE;
  private static final ChangeKind U = ChangeKind.UPDATE;

  @Test
  void theOldObjectGainsTheDependentsOfTheNewOneThatExistedBefore() {
    // 0 renamed to 1, 4 renamed to 5. 2 (updated) and 5 depend on 1; 3 is new and depends on 1.
    Plan plan = plan(List.of(D, C, U, C, D, C), new int[] {2, 1}, new int[] {3, 1},
        new int[] {5, 1});
    ResourceGraph g = ResourceGraph.of(plan, Map.of(1, List.of(0), 5, List.of(4)));

    assertThat(g.downstream(0)).containsExactlyInAnyOrder(2, 4);
    assertThat(g.downstream(1)).containsExactlyInAnyOrder(2, 3, 5);
    assertThat(g.downstream(4)).isEmpty();
    assertThat(g.edgeCount()).isEqualTo(5);
    assertThat(g.directDependents(0)).isEqualTo(2);
    assertThat(g.vertexCount()).isEqualTo(6);
  }

  @Test
  void twoRenamedObjectsWithTheSameDependentEachGainIt() {
    // 0 renamed to 1, 4 renamed to 5; 2 depends on both new objects
    Plan plan = plan(List.of(D, C, U, U, D, C), new int[] {2, 1}, new int[] {2, 5});
    ResourceGraph g = ResourceGraph.of(plan, Map.of(1, List.of(0), 5, List.of(4)));

    assertThat(g.downstream(0)).containsExactly(2);
    assertThat(g.downstream(4)).containsExactly(2);
    assertThat(g.edgeCount()).isEqualTo(4);
  }

  @Test
  void anEdgeGainedTwiceIsAddedOnceAndNeverFromAnObjectToItself() {
    // a guess: 0 may have become 1 or 5; 2 depends on both, and 5 on 1
    Plan plan = plan(List.of(D, C, U, U, U, C), new int[] {2, 1}, new int[] {2, 5},
        new int[] {5, 1});
    ResourceGraph g = ResourceGraph.of(plan, Map.of(1, List.of(0), 5, List.of(0)));

    assertThat(g.downstream(0)).containsExactly(2);
    // the three plan edges and one gained edge 0 -> 2; 5 -> 1 gives no 0 -> 0
    assertThat(g.edgeCount()).isEqualTo(4);
    assertThat(g.directDependents(0)).isEqualTo(1);
  }

  @Test
  void withoutRenamesTheGraphIsThePlansEdges() {
    Plan plan = plan(List.of(D, C, U), new int[] {2, 1}, new int[] {1, 0});
    ResourceGraph g = ResourceGraph.of(plan, Map.of());
    assertThat(g.edgeCount()).isEqualTo(2);
    assertThat(g.downstream(0)).containsExactly(1, 2);
    assertThat(g.directDependents(0)).isEqualTo(1);
    assertThat(g.directDependents(2)).isZero();
  }

  @Test
  void aLongChainIsWalkedToItsEnd() {
    int n = 100;
    List<ChangeKind> kinds = new ArrayList<>();
    int[][] edges = new int[n - 1][];
    for (int i = 0; i < n; i++) {
      kinds.add(U);
      if (i > 0) {
        edges[i - 1] = new int[] {i, i - 1};
      }
    }
    ResourceGraph g = ResourceGraph.of(plan(kinds, edges));
    int[] all = g.downstream(0);
    assertThat(all).hasSize(n - 1);
    assertThat(all[0]).isEqualTo(1);
    assertThat(all[n - 2]).isEqualTo(n - 1);
    assertThat(g.downstream(0)).isEqualTo(all);
  }
}
