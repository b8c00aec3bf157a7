package dev.plangate.core.pulumi;

import dev.plangate.core.model.ChangeKind;
import dev.plangate.core.model.Dependencies;
import dev.plangate.core.model.Plan;
import dev.plangate.core.model.PlanFormat;
import dev.plangate.core.model.ResourceChange;
import dev.plangate.core.plan.AttributeSelector;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Turns the steps of a preview and the resources of a stack export into a {@link Plan}: one change
 * per object, the state-only resources after them ({@code listed = false}), and the edges between
 * all of them.
 *
 * <p>Edges: a resource depends on everything in its {@code dependencies} and
 * {@code propertyDependencies}, on its {@code parent} (a component's children are deleted with
 * it, so destroying a component reaches them), on its provider (replacing a provider replaces
 * everything it manages), and on its {@code deletedWith} and {@code replaceWith} targets. They are
 * taken from the stack export and from every state a step carries; engine events carry no
 * dependencies, so a stream without a stack export has parent and provider edges only.
 */
final class PulumiPlanBuilder {
  static final String STACK_TYPE = "pulumi:pulumi:Stack";
  /** {@code project:///index.ts#7,20}: the program file and line that registered a resource. */
  private static final Pattern SOURCE_POSITION =
      Pattern.compile("^project:///(.+?)#(\\d+)(?:,\\d+)?$");

  private final String source;
  private final AttributeSelector attributes;

  PulumiPlanBuilder(String source, AttributeSelector attributes) {
    this.source = source;
    this.attributes = attributes;
  }

  Plan build(PulumiPreviewReader.Preview preview, List<PulumiState> state) {
    Map<String, List<PulumiStep>> groups = new LinkedHashMap<>();
    boolean destroyingStack = false;
    for (PulumiStep s : preview.steps()) {
      groups.computeIfAbsent(s.objectKey(), k -> new ArrayList<>()).add(s);
      destroyingStack |= s.knownOp() == StepOp.DELETE && STACK_TYPE.equals(s.typeToken());
    }
    String deleteCause = destroyingStack
        ? "the whole stack is destroyed (its pulumi:pulumi:Stack resource is deleted too, as in"
            + " pulumi destroy)"
        : StepClassifier.NOT_DECLARED;

    List<Listed> listed = new ArrayList<>();
    Set<String> listedUrns = new HashSet<>();
    for (List<PulumiStep> steps : groups.values()) {
      PulumiStep first = steps.get(0);
      listed.add(new Listed(first.urn(), first.deposed(), steps,
          StepClassifier.classify(steps, deleteCause)));
      listedUrns.add(first.urn());
    }
    Map<String, PulumiState> stateByUrn = new LinkedHashMap<>();
    for (PulumiState s : state) {
      if (!s.pendingDelete()) {
        stateByUrn.putIfAbsent(s.urn(), s);
      }
    }
    List<PulumiState> stateOnly = stateByUrn.values().stream()
        .filter(s -> !listedUrns.contains(s.urn())).toList();

    Map<String, String> address = PulumiAddresses.shorten(Stream.concat(
        listed.stream().map(Listed::urn), stateOnly.stream().map(PulumiState::urn)).toList());

    List<ResourceChange> changes = new ArrayList<>(listed.size() + stateOnly.size());
    List<String> warnings = new ArrayList<>(preview.warnings());
    for (Listed l : listed) {
      StepClassifier.Verdict v = l.verdict();
      String type = l.steps().stream().map(PulumiStep::type).filter(Objects::nonNull)
          .findFirst().orElse(l.steps().get(0).typeToken());
      List<String> rawActions = l.steps().stream().map(PulumiStep::op).distinct().toList();
      ResourceChange c = ResourceChange.builder().address(address.get(l.urn())).urn(l.urn())
          .deposed(l.deposed()).type(type).managed(v.managed()).kind(v.kind()).order(v.order())
          .rawActions(rawActions).replacePaths(v.replacePaths()).importing(v.importing())
          .before(v.kind().isFinding() ? before(type, v.before()) : Map.of()).why(v.why())
          .location(location(v.after(), v.before())).build();
      changes.add(c);
      if (!v.unknownOps().isEmpty()) {
        warnings.add(c.key() + " has op(s) " + v.unknownOps()
            + (v.unknownOps().equals(List.of(StepOp.DIFF.id()))
                ? " only, so the step that says what happens to it is missing from the file;"
                : " that plangate does not know;")
            + " treated as a destroy.");
      }
    }
    long assumedOrder = listed.stream().filter(l -> l.verdict().orderAssumed()).count();
    if (assumedOrder > 0) {
      warnings.add(assumedOrder + " replacement(s) show only the logical replace step and the"
          + " state does not say which half runs first: assumed create-before-delete, Pulumi's"
          + " default (`pulumi preview --json --show-replacement-steps` shows the order).");
    }
    for (PulumiState s : stateOnly) {
      String type = s.type() != null ? s.type() : PulumiUrn.typeOf(s.urn(), "unknown");
      changes.add(ResourceChange.builder().address(address.get(s.urn())).urn(s.urn()).type(type)
          .managed(!s.external()).kind(ChangeKind.NO_OP).listed(false)
          .location(location(s, null)).build());
    }
    if (!stateByUrn.isEmpty() && listed.stream().noneMatch(l -> stateByUrn.containsKey(l.urn()))
        && listed.stream().anyMatch(l -> l.verdict().kind() != ChangeKind.CREATE)) {
      warnings.add("The stack export shares no resource with the preview: is it the export of"
          + " the same stack? Its dependencies were not matched to any change.");
    }

    Dependencies edges = edges(listed, stateOnly, stateByUrn);
    return new Plan(source, PlanFormat.PULUMI, null, null, changes, edges, preview.drift(),
        List.of(), preview.errored(), true, warnings, Map.of());
  }

