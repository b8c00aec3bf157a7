package dev.plangate.core.agent;

import dev.plangate.core.agent.ShellLexer.Budget;
import java.util.List;

/**
 * Finds the infrastructure-changing invocations in a shell command line an AI agent wants to run.
 *
 * <p>It runs in an agent hook on every shell command, so it is built to be cheap and to be
 * right about the common case: a line that does not name a tool word (terraform, tofu,
 * terragrunt, cloudformation, cdk, pulumi), nor has a {@code $}/backtick next to an action word,
 * returns an empty list after one scan of its characters, without lexing or allocating. Other
 * lines are lexed once ({@link ShellLexer}) and walked command by command.
 *
 * <h2>What counts</h2>
 *
 * <ul>
 *   <li>terraform/tofu {@code apply} (plan file = its first non-option argument; {@code
 *       -destroy} makes it DESTROY), {@code destroy}, {@code state rm}, {@code workspace
 *       delete}; global {@code -chdir=DIR} is the working directory. Help ({@code -h},
 *       {@code -help}) and {@code state rm -dry-run} are harmless.
 *   <li>terragrunt: the same subcommands, {@code run-all X}, {@code run [--all] [--] X}, {@code
 *       stack run X}, the legacy {@code apply-all|destroy-all|spin-up|tear-down}, {@code backend
 *       delete}; {@code --working-dir}/{@code --terragrunt-working-dir}.
 *   <li>{@code aws [global options] cloudformation} {@code execute-change-set}, {@code
 *       delete-stack[-set|-instances]}, {@code deploy} (unless {@code --no-execute-changeset}),
 *       {@code update-stack[-set|-instances]}. {@code create-change-set}, {@code describe-*} and
 *       {@code --generate-cli-skeleton} are harmless.
 *   <li>cdk {@code deploy} (unless {@code --method=prepare-change-set} / {@code --no-execute}),
 *       {@code destroy}, {@code watch}, {@code bootstrap} (it deploys the CDKToolkit stack);
 *       run directly or through {@code npx [-y] cdk|aws-cdk[@v]},
 *       {@code npx -p aws-cdk cdk}, {@code npm exec}, {@code pnpm dlx|exec}, {@code yarn [dlx]},
 *       {@code bunx}, and {@code npm|pnpm|yarn|bun run cdk} (the CDK app template's own script
 *       is literally {@code "cdk": "cdk"}).
 *   <li>pulumi {@code up|update|watch}, {@code destroy|down|dn} (unless {@code --preview-only}),
 *       {@code state delete}, {@code stack rm}; {@code --cwd}/{@code -C} is the working dir.
 * </ul>
 *
 * <p>Binaries match by base name, case-insensitively ({@code /usr/local/bin/terraform}, {@code
 * ./Terraform}, {@code terraform.exe}, side-by-side {@code terraform1.5}); not {@code tf} or other
 * aliases, which only the user's shell knows.
 *
 * <h2>Through shell structure</h2>
 *
 * <p>{@code && || ; | &}, newlines, {@code ( )} and {@code { }} groups, {@code if/while/for/case}
 * bodies, comments; {@code $(...)}, backticks and {@code <(...)} anywhere (they run, so {@code
 * echo $(terraform apply)} matches), also inside double quotes and unquoted here-documents; leading
 * {@code VAR=x}; the wrappers {@code env} (with {@code -C DIR} and {@code -S STRING}), {@code
 * sudo} ({@code -D DIR}), {@code doas}, {@code time}, {@code nohup}, {@code exec}, {@code command}
 * (not {@code -v}), {@code builtin}, {@code nice}, {@code ionice}, {@code timeout}, {@code
 * stdbuf}, {@code setsid}, {@code caffeinate}, {@code chronic}, {@code unbuffer}, {@code xargs}
 * (the command it runs, with the tool's arguments partly unknown), {@code find -exec}, {@code
 * parallel}, {@code watch}; credential and toolchain runners ({@code aws-vault exec}, {@code op
 * run}, {@code doppler run}, {@code infisical run}, {@code chamber exec}, {@code saml2aws exec},
 * {@code dotenv}, {@code dotenvx run}, {@code direnv exec DIR}, {@code mise|rtx exec|x}, {@code
 * asdf exec}, {@code poetry|uv|pipenv|pdm run}, {@code bundle exec}, {@code devbox run}, {@code
 * nix develop -c}, {@code nix-shell --run}, {@code sops exec-env}, {@code envchain}, {@code
 * summon}): the command after {@code --}, else from the first tool or shell word; containers
 * ({@code docker|podman|nerdctl run|exec}, {@code docker compose run|exec}, {@code kubectl exec}):
 * the command after {@code --}, a tool or shell word, or an image named after a tool ({@code
 * hashicorp/terraform:1.9 apply}). Command strings are read as command lines, recursively (depth
 * {@value #MAX_SHELL_DEPTH}): {@code bash|sh|zsh|dash|ksh|fish -c}, {@code eval}, {@code su -c},
 * {@code ssh HOST CMD} (its working directory is then unknown: null), {@code watch}, {@code script
 * -c}; and a shell's standard input when it is visible: {@code bash <<EOF}, {@code bash <<<
 * STR}, {@code echo|printf ... | bash}, {@code ssh HOST <<EOF}.
 *
 * <p>{@code cd DIR}, {@code pushd}/{@code popd} before a command set its working directory, for
 * the rest of the enclosing subshell, when not run in a pipeline or the background; directories
 * compose ({@code cd infra && terraform -chdir=prod apply} → {@code infra/prod}).
 *
 * <h2>Data, not commands</h2>
 *
 * <p>Arguments are data: {@code echo terraform apply}, {@code git commit -m "terraform destroy"},
 * {@code grep -r "terraform apply" .}, {@code man|which|type terraform}, {@code command -v
 * terraform}. So is a here-document body fed to anything but a shell ({@code cat <<EOF}), except
 * for the substitutions in an unquoted one, which run. A script run by path ({@code ./deploy.sh},
 * {@code bash deploy.sh}, {@code make apply}, {@code npm run deploy}) is opaque: the hook sees the
 * line, not the file.
 *
 * <h2>Fail closed, where it matters</h2>
 *
 * <p>An {@link Action#UNPARSEABLE} entry (the hook should ask a human) stands for: a line or
 * command string that names a tool as a whole token but cannot be lexed (unbalanced quotes,
 * substitutions nested deeper than {@link ShellLexer#MAX_NESTING}, command strings nested deeper
 * than {@value #MAX_SHELL_DEPTH}); a line over {@value #MAX_LENGTH} characters naming a tool word;
 * a variable or substitution in command position ({@code $TF apply}, {@code "${TOOL}" up},
 * {@code $(which terraform) apply}) whose own arguments include an action word (apply, destroy,
 * up, update, deploy, down, execute-change-set, delete-stack, run-all, apply-all, destroy-all;
 * the command's arguments, not the whole line, so that {@code $EDITOR x; git commit -m "apply"}
 * is left alone); a recognised tool whose subcommand is a variable ({@code terraform $CMD});
 * {@code xargs terraform} with the subcommand left to standard input. A {@code $NAME} word whose
 * NAME the line set earlier to a literal ({@code TF=terraform; $TF apply}, {@code A=destroy;
 * terraform $A}) is read as that literal instead. For the tool of an UNPARSEABLE entry the
 * recogniser guesses from the text (or from a {@code TF=$(which tofu)} on the line), else
 * {@link Tool#UNKNOWN}.
 *
 * <p>The fast path, precisely: a line with no tool word (case-insensitive, looking through quote
 * characters) and no {@code $}/backtick next to an action word (looking through quote characters
 * too: {@code $TF de"stroy"} is {@code $TF destroy}) returns empty after one scan.
 * A line without any tool word can only yield UNPARSEABLE/UNKNOWN, through the variable rule.
 *
 * <h2>When the hook's own plan would not be the plan applied</h2>
 *
 * <p>Each {@link InfraCommand} carries a {@link InfraCommand#reason() reason} (the hook asks a
 * person instead of judging by its own plan) when the line can make the apply differ from what
 * the hook would plan: another command anywhere on the line that can change files, variables,
 * workspace or state ({@link InputChanges}); several infrastructure commands; environment set for
 * the command ({@code X=1 cmd}, {@code env}, {@code sudo X=1}); an apply option the hook's plan
 * would not carry or cannot read beforehand ({@link TerraformGrammar}); another machine or a
 * container. A command name that is not a literal word (a glob, {@code $'...'}, a backslash-
 * newline, a variable or substitution), code handed to an interpreter that names a tool, a shell
 * reading commands the line does not show, and an unknown program handed a tool's command line
 * ({@link Runners}) yield {@link Action#UNPARSEABLE} entries with a reason. Commands of the table
 * of destructive commands ({@link DestructiveCommands}) yield {@link Action#DELETE}.
 *
 * <p>What each part knows: {@link ShellLexer} the shell's grammar (words, quoting, here-documents,
 * substitutions), {@link ShellWords} words once lexed (assignments, options, joining), a {@link
 * ToolGrammar} per tool its subcommands and options ({@link Subcommands} picks it), {@link
 * Runners} the programs that run other programs, {@link InputChanges} what can change a plan's
 * inputs, {@link DestructiveCommands} the table; {@link ShellWalker} walks the line and ties them
 * together. This class is the entry point: the fast path, the length limit, and failing closed
 * on a bug.
 *
 * <p>This guards against mistakes, not an adversary: a deliberately obfuscated command ({@code
 * base64 -d | sh}, a variable built from pieces) is out of scope. Globs and brace expansions are
 * not expanded. Aliases and functions defined outside the line are unknown; a function defined in
 * the line is read as if its body ran.
 */
