package dev.plangate.core.cloudformation;

import java.util.Locale;
import java.util.Objects;

/**
 * One reference inside a single template, as written: who refers ({@code source}: a resource's
 * logical ID, {@code Outputs.X} or {@code Conditions.X}), to what, how, and where in the source's
 * definition.
 *
 * @param source the referring resource, {@code Outputs.<id>} or {@code Conditions.<id>}
 * @param target the name referred to; for an import, the export name as written ({@code "x"},
 *     or the expression as compact JSON)
 * @param targetKind what the target is
 * @param kind how it is referred to
 * @param attribute the attribute of {@code Fn::GetAtt} and {@code ${X.Attr}}, or null
 * @param path where in the source's definition, {@code /}-separated
 *     ({@code Properties/SubnetIds/0}); a {@code Fn::Sub} variable's value is
 *     {@code .../Fn::Sub[Var]}
 */
public record TemplateEdge(
    String source, String target, TargetKind targetKind, Kind kind, String attribute,
    String path) {

  public TemplateEdge {
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(target, "target");
    Objects.requireNonNull(targetKind, "targetKind");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(path, "path");
  }

  /** What a reference points at. */
  public enum TargetKind {
    RESOURCE, PARAMETER, CONDITION, EXPORT;

    /** The name used in EXPECTED-edges.tsv and in messages: {@code resource}. */
    public String label() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /** How a reference is written. */
  public enum Kind {
    /** {@code Ref}. */
    REF(true),
    /** {@code Fn::GetAtt}. */
    GET_ATT(true),
    /** {@code ${X}} inside {@code Fn::Sub}. */
    SUB(true),
    /** {@code ${X.Attr}} inside {@code Fn::Sub}. */
    SUB_ATTR(true),
    /** {@code DependsOn}: ordering only, no value flows. */
    DEPENDS_ON(false),
    /** A resource's or output's {@code Condition}, or {@code Condition} inside Conditions. */
    CONDITION(false),
    /** The condition name of {@code Fn::If}. */
    IF_CONDITION(false),
    /** {@code Fn::ImportValue}: a value exported by another stack. */
    IMPORT_VALUE(true),
    /**
     * A resource inside a nested stack depends on the stack resource that holds it: deleting
     * the stack deletes it. Only in {@link TemplateGraph#dependencies()}.
     */
    NESTED_STACK(false),
    /**
     * A parent's resource reads a nested stack's output ({@code !GetAtt Stack.Outputs.X}), and so
     * depends on the child resources that output refers to. Only in
     * {@link TemplateGraph#dependencies()}.
     */
    STACK_OUTPUT(true),
    /**
     * A nested stack's resource reads one of the child's parameters, and so depends on what the
     * parent passes in it. Only in {@link TemplateGraph#dependencies()}.
     */
    STACK_PARAMETER(true);

    private final boolean carriesValue;

    Kind(boolean carriesValue) {
      this.carriesValue = carriesValue;
    }

    /** The name used in EXPECTED-edges.tsv and in messages: the constant in camel case. */
    public String label() {
      StringBuilder label = new StringBuilder();
      for (String word : name().split("_")) {
        label.append(word.charAt(0)).append(word.substring(1).toLowerCase(Locale.ROOT));
      }
      return label.toString();
    }

    /** True when the referrer receives a value: a change of the target can change it. */
    public boolean carriesValue() {
      return carriesValue;
    }
  }

  /**
   * The top-level property the reference sits in ({@code SubnetId} for
   * {@code Properties/SubnetId/0}), or null when it is not in {@code Properties}.
   */
  public String property() {
    return propertyOf(path);
  }

  /** The top-level property of a path in a resource definition, or null (see above). */
  static String propertyOf(String path) {
    if (!path.startsWith("Properties/")) {
      return null;
    }
    String rest = path.substring("Properties/".length());
    int slash = rest.indexOf('/');
    return slash < 0 ? rest : rest.substring(0, slash);
  }
}
