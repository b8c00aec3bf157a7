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
    if (beforeOfChangeSet(options.extras(), options.given().contains(format()))
        && templates == 0) {
      problems.add(options.words().templateBefore() + " with a change set is the template"
          + " before the change; give the one the change set was created from as well ("
          + options.words().template() + ")");
    }
    return List.of();
  }

  /**
   * Whether the template before the change is given for a change set: then it is not one side of
   * a template diff ({@code templateAfter} is not given), but where the dependents of what the
   * change set removes are found.
   */
  static boolean beforeOfChangeSet(dev.plangate.core.api.PlanExtras extras,
      boolean changeSetGiven) {
    return changeSetGiven && extras.templateBefore() != null && extras.templateAfter() == null;
  }

  @Override
  public Plan read(SourceInput input) throws PlanReadException {
    Plan plan = reader.read(input.files(), input.name());
    List<java.nio.file.Path> templates = input.extras().templates();
    if (templates.isEmpty()) {
      return plan;
    }
    TemplateGraph after = TemplateGraph.of(TemplateReader.read(templates.get(0)));
    java.nio.file.Path before = beforeOfChangeSet(input.extras(), true)
        ? input.extras().templateBefore() : null;
    return ChangeSetGraph.withTemplates(plan, after,
        before == null ? null : TemplateGraph.of(TemplateReader.read(before)),
        before == null ? null : before.toString());
  }
}
