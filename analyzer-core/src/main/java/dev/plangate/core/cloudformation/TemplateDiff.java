package dev.plangate.core.cloudformation;

import dev.plangate.core.cloudformation.TemplateEdge.TargetKind;
import dev.plangate.core.cloudformation.TemplateReplacementRules.Effect;
import dev.plangate.core.git.GitException;
import dev.plangate.core.git.GitRepository;
import dev.plangate.core.model.ChangeKind;
import dev.plangate.core.model.Plan;
import dev.plangate.core.model.PlanFormat;
import dev.plangate.core.model.ReplaceOrder;
import dev.plangate.core.model.ResourceChange;
import dev.plangate.core.plan.PlanReadException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.LinkedList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

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
    Map<String, Template> b = new LinkedHashMap<>();
    b.put("", before);
    Map<String, Template> a = new LinkedHashMap<>();
    a.put("", after);
    return diff(b, a, name);
  }

  /**
   * The same for several stacks at once, by stack name; addresses are {@code Stack/LogicalId}.
   * A stack only in {@code after} is created; a stack only in {@code before} is not deleted by a
   * deploy of the others, so its resources are reported as no longer managed.
   */
  public static Plan diff(Map<String, Template> before, Map<String, Template> after,
      String name) {
    return new TemplateDiff(TemplateReplacementRules.builtin()).run(before, after, name);
  }

  /**
   * Diffs a template in the working tree against its version in {@code baseRev}, read with
   * {@code git show} (nested stacks' local templates too). A template that did not exist in the
   * base is all creates.
   *
   * @throws PlanReadException when either version is not a readable template
   * @throws GitException when the revision is unknown or git fails
   */
  public static Plan diffFromGit(GitRepository git, String baseRev, Path template, String name)
      throws PlanReadException, GitException {
    Template after = TemplateReader.read(template);
    String sha = git.resolve(baseRev).orElseThrow(
        () -> new GitException("unknown revision '" + baseRev + "' in " + git.root()));
    String relative = relativePath(git.root(), template);
    Path dir = Path.of(relative).getParent();
    TemplateReader.Source source = new GitTemplateSource(git, sha, baseRev,
        dir == null ? Path.of("") : dir);
    String beforeName = baseRev + ":" + relative;
    String text = source.read(beforeName);
    Template before = text == null ? Template.empty(beforeName)
        : TemplateReader.parse(text, beforeName, source);
    Plan plan = diff(before, after, name);
    if (text == null) {
      List<String> warnings = new ArrayList<>(plan.warnings());
      warnings.add(0, relative + " does not exist in " + baseRev + ": every resource in it is"
          + " new.");
      plan = new Plan(plan.source(), plan.format(), plan.formatVersion(), plan.toolVersion(),
          plan.changes(), plan.dependencies(), plan.driftCount(), plan.deferred(),
          plan.errored(), plan.complete(), warnings, plan.moduleSources());
    }
    return plan;
  }

  /**
   * Diffs every stack of an AWS CDK cloud assembly ({@code cdk.out}) against the same stack in a
   * base assembly (for example {@code cdk synth} run on the base branch). Addresses are
   * {@code StackName/LogicalId}.
   *
   * @throws PlanReadException when a manifest or template is missing or unreadable
   */
  public static Plan diffCdkOut(Path cdkOutDir, Path baseCdkOutDir, String name)
      throws PlanReadException {
    Map<String, Template> before = TemplateCloudAssembly.stacks(baseCdkOutDir);
    Map<String, Template> after = TemplateCloudAssembly.stacks(cdkOutDir);
    return diff(before, after, name);
  }

  /**
   * Diffs a {@code cdk.out} in the working tree against the assembly committed at the same path
   * in {@code baseRev}, for projects that commit their synthesized templates. A base without that
   * assembly is an error, not "every stack is new": {@code cdk.out} is usually git-ignored, and a
   * diff against nothing would pass every destroy.
   *
   * @throws PlanReadException when either assembly is missing or unreadable
   * @throws GitException when the revision is unknown or git fails
   */
  public static Plan diffCdkOutFromGit(GitRepository git, String baseRev, Path cdkOutDir,
      String name) throws PlanReadException, GitException {
    Map<String, Template> after = TemplateCloudAssembly.stacks(cdkOutDir);
    String sha = git.resolve(baseRev).orElseThrow(
        () -> new GitException("unknown revision '" + baseRev + "' in " + git.root()));
    String relative = relativePath(git.root(), cdkOutDir);
    String manifest = relative.isEmpty() ? "manifest.json" : relative + "/manifest.json";
    if (!git.exists(sha, manifest)) {
      throw new PlanReadException(name, baseRev + " has no " + manifest + ", so there is no base"
          + " assembly to diff against (cdk.out is usually not committed): give the base's"
          + " synthesized cdk.out as the base directory instead");
    }
    return diff(TemplateCloudAssembly.stacks(git, sha, baseRev, relative), after, name);
  }

  private static String relativePath(Path root, Path file) throws PlanReadException {
    try {
      Path r = root.toRealPath();
      Path f = file.toAbsolutePath().toRealPath();
      if (!f.startsWith(r)) {
        throw new PlanReadException(file.toString(), "is not inside the git working tree " + r);
      }
      return r.relativize(f).toString().replace('\\', '/');
    } catch (IOException e) {
      throw new PlanReadException(file.toString(), "cannot read: " + e, e);
    }
  }

  // ----------------------------------------------------------------------------- the diff

  /** What happens to one resource, built up while diffing. */
  private static final class Outcome {
    final String address;
    final String type;
    final String location;
    ChangeKind kind = ChangeKind.NO_OP;
    boolean conditional;
    ReplaceOrder order;
    String impact = "NO_CHANGE";
    final Set<String> replacePaths = new LinkedHashSet<>();
    final List<String> causes = new ArrayList<>();
    String policyClause;

    Outcome(String address, String type, String location) {
      this.address = address;
      this.type = type;
      this.location = location;
    }

    boolean replaced() {
      return kind == ChangeKind.REPLACE || (kind == ChangeKind.FORGET && order != null);
    }

    /** 0 nothing, 1 update, 2 possible replacement, 3 certain replacement. */
    int severity() {
      if (replaced()) {
        return conditional ? 2 : 3;
      }
      return kind == ChangeKind.UPDATE ? 1 : 0;
    }
  }

  private Plan run(Map<String, Template> before, Map<String, Template> after, String name) {
    List<String> droppedStacks = new ArrayList<>();
    for (String stack : before.keySet()) {
      if (!after.containsKey(stack)) {
        droppedStacks.add(stack);
      }
    }
    TemplateGraph gb = TemplateGraph.of(before);
    TemplateGraph ga = TemplateGraph.of(after);
    Map<String, Outcome> outcomes = new LinkedHashMap<>();
    for (String address : ga.resources()) {
      TemplateResource r = ga.resource(address);
      outcomes.put(address, new Outcome(address, r.type(), r.location()));
    }
    List<String> removed = new ArrayList<>();
    for (String address : gb.resources()) {
      if (!outcomes.containsKey(address)) {
        removed.add(address);
      }
    }
    Map<String, String> renames = pairRenames(gb, ga, removed);
    Map<String, String> renamedFrom = new LinkedHashMap<>();
    renames.forEach((from, to) -> renamedFrom.put(to, from));

    for (String address : removed) {
      TemplateResource r = gb.resource(address);
      Outcome o = new Outcome(address, r.type(), r.location());
      outcomes.put(address, o);
      String stack = droppedStack(address, droppedStacks);
      if (stack != null) {
        o.kind = ChangeKind.FORGET;
        o.impact = "WILL_ORPHAN";
        o.causes.add("the stack " + stack + " is no longer among the stacks given (for a CDK"
            + " app: it was removed from the app): a deploy leaves it as it is, no longer"
            + " updated, and destroying that stack would delete it");
        continue;
      }
      removal(o, r, gb, ga, renames.get(address));
    }
    for (String address : ga.resources()) {
      Outcome o = outcomes.get(address);
      TemplateResource now = ga.resource(address);
      TemplateResource was = gb.resource(address);
      if (was == null) {
        o.kind = ChangeKind.CREATE;
        o.impact = "WILL_CREATE";
        String from = renamedFrom.get(address);
        o.causes.add(from != null ? renameWhy(local(from), local(address))
            : createdInNewStack(address, ga, gb) ? "its nested stack is new"
                : "it was added to the template");
        continue;
      }
      compare(o, was, gb.scopeOf(address).template(), now, ga.scopeOf(address).template(),
          changedStackParameters(address, gb, ga));
    }
    propagate(outcomes, ga);
    markChangedStacks(outcomes, ga);
    for (Outcome o : outcomes.values()) {
      if (o.replaced()) {
        replacementPolicy(o, gb.resource(o.address), ga.resource(o.address));
      }
    }
    return plan(name, after, outcomes, gb, ga, warnings);
  }

  private static String local(String address) {
    int slash = address.lastIndexOf('/');
    return slash < 0 ? address : address.substring(slash + 1);
  }

  private static String scopePrefix(String address) {
    int slash = address.lastIndexOf('/');
    return slash < 0 ? "" : address.substring(0, slash + 1);
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

  /**
   * Pairs each removed logical ID with an added one of the same type in the same stack whose name
   * differs only in case, or whose properties are identical: CloudFormation has no rename, so
   * this is a delete and a create, and saying so is the most useful thing to say about it. Each
   * removed ID takes the first free added one, in template order. Candidates are looked up by
   * stack, type and folded name (or a hash of the properties that agrees with
   * {@link TemplateValues#same}), so thousands of removals do not mean millions of comparisons.
   */
  private static Map<String, String> pairRenames(TemplateGraph gb, TemplateGraph ga,
      List<String> removed) {
    Map<String, String> out = new LinkedHashMap<>();
    List<String> added = ga.resources().stream().filter(a -> gb.resource(a) == null).toList();
    Set<String> taken = new HashSet<>();
    for (boolean caseOnly : new boolean[] {true, false}) {
      Map<String, List<String>> candidates = new HashMap<>();
      for (String to : added) {
        if (!taken.contains(to)) {
          candidates.computeIfAbsent(renameKey(to, ga.resource(to), caseOnly),
              k -> new LinkedList<>()).add(to);
        }
      }
      for (String from : removed) {
        TemplateResource was = gb.resource(from);
        List<String> bucket = out.containsKey(from) ? null
            : candidates.get(renameKey(from, was, caseOnly));
        for (Iterator<String> it = bucket == null ? Collections.emptyIterator()
            : bucket.iterator(); it.hasNext(); ) {
          String to = it.next();
          if (caseOnly || TemplateValues.same(was.properties(), ga.resource(to).properties())) {
            it.remove();
            out.put(from, to);
            taken.add(to);
            break;
          }
        }
      }
    }
    return out;
  }

  /**
   * The stack, the type, and either the logical ID folded as {@link String#equalsIgnoreCase}
   * folds it or {@link TemplateValues#sameHash} of the properties: two resources that may pair
   * have the same key.
   */
  private static String renameKey(String address, TemplateResource r, boolean caseOnly) {
    String local = local(address);
    StringBuilder key = new StringBuilder(scopePrefix(address)).append('\n').append(r.type())
        .append('\n');
    if (!caseOnly) {
      return key.append(TemplateValues.sameHash(r.properties())).toString();
    }
    for (int i = 0; i < local.length(); i++) {
      key.append(Character.toLowerCase(Character.toUpperCase(local.charAt(i))));
    }
    return key.toString();
  }

  private static String renameWhy(String from, String to) {
    return "the logical ID changed from " + from + " to " + to + ": CloudFormation deletes "
        + from + " and creates " + to;
  }

  private void removal(Outcome o, TemplateResource r, TemplateGraph gb, TemplateGraph ga,
      String renamedTo) {
    String because;
    TemplateGraph.Scope scope = gb.scopeOf(o.address);
    String stackAddress = scope != null && scope.parent() != null
        ? scope.parent().address(scope.stackId()) : null;
    if (renamedTo != null) {
      because = renameWhy(local(o.address), local(renamedTo));
    } else if (stackAddress != null && ga.resource(stackAddress) == null) {
      because = "its nested stack " + stackAddress + " was removed from the template";
    } else {
      because = "it was removed from the template";
    }
    String policy = r.deletionPolicy();
    boolean defaultSnapshot = policy == null && snapshotsByDefault(r);
    if ("Retain".equals(policy) || "RetainExceptOnCreate".equals(policy)) {
      o.kind = ChangeKind.FORGET;
      o.impact = "WILL_ORPHAN";
      o.causes.add(because + "; its DeletionPolicy is " + policy + ", so it is kept, no longer"
          + " managed by the stack");
    } else if ("Snapshot".equals(policy) || defaultSnapshot) {
      o.kind = ChangeKind.DELETE;
      o.impact = "WILL_DESTROY";
      o.causes.add(because + (defaultSnapshot
          ? "; a snapshot is taken first (Snapshot is the default DeletionPolicy of " + r.type()
              + ")"
          : "; its DeletionPolicy is Snapshot, so a snapshot is taken first"));
    } else {
      o.kind = ChangeKind.DELETE;
      o.impact = "WILL_DESTROY";
      o.causes.add(because + dataClause(r.type()));
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
  private void compare(Outcome o, TemplateResource was, Template wasIn, TemplateResource now,
      Template nowIn, Set<String> changedStackParameters) {
    if (!was.type().equals(now.type())) {
      o.kind = ChangeKind.REPLACE;
      o.impact = "WILL_REPLACE";
      o.replacePaths.add("Type");
      o.causes.add("its type changed from " + was.type() + " to " + now.type()
          + ", and CloudFormation replaces a resource whose type changes");
      return;
    }
    Set<String> changed = new LinkedHashSet<>();
    Set<String> keys = new LinkedHashSet<>(was.properties().keySet());
    keys.addAll(now.properties().keySet());
    for (String k : keys) {
      if (!TemplateValues.same(was.properties().get(k), now.properties().get(k))) {
        changed.add(k);
      }
    }
    Set<String> viaParameters = new LinkedHashSet<>();
    boolean otherViaParameters = false;
    for (String path : parameterPaths(now, changedStackParameters)) {
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
    o.kind = ChangeKind.UPDATE;
    o.impact = "WILL_UPDATE";
    for (String property : changed) {
      effect(o, now.type(), property, property + " changed");
    }
    for (String property : viaParameters) {
      effect(o, now.type(), property, property + " uses a nested-stack parameter whose value"
          + " changed");
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
   * The conditions of one template, each with every condition it names written out. A name is
   * written out once and the result shared wherever it is named, so conditions that each name
   * the next twice stay as large as the Conditions section rather than doubling at every step
   * (compare the results with {@link TemplateValues#sameShared}).
   */
  private static final class ConditionMeanings {
    private static final int MAX_DEPTH = 32;
    private final Template template;
    private final Map<String, Object> done = new HashMap<>();

    ConditionMeanings(Template template) {
      this.template = template;
    }

    /** The condition's definition written out; a reference past {@link #MAX_DEPTH} stays one. */
    Object meaning(String name, int depth) {
      Object known = done.get(name);
      if (known != null) {
        return known;
      }
      Object definition = template.conditions().get(name);
      if (definition == null || depth > MAX_DEPTH) {
        return Map.of("Condition", name);
      }
      Object meaning = inline(definition, depth);
      done.put(name, meaning);
      return meaning;
    }

    private Object inline(Object value, int depth) {
      if (value instanceof Map<?, ?> m) {
        if (m.size() == 1 && m.get("Condition") instanceof String c) {
          return meaning(c, depth + 1);
        }
        Map<Object, Object> out = new LinkedHashMap<>();
        m.forEach((k, v) -> out.put(k, inline(v, depth)));
        return out;
      }
      if (value instanceof List<?> l) {
        return l.stream().map(v -> inline(v, depth)).toList();
      }
      return value;
    }
  }

  /** Where a child resource's definition uses the value of any of its stack parameters. */
  private static List<String> parameterPaths(TemplateResource r, Set<String> parameters) {
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

  /**
   * Applies the effect of one changed property (directly, or through a reference whose value
   * changes) to the outcome.
   *
   * @param cause what happened to the property, e.g. {@code "ImageId changed"}
   */
  private void effect(Outcome o, String type, String property, String cause) {
    effect(o, type, property, cause, false);
  }

  private void effect(Outcome o, String type, String property, String cause,
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
        o.kind = ChangeKind.UPDATE;
        o.impact = "WILL_UPDATE";
      }
      return;
    }
    boolean possibly = onlyPossibly || effect == Effect.MAY_REPLACE;
    int severity = possibly ? 2 : 3;
    if (severity > o.severity()) {
      boolean wasReplace = o.replaced();
      o.kind = ChangeKind.REPLACE;
      o.conditional = possibly;
      o.impact = possibly ? "MAY_REPLACE" : "WILL_REPLACE";
      if (!wasReplace) {
        o.causes.clear();
      }
    }
    o.replacePaths.add(property);
    o.causes.add(why);
  }

  /**
   * Parameters of the nested stack holding {@code address} that its parent now passes
   * differently.
   */
  private static Set<String> changedStackParameters(String address, TemplateGraph gb,
      TemplateGraph ga) {
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
    Set<String> out = new LinkedHashSet<>();
    Set<Object> keys = new LinkedHashSet<>(pb.keySet());
    keys.addAll(pa.keySet());
    for (Object k : keys) {
      if (!TemplateValues.same(pb.get(k), pa.get(k))) {
        out.add(String.valueOf(k));
      }
    }
    return out;
  }

  /**
   * Spreads replacements along value-carrying references until nothing changes: a resource
   * that refers to a replaced one gets a new value in that property, which replaces it too when
   * the property cannot change in place. A possible replacement spreads as a possible one.
   */
  private void propagate(Map<String, Outcome> outcomes, TemplateGraph ga) {
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
      if (spread(d, outcomes, applied)) {
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
  private boolean spread(TemplateGraph.Dependency d, Map<String, Outcome> outcomes,
      Set<String> applied) {
    Outcome target = outcomes.get(d.dependency());
    Outcome dependent = outcomes.get(d.dependent());
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
        dependent.kind = ChangeKind.UPDATE;
        dependent.impact = "WILL_UPDATE";
        dependent.causes.add("it refers to " + d.dependency() + ", which is replaced");
      }
    } else {
      effect(dependent, dependent.type, property, property + " refers to " + d.dependency()
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

  /** A nested stack whose child changes is itself updated, as CloudFormation shows it. */
  private static void markChangedStacks(Map<String, Outcome> outcomes, TemplateGraph ga) {
    for (String address : ga.resources()) {
      TemplateGraph.Scope s = ga.scopeOf(address);
      Outcome o = outcomes.get(address);
      if (s == null || s.parent() == null || o.kind == ChangeKind.NO_OP) {
        continue;
      }
      Outcome stack = outcomes.get(s.parent().address(s.stackId()));
      if (stack != null && stack.kind == ChangeKind.NO_OP) {
        stack.kind = ChangeKind.UPDATE;
        stack.impact = "WILL_UPDATE";
        stack.causes.add("resources in its template change");
      }
    }
  }

  /**
   * Shapes a replacement by {@code UpdateReplacePolicy}: Retain keeps the old copy running,
   * unmanaged (a create-then-forget, as Terraform calls it); Snapshot takes a snapshot before the
   * old copy is deleted. When the two versions disagree, the more destructive one is assumed.
   */
  private void replacementPolicy(Outcome o, TemplateResource was, TemplateResource now) {
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
  }

  private static String mostDestructive(String a, String b) {
    List<String> order = List.of("Delete", "Snapshot", "Retain");
    int ia = a == null ? 0 : Math.max(0, order.indexOf(a));
    int ib = b == null ? 0 : Math.max(0, order.indexOf(b));
    return order.get(Math.min(ia, ib));
  }

  // ----------------------------------------------------------------------------- the plan

  private static Plan plan(String name, Map<String, Template> after,
      Map<String, Outcome> outcomes, TemplateGraph gb, TemplateGraph ga,
      List<String> diffWarnings) {
    List<ResourceChange> changes = new ArrayList<>();
    Map<String, Integer> index = new LinkedHashMap<>();
    for (Outcome o : outcomes.values()) {
      index.put(o.address, changes.size());
      changes.add(new ResourceChange(o.address, null, o.type, true, o.kind,
          o.order,
          List.of(o.impact), null, List.copyOf(o.replacePaths), null, false, true, Map.of(),
          o.replaced() && o.conditional, why(o), o.location));
    }
    EdgeSet edges = new EdgeSet();
    for (TemplateGraph.Dependency d : ga.dependencies()) {
      addEdge(index, d, edges);
    }
    for (TemplateGraph.Dependency d : gb.dependencies()) {
      if (ga.resource(d.dependent()) == null || ga.resource(d.dependency()) == null) {
        addEdge(index, d, edges);
      }
    }
    List<String> warnings = new ArrayList<>(diffWarnings);
    for (String w : ga.warnings()) {
      if (!warnings.contains(w)) {
        warnings.add(w);
      }
    }
    for (String w : gb.warnings()) {
      if (!warnings.contains(w)) {
        warnings.add(w);
      }
    }
    String version = after.size() == 1 ? after.values().iterator().next().formatVersion()
        : null;
    return new Plan(name, PlanFormat.CLOUDFORMATION_TEMPLATE, version, null, changes,
        edges.build(), 0, List.of(), false, true, warnings,
        Map.of());
  }

  private static void addEdge(Map<String, Integer> index, TemplateGraph.Dependency d,
      EdgeSet edges) {
    Integer dependent = index.get(d.dependent());
    Integer dependency = index.get(d.dependency());
    if (dependent != null && dependency != null) {
      edges.add(dependent, dependency);
    }
  }

  private static String why(Outcome o) {
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
