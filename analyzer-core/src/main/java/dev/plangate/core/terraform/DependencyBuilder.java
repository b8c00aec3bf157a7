package dev.plangate.core.terraform;

import dev.plangate.core.model.AddressStep;
import dev.plangate.core.model.ChangeKind;
import dev.plangate.core.model.Dependencies;
import dev.plangate.core.model.ResourceAddress;
import dev.plangate.core.model.ResourceChange;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns configuration references, {@code depends_on} and prior-state {@code depends_on} into
 * edges between resource instances.
 *
 * <p>References are resolved between configuration addresses (no instance keys) across module
 * boundaries ({@code var.x} to the caller's argument, {@code module.m.out} to the output's
 * expression inside m), then expanded to instances. An instance only sees the instances of its
 * own module instance: for {@code module.svc["a"]}, {@code aws_sg.this} means
 * {@code module.svc["a"].aws_sg.this}. Formally, a dependent and a dependency must agree on the
 * instance keys of the module path they share in configuration.
 */
final class DependencyBuilder {
  record Result(List<ResourceChange> nodes, Dependencies dependencies) {}

  private final List<ResourceChange> nodes;
  private final List<TerraformPlanReader.StateResource> state;
  private final ConfigModule root;

  /** Per node: configuration module names and the instance keys along them. */
  private String[][] moduleNames;
  private String[][] moduleKeys;
  /** Per node, the scope string of its deepest module path computed so far (see scope()). */
  private String[] scopes;
  private int[] scopeDepth;
  private final Map<String, List<Integer>> instancesByConfig = new HashMap<>();
  /** Per target configuration address, per shared module depth: instances grouped by scope. */
  private final Map<String, List<Map<String, int[]>>> scopedCache = new HashMap<>();
  private final Map<String, Set<String>> resolved = new HashMap<>();
  private final Set<String> resolving = new HashSet<>();
  private long[] edges = new long[1024];
  private int edgeCount;

  private final ParsedAddresses parsed;

  /**
   * @param parsed the listed changes' addresses already parsed (possibly on another thread while
   *     the rest of the document was read), or null to parse them here
   */
  DependencyBuilder(List<ResourceChange> listed, List<TerraformPlanReader.StateResource> state,
      ConfigModule configuration, ParsedAddresses parsed) {
    this.nodes = new ArrayList<>(listed);
    this.state = state;
    this.root = configuration;
    this.parsed = parsed;
  }

  Result build() {
    Map<String, Integer> ids = new HashMap<>(nodes.size() * 2);
    for (int i = 0; i < nodes.size(); i++) {
      ids.putIfAbsent(nodes.get(i).key(), i);
    }
    // Instances known only from state (data sources read during planning, objects an old plan
    // format did not list) are nodes too: something may depend on them.
    int[] stateNode = new int[state.size()];
    for (int s = 0; s < state.size(); s++) {
      TerraformPlanReader.StateResource r = state.get(s);
      String key = ResourceChange.key(r.address(), r.deposed());
      Integer id = ids.get(key);
      if (id == null) {
        id = nodes.size();
        nodes.add(new ResourceChange(r.address(), r.deposed(), r.type(), r.managed(),
            ChangeKind.NO_OP, null, List.of(), null, List.of(), null, false, false, null));
        ids.put(key, id);
      }
      stateNode[s] = id;
    }
    indexInstances();
    if (root != null) {
      addConfigurationEdges(root);
    }
    Map<String, String> stripped = new HashMap<>();
    Map<String, Set<String>> movedTo = movedConfigAddresses();
    for (int s = 0; s < state.size(); s++) {
      for (String target : state.get(s).dependsOn()) {
        String config = stripped.computeIfAbsent(target, DependencyBuilder::stripKeys);
        addScopedEdges(stateNode[s], config);
        // Terraform keeps the depends_on of a resource it does not refresh from configuration
        // (an orphan, one it updates) as recorded at the last apply: under the old address of
        // anything a moved block has moved since.
        for (String moved : movedTo.getOrDefault(config, Set.of())) {
          addScopedEdges(stateNode[s], moved);
        }
      }
    }
    return new Result(nodes, toDependencies());
  }

