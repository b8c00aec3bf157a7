package dev.plangate.core.cloudformation;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One entry of a template's {@code Resources} section.
 *
 * @param logicalId the key under {@code Resources}
 * @param type the {@code Type}, e.g. {@code AWS::S3::Bucket}
 * @param definition the whole entry in long form: {@code Type}, {@code Properties},
 *     {@code DependsOn}, {@code Condition}, {@code DeletionPolicy}, {@code Metadata}, ...
 * @param location where it is declared ({@code template.yaml:42}), or the file alone when the line
 *     is unknown
 */
public record TemplateResource(
    String logicalId, String type, Map<String, Object> definition, String location) {

  public TemplateResource {
    Objects.requireNonNull(logicalId, "logicalId");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(definition, "definition");
  }

  /** The {@code Properties} mapping, empty when there is none. */
  @SuppressWarnings("unchecked")
  public Map<String, Object> properties() {
    return definition.get("Properties") instanceof Map<?, ?> m ? (Map<String, Object>) m
        : Map.of();
  }

  /**
   * The {@code DeletionPolicy} as written when it is plain text, or null when absent. An
   * intrinsic (AWS::LanguageExtensions allows one) is returned as null as well: its value is
   * decided at deploy time, and null means the destructive default.
   */
  public String deletionPolicy() {
    return definition.get("DeletionPolicy") instanceof String s ? s : null;
  }

  /** The {@code UpdateReplacePolicy} as plain text, or null (see {@link #deletionPolicy()}). */
  public String updateReplacePolicy() {
    return definition.get("UpdateReplacePolicy") instanceof String s ? s : null;
  }

  /** The name of the condition that decides whether the resource exists, or null. */
  public String condition() {
    return definition.get("Condition") instanceof String s ? s : null;
  }

  /** {@code DependsOn}, a string or a list in the template, as a list. */
  public List<String> dependsOn() {
    Object d = definition.get("DependsOn");
    if (d instanceof String s) {
      return List.of(s);
    }
    if (d instanceof List<?> l) {
      return l.stream().filter(String.class::isInstance).map(String.class::cast).toList();
    }
    return List.of();
  }

  /** True for {@code AWS::CloudFormation::Stack}: a nested stack. */
  public boolean isNestedStack() {
    return type.equals(TemplateReader.NESTED_STACK_TYPE);
  }
}
