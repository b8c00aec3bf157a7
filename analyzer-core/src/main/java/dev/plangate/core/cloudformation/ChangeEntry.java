package dev.plangate.core.cloudformation;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * One {@code ResourceChange} of a change set as written, before plangate classifies it. Every
 * field but the logical ID, type and action is optional: the API grew them over the years.
 *
 * @param path where it sits in its document ({@code Changes[3].ResourceChange}), for messages
 * @param logicalId {@code LogicalResourceId}
 * @param resourceType {@code ResourceType}
 * @param action {@code Action} exactly as written
 * @param replacement {@code Replacement}: {@code True}, {@code False}, {@code Conditional}; or null
 * @param policyAction {@code PolicyAction}, or null (absent before April 2024)
 * @param nestedChangeSetId {@code ChangeSetId} of the nested change set, on nested stack rows only
 * @param details {@code Details}
 * @param beforeContext {@code BeforeContext} as an object (parsed when it came as a string), or
 *     null when absent
 * @param raw the whole JSON object, to recognise the same change given twice
 */
record ChangeEntry(
    String path,
    String logicalId,
    String resourceType,
    String action,
    String replacement,
    String policyAction,
    String nestedChangeSetId,
    List<Detail> details,
    JsonNode beforeContext,
    JsonNode raw) {

  ChangeEntry {
    details = List.copyOf(details);
  }

  /**
   * One {@code ResourceChangeDetail}: what changed ({@code Target}), whether that forces a new
   * resource, and what caused it.
   *
   * @param attribute {@code Target.Attribute}: Properties, Metadata, Tags, DeletionPolicy, ...
   * @param name {@code Target.Name}: the top-level property name, when Attribute is Properties
   * @param requiresRecreation {@code Never}, {@code Conditionally} or {@code Always}, or null
   * @param evaluation {@code Static} or {@code Dynamic} (known only at deploy time), or null
   * @param changeSource ResourceReference, ParameterReference, ResourceAttribute,
   *     DirectModification, Automatic or NoModification, or null
   * @param causingEntity the parameter, resource or {@code Resource.Attribute} that caused it
   */
  record Detail(String attribute, String name, String requiresRecreation, String evaluation,
      String changeSource, String causingEntity) {

    /** How the target is named in explanations: {@code Properties.TableName}, or {@code Tags}. */
    String target() {
      if (attribute == null) {
        return name == null ? "an unnamed attribute" : "Properties." + name;
      }
      return name == null ? attribute : attribute + "." + name;
    }
  }
}
