package dev.plangate.core.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * A parsed Terraform resource instance address:
 * {@code (module.NAME[KEY].)* [data.] TYPE.NAME[KEY]}.
 *
 * @param modules the module steps, each a call name with its instance key (or null)
 * @param data true for a data source
 * @param type resource type
 * @param name resource name
 * @param key instance key as written (with quotes for strings), or null
 */
public record ResourceAddress(
    List<AddressStep> modules, boolean data, String type, String name, String key) {

  public ResourceAddress {
    modules = List.copyOf(modules);
  }

  // Written out: a record's generated equals and hashCode are bootstrapped on first use, which
  // cost a check about 15 ms, in the one-core part after reading (renames are found in sets).
  @Override
  public boolean equals(Object o) {
    return o instanceof ResourceAddress a && data == a.data && Objects.equals(type, a.type)
        && Objects.equals(name, a.name) && Objects.equals(key, a.key)
        && modules.equals(a.modules);
  }

  @Override
  public int hashCode() {
    return Objects.hash(modules, data, type, name, key);
  }

  /**
   * Parses an instance address.
   *
   * @throws IllegalArgumentException when the text is not a resource instance address
   */
  public static ResourceAddress parse(String address) {
    List<AddressStep> steps = AddressStep.tokenize(address);
    List<AddressStep> modules = new ArrayList<>();
    int i = 0;
    while (i + 1 < steps.size() && steps.get(i).name().equals("module") && steps.get(i).key() == null
        && steps.size() - i > 2) {
      modules.add(steps.get(i + 1));
      i += 2;
    }
    boolean data = false;
    if (steps.size() - i == 3 && steps.get(i).name().equals("data") && steps.get(i).key() == null) {
      data = true;
      i++;
    }
    if (steps.size() - i != 2 || steps.get(i).key() != null) {
      throw new IllegalArgumentException("not a resource address: " + address);
    }
    AddressStep last = steps.get(i + 1);
    return new ResourceAddress(modules, data, steps.get(i).name(), last.name(), last.key());
  }

  /** The configuration address: every instance key dropped. */
  public String configAddress() {
    StringBuilder sb = new StringBuilder();
    for (AddressStep m : modules) {
      sb.append("module.").append(m.name()).append('.');
    }
    return sb.append(resourceConfigPart()).toString();
  }

  /** {@code [data.]TYPE.NAME}, without module path or key. */
  public String resourceConfigPart() {
    return (data ? "data." : "") + type + "." + name;
  }

  /** {@code [data.]TYPE.NAME[KEY]}, without module path. */
  public String resourcePart() {
    return resourceConfigPart() + (key == null ? "" : "[" + key + "]");
  }

  /** The module instance path, e.g. {@code module.a["x"].module.b}; empty for the root module. */
  public String moduleInstance() {
    return moduleInstance(modules.size());
  }

  /** The first {@code depth} module steps as a module instance path. */
  public String moduleInstance(int depth) {
    return modules.subList(0, depth).stream().map(m -> "module." + m.text())
        .collect(Collectors.joining("."));
  }

  /** The module call names, without keys: the configuration module path. */
  public List<String> moduleNames() {
    return modules.stream().map(AddressStep::name).toList();
  }

  @Override
  public String toString() {
    String m = moduleInstance();
    return m.isEmpty() ? resourcePart() : m + "." + resourcePart();
  }
}
