package dev.plangate.core.impact;

import dev.plangate.core.model.AddressStep;
import dev.plangate.core.model.ChangeKind;
import dev.plangate.core.model.ResourceAddress;
import dev.plangate.core.model.ResourceChange;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Finds destroys that are really renames: a destroyed and a created instance of the same type and
 * name whose module path or instance key differ. For each it proposes the {@code moved} block that
 * turns the pair into a move. A module renamed as a whole gets one module-level block.
 */
final class RenameDetector {
  private RenameDetector() {}

  /** Suggested {@code moved} block per destroyed instance address. */
  static Map<String, String> detect(List<ResourceChange> changes) {
    // Sets: pairing removes matched addresses, and a large count→for_each switch has thousands.
    Set<ResourceAddress> deleted = new LinkedHashSet<>();
    Set<ResourceAddress> created = new LinkedHashSet<>();
    for (ResourceChange c : changes) {
      boolean delete = c.kind() == ChangeKind.DELETE && c.deposed() == null;
      if (!c.listed() || !c.managed() || !(delete || c.kind() == ChangeKind.CREATE)) {
        continue;
      }
      try {
        (delete ? deleted : created).add(ResourceAddress.parse(c.address()));
      } catch (IllegalArgumentException e) {
        // an address Terraform would not write: no rename to propose
      }
    }
    Map<String, String> out = new LinkedHashMap<>();
    if (deleted.isEmpty() || created.isEmpty()) {
      return out;
    }
    pairKeyChanges(deleted, created, out);
    pairModuleMoves(deleted, created, out);
    return out;
  }

  /**
   * Same module instance, same resource, different instance keys: {@code count} to
   * {@code for_each}, or a renamed key. Paired in key order, which is right for
   * {@code for_each = toset(list)} over the list {@code count} indexed.
   */
  private static void pairKeyChanges(Set<ResourceAddress> deleted, Set<ResourceAddress> created,
      Map<String, String> out) {
    Map<String, List<ResourceAddress>> d = group(deleted);
    Map<String, List<ResourceAddress>> c = group(created);
    for (Map.Entry<String, List<ResourceAddress>> e : d.entrySet()) {
      List<ResourceAddress> to = c.get(e.getKey());
      if (to == null) {
        continue;
      }
      List<ResourceAddress> from = new ArrayList<>(e.getValue());
      from.sort(BY_KEY);
      to = new ArrayList<>(to);
      to.sort(BY_KEY);
      int n = Math.min(from.size(), to.size());
      for (int i = 0; i < n; i++) {
        out.put(from.get(i).toString(), moved(from.get(i).toString(), to.get(i).toString()));
        deleted.remove(from.get(i));
        created.remove(to.get(i));
      }
    }
  }

  private static Map<String, List<ResourceAddress>> group(Set<ResourceAddress> list) {
    Map<String, List<ResourceAddress>> m = new LinkedHashMap<>();
    for (ResourceAddress a : list) {
      m.computeIfAbsent(a.moduleInstance() + "\u0000" + a.resourceConfigPart(),
          k -> new ArrayList<>()).add(a);
    }
    return m;
  }

  private static final Comparator<ResourceAddress> BY_KEY = Comparator.comparing(
      (ResourceAddress a) -> a.key() == null ? "" : a.key(),
      (x, y) -> {
        boolean nx = x.chars().allMatch(Character::isDigit) && !x.isEmpty();
        boolean ny = y.chars().allMatch(Character::isDigit) && !y.isEmpty();
        if (nx && ny) {
          return Long.compare(Long.parseLong(x), Long.parseLong(y));
        }
        return x.compareTo(y);
      });

  /**
   * Different module path, same resource and key: the module was renamed or re-keyed. The moved
   * block names the shortest module prefixes that differ, so one block covers the whole module.
   */
  private static void pairModuleMoves(Set<ResourceAddress> deleted,
      Set<ResourceAddress> created, Map<String, String> out) {
    Map<String, List<ResourceAddress>> createdByResource = new HashMap<>();
    for (ResourceAddress c : created) {
      createdByResource.computeIfAbsent(c.resourcePart(), k -> new ArrayList<>()).add(c);
    }
    for (ResourceAddress d : deleted) {
      List<ResourceAddress> candidates = createdByResource.get(d.resourcePart());
      if (candidates == null) {
        continue;
      }
      ResourceAddress best = null;
      int bestScore = -1;
      boolean tie = false;
      for (ResourceAddress c : candidates) {
        if (c.modules().equals(d.modules())) {
          continue;
        }
        int score = commonSuffix(d.modules(), c.modules());
        if (score > bestScore) {
          best = c;
          bestScore = score;
          tie = false;
        } else if (score == bestScore) {
          tie = true;
        }
      }
      if (best == null || tie) {
        continue;
      }
      int fromDepth = d.modules().size() - bestScore;
      int toDepth = best.modules().size() - bestScore;
      if (fromDepth == 0 || toDepth == 0) {
        // Moved into or out of a module: only a resource-level block can say that.
        out.put(d.toString(), moved(d.toString(), best.toString()));
      } else {
        out.put(d.toString(), moved(d.moduleInstance(fromDepth), best.moduleInstance(toDepth)));
      }
    }
  }

  private static int commonSuffix(List<AddressStep> a, List<AddressStep> b) {
    int n = 0;
    while (n < a.size() && n < b.size()
        && a.get(a.size() - 1 - n).equals(b.get(b.size() - 1 - n))) {
      n++;
    }
    return n;
  }

  static String moved(String from, String to) {
    return "moved {\n  from = " + from + "\n  to   = " + to + "\n}";
  }
}