public final class CommandRecognizer {
  /** Longer lines are not lexed: UNPARSEABLE if they name a tool word, else empty. */
  public static final int MAX_LENGTH = 64 * 1024;
  /** Command strings inside command strings ({@code bash -c "eval '...'"}) beyond this fail. */
  public static final int MAX_SHELL_DEPTH = 8;

  /** What an entry's {@link InfraCommand#text()} keeps of a longer command. */
  static final int MAX_TEXT = 2000;

  private CommandRecognizer() {}

  /**
   * Every infrastructure-changing invocation in a shell command line, in the order the shell would
   * start them; empty when none. Never throws, whatever the input (null included).
   */
  public static List<InfraCommand> recognize(String commandLine) {
    return run(commandLine, new Budget(), null);
  }

  /**
   * As {@link #recognize(String)}, with a table of destructive commands that includes a
   * repository's own rules (the built-in table is always used).
   */
  public static List<InfraCommand> recognize(String commandLine, DestructiveCommands table) {
    return run(commandLine, new Budget(), table);
  }

  /** For tests: the lexing work (characters visited) recognising a line took. */
  static long work(String commandLine) {
    Budget b = new Budget();
    run(commandLine, b, null);
    return b.steps;
  }

  private static List<InfraCommand> run(String line, Budget budget, DestructiveCommands table) {
    if (line == null || line.isEmpty()) {
      return List.of();
    }
    try {
      if (!ToolWords.mayMatch(line) && (table == null || !ToolWords.mayMatchAny(line, table))) {
        return List.of();
      }
      if (line.length() > MAX_LENGTH) {
        return unread(line);
      }
      ShellWalker w = new ShellWalker(budget, line, table);
      w.shell(line, 0, new ShellScope());
      return w.result();
    } catch (RuntimeException | StackOverflowError | LinkageError e) {
      // A bug must not open the gate: say what we know, which is that a tool may be named.
      return unread(line);
    }
  }

  /**
   * A line not walked: unparseable when it names a tool, or when a variable may name one before
   * an action word ({@code $TF destroy} padded past {@link #MAX_LENGTH} was allowed).
   */
  private static List<InfraCommand> unread(String line) {
    return ToolWords.mentioned(line) || ToolWords.hasExpansion(line)
        && ToolWords.hasActionWord(line) ? List.of(unparseable(line, null)) : List.of();
  }

  static InfraCommand unparseable(String text, String cwd) {
    return new InfraCommand(ShellWords.guess(text), Action.UNPARSEABLE, List.of(), null, cwd,
        capped(text), null, false);
  }

  /** At most {@link #MAX_TEXT} characters of a command's text, and "…" when it is longer. */
  static String capped(String text) {
    return text.length() > MAX_TEXT ? text.substring(0, MAX_TEXT).concat("…") : text;
  }
}
