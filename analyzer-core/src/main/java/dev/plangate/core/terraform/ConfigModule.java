package dev.plangate.core.terraform;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The parts of one module of a plan's {@code configuration} that dependency edges come from. */
final class ConfigModule {
  /** A resource block: module-relative address, every reference it makes, its depends_on. */
  record Resource(String address, List<String> references, List<String> dependsOn) {}

  /** A module call: inputs (variable name to references), count/for_each references. */
  static final class Call {
    final Map<String, List<String>> inputs = new HashMap<>();
    final List<String> repetitionReferences = new ArrayList<>();
    final List<String> dependsOn = new ArrayList<>();
    /** The call's {@code source} as written ({@code ./modules/net}, a registry address, ...). */
    String source;
    ConfigModule module;
  }

  /** An output: its expression's references and depends_on. */
  record Output(List<String> references, List<String> dependsOn) {}

  /** Module call names from the root to here. */
  final List<String> path;

  final List<Resource> resources = new ArrayList<>();
  final Map<String, Call> calls = new LinkedHashMap<>();
  final Map<String, Output> outputs = new HashMap<>();

  ConfigModule(List<String> path) {
    this.path = List.copyOf(path);
  }

  /** Adds every module call below this one: configuration address to its source. */
  void collectSources(Map<String, String> out) {
    for (Map.Entry<String, Call> e : calls.entrySet()) {
      Call c = e.getValue();
      if (c.source != null) {
        out.put(prefix(path) + "module." + e.getKey(), c.source);
      }
      if (c.module != null) {
        c.module.collectSources(out);
      }
    }
  }

  /**
   * Prefix that turns a module-relative address into an absolute configuration address, for the
   * module at {@code path}.
   */
  static String prefix(List<String> path) {
    StringBuilder sb = new StringBuilder();
    for (String p : path) {
      sb.append("module.").append(p).append('.');
    }
    return sb.toString();
  }
}
