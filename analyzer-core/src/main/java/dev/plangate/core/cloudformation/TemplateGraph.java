package dev.plangate.core.cloudformation;

import dev.plangate.core.cloudformation.TemplateEdge.Kind;
import dev.plangate.core.cloudformation.TemplateEdge.TargetKind;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Who depends on whom among the resources of one or more stacks.
 *
 * <p>Two levels. {@link #edges(Template)} lists every reference inside one template as written:
 * {@code Ref}, {@code Fn::GetAtt}, {@code ${X}} and {@code ${X.Attr}} in {@code Fn::Sub} (but not
 * {@code ${!Literal}}, pseudo parameters or the Sub's own variables), references nested anywhere
 * (inside {@code Fn::Join}, {@code Fn::If}, {@code Fn::Select}, Sub variable maps...),
 * {@code DependsOn}, {@code Condition} and {@code Fn::If} condition names, and
 * {@code Fn::ImportValue}. An instance of this class then resolves those references into
 * resource-to-resource {@link Dependency dependencies} across stacks: into nested stacks
 * ({@code Stack/Child} addresses; a parent's {@code !GetAtt Stack.Outputs.X} depends on the child
 * resources behind output X, and a child's {@code !Ref Param} on what the parent passes), and
 * across the exports and imports of all templates given.
 *
 * <p>Why a resolved graph at all: CloudFormation's change sets list only the direct
 * {@code Ref}/{@code GetAtt} dependents of a change, never {@code DependsOn} ones, and the
 * reference diff tool misses references inside {@code Fn::Sub} and nested functions, so a blast
 * radius taken from either under-reports.
 */
public final class TemplateGraph {
  private static final String OUTPUTS = "Outputs.";
  private static final String CONDITIONS = "Conditions.";
  /** The parts of a resource's definition whose references are edges. */
  private static final List<String> RESOURCE_SECTIONS = List.of("Properties", "Metadata",
      "CreationPolicy", "UpdatePolicy", "DeletionPolicy", "UpdateReplacePolicy");
  /** How deep value resolution follows outputs, parameters and imports before giving up. */
  private static final int MAX_RESOLUTION_DEPTH = 32;

  /**
   * One resource depends on another.
   *
   * @param dependent the address of the resource that depends
   * @param dependency the address of the resource it depends on
   * @param kind how
   * @param path where in the dependent's definition the reference is ({@code Properties/VpcId}),
   *     empty for {@link Kind#NESTED_STACK}
   */
  public record Dependency(String dependent, String dependency, Kind kind, String path) {
    public Dependency {
      Objects.requireNonNull(dependent, "dependent");
      Objects.requireNonNull(dependency, "dependency");
      Objects.requireNonNull(kind, "kind");
      Objects.requireNonNull(path, "path");
    }

    /** The dependent's top-level property holding the reference, or null (see TemplateEdge). */
    public String property() {
      return TemplateEdge.propertyOf(path);
    }
  }

  /**
   * One template in the graph.
   *
   * @param prefix what its resources' addresses start with: empty for a lone root template,
   *     {@code Stack/} for a stack given by name or a nested child
   * @param stackName the stack's name for {@code AWS::StackName}, or null when unknown
   * @param parent the scope of the parent template for a nested stack, or null
   * @param stackId the nested stack resource's logical ID in {@code parent}, or null
   */
  record Scope(String prefix, Template template, String stackName, Scope parent,
      String stackId) {
    String address(String logicalId) {
      return prefix + logicalId;
    }
  }

  private final List<Scope> scopes = new ArrayList<>();
  private final Map<String, TemplateResource> resources = new LinkedHashMap<>();
  private final Map<String, Scope> scopeOfResource = new LinkedHashMap<>();
  private final Map<String, Scope> childScopes = new LinkedHashMap<>();
  /**
   * The raw edges of each template, by identity: a template used by several nested stacks is
   * walked once, and a scope is never hashed (its record hash would walk the whole template).
   */
  private final Map<Template, List<TemplateEdge>> edgesByTemplate = new IdentityHashMap<>();
  private final Map<String, Export> exports = new LinkedHashMap<>();
  private final Set<Dependency> dependencies = new LinkedHashSet<>();
  private final List<String> warnings = new ArrayList<>();
  /** True when several stacks are given, so imports and exports are expected to link. */
  private boolean linking;

  private record Export(Scope scope, String output) {}

  private TemplateGraph() {}

  /** The graph of one stack's template (and its nested stacks); addresses are logical IDs. */
  public static TemplateGraph of(Template template) {
    return of(Map.of("", template));
  }

  /**
   * The graph of several stacks, by stack name: addresses are {@code StackName/LogicalId}, and
   * imports resolve against the exports of all of them. An empty name means the stack's
   * addresses are bare logical IDs.
   */
  public static TemplateGraph of(Map<String, Template> stacks) {
    TemplateGraph g = new TemplateGraph();
    g.linking = stacks.size() > 1;
    for (Map.Entry<String, Template> e : stacks.entrySet()) {
      String name = e.getKey();
      g.addScope(new Scope(name.isEmpty() ? "" : name + "/", e.getValue(),
          name.isEmpty() ? null : name, null, null));
    }
    g.collectExports();
    for (Scope s : g.scopes) {
      g.resolve(s);
    }
    return g;
  }

  private void addScope(Scope scope) {
    scopes.add(scope);
    edgesByTemplate.computeIfAbsent(scope.template(), TemplateGraph::edges);
    scope.template().warnings().forEach(w -> {
      if (!warnings.contains(w)) {
        warnings.add(w);
      }
    });
    for (TemplateResource r : scope.template().resources().values()) {
      String address = scope.address(r.logicalId());
      resources.put(address, r);
      scopeOfResource.put(address, scope);
      Template child = scope.template().nestedStacks().get(r.logicalId());
      if (child != null) {
        Scope c = new Scope(address + "/", child, null, scope, r.logicalId());
        childScopes.put(address, c);
        addScope(c);
      }
    }
  }

  /** Every resource address, parents before the resources of their nested stacks. */
  public Set<String> resources() {
    return Collections.unmodifiableSet(resources.keySet());
  }

  /** The resource at an address, or null. */
  public TemplateResource resource(String address) {
    return resources.get(address);
  }

  /** Every dependency between resources, without duplicates. */
  public List<Dependency> dependencies() {
    return List.copyOf(dependencies);
  }

  /** What the graph could not resolve, and what its templates could not show; one sentence each. */
  public List<String> warnings() {
    return List.copyOf(warnings);
  }

  /** The scope a resource address belongs to, or null. */
  Scope scopeOf(String address) {
    return scopeOfResource.get(address);
  }

  // -------------------------------------------------------------------------- resolution

  private void collectExports() {
    for (Scope s : scopes) {
      for (Map.Entry<String, Object> o : s.template().outputs().entrySet()) {
        if (!(o.getValue() instanceof Map<?, ?> output)
            || !(output.get("Export") instanceof Map<?, ?> export)) {
          continue;
        }
        String name = TemplateIntrinsics.evaluate(export.get("Name"), context(s));
        if (name == null && linking) {
          warnings.add("The export name of output " + o.getKey() + " in " + s.template().name()
              + " cannot be worked out from the template alone, so imports of it are not"
              + " linked.");
        } else if (name != null && exports.putIfAbsent(name, new Export(s, o.getKey())) != null) {
          warnings.add("The export " + name + " is declared by more than one template given;"
              + " CloudFormation allows one per region, so imports link to the first.");
        }
      }
    }
  }

  private TemplateIntrinsics.Context context(Scope s) {
    return new TemplateIntrinsics.Context() {
      @Override
      public String parameter(String name) {
        Map<?, ?> passed = passed(s);
        return passed.containsKey(name)
            ? TemplateIntrinsics.evaluate(passed.get(name), context(s.parent()))
            : s.template().parameterDefault(name);
      }

      @Override
      public String stackName() {
        return s.stackName();
      }
    };
  }

  /** What the parent of a nested stack's scope passes in its Parameters; empty for a root. */
  private static Map<?, ?> passed(Scope s) {
    TemplateResource stack =
        s.parent() == null ? null : s.parent().template().resources().get(s.stackId());
    return stack != null && stack.properties().get("Parameters") instanceof Map<?, ?> p
        ? p : Map.of();
  }

  private void resolve(Scope s) {
    Template t = s.template();
    for (TemplateEdge e : edgesByTemplate.get(t)) {
      if (e.source().startsWith(OUTPUTS) || e.source().startsWith(CONDITIONS)) {
        continue;
      }
      String dependent = s.address(e.source());
      Object root = t.resources().get(e.source()).definition();
      for (Map.Entry<String, Kind> target : targets(s, e, root, new Expanded(), 0).entrySet()) {
        if (!target.getKey().equals(dependent)) {
          dependencies.add(new Dependency(dependent, target.getKey(), target.getValue(),
              e.path()));
        }
      }
      if (linking && e.targetKind() == TargetKind.EXPORT
          && TemplateIntrinsics.evaluate(importName(root, e), context(s)) == null) {
        warnings.add("The import " + e.target() + " in " + t.name() + " (" + e.source()
            + ") cannot be worked out from the template alone, so it is not linked to an"
            + " export.");
      }
    }
    if (s.parent() != null) {
      String stackAddress = s.parent().address(s.stackId());
      for (TemplateResource r : t.resources().values()) {
        dependencies.add(new Dependency(s.address(r.logicalId()), stackAddress,
            Kind.NESTED_STACK, ""));
      }
    }
  }

  /** The export name expression of an import edge, found again at its path under root. */
  private static Object importName(Object root, TemplateEdge e) {
    Object at = TemplateIntrinsics.at(root, e.path());
    return at instanceof Map<?, ?> m ? m.get("Fn::ImportValue") : null;
  }

  /**
   * What one resolution has expanded already: each output and nested-stack parameter is
   * followed once, so outputs that import each other twice over (or a parameter passed on in
   * many places) cost their size, not two to the power of their depth.
   */
  private static final class Expanded {
    private final Map<Scope, Set<String>> done = new IdentityHashMap<>();

    /** True the first time {@code what} of {@code scope} is asked for. */
    boolean first(Scope scope, String what) {
      return done.computeIfAbsent(scope, k -> new HashSet<>()).add(what);
    }
  }

  /**
   * The resource addresses one edge makes its source depend on, each with how: the target
   * itself by the edge's kind, the child resources behind a nested stack's output
   * ({@link Kind#STACK_OUTPUT}), what a nested stack's parameter is given
   * ({@link Kind#STACK_PARAMETER}), and the resources behind an imported export
   * ({@link Kind#IMPORT_VALUE}). Outputs and parameters already followed in this resolution
   * are not followed again: what they lead to is already in its result.
   *
   * @param root what the edge's path is relative to (the source's definition, or a value)
   */
  private Map<String, Kind> targets(Scope s, TemplateEdge e, Object root, Expanded expanded,
      int depth) {
    Map<String, Kind> out = new LinkedHashMap<>();
    if (depth > MAX_RESOLUTION_DEPTH) {
      return out;
    }
    switch (e.targetKind()) {
      case RESOURCE -> {
        String address = s.address(e.target());
        out.put(address, e.kind());
        Scope child = childScopes.get(address);
        String attribute = e.attribute();
        if (child != null && attribute != null && attribute.startsWith(OUTPUTS)
            && expanded.first(child, attribute)) {
          for (String r : outputResources(child, attribute.substring(OUTPUTS.length()),
              expanded, depth + 1)) {
            out.putIfAbsent(r, Kind.STACK_OUTPUT);
          }
        }
      }
      case PARAMETER -> {
        Map<?, ?> passed = passed(s);
        if (e.kind().carriesValue() && passed.containsKey(e.target())
            && expanded.first(s, "Parameters." + e.target())) {
          for (String r : valueResources(s.parent(), passed.get(e.target()), expanded,
              depth + 1)) {
            out.putIfAbsent(r, Kind.STACK_PARAMETER);
          }
        }
      }
      case EXPORT -> {
        String name = TemplateIntrinsics.evaluate(importName(root, e), context(s));
        Export export = name == null ? null : exports.get(name);
        if (export != null && expanded.first(export.scope(), OUTPUTS + export.output())) {
          for (String r : outputResources(export.scope(), export.output(), expanded,
              depth + 1)) {
            out.putIfAbsent(r, Kind.IMPORT_VALUE);
          }
        }
      }
      default -> {
        // conditions depend on parameters only: no resource behind them
      }
    }
    return out;
  }

  /** The resources behind an output's value. */
  private Set<String> outputResources(Scope s, String output, Expanded expanded, int depth) {
    Object o = s.template().outputs().get(output);
    if (!(o instanceof Map<?, ?> m)) {
      return Set.of();
    }
    return valueResources(s, m.get("Value"), expanded, depth);
  }

  /** The resources an expression in scope {@code s} refers to, through outputs and imports. */
  private Set<String> valueResources(Scope s, Object value, Expanded expanded, int depth) {
    Set<String> out = new LinkedHashSet<>();
    for (TemplateEdge e : TemplateIntrinsics.walk("", value, "", s.template(), false)) {
      if (e.kind().carriesValue()) {
        out.addAll(targets(s, e, value, expanded, depth).keySet());
      }
    }
    return out;
  }

  // ------------------------------------------------------------------------- raw edges

  /**
   * Every reference in one template, as written, without duplicates: from each resource, each
   * output ({@code Outputs.X}) and each condition ({@code Conditions.X}). Pseudo parameters
   * ({@code AWS::Region}...) and names the template does not define are left out.
   */
  public static List<TemplateEdge> edges(Template t) {
    Set<TemplateEdge> out = new LinkedHashSet<>();
    for (TemplateResource r : t.resources().values()) {
      entryEdges(out, r.logicalId(), r.definition(), r.dependsOn(), RESOURCE_SECTIONS, t);
    }
    for (Map.Entry<String, Object> o : t.outputs().entrySet()) {
      if (o.getValue() instanceof Map<?, ?> output) {
        entryEdges(out, OUTPUTS + o.getKey(), output, List.of(), List.of("Value", "Export"), t);
      }
    }
    for (Map.Entry<String, Object> c : t.conditions().entrySet()) {
      out.addAll(TemplateIntrinsics.walk(CONDITIONS + c.getKey(), c.getValue(), "", t, true));
    }
    return List.copyOf(out);
  }

  /** The edges of a resource or an output: its Condition, DependsOn, then its sections. */
  private static void entryEdges(Set<TemplateEdge> out, String id, Map<?, ?> entry,
      List<String> dependsOn, List<String> sections, Template t) {
    if (entry.get("Condition") instanceof String c) {
      out.add(new TemplateEdge(id, c, TargetKind.CONDITION, Kind.CONDITION, null, "Condition"));
    }
    for (String d : dependsOn) {
      out.add(new TemplateEdge(id, d, TargetKind.RESOURCE, Kind.DEPENDS_ON, null, "DependsOn"));
    }
    for (String section : sections) {
      if (entry.containsKey(section)) {
        out.addAll(TemplateIntrinsics.walk(id, entry.get(section), section, t, false));
      }
    }
  }
}
