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

  private static String graph(List<Finding> findings) {
    StringBuilder sb = new StringBuilder();
    MermaidGraph.append(sb, findings);
    return sb.toString();
  }

  private static long arrows(String graph) {
    return graph.lines().filter(l -> l.contains(" --> ")).mapToLong(l ->
        (l.split(" --> ")[0].split(" & ").length) * (long) l.split(" --> ")[1].split(" & ")
            .length).sum();
  }

  @Test
  void otherDependentsAreNamedWhileTheyFit() {
    String graph = graph(List.of(destroy("aws_vpc.main", List.of(
        "module.app[\"a\"].aws_instance.x", "aws_subnet.public"))));
    assertThat(graph).startsWith("```mermaid\ngraph LR\n");
    assertThat(graph).contains("f0[\"destroy: aws_vpc.main\"]:::delete --> g0[\""
        + Escape.mermaid("module.app[\"a\"].aws_instance.x") + "\"]:::other & g1[\""
        + "aws_subnet.public\"]:::other").contains("classDef delete").contains("classDef other");
    assertThat(arrows(graph)).isEqualTo(2);
    assertThat(graph).doesNotContain("not drawn");
  }

  @Test
  void manyOtherDependentsAreCountedByModule() {
    List<String> deps = new ArrayList<>();
    for (int i = 0; i < 30; i++) {
      deps.add("module.app[\"a\"].aws_instance.n" + i);
    }
    deps.add("aws_subnet.public");
    String graph = graph(List.of(destroy("aws_vpc.main", deps)));
    assertThat(graph).contains("[\"30 other resources in " + Escape.mermaid("module.app[\"a\"]")
        + "\"]:::other").contains("[\"aws_subnet.public\"]:::other");
    assertThat(arrows(graph)).isEqualTo(2);
  }

  @Test
  void onlyTheTransitiveReductionIsDrawn() {
    // a chain vpc -> subnet -> db -> app, each downstream transitive as the analyzer gives it:
    // six edges as given, three after reduction.
    String graph = graph(List.of(
        destroy("aws_vpc.main", List.of("aws_subnet.a", "aws_db_instance.db", "aws_instance.app")),
        destroy("aws_subnet.a", List.of("aws_db_instance.db", "aws_instance.app")),
        destroy("aws_db_instance.db", List.of("aws_instance.app")),
        destroy("aws_instance.app", List.of())));
    assertThat(arrows(graph)).isEqualTo(3);
    assertThat(graph).contains("f0[\"destroy: aws_vpc.main\"]:::delete --> f1[\"destroy:"
        + " aws_subnet.a\"]:::delete")
        .doesNotContain("f0 --> f2").doesNotContain("f0 --> f3");
  }

  @Test
  void sourcesWithTheSameSuccessorsShareOneLineAndEveryNodeIsLabelledOnce() {
    String graph = graph(List.of(
        destroy("aws_subnet.a", List.of("aws_instance.x", "aws_instance.y")),
        destroy("aws_subnet.b", List.of("aws_instance.x", "aws_instance.y")),
        destroy("aws_instance.x", List.of()), destroy("aws_instance.y", List.of())));
    assertThat(graph.lines().filter(l -> l.contains(" --> "))).singleElement().asString()
        .contains(" & ");
    assertThat(arrows(graph)).isEqualTo(4);
    for (String id : List.of("f0", "f1", "f2", "f3")) {
      assertThat(graph.split(id + "\\[", -1)).as(id).hasSize(2);
    }
  }

  @Test
  void atMostTwentyFiveNodesAndWhatIsNotDrawnIsSaid() {
    List<Finding> many = new ArrayList<>();
    for (int i = 0; i < MermaidGraph.MAX_FINDINGS + 3; i++) {
      many.add(destroy("aws_instance.n" + i, List.of("module.m" + i + ".aws_eip.a",
          "module.m" + i + ".aws_eip.b", "module.m" + i + ".aws_eip.c")));
    }
    String graph = graph(many);
    long nodes = graph.lines().flatMap(l -> java.util.Arrays.stream(l.split("[^a-z0-9]")))
        .filter(w -> w.matches("[fg]\\d+")).distinct().count();
    assertThat(nodes).isLessThanOrEqualTo(MermaidGraph.MAX_NODES);
    assertThat(graph).contains("And 3 more destroyed or replaced resources and 45 dependents"
        + " in further modules, not drawn");
  }
}
