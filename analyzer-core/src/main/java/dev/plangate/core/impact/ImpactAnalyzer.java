package dev.plangate.core.impact;

import dev.plangate.core.catalog.CatalogEntry;
import dev.plangate.core.catalog.Recoverability;
import dev.plangate.core.catalog.ResourceCatalog;
import dev.plangate.core.graph.ResourceGraph;
import dev.plangate.core.model.ChangeKind;
import dev.plangate.core.model.Plan;
import dev.plangate.core.model.PlanFormat;
import dev.plangate.core.model.ReplaceOrder;
import dev.plangate.core.model.ResourceChange;
import dev.plangate.core.plan.PhaseTimer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * Turns a plan into findings: every delete, replace and forget, with its blast radius taken from
 * the dependency graph (Terraform does not cascade {@code depends_on} into actions, so the plan's
 * own actions understate it), criticality and recoverability from the catalogue, a plain-language
 * explanation, and a {@code moved} suggestion where the destroy looks like a rename.
 */
public final class ImpactAnalyzer {
  private final ResourceCatalog catalog;

  public ImpactAnalyzer(ResourceCatalog catalog) {
    this.catalog = catalog;
  }

  /** The plan's findings with the policy's criticality overrides applied. */
  public List<Finding> analyze(Plan plan, dev.plangate.core.policy.Policy policy) {
    return CriticalityOverrides.apply(analyze(plan), policy);
  }

  public List<Finding> analyze(Plan plan) {
    List<ResourceChange> changes = plan.changes();
    // A moved block is Terraform's; other formats' addresses are not Terraform addresses.
    RenameDetector.Renames paired = plan.format() == PlanFormat.TERRAFORM
        ? RenameDetector.pair(changes) : RenameDetector.Renames.NONE;
    Map<String, String> renames = paired.suggestions();
    int[] destructive = IntStream.range(0, changes.size())
        .filter(i -> changes.get(i).listed() && changes.get(i).kind().isFinding()).toArray();
    long t0 = System.nanoTime();
    ResourceGraph graph = ResourceGraph.of(plan, renamedFrom(changes, paired.renamedTo()),
        destructive);
    PhaseTimer.report("dependency graph", t0);
    boolean destroyMode = isDestroyMode(changes);
    // Each finding's walk is independent and the graph is read-only now: use every core.
    Finding[] findings = new Finding[destructive.length];
    IntStream.range(0, findings.length).parallel().forEach(k -> {
      int i = destructive[k];
      ResourceChange c = changes.get(i);
      List<String> changing = new ArrayList<>();
      List<String> unchanged = new ArrayList<>();
      for (int d : graph.downstream(i)) {
        ResourceChange dep = changes.get(d);
        if (!dep.managed()) {
          continue;
        }
        (dep.kind().changes() ? changing : unchanged).add(dep.key());
      }
      changing.sort(null);
      unchanged.sort(null);
      findings[k] = finding(plan, c,
          new Downstream(changing, unchanged, plan.dependenciesKnown()), destroyMode,
          c.deposed() == null ? renames.get(c.address()) : null);
    });
    return List.of(findings);
  }

  /**
   * Node ids: each created instance the rename detector pairs with a destroyed one, to that
   * destroyed one. What depends on the new object in this plan depended on the old one before.
   */
  private static Map<Integer, List<Integer>> renamedFrom(List<ResourceChange> changes,
      Map<String, List<String>> renamedTo) {
    if (renamedTo.isEmpty()) {
      return Map.of();
    }
    Map<String, Integer> created = new HashMap<>();
    Map<String, Integer> destroyed = new HashMap<>();
    for (int i = 0; i < changes.size(); i++) {
      ResourceChange c = changes.get(i);
      if (c.listed() && c.deposed() == null) {
        if (c.kind() == ChangeKind.CREATE) {
          created.put(c.address(), i);
        } else if (c.kind() == ChangeKind.DELETE) {
          destroyed.put(c.address(), i);
        }
      }
    }
    Map<Integer, List<Integer>> out = new HashMap<>();
    renamedTo.forEach((from, targets) -> {
      Integer o = destroyed.get(from);
      for (String to : targets) {
        Integer n = created.get(to);
        if (o != null && n != null) {
          out.computeIfAbsent(n, k -> new ArrayList<>(1)).add(o);
        }
      }
    });
    return out;
  }

  private Finding finding(Plan plan, ResourceChange c, Downstream downstream,
      boolean destroyMode, String suggestion) {
    FindingAction action = switch (c.kind()) {
      case REPLACE -> FindingAction.REPLACE;
      // A forget with a create is a replacement that keeps the old object: every dependent is
      // pointed at a new, empty one, so it is gated as a replacement, not as a forget.
      case FORGET -> retainsOld(c) ? FindingAction.REPLACE : FindingAction.FORGET;
      default -> FindingAction.DELETE; // DELETE, and UNKNOWN treated as a destroy
    };
    CatalogEntry entry = catalog.lookup(c.type()).orElse(null);
    Recoverability rec = Recoverability.UNKNOWN;
    if (retainsOld(c)) {
      rec = new Recoverability(true, RETAINED);
    } else if (entry != null && entry.dataBearing() && action.destroys()) {
      rec = entry.assess(c.before());
    }
    String explanation = explain(c, action, downstream, destroyMode, rec, suggestion,
        plan.format() == PlanFormat.TERRAFORM ? plan.toolVersion() : null);
    return new Finding(plan.source(), c.address(), c.deposed(), c.type(), action, c.order(),
        c.reason(), c.rawActions(), c.replacePaths(), entry != null,
        entry == null ? null : entry.category(), rec.recoverable(), rec.because(), explanation,
        downstream, suggestion, c.conditional(), c.location(), why(c, action, destroyMode),
        List.of(), c.urn());
  }

