package dev.plangate.core.policy;

import dev.plangate.core.authorship.SignalRule;
import dev.plangate.core.impact.FindingAction;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Combines the policy at the base of a change with the change's own version of it. The file lives
 * in the repository an agent edits, so the version in the change may only make the gate stricter:
 * whatever it adds that tightens applies at once, whatever it tries to loosen is ignored and
 * listed in plain words, and the base's rule applies instead. Loosenings take effect once a human
 * has merged them into the base.
 *
 * <p>Key by key (docs/policy.md, "Which policy is in force"):
 * <ul>
 *   <li>{@code approval.actions}: the union; an action the change drops still needs approval.
 *   <li>{@code approval.label}: the base's; another label in the change is listed.
 *   <li>{@code approval.approvers}, {@code criticalApprovers}: the larger number.
 *   <li>{@code humanOnly}: the stricter of the two (pass &lt; warn &lt; require-approval).
 *   <li>{@code unknownAuthorship}: {@code ai} if either says so.
 *   <li>{@code protect}: the base's rules plus the change's new ones.
 *   <li>{@code waivers}: only the base's, and only those the change keeps; a kept waiver gets the
 *       earlier expiry and the common actions. A new waiver, a later expiry or more actions are
 *       listed.
 *   <li>{@code signals}: the base's plus the change's new ones (more signals find more agents).
 *   <li>{@code criticality}: the base's {@code critical: true} overrides, the base's
 *       {@code critical: false} overrides the change keeps, and the change's new
 *       {@code critical: true} overrides (last, so they win). A new {@code critical: false} is
 *       listed.
 *   <li>{@code plans}: the union (more plans are checked).
 *   <li>{@code planCommand}, {@code auditLog}: the base's; the change's only where the base has
 *       none.
 * </ul>
 */
public final class PolicyMerge {
  private PolicyMerge() {}

  /**
   * The policy in force and what the change tried to loosen.
   *
   * @param effective the combined policy; its {@link Policy#origin()} is the base's, with the
   *     loosening attempts and both versions' notes
   * @param loosened one plain sentence per ignored loosening, in key order
   */
  public record Result(Policy effective, List<String> loosened) {
    public Result {
      loosened = List.copyOf(loosened);
    }
  }

