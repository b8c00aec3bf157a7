package dev.plangate.core.cloudformation;

import dev.plangate.core.cloudformation.TemplateReplacementRules.Effect;
import dev.plangate.core.model.ChangeKind;
import dev.plangate.core.model.Plan;
import dev.plangate.core.model.PlanFormat;
import dev.plangate.core.model.ReplaceOrder;
import dev.plangate.core.model.ResourceChange;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Compares two versions of a CloudFormation template (or of a set of stacks) and says, per
 * resource, what deploying the new version does: delete, replace, keep unmanaged, update or
 * create, each with its cause in plain words. The result is a {@link Plan} like a Terraform plan,
 * with the dependency graph of the new version plus the old edges of removed resources, so the
 * impact analysis finds what depends on a deleted or replaced resource.
 *
 * <p>What decides:
 *
 * <ul>
 *   <li>A logical ID that is gone is deleted, unless its {@code DeletionPolicy} is {@code Retain}
 *       or {@code RetainExceptOnCreate} (then it is kept, no longer managed) or {@code Snapshot}
 *       (deleted after a snapshot; also the default for RDS clusters and stand-alone instances).
 *       A renamed logical ID is a delete plus a create, and is said to be one.
 *   <li>A changed {@code Type} replaces the resource.
 *   <li>A changed top-level property replaces it when the service spec says so, may replace it
 *       when the spec says "conditional", and may replace it when plangate does not know the type
 *       (custom resources, new types): unknown is never read as safe.
 *   <li>A resource whose property refers to a replaced resource (by {@code Ref},
 *       {@code Fn::GetAtt}, {@code Fn::Sub}, or nested in any function) sees a new value, and is
 *       replaced in turn when that property cannot change in place. The reference diff tool
 *       (cfn-diff) misses references inside {@code Fn::Sub} and nested functions; this does not.
 *   <li>{@code UpdateReplacePolicy} decides what happens to the old copy of a replaced resource.
 * </ul>
 *
 * <p>This class compares only; {@link TemplateLoader} finds the two versions (files, git,
 * {@code cdk.out}). {@link Renames}, {@link ConditionMeanings}, {@link StackParameters} and
 * {@link ReplacementSpread} each answer one question the comparison asks.
 */
public final class TemplateDiff {
  private static final String CDK_METADATA = "AWS::CDK::Metadata";
  private static final String SAM_PREFIX = "AWS::Serverless::";
  private static final Set<String> DEFINITION_KEYS_COMPARED_AS_SETS = Set.of("DependsOn");

  private final TemplateReplacementRules rules;
  /** What this diff found worth saying that is not a change of its own. */
  private final List<String> warnings = new ArrayList<>();
  /** Each template's conditions written out, by template identity. */
  private final Map<Template, ConditionMeanings> conditionMeanings = new IdentityHashMap<>();

  private TemplateDiff(TemplateReplacementRules rules) {
    this.rules = rules;
  }

  /**
   * What deploying {@code after} over a stack made from {@code before} does.
   *
   * @param name what to call the plan in reports (usually the template's path)
   */
  public static Plan diff(Template before, Template after, String name) {
    return diff(TemplateLoader.Versions.of(before, after), name);
  }

  /**
   * The same for versions a {@link TemplateLoader} loaded, whose warnings come first: several
   * stacks at once, by stack name, with addresses {@code Stack/LogicalId}. A stack only in
   * {@code after} is created; a stack only in {@code before} is not deleted by a deploy of the
   * others, so its resources are reported as no longer managed.
   */
  public static Plan diff(TemplateLoader.Versions versions, String name) {
    Plan plan = new TemplateDiff(TemplateReplacementRules.builtin())
        .run(versions.before(), versions.after(), name);
    if (versions.warnings().isEmpty()) {
      return plan;
    }
    List<String> warnings = new ArrayList<>(versions.warnings());
    warnings.addAll(plan.warnings());
    return plan.withWarnings(warnings);
  }

  // ----------------------------------------------------------------------------- the diff

