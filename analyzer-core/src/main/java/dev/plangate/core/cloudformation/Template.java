package dev.plangate.core.cloudformation;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A CloudFormation template, read and checked: intrinsic functions are in long form whatever the
 * file used, {@code Fn::GetAtt: "A.B"} is {@code ["A", "B"]}, and {@code Fn::ForEach} loops with
 * a literal collection are expanded. Nested stacks whose {@code TemplateURL} is a local file are
 * read too, so that a change inside a child is seen.
 *
 * @param name the file as given, used in messages and resource locations
 * @param formatVersion {@code AWSTemplateFormatVersion} as written, or null
 * @param transforms the macro names in {@code Transform}, in order
 * @param parameters the {@code Parameters} section
 * @param conditions the {@code Conditions} section
 * @param resources the resources by logical ID, in template order
 * @param outputs the {@code Outputs} section
 * @param nestedStacks the child template of each {@code AWS::CloudFormation::Stack} resource
 *     whose template is a local file, by the stack's logical ID
 * @param warnings what plangate could not see, one sentence each
 */
public record Template(
    String name,
    String formatVersion,
    List<String> transforms,
    Map<String, Object> parameters,
    Map<String, Object> conditions,
    Map<String, TemplateResource> resources,
    Map<String, Object> outputs,
    Map<String, Template> nestedStacks,
    List<String> warnings) {

  public Template {
    Objects.requireNonNull(name, "name");
    transforms = List.copyOf(transforms);
    parameters = TemplateValues.frozenCopy(parameters);
    conditions = TemplateValues.frozenCopy(conditions);
    resources = TemplateValues.frozenCopy(resources);
    outputs = TemplateValues.frozenCopy(outputs);
    nestedStacks = TemplateValues.frozenCopy(nestedStacks);
    warnings = List.copyOf(warnings);
  }

  /** A template with no resources: the "before" of a stack that did not exist yet. */
  public static Template empty(String name) {
    return new Template(name, null, List.of(), Map.of(), Map.of(), Map.of(), Map.of(), Map.of(),
        List.of());
  }

  /**
   * The default value of a parameter as text ({@code "a,b"} for a list default), or null when
   * the parameter is missing or has no default.
   */
  public String parameterDefault(String parameter) {
    if (parameters.get(parameter) instanceof Map<?, ?> p) {
      Object d = p.get("Default");
      if (d instanceof List<?> list) {
        return String.join(",", list.stream().map(String::valueOf).toList());
      }
      return d == null || d instanceof Map ? null : TemplateValues.scalarText(d);
    }
    return null;
  }
}
