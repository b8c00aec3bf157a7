package dev.plangate.core.impact.blast;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * A random Terraform configuration of {@code terraform_data} resources and local modules, and
 * random edits of it. Every reference points at an item declared earlier in the same module (or
 * at one of the module's variables), so the configuration is acyclic by construction; module
 * inputs never read the module's own outputs.
 *
 * <p>Rendering writes one directory per module definition ({@code modules/d<id>}); a call's name
 * is independent of its directory, so renaming a call keeps its source. {@code modules.json} is
 * written directly (what {@code terraform init} would record for local modules), which saves an
 * init per plan.
 */
final class RandomConfig {
  enum Kind { RESOURCE, MODULE }

  /** NONE: a single instance; COUNT: indices 0..n-1; FOR_EACH: the keys. */
  static final class Repetition {
    final String mode; // none, count, for_each
    final List<String> keys;

    Repetition(String mode, List<String> keys) {
      this.mode = mode;
      this.keys = List.copyOf(keys);
    }

    static Repetition none() {
      return new Repetition("none", List.of());
    }

    static Repetition count(int n) {
      List<String> k = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        k.add(Integer.toString(i));
      }
      return new Repetition("count", k);
    }

    static Repetition forEach(List<String> keys) {
      return new Repetition("for_each", keys);
    }
  }

  /** A reference to an earlier item (instance key or null for all) or to a variable. */
  static final class Ref {
    String item; // null for a variable
    String key;
    String variable;

    static Ref item(String item, String key) {
      Ref r = new Ref();
      r.item = item;
      r.key = key;
      return r;
    }

    static Ref var(String name) {
      Ref r = new Ref();
      r.variable = name;
      return r;
    }
  }

  static final class Item {
    /** Stable across configurations made from the same seed: pairs an item before and after. */
    int id;
    Kind kind;
    String name;
    Repetition rep = Repetition.none();
    final List<Ref> inputs = new ArrayList<>();
    final List<String> dependsOn = new ArrayList<>();
    /** Resources: replace_triggered_by targets (item name, instance key or null). */
    final List<Ref> triggeredBy = new ArrayList<>();
    boolean createBeforeDestroy;
    int trigger;
    Module child;
  }

  static final class Module {
    final int id;
    final List<Item> items = new ArrayList<>();
    final List<String> variables = new ArrayList<>();
    /** The single output {@code out}: references into this module. */
    final List<Ref> output = new ArrayList<>();
    final List<String> extraBlocks = new ArrayList<>();

    Module(int id) {
      this.id = id;
    }

    Item find(String name) {
      for (Item i : items) {
        if (i.name.equals(name)) {
          return i;
        }
      }
      return null;
    }
  }

  private final Random random;
  private int nextModuleId;
  private int nextName;
  private int nextItemId;
  final Module root;

  RandomConfig(long seed) {
    this.random = new Random(seed);
    this.root = module(0);
  }

  private String name(String prefix) {
    return prefix + (nextName++);
  }

  private Module module(int depth) {
    Module m = new Module(nextModuleId++);
    if (depth > 0) {
      int vars = 1 + random.nextInt(2);
      for (int i = 0; i < vars; i++) {
        m.variables.add("v" + i);
      }
    }
    int n = depth == 0 ? 4 + random.nextInt(4) : 2 + random.nextInt(3);
    for (int i = 0; i < n; i++) {
      double moduleOdds = depth == 0 ? 0.35 : depth == 1 ? 0.25 : 0;
      Item it = new Item();
      it.id = nextItemId++;
      if (random.nextDouble() < moduleOdds) {
        it.kind = Kind.MODULE;
        it.name = name("m");
        it.child = module(depth + 1);
        it.rep = repetition(2);
        for (int v = 0; v < it.child.variables.size(); v++) {
          Ref in = randomRef(m);
          it.inputs.add(in == null ? Ref.var(null) : in); // var(null): a constant input
        }
      } else {
        it.kind = Kind.RESOURCE;
        it.name = name("r");
        it.rep = repetition(3);
        int refs = random.nextInt(3);
        for (int k = 0; k < refs; k++) {
          Ref r = randomRef(m);
          if (r != null) {
            it.inputs.add(r);
          }
        }
        it.createBeforeDestroy = random.nextDouble() < 0.2;
        List<Item> earlierResources = m.items.stream().filter(x -> x.kind == Kind.RESOURCE).toList();
        if (!earlierResources.isEmpty() && random.nextDouble() < 0.3) {
          Item t = earlierResources.get(random.nextInt(earlierResources.size()));
          it.triggeredBy.add(Ref.item(t.name, random.nextBoolean() ? null : firstKey(t)));
        }
      }
      if (!m.items.isEmpty() && random.nextDouble() < 0.3) {
        Item t = m.items.get(random.nextInt(m.items.size()));
        it.dependsOn.add(t.name);
      }
      m.items.add(it);
    }
    int outs = m.items.isEmpty() ? 0 : 1 + random.nextInt(2);
    for (int i = 0; i < outs; i++) {
      Item t = m.items.get(m.items.size() - 1 - random.nextInt(m.items.size()));
      m.output.add(Ref.item(t.name, random.nextBoolean() ? null : firstKey(t)));
    }
    return m;
  }

  /** A reference to an earlier item or a variable of {@code m}, or null when there is none. */
  private Ref randomRef(Module m) {
    List<Ref> options = new ArrayList<>();
    for (Item i : m.items) {
      options.add(Ref.item(i.name, random.nextInt(3) == 0 ? firstKey(i) : null));
    }
    for (String v : m.variables) {
      options.add(Ref.var(v));
    }
    if (options.isEmpty()) {
      return null;
    }
    return options.get(random.nextInt(options.size()));
  }

  private static String firstKey(Item i) {
    return i.rep.keys.isEmpty() ? null : i.rep.keys.get(0);
  }

  private Repetition repetition(int max) {
    int r = random.nextInt(10);
    if (r < 5) {
      return Repetition.none();
    }
    int n = 1 + random.nextInt(max);
    if (r < 8) {
      return Repetition.count(n);
    }
    List<String> keys = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      keys.add(String.valueOf((char) ('a' + i)));
    }
    return Repetition.forEach(keys);
  }

  // ---- edits ---------------------------------------------------------------------------------

  /** Applies 1-3 random edits, each to a different item; returns what was done, for messages. */
  List<String> edit(long seed) {
    Random r = new Random(seed);
    List<String> done = new ArrayList<>();
    List<Item> touched = new ArrayList<>();
    int n = 1 + r.nextInt(3);
    for (int attempt = 0; attempt < 20 && done.size() < n; attempt++) {
      List<Module[]> all = new ArrayList<>();
      collect(root, all);
      Module[] pick = all.get(r.nextInt(all.size()));
      Module m = pick[0];
      if (m.items.isEmpty()) {
        continue;
      }
      Item it = m.items.get(r.nextInt(m.items.size()));
      if (touched.contains(it)) {
        continue;
      }
      String what = applyEdit(r, m, it);
      if (what != null) {
        touched.add(it);
        done.add(what + " in d" + m.id);
      }
    }
    return done;
  }

  private static void collect(Module m, List<Module[]> out) {
    out.add(new Module[] {m});
    for (Item i : m.items) {
      if (i.child != null) {
        collect(i.child, out);
      }
    }
  }

  private String applyEdit(Random r, Module m, Item it) {
    String addr = (it.kind == Kind.MODULE ? "module." : "terraform_data.") + it.name;
    switch (r.nextInt(8)) {
      case 0: {
        remove(m, it);
        return "remove " + addr;
      }
      case 1:
      case 2: {
        boolean moved = r.nextBoolean();
        String old = it.name;
        String renamed = old + "x";
        if (m.find(renamed) != null) {
          return null;
        }
        rename(m, old, renamed);
        if (moved) {
          String p = it.kind == Kind.MODULE ? "module." : "terraform_data.";
          m.extraBlocks.add("moved {\n  from = " + p + old + "\n  to   = " + p + renamed + "\n}");
        }
        return "rename " + addr + (moved ? " with moved" : " without moved");
      }
      case 3: {
        Repetition before = it.rep;
        it.rep = switch (r.nextInt(4)) {
          case 0 -> before.keys.size() > 1
              ? new Repetition(before.mode.equals("none") ? "count" : before.mode,
                  before.keys.subList(0, before.keys.size() - 1))
              : Repetition.count(2);
          case 1 -> before.mode.equals("count") ? Repetition.forEach(List.of("0", "1"))
              : Repetition.count(Math.max(1, before.keys.size()));
          case 2 -> before.mode.equals("for_each") && before.keys.size() > 1
              ? Repetition.forEach(before.keys.subList(1, before.keys.size()))
              : Repetition.forEach(List.of("a", "z"));
          default -> Repetition.none();
        };
        dropStaleKeys(m, it);
        return "repetition of " + addr + " " + before.mode + before.keys + " -> " + it.rep.mode
            + it.rep.keys;
      }
      case 4:
      case 5: {
        if (it.kind != Kind.RESOURCE) {
          return null;
        }
        it.trigger++;
        return "trigger " + addr;
      }
      case 6: {
        remove(m, it);
        m.extraBlocks.add("removed {\n  from = " + addr
            + "\n  lifecycle {\n    destroy = false\n  }\n}");
        return "forget " + addr;
      }
      default: {
        if (it.kind != Kind.RESOURCE) {
          return null;
        }
        it.createBeforeDestroy = !it.createBeforeDestroy;
        it.trigger++;
        return "create_before_destroy flip and trigger " + addr;
      }
    }
  }

  private void remove(Module m, Item gone) {
    m.items.remove(gone);
    for (Item i : m.items) {
      // A module call's inputs are positional (one per variable): keep the slot, as a constant.
      i.inputs.replaceAll(x -> gone.name.equals(x.item) ? Ref.var(null) : x);
      i.triggeredBy.removeIf(x -> gone.name.equals(x.item));
      i.dependsOn.remove(gone.name);
    }
    m.output.removeIf(x -> gone.name.equals(x.item));
  }

  private void rename(Module m, String old, String renamed) {
    m.find(old).name = renamed;
    for (Item i : m.items) {
      for (Ref x : i.inputs) {
        x.item = old.equals(x.item) ? renamed : x.item;
      }
      for (Ref x : i.triggeredBy) {
        x.item = old.equals(x.item) ? renamed : x.item;
      }
      i.dependsOn.replaceAll(d -> d.equals(old) ? renamed : d);
    }
    for (Ref x : m.output) {
      x.item = old.equals(x.item) ? renamed : x.item;
    }
  }

  /** References to instance keys that no longer exist become references to the whole item. */
  private static void dropStaleKeys(Module m, Item changed) {
    List<Ref> refs = new ArrayList<>(m.output);
    for (Item i : m.items) {
      refs.addAll(i.inputs);
      refs.addAll(i.triggeredBy);
    }
    for (Ref x : refs) {
      if (changed.name.equals(x.item) && x.key != null && !changed.rep.keys.contains(x.key)) {
        x.key = null;
      }
    }
  }

  /** Each resource's configuration address, by item id. */
  Map<Integer, String> resourceAddresses() {
    Map<Integer, String> out = new LinkedHashMap<>();
    addresses(root, "", out);
    return out;
  }

  private static void addresses(Module m, String prefix, Map<Integer, String> out) {
    for (Item i : m.items) {
      if (i.kind == Kind.RESOURCE) {
        out.put(i.id, prefix + "terraform_data." + i.name);
      } else {
        addresses(i.child, prefix + "module." + i.name + ".", out);
      }
    }
  }

  /**
   * Old configuration address to new, for every resource of {@code base} still in this
   * configuration (renamed, moved or not): what the edit calls each resource now.
   */
  Map<String, String> renamesFrom(RandomConfig base) {
    Map<Integer, String> now = resourceAddresses();
    Map<String, String> out = new LinkedHashMap<>();
    base.resourceAddresses().forEach((id, old) -> {
      if (now.containsKey(id)) {
        out.put(old, now.get(id));
      }
    });
    return out;
  }

  // ---- rendering -----------------------------------------------------------------------------

  /** Files relative to the working directory: path to content. */
  Map<String, String> render() {
    Map<String, String> files = new LinkedHashMap<>();
    files.put("main.tf", render(root));
    List<String> modulesJson = new ArrayList<>();
    modulesJson.add("{\"Key\":\"\",\"Source\":\"\",\"Dir\":\".\"}");
    renderChildren(root, "", files, modulesJson);
    files.put(".terraform/modules/modules.json",
        "{\"Modules\":[" + String.join(",", modulesJson) + "]}");
    return files;
  }

  private void renderChildren(Module m, String keyPrefix, Map<String, String> files,
      List<String> modulesJson) {
    for (Item i : m.items) {
      if (i.child == null) {
        continue;
      }
      String dir = "modules/d" + i.child.id;
      files.putIfAbsent(dir + "/main.tf", render(i.child));
      String key = keyPrefix.isEmpty() ? i.name : keyPrefix + "." + i.name;
      modulesJson.add("{\"Key\":\"" + key + "\",\"Source\":\"./" + dir + "\",\"Dir\":\"" + dir
          + "\"}");
      renderChildren(i.child, key, files, modulesJson);
    }
  }

  private String render(Module m) {
    StringBuilder sb = new StringBuilder();
    for (String v : m.variables) {
      sb.append("variable \"").append(v).append("\" {}\n");
    }
    for (Item i : m.items) {
      if (i.kind == Kind.RESOURCE) {
        sb.append("resource \"terraform_data\" \"").append(i.name).append("\" {\n");
        repetition(sb, i.rep);
        sb.append("  input = [").append(expressions(m, i.inputs)).append("]\n");
        sb.append("  triggers_replace = \"t").append(i.trigger).append("\"\n");
        dependsOn(sb, m, i);
        if (i.createBeforeDestroy || !i.triggeredBy.isEmpty()) {
          sb.append("  lifecycle {\n");
          if (i.createBeforeDestroy) {
            sb.append("    create_before_destroy = true\n");
          }
          if (!i.triggeredBy.isEmpty()) {
            List<String> t = new ArrayList<>();
            for (Ref x : i.triggeredBy) {
              t.add("terraform_data." + x.item + instanceKey(m.find(x.item), x.key));
            }
            sb.append("    replace_triggered_by = [").append(String.join(", ", t)).append("]\n");
          }
          sb.append("  }\n");
        }
        sb.append("}\n");
      } else {
        sb.append("module \"").append(i.name).append("\" {\n");
        sb.append("  source = \"./modules/d").append(i.child.id).append("\"\n");
        repetition(sb, i.rep);
        for (int v = 0; v < i.child.variables.size(); v++) {
          Ref in = v < i.inputs.size() ? i.inputs.get(v) : null;
          List<Ref> one = in == null || (in.item == null && in.variable == null)
              ? List.of() : List.of(in);
          if (one.size() == 1 && one.get(0).item != null && m.find(one.get(0).item) == null) {
            one = List.of();
          }
          sb.append("  ").append(i.child.variables.get(v)).append(" = [")
              .append(expressions(m, one)).append("]\n");
        }
        dependsOn(sb, m, i);
        sb.append("}\n");
      }
    }
    sb.append("output \"out\" {\n  value = [").append(expressions(m, m.output)).append("]\n}\n");
    for (String b : m.extraBlocks) {
      sb.append(b).append('\n');
    }
    return sb.toString();
  }

  private static void repetition(StringBuilder sb, Repetition rep) {
    if (rep.mode.equals("count")) {
      sb.append("  count = ").append(rep.keys.size()).append('\n');
    } else if (rep.mode.equals("for_each")) {
      List<String> q = rep.keys.stream().map(k -> "\"" + k + "\"").toList();
      sb.append("  for_each = toset([").append(String.join(", ", q)).append("])\n");
    }
  }

  private static void dependsOn(StringBuilder sb, Module m, Item i) {
    List<String> d = new ArrayList<>();
    for (String name : i.dependsOn) {
      Item t = m.find(name);
      if (t != null) {
        d.add((t.kind == Kind.MODULE ? "module." : "terraform_data.") + name);
      }
    }
    if (!d.isEmpty()) {
      sb.append("  depends_on = [").append(String.join(", ", d)).append("]\n");
    }
  }

  private static String expressions(Module m, List<Ref> refs) {
    List<String> out = new ArrayList<>();
    out.add("\"c\"");
    for (Ref x : refs) {
      if (x.item == null) {
        if (x.variable != null && m.variables.contains(x.variable)) {
          out.add("var." + x.variable);
        }
        continue;
      }
      Item t = m.find(x.item);
      if (t == null) {
        continue;
      }
      String base = (t.kind == Kind.MODULE ? "module." : "terraform_data.") + t.name;
      String attr = t.kind == Kind.MODULE ? "out" : "id";
      String key = x.key != null && t.rep.keys.contains(x.key) ? x.key : null;
      if (key != null) {
        out.add(base + instanceKey(t, key) + "." + attr);
      } else if (t.rep.mode.equals("none")) {
        out.add(base + "." + attr);
      } else if (t.rep.mode.equals("count")) {
        out.add(base + "[*]." + attr);
      } else {
        out.add("[for k, v in " + base + " : v." + attr + "]");
      }
    }
    return String.join(", ", out);
  }

  private static String instanceKey(Item t, String key) {
    if (t == null || key == null || !t.rep.keys.contains(key)) {
      return "";
    }
    return t.rep.mode.equals("count") ? "[" + key + "]" : "[\"" + key + "\"]";
  }
}
