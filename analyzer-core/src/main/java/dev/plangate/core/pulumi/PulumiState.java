package dev.plangate.core.pulumi;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * What plangate keeps of one resource state: a {@code ResourceV3} (the {@code oldState} and
 * {@code newState} of a preview step, a resource of {@code pulumi stack export}) or the smaller
 * {@code StepEventStateMetadata} of an engine event, which has no dependencies.
 *
 * @param urn the resource URN, or null when absent
 * @param type the type token, or null when absent
 * @param id the provider's id of the cloud object, or null
 * @param custom true for a provider-managed resource, false for a component
 * @param external true for a resource that was only read ({@code .get()}), not managed
 * @param protect true when Pulumi refuses to delete the resource
 * @param retainOnDelete true when a delete leaves the cloud object in place
 * @param pendingDelete the state's {@code delete} flag: the object awaits deletion (the old half
 *     of a create-before-delete replacement, or a leftover of a failed one)
 * @param pendingReplacement true when the object was already deleted by a delete-before-replace
 * @param deleteBeforeReplace true when the state says the replacement deletes first
 * @param parent the parent URN, or null
 * @param provider the provider URN (its {@code ::id} suffix removed), or null
 * @param dependencies every URN this resource depends on: {@code dependencies} and all values of
 *     {@code propertyDependencies}
 * @param deletedWith the URN whose deletion also deletes this one, or null
 * @param replaceWith URNs whose replacement also replaces this one
 * @param importId the id being imported, or null
 * @param sourcePosition where the program registered it, e.g. {@code project:///index.ts#7,20}
 * @param attributes the properties the resource catalogue asks for, in Terraform's shape
 */
record PulumiState(
    String urn,
    String type,
    String id,
    boolean custom,
    boolean external,
    boolean protect,
    boolean retainOnDelete,
    boolean pendingDelete,
    boolean pendingReplacement,
    boolean deleteBeforeReplace,
    String parent,
    String provider,
    List<String> dependencies,
    String deletedWith,
    List<String> replaceWith,
    String importId,
    String sourcePosition,
    Map<String, Object> attributes) {

  PulumiState {
    dependencies = List.copyOf(dependencies);
    replaceWith = List.copyOf(replaceWith);
  }

  /**
   * Every URN this state says the resource depends on, for the blast radius: data and explicit
   * dependencies, the parent (deleting a component deletes its children), the provider
   * (replacing a provider replaces what it manages), {@code deletedWith} and {@code replaceWith}.
   */
  List<String> edgesTo() {
    LinkedHashSet<String> all = new LinkedHashSet<>(dependencies);
    // Absent ones are null, never empty: the reader maps "" to null.
    Stream.of(parent, provider, deletedWith).filter(Objects::nonNull).forEach(all::add);
    all.addAll(replaceWith);
    return List.copyOf(all);
  }
}
