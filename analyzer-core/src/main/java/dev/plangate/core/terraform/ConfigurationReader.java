package dev.plangate.core.terraform;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.plangate.core.model.AddressStep;
import dev.plangate.core.plan.TokenReader;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Streams the plan's {@code configuration} into {@link ConfigModule}s, keeping only references,
 * {@code depends_on} and module wiring; constant values are skipped unread. A part of the wrong
 * shape (not an object or null) fails: the configuration gives the edges of the blast radius, and
 * must not silently give fewer.
 */
final class ConfigurationReader extends TokenReader {
  ConfigurationReader(JsonParser p) {
    super(p);
  }

  /**
   * The configuration's modules, or null for {@code "configuration": null}: that plan has no
   * configuration, so its references are unknown, not "none" (an empty root module would claim
   * that nothing depends on anything).
   */
  ConfigModule readConfiguration(JsonToken t) throws IOException {
    if (!orNull(t, JsonToken.START_OBJECT, "configuration")) {
      return null;
    }
    ConfigModule root = new ConfigModule(List.of());
    for (String f = p.nextFieldName(); f != null; f = p.nextFieldName()) {
      JsonToken v = p.nextToken();
      if (f.equals("root_module")
          && orNull(v, JsonToken.START_OBJECT, "configuration.root_module")) {
        readModule(root, "configuration.root_module");
      } else {
        p.skipChildren();
      }
    }
    return root;
  }

  private void readModule(ConfigModule m, String ctx) throws IOException {
    for (String f = p.nextFieldName(); f != null; f = p.nextFieldName()) {
      JsonToken v = p.nextToken();
      switch (f) {
        case "resources" -> forEachElement(v, ctx + ".resources",
            i -> readResource(m, ctx + ".resources[" + i + "]"));
        case "module_calls" -> {
          if (!orNull(v, JsonToken.START_OBJECT, ctx + ".module_calls")) {
            continue;
          }
          for (String call = p.nextFieldName(); call != null; call = p.nextFieldName()) {
            JsonToken c = p.nextToken();
            String at = ctx + ".module_calls." + call;
            if (orNull(c, JsonToken.START_OBJECT, at)) {
              readCall(m, call, at);
            }
          }
        }
        case "outputs" -> {
          if (!orNull(v, JsonToken.START_OBJECT, ctx + ".outputs")) {
            continue;
          }
          for (String out = p.nextFieldName(); out != null; out = p.nextFieldName()) {
            JsonToken o = p.nextToken();
            if (!orNull(o, JsonToken.START_OBJECT, ctx + ".outputs." + out)) {
              continue;
            }
            Set<String> refs = new LinkedHashSet<>();
            List<String> dependsOn = new ArrayList<>();
            for (String g = p.nextFieldName(); g != null; g = p.nextFieldName()) {
              JsonToken w = p.nextToken();
              if (g.equals("expression")) {
                collectReferences(refs);
              } else if (g.equals("depends_on")) {
                readStrings(w, dependsOn);
              } else {
                p.skipChildren();
              }
            }
            m.outputs.put(out, new ConfigModule.Output(List.copyOf(refs), dependsOn));
          }
        }
        default -> p.skipChildren();
      }
    }
  }

  private void readResource(ConfigModule m, String ctx) throws IOException {
    expect(p.currentToken(), JsonToken.START_OBJECT, ctx);
    String address = null;
    String mode = null;
    String type = null;
    String name = null;
    Set<String> refs = new LinkedHashSet<>();
    List<String> dependsOn = new ArrayList<>();
    for (String f = p.nextFieldName(); f != null; f = p.nextFieldName()) {
      JsonToken v = p.nextToken();
      switch (f) {
        case "address" -> address = v == JsonToken.VALUE_STRING ? p.getText() : null;
        case "mode" -> mode = v == JsonToken.VALUE_STRING ? p.getText() : null;
        case "type" -> type = v == JsonToken.VALUE_STRING ? p.getText() : null;
        case "name" -> name = v == JsonToken.VALUE_STRING ? p.getText() : null;
        case "expressions", "count_expression", "for_each_expression", "provisioners" ->
            collectReferences(refs);
        case "depends_on" -> readStrings(v, dependsOn);
        default -> p.skipChildren();
      }
    }
    if (address == null && type != null && name != null) {
      address = ("data".equals(mode) ? "data." : "") + type + "." + name;
    }
    if (address != null) {
      m.resources.add(new ConfigModule.Resource(address, List.copyOf(refs), dependsOn));
    }
  }

