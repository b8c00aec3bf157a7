package dev.plangate.core.impact.blast;

import com.fasterxml.jackson.databind.JsonNode;
import dev.plangate.core.impact.Finding;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * What Terraform itself says depends on what: the applied state ({@code terraform show -json}
 * before the edit) records, for each resource instance, the configuration addresses of
 * everything it depends on, transitively. Compared with plangate's findings for the plan of the
 * edit, independently of plangate's own address parsing and graph.
 *
 * <p>The state names resources, not instances. A dependent and a dependency must agree on the
 * instance keys of the module path they share; among the instances left, a dependency is
 * <em>certain</em> only when exactly one is possible. With several, the dependent depends on at
 * least one of them (a group): a miss only when every one of them is a finding and none lists it.
 */
final class StateOracle {
  /** Counts for one plan, plus a line per discrepancy. */
  static final class Result {
    int findings;
    int expectedCertain;
    int possible;
    int missed;
    int listedPossible;
    int severed;
    /** Of the over-approximated: instances the plan creates (not in the applied state). */
    int overApproximatedNew;
    int overApproximated;
    final List<String> problems = new ArrayList<>();

    void add(Result o) {
      findings += o.findings;
      expectedCertain += o.expectedCertain;
      possible += o.possible;
      missed += o.missed;
      listedPossible += o.listedPossible;
      severed += o.severed;
      overApproximatedNew += o.overApproximatedNew;
      overApproximated += o.overApproximated;
      problems.addAll(o.problems);
    }
  }

  /** One step of an instance address: a module or the resource, with its key or null. */
  record Step(String name, String key) {}

  /** A dependent, the configuration address it depends on, and the instances it may mean. */
  record Relation(String dependent, String target, Set<String> candidates) {}

  private final Map<String, List<Step>> parsedState = new HashMap<>();
  /** Per dependency instance: every relation naming it as a candidate. */
  private final Map<String, List<Relation>> byCandidate = new HashMap<>();
  private final List<Relation> groups = new ArrayList<>();

  StateOracle(JsonNode state) {
    Map<String, List<String>> dependsOn = new LinkedHashMap<>();
    collect(state.path("values").path("root_module"), dependsOn);
    Map<String, List<String>> byConfig = new HashMap<>();
    for (String a : dependsOn.keySet()) {
      List<Step> steps = parse(a);
      parsedState.put(a, steps);
      byConfig.computeIfAbsent(config(steps), k -> new ArrayList<>()).add(a);
    }
    // Terraform records transitive dependencies, so each dependent's own list is complete.
    for (Map.Entry<String, List<String>> e : dependsOn.entrySet()) {
      String d = e.getKey();
      List<Step> ds = parsedState.get(d);
      for (String target : e.getValue()) {
        List<Step> ts = parse(target);
        int shared = 0;
        while (shared < ds.size() - 1 && shared < ts.size() - 1
            && ds.get(shared).name().equals(ts.get(shared).name())) {
          shared++;
        }
        Set<String> candidates = new TreeSet<>();
        for (String c : byConfig.getOrDefault(target, List.of())) {
          List<Step> cs = parsedState.get(c);
          boolean same = true;
          for (int i = 0; i < shared; i++) {
            same &= java.util.Objects.equals(cs.get(i).key(), ds.get(i).key());
          }
          if (same && !c.equals(d)) {
            candidates.add(c);
          }
        }
        Relation rel = new Relation(d, target, candidates);
        for (String c : candidates) {
          byCandidate.computeIfAbsent(c, k -> new ArrayList<>()).add(rel);
        }
        if (candidates.size() > 1) {
          groups.add(rel);
        }
      }
    }
  }

  private static void collect(JsonNode module, Map<String, List<String>> out) {
    for (JsonNode r : module.path("resources")) {
      if (!"managed".equals(r.path("mode").asText())) {
        continue;
      }
      List<String> deps = new ArrayList<>();
      r.path("depends_on").forEach(d -> deps.add(d.asText()));
      out.put(r.path("address").asText(), deps);
    }
    for (JsonNode c : module.path("child_modules")) {
      collect(c, out);
    }
  }