  private Plan run(Map<String, Template> before, Map<String, Template> after, String name) {
    List<String> droppedStacks =
        before.keySet().stream().filter(stack -> !after.containsKey(stack)).toList();
    TemplateGraph gb = TemplateGraph.of(before);
    TemplateGraph ga = TemplateGraph.of(after);
    Map<String, ResourceOutcome> outcomes = new LinkedHashMap<>();
    for (String address : ga.resources()) {
      TemplateResource r = ga.resource(address);
      outcomes.put(address, new ResourceOutcome(address, r.type(), r.location()));
    }
    List<String> removed =
        gb.resources().stream().filter(address -> !outcomes.containsKey(address)).toList();
    Map<String, String> renames = Renames.pair(gb, ga, removed);
    Map<String, String> renamedFrom = new LinkedHashMap<>();
    renames.forEach((from, to) -> renamedFrom.put(to, from));

    for (String address : removed) {
      TemplateResource r = gb.resource(address);
      ResourceOutcome o = new ResourceOutcome(address, r.type(), r.location());
      outcomes.put(address, o);
      String stack = droppedStack(address, droppedStacks);
      if (stack != null) {
        o.become(ChangeKind.FORGET, "WILL_ORPHAN");
        o.causes.add("the stack " + stack + " is no longer among the stacks given (for a CDK"
            + " app: it was removed from the app): a deploy leaves it as it is, no longer"
            + " updated, and destroying that stack would delete it");
        continue;
      }
      removal(o, r, gb, ga, renames.get(address));
    }
    for (String address : ga.resources()) {
      ResourceOutcome o = outcomes.get(address);
      TemplateResource now = ga.resource(address);
      TemplateResource was = gb.resource(address);
      if (was == null) {
        o.become(ChangeKind.CREATE, "WILL_CREATE");
        String from = renamedFrom.get(address);
        o.causes.add(from != null ? Renames.why(from, address)
            : createdInNewStack(address, ga, gb) ? "its nested stack is new"
                : "it was added to the template");
        continue;
      }
      compare(o, was, gb.scopeOf(address).template(), now, ga.scopeOf(address).template(),
          StackParameters.changed(address, gb, ga));
    }
    ReplacementSpread.propagate(outcomes, ga, this::effect);
    markChangedStacks(outcomes, ga);
    for (ResourceOutcome o : outcomes.values()) {
      if (o.replaced()) {
        replacementPolicy(o, gb.resource(o.address), ga.resource(o.address));
      }
    }
    return plan(name, after, outcomes, gb, ga, warnings);
  }

  private static String droppedStack(String address, List<String> droppedStacks) {
    for (String s : droppedStacks) {
      if (!s.isEmpty() && address.startsWith(s + "/")) {
        return s;
      }
    }
    return null;
  }

  private static boolean createdInNewStack(String address, TemplateGraph ga, TemplateGraph gb) {
    TemplateGraph.Scope s = ga.scopeOf(address);
    return s != null && s.parent() != null
        && gb.resource(s.parent().address(s.stackId())) == null;
  }


  private void removal(ResourceOutcome o, TemplateResource r, TemplateGraph gb, TemplateGraph ga,
      String renamedTo) {
    String because;
    TemplateGraph.Scope scope = gb.scopeOf(o.address);
    String stackAddress = scope != null && scope.parent() != null
        ? scope.parent().address(scope.stackId()) : null;
    if (renamedTo != null) {
      because = Renames.why(o.address, renamedTo);
    } else if (stackAddress != null && ga.resource(stackAddress) == null) {
      because = "its nested stack " + stackAddress + " was removed from the template";
    } else {
      because = "it was removed from the template";
    }
    String policy = r.deletionPolicy();
    boolean defaultSnapshot = policy == null && snapshotsByDefault(r);
    if ("Retain".equals(policy) || "RetainExceptOnCreate".equals(policy)) {
      o.become(ChangeKind.FORGET, "WILL_ORPHAN");
      o.causes.add(because + "; its DeletionPolicy is " + policy + ", so it is kept, no longer"
          + " managed by the stack");
    } else {
      o.become(ChangeKind.DELETE, "WILL_DESTROY");
      o.causes.add(because + ("Snapshot".equals(policy)
          ? "; its DeletionPolicy is Snapshot, so a snapshot is taken first"
          : defaultSnapshot ? "; a snapshot is taken first (Snapshot is the default"
              + " DeletionPolicy of " + r.type() + ")"
          : dataClause(r.type())));
    }
  }