  private void readCall(ConfigModule parent, String callName, String ctx) throws IOException {
    ConfigModule.Call call = new ConfigModule.Call();
    List<String> childPath = new ArrayList<>(parent.path);
    childPath.add(callName);
    for (String f = p.nextFieldName(); f != null; f = p.nextFieldName()) {
      JsonToken v = p.nextToken();
      switch (f) {
        case "expressions" -> {
          if (v != JsonToken.START_OBJECT) {
            p.skipChildren();
            continue;
          }
          for (String input = p.nextFieldName(); input != null; input = p.nextFieldName()) {
            p.nextToken();
            Set<String> refs = new LinkedHashSet<>();
            collectReferences(refs);
            call.inputs.put(input, List.copyOf(refs));
          }
        }
        case "count_expression", "for_each_expression" -> {
          Set<String> refs = new LinkedHashSet<>();
          collectReferences(refs);
          call.repetitionReferences.addAll(refs);
        }
        case "depends_on" -> readStrings(v, call.dependsOn);
        case "source" -> call.source = v == JsonToken.VALUE_STRING ? p.getText() : null;
        case "module" -> {
          call.module = new ConfigModule(childPath);
          if (orNull(v, JsonToken.START_OBJECT, ctx + ".module")) {
            readModule(call.module, ctx + ".module");
          }
        }
        default -> p.skipChildren();
      }
    }
    if (call.module == null) {
      call.module = new ConfigModule(childPath);
    }
    parent.calls.put(callName, call);
  }

  /**
   * Collects every string under a {@code references} key anywhere inside the current value,
   * skipping {@code constant_value} subtrees unread.
   */
  private void collectReferences(Set<String> out) throws IOException {
    JsonToken t = p.currentToken();
    if (t == JsonToken.START_OBJECT) {
      for (String f = p.nextFieldName(); f != null; f = p.nextFieldName()) {
        JsonToken v = p.nextToken();
        if (f.equals("references") && v == JsonToken.START_ARRAY) {
          List<String> list = new ArrayList<>();
          readStrings(v, list);
          out.addAll(dropUnwrappedModuleCalls(list));
        } else if (f.equals("constant_value")) {
          p.skipChildren();
        } else {
          collectReferences(out);
        }
      }
    } else if (t == JsonToken.START_ARRAY) {
      while (p.nextToken() != JsonToken.END_ARRAY) {
        collectReferences(out);
      }
    }
  }

  /**
   * Terraform 1.0.1+ follows {@code module.m.out} with the bare {@code module.m}; taking the bare
   * call as "everything in m" would make each reference to one output depend on the whole module.
   * The bare call is kept only when the list holds no more specific reference into it.
   */
  static List<String> dropUnwrappedModuleCalls(Collection<String> refs) {
    List<String> out = new ArrayList<>(refs.size());
    for (String r : refs) {
      boolean unwrapped = r.startsWith("module.") && isBareModuleCall(r)
          && refs.stream().anyMatch(other -> other.startsWith(r + "."));
      if (!unwrapped) {
        out.add(r);
      }
    }
    return out;
  }

  private static boolean isBareModuleCall(String r) {
    try {
      return AddressStep.tokenize(r).size() == 2;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  private void readStrings(JsonToken t, List<String> out) throws IOException {
    if (t != JsonToken.START_ARRAY) {
      p.skipChildren();
      return;
    }
    while (p.nextToken() != JsonToken.END_ARRAY) {
      if (p.currentToken() == JsonToken.VALUE_STRING) {
        out.add(p.getText());
      } else {
        p.skipChildren();
      }
    }
  }
}