  /**
   * Compares plangate's findings for {@code plan} with the state. Findings must be exactly the
   * plan's deletes, replacements and forgets; each finding's downstream must hold every certain
   * dependent.
   */
  Result compare(JsonNode plan, List<Finding> findings, String label,
      Map<String, String> newNames) {
    Result r = new Result();
    Map<String, String> planToPrior = new HashMap<>();
    Map<String, String> priorToPlan = new HashMap<>();
    Map<String, String> planActions = new HashMap<>();
    Map<String, List<String>> recorded = new LinkedHashMap<>();
    collect(plan.path("prior_state").path("values").path("root_module"), recorded);
    Map<String, Set<String>> planRecord = new HashMap<>();
    recorded.forEach((a, deps) -> planRecord.put(a, new HashSet<>(deps)));
    Map<String, String> expectedFindings = new LinkedHashMap<>();
    for (JsonNode rc : plan.path("resource_changes")) {
      if (!"managed".equals(rc.path("mode").asText())) {
        continue;
      }
      String address = rc.path("address").asText();
      String previous = rc.path("previous_address").asText(address);
      List<String> actions = new ArrayList<>();
      rc.path("change").path("actions").forEach(a -> actions.add(a.asText()));
      if (!actions.equals(List.of("create"))) {
        planToPrior.put(address, previous);
        priorToPlan.put(previous, address);
      }
      if (rc.path("deposed").isMissingNode()) {
        planActions.put(address, String.join(",", actions));
      }
      String action = switch (String.join(",", actions)) {
        case "delete" -> "DELETE";
        case "delete,create", "create,delete" -> "REPLACE";
        case "forget", "create,forget" -> "FORGET";
        default -> null;
      };
      if (action != null) {
        String deposed = rc.path("deposed").asText(null);
        expectedFindings.put(deposed == null ? address : address + " (deposed " + deposed + ")",
            action);
      }
    }
    Map<String, String> actual = new LinkedHashMap<>();
    for (Finding f : findings) {
      actual.put(f.key(), f.action().name());
    }
    if (!actual.equals(expectedFindings)) {
      r.problems.add(label + ": findings " + actual + " but resource_changes say "
          + expectedFindings);
    }
    r.findings = findings.size();

    // A dependent the plan leaves alone (no-op) whose plan-time record no longer names the
    // dependency under its old or new name lost the link in this very edit (a depends_on or
    // replace_triggered_by dropped with the resource): nothing the plan carries can show it.
    Set<Relation> severed = new HashSet<>();
    for (List<Relation> rels : byCandidate.values()) {
      for (Relation rel : rels) {
        String planAddress = priorToPlan.getOrDefault(rel.dependent(), rel.dependent());
        if (!"no-op".equals(planActions.get(planAddress))) {
          continue;
        }
        Set<String> record = planRecord.getOrDefault(planAddress, Set.of());
        String renamed = newNames.get(rel.target());
        if (!record.contains(rel.target()) && (renamed == null || !record.contains(renamed))) {
          severed.add(rel);
        }
      }
    }
    Map<String, Set<String>> listedByPrior = new HashMap<>();
    for (Finding f : findings) {
      if (f.deposed() != null) {
        continue; // a deposed object is not in the state as an instance address
      }
      String prior = planToPrior.getOrDefault(f.address(), f.address());
      if (!parsedState.containsKey(prior)) {
        r.problems.add(label + ": finding " + f.address() + " (was " + prior
            + ") is not in the applied state");
        continue;
      }
      Set<String> listed = new TreeSet<>();
      for (String k : f.downstream().changing()) {
        listed.add(toPrior(k, planToPrior));
      }
      for (String k : f.downstream().unchanged()) {
        listed.add(toPrior(k, planToPrior));
      }
      listedByPrior.put(prior, listed);
      Set<String> certain = new TreeSet<>();
      Set<String> possible = new TreeSet<>();
      Set<String> cut = new TreeSet<>();
      for (Relation rel : byCandidate.getOrDefault(prior, List.of())) {
        if (severed.contains(rel)) {
          cut.add(rel.dependent());
        } else if (rel.candidates().size() == 1) {
          certain.add(rel.dependent());
        } else {
          possible.add(rel.dependent());
        }
      }
      possible.removeAll(certain);
      cut.removeAll(certain);
      cut.removeAll(possible);
      r.expectedCertain += certain.size();
      r.possible += possible.size();
      r.severed += cut.size();
      Set<String> missing = new TreeSet<>(certain);
      missing.removeAll(listed);
      if (!missing.isEmpty()) {
        r.missed += missing.size();
        r.problems.add(label + ": " + f.address() + " (" + f.action() + ", was " + prior
            + ") misses " + missing + "; lists " + listed);
      }
      for (String l : listed) {
        if (certain.contains(l)) {
          continue;
        }
        if (possible.contains(l) || cut.contains(l)) {
          r.listedPossible++;
        } else {
          r.overApproximated++;
          r.overApproximatedNew += parsedState.containsKey(l) ? 0 : 1;
        }
      }
    }
    for (Relation g : groups) {
      if (severed.contains(g) || !listedByPrior.keySet().containsAll(g.candidates())) {
        continue; // some candidate is not destroyed: the dependent may depend on that one
      }
      boolean anyLists = false;
      for (String c : g.candidates()) {
        anyLists |= listedByPrior.get(c).contains(g.dependent());
      }
      if (!anyLists) {
        r.missed++;
        r.problems.add(label + ": " + g.dependent() + " depends on one of " + g.candidates()
            + ", all destroyed, and none lists it");
      }
    }
    return r;
  }

