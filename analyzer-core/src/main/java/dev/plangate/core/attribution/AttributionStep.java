package dev.plangate.core.attribution;

import dev.plangate.core.git.GitException;
import dev.plangate.core.impact.Finding;
import dev.plangate.core.model.Plan;
import dev.plangate.core.model.PlanFormat;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The pipeline step that names, for each finding of one plan, the commits of the range that caused
 * it. One implementation per plan format, chosen by {@link #forFormat}; a format without one keeps
 * its findings unattributed.
 */
public interface AttributionStep {
  /** Keeps every finding as it is. */
  AttributionStep NONE = (commits, plan, planFile, findings) -> findings;

  /**
   * The findings, each with its attributions (an empty list when no commit of the range changed
   * what declares it), in the same order.
   *
   * @param planFile the plan file (or directory) as given, to find what declares the plan
   * @throws GitException when git cannot produce the diffs
   * @throws IllegalArgumentException when a module directory given leaves the repository
   */
  List<Finding> attribute(Commits commits, Plan plan, Path planFile, List<Finding> findings)
      throws GitException;

  /** The step for plans of {@code format}. */
  static AttributionStep forFormat(PlanFormat format) {
    return Registry.STEPS.getOrDefault(format, NONE);
  }

  /** The one table of formats with an attribution. */
  final class Registry {
    private static final Map<PlanFormat, AttributionStep> STEPS = new EnumMap<>(Map.of(
        PlanFormat.TERRAFORM, new TerraformAttribution(),
        PlanFormat.CLOUDFORMATION_TEMPLATE, new TemplateAttribution()));

    private Registry() {}
  }
}
