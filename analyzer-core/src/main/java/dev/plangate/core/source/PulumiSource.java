package dev.plangate.core.source;

import dev.plangate.core.catalog.ResourceCatalog;
import dev.plangate.core.model.Plan;
import dev.plangate.core.model.PlanFormat;
import dev.plangate.core.plan.PlanReadException;
import dev.plangate.core.pulumi.PulumiPreviewReader;

/**
 * {@code pulumi preview --json} output or an engine event stream, with the stack export beside it
 * (when given) for dependencies.
 */
public final class PulumiSource implements PlanSource {
  private final PulumiPreviewReader reader;

  public PulumiSource(ResourceCatalog catalog) {
    this.reader = new PulumiPreviewReader(catalog);
  }

  @Override
  public PlanFormat format() {
    return PlanFormat.PULUMI;
  }

  @Override
  public boolean accepts(Probe probe) {
    return !probe.binaryPlan() && PulumiPreviewReader.looksLike(probe.head());
  }

  @Override
  public Plan read(SourceInput input) throws PlanReadException {
    return reader.read(input.file(), input.extras().stackExport(), input.name());
  }
}