  private static String toPrior(String key, Map<String, String> planToPrior) {
    int deposed = key.indexOf(" (deposed ");
    String address = deposed < 0 ? key : key.substring(0, deposed);
    return planToPrior.getOrDefault(address, address);
  }

  private static String config(List<Step> steps) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < steps.size() - 1; i++) {
      sb.append("module.").append(steps.get(i).name()).append('.');
    }
    return sb.append(steps.get(steps.size() - 1).name()).toString();
  }

  /**
   * Splits {@code module.a["k"].module.b[0].terraform_data.r[1]} into module steps and a final
   * {@code terraform_data.r} step. Keys in generated configurations are plain words or numbers.
   */
  static List<Step> parse(String address) {
    List<String> parts = new ArrayList<>();
    StringBuilder cur = new StringBuilder();
    boolean quoted = false;
    int depth = 0;
    for (char ch : address.toCharArray()) {
      if (ch == '"') {
        quoted = !quoted;
      } else if (!quoted && ch == '[') {
        depth++;
      } else if (!quoted && ch == ']') {
        depth--;
      }
      if (ch == '.' && !quoted && depth == 0) {
        parts.add(cur.toString());
        cur.setLength(0);
      } else {
        cur.append(ch);
      }
    }
    parts.add(cur.toString());
    List<Step> steps = new ArrayList<>();
    int i = 0;
    while (i < parts.size() && parts.get(i).equals("module") && i + 2 < parts.size()) {
      steps.add(step(parts.get(i + 1)));
      i += 2;
    }
    Step last = step(parts.get(parts.size() - 1));
    String type = String.join(".", parts.subList(i, parts.size() - 1));
    steps.add(new Step(type + "." + last.name(), last.key()));
    return steps;
  }

  private static Step step(String part) {
    int b = part.indexOf('[');
    if (b < 0) {
      return new Step(part, null);
    }
    String key = part.substring(b + 1, part.length() - 1);
    if (key.startsWith("\"")) {
      key = key.substring(1, key.length() - 1);
    }
    return new Step(part.substring(0, b), key);
  }
}
