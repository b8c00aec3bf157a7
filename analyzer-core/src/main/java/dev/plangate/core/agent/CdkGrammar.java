package dev.plangate.core.agent;

import static dev.plangate.core.agent.ShellWords.hasFlag;
import static dev.plangate.core.agent.ShellWords.hasOption;
import static dev.plangate.core.agent.ShellWords.optionValue;

import dev.plangate.core.agent.ShellTokens.Word;
import java.util.List;
import java.util.Set;

/**
 * cdk: {@code deploy} (unless {@code --method=prepare-change-set}, {@code --no-execute} or {@code
 * --execute=false}), {@code watch} and {@code bootstrap} (they deploy), {@code destroy}.
 */
final class CdkGrammar implements ToolGrammar {
  static final CdkGrammar INSTANCE = new CdkGrammar();

  private static final Set<String> VALUE_OPTS = Set.of("-a", "--app", "-c", "--context",
      "-p", "--plugin", "--profile", "--proxy", "--ca-bundle-path", "-o", "--output", "-r",
      "--role-arn", "--toolkit-stack-name", "--unstable", "--telemetry-file",
      "--require-approval", "--method", "-m", "--change-set-name", "--outputs-file", "-O",
      "--parameters", "-t", "--tags", "--concurrency", "--progress", "--build-exclude", "-E",
      "--notification-arns");

  private CdkGrammar() {}

  @Override
  public void read(Tool tool, List<Word> a, Subcommands out) {
    int j = out.subcommandAt(Tool.CDK, a, VALUE_OPTS, null);
    if (j < 0) {
      return;
    }
    Word cmd = a.get(j);
    switch (cmd.value()) {
      case "deploy" -> {
        String method = optionValue(a, j + 1, "-m", "--method");
        if ("prepare-change-set".equals(method) || hasOption(a, j + 1, "no-execute")
            || hasFlag(a, j + 1, "--execute=false")) {
          return;
        }
        out.emit(Tool.CDK, Action.DEPLOY, a, null, null);
      }
      // watch deploys on every change; bootstrap deploys (or updates) the CDKToolkit stack.
      case "watch", "bootstrap" -> out.emit(Tool.CDK, Action.DEPLOY, a, null, null);
      case "destroy" -> out.emit(Tool.CDK, Action.DESTROY, a, null, null);
      default -> {
      }
    }
  }
}
