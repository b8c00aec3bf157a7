package dev.plangate.core.source;

import dev.plangate.core.api.PlanExtras;
import dev.plangate.core.cloudformation.TemplateDiff;
import dev.plangate.core.cloudformation.TemplateLoader;
import dev.plangate.core.git.GitException;
import dev.plangate.core.model.Plan;
import dev.plangate.core.model.PlanFormat;
import dev.plangate.core.plan.PlanReadException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Offline CloudFormation diffs, asked for by options rather than by plan files: two templates, a
 * template against its version at the base revision, or two cdk.out directories (or one against
 * the assembly committed at the base revision). A template next to a change set is not a diff: it
 * gives the change set its graph ({@link ChangeSetSource}).
 */
public final class TemplateDiffSource implements PlanSource {
  @Override
  public PlanFormat format() {
    return PlanFormat.CLOUDFORMATION_TEMPLATE;
  }

  @Override
  public List<SourceInput> fromOptions(SourceOptions o, List<String> problems) {
    PlanExtras x = o.extras();
    Vocabulary v = o.words();
    List<SourceInput> out = new ArrayList<>();
    boolean changeSet = o.given().contains(PlanFormat.CLOUDFORMATION_CHANGE_SET);
    if ((x.templateBefore() != null || x.templateAfter() != null)
        && !ChangeSetSource.beforeOfChangeSet(x, changeSet)) {
      if (x.templateBefore() == null || x.templateAfter() == null) {
        problems.add(v.templateBefore() + " and " + v.templateAfter() + " go together");
      } else {
        out.add(o.input(x.templateAfter().toString(), x.templateAfter()));
      }
    }
    if (!x.templates().isEmpty() && !o.given().contains(PlanFormat.CLOUDFORMATION_CHANGE_SET)) {
      if (!o.hasBase()) {
        problems.add(v.template() + " needs a change set to give its graph to (" + v.plan()
            + ") or a base revision to diff against (" + v.base() + ")" + noRepository(o));
      } else {
        x.templates().forEach(t -> out.add(o.input(t.toString(), t)));
      }
    }
    if (x.cdkOut() == null && x.cdkOutBase() != null) {
      problems.add(v.cdkOutBase() + " needs " + v.cdkOut() + ", the assembly to diff against it");
    } else if (x.cdkOut() != null && x.cdkOutBase() == null && !o.hasBase()) {
      problems.add(v.cdkOut() + " needs a base to diff against: " + v.cdkOutBase() + " (the"
          + " base's synthesized cdk.out), or a base revision (" + v.base() + ") whose commit"
          + " holds it" + noRepository(o));
    } else if (x.cdkOut() != null) {
      out.add(o.input(x.cdkOut().toString(), x.cdkOut()));
    }
    return out;
  }

  private static String noRepository(SourceOptions o) {
    return o.repository() == null ? " (no git repository is known)" : "";
  }

  @Override
  public Plan read(SourceInput in) throws PlanReadException {
    PlanExtras x = in.extras();
    Path file = in.file();
    try {
      TemplateLoader.Versions versions;
      if (file.equals(x.cdkOut())) {
        versions = x.cdkOutBase() != null ? TemplateLoader.cdkOut(file, x.cdkOutBase())
            : TemplateLoader.cdkOutFromGit(in.git(), in.base(), file, in.name());
      } else if (file.equals(x.templateAfter()) && x.templateBefore() != null) {
        versions = TemplateLoader.files(x.templateBefore(), file);
      } else {
        versions = TemplateLoader.fromGit(in.git(), in.base(), file);
      }
      return TemplateDiff.diff(versions, in.name());
    } catch (GitException e) {
      throw new PlanReadException(in.name(), e.getMessage());
    }
  }
}
