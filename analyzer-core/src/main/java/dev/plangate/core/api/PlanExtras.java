package dev.plangate.core.api;

import java.nio.file.Path;
import java.util.List;

/**
 * Inputs beside the plan files that some formats need or can use. Every path may be null.
 *
 * @param stackExport {@code pulumi stack export} output: dependencies for a Pulumi preview
 * @param templates CloudFormation templates: next to a change set, the one template that gives it
 *     its dependency graph; otherwise, with a base revision, each is the new side of an offline
 *     diff against its version in that revision
 * @param templateBefore the old template of an offline diff
 * @param templateAfter the new template of an offline diff
 * @param cdkOut an AWS CDK {@code cdk.out} directory (the new side)
 * @param cdkOutBase the {@code cdk.out} directory of the base version
 */
public record PlanExtras(
    Path stackExport, List<Path> templates, Path templateBefore, Path templateAfter, Path cdkOut,
    Path cdkOutBase) {
  public PlanExtras {
    templates = templates == null ? List.of() : List.copyOf(templates);
  }

  public static PlanExtras none() {
    return new PlanExtras(null, List.of(), null, null, null, null);
  }
}