  /**
   * Combines {@code base} (the policy at the base of the change, or the defaults when the base
   * has no policy file) with {@code proposed} (the change's version): the result is at least as
   * strict as {@code base}.
   */
  public static Result tightenOnly(Policy base, Policy proposed) {
    Objects.requireNonNull(base, "base");
    Objects.requireNonNull(proposed, "proposed");
    List<String> loosened = new ArrayList<>();

    Set<FindingAction> actions = EnumSet.noneOf(FindingAction.class);
    actions.addAll(base.approvalActions());
    actions.addAll(proposed.approvalActions());
    for (FindingAction a : new TreeSet<>(base.approvalActions())) {
      if (!proposed.approvalActions().contains(a)) {
        loosened.add("approval.actions drops " + a.id() + ": a " + a.id()
            + " still needs approval.");
      }
    }

    String label = base.approvalLabel();
    if (!label.equals(proposed.approvalLabel())) {
      loosened.add("approval.label changes to \"" + proposed.approvalLabel() + "\": the label"
          + " stays \"" + label + "\".");
    }

    int approvers = atLeast("approval.approvers", base.approvers(), proposed.approvers(), "",
        loosened);
    int critical = atLeast("approval.criticalApprovers", base.criticalApprovers(),
        proposed.criticalApprovers(), " a critical destroy", loosened);

    HumanOnly humanOnly = strictness(proposed.humanOnly()) > strictness(base.humanOnly())
        ? proposed.humanOnly() : base.humanOnly();
    if (strictness(proposed.humanOnly()) < strictness(base.humanOnly())) {
      loosened.add("humanOnly changes " + base.humanOnly().id() + " to "
          + proposed.humanOnly().id() + ": it stays " + base.humanOnly().id() + ".");
    }

    boolean unknownIsAi = base.unknownAuthorshipIsAi() || proposed.unknownAuthorshipIsAi();
    if (base.unknownAuthorshipIsAi() && !proposed.unknownAuthorshipIsAi()) {
      loosened.add("unknownAuthorship changes ai to human: unknown authorship still counts as"
          + " AI.");
    }

    List<ProtectRule> protect = keepAndAdd(base.protect(), proposed.protect(), PolicyMerge::key,
        r -> "protect drops or changes the rule for " + describe(r.type(), r.address())
            + ": the rule still applies.", loosened);
    List<Waiver> waivers = waivers(base.waivers(), proposed.waivers(), loosened);
    List<SignalRule> signals = keepAndAdd(base.signals(), proposed.signals(), PolicyMerge::key,
        s -> "signals drops or changes the signal for " + s.agent() + ": it still applies.",
        loosened);
    List<CriticalityOverride> criticality = criticality(base.criticality(),
        proposed.criticality(), loosened);
    List<String> plans = keepAndAdd(base.plans(), proposed.plans(), p -> p,
        p -> "plans drops \"" + p + "\": it is still checked.", loosened);
    String planCommand = baseFirst("planCommand", base.planCommand(), proposed.planCommand(),
        "\"" + base.planCommand() + "\" still runs.", loosened);
    String auditLog = baseFirst("auditLog", base.auditLog(), proposed.auditLog(),
        "decisions are still written to \"" + base.auditLog() + "\".", loosened);

    List<String> notes = new ArrayList<>(base.origin().notes());
    notes.addAll(proposed.origin().notes());
    if (base.origin().path() == null && base.origin().revision() != null
        && base.origin().notes().isEmpty()
        && proposed.origin().path() != null) {
      notes.add("There is no policy file at " + base.origin().revision() + ", so the built-in"
          + " defaults are the base; " + proposed.origin().path() + " may only tighten them.");
    }
    PolicyOrigin origin = new PolicyOrigin(base.origin().path(), base.origin().revision(),
        loosened, notes);
    Policy effective = new Policy(base.source(), actions, label, humanOnly, unknownIsAi,
        protect, waivers, signals, criticality, plans, planCommand, approvers, critical,
        auditLog, origin);
    return new Result(effective, loosened);
  }

  /**
   * Pairs each base waiver with the change's waivers for the same address, in order. A base
   * waiver the change removed is gone (stricter); a kept one keeps the earlier expiry and the
   * actions both list. A change's waiver with no base waiver to pair with is ignored.
   */
  private static List<Waiver> waivers(List<Waiver> base, List<Waiver> proposed,
      List<String> loosened) {
    List<Waiver> unpaired = new ArrayList<>(proposed);
    List<Waiver> out = new ArrayList<>();
    for (Waiver b : base) {
      Waiver p = unpaired.stream().filter(c -> c.address().pattern()
          .equals(b.address().pattern())).findFirst().orElse(null);
      if (p == null) {
        continue;
      }
      unpaired.remove(p);
      LocalDate expires = p.expires().isBefore(b.expires()) ? p.expires() : b.expires();
      if (p.expires().isAfter(b.expires())) {
        loosened.add("the waiver for " + b.address().pattern() + " is extended to "
            + p.expires() + ": it still expires on " + b.expires() + ".");
      }
      Set<FindingAction> actions = EnumSet.noneOf(FindingAction.class);
      actions.addAll(b.actions());
      actions.retainAll(p.actions());
      Set<FindingAction> more = EnumSet.noneOf(FindingAction.class);
      more.addAll(p.actions());
      more.removeAll(b.actions());
      if (!more.isEmpty()) {
        loosened.add("the waiver for " + b.address().pattern() + " is widened to "
            + ids(more) + ": it still covers only " + ids(b.actions()) + ".");
      }
      if (!actions.isEmpty()) {
        out.add(new Waiver(b.address(), actions, b.reason(), expires, b.line()));
      }
    }
    for (Waiver p : unpaired) {
      loosened.add("a waiver for " + p.address().pattern() + " (until " + p.expires()
          + ") is added: it does not apply until it is in the base.");
    }
    return out;
  }

