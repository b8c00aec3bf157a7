package dev.plangate.core.cloudformation;

import dev.plangate.core.model.ChangeKind;
import dev.plangate.core.model.Plan;
import dev.plangate.core.model.ResourceChange;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Gives a change set the dependency graph of its template. A change set names only the direct
 * {@code Ref}/{@code GetAtt} dependents of a change it also changes; resources that depend
 * through {@code DependsOn}, {@code Fn::Sub} or a nested stack output, and resources the change
 * set leaves alone, are only in the template — and they are the hidden blast radius.
 */
public final class ChangeSetGraph {
  private ChangeSetGraph() {}

  /**
   * The change set's plan with every template resource it does not list added as an unchanged
   * instance, and every template dependency between known resources added as an edge.
   */
  public static Plan withTemplate(Plan changeSet, TemplateGraph graph) {
    List<ResourceChange> nodes = new ArrayList<>(changeSet.changes());
    Map<String, Integer> index = new HashMap<>();
    for (int i = 0; i < nodes.size(); i++) {
      if (nodes.get(i).deposed() == null) {
        index.putIfAbsent(nodes.get(i).address(), i);
      }
    }
    for (String address : graph.resources()) {
      if (!index.containsKey(address)) {
        TemplateResource r = graph.resource(address);
        index.put(address, nodes.size());
        nodes.add(ResourceChange.builder().address(address).type(r.type())
            .kind(ChangeKind.NO_OP).listed(false).location(r.location()).build());
      }
    }
    EdgeSet edges = new EdgeSet();
    edges.addAll(changeSet.dependencies());
    for (TemplateGraph.Dependency d : graph.dependencies()) {
      Integer from = index.get(d.dependent());
      Integer to = index.get(d.dependency());
      if (from != null && to != null) {
        edges.add(from, to);
      }
    }
    List<String> warnings = new ArrayList<>(changeSet.warnings());
    warnings.addAll(graph.warnings());
    return changeSet.withChanges(nodes, edges.build()).withWarnings(warnings)
        .withDependenciesKnown();
  }
}