  /**
   * Old configuration address to new, for every listed change with a {@code previous_address}
   * (resource and module {@code moved} blocks); each step of a chain of moves is followed.
   */
  private Map<String, Set<String>> movedConfigAddresses() {
    Map<String, Set<String>> direct = new HashMap<>();
    for (ResourceChange c : nodes) {
      if (c.previousAddress() == null || c.previousAddress().equals(c.address())) {
        continue;
      }
      String from = stripKeys(c.previousAddress());
      String to = stripKeys(c.address());
      if (!from.equals(to)) {
        direct.computeIfAbsent(from, k -> new LinkedHashSet<>()).add(to);
      }
    }
    if (direct.isEmpty()) {
      return direct;
    }
    Map<String, Set<String>> closed = new HashMap<>();
    for (String from : direct.keySet()) {
      Set<String> seen = new LinkedHashSet<>();
      List<String> todo = new ArrayList<>(direct.get(from));
      while (!todo.isEmpty()) {
        String next = todo.remove(todo.size() - 1);
        if (!next.equals(from) && seen.add(next)) {
          todo.addAll(direct.getOrDefault(next, Set.of()));
        }
      }
      closed.put(from, seen);
    }
    return closed;
  }

  private void indexInstances() {
    int n = nodes.size();
    scopes = new String[n];
    ParsedAddresses done = parsed != null && parsed.size() <= n ? parsed : ParsedAddresses.of(List.of());
    ParsedAddresses rest = ParsedAddresses.of(nodes.subList(done.size(), n));
    moduleNames = new String[n][];
    moduleKeys = new String[n][];
    for (int i = 0; i < n; i++) {
      ParsedAddresses from = i < done.size() ? done : rest;
      int j = i < done.size() ? i : i - done.size();
      moduleNames[i] = from.moduleNames[j];
      moduleKeys[i] = from.moduleKeys[j];
      if (from.configAddress[j] != null) {
        instancesByConfig.computeIfAbsent(from.configAddress[j], k -> new ArrayList<>(1)).add(i);
      }
    }
  }

  /** Module names, module keys and configuration address of each of a list of changes. */
  static final class ParsedAddresses {
    final String[][] moduleNames;
    final String[][] moduleKeys;
    final String[] configAddress;

    private ParsedAddresses(int n) {
      moduleNames = new String[n][];
      moduleKeys = new String[n][];
      configAddress = new String[n];
    }

    int size() {
      return configAddress.length;
    }

    /** The addresses of {@code a}'s changes followed by those of {@code b}'s. */
    static ParsedAddresses concat(ParsedAddresses a, ParsedAddresses b) {
      ParsedAddresses p = new ParsedAddresses(a.size() + b.size());
      System.arraycopy(a.moduleNames, 0, p.moduleNames, 0, a.size());
      System.arraycopy(b.moduleNames, 0, p.moduleNames, a.size(), b.size());
      System.arraycopy(a.moduleKeys, 0, p.moduleKeys, 0, a.size());
      System.arraycopy(b.moduleKeys, 0, p.moduleKeys, a.size(), b.size());
      System.arraycopy(a.configAddress, 0, p.configAddress, 0, a.size());
      System.arraycopy(b.configAddress, 0, p.configAddress, a.size(), b.size());
      return p;
    }

    static ParsedAddresses of(List<ResourceChange> changes) {
      ParsedAddresses p = new ParsedAddresses(changes.size());
      Map<String, String[]> namesCache = new HashMap<>();
      for (int i = 0; i < changes.size(); i++) {
        ResourceAddress a;
        try {
          a = ResourceAddress.parse(changes.get(i).address());
        } catch (IllegalArgumentException e) {
          p.moduleNames[i] = new String[0];
          p.moduleKeys[i] = new String[0];
          continue;
        }
        List<AddressStep> mods = a.modules();
        String[] names = new String[mods.size()];
        String[] keys = new String[mods.size()];
        for (int m = 0; m < mods.size(); m++) {
          names[m] = mods.get(m).name();
          keys[m] = mods.get(m).key();
        }
        p.moduleNames[i] = namesCache.computeIfAbsent(String.join(".", names), k -> names);
        p.moduleKeys[i] = keys;
        p.configAddress[i] = a.configAddress();
      }
      return p;
    }
  }

  // ---- configuration -------------------------------------------------------------------------

