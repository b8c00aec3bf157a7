package dev.plangate.core.agent;

import static dev.plangate.core.agent.ShellWords.hasFlag;
import static dev.plangate.core.agent.ShellWords.hasHelp;

import dev.plangate.core.agent.ShellTokens.Word;
import java.util.List;
import java.util.Set;

/**
 * terragrunt: terraform's subcommands ({@link TerraformGrammar#subcommand}) run directly, by {@code
 * run-all X}, {@code run [--all] [--] X} or {@code stack run X}; the legacy {@code
 * apply-all|destroy-all|spin-up|tear-down}; {@code backend delete}; {@code --working-dir} and
 * {@code --terragrunt-working-dir}.
 */
final class TerragruntGrammar implements ToolGrammar {
  static final TerragruntGrammar INSTANCE = new TerragruntGrammar();

  /** Options that take a value (the new names and the legacy {@code --terragrunt-*} ones). */
  static final Set<String> VALUE_OPTS = Set.of("--working-dir",
      "--terragrunt-working-dir", "--config", "--terragrunt-config", "--download-dir",
      "--terragrunt-download-dir", "--iam-assume-role", "--terragrunt-iam-role",
      "--queue-include-dir", "--terragrunt-include-dir", "--queue-exclude-dir",
      "--terragrunt-exclude-dir", "--parallelism", "--terragrunt-parallelism", "--tf-path",
      "--terragrunt-tfpath", "--log-level", "--terragrunt-log-level", "--source",
      "--terragrunt-source", "--filter", "--feature", "--out-dir", "--json-out-dir",
      "--units-that-include", "--terragrunt-modules-that-include", "--queue-strict-include",
      "--iam-assume-role-session-name", "--experiment", "--strict-control",
      "--provider-cache-dir", "--log-format");

  private TerragruntGrammar() {}

  @Override
  public void read(Tool tool, List<Word> a, Subcommands out) {
    String dir = null;
    for (int k = 0; k + 1 < a.size(); k++) {
      String v = a.get(k).value();
      if (v.equals("--working-dir") || v.equals("--terragrunt-working-dir")) {
        dir = a.get(k + 1).value();
      }
    }
    for (Word x : a) {
      String v = x.value();
      if (v.startsWith("--working-dir=") || v.startsWith("--terragrunt-working-dir=")) {
        dir = v.substring(v.indexOf('=') + 1);
      }
    }
    int j = tgSkip(a, 0);
    List<Word> options = a.subList(0, j);
    if (hasHelp(options, 0) || hasFlag(options, 0, "--version") || hasFlag(options, 0, "-v")) {
      return;
    }
    if (!out.literalAt(Tool.TERRAGRUNT, a, j, dir)) {
      return;
    }
    int tf;
    String cmd = a.get(j).value();
    switch (cmd) {
      case "run-all" -> tf = tgSkip(a, j + 1);
      case "run" -> tf = tgRun(a, j + 1);
      case "stack" -> {
        int k = tgSkip(a, j + 1);
        if (k >= a.size() || !a.get(k).value().equals("run")) {
          return;
        }
        tf = tgRun(a, k + 1);
      }
      case "apply-all", "spin-up", "destroy-all", "tear-down" -> {
        if (!hasHelp(a, j + 1)) {
          out.emit(Tool.TERRAGRUNT, cmd.equals("apply-all") || cmd.equals("spin-up")
              ? Action.APPLY : Action.DESTROY, a, null, dir);
        }
        return;
      }
      case "backend" -> {
        int k = tgSkip(a, j + 1);
        if (k < a.size() && a.get(k).value().equals("delete") && !hasHelp(a, k + 1)) {
          out.emit(Tool.TERRAGRUNT, Action.STATE_RM, a, null, dir);
        }
        return;
      }
      default -> tf = j;
    }
    TerraformGrammar.subcommand(Tool.TERRAGRUNT, a, tf, dir, out);
  }

  /** The terraform command of {@code terragrunt run}: after {@code --}, else positional. */
  private static int tgRun(List<Word> a, int from) {
    for (int k = from; k < a.size(); k++) {
      if (a.get(k).value().equals("--")) {
        return k + 1;
      }
    }
    return tgSkip(a, from);
  }

  private static int tgSkip(List<Word> a, int from) {
    return Subcommands.skipLeading(a, from, VALUE_OPTS, "--");
  }
}