  /**
   * The cause in plain words: the reader's, or for a delete of a destroy-mode plan (which carries
   * no reason code) that mode, so that no rendering says "no reason given" of it.
   */
  private static String why(ResourceChange c, FindingAction action, boolean destroyMode) {
    if (c.why() == null && destroyMode && action == FindingAction.DELETE && c.reason() == null) {
      return Reasons.DESTROY_MODE;
    }
    return c.why();
  }

  static final String RETAINED =
      "the old resource is retained (orphaned, still billed); the new one starts empty";

  /** A replacement whose old half is forgotten rather than destroyed. */
  static boolean retainsOld(ResourceChange c) {
    return c.kind() == ChangeKind.FORGET && (c.order() == ReplaceOrder.CREATE_BEFORE_FORGET
        || c.order() == ReplaceOrder.FORGET_BEFORE_CREATE);
  }

  static String explain(ResourceChange c, FindingAction action, Downstream downstream,
      boolean destroyMode, Recoverability rec, String suggestion, String terraformVersion) {
    StringBuilder sb = new StringBuilder(c.key());
    if (c.kind() == ChangeKind.UNKNOWN) {
      sb.append(" has the action ").append(String.join("+", c.rawActions()))
          .append(", which plangate does not know, so it is treated as a destroy");
    } else if (c.deposed() != null && action == FindingAction.DELETE) {
      sb.append(" is a deposed object left over from an earlier create-before-destroy"
          + " replacement and will be destroyed");
    } else if (c.why() != null) {
      sb.append(switch (action) {
        case DELETE -> " will be destroyed because ";
        case REPLACE -> retainsOld(c)
            ? " will be replaced by a new, empty one (the old one is kept, unmanaged) because "
            : c.conditional() ? " may be destroyed and recreated because "
            : " will be destroyed and recreated because ";
        case FORGET -> " will no longer be managed (it keeps running) because ";
      }).append(c.why());
    } else {
      switch (action) {
        case DELETE -> sb.append(" will be destroyed because ")
            .append(Reasons.forDelete(c.reason(), destroyMode, terraformVersion));
        case REPLACE -> sb.append(retainsOld(c)
                ? " will be replaced by a new, empty object (the old one is left running,"
                    + " unmanaged)"
                : c.order() == ReplaceOrder.CREATE_BEFORE_DELETE
                ? " will be replaced (the new object is created first, then the old one destroyed)"
                : " will be destroyed and recreated")
            .append(" because ").append(retainsOld(c) ? Reasons.forForget(c.reason())
                : Reasons.forReplace(c.reason(), c.replacePaths()));
        case FORGET -> sb.append(c.order() == null
                ? " will be removed from state but not destroyed: it keeps running, unmanaged,"
                : " will be forgotten (left running, unmanaged) and a new object created in its"
                    + " place,")
            .append(" because ").append(Reasons.forForget(c.reason()));
        default -> throw new IllegalStateException();
      }
    }
    int total = downstream.total();
    if (total == 0) {
      sb.append(downstream.known() ? "; nothing depends on it" : "; dependencies unknown");
    } else {
      sb.append(downstream.known() ? "; " : "; at least ").append(total).append(total == 1 ? " resource depends" : " resources depend")
          .append(" on it");
      if (!downstream.unchanged().isEmpty()) {
        sb.append(" (").append(downstream.unchanged().size()).append(" not changed by this plan)");
      }
      if (!downstream.known()) {
        sb.append(" (dependencies not fully known)");
      }
    }
    sb.append('.');
    if (Boolean.FALSE.equals(rec.recoverable())) {
      sb.append(" Data cannot be recovered: ").append(rec.because()).append('.');
    }
    if (retainsOld(c)) {
      sb.append(" The old resource is retained (orphaned, still billed); the new one starts"
          + " empty.");
    }
    if (suggestion != null) {
      sb.append(" It looks like a rename: a moved block turns the destroy into a move.");
    }
    return sb.toString();
  }

  /** {@code plan -destroy}: every listed change is a bare delete with no reason. */
  static boolean isDestroyMode(List<ResourceChange> changes) {
    boolean any = false;
    for (ResourceChange c : changes) {
      if (!c.listed() || !c.managed()) {
        continue;
      }
      if (c.kind() != ChangeKind.DELETE || c.reason() != null) {
        return false;
      }
      any = true;
    }
    return any;
  }
}