  private record Listed(String urn, String deposed, List<PulumiStep> steps,
      StepClassifier.Verdict verdict) {}

  private static Dependencies edges(List<Listed> listed, List<PulumiState> stateOnly,
      Map<String, PulumiState> stateByUrn) {
    Map<String, Integer> nodeOf = new HashMap<>();
    for (int i = 0; i < listed.size(); i++) {
      Listed n = listed.get(i);
      if (n.deposed() == null) {
        nodeOf.put(n.urn(), i);
      }
    }
    for (int i = 0; i < listed.size(); i++) {
      nodeOf.putIfAbsent(listed.get(i).urn(), i);
    }
    for (int i = 0; i < stateOnly.size(); i++) {
      nodeOf.putIfAbsent(stateOnly.get(i).urn(), listed.size() + i);
    }
    List<int[]> out = new ArrayList<>();
    Set<Long> seen = new HashSet<>();
    for (int i = 0; i < listed.size(); i++) {
      Listed n = listed.get(i);
      Set<String> targets = new LinkedHashSet<>();
      for (PulumiStep s : n.steps()) {
        if (s.before() != null) {
          targets.addAll(s.before().edgesTo());
        }
        if (s.after() != null) {
          targets.addAll(s.after().edgesTo());
        }
      }
      PulumiState recorded = n.deposed() == null ? stateByUrn.get(n.urn()) : null;
      if (recorded != null) {
        targets.addAll(recorded.edgesTo());
      }
      addEdges(i, targets, nodeOf, seen, out);
    }
    for (int i = 0; i < stateOnly.size(); i++) {
      addEdges(listed.size() + i, stateOnly.get(i).edgesTo(), nodeOf, seen, out);
    }
    return Dependencies.of(out);
  }

  /** Adds "node depends on target" for each target that is in the plan; others are unknown. */
  private static void addEdges(int node, Iterable<String> targets, Map<String, Integer> nodeOf,
      Set<Long> seen, List<int[]> out) {
    for (String t : targets) {
      Integer target = nodeOf.get(t);
      if (target == null || target == node) {
        continue;
      }
      if (seen.add(((long) node << 32) | target)) {
        out.add(new int[] {node, target});
      }
    }
  }

  /** The catalogue's attributes of the old object, by the Terraform type's attribute names. */
  private Map<String, Object> before(String type, PulumiState old) {
    if (old == null || old.attributes().isEmpty()) {
      return Map.of();
    }
    String tf = PulumiTypes.terraformType(type);
    Set<String> wanted = tf == null ? Set.of() : attributes.rootAttributes(tf);
    Map<String, Object> kept = new LinkedHashMap<>();
    old.attributes().forEach((k, v) -> {
      if (wanted.contains(k)) {
        kept.put(k, v);
      }
    });
    return kept;
  }

  /**
   * {@code index.ts:7} from {@code project:///index.ts#7,20}. Positions inside
   * {@code node_modules} name a library (a component's own code), not the program: none then.
   */
  static String location(PulumiState preferred, PulumiState fallback) {
    for (PulumiState s : new PulumiState[] {preferred, fallback}) {
      if (s == null || s.sourcePosition() == null) {
        continue;
      }
      Matcher m = SOURCE_POSITION.matcher(s.sourcePosition());
      if (m.matches() && !m.group(1).contains("node_modules/")) {
        return m.group(1) + ":" + m.group(2);
      }
    }
    return null;
  }
}