  /**
   * RDS clusters, and DB instances that are not in a cluster, are snapshotted on deletion when
   * no DeletionPolicy is given (CloudFormation user guide, DeletionPolicy attribute).
   */
  private static boolean snapshotsByDefault(TemplateResource r) {
    return r.type().equals("AWS::RDS::DBCluster")
        || (r.type().equals("AWS::RDS::DBInstance")
            && !r.properties().containsKey("DBClusterIdentifier"));
  }

  private String dataClause(String type) {
    // A nested stack is "stateful" in the spec, but its resources are reported one by one.
    return rules.isStateful(type) && !type.equals(TemplateReader.NESTED_STACK_TYPE)
        ? "; " + type + " holds data, which goes with it" : "";
  }

  /** Compares a resource present in both versions. */
  private void compare(ResourceOutcome o, TemplateResource was, Template wasIn,
      TemplateResource now, Template nowIn, Set<String> changedStackParameters) {
    if (!was.type().equals(now.type())) {
      o.become(ChangeKind.REPLACE, "WILL_REPLACE");
      o.replacePaths.add("Type");
      o.causes.add("its type changed from " + was.type() + " to " + now.type()
          + ", and CloudFormation replaces a resource whose type changes");
      return;
    }
    Set<String> changed = TemplateValues.changedKeys(was.properties(), now.properties());
    Set<String> viaParameters = new LinkedHashSet<>();
    boolean otherViaParameters = false;
    for (String path : StackParameters.paths(now, changedStackParameters)) {
      String property = TemplateEdge.propertyOf(path);
      if (property == null) {
        otherViaParameters = true;
      } else if (!changed.contains(property)) {
        viaParameters.add(property);
      }
    }
    Set<String> otherChanged = new LinkedHashSet<>();
    Set<String> defKeys = new LinkedHashSet<>(was.definition().keySet());
    defKeys.addAll(now.definition().keySet());
    for (String k : defKeys) {
      if (k.equals("Properties") || k.equals("Type")) {
        continue;
      }
      boolean same;
      if (k.equals("Condition")) {
        same = sameCondition(o.address, was, wasIn, now, nowIn);
      } else if (DEFINITION_KEYS_COMPARED_AS_SETS.contains(k)) {
        same = TemplateValues.sameDependsOn(was.definition().get(k), now.definition().get(k));
      } else {
        same = TemplateValues.same(was.definition().get(k), now.definition().get(k));
      }
      if (!same) {
        otherChanged.add(k);
      }
    }
    if (otherViaParameters) {
      otherChanged.add("a parameter its nested stack passes in");
    }
    if (changed.isEmpty() && viaParameters.isEmpty() && otherChanged.isEmpty()) {
      return;
    }
    o.become(ChangeKind.UPDATE, "WILL_UPDATE");
    for (String property : changed) {
      effect(o, now.type(), property, property + " changed", false);
    }
    for (String property : viaParameters) {
      effect(o, now.type(), property, property + " uses a nested-stack parameter whose value"
          + " changed", false);
    }
    if (o.kind == ChangeKind.UPDATE) {
      List<String> all = new ArrayList<>(changed);
      all.addAll(viaParameters);
      all.addAll(otherChanged);
      o.causes.add(String.join(", ", all) + " changed in place");
    }
  }

  /**
   * True when the resource's {@code Condition} means the same in both versions, with the
   * conditions it names written out in full (so renaming {@code Is-EC2-VPC} to {@code IsEC2VPC}
   * is no change). A condition that is new or means something else is worth a warning: where
   * it is false, deploying deletes the resource.
   */
  private boolean sameCondition(String address, TemplateResource was, Template wasIn,
      TemplateResource now, Template nowIn) {
    String before = was.condition();
    String after = now.condition();
    if (before == null && after == null) {
      return true;
    }
    if (before != null && after != null && TemplateValues.sameShared(
        conditions(wasIn).meaning(before, 0), conditions(nowIn).meaning(after, 0))) {
      return true;
    }
    if (after != null) {
      warnings.add(address + " (" + now.location() + ") now exists only where its"
          + " condition " + after + " holds: where it does not, deploying deletes it.");
    }
    return false;
  }

