package dev.plangate.core.cloudformation;

import dev.plangate.core.cloudformation.ChangeEntry.Detail;
import dev.plangate.core.model.ChangeKind;
import dev.plangate.core.model.ReplaceOrder;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Turns CloudFormation's {@code Action}, {@code Replacement} and {@code PolicyAction} into
 * plangate's change kinds, and {@code Details} into a cause in plain words. The rules:
 *
 * <ul>
 *   <li>{@code Remove} deletes; with {@code PolicyAction: Retain} the resource is only forgotten.
 *   <li>{@code Modify} replaces when {@code Replacement} is {@code True}, may replace when it is
 *       {@code Conditional} (reported as a replacement, never as an update), updates when it is
 *       {@code False}.
 *   <li>{@code Add} creates, even when it carries {@code Replacement: True} (IncludePropertyValues
 *       output does that); {@code Import} creates by importing.
 *   <li>{@code Dynamic} (the action is only known at deploy time) is a possible replacement unless
 *       {@code Replacement} is {@code False}.
 *   <li>{@code SyncWithActual} only brings CloudFormation's record in line with reality: drift,
 *       not a change.
 *   <li>Any other action is unknown and treated as a destroy: fail closed.
 *   <li>One exception: a modified {@code AWS::CDK::Metadata} is an update whatever its
 *       {@code Replacement} says (see {@link #CDK_METADATA}).
 * </ul>
 *
 * CloudFormation replaces by creating the new resource first and deleting the old one during
 * clean-up, so every replacement is create-before-delete (create-before-forget when the old one
 * is retained).
 */
final class ChangeClassifier {
  private ChangeClassifier() {}

  /** What happens to the old physical resource, from {@code PolicyAction}. */
  enum OldResourceFate {
    /** {@code Delete} / {@code ReplaceAndDelete}. */
    DELETED("Delete"),
    /** {@code Retain} / {@code ReplaceAndRetain}: kept, no longer managed. */
    RETAINED("Retain"),
    /** {@code Snapshot} / {@code ReplaceAndSnapshot}: a snapshot first, then deleted. */
    SNAPSHOTTED("Snapshot"),
    /** No {@code PolicyAction}: output from before April 2024, or not a delete at all. */
    NOT_SAID(null),
    /** A {@code PolicyAction} this version does not know: assumed deleted. */
    UNKNOWN(null);

    /** The DeletionPolicy / UpdateReplacePolicy value that leads to this fate. */
    final String policy;

    OldResourceFate(String policy) {
      this.policy = policy;
    }

    static OldResourceFate of(String policyAction) {
      if (policyAction == null) {
        return NOT_SAID;
      }
      String p = policyAction.startsWith("ReplaceAnd")
          ? policyAction.substring("ReplaceAnd".length()) : policyAction;
      return switch (p) {
        case "Delete" -> DELETED;
        case "Retain" -> RETAINED;
        case "Snapshot" -> SNAPSHOTTED;
        default -> UNKNOWN;
      };
    }
  }

  /**
   * The verdict on one resource change.
   *
   * @param kind normalised kind
   * @param conditional true when CloudFormation says the replacement may happen
   * @param order replacement order, or null when not a replacement
   * @param why the cause in plain words
   * @param replacePaths the targets that require recreation, {@code Always} ones first
   * @param rawActions Action, {@code Replacement=…} and {@code PolicyAction=…} as present
   * @param reason a short code: {@code Remove}, {@code Modify/Replacement=True}, ...
   * @param fate what happens to the old resource
   * @param warning a sentence for the plan's warnings, or null
   */
  record Classified(ChangeKind kind, boolean conditional, ReplaceOrder order, String why,
      List<String> replacePaths, List<String> rawActions, String reason, OldResourceFate fate,
      String warning) {

    Classified {
      replacePaths = List.copyOf(replacePaths);
      rawActions = List.copyOf(rawActions);
    }

    boolean importing() {
      return rawActions.get(0).equals("Import");
    }

    boolean drift() {
      return rawActions.get(0).equals("SyncWithActual");
    }
  }

  /**
   * The CDK's version-reporting resource. CloudFormation marks it {@code Replacement: Conditional}
   * on almost every CDK deploy (aws/aws-cdk-cli#1971); it holds no data and nothing refers to it,
   * so gating on its "replacement" would only teach reviewers to ignore the gate.
   */
  static final String CDK_METADATA = "AWS::CDK::Metadata";
  static final String CDK_METADATA_WHY = "AWS::CDK::Metadata only records which CDK constructs"
      + " the stack uses; CloudFormation reports it as a possible replacement on almost every CDK"
      + " deploy, and recreating it destroys nothing";

  static final String REMOVED = "the resource was removed from the template"
      + " (or its Condition is now false)";

  static Classified classify(ChangeEntry e, String address) {
    String action = e.action();
    OldResourceFate fate = OldResourceFate.of(e.policyAction());
    String policyWarning = fate == OldResourceFate.UNKNOWN
        ? address + " has the PolicyAction " + e.policyAction() + ", which plangate does not"
            + " know; the old resource is assumed to be deleted."
        : null;
    return switch (action) {
      case "Remove" -> fate == OldResourceFate.RETAINED
          ? verdict(ChangeKind.FORGET, false, REMOVED + " and its DeletionPolicy is Retain",
              List.of(), e, null)
          : verdict(ChangeKind.DELETE, false, REMOVED + deleteFate(fate, e), List.of(), e,
              policyWarning);
      case "Modify" -> e.resourceType().equals(CDK_METADATA)
          ? verdict(ChangeKind.UPDATE, false, CDK_METADATA_WHY, List.of(), e, null)
          : modify(e, address, fate, policyWarning);
      case "Dynamic" -> {
        if (Replacement.of(e.replacement()) == Replacement.FALSE) {
          yield verdict(ChangeKind.UPDATE, false,
              "CloudFormation can only tell the exact action at deploy time (Action: Dynamic);"
                  + " Replacement is False, so it is treated as an update",
              List.of(), e, null);
        }
        String causes = describe(e.details(), true);
        yield verdict(ChangeKind.REPLACE, true, "CloudFormation can only tell the exact action"
                + " at deploy time (Action: Dynamic), so it is treated as a possible replacement"
                + (causes.isEmpty() ? "" : "; " + causes) + replaceFate(fate, e),
            recreatingTargets(e.details()), e, policyWarning);
      }
      case "Add" -> verdict(ChangeKind.CREATE, false, "the resource was added to the template",
          List.of(), e, null);
      case "Import" -> verdict(ChangeKind.CREATE, false,
          "an existing resource is imported into the stack", List.of(), e, null);
      case "SyncWithActual" -> verdict(ChangeKind.NO_OP, false,
          "CloudFormation only brings its record in line with the resource's actual state"
              + " (drift); the resource itself is not changed",
          List.of(), e, null);
      default -> verdict(ChangeKind.UNKNOWN, false,
          "CloudFormation reports the action " + action + ", which plangate does not know, so"
              + " it is treated as a destroy",
          recreatingTargets(e.details()), e,
          address + " has the action " + action + " that plangate does not know; treated as a"
              + " destroy.");
    };
  }

  private static Classified modify(ChangeEntry e, String address, OldResourceFate fate,
      String policyWarning) {
    Replacement r = Replacement.of(e.replacement());
    String warning = policyWarning;
    if (r == Replacement.ABSENT) {
      // Outputs without the roll-up: CloudFormation's own rule over the details decides.
      r = rollUp(e.details());
      if (r == Replacement.ABSENT) {
        r = Replacement.CONDITIONAL;
        warning = address + " is modified but the change set says neither whether it is"
            + " replaced nor what changes; treated as a possible replacement.";
      }
    } else if (r == Replacement.UNKNOWN) {
      warning = address + " has Replacement " + e.replacement() + ", which plangate does not"
          + " know; treated as a possible replacement.";
      r = Replacement.CONDITIONAL;
    }
    if (r == Replacement.FALSE) {
      String changes = describe(e.details(), false);
      return verdict(ChangeKind.UPDATE, false,
          changes.isEmpty() ? "it is updated in place" : changes, List.of(), e, warning);
    }
    boolean conditional = r == Replacement.CONDITIONAL;
    String causes = describe(e.details(), true);
    if (causes.isEmpty()) {
      causes = conditional
          ? "CloudFormation says it may have to be replaced (Replacement: Conditional) but names"
              + " no property that requires it"
          : "CloudFormation says it must be replaced (Replacement: True) but names no property"
              + " that requires it";
    }
    return verdict(ChangeKind.REPLACE, conditional, causes + replaceFate(fate, e),
        recreatingTargets(e.details()), e, warning);
  }

  /**
   * A verdict on {@code e} with its raw actions, reason and fate; a replacement is
   * create-before-delete, or create-before-forget when the old one is retained.
   */
  private static Classified verdict(ChangeKind kind, boolean conditional, String why,
      List<String> paths, ChangeEntry e, String warning) {
    OldResourceFate fate = OldResourceFate.of(e.policyAction());
    ReplaceOrder order = kind != ChangeKind.REPLACE ? null
        : fate == OldResourceFate.RETAINED ? ReplaceOrder.CREATE_BEFORE_FORGET
            : ReplaceOrder.CREATE_BEFORE_DELETE;
    List<String> raw = new ArrayList<>(3);
    raw.add(e.action());
    if (e.replacement() != null) {
      raw.add("Replacement=" + e.replacement());
    }
    if (e.policyAction() != null) {
      raw.add("PolicyAction=" + e.policyAction());
    }
    return new Classified(kind, conditional, order, why, paths, raw, reason(e), fate, warning);
  }

  private static String deleteFate(OldResourceFate fate, ChangeEntry e) {
    return switch (fate) {
      case SNAPSHOTTED -> "; a snapshot is taken first";
      case UNKNOWN -> "; its PolicyAction " + e.policyAction() + " is unknown, so a plain delete"
          + " is assumed";
      default -> "";
    };
  }

  private static String replaceFate(OldResourceFate fate, ChangeEntry e) {
    return switch (fate) {
      case RETAINED -> "; the old one is kept but no longer managed";
      case SNAPSHOTTED -> "; a snapshot of the old one is taken first";
      case UNKNOWN -> "; its PolicyAction " + e.policyAction() + " is unknown, so the old one is"
          + " assumed to be deleted";
      default -> "";
    };
  }

  /** {@code Action}, plus the fields that change its meaning: short enough for a table. */
  private static String reason(ChangeEntry e) {
    StringBuilder sb = new StringBuilder(e.action());
    if (e.replacement() != null && (e.action().equals("Modify") || e.action().equals("Dynamic"))) {
      sb.append("/Replacement=").append(e.replacement());
    }
    OldResourceFate fate = OldResourceFate.of(e.policyAction());
    if (fate != OldResourceFate.NOT_SAID && fate != OldResourceFate.DELETED) {
      sb.append("/PolicyAction=").append(e.policyAction());
    }
    return sb.toString();
  }

  /** The {@code Replacement} field. */
  enum Replacement {
    TRUE, FALSE, CONDITIONAL, ABSENT, UNKNOWN;

    static Replacement of(String value) {
      if (value == null) {
        return ABSENT;
      }
      return switch (value) {
        case "True" -> TRUE;
        case "False" -> FALSE;
        case "Conditional" -> CONDITIONAL;
        default -> UNKNOWN;
      };
    }
  }

  /**
   * The API's documented roll-up, for documents without {@code Replacement}: {@code Always} with
   * a static evaluation replaces; {@code Always} evaluated dynamically or {@code Conditionally}
   * may replace; only {@code Never} does not. ABSENT when no detail says.
   */
  static Replacement rollUp(List<Detail> details) {
    Replacement r = Replacement.ABSENT;
    for (Detail d : details) {
      String rr = d.requiresRecreation();
      if ("Always".equals(rr) && !"Dynamic".equals(d.evaluation())) {
        return Replacement.TRUE;
      }
      if ("Always".equals(rr) || "Conditionally".equals(rr)) {
        r = Replacement.CONDITIONAL;
      } else if ("Never".equals(rr) && r == Replacement.ABSENT) {
        r = Replacement.FALSE;
      } else if (rr != null && !"Never".equals(rr)) {
        // An unknown recreation level: fail closed.
        r = Replacement.CONDITIONAL;
      }
    }
    return r;
  }

  /** Names of the targets that require recreation, {@code Always} before {@code Conditionally}. */
  static List<String> recreatingTargets(List<Detail> details) {
    Set<String> always = new LinkedHashSet<>();
    Set<String> maybe = new LinkedHashSet<>();
    for (Detail d : details) {
      String name = d.name() != null ? d.name() : d.attribute();
      if (name == null) {
        continue;
      }
      if ("Always".equals(d.requiresRecreation())) {
        always.add(name);
      } else if ("Conditionally".equals(d.requiresRecreation())) {
        maybe.add(name);
      }
    }
    maybe.removeAll(always);
    List<String> out = new ArrayList<>(always);
    out.addAll(maybe);
    return out;
  }

  /**
   * One clause per changed target, with its recreation level and its causes:
   * {@code changing Properties.KeyName requires recreation (Always), caused by parameter
   * KeyPairName}. With {@code onlyRecreating}, targets that need no recreation are left out.
   * Parameter changes come as two details per target (a dynamic direct modification and a
   * static parameter reference); grouping by target merges them.
   */
  static String describe(List<Detail> details, boolean onlyRecreating) {
    Map<String, List<Detail>> byTarget = new LinkedHashMap<>();
    for (Detail d : details) {
      byTarget.computeIfAbsent(d.target(), k -> new ArrayList<>()).add(d);
    }
    List<Map.Entry<Integer, String>> clauses = new ArrayList<>();
    for (Map.Entry<String, List<Detail>> t : byTarget.entrySet()) {
      List<Detail> ds = t.getValue();
      String level = strongest(ds);
      if (onlyRecreating && rank(level) <= 0) {
        continue;
      }
      StringBuilder sb = new StringBuilder("changing ").append(t.getKey());
      if (level == null) {
        // nothing to add: the detail does not say
      } else if (level.equals("Always")) {
        sb.append(" requires recreation (Always)");
        if (ds.stream().allMatch(d -> "Dynamic".equals(d.evaluation()))) {
          sb.append(" if its value, known only at deploy time, really changes");
        }
      } else if (level.equals("Conditionally")) {
        sb.append(" may require recreation (Conditionally)");
      } else if (level.equals("Never")) {
        sb.append(" needs no recreation (Never)");
      } else {
        sb.append(" has RequiresRecreation ").append(level)
            .append(", which plangate does not know");
      }
      Set<String> causes = ds.stream().map(ChangeClassifier::cause).filter(Objects::nonNull)
          .collect(Collectors.toCollection(LinkedHashSet::new));
      if (!causes.isEmpty()) {
        sb.append(", caused by ").append(String.join(" and ", causes));
      }
      clauses.add(Map.entry(rank(level), sb.toString()));
    }
    // Certain causes lead: a "may require recreation" first would read as if all were uncertain.
    // The sort is stable, so clauses of one rank keep their order.
    clauses.sort(Map.Entry.<Integer, String>comparingByKey().reversed());
    return String.join("; ", clauses.stream().map(Map.Entry::getValue).toList());
  }

  private static int rank(String requiresRecreation) {
    return requiresRecreation == null ? -1 : switch (requiresRecreation) {
      case "Never" -> 0;
      case "Conditionally" -> 1;
      case "Always" -> 2;
      default -> 3; // unknown: strongest, fail closed
    };
  }

  /** The first of the strongest recreation levels, or null when no detail says. */
  private static String strongest(List<Detail> ds) {
    return ds.stream().map(Detail::requiresRecreation).filter(Objects::nonNull)
        .max(Comparator.comparingInt(ChangeClassifier::rank)).orElse(null);
  }

  private static String cause(Detail d) {
    String source = d.changeSource();
    String entity = d.causingEntity();
    if (source == null) {
      return null;
    }
    return switch (source) {
      case "ParameterReference" -> entity == null ? "a parameter" : "parameter " + entity;
      case "ResourceReference" -> entity == null ? "a change to another resource"
          : "a change to resource " + entity;
      case "ResourceAttribute" -> entity == null ? "a change to another resource's attribute"
          : "a change to " + entity;
      case "Automatic" -> "an automatic update of the nested stack";
      case "DirectModification", "NoModification" -> null;
      default -> "ChangeSource " + source + (entity == null ? "" : " " + entity);
    };
  }
}
