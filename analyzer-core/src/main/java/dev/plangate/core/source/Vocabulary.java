package dev.plangate.core.source;

/**
 * How a front end spells the options a source's problem names, so that a Maven user reads
 * {@code cdkOutBase} where a command-line user reads {@code --cdk-out-base}.
 *
 * @param plan the plan files
 * @param template a CloudFormation template (beside a change set, or diffed against the base)
 * @param templateBefore the old template of an offline diff
 * @param templateAfter the new template of an offline diff
 * @param cdkOut the cdk.out directory
 * @param cdkOutBase the base's cdk.out directory
 * @param base the base revision
 */
public record Vocabulary(String plan, String template, String templateBefore,
    String templateAfter, String cdkOut, String cdkOutBase, String base) {
  /** The command line's flags. */
  public static final Vocabulary CLI = new Vocabulary("--plan", "--template", "--template-before",
      "--template-after", "--cdk-out", "--cdk-out-base", "--base");
}
