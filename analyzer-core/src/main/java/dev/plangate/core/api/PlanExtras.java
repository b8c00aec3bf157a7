package dev.plangate.core.api;

import java.nio.file.Path;

/**
 * Inputs beside the plan files that some formats need or can use. Every field may be null.
 *
 * @param stackExport {@code pulumi stack export} output: dependencies for a Pulumi preview
 * @param template a CloudFormation template: the dependency graph for a change set, or, with a
 *     base revision, the new side of an offline template diff
 * @param templateBefore the old template of an offline diff
 * @param templateAfter the new template of an offline diff
 * @param cdkOut an AWS CDK {@code cdk.out} directory (the new side)
 * @param cdkOutBase the {@code cdk.out} directory of the base version
 */
public record PlanExtras(
    Path stackExport, Path template, Path templateBefore, Path templateAfter, Path cdkOut,
    Path cdkOutBase) {
  public static PlanExtras none() {
    return new PlanExtras(null, null, null, null, null, null);
  }
}
