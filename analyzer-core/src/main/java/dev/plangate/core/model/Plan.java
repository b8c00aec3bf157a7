package dev.plangate.core.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A plan read from one file: every resource instance it knows of, and who depends on whom.
 *
 * @param source the file it was read from, as given by the user
 * @param format the tool that wrote it
 * @param formatVersion the document's own format version, or null when absent
 * @param toolVersion the version of the tool that wrote it, or null when absent
 * @param changes every instance: the listed changes first, then instances known only from prior
 *     state; indices into this list are the node ids of {@code dependencies}
 * @param dependencies edges between instances
 * @param driftCount changes made outside the tool (never planned actions)
 * @param deferred changes the tool postponed to a later plan
 * @param errored true when planning failed: the plan is incomplete
 * @param complete false when the tool says more changes will follow in a later plan
 * @param warnings things the user should know about this plan, one sentence each
 * @param moduleSources each module call's configuration address ({@code module.a.module.b}) to
 *     its {@code source} as written; tells which directories declare a module's resources
 */
public record Plan(
    String source,
    PlanFormat format,
    String formatVersion,
    String toolVersion,
    List<ResourceChange> changes,
    Dependencies dependencies,
    int driftCount,
    List<ResourceChange> deferred,
    boolean errored,
    boolean complete,
    List<String> warnings,
    Map<String, String> moduleSources) {

  public Plan {
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(format, "format");
    changes = List.copyOf(changes);
    Objects.requireNonNull(dependencies, "dependencies");
    deferred = List.copyOf(deferred);
    warnings = List.copyOf(warnings);
    moduleSources = Map.copyOf(moduleSources);
  }

  /** This plan with {@code warning} added after its other warnings. */
  public Plan withWarning(String warning) {
    List<String> all = new ArrayList<>(warnings);
    all.add(warning);
    return withWarnings(all);
  }

  /** This plan with {@code warnings} instead of its own. */
  public Plan withWarnings(List<String> warnings) {
    return new Plan(source, format, formatVersion, toolVersion, changes, dependencies, driftCount,
        deferred, errored, complete, warnings, moduleSources);
  }

  /**
   * This plan with other instances and the edges between them; the two go together, as the
   * edges' node ids are indices into {@code changes}.
   */
  public Plan withChanges(List<ResourceChange> changes, Dependencies dependencies) {
    return new Plan(source, format, formatVersion, toolVersion, changes, dependencies, driftCount,
        deferred, errored, complete, warnings, moduleSources);
  }

  /** Instances listed in the plan's change list (excludes instances known only from state). */
  public List<ResourceChange> listedChanges() {
    return changes.stream().filter(ResourceChange::listed).toList();
  }
}