  private ConditionMeanings conditions(Template t) {
    return conditionMeanings.computeIfAbsent(t, ConditionMeanings::new);
  }


  /**
   * Applies the effect of one changed property (directly, or through a reference whose value
   * changes) to the outcome.
   *
   * @param cause what happened to the property, e.g. {@code "ImageId changed"}
   * @param onlyPossibly true when the change is only possible, so a replacement is too
   */
  private void effect(ResourceOutcome o, String type, String property, String cause,
      boolean onlyPossibly) {
    Effect effect;
    String why;
    if (type.equals(CDK_METADATA)) {
      // The CDK's own analytics record changes on nearly every synth; it replaces nothing.
      effect = Effect.UPDATE;
      why = null;
    } else if (type.startsWith(SAM_PREFIX)) {
      // The spec marks every SAM property as replacing, but the SAM transform turns the
      // resource into others first; whether those are replaced is not in the template.
      effect = Effect.MAY_REPLACE;
      why = cause + ", and " + type + " is expanded by the SAM transform into resources that"
          + " may be replaced; which ones cannot be told from the template";
    } else if (!rules.knows(type)) {
      effect = Effect.MAY_REPLACE;
      why = cause + ", and the type " + type + " is not in plangate's replacement data ("
          + rules.source().split(" ")[0] + "), so a replacement cannot be ruled out";
    } else {
      effect = rules.effect(type, property);
      why = switch (effect) {
        case REPLACE -> cause + ", and CloudFormation cannot change " + property
            + " of " + type + " without replacing it";
        case MAY_REPLACE -> cause + ", and changing " + property + " of " + type
            + " replaces it for some values (the spec's update type is Conditional)";
        case UPDATE -> null;
      };
    }
    if (effect == Effect.UPDATE) {
      if (o.kind == ChangeKind.NO_OP) {
        o.become(ChangeKind.UPDATE, "WILL_UPDATE");
      }
      return;
    }
    boolean possibly = onlyPossibly || effect == Effect.MAY_REPLACE;
    int severity = possibly ? 2 : 3;
    if (severity > o.severity()) {
      boolean wasReplace = o.replaced();
      o.become(ChangeKind.REPLACE, possibly ? "MAY_REPLACE" : "WILL_REPLACE");
      o.conditional = possibly;
      if (!wasReplace) {
        o.causes.clear();
      }
    }
    o.replacePaths.add(property);
    if (possibly) {
      o.possibleCauses.add(why);
      o.causes.add(why);
    } else {
      // A certain cause leads: "replaces it for some values" must not hide one that always does.
      int firstPossible = 0;
      while (firstPossible < o.causes.size()
          && !o.possibleCauses.contains(o.causes.get(firstPossible))) {
        firstPossible++;
      }
      o.causes.add(firstPossible, why);
    }
  }


  /** A nested stack whose child changes is itself updated, as CloudFormation shows it. */
  private static void markChangedStacks(Map<String, ResourceOutcome> outcomes, TemplateGraph ga) {
    for (String address : ga.resources()) {
      TemplateGraph.Scope s = ga.scopeOf(address);
      ResourceOutcome o = outcomes.get(address);
      if (s == null || s.parent() == null || o.kind == ChangeKind.NO_OP) {
        continue;
      }
      ResourceOutcome stack = outcomes.get(s.parent().address(s.stackId()));
      if (stack != null && stack.kind == ChangeKind.NO_OP) {
        stack.become(ChangeKind.UPDATE, "WILL_UPDATE");
        stack.causes.add("resources in its template change");
      }
    }
  }

