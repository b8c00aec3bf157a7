package dev.plangate.core.pulumi;

import dev.plangate.core.model.ChangeKind;
import dev.plangate.core.model.ReplaceOrder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * Decides what the steps Pulumi reports for one object mean for that object: one change kind, a
 * replacement order, and the cause in plain words.
 *
 * <p>The rule for replacements is that <em>the kind describes what happens to the old object</em>,
 * because that is what a gate on destroys cares about:
 *
 * <table>
 *   <caption>replacement halves to change kind</caption>
 *   <tr><th>old half</th><th>new: create</th><th>new: import</th><th>new: read</th></tr>
 *   <tr><td>delete-replaced</td><td>REPLACE</td><td>REPLACE, importing</td><td>DELETE</td></tr>
 *   <tr><td>delete-replaced with retainOnDelete</td><td>FORGET + order</td>
 *       <td>FORGET + order, importing</td><td>FORGET</td></tr>
 *   <tr><td>discard-replaced (old was only read)</td><td>CREATE</td><td>CREATE, importing</td>
 *       <td>READ</td></tr>
 * </table>
 *
 * <p>So {@code import-replacement} is a REPLACE only when a managed object is deleted to make way
 * for the imported one; when the old object was only read ({@code discard-replaced}, the
 * corpus's {@code TestImportOption} stream), nothing is destroyed and it is a CREATE that
 * imports. {@code read-replacement} followed by {@code delete-replaced} deletes the managed object
 * and only reads another in its place, so it is a DELETE, not a "destroy and recreate".
 * {@code remove-pending-replace} drops the record of an object an interrupted delete-before-replace
 * already deleted; plangate still reports it as a destroy (fail closed: the program stopped
 * declaring the resource), with words that say the object is already gone.
 *
 * <p>Without the halves (a digest written without {@code --show-replacement-steps} has only the
 * logical {@code replace} step) the old state tells: {@code external} means it was only read,
 * {@code retainOnDelete} that it is kept, {@code pendingReplacement} that the engine ran the
 * delete first (its delete step sets that flag, in a preview too), {@code delete} that the
 * create ran first. Otherwise the order is Pulumi's default, create before delete.
 */
final class StepClassifier {
  static final String RETAIN =
      "retainOnDelete: the cloud resource is kept, only removed from the stack";
  static final String PROTECTED =
      "protected: the delete will fail unless protect is removed";
  /** Why a plain {@code delete} step happens outside {@code pulumi destroy}. */
  static final String NOT_DECLARED = "the program no longer declares it";
  /** Least destructive first, for the rare object with several unrelated steps. */
  private static final List<ChangeKind> RANK = List.of(ChangeKind.NO_OP, ChangeKind.READ,
      ChangeKind.CREATE, ChangeKind.UPDATE, ChangeKind.FORGET, ChangeKind.REPLACE,
      ChangeKind.DELETE, ChangeKind.UNKNOWN);

  private StepClassifier() {}

  /** What the new half of a replacement does. */
  private enum NewSide { CREATE, IMPORT, READ }

  /** What the old half of a replacement does. */
  private enum OldSide { DELETE, FORGET, DISCARD, ALREADY_DELETED }

  /**
   * The verdict on one object.
   *
   * @param kind the change kind
   * @param order the replacement order, or null
   * @param importing true when an existing cloud object is adopted
   * @param managed false for resources that were only read
   * @param why the cause in plain words, or null
   * @param replacePaths the properties that force a replacement
   * @param orderAssumed true when nothing in the file told the order of a replacement
   * @param before the old state, or null
   * @param after the new state, or null
   * @param unknownOps ops this version of plangate does not know (non-empty means UNKNOWN)
   */
  record Verdict(ChangeKind kind, ReplaceOrder order, boolean importing, boolean managed,
      String why, List<String> replacePaths, boolean orderAssumed, PulumiState before,
      PulumiState after, List<String> unknownOps) {}

  /**
   * Classifies the steps of one object, in the order they appeared.
   *
   * @param deleteCause why a plain delete happens: {@link #NOT_DECLARED}, or that the whole
   *     stack is destroyed
   */
  static Verdict classify(List<PulumiStep> steps, String deleteCause) {
    List<String> unknown = new ArrayList<>();
    Set<StepOp> ops = new LinkedHashSet<>();
    for (PulumiStep s : steps) {
      StepOp op = s.knownOp();
      if (op == null) {
        unknown.add(s.op());
      } else {
        ops.add(op);
      }
    }
    PulumiState before = firstOf(steps.stream().map(PulumiStep::before));
    PulumiState after = firstOf(steps.stream().map(PulumiStep::after));
    if (!unknown.isEmpty()) {
      return new Verdict(ChangeKind.UNKNOWN, null, false, true, null, List.of(), false, before,
          after, List.copyOf(unknown));
    }
    Set<StepOp> effective = new LinkedHashSet<>(ops);
    effective.remove(StepOp.REFRESH);
    effective.remove(StepOp.DIFF);
    if (effective.isEmpty()) {
      if (ops.contains(StepOp.REFRESH)) {
        return simple(ChangeKind.READ, before, after, null, !isExternal(before, after));
      }
      // Only the engine's internal diff step: the step that says what happens is missing.
      return new Verdict(ChangeKind.UNKNOWN, null, false, true, null, List.of(), false, before,
          after, List.of(StepOp.DIFF.id()));
    }
    boolean replacement = effective.contains(StepOp.REPLACE)
        || effective.stream().anyMatch(o -> o.isNewHalf() || o.isOldHalf())
        || (effective.contains(StepOp.REMOVE_PENDING_REPLACE) && effective.size() > 1);
    if (replacement) {
      return replacement(steps, before, after);
    }
    Verdict worst = null;
    for (PulumiStep s : steps) {
      StepOp op = s.knownOp();
      if (!effective.contains(op)) {
        continue;
      }
      Verdict v = single(op, s, deleteCause);
      if (worst == null || RANK.indexOf(v.kind()) > RANK.indexOf(worst.kind())) {
        worst = v;
      }
    }
    return worst;
  }

  private static Verdict single(StepOp op, PulumiStep s, String deleteCause) {
    PulumiState before = s.before();
    PulumiState after = s.after();
    return switch (op) {
      case SAME -> simple(ChangeKind.NO_OP, before, after, null, true);
      case CREATE -> simple(ChangeKind.CREATE, before, after, null, true);
      case IMPORT -> new Verdict(ChangeKind.CREATE, null, true, true,
          "it imports an existing cloud object" + importId(after), List.of(), false, before,
          after, List.of());
      case UPDATE -> simple(ChangeKind.UPDATE, before, after,
          PulumiWhy.update(s.diffReasons(), s.detailedDiff()), true);
      case READ, REFRESH -> simple(ChangeKind.READ, before, after, null, false);
      case DELETE -> delete(before, after, deleteCause);
      case DISCARD -> simple(ChangeKind.FORGET, before, after,
          "it was only read (an existing object Pulumi does not own) and the program no longer"
              + " reads it: Pulumi drops it from the stack and the cloud object is not touched",
          false);
      case REMOVE_PENDING_REPLACE -> simple(ChangeKind.DELETE, before, after,
          NOT_DECLARED + "; its cloud object was already deleted by an"
              + " interrupted delete-before-replace, and this step removes the leftover record",
          true);
      default -> throw new IllegalStateException("not a single-step op: " + op);
    };
  }

  private static Verdict delete(PulumiState before, PulumiState after, String deleteCause) {
    String cause = deleteCause;
    if (before != null && before.deletedWith() != null) {
      cause += "; it goes with " + shortUrn(before.deletedWith()) + " (deletedWith)";
    }
    if (before != null && !before.custom() && before.type() != null
        && !before.type().startsWith("pulumi:")) {
      cause += "; it is a component (no cloud object of its own) and its children are deleted"
          + " with it";
    }
    if (before != null && before.retainOnDelete()) {
      return simple(ChangeKind.FORGET, before, after, withProtect(cause + "; " + RETAIN, before),
          true);
    }
    return simple(ChangeKind.DELETE, before, after, withProtect(cause, before), true);
  }

  private static String withProtect(String why, PulumiState before) {
    return before != null && before.protect() ? why + "; " + PROTECTED : why;
  }

  private static Verdict replacement(List<PulumiStep> steps, PulumiState anyBefore,
      PulumiState anyAfter) {
    PulumiStep logical = first(steps, op -> op == StepOp.REPLACE);
    PulumiStep newHalf = first(steps, StepOp::isNewHalf);
    PulumiStep oldHalf = first(steps, op -> op.isOldHalf() || op == StepOp.REMOVE_PENDING_REPLACE);
    PulumiState old = firstOf(Stream.of(oldHalf == null ? null : oldHalf.before(),
        logical == null ? null : logical.before(),
        newHalf == null ? null : newHalf.before(), anyBefore));
    PulumiState neu = firstOf(Stream.of(newHalf == null ? null : newHalf.after(),
        logical == null ? null : logical.after(), anyAfter));

    NewSide newSide;
    if (newHalf != null) {
      newSide = switch (newHalf.knownOp()) {
        case IMPORT_REPLACEMENT -> NewSide.IMPORT;
        case READ_REPLACEMENT -> NewSide.READ;
        default -> NewSide.CREATE;
      };
    } else if (neu != null && neu.external()) {
      newSide = NewSide.READ;
    } else if (neu != null && neu.importId() != null) {
      newSide = NewSide.IMPORT;
    } else {
      newSide = NewSide.CREATE;
    }

    OldSide oldSide;
    if (oldHalf != null && oldHalf.knownOp() == StepOp.DISCARD_REPLACED) {
      oldSide = OldSide.DISCARD;
    } else if (oldHalf != null && oldHalf.knownOp() == StepOp.REMOVE_PENDING_REPLACE) {
      oldSide = OldSide.ALREADY_DELETED;
    } else if (oldHalf == null && old != null && old.external()) {
      oldSide = OldSide.DISCARD;
    } else if (old != null && old.retainOnDelete()) {
      oldSide = OldSide.FORGET;
    } else {
      oldSide = OldSide.DELETE;
    }

    boolean flagged = old != null && old.deleteBeforeReplace()
        || neu != null && neu.deleteBeforeReplace()
        || steps.stream().anyMatch(PulumiStep::deleteBeforeReplace);
    boolean oldFirst;
    boolean assumed = false;
    if (oldHalf != null && newHalf != null) {
      oldFirst = oldHalf.position() < newHalf.position();
    } else if (flagged || oldSide == OldSide.ALREADY_DELETED
        || old != null && old.pendingReplacement()) {
      oldFirst = true;
    } else {
      oldFirst = false;
      assumed = newHalf == null && oldHalf == null && (old == null || !old.pendingDelete());
    }

    List<String> replacePaths = new ArrayList<>();
    List<String> diffReasons = new ArrayList<>();
    Map<String, String> detailed = new LinkedHashMap<>();
    for (PulumiStep s : steps) {
      s.replaceReasons().forEach(r -> addOnce(replacePaths, r));
      s.diffReasons().forEach(r -> addOnce(diffReasons, r));
      s.detailedDiff().forEach(detailed::putIfAbsent);
    }
    if (replacePaths.isEmpty()) {
      detailed.forEach((path, kind) -> {
        if (kind.endsWith("-replace")) {
          replacePaths.add(path);
        }
      });
    }
    String cause = PulumiWhy.replacement(replacePaths, diffReasons, detailed);
    boolean importing = newSide == NewSide.IMPORT;
    String id = importing ? importId(neu) : "";

    return switch (oldSide) {
      case DISCARD -> switch (newSide) {
        case READ -> new Verdict(ChangeKind.READ, null, false, false, null, replacePaths, false,
            old, neu, List.of());
        case IMPORT, CREATE -> new Verdict(ChangeKind.CREATE, null, importing, true,
            "the object it replaces was only read, so nothing is destroyed" + id, replacePaths,
            false, old, neu, List.of());
      };
      case FORGET -> new Verdict(ChangeKind.FORGET,
          newSide == NewSide.READ ? null
              : oldFirst ? ReplaceOrder.FORGET_BEFORE_CREATE : ReplaceOrder.CREATE_BEFORE_FORGET,
          importing, true, withProtect(cause + "; " + RETAIN
              + (newSide == NewSide.READ ? ", and an existing object is read in its place"
                  : ", and a new one takes its place") + id, old),
          replacePaths, assumed, old, neu, List.of());
      case DELETE, ALREADY_DELETED -> {
        String already = oldSide == OldSide.ALREADY_DELETED
            ? "; its cloud object was already deleted by an interrupted delete-before-replace" : "";
        if (newSide == NewSide.READ) {
          yield new Verdict(ChangeKind.DELETE, null, false, true, withProtect(
              "the program now reads an existing object" + readId(neu)
                  + " in its place instead of managing it" + already, old),
              replacePaths, false, old, neu, List.of());
        }
        String order = oldFirst
            ? "; the old object is deleted before the new one exists (delete-before-replace)" : "";
        yield new Verdict(ChangeKind.REPLACE,
            oldFirst ? ReplaceOrder.DELETE_BEFORE_CREATE : ReplaceOrder.CREATE_BEFORE_DELETE,
            importing, true,
            withProtect(cause + (importing ? "; an existing object is imported in its place" + id
                : "") + order + already, old),
            replacePaths, assumed, old, neu, List.of());
      }
    };
  }

  private static Verdict simple(ChangeKind kind, PulumiState before, PulumiState after,
      String why, boolean managed) {
    return new Verdict(kind, null, false, managed, why, List.of(), false, before, after,
        List.of());
  }

  private static boolean isExternal(PulumiState before, PulumiState after) {
    return after != null ? after.external() : before != null && before.external();
  }

  private static String importId(PulumiState s) {
    return s != null && s.importId() != null ? " (id " + s.importId() + ")" : "";
  }

  private static String readId(PulumiState s) {
    return s != null && s.id() != null ? " (id " + s.id() + ")" : "";
  }

  private static String shortUrn(String urn) {
    PulumiUrn parsed = PulumiUrn.tryParse(urn);
    return parsed == null ? urn : parsed.shortForm();
  }

  private static void addOnce(List<String> list, String s) {
    if (!list.contains(s)) {
      list.add(s);
    }
  }

  private static PulumiStep first(List<PulumiStep> steps, Predicate<StepOp> op) {
    return steps.stream().filter(s -> s.knownOp() != null && op.test(s.knownOp())).findFirst()
        .orElse(null);
  }

  private static PulumiState firstOf(Stream<PulumiState> states) {
    return states.filter(Objects::nonNull).findFirst().orElse(null);
  }
}
