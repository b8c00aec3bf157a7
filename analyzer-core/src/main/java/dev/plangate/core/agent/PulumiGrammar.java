package dev.plangate.core.agent;

import static dev.plangate.core.agent.ShellWords.hasOption;
import static dev.plangate.core.agent.ShellWords.optionValue;
import static dev.plangate.core.agent.ShellWords.skipOptions;

import dev.plangate.core.agent.ShellTokens.Word;
import java.util.List;
import java.util.Set;

/**
 * pulumi: {@code up|update|watch}, {@code destroy|down|dn} (unless {@code --preview-only}), {@code
 * state delete}, {@code stack rm}; {@code --cwd}/{@code -C} is the working directory.
 */
final class PulumiGrammar implements ToolGrammar {
  static final PulumiGrammar INSTANCE = new PulumiGrammar();

  private static final Set<String> VALUE_OPTS = Set.of("--cwd", "-C", "--color",
      "--verbose", "-v", "--tracing", "--profiling", "--memprofilerate", "--tracing-header",
      "-s", "--stack", "-m", "--message", "--config-file", "--parallel", "-p", "--target",
      "-t", "--replace", "--exclude", "--secrets-provider", "--client", "--exec-kind",
      "--suppress-permalink", "--plan", "--policy-pack", "--policy-pack-config", "-c",
      "--config", "--target-dependents");

  private PulumiGrammar() {}

  @Override
  public void read(Tool tool, List<Word> a, Subcommands out) {
    String dir = optionValue(a, 0, "-C", "--cwd");
    int j = out.subcommandAt(Tool.PULUMI, a, VALUE_OPTS, dir);
    if (j < 0) {
      return;
    }
    Word cmd = a.get(j);
    boolean previewOnly = hasOption(a, j + 1, "preview-only");
    switch (cmd.value()) {
      case "up", "update", "watch" -> {
        if (!previewOnly) {
          out.emit(Tool.PULUMI, Action.DEPLOY, a, null, dir);
        }
      }
      case "destroy", "down", "dn" -> {
        if (!previewOnly) {
          out.emit(Tool.PULUMI, Action.DESTROY, a, null, dir);
        }
      }
      case "state", "stack" -> {
        int k = skipOptions(a, j + 1, "sC", VALUE_OPTS, null);
        String want = cmd.value().equals("state") ? "delete" : "rm";
        if (k < a.size() && a.get(k).value().equals(want)) {
          out.emit(Tool.PULUMI, Action.STATE_RM, a, null, dir);
        }
      }
      default -> {
      }
    }
  }
}
