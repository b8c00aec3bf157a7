package dev.plangate.core.cloudformation;

import dev.plangate.core.cloudformation.TemplateEdge.TargetKind;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A nested stack's parameters in a template diff: which ones its parent now passes differently,
 * and where a resource in the nested stack uses them, so a changed parameter is a changed property.
 */
final class StackParameters {
  private StackParameters() {}

  /**
   * Parameters of the nested stack holding {@code address} that its parent now passes
   * differently.
   */
  static Set<String> changed(String address, TemplateGraph gb, TemplateGraph ga) {
    TemplateGraph.Scope s = ga.scopeOf(address);
    if (s == null || s.parent() == null) {
      return Set.of();
    }
    String stackAddress = s.parent().address(s.stackId());
    TemplateResource was = gb.resource(stackAddress);
    TemplateResource now = ga.resource(stackAddress);
    if (was == null || now == null) {
      return Set.of();
    }
    Map<?, ?> pb = was.properties().get("Parameters") instanceof Map<?, ?> m ? m : Map.of();
    Map<?, ?> pa = now.properties().get("Parameters") instanceof Map<?, ?> m ? m : Map.of();
    return TemplateValues.changedKeys(pb, pa);
  }

  /** Where a child resource's definition uses the value of any of its stack parameters. */
  static List<String> paths(TemplateResource r, Set<String> parameters) {
    if (parameters.isEmpty()) {
      return List.of();
    }
    Map<String, Object> params = new LinkedHashMap<>();
    parameters.forEach(p -> params.put(p, Map.of()));
    Template probe = new Template("(probe)", null, List.of(), params, Map.of(), Map.of(),
        Map.of(), Map.of(), List.of());
    List<String> paths = new ArrayList<>();
    for (String section : r.definition().keySet()) {
      for (TemplateEdge e : TemplateIntrinsics.walk(r.logicalId(), r.definition().get(section),
          section, probe, false)) {
        if (e.targetKind() == TargetKind.PARAMETER && e.kind().carriesValue()) {
          paths.add(e.path());
        }
      }
    }
    return paths;
  }
}
