package dev.plangate.core.agent;

import static dev.plangate.core.agent.ShellWords.hasFlag;
import static dev.plangate.core.agent.ShellWords.hasOption;
import static dev.plangate.core.agent.ShellWords.skipOptions;

import dev.plangate.core.agent.ShellTokens.Word;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code aws [global options] cloudformation}: {@code execute-change-set}, {@code
 * delete-stack[-set|-instances]}, {@code deploy} (unless {@code --no-execute-changeset}), {@code
 * update-stack[-set|-instances]}; help and {@code --generate-cli-skeleton} are harmless. Other
 * services are the table of destructive commands' business.
 */
final class AwsCloudFormationGrammar implements ToolGrammar {
  static final AwsCloudFormationGrammar INSTANCE = new AwsCloudFormationGrammar();

  private static final Set<String> VALUE_OPTS = Set.of("--region", "--profile", "--output",
      "--endpoint-url", "--query", "--color", "--cli-read-timeout", "--cli-connect-timeout",
      "--ca-bundle", "--cli-binary-format");
  private static final Map<String, Action> OPS = Map.of(
      "execute-change-set", Action.EXECUTE_CHANGE_SET,
      "delete-stack", Action.DELETE_STACK,
      "delete-stack-set", Action.DELETE_STACK,
      "delete-stack-instances", Action.DELETE_STACK,
      "deploy", Action.DEPLOY,
      "update-stack", Action.DEPLOY,
      "update-stack-set", Action.DEPLOY,
      "update-stack-instances", Action.DEPLOY);

  private AwsCloudFormationGrammar() {}

  @Override
  public void read(Tool tool, List<Word> a, Subcommands out) {
    int j = skipOptions(a, 0, "", VALUE_OPTS, null);
    if (j >= a.size() || hasFlag(a.subList(0, j), 0, "--version")) {
      return;
    }
    Word service = a.get(j);
    int k = skipOptions(a, j + 1, "", VALUE_OPTS, null);
    Word op = k < a.size() ? a.get(k) : null;
    if (service.dynamic()) {
      if (op != null && !op.dynamic() && OPS.containsKey(op.value())) {
        out.unknownSubcommand(Tool.CLOUDFORMATION, a, null);
      }
      return;
    }
    if (!service.value().equals("cloudformation") || op == null) {
      return;
    }
    if (op.dynamic()) {
      out.unknownSubcommand(Tool.CLOUDFORMATION, a, null);
      return;
    }
    Action action = OPS.get(op.value());
    if (action == null || k + 1 < a.size() && a.get(k + 1).value().equals("help")
        || hasOption(a, k + 1, "generate-cli-skeleton")
        || op.value().equals("deploy") && hasOption(a, k + 1, "no-execute-changeset")) {
      return;
    }
    out.emit(Tool.CLOUDFORMATION, action, a, null, null);
  }
}
