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
   * instance, and every template dependency between known resources added as an edge; and with
   * the template from before the change, when given. The template a change set is
   * created from no longer holds what the change removes, so what depended on a removed resource
   * (another removed one, typically) is only in the previous template: its edges that touch a
   * resource the new template lacks are added, and the report says which template gave them.
   * Without it, a change set that removes resources has dependencies unknown, said as such.
   *
   * @param before the previous template's graph, or null
   * @param beforeName how the report names it (its path)
   */
  public static Plan withTemplates(Plan changeSet, TemplateGraph graph, TemplateGraph before,
      String beforeName) {
    List<ResourceChange> nodes = new ArrayList<>(changeSet.changes());
    Map<String, Integer> index = new HashMap<>();
    for (int i = 0; i < nodes.size(); i++) {
      if (nodes.get(i).deposed() == null) {
        index.putIfAbsent(nodes.get(i).address(), i);
      }
    }
    java.util.Set<String> inAfter = new java.util.HashSet<>(graph.resources());
    List<TemplateGraph> graphs = before == null ? List.of(graph) : List.of(graph, before);
    for (TemplateGraph g : graphs) {
      for (String address : g.resources()) {
        if (!index.containsKey(address)) {
          TemplateResource r = g.resource(address);
          index.put(address, nodes.size());
          nodes.add(ResourceChange.builder().address(address).type(r.type())
              .kind(ChangeKind.NO_OP).listed(false).location(r.location()).build());
        }
      }
    }
    EdgeSet edges = new EdgeSet();
    edges.addAll(changeSet.dependencies());
    for (TemplateGraph g : graphs) {
      for (TemplateGraph.Dependency d : g.dependencies()) {
        if (g == before && inAfter.contains(d.dependent()) && inAfter.contains(d.dependency())) {
          continue; // both still exist: the new template says how they relate now
        }
        edges.add(index, d.dependent(), d.dependency());
      }
    }
    String unknown = Plan.dependenciesUnknownWarning(changeSet.format());
    List<String> warnings = new ArrayList<>(changeSet.warnings().stream()
        .filter(w -> !w.equals(unknown)).toList());
    warnings.addAll(graph.warnings());
    List<String> removed = changeSet.changes().stream()
        .filter(c -> c.listed() && c.kind().destroys() && c.deposed() == null
            && !inAfter.contains(c.address()))
        .map(ResourceChange::address).distinct().toList();
    if (before != null) {
      warnings.addAll(before.warnings());
      if (!removed.isEmpty()) {
        warnings.add("What depended on " + names(removed) + " (removed by the change set) comes"
            + " from the template before the change, " + beforeName + ".");
      }
    } else if (!removed.isEmpty()) {
      warnings.add("Dependencies unknown for " + names(removed) + ": the change set removes"
          + " them, so the template it was created from no longer holds what depended on them."
          + " Give the template from before the change as well (--template-before; aws"
          + " cloudformation get-template --template-stage Original gives the deployed one).");
    }
    return changeSet.withChanges(nodes, edges.build()).withWarnings(warnings)
        .withDependenciesKnown(before != null || removed.isEmpty());
  }

  private static String names(List<String> addresses) {
    return addresses.size() <= 3 ? String.join(", ", addresses)
        : String.join(", ", addresses.subList(0, 3)) + " and " + (addresses.size() - 3)
            + " more";
  }
}
