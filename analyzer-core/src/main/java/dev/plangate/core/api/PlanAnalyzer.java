package dev.plangate.core.api;

import dev.plangate.core.catalog.ResourceCatalog;
import dev.plangate.core.model.Plan;
import dev.plangate.core.pipeline.Pipeline;
import dev.plangate.core.plan.PlanReadException;
import dev.plangate.core.report.Report;
import dev.plangate.core.source.TerraformSource;
import java.nio.file.Path;
import java.util.List;

/**
 * The former entry point, kept for one release: every method delegates to {@link Pipeline}.
 *
 * @deprecated use {@link Pipeline#check(CheckRequest)}
 */
@Deprecated
public final class PlanAnalyzer {
  private final Pipeline pipeline;

  public PlanAnalyzer() {
    this(ResourceCatalog.builtin());
  }

  PlanAnalyzer(ResourceCatalog catalog) {
    this.pipeline = new Pipeline(catalog);
  }

  /** Analyses every plan with the default policy and no commit range. */
  public Report analyze(List<Path> plans) {
    return check(CheckRequest.plansOnly(plans));
  }

  /** See {@link Pipeline#check(CheckRequest)}. */
  public Report check(CheckRequest request) {
    return pipeline.check(request);
  }

  /** Reads one Terraform plan file, converting a binary plan first. */
  public Plan read(Path file, String name) throws PlanReadException {
    return pipeline.sources().get(TerraformSource.class).read(file, name);
  }
}
