package dev.plangate.core.impact;

import dev.plangate.core.model.AddressStep;
import dev.plangate.core.model.ChangeKind;
import dev.plangate.core.model.ResourceAddress;
import dev.plangate.core.model.ResourceChange;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Finds destroys that are really renames: a destroyed and a created instance of the same type and
 * name whose module path or instance key differ. For each it proposes the {@code moved} block that
 * turns the pair into a move. A module renamed as a whole gets one module-level block.
 */
final class RenameDetector {
  private RenameDetector() {}

  /**
   * What the detector found.
   *
   * @param suggestions the {@code moved} block proposed per destroyed instance address
   * @param renamedTo per destroyed instance address, the created instances it may have been
   *     renamed to: one where the pairing is clear, several where it is not (the blast radius
   *     takes them all; no moved block is proposed for a guess)
   */
  record Renames(Map<String, String> suggestions, Map<String, List<String>> renamedTo) {
    static final Renames NONE = new Renames(Map.of(), Map.of());
  }

  /** Pairs destroyed and created instances that look like one renamed object. */
  static Renames pair(List<ResourceChange> changes) {
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
    Map<String, List<String>> to = new LinkedHashMap<>();
    if (deleted.isEmpty() || created.isEmpty()) {
      return Renames.NONE;
    }
    pairKeyChanges(deleted, created, out, to);
    pairModuleMoves(deleted, created, out, to);
    pairNameChanges(deleted, created, out, to);
    return new Renames(out, to);
  }

  /**
   * Same module instance, same resource, different instance keys: {@code count} to
   * {@code for_each}, or a renamed key. Paired in key order, which is right for
   * {@code for_each = toset(list)} over the list {@code count} indexed.
   */
  private static void pairKeyChanges(Set<ResourceAddress> deleted, Set<ResourceAddress> created,
      Map<String, String> out, Map<String, List<String>> renamedTo) {
    Map<String, List<ResourceAddress>> d = group(deleted, ResourceAddress::resourceConfigPart);
    Map<String, List<ResourceAddress>> c = group(created, ResourceAddress::resourceConfigPart);
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
        link(from.get(i), to.get(i), out, renamedTo);
        deleted.remove(from.get(i));
        created.remove(to.get(i));
      }
    }
  }

  /** By module instance and resource (key changes), or module instance and type (names). */
  private static Map<String, List<ResourceAddress>> group(Collection<ResourceAddress> list,
      Function<ResourceAddress, String> what) {
    return list.stream().collect(Collectors.groupingBy(a -> a.moduleInstance() + "\u0000"
        + what.apply(a), LinkedHashMap::new, Collectors.toList()));
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
      Set<ResourceAddress> created, Map<String, String> out,
      Map<String, List<String>> renamedTo) {
    Map<String, List<ResourceAddress>> createdByResource = created.stream()
        .collect(Collectors.groupingBy(ResourceAddress::resourcePart));
    for (ResourceAddress d : deleted) {
      List<ResourceAddress> candidates = createdByResource.get(d.resourcePart());
      if (candidates == null) {
        continue;
      }
      ResourceAddress best = null;
      int bestScore = -1;
      int bestAlike = -1;
      boolean tie = false;
      for (ResourceAddress c : candidates) {
        if (c.modules().equals(d.modules())) {
          continue;
        }
        int score = commonSuffix(d.modules(), c.modules());
        // Among equal suffixes, the module path most alike step by step: module.a["x"] renamed
        // to module.b pairs module.a["x"].r with module.b["x"].r, not module.b["y"].r.
        int alike = alikeSteps(d.modules(), c.modules());
        if (score > bestScore || (score == bestScore && alike > bestAlike)) {
          best = c;
          bestScore = score;
          bestAlike = alike;
          tie = false;
        } else if (score == bestScore && alike == bestAlike) {
          tie = true;
        }
      }
      if (best == null || tie) {
        continue;
      }
      renamedTo.put(d.toString(), List.of(best.toString()));
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

  /**
   * Same module instance and type, another resource name: {@code terraform_data.a} renamed to
   * {@code terraform_data.b}. With one name destroyed and one created in the module instance,
   * instances pair by key (then in key order) and a moved block is proposed. With several, which
   * became which is a guess: each destroyed instance is linked to every created one of its type
   * there (same key where there is one), so that no dependent is lost, and nothing is proposed.
   * Runs last, on what the other pairings left.
   */
  private static void pairNameChanges(Set<ResourceAddress> deleted, Set<ResourceAddress> created,
      Map<String, String> out, Map<String, List<String>> renamedTo) {
    Set<String> taken = new HashSet<>();
    renamedTo.values().forEach(taken::addAll);
    Function<ResourceAddress, String> type = a -> (a.data() ? "data." : "") + a.type();
    Map<String, List<ResourceAddress>> d = group(deleted.stream()
        .filter(a -> !renamedTo.containsKey(a.toString())).toList(), type);
    Map<String, List<ResourceAddress>> c = group(created.stream()
        .filter(a -> !taken.contains(a.toString())).toList(), type);
    for (Map.Entry<String, List<ResourceAddress>> e : d.entrySet()) {
      List<ResourceAddress> to = c.get(e.getKey());
      if (to == null) {
        continue;
      }
      if (e.getValue().stream().map(ResourceAddress::resourceConfigPart).distinct().count() == 1
          && to.stream().map(ResourceAddress::resourceConfigPart).distinct().count() == 1) {
        List<ResourceAddress> from = new ArrayList<>(e.getValue());
        List<ResourceAddress> into = new ArrayList<>(to);
        for (ResourceAddress a : new ArrayList<>(from)) {
          for (ResourceAddress b : into) {
            if (Objects.equals(a.key(), b.key())) {
              link(a, b, out, renamedTo);
              from.remove(a);
              into.remove(b);
              break;
            }
          }
        }
        from.sort(BY_KEY);
        into.sort(BY_KEY);
        for (int i = 0; i < Math.min(from.size(), into.size()); i++) {
          link(from.get(i), into.get(i), out, renamedTo);
        }
        continue;
      }
      for (ResourceAddress a : e.getValue()) {
        List<String> sameKey = new ArrayList<>();
        List<String> any = new ArrayList<>();
        for (ResourceAddress b : to) {
          any.add(b.toString());
          if (Objects.equals(a.key(), b.key())) {
            sameKey.add(b.toString());
          }
        }
        renamedTo.put(a.toString(), sameKey.isEmpty() ? any : sameKey);
      }
    }
  }

  private static void link(ResourceAddress from, ResourceAddress to, Map<String, String> out,
      Map<String, List<String>> renamedTo) {
    out.put(from.toString(), moved(from.toString(), to.toString()));
    renamedTo.put(from.toString(), List.of(to.toString()));
  }

  /** Names and keys equal at the same position from the end of two module paths. */
  private static int alikeSteps(List<AddressStep> a, List<AddressStep> b) {
    int n = 0;
    for (int i = 1; i <= Math.min(a.size(), b.size()); i++) {
      AddressStep x = a.get(a.size() - i);
      AddressStep y = b.get(b.size() - i);
      n += (x.name().equals(y.name()) ? 1 : 0)
          + (Objects.equals(x.key(), y.key()) ? 1 : 0);
    }
    return n;
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
