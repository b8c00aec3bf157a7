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
 * @param dependenciesKnown false when the file cannot say what depends on what (a change set
 *     without its template, a Pulumi preview without a stack export, a Terraform plan without its
 *     {@code configuration}): an empty downstream then means "unknown", never "nothing"
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
    Map<String, String> moduleSources,
    boolean dependenciesKnown) {

  public Plan {
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(format, "format");
    changes = List.copyOf(changes);
    Objects.requireNonNull(dependencies, "dependencies");
    deferred = List.copyOf(deferred);
    warnings = List.copyOf(warnings);
    moduleSources = Map.copyOf(moduleSources);
  }

  /** A plan whose dependencies are known. */
  public Plan(String source, PlanFormat format, String formatVersion, String toolVersion,
      List<ResourceChange> changes, Dependencies dependencies, int driftCount,
      List<ResourceChange> deferred, boolean errored, boolean complete, List<String> warnings,
      Map<String, String> moduleSources) {
    this(source, format, formatVersion, toolVersion, changes, dependencies, driftCount, deferred,
        errored, complete, warnings, moduleSources, true);
  }

  /**
   * This plan marked as not knowing its dependencies, with one warning naming what would tell
   * them — only when it has a delete, replace or forget, the only changes whose dependents are
   * reported.
   */
  public Plan withDependenciesUnknown() {
    List<String> all = new ArrayList<>(warnings);
    String warning = dependenciesUnknownWarning(format);
    if (!all.contains(warning)
        && changes.stream().anyMatch(c -> c.listed() && c.kind().isFinding())) {
      all.add(warning);
    }
    return withWarnings(all).withDependenciesKnown(false);
  }

  /**
   * Only the flag, warnings untouched: for a reader that says in its own warning why (and for
   * which resources) dependencies are unknown.
   */
  public Plan withDependenciesKnown(boolean known) {
    return new Plan(source, format, formatVersion, toolVersion, changes, dependencies, driftCount,
        deferred, errored, complete, warnings, moduleSources, known);
  }

  /** This plan marked as knowing its dependencies, without the warning that they are unknown. */
  public Plan withDependenciesKnown() {
    String warning = dependenciesUnknownWarning(format);
    return withWarnings(warnings.stream().filter(w -> !w.equals(warning)).toList())
        .withDependenciesKnown(true);
  }

  /** The plan warning for a file of {@code format} that does not say what depends on what. */
  public static String dependenciesUnknownWarning(PlanFormat format) {
    return switch (format) {
      case CLOUDFORMATION_CHANGE_SET -> "Dependencies unknown: a change set names only the direct"
          + " dependents it also changes, so no finding can say what else depends on it; pass the"
          + " template the change set was created from (--template).";
      case PULUMI -> "Dependencies unknown: a Pulumi preview or event stream does not say what"
          + " depends on what, so no finding can say what depends on it; pass `pulumi stack"
          + " export` of the same stack (--stack-export).";
      case TERRAFORM -> "Dependencies unknown: the plan has no configuration block, so no"
          + " finding can say what depends on it; pass the full output of `terraform show -json"
          + " PLANFILE`.";
      default -> "Dependencies unknown: this plan does not say what depends on what.";
    };
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
        deferred, errored, complete, warnings, moduleSources, dependenciesKnown);
  }

  /**
   * This plan with other instances and the edges between them; the two go together, as the
   * edges' node ids are indices into {@code changes}.
   */
  public Plan withChanges(List<ResourceChange> changes, Dependencies dependencies) {
    return new Plan(source, format, formatVersion, toolVersion, changes, dependencies, driftCount,
        deferred, errored, complete, warnings, moduleSources, dependenciesKnown);
  }

  /** Instances listed in the plan's change list (excludes instances known only from state). */
  public List<ResourceChange> listedChanges() {
    return changes.stream().filter(ResourceChange::listed).toList();
  }
}
