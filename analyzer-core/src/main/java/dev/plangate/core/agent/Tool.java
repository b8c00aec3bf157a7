package dev.plangate.core.agent;

/** The infrastructure tool an {@link InfraCommand} runs. */
public enum Tool {
  TERRAFORM,
  TOFU,
  TERRAGRUNT,
  /** {@code aws cloudformation ...}. */
  CLOUDFORMATION,
  CDK,
  PULUMI,
  /**
   * The binary could not be determined: only with {@link Action#UNPARSEABLE}, when the line
   * names no tool word we could attribute it to (e.g. {@code $TF apply}).
   */
  UNKNOWN
}