  /**
   * Shapes a replacement by {@code UpdateReplacePolicy}: Retain keeps the old copy running,
   * unmanaged (a create-then-forget, as Terraform calls it); Snapshot takes a snapshot before the
   * old copy is deleted. When the two versions disagree, the more destructive one is assumed.
   */
  private void replacementPolicy(ResourceOutcome o, TemplateResource was, TemplateResource now) {
    String policy = mostDestructive(was == null ? null : was.updateReplacePolicy(),
        now == null ? null : now.updateReplacePolicy());
    if ("Retain".equals(policy)) {
      o.kind = ChangeKind.FORGET;
      o.order = ReplaceOrder.CREATE_BEFORE_FORGET;
      o.policyClause = "; CloudFormation creates a new one and, as its UpdateReplacePolicy is"
          + " Retain, keeps the old one running, no longer managed";
    } else if ("Snapshot".equals(policy)) {
      o.order = ReplaceOrder.CREATE_BEFORE_DELETE;
      o.policyClause = "; its UpdateReplacePolicy is Snapshot, so a snapshot of the old one is"
          + " taken first";
    } else {
      o.order = ReplaceOrder.CREATE_BEFORE_DELETE;
      o.policyClause = dataClause(o.type);
    }
    String before = was == null ? null : orDelete(was.updateReplacePolicy());
    String after = now == null ? null : orDelete(now.updateReplacePolicy());
    if (before != null && after != null && !before.equals(after)) {
      // Which one CloudFormation applies depends on the stack's state; say which was assumed.
      o.policyClause += " (the template before says UpdateReplacePolicy " + before
          + " and the template after says " + after + "; the more destructive, "
          + orDelete(policy) + ", is assumed)";
    }
  }

  private static String orDelete(String policy) {
    return policy == null ? "Delete" : policy;
  }

  private static String mostDestructive(String a, String b) {
    List<String> order = List.of("Delete", "Snapshot", "Retain");
    int ia = a == null ? 0 : Math.max(0, order.indexOf(a));
    int ib = b == null ? 0 : Math.max(0, order.indexOf(b));
    return order.get(Math.min(ia, ib));
  }

  // ----------------------------------------------------------------------------- the plan

  private static Plan plan(String name, Map<String, Template> after,
      Map<String, ResourceOutcome> outcomes, TemplateGraph gb, TemplateGraph ga,
      List<String> diffWarnings) {
    List<ResourceChange> changes = new ArrayList<>();
    Map<String, Integer> index = new LinkedHashMap<>();
    for (ResourceOutcome o : outcomes.values()) {
      index.put(o.address, changes.size());
      changes.add(ResourceChange.builder().address(o.address).type(o.type).kind(o.kind)
          .order(o.order).rawActions(List.of(o.impact)).replacePaths(List.copyOf(o.replacePaths))
          .conditional(o.replaced() && o.conditional).why(why(o)).location(o.location).build());
    }
    EdgeSet edges = new EdgeSet();
    for (TemplateGraph.Dependency d : ga.dependencies()) {
      edges.add(index, d.dependent(), d.dependency());
    }
    for (TemplateGraph.Dependency d : gb.dependencies()) {
      if (ga.resource(d.dependent()) == null || ga.resource(d.dependency()) == null) {
        edges.add(index, d.dependent(), d.dependency());
      }
    }
    List<String> warnings = new ArrayList<>(diffWarnings);
    Stream.concat(ga.warnings().stream(), gb.warnings().stream()).distinct()
        .filter(w -> !diffWarnings.contains(w)).forEach(warnings::add);
    String version = after.size() == 1 ? after.values().iterator().next().formatVersion()
        : null;
    return new Plan(name, PlanFormat.CLOUDFORMATION_TEMPLATE, version, null, changes,
        edges.build(), 0, List.of(), false, true, warnings,
        Map.of());
  }

  private static String why(ResourceOutcome o) {
    if (o.kind == ChangeKind.NO_OP) {
      return null;
    }
    List<String> causes = o.causes.stream().filter(Objects::nonNull).distinct().toList();
    String text = causes.isEmpty() ? null : String.join("; ", causes);
    if (text != null && o.policyClause != null) {
      text += o.policyClause;
    }
    return text;
  }
}