  private void addConfigurationEdges(ConfigModule module) {
    for (ConfigModule.Resource r : module.resources) {
      String self = ConfigModule.prefix(module.path) + r.address();
      List<Integer> instances = instancesByConfig.get(self);
      if (instances == null) {
        continue;
      }
      Set<String> targets = new LinkedHashSet<>();
      for (String ref : r.references()) {
        targets.addAll(resolveReference(module.path, ref));
      }
      for (String d : r.dependsOn()) {
        targets.addAll(resolveDependsOn(module.path, d));
      }
      targets.addAll(inheritedFromCalls(module.path));
      for (String target : targets) {
        addScopedEdges(instances, target);
      }
    }
    for (ConfigModule.Call call : module.calls.values()) {
      addConfigurationEdges(call.module);
    }
  }

  /** A module call's depends_on and count/for_each apply to everything inside the module. */
  private Set<String> inheritedFromCalls(List<String> path) {
    Set<String> out = new LinkedHashSet<>();
    ConfigModule m = root;
    for (int depth = 0; depth < path.size(); depth++) {
      ConfigModule.Call call = m.calls.get(path.get(depth));
      if (call == null) {
        break;
      }
      for (String d : call.dependsOn) {
        out.addAll(resolveDependsOn(m.path, d));
      }
      for (String ref : call.repetitionReferences) {
        out.addAll(resolveReference(m.path, ref));
      }
      m = call.module;
    }
    return out;
  }

  /** Resolves one reference made inside the module at {@code path} to configuration addresses. */
  Set<String> resolveReference(List<String> path, String ref) {
    String memo = String.join(".", path) + "\u0000" + ref;
    Set<String> done = resolved.get(memo);
    if (done != null) {
      return done;
    }
    if (!resolving.add(memo)) {
      return Set.of(); // a reference cycle: invalid Terraform, nothing more to learn
    }
    Set<String> out = new LinkedHashSet<>();
    List<AddressStep> steps;
    try {
      steps = AddressStep.tokenize(ref);
    } catch (IllegalArgumentException e) {
      steps = List.of();
    }
    if (!steps.isEmpty()) {
      resolveSteps(path, steps, out);
    }
    resolving.remove(memo);
    resolved.put(memo, out);
    return out;
  }

  private void resolveSteps(List<String> path, List<AddressStep> s, Set<String> out) {
    String head = s.get(0).name();
    switch (head) {
      case "var" -> {
        if (path.isEmpty() || s.size() < 2) {
          return;
        }
        List<String> parent = path.subList(0, path.size() - 1);
        ConfigModule.Call call = call(path);
        if (call == null) {
          return;
        }
        List<String> refs = call.inputs.get(s.get(1).name());
        if (refs != null) {
          for (String r : refs) {
            out.addAll(resolveReference(parent, r));
          }
        }
      }
      case "module" -> {
        if (s.size() < 2) {
          return;
        }
        List<String> childPath = append(path, s.get(1).name());
        ConfigModule child = module(childPath);
        if (child == null) {
          return;
        }
        ConfigModule.Output output = s.size() >= 3 ? child.outputs.get(s.get(2).name()) : null;
        Set<String> found = new LinkedHashSet<>();
        if (output != null) {
          addOutput(childPath, output, found);
        } else {
          // The whole module object (or an output the configuration does not list): every output.
          for (ConfigModule.Output o : child.outputs.values()) {
            addOutput(childPath, o, found);
          }
        }
        String key = s.get(1).key();
        if (key == null) {
          out.addAll(found);
        } else {
          // module.m["k"].out: only instance "k" of m. Targets that flow back out of m (through
          // its variables) are not inside m and keep their own scope.
          String inside = ConfigModule.prefix(childPath);
          for (String t : found) {
            out.add(t.startsWith(inside) ? narrow(t, path.size(), key) : t);
          }
        }
      }
      case "data" -> {
        if (s.size() >= 3) {
          out.add(ConfigModule.prefix(path) + "data." + s.get(1).name() + "." + s.get(2).name());
        }
      }
      // Locals are not in the plan JSON; prior_state depends_on covers what flows through them.
      case "local", "count", "each", "path", "terraform", "self", "ephemeral", "action" -> {
        // no graph edge
      }
      default -> {
        if (s.size() >= 2) {
          out.add(ConfigModule.prefix(path) + head + "." + s.get(1).name());
        }
      }
    }
  }

  private void addOutput(List<String> childPath, ConfigModule.Output o, Set<String> out) {
    for (String r : o.references()) {
      out.addAll(resolveReference(childPath, r));
    }
    for (String d : o.dependsOn()) {
      out.addAll(resolveDependsOn(childPath, d));
    }
  }

