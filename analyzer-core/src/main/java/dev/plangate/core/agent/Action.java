package dev.plangate.core.agent;

/** What an {@link InfraCommand} does to infrastructure or its state. */
public enum Action {
  /** {@code terraform|tofu|terragrunt apply} (not {@code apply -destroy}: that is DESTROY). */
  APPLY,
  /** {@code destroy}, {@code apply -destroy}, {@code cdk destroy}, {@code pulumi destroy|down}. */
  DESTROY,
  /**
   * State forgotten while the resources live on: {@code state rm}, {@code workspace delete},
   * {@code terragrunt backend delete}, {@code pulumi state delete}, {@code pulumi stack rm}.
   */
  STATE_RM,
  /**
   * {@code aws cloudformation deploy|update-stack|update-stack-set|update-stack-instances},
   * {@code cdk deploy|watch|bootstrap}, {@code pulumi up|update|watch}.
   */
  DEPLOY,
  /**
   * The state changes without a plan: {@code terraform state mv|push|replace-provider}, {@code
   * taint}, {@code untaint}, {@code import}, {@code force-unlock}, {@code refresh}, {@code init
   * -migrate-state|-force-copy}.
   */
  STATE_CHANGE,
  /**
   * A command from the table of destructive commands ({@link DestructiveCommands}): state files
   * removed, {@code aws ... delete-*}, {@code kubectl delete namespace}, an MCP tool that deletes.
   */
  DELETE,
  /** {@code aws cloudformation execute-change-set}. */
  EXECUTE_CHANGE_SET,
  /** {@code aws cloudformation delete-stack|delete-stack-set|delete-stack-instances}. */
  DELETE_STACK,
  /**
   * Fail closed: the line (or a part of it) may run an infrastructure tool but cannot be read
   * precisely enough to say which or how: unbalanced quotes, nesting beyond the limits, a line
   * over 64 KiB, a variable in command position followed by an action word, a tool whose
   * subcommand is a variable. The hook should ask a human.
   */
  UNPARSEABLE
}
