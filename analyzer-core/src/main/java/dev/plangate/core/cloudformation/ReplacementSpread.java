package dev.plangate.core.cloudformation;

import dev.plangate.core.model.ChangeKind;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** How a replacement in a template diff reaches the resources that refer to the replaced one. */
final class ReplacementSpread {
  private ReplacementSpread() {}

  /** What a changed property does to a resource: {@link TemplateDiff}'s replacement rules. */
  @FunctionalInterface
  interface PropertyEffect {
    /**
     * @param cause what happened to the property, e.g. {@code "ImageId refers to X, which is
     *     replaced"}
     * @param onlyPossibly true when the change is only possible, so a replacement is too
     */
    void apply(ResourceOutcome o, String type, String property, String cause,
        boolean onlyPossibly);
  }

  /**
   * Spreads replacements along value-carrying references until nothing changes: a resource
   * that refers to a replaced one gets a new value in that property, which replaces it too when
   * the property cannot change in place. A possible replacement spreads as a possible one.
   */
  static void propagate(Map<String, ResourceOutcome> outcomes, TemplateGraph ga,
      PropertyEffect effect) {
    // Sweeps over the dependencies in order, as often as a sweep changes something; but only
    // the dependencies of a resource whose outcome changed are visited again (later in this
    // sweep when they come after the change, else in the next), so a long chain of references
    // costs its length rather than its length squared.
    List<TemplateGraph.Dependency> dependencies = ga.dependencies();
    Map<String, List<Integer>> onResource = new HashMap<>();
    TreeSet<Integer> sweep = new TreeSet<>();
    for (int i = 0; i < dependencies.size(); i++) {
      String target = dependencies.get(i).dependency();
      onResource.computeIfAbsent(target, k -> new ArrayList<>()).add(i);
      if (outcomes.containsKey(target) && outcomes.get(target).replaced()) {
        sweep.add(i);
      }
    }
    TreeSet<Integer> nextSweep = new TreeSet<>();
    Set<String> applied = new HashSet<>();
    while (!sweep.isEmpty()) {
      int i = sweep.pollFirst();
      TemplateGraph.Dependency d = dependencies.get(i);
      if (spread(d, outcomes, applied, effect)) {
        for (int j : onResource.getOrDefault(d.dependent(), List.of())) {
          (j > i ? sweep : nextSweep).add(j);
        }
      }
      if (sweep.isEmpty()) {
        TreeSet<Integer> done = sweep;
        sweep = nextSweep;
        nextSweep = done;
      }
    }
  }

  /**
   * Spreads a replacement of {@code d}'s dependency to its dependent, once per dependency and
   * certainty; true when that changed how badly the dependent is hit.
   */
  private static boolean spread(TemplateGraph.Dependency d,
      Map<String, ResourceOutcome> outcomes, Set<String> applied, PropertyEffect effect) {
    ResourceOutcome target = outcomes.get(d.dependency());
    ResourceOutcome dependent = outcomes.get(d.dependent());
    if (target == null || dependent == null || !target.replaced() || !d.kind().carriesValue()
        || dependent.kind == ChangeKind.CREATE || dependent.kind == ChangeKind.DELETE) {
      return false;
    }
    String key = d.dependent() + "\n" + d.dependency() + "\n" + d.path() + "\n"
        + target.conditional;
    if (!applied.add(key)) {
      return false;
    }
    int severity = dependent.severity();
    String property = d.property();
    if (property == null) {
      if (dependent.kind == ChangeKind.NO_OP) {
        dependent.become(ChangeKind.UPDATE, "WILL_UPDATE");
        dependent.causes.add("it refers to " + d.dependency() + ", which is replaced");
      }
    } else {
      effect.apply(dependent, dependent.type, property, property + " refers to " + d.dependency()
          + describe(d) + ", which " + (target.conditional ? "may be" : "is") + " replaced",
          target.conditional);
      if (dependent.kind == ChangeKind.UPDATE && dependent.causes.isEmpty()) {
        dependent.causes.add(property + " gets the new value of " + d.dependency()
            + ", which is replaced");
      }
    }
    return dependent.severity() != severity;
  }

  private static String describe(TemplateGraph.Dependency d) {
    return switch (d.kind()) {
      case SUB, SUB_ATTR -> " (inside Fn::Sub)";
      case STACK_OUTPUT -> " (through a nested stack output)";
      case STACK_PARAMETER -> " (through a nested stack parameter)";
      case IMPORT_VALUE -> " (through an exported value)";
      default -> d.path().contains("/Fn::") ? " (inside " + firstFunction(d.path()) + ")" : "";
    };
  }

  private static String firstFunction(String path) {
    for (String step : path.split("/")) {
      if (step.startsWith("Fn::")) {
        return step.replaceAll("\\[.*", "");
      }
    }
    return "a function";
  }
}