  private static List<CriticalityOverride> criticality(List<CriticalityOverride> base,
      List<CriticalityOverride> proposed, List<String> loosened) {
    Set<String> proposedKeys = proposed.stream().map(PolicyMerge::key)
        .collect(Collectors.toSet());
    Set<String> baseKeys = new LinkedHashSet<>();
    List<CriticalityOverride> out = new ArrayList<>();
    for (CriticalityOverride o : base) {
      baseKeys.add(key(o));
      if (!o.critical() && !proposedKeys.contains(key(o))) {
        continue; // the change lets the catalogue mark these critical again: stricter
      }
      if (o.critical() && !proposedKeys.contains(key(o))) {
        loosened.add("criticality drops " + describe(o.type(), o.address())
            + " critical: true: it is still critical.");
      }
      out.add(o);
    }
    for (CriticalityOverride o : proposed) {
      if (baseKeys.contains(key(o))) {
        continue;
      }
      if (o.critical()) {
        out.add(o);
      } else {
        loosened.add("criticality adds critical: false for " + describe(o.type(), o.address())
            + ": it does not apply until it is in the base.");
      }
    }
    return out;
  }

  /**
   * The base's items and then the change's new ones, by key; a sentence for each base item the
   * change drops (or changes, which makes a new key): it still applies.
   */
  private static <T> List<T> keepAndAdd(List<T> base, List<T> proposed, Function<T, String> key,
      Function<T, String> dropped, List<String> loosened) {
    Set<String> proposedKeys = proposed.stream().map(key).collect(Collectors.toSet());
    Set<String> keys = new HashSet<>();
    List<T> out = new ArrayList<>(base);
    for (T b : base) {
      keys.add(key.apply(b));
      if (!proposedKeys.contains(key.apply(b))) {
        loosened.add(dropped.apply(b));
      }
    }
    for (T p : proposed) {
      if (keys.add(key.apply(p))) {
        out.add(p);
      }
    }
    return out;
  }

  /** The larger count; a sentence when the change lowers it. */
  private static int atLeast(String key, int base, int proposed, String what,
      List<String> loosened) {
    if (proposed < base) {
      loosened.add(key + " lowers " + base + " to " + proposed + ": " + base + " still approve"
          + what + ".");
    }
    return Math.max(base, proposed);
  }

  /** The base's value, the change's only where the base has none; a sentence when it differs. */
  private static String baseFirst(String key, String base, String proposed, String kept,
      List<String> loosened) {
    if (base != null && !base.equals(proposed)) {
      loosened.add(key + (proposed == null ? " is removed: "
          : " changes to \"" + proposed + "\": ") + kept);
    }
    return base != null ? base : proposed;
  }

  /** Higher is stricter. */
  private static int strictness(HumanOnly h) {
    return switch (h) {
      case PASS -> 0;
      case WARN -> 1;
      case REQUIRE_APPROVAL -> 2;
    };
  }

  private static String key(ProtectRule r) {
    return pattern(r.type()) + "\u0000" + pattern(r.address()) + "\u0000"
        + ids(r.actions());
  }

  private static String key(CriticalityOverride o) {
    return pattern(o.type()) + "\u0000" + pattern(o.address()) + "\u0000" + o.critical();
  }

  private static String key(SignalRule s) {
    return s.agent() + "\u0000" + s.where() + "\u0000" + s.key() + "\u0000"
        + (s.pattern() == null ? "" : s.pattern().pattern() + "/" + s.pattern().flags())
        + "\u0000" + s.confidence();
  }

  private static String describe(AddressGlob type, AddressGlob address) {
    if (type != null && address != null) {
      return "type " + type.pattern() + " at " + address.pattern();
    }
    return type != null ? "type " + type.pattern() : address.pattern();
  }

  private static String pattern(AddressGlob g) {
    return g == null ? "" : g.pattern();
  }

  private static String ids(Set<FindingAction> actions) {
    return actions.stream().sorted().map(FindingAction::id).collect(Collectors.joining(", "));
  }
}