  /** {@code depends_on = [module.m]} means every resource in m, however deep. */
  Set<String> resolveDependsOn(List<String> path, String target) {
    List<AddressStep> steps;
    try {
      steps = AddressStep.tokenize(target);
    } catch (IllegalArgumentException e) {
      return Set.of();
    }
    if (steps.size() == 2 && steps.get(0).name().equals("module")) {
      ConfigModule child = module(append(path, steps.get(1).name()));
      Set<String> out = new LinkedHashSet<>();
      if (child != null) {
        allResources(child, out);
      }
      return out;
    }
    return resolveReference(path, target);
  }

  private void allResources(ConfigModule m, Set<String> out) {
    for (ConfigModule.Resource r : m.resources) {
      out.add(ConfigModule.prefix(m.path) + r.address());
    }
    for (ConfigModule.Call c : m.calls.values()) {
      allResources(c.module, out);
    }
  }

  private ConfigModule module(List<String> path) {
    ConfigModule m = root;
    for (String name : path) {
      ConfigModule.Call c = m.calls.get(name);
      if (c == null) {
        return null;
      }
      m = c.module;
    }
    return m;
  }

  private ConfigModule.Call call(List<String> path) {
    ConfigModule parent = module(path.subList(0, path.size() - 1));
    return parent == null ? null : parent.calls.get(path.get(path.size() - 1));
  }

  private static List<String> append(List<String> path, String name) {
    List<String> out = new ArrayList<>(path.size() + 1);
    out.addAll(path);
    out.add(name);
    return out;
  }

  // ---- instances -----------------------------------------------------------------------------

  private static String stripKeys(String address) {
    try {
      return ResourceAddress.parse(address).configAddress();
    } catch (IllegalArgumentException e) {
      return address;
    }
  }

  /**
   * Marks a resolved target as restricted to the instance {@code key} of the module at
   * {@code depth}: the configuration address, then NUL, then {@code depth=key} pairs.
   */
  private static String narrow(String target, int depth, String key) {
    return target + (target.indexOf('\u0000') < 0 ? "\u0000" : "\u0001") + depth + "=" + key;
  }

  /**
   * {@link #addScopedEdges(int, String)} for each of the instances of one configuration
   * resource: they share their module names, so what depends only on those is found once.
   */
  private void addScopedEdges(List<Integer> dependents, String target) {
    if (target.indexOf('\u0000') >= 0) {
      for (int dependent : dependents) {
        addScopedEdges(dependent, target); // narrowed to one module instance: the rare case
      }
      return;
    }
    List<Integer> all = instancesByConfig.get(target);
    if (all == null) {
      return;
    }
    int shared = sharedModules(moduleNames[dependents.get(0)], moduleNames[all.get(0)]);
    if (shared == 0) {
      for (int dependent : dependents) {
        for (int t : all) {
          addEdge(dependent, t);
        }
      }
      return;
    }
    Map<String, int[]> groups = groups(target, all, shared);
    for (int dependent : dependents) {
      int[] inScope = groups.get(scope(dependent, shared));
      if (inScope != null) {
        for (int t : inScope) {
          addEdge(dependent, t);
        }
      }
    }
  }

  /** How many leading module names two instances share. */
  private static int sharedModules(String[] names, String[] targetNames) {
    int shared = 0;
    while (shared < names.length && shared < targetNames.length
        && names[shared].equals(targetNames[shared])) {
      shared++;
    }
    return shared;
  }

  /** The instances of {@code target} grouped by their keys down to {@code shared}; memoised. */
  private Map<String, int[]> groups(String target, List<Integer> all, int shared) {
    List<Map<String, int[]>> byDepth = scopedCache.computeIfAbsent(target, k -> new ArrayList<>());
    while (byDepth.size() <= shared) {
      byDepth.add(null);
    }
    Map<String, int[]> groups = byDepth.get(shared);
    if (groups == null) {
      groups = group(all, shared);
      byDepth.set(shared, groups);
    }
    return groups;
  }

