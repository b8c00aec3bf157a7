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
   * Any other command the table of destructive commands names ({@code aws s3 rb}, {@code
   * kubectl delete namespace}, {@code rm terraform.tfstate}, an MCP tool): only with {@link
   * Action#DELETE}.
   */
  OTHER,
  /**
   * The binary could not be determined: only with {@link Action#UNPARSEABLE}, when the line
   * names no tool word we could attribute it to (e.g. {@code $TF apply}).
   */
  UNKNOWN
}
