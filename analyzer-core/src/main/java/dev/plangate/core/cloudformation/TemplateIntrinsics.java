package dev.plangate.core.cloudformation;

import dev.plangate.core.cloudformation.TemplateEdge.Kind;
import dev.plangate.core.cloudformation.TemplateEdge.TargetKind;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The intrinsic functions, read for what they refer to ({@link #walk}) and, for the few that
 * name exports, evaluated ({@link #evaluate}).
 */
final class TemplateIntrinsics {
  private TemplateIntrinsics() {}

  /** What an expression's free names mean where it is evaluated. */
  interface Context {
    /** A parameter's value as text, or null when unknown. */
    String parameter(String name);

    /** {@code AWS::StackName}, or null when unknown. */
    String stackName();
  }

  /**
   * One {@code ${...}} of a {@code Fn::Sub} text, from {@code start} to {@code end} (exclusive).
   */
  record Placeholder(String name, String attribute, boolean literal, int start, int end) {
    /** The name as written inside the braces, attribute included, spaces trimmed. */
    String fullName() {
      return attribute == null ? name : name + "." + attribute;
    }
  }

  /** A {@code Fn::Sub} argument: the text, and the variables of the list form (or none). */
  private record SubArgument(String text, Map<?, ?> variables) {
    /** {@code "text"} or {@code ["text", {variables}]}; null for any other shape. */
    static SubArgument of(Object arg) {
      if (arg instanceof String s) {
        return new SubArgument(s, Map.of());
      }
      if (arg instanceof List<?> l && l.size() == 2 && l.get(0) instanceof String s
          && l.get(1) instanceof Map<?, ?> vars) {
        return new SubArgument(s, vars);
      }
      return null;
    }
  }

  /**
   * The references in {@code value}, attributed to {@code source}, with paths starting at
   * {@code path}.
   *
   * @param inConditions true in the Conditions section, where {@code {"Condition": C}} refers to
   *     another condition (elsewhere a {@code Condition} key belongs to an IAM policy)
   */
  static List<TemplateEdge> walk(String source, Object value, String path, Template t,
      boolean inConditions) {
    Set<TemplateEdge> out = new LinkedHashSet<>();
    new Walker(source, t, inConditions, out).walk(value, path);
    return new ArrayList<>(out);
  }

  private record Walker(String source, Template t, boolean inConditions, Set<TemplateEdge> out) {
    void walk(Object value, String path) {
      if (value instanceof List<?> l) {
        for (int i = 0; i < l.size(); i++) {
          walk(l.get(i), path + "/" + i);
        }
        return;
      }
      if (!(value instanceof Map<?, ?> m)) {
        return;
      }
      if (m.size() == 1) {
        Map.Entry<?, ?> only = m.entrySet().iterator().next();
        String key = String.valueOf(only.getKey());
        Object arg = only.getValue();
        switch (key) {
          case "Ref" -> {
            if (arg instanceof String name) {
              ref(name, Kind.REF, null, path);
            } else {
              walk(arg, path + "/Ref");
            }
            return;
          }
          case "Fn::GetAtt" -> {
            if (arg instanceof List<?> l && l.size() == 2 && l.get(0) instanceof String name
                && t.resources().containsKey(name)) {
              Object attr = l.get(1);
              out.add(new TemplateEdge(source, name, TargetKind.RESOURCE, Kind.GET_ATT,
                  attr instanceof String a ? a : null, path));
              if (!(attr instanceof String)) {
                walk(attr, path + "/Fn::GetAtt/1");
              }
            } else {
              walk(arg, path + "/Fn::GetAtt");
            }
            return;
          }
          case "Fn::Sub" -> {
            sub(arg, path);
            return;
          }
          case "Fn::If" -> {
            if (arg instanceof List<?> l && !l.isEmpty() && l.get(0) instanceof String c) {
              out.add(new TemplateEdge(source, c, TargetKind.CONDITION, Kind.IF_CONDITION, null,
                  path));
              for (int i = 1; i < l.size(); i++) {
                walk(l.get(i), path + "/Fn::If/" + i);
              }
            } else {
              walk(arg, path + "/Fn::If");
            }
            return;
          }
          case "Fn::ImportValue" -> {
            String target = arg instanceof String s ? s : TemplateValues.json(arg);
            out.add(new TemplateEdge(source, target, TargetKind.EXPORT, Kind.IMPORT_VALUE, null,
                path));
            walk(arg, path + "/Fn::ImportValue");
            return;
          }
          case "Condition" -> {
            if (inConditions && arg instanceof String c) {
              out.add(new TemplateEdge(source, c, TargetKind.CONDITION, Kind.CONDITION, null,
                  path));
              return;
            }
          }
          default -> {
            // an ordinary mapping, or another function: walk its arguments below
          }
        }
      }
      for (Map.Entry<?, ?> e : m.entrySet()) {
        walk(e.getValue(), path + "/" + e.getKey());
      }
    }

    private void ref(String name, Kind kind, String attribute, String path) {
      if (t.resources().containsKey(name)) {
        out.add(new TemplateEdge(source, name, TargetKind.RESOURCE, kind, attribute, path));
      } else if (t.parameters().containsKey(name)) {
        out.add(new TemplateEdge(source, name, TargetKind.PARAMETER, kind, null, path));
      }
      // pseudo parameters (AWS::Region, ...) and undefined names are no dependency
    }

    private void sub(Object arg, String path) {
      SubArgument sub = SubArgument.of(arg);
      if (sub == null) {
        walk(arg, path + "/Fn::Sub");
        return;
      }
      Map<?, ?> variables = sub.variables();
      for (Placeholder p : placeholders(sub.text())) {
        if (p.literal() || variables.containsKey(p.name())) {
          continue;
        }
        if (p.attribute() != null) {
          if (t.resources().containsKey(p.name())) {
            out.add(new TemplateEdge(source, p.name(), TargetKind.RESOURCE, Kind.SUB_ATTR,
                p.attribute(), path));
          }
        } else {
          ref(p.name(), Kind.SUB, null, path);
        }
      }
      for (Map.Entry<?, ?> v : variables.entrySet()) {
        walk(v.getValue(), path + "/Fn::Sub[" + v.getKey() + "]");
      }
    }
  }

  /**
   * The placeholders of a {@code Fn::Sub} text: {@code ${Name}}, {@code ${Name.Attr}} (split at
   * the first dot) and the literal {@code ${!Text}}.
   */
  static List<Placeholder> placeholders(String text) {
    List<Placeholder> out = new ArrayList<>();
    int i = 0;
    while (true) {
      int start = text.indexOf("${", i);
      if (start < 0) {
        return out;
      }
      int end = text.indexOf('}', start + 2);
      if (end < 0) {
        return out;
      }
      String inside = text.substring(start + 2, end);
      if (inside.startsWith("!")) {
        out.add(new Placeholder(inside.substring(1), null, true, start, end + 1));
      } else {
        String name = inside.strip();
        int dot = name.indexOf('.');
        out.add(dot > 0
            ? new Placeholder(name.substring(0, dot), name.substring(dot + 1), false, start,
                end + 1)
            : new Placeholder(name, null, false, start, end + 1));
      }
      i = end + 1;
    }
  }

  /**
   * The value at a walk path under {@code root} (the form {@link #walk} writes, including
   * {@code Fn::Sub[Var]}), or null when there is none.
   */
  static Object at(Object root, String path) {
    Object current = root;
    for (String step : path.split("/")) {
      if (step.isEmpty()) {
        continue;
      }
      if (step.startsWith("Fn::Sub[") && step.endsWith("]") && current instanceof Map<?, ?> m
          && m.get("Fn::Sub") instanceof List<?> l && l.size() == 2
          && l.get(1) instanceof Map<?, ?> vars) {
        current = vars.get(step.substring("Fn::Sub[".length(), step.length() - 1));
      } else if (current instanceof Map<?, ?> m) {
        current = m.get(step);
      } else if (current instanceof List<?> l) {
        try {
          int index = Integer.parseInt(step);
          current = index >= 0 && index < l.size() ? l.get(index) : null;
        } catch (NumberFormatException e) {
          return null;
        }
      } else {
        return null;
      }
    }
    return current;
  }

  /**
   * The text an expression evaluates to, or null when it depends on something the template
   * alone does not say (a parameter without default, the region, a resource's physical ID).
   * Knows literal text, {@code Ref} to parameters and {@code AWS::StackName}, {@code Fn::Sub}
   * and {@code Fn::Join}: what export names are built from.
   */
  static String evaluate(Object expr, Context context) {
    if (expr instanceof String s) {
      return s;
    }
    if (expr instanceof Number || expr instanceof Boolean) {
      return TemplateValues.scalarText(expr);
    }
    if (!(expr instanceof Map<?, ?> m) || m.size() != 1) {
      return null;
    }
    Map.Entry<?, ?> only = m.entrySet().iterator().next();
    Object arg = only.getValue();
    switch (String.valueOf(only.getKey())) {
      case "Ref" -> {
        return arg instanceof String name ? name(name, context) : null;
      }
      case "Fn::Join" -> {
        if (!(arg instanceof List<?> l) || l.size() != 2 || !(l.get(0) instanceof String d)
            || !(l.get(1) instanceof List<?> parts)) {
          return null;
        }
        List<String> texts = new ArrayList<>();
        for (Object part : parts) {
          String p = evaluate(part, context);
          if (p == null) {
            return null;
          }
          texts.add(p);
        }
        return String.join(d, texts);
      }
      case "Fn::Sub" -> {
        SubArgument sub = SubArgument.of(arg);
        if (sub == null) {
          return null;
        }
        String text = sub.text();
        Map<?, ?> variables = sub.variables();
        StringBuilder sb = new StringBuilder();
        int i = 0;
        for (Placeholder p : placeholders(text)) {
          sb.append(text, i, p.start());
          if (p.literal()) {
            sb.append("${").append(p.name()).append('}');
          } else {
            String name = p.fullName();
            String value = variables.containsKey(name)
                ? evaluate(variables.get(name), context) : name(name, context);
            if (value == null) {
              return null;
            }
            sb.append(value);
          }
          i = p.end();
        }
        return sb.append(text, i, text.length()).toString();
      }
      default -> {
        return null;
      }
    }
  }

  private static String name(String name, Context context) {
    if (name.equals("AWS::StackName")) {
      return context.stackName();
    }
    if (name.startsWith("AWS::")) {
      return null;
    }
    return context.parameter(name);
  }
}
