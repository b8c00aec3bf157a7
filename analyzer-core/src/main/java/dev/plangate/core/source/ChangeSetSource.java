package dev.plangate.core.source;

import dev.plangate.core.catalog.ResourceCatalog;
import dev.plangate.core.cloudformation.ChangeSetGraph;
import dev.plangate.core.cloudformation.ChangeSetReader;
import dev.plangate.core.cloudformation.TemplateGraph;
import dev.plangate.core.cloudformation.TemplateReader;
import dev.plangate.core.model.Plan;
import dev.plangate.core.model.PlanFormat;
import dev.plangate.core.plan.PlanReadException;
import java.util.List;

/**
 * {@code aws cloudformation describe-change-set} documents. Every page and nested stack of one run
 * is one change set; the one template given beside it (the one it was created from) gives it its
 * dependency graph.
 */
public final class ChangeSetSource implements PlanSource {
  private final ChangeSetReader reader;

  public ChangeSetSource(ResourceCatalog catalog) {
    this.reader = new ChangeSetReader(catalog);
  }

  @Override
  public String id() {
    return "cloudformation-change-set";
  }

  @Override
  public PlanFormat format() {
    return PlanFormat.CLOUDFORMATION_CHANGE_SET;
  }

  @Override
  public boolean accepts(Probe probe) {
    return !probe.binaryPlan() && ChangeSetReader.looksLike(probe.head());
  }

  @Override
  public boolean groupsFiles() {
    return true;
  }

  @Override
  public List<SourceInput> fromOptions(SourceOptions options, List<String> problems) {
    int templates = options.extras().templates().size();
    if (options.given().contains(format()) && templates > 1) {
      problems.add("a change set takes one " + options.words().template() + ", the one it was"
          + " created from; " + templates + " were given");
    }
    return List.of();
  }

  @Override
  public Plan read(SourceInput input) throws PlanReadException {
    Plan plan = reader.read(input.files(), input.name());
    List<java.nio.file.Path> templates = input.extras().templates();
    return templates.isEmpty() ? plan
        : ChangeSetGraph.withTemplate(plan, TemplateGraph.of(TemplateReader.read(templates.get(0))));
  }
}
