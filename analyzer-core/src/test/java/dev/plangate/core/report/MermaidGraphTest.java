package dev.plangate.core.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.plangate.core.impact.Downstream;
import dev.plangate.core.impact.Finding;
import dev.plangate.core.impact.FindingAction;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class MermaidGraphTest {
  private static Finding destroy(String address, List<String> dependents) {
    return Reports.finding("plan.json", address, FindingAction.DELETE, null, false, null, null,
        "x", new Downstream(dependents, List.of()), null);
  }

  @Test
  void dependentsCollapseIntoOneNodePerModuleInstance() {
    StringBuilder sb = new StringBuilder();
    MermaidGraph.append(sb, List.of(destroy("aws_vpc.main", List.of(
        "module.app[\"a\"].aws_instance.x", "module.app[\"a\"].aws_instance.y",
        "aws_subnet.public"))));

    String graph = sb.toString();
    assertThat(graph).startsWith("```mermaid\ngraph LR\n");
    assertThat(graph.split(":::group\n", -1)).hasSize(3);
    assertThat(graph).contains(Escape.mermaid("module.app[\"a\"]") + ": 2 dependents\"]:::group")
        .contains("[\"root module: 1 dependent\"]:::group");
    assertThat(graph).doesNotContain("Not drawn");
  }

  @Test
  void whatIsNotDrawnIsSaid() {
    List<Finding> many = new ArrayList<>();
    for (int i = 0; i < MermaidGraph.GRAPH_FINDINGS + 3; i++) {
      many.add(destroy("aws_instance.n" + i, List.of()));
    }
    StringBuilder sb = new StringBuilder();
    MermaidGraph.append(sb, many);

    assertThat(sb.toString()).contains("Not drawn: 3 more destroyed or replaced resources");
  }
}