  /** Adds an edge from {@code dependent} to every instance of {@code target} in its scope. */
  private void addScopedEdges(int dependent, String target) {
    int nul = target.indexOf('\u0000');
    if (nul >= 0) {
      addNarrowedEdges(dependent, target.substring(0, nul), target.substring(nul + 1));
      return;
    }
    List<Integer> all = instancesByConfig.get(target);
    if (all == null) {
      return;
    }
    int shared = sharedModules(moduleNames[dependent], moduleNames[all.get(0)]);
    if (shared == 0) {
      for (int t : all) {
        addEdge(dependent, t);
      }
      return;
    }
    int[] inScope = groups(target, all, shared).get(scope(dependent, shared));
    if (inScope != null) {
      for (int t : inScope) {
        addEdge(dependent, t);
      }
    }
  }

  private void addNarrowedEdges(int dependent, String target, String constraints) {
    List<Integer> all = instancesByConfig.get(target);
    if (all == null) {
      return;
    }
    String[] pairs = constraints.split("\u0001");
    int before = edgeCount;
    addScopedEdges(dependent, target);
    int kept = before;
    for (int e = before; e < edgeCount; e++) {
      int t = (int) edges[e];
      boolean match = true;
      for (String pair : pairs) {
        int eq = pair.indexOf('=');
        int depth = Integer.parseInt(pair.substring(0, eq));
        String key = pair.substring(eq + 1);
        if (depth >= moduleKeys[t].length || !key.equals(moduleKeys[t][depth])) {
          match = false;
          break;
        }
      }
      if (match) {
        edges[kept++] = edges[e];
      }
    }
    edgeCount = kept;
  }

  /** The instance keys of the node's first {@code depth} modules, as one string; memoised. */
  private String scope(int node, int depth) {
    if (scopeDepth == null) {
      scopeDepth = new int[nodes.size()];
      java.util.Arrays.fill(scopeDepth, -1);
    }
    if (scopeDepth[node] == depth) {
      return scopes[node];
    }
    String[] keys = moduleKeys[node];
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < depth; i++) {
      sb.append(keys[i]).append('\u0001');
    }
    scopes[node] = sb.toString();
    scopeDepth[node] = depth;
    return scopes[node];
  }

  private Map<String, int[]> group(List<Integer> instances, int depth) {
    Map<String, List<Integer>> groups = new HashMap<>();
    for (int t : instances) {
      StringBuilder scope = new StringBuilder();
      for (int i = 0; i < depth && i < moduleKeys[t].length; i++) {
        scope.append(moduleKeys[t][i]).append('\u0001');
      }
      groups.computeIfAbsent(scope.toString(), k -> new ArrayList<>()).add(t);
    }
    Map<String, int[]> out = new HashMap<>(groups.size() * 2);
    groups.forEach((k, v) -> out.put(k, v.stream().mapToInt(Integer::intValue).toArray()));
    return out;
  }

  private void addEdge(int dependent, int dependency) {
    if (dependent == dependency) {
      return;
    }
    if (edgeCount == edges.length) {
      edges = Arrays.copyOf(edges, edges.length * 2);
    }
    edges[edgeCount++] = ((long) dependent << 32) | (dependency & 0xffffffffL);
  }

  /**
   * The edges sorted by dependent, then dependency, without repeats: bucketed by dependent in one
   * pass (a node has few dependencies), which is far cheaper than sorting all edges as numbers.
   */
  private Dependencies toDependencies() {
    int n = nodes.size();
    int[] start = new int[n + 1];
    for (int e = 0; e < edgeCount; e++) {
      start[(int) (edges[e] >>> 32) + 1]++;
    }
    for (int d = 0; d < n; d++) {
      start[d + 1] += start[d];
    }
    int[] fill = Arrays.copyOf(start, n);
    int[] dependencyOf = new int[edgeCount];
    for (int e = 0; e < edgeCount; e++) {
      dependencyOf[fill[(int) (edges[e] >>> 32)]++] = (int) edges[e];
    }
    edges = null;
    int[] from = new int[edgeCount];
    int[] to = new int[edgeCount];
    int unique = 0;
    for (int d = 0; d < n; d++) {
      int lo = start[d];
      int hi = start[d + 1];
      if (hi - lo > 1) {
        Arrays.sort(dependencyOf, lo, hi);
      }
      for (int i = lo; i < hi; i++) {
        if (i == lo || dependencyOf[i] != dependencyOf[i - 1]) {
          from[unique] = d;
          to[unique++] = dependencyOf[i];
        }
      }
    }
    return new Dependencies(Arrays.copyOf(from, unique), Arrays.copyOf(to, unique));
  }
}
