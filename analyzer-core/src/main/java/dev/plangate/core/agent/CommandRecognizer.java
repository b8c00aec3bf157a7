package dev.plangate.core.agent;

import dev.plangate.core.agent.ShellLexer.Budget;
import dev.plangate.core.agent.ShellLexer.Heredoc;
import dev.plangate.core.agent.ShellLexer.Op;
import dev.plangate.core.agent.ShellLexer.OpKind;
import dev.plangate.core.agent.ShellLexer.Program;
import dev.plangate.core.agent.ShellLexer.SyntaxError;
import dev.plangate.core.agent.ShellLexer.Token;
import dev.plangate.core.agent.ShellLexer.Word;
import dev.plangate.core.agent.ToolWords.Names;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

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
 * characters) and no {@code $}/backtick next to an action word returns empty after one scan.
 * A line without any tool word can only yield UNPARSEABLE/UNKNOWN, through the variable rule.
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

  /** Values longer than this are not remembered for {@code $VAR} in command position. */
  private static final int MAX_VALUE = 128;
  private static final int MAX_VARS = 32;
  private static final int MAX_TEXT = 2000;

  private CommandRecognizer() {}

  /**
   * Every infrastructure-changing invocation in a shell command line, in the order the shell would
   * start them; empty when none. Never throws, whatever the input (null included).
   */
  public static List<InfraCommand> recognize(String commandLine) {
    return run(commandLine, new Budget());
  }

  /** For tests: the lexing work (characters visited) recognising a line took. */
  static long work(String commandLine) {
    Budget b = new Budget();
    run(commandLine, b);
    return b.steps;
  }

  private static List<InfraCommand> run(String line, Budget budget) {
    if (line == null || line.isEmpty()) {
      return List.of();
    }
    try {
      if (!ToolWords.mayMatch(line)) {
        return List.of();
      }
      if (line.length() > MAX_LENGTH) {
        return ToolWords.mentioned(line) ? List.of(unparseable(line, null)) : List.of();
      }
      Walker w = new Walker(budget);
      w.shell(line, 0, new Scope());
      return List.copyOf(w.out);
    } catch (RuntimeException | StackOverflowError e) {
      // A bug must not open the gate: say what we know, which is that a tool may be named.
      return ToolWords.mentioned(line) ? List.of(unparseable(line, null)) : List.of();
    }
  }

  private static InfraCommand unparseable(String text, String cwd) {
    Tool t = ToolWords.first(text);
    String shown = text.length() > MAX_TEXT ? text.substring(0, MAX_TEXT).concat("…") : text;
    return new InfraCommand(t == null ? Tool.UNKNOWN : t, Action.UNPARSEABLE, List.of(), null,
        cwd, shown);
  }

  /** Directory and variables as the walk goes. Subshells get a copy. */
  private static final class Scope {
    String cwd;
    String oldCwd;
    final Deque<String> dirs = new ArrayDeque<>();
    final Deque<String[]> saved = new ArrayDeque<>();
    final Map<String, String> vars = new HashMap<>();
    /** Variables set to something dynamic that names a tool ({@code TF=$(which tofu)}). */
    final Map<String, Tool> hints = new HashMap<>();

    Scope subshell() {
      Scope s = new Scope();
      s.cwd = cwd;
      s.oldCwd = oldCwd;
      s.vars.putAll(vars);
      s.hints.putAll(hints);
      return s;
    }

    /** A remote shell (ssh): nothing carries over. */
    static Scope remote() {
      return new Scope();
    }

    void enter() {
      saved.push(new String[] {cwd, oldCwd});
    }

    void leave() {
      if (!saved.isEmpty()) {
        String[] s = saved.pop();
        cwd = s[0];
        oldCwd = s[1];
      }
    }

    void setVar(String name, String value, String asWritten) {
      hints.remove(name);
      if (value == null || value.length() > MAX_VALUE) {
        vars.remove(name);
        Tool t = ToolWords.first(asWritten);
        if (t != null && hints.size() < MAX_VARS) {
          hints.put(name, t);
        }
      } else if (vars.size() < MAX_VARS || vars.containsKey(name)) {
        vars.put(name, value);
      }
    }
  }

  /** A simple command being collected: words, redirections, its source span. */
  private static final class Cmd {
    final String src;
    final List<Word> words = new ArrayList<>();
    final List<Word> targets = new ArrayList<>();
    final List<Heredoc> heredocs = new ArrayList<>();
    String hereString;
    int start = -1;
    int end = -1;

    Cmd(String src) {
      this.src = src;
    }

    void span(int s, int e) {
      if (start < 0) {
        start = s;
      }
      end = Math.max(end, e);
    }

    boolean isEmpty() {
      return words.isEmpty() && targets.isEmpty() && heredocs.isEmpty();
    }

    String text(int from) {
      return start < 0 ? "" : src.substring(Math.max(start, Math.min(from, end)), end).strip();
    }
  }

  /** One command's resolution: where it runs, what feeds it. */
  private static final class Inv {
    final Cmd cmd;
    final Scope scope;
    final int depth;
    final String stdin;
    final boolean persistent;
    String cwd;
    boolean argsAppended;
    /** Where {@link InfraCommand#text()} starts: after keywords such as {@code then}. */
    int textFrom = -1;

    /** Capped: one long command may yield many hits ({@code find -exec} repeated). */
    String text() {
      String t = cmd.text(textFrom);
      return t.length() > MAX_TEXT ? t.substring(0, MAX_TEXT).concat("…") : t;
    }

    Inv(Cmd cmd, Scope scope, int depth, String stdin, boolean persistent) {
      this.cmd = cmd;
      this.scope = scope;
      this.depth = depth;
      this.stdin = stdin;
      this.persistent = persistent;
      this.cwd = scope.cwd;
    }
  }

  private static final class Walker {
    // The tables below live in Walker, not in CommandRecognizer, so that a line taking the fast
    // path never initialises them: a hook's JVM is cold, and this saves it about a millisecond.

    private static final Set<String> KEYWORDS = Set.of("if", "then", "else", "elif", "fi", "do",
        "done", "while", "until", "!", "{", "}", "esac", "coproc");
    private static final Set<String> SHELLS =
        Set.of("bash", "sh", "zsh", "dash", "ksh", "mksh", "ash", "rbash", "yash", "fish");
    private static final Set<String> CRED_RUNNERS = Set.of("aws-vault", "op", "doppler",
        "infisical", "chamber", "saml2aws", "dotenv", "dotenvx", "mise", "rtx", "asdf", "poetry",
        "uv", "pipenv", "pdm", "bundle", "devbox", "envchain", "summon", "hatch");
    private static final Map<String, Set<String>> RUNNER_VERBS = Map.ofEntries(
        Map.entry("aws-vault", Set.of("exec")), Map.entry("op", Set.of("run")),
        Map.entry("doppler", Set.of("run")), Map.entry("infisical", Set.of("run")),
        Map.entry("chamber", Set.of("exec")), Map.entry("saml2aws", Set.of("exec")),
        Map.entry("dotenvx", Set.of("run")), Map.entry("mise", Set.of("exec", "x")),
        Map.entry("rtx", Set.of("exec", "x")), Map.entry("asdf", Set.of("exec")),
        Map.entry("poetry", Set.of("run")), Map.entry("uv", Set.of("run")),
        Map.entry("pipenv", Set.of("run")), Map.entry("pdm", Set.of("run")),
        Map.entry("bundle", Set.of("exec")), Map.entry("devbox", Set.of("run")),
        Map.entry("hatch", Set.of("run")));
    private static final Set<String> CONTAINERS =
        Set.of("docker", "podman", "nerdctl", "finch", "docker-compose", "kubectl", "oc");
    private static final Set<String> JS_RUNNERS =
        Set.of("npx", "pnpx", "bunx", "npm", "pnpm", "yarn", "bun");

    private static final Set<String> DOCKER_VALUE_OPTS = Set.of("--volume", "--workdir", "--env",
        "--env-file", "--name", "--network", "--net", "--entrypoint", "--user", "--publish",
        "--mount", "--platform", "--label", "--label-file", "--hostname", "--add-host", "--cpus",
        "--memory", "--pull", "--restart", "--log-driver", "--log-opt", "--device", "--cap-add",
        "--cap-drop", "--dns", "--gpus", "--ipc", "--pid", "--security-opt", "--tmpfs", "--ulimit",
        "--volumes-from", "--runtime", "--shm-size", "--stop-signal", "--cidfile", "--attach",
        "--cpu-shares", "--expose", "--group-add", "--health-cmd", "--link", "--network-alias",
        "--service-ports", "--detach-keys", "--userns", "--uts", "--init-path", "--stop-timeout");
    private static final Set<String> TF_APPLY_VALUE_OPTS = Set.of("var", "var-file", "target",
        "replace", "parallelism", "state", "state-out", "backup", "lock-timeout", "exclude");
    private static final Set<String> TG_VALUE_OPTS = Set.of("--working-dir",
        "--terragrunt-working-dir", "--config", "--terragrunt-config", "--download-dir",
        "--terragrunt-download-dir", "--iam-assume-role", "--terragrunt-iam-role",
        "--queue-include-dir", "--terragrunt-include-dir", "--queue-exclude-dir",
        "--terragrunt-exclude-dir", "--parallelism", "--terragrunt-parallelism", "--tf-path",
        "--terragrunt-tfpath", "--log-level", "--terragrunt-log-level", "--source",
        "--terragrunt-source", "--filter", "--feature", "--out-dir", "--json-out-dir",
        "--units-that-include", "--terragrunt-modules-that-include", "--queue-strict-include",
        "--iam-assume-role-session-name", "--experiment", "--strict-control",
        "--provider-cache-dir", "--log-format");
    private static final Set<String> AWS_VALUE_OPTS = Set.of("--region", "--profile", "--output",
        "--endpoint-url", "--query", "--color", "--cli-read-timeout", "--cli-connect-timeout",
        "--ca-bundle", "--cli-binary-format");
    private static final Map<String, Action> CFN_OPS = Map.of(
        "execute-change-set", Action.EXECUTE_CHANGE_SET,
        "delete-stack", Action.DELETE_STACK,
        "delete-stack-set", Action.DELETE_STACK,
        "delete-stack-instances", Action.DELETE_STACK,
        "deploy", Action.DEPLOY,
        "update-stack", Action.DEPLOY,
        "update-stack-set", Action.DEPLOY,
        "update-stack-instances", Action.DEPLOY);
    private static final Set<String> CDK_VALUE_OPTS = Set.of("-a", "--app", "-c", "--context",
        "-p", "--plugin", "--profile", "--proxy", "--ca-bundle-path", "-o", "--output", "-r",
        "--role-arn", "--toolkit-stack-name", "--unstable", "--telemetry-file",
        "--require-approval", "--method", "-m", "--change-set-name", "--outputs-file", "-O",
        "--parameters", "-t", "--tags", "--concurrency", "--progress", "--build-exclude", "-E",
        "--notification-arns");
    private static final Set<String> PULUMI_VALUE_OPTS = Set.of("--cwd", "-C", "--color",
        "--verbose", "-v", "--tracing", "--profiling", "--memprofilerate", "--tracing-header",
        "-s", "--stack", "-m", "--message", "--config-file", "--parallel", "-p", "--target",
        "-t", "--replace", "--exclude", "--secrets-provider", "--client", "--exec-kind",
        "--suppress-permalink", "--plan", "--policy-pack", "--policy-pack-config", "-c",
        "--config", "--target-dependents");

    /** Tools, shells and wrappers: words worth resolving after an unknown variable prefix. */
    private static boolean isHead(String name) {
      return Names.tool(name) != null || SHELLS.contains(name) || JS_RUNNERS.contains(name)
          || name.equals("sudo") || name.equals("env") || name.equals("timeout")
          || name.equals("exec") || name.equals("eval") || name.equals("time")
          || name.equals("nohup") || CRED_RUNNERS.contains(name);
    }

    final Budget budget;
    final List<InfraCommand> out = new ArrayList<>();

    Walker(Budget budget) {
      this.budget = budget;
    }

    /** A command line (or a command string read by a nested shell). */
    void shell(String s, int depth, Scope scope) {
      if (!ToolWords.mayMatch(s)) {
        return;
      }
      if (depth > MAX_SHELL_DEPTH || s.length() > MAX_LENGTH) {
        if (ToolWords.mentioned(s)) {
          out.add(unparseable(s, scope.cwd));
        }
        return;
      }
      Program p;
      try {
        p = ShellLexer.lex(s, budget);
      } catch (SyntaxError e) {
        if (ToolWords.toolToken(s)) {
          out.add(unparseable(s, scope.cwd));
        }
        return;
      }
      walk(p, depth, scope);
    }

    void walk(Program p, int depth, Scope scope) {
      Cmd cur = new Cmd(p.src());
      OpKind before = null;
      String piped = null;
      Op redirect = null;
      for (Token t : p.tokens()) {
        if (t instanceof Word w) {
          cur.span(w.start(), w.end());
          if (redirect != null) {
            cur.targets.add(w);
            if (redirect.kind() == OpKind.HERESTRING) {
              cur.hereString = w.shellText().concat("\n");
            }
            redirect = null;
          } else {
            cur.words.add(w);
          }
          continue;
        }
        Op o = (Op) t;
        switch (o.kind()) {
          case REDIRECT, HERESTRING -> {
            cur.span(o.start(), o.end());
            redirect = o;
          }
          case HEREDOC -> {
            cur.span(o.start(), o.end());
            cur.heredocs.add(o.heredoc());
          }
          case LPAREN, RPAREN -> {
            if (!cur.isEmpty()) {
              piped = finish(cur, before, o.kind(), piped, depth, scope);
              cur = new Cmd(p.src());
            }
            redirect = null;
            before = null;
            if (o.kind() == OpKind.LPAREN) {
              scope.enter();
            } else {
              scope.leave();
            }
          }
          default -> {
            piped = finish(cur, before, o.kind(), piped, depth, scope);
            cur = new Cmd(p.src());
            redirect = null;
            before = o.kind();
          }
        }
      }
      finish(cur, before, null, piped, depth, scope);
    }

    /** Processes one simple command; returns what it writes to a following pipe, if known. */
    String finish(Cmd c, OpKind before, OpKind after, String pipedIn, int depth, Scope scope) {
      boolean inPipe = before == OpKind.PIPE || before == OpKind.PIPE_AMP;
      boolean toPipe = after == OpKind.PIPE || after == OpKind.PIPE_AMP;
      // Expansions run first, each in a subshell of this one.
      for (Word w : c.words) {
        for (Program sub : w.substitutions()) {
          walk(sub, depth, scope.subshell());
        }
      }
      for (Word w : c.targets) {
        for (Program sub : w.substitutions()) {
          walk(sub, depth, scope.subshell());
        }
      }
      for (Heredoc h : c.heredocs) {
        for (Program sub : h.substitutions) {
          walk(sub, depth, scope.subshell());
        }
      }
      List<Word> words = c.words;
      int n = words.size();
      int i = 0;
      while (i < n && assignmentEnd(c.src, words.get(i)) > 0) {
        i++;
      }
      if (i == n) {
        if (!inPipe && !toPipe && after != OpKind.AMP) {
          for (Word w : words) {
            assign(scope, w);
          }
        }
        return null;
      }
      if (!scope.vars.isEmpty()) {
        words = expandKnown(words, scope);
      }
      String stdin = !c.heredocs.isEmpty() ? c.heredocs.get(c.heredocs.size() - 1).shellBody
          : c.hereString != null ? c.hereString : inPipe ? pipedIn : null;
      boolean persistent = !inPipe && !toPipe && after != OpKind.AMP;
      resolve(words, i, new Inv(c, scope, depth, stdin, persistent));
      return toPipe ? stdout(c, words, i) : null;
    }

    /**
     * Words that are exactly {@code $NAME} for a NAME this line set to a literal earlier ({@code
     * TF=terraform; $TF apply}, {@code ACTION=destroy; terraform $ACTION}) replaced by its value,
     * split into fields unless quoted. Values are capped, so this stays linear.
     */
    private static List<Word> expandKnown(List<Word> words, Scope scope) {
      List<Word> out = null;
      for (int j = 0; j < words.size(); j++) {
        Word x = words.get(j);
        String v = x.soleVar() != null ? scope.vars.get(x.soleVar()) : null;
        if (v != null && out == null) {
          out = new ArrayList<>(words.subList(0, j));
        }
        if (out != null) {
          if (v == null) {
            out.add(x);
          } else if (x.quoted()) {
            out.add(Word.literal(v));
          } else {
            for (String part : fields(v)) {
              out.add(Word.literal(part));
            }
          }
        }
      }
      return out == null ? words : out;
    }

    /** What echo/printf/cat-with-heredoc write, for {@code ... | bash}; null when unknown. */
    private String stdout(Cmd c, List<Word> w, int i) {
      String name = Names.command(w.get(i).value());
      int j = i + 1;
      switch (name) {
        case "echo" -> {
          while (j < w.size() && isFlagOf(w.get(j).value(), "neE")) {
            j++;
          }
          return join(w, j);
        }
        case "printf" -> {
          return j < w.size() ? join(w, j).replace("\\n", "\n") : null;
        }
        case "cat" -> {
          if (j == w.size()) {
            return !c.heredocs.isEmpty() ? c.heredocs.get(c.heredocs.size() - 1).shellBody
                : c.hereString;
          }
          return null;
        }
        default -> {
          return null;
        }
      }
    }

    private void assign(Scope scope, Word w) {
      int eq = w.value().indexOf('=');
      if (eq <= 0 || w.value().charAt(eq - 1) == '+') {
        if (eq > 1) {
          scope.vars.remove(w.value().substring(0, eq - 1));
        }
        return;
      }
      String value = w.value().substring(eq + 1);
      scope.setVar(w.value().substring(0, eq), w.dynamic() ? null : value, value);
    }

    // ---- command resolution ------------------------------------------------------------------

    void resolve(List<Word> w, int i, Inv inv) {
      while (i < w.size()) {
        Word cw = w.get(i);
        if (assignmentEnd(inv.cmd.src, cw) > 0) {
          // "then TF_LOG=debug terraform apply": assignments after a keyword prefix it too.
          i++;
          continue;
        }
        if (cw.dynamic()) {
          // "$SUDO terraform apply": a variable prefix before a word we know.
          if (i + 1 < w.size() && !w.get(i + 1).dynamic()
              && isHead(Names.command(w.get(i + 1).value()))) {
            i++;
            continue;
          }
          if (hasActionWord(w, i + 1)) {
            Tool hint = cw.soleVar() != null ? inv.scope.hints.get(cw.soleVar()) : null;
            out.add(new InfraCommand(hint != null ? hint : guess(inv.text()), Action.UNPARSEABLE,
                List.of(), null, inv.cwd, inv.text()));
          }
          return;
        }
        String name = Names.command(cw.value());
        if (KEYWORDS.contains(name) || name.equals("function")) {
          i += name.equals("function") ? 2 : 1;
          if (i < w.size() && w.get(i).end() > w.get(i).start()) {
            inv.textFrom = w.get(i).start();
          }
          continue;
        }
        int next = wrapper(name, w, i, inv);
        if (next == STOP) {
          return;
        }
        if (next >= 0) {
          i = next;
          continue;
        }
        Tool tool = Names.tool(name);
        if (tool != null) {
          classify(tool, w, i, inv);
        }
        return;
      }
    }

    private static final int STOP = -2;
    private static final int NOT_A_WRAPPER = -1;

    /** Index of the command a wrapper runs, STOP when handled or none, NOT_A_WRAPPER. */
    private int wrapper(String name, List<Word> w, int i, Inv inv) {
      switch (name) {
        case "time": {
          Map<String, String> o = new HashMap<>();
          return skipOptions(w, i + 1, "fo", Set.of("--format", "--output"), o);
        }
        case "nohup", "builtin", "chronic", "unbuffer", "busybox":
          return i + 1;
        case "setsid":
          return skipOptions(w, i + 1, "", Set.of(), null);
        case "caffeinate":
          return skipOptions(w, i + 1, "tw", Set.of(), null);
        case "exec":
          return skipOptions(w, i + 1, "a", Set.of(), null);
        case "command": {
          Map<String, String> o = new HashMap<>();
          int j = skipOptions(w, i + 1, "", Set.of(), o);
          return o.containsKey("-v") || o.containsKey("-V") ? STOP : j;
        }
        case "nice": {
          int j = i + 1;
          while (j < w.size() && isFlagOf(w.get(j).value(), "0123456789")) {
            j++;
          }
          return skipOptions(w, j, "n", Set.of("--adjustment"), null);
        }
        case "ionice": {
          Map<String, String> o = new HashMap<>();
          int j = skipOptions(w, i + 1, "cnpPu", Set.of("--class", "--classdata", "--pid",
              "--pgid", "--uid"), o);
          return o.containsKey("-p") || o.containsKey("-P") || o.containsKey("-u") ? STOP : j;
        }
        case "timeout": {
          int j = skipOptions(w, i + 1, "sk", Set.of("--signal", "--kill-after"), null);
          return j < w.size() ? j + 1 : STOP;
        }
        case "stdbuf":
          return skipOptions(w, i + 1, "ioe", Set.of("--input", "--output", "--error"), null);
        case "sudo": {
          Map<String, String> o = new HashMap<>();
          int j = skipOptions(w, i + 1, "ugCDhprtUTR", Set.of("--user", "--group", "--chdir",
              "--host", "--prompt", "--role", "--type", "--other-user", "--command-timeout",
              "--close-from", "--chroot"), o);
          if (o.containsKey("-l") || o.containsKey("--list") || o.containsKey("-e")
              || o.containsKey("--edit") || o.containsKey("-V") || o.containsKey("--version")) {
            return STOP;
          }
          String dir = o.getOrDefault("-D", o.get("--chdir"));
          if (dir != null) {
            inv.cwd = joinDir(inv.cwd, dir);
          }
          while (j < w.size() && assignmentEnd(null, w.get(j)) > 0) {
            j++;
          }
          return j;
        }
        case "doas":
          return skipOptions(w, i + 1, "uC", Set.of(), null);
        case "env":
          return env(w, i, inv);
        case "xargs": {
          Map<String, String> o = new HashMap<>();
          int j = skipOptions(w, i + 1, "ILnPsdEa", Set.of("--arg-file", "--delimiter",
              "--max-chars", "--max-lines", "--max-args", "--max-procs", "--process-slot-var"),
              o);
          inv.argsAppended = true;
          return j < w.size() ? j : STOP;
        }
        case "watch": {
          Map<String, String> o = new HashMap<>();
          int j = skipOptions(w, i + 1, "n", Set.of("--interval"), o);
          if (j >= w.size()) {
            return STOP;
          }
          if (o.containsKey("-x") || o.containsKey("--exec")) {
            return j;
          }
          shell(join(w, j), inv.depth + 1, childScope(inv));
          return STOP;
        }
        case "eval":
          shell(join(w, i + 1), inv.depth + 1, inv.scope);
          return STOP;
        case "ssh": {
          int j = skipOptions(w, i + 1, "BbcDEeFIiJLlmOoPpQRSWw", Set.of(), null);
          if (j + 1 < w.size()) {
            shell(join(w, j + 1), inv.depth + 1, Scope.remote());
          } else if (j < w.size() && inv.stdin != null) {
            shell(inv.stdin, inv.depth + 1, Scope.remote());
          }
          return STOP;
        }
        case "su", "script": {
          String cmd = optionValue(w, i + 1, "-c", "--command");
          if (cmd != null) {
            shell(cmd, inv.depth + 1, childScope(inv));
          }
          return STOP;
        }
        case "find":
          find(w, i, inv);
          return STOP;
        case "parallel":
          parallel(w, i, inv);
          return STOP;
        case "cd", "pushd", "popd":
          cd(name, w, i, inv);
          return STOP;
        case "export", "declare", "typeset", "local", "readonly":
          if (inv.persistent) {
            for (int j = i + 1; j < w.size(); j++) {
              if (assignmentEnd(null, w.get(j)) > 0) {
                assign(inv.scope, w.get(j));
              }
            }
          }
          return STOP;
        case "unset":
          for (int j = i + 1; j < w.size(); j++) {
            inv.scope.vars.remove(w.get(j).value());
            inv.scope.hints.remove(w.get(j).value());
          }
          return STOP;
        case "direnv":
          if (i + 2 < w.size() && w.get(i + 1).value().equals("exec")) {
            inv.cwd = joinDir(inv.cwd, w.get(i + 2).value());
            return i + 3;
          }
          return STOP;
        case "nix-shell": {
          String cmd = optionValue(w, i + 1, "--run", "--command");
          if (cmd != null) {
            shell(cmd, inv.depth + 1, childScope(inv));
          }
          return STOP;
        }
        case "nix":
          for (int j = i + 1; j < w.size(); j++) {
            String v = w.get(j).value();
            if (v.equals("-c") || v.equals("--command")) {
              return j + 1;
            }
          }
          return STOP;
        case "sops":
          if (i + 3 < w.size() && (w.get(i + 1).value().equals("exec-env")
              || w.get(i + 1).value().equals("exec-file"))) {
            shell(w.get(i + 3).shellText(), inv.depth + 1, childScope(inv));
          }
          return STOP;
        default:
          break;
      }
      if (SHELLS.contains(name)) {
        shellCommand(w, i, inv);
        return STOP;
      }
      if (CRED_RUNNERS.contains(name)) {
        Set<String> verbs = RUNNER_VERBS.get(name);
        int from = i + 1;
        if (verbs != null) {
          int v = skipOptions(w, i + 1, "", Set.of(), null);
          if (v >= w.size() || !verbs.contains(w.get(v).value())) {
            return STOP;
          }
          from = v + 1;
        }
        return afterDashDashOrHead(w, from);
      }
      if (CONTAINERS.contains(name)) {
        return container(name, w, i, inv);
      }
      if (JS_RUNNERS.contains(name)) {
        jsRunner(name, w, i, inv);
        return STOP;
      }
      return NOT_A_WRAPPER;
    }

    private Scope childScope(Inv inv) {
      Scope s = inv.scope.subshell();
      s.cwd = inv.cwd;
      return s;
    }

    private int env(List<Word> w, int i, Inv inv) {
      int j = i + 1;
      while (j < w.size()) {
        String v = w.get(j).value();
        if (v.equals("--")) {
          j++;
          break;
        }
        if (v.startsWith("-S") || v.startsWith("--split-string")) {
          String s;
          int rest;
          if (v.startsWith("--split-string=")) {
            s = v.substring("--split-string=".length());
            rest = j + 1;
          } else if (v.length() > 2 && v.startsWith("-S")) {
            s = v.substring(2);
            rest = j + 1;
          } else if (j + 1 < w.size()) {
            s = w.get(j + 1).shellText();
            rest = j + 2;
          } else {
            return STOP;
          }
          String tail = join(w, rest);
          shell(tail.isEmpty() ? s : s.concat(" ").concat(tail), inv.depth + 1, childScope(inv));
          return STOP;
        }
        if (v.equals("-u") || v.equals("-C") || v.equals("-P")) {
          if (v.equals("-C") && j + 1 < w.size()) {
            inv.cwd = joinDir(inv.cwd, w.get(j + 1).value());
          }
          j += 2;
          continue;
        }
        if (v.startsWith("--chdir=")) {
          inv.cwd = joinDir(inv.cwd, v.substring("--chdir=".length()));
          j++;
          continue;
        }
        if (v.startsWith("-") && v.length() > 1) {
          j++;
          continue;
        }
        break;
      }
      while (j < w.size() && assignmentEnd(null, w.get(j)) > 0) {
        j++;
      }
      return j < w.size() ? j : STOP;
    }

    /** {@code bash [options] -c STRING}, {@code bash} reading a visible standard input. */
    private void shellCommand(List<Word> w, int i, Inv inv) {
      int j = i + 1;
      boolean dashC = false;
      boolean dashS = false;
      while (j < w.size()) {
        String v = w.get(j).value();
        if (v.equals("--") || v.equals("-")) {
          j++;
          break;
        }
        if (v.startsWith("--")) {
          j += v.equals("--rcfile") || v.equals("--init-file") ? 2 : 1;
          if (v.equals("--command")) {
            dashC = true;
          }
          continue;
        }
        if ((v.startsWith("-") || v.startsWith("+")) && v.length() > 1) {
          int consume = 1;
          for (int k = 1; k < v.length(); k++) {
            char ch = v.charAt(k);
            if (ch == 'c') {
              dashC = true;
            } else if (ch == 's') {
              dashS = true;
            } else if (ch == 'o' || ch == 'O') {
              consume = 2;
            }
          }
          j += consume;
          continue;
        }
        break;
      }
      Scope child = childScope(inv);
      if (dashC) {
        if (j < w.size()) {
          shell(w.get(j).shellText(), inv.depth + 1, child);
        }
      } else if ((j >= w.size() || dashS) && inv.stdin != null) {
        shell(inv.stdin, inv.depth + 1, child);
      }
    }

    private void find(List<Word> w, int i, Inv inv) {
      for (int j = i + 1; j < w.size(); j++) {
        String v = w.get(j).value();
        if (v.equals("-exec") || v.equals("-execdir") || v.equals("-ok")
            || v.equals("-okdir")) {
          int k = j + 1;
          while (k < w.size() && !w.get(k).value().equals(";")
              && !w.get(k).value().equals("+")) {
            k++;
          }
          if (k > j + 1) {
            resolve(new ArrayList<>(w.subList(j + 1, k)), 0, inv);
          }
          j = k;
        }
      }
    }

    private void parallel(List<Word> w, int i, Inv inv) {
      int j = skipOptions(w, i + 1, "jPSa", Set.of("--jobs", "--joblog", "--sshlogin",
          "--arg-file", "--delay", "--timeout", "--results"), null);
      int k = j;
      while (k < w.size() && !w.get(k).value().startsWith(":::")) {
        k++;
      }
      if (k == j + 1) {
        shell(w.get(j).shellText(), inv.depth + 1, childScope(inv));
      } else if (k > j) {
        inv.argsAppended = true;
        resolve(new ArrayList<>(w.subList(j, k)), 0, inv);
      }
    }

    private void cd(String name, List<Word> w, int i, Inv inv) {
      if (!inv.persistent) {
        return;
      }
      Scope s = inv.scope;
      if (name.equals("popd")) {
        s.cwd = s.dirs.isEmpty() ? s.cwd : s.dirs.pop();
        return;
      }
      int j = skipOptions(w, i + 1, "", Set.of(), null);
      String target = j < w.size() ? w.get(j).value() : name.equals("cd") ? "~" : null;
      if (target == null) {
        return;
      }
      String prev = s.cwd;
      if (target.equals("-")) {
        s.cwd = s.oldCwd;
      } else {
        s.cwd = joinDir(inv.cwd, target);
      }
      s.oldCwd = prev;
      if (name.equals("pushd")) {
        s.dirs.push(prev == null ? "." : prev);
      }
    }

    /** Runner words: the command after {@code --}, else from the first tool or shell word. */
    private int afterDashDashOrHead(List<Word> w, int from) {
      for (int j = from; j < w.size(); j++) {
        if (w.get(j).value().equals("--")) {
          return j + 1 < w.size() ? j + 1 : STOP;
        }
      }
      for (int j = from; j < w.size(); j++) {
        Word x = w.get(j);
        if (x.dynamic() || x.value().startsWith("-")) {
          continue;
        }
        String n = Names.command(x.value());
        if (Names.tool(n) != null || SHELLS.contains(n)) {
          return j;
        }
      }
      return STOP;
    }

    /**
     * {@code docker|podman run [options] IMAGE [CMD...]}, {@code ... exec [options] CONTAINER
     * CMD...}, {@code docker compose run|exec SERVICE CMD...}, {@code kubectl exec POD -- CMD}.
     */
    private int container(String name, List<Word> w, int i, Inv inv) {
      boolean kube = name.equals("kubectl") || name.equals("oc");
      int v = skipOptions(w, i + 1, kube ? "n" : "Hc", Set.of("--context", "--host",
          "--namespace", "--kubeconfig", "--log-level", "--config"), null);
      if (v >= w.size()) {
        return STOP;
      }
      String verb = w.get(v).value();
      if ((verb.equals("compose") || verb.equals("container")) && v + 1 < w.size()) {
        v = skipOptions(w, v + 1, "fp", Set.of("--file", "--project-name", "--env-file",
            "--profile", "--project-directory"), null);
        if (v >= w.size()) {
          return STOP;
        }
        verb = w.get(v).value();
      }
      if (!verb.equals("run") && !verb.equals("exec") && !verb.equals("debug")) {
        return STOP;
      }
      if (kube) {
        for (int j = v + 1; j < w.size(); j++) {
          if (w.get(j).value().equals("--")) {
            return j + 1 < w.size() ? j + 1 : STOP;
          }
        }
        int pod = skipOptions(w, v + 1, "cnf", Set.of("--container", "--namespace",
            "--filename", "--image"), null);
        return pod + 1 < w.size() ? pod + 1 : STOP;
      }
      int j = skipOptions(w, v + 1, "vwelpumhca", DOCKER_VALUE_OPTS, null);
      if (j >= w.size()) {
        return STOP;
      }
      if (!verb.equals("exec") && !w.get(j).dynamic()) {
        Tool t = Names.tool(Names.image(w.get(j).value()));
        if (t != null) {
          // The image's entrypoint is the tool; the words after it are its arguments.
          classify(t, w, j, inv);
          return STOP;
        }
      }
      int cmd = j + 1 < w.size() && w.get(j + 1).value().equals("--") ? j + 2 : j + 1;
      return cmd < w.size() ? cmd : STOP;
    }

    /** npx, npm exec/run, pnpm, yarn, bun: the binary or script they run, if it is a tool. */
    private void jsRunner(String name, List<Word> w, int i, Inv inv) {
      Map<String, String> o = new HashMap<>();
      Set<String> valueOpts = Set.of("--package", "-p", "--call", "-c", "--prefix", "-C",
          "--dir", "--cwd", "-w", "--workspace", "--filter", "-F", "--cache", "--userconfig");
      int j = skipOptions(w, i + 1, "pcCwF", valueOpts, o);
      String dir = firstNonNull(o.get("--prefix"), o.get("-C"), o.get("--dir"), o.get("--cwd"));
      if (dir != null) {
        inv.cwd = joinDir(inv.cwd, dir);
      }
      boolean dlx = name.equals("npx") || name.equals("pnpx") || name.equals("bunx");
      String call = firstNonNull(o.get("--call"), o.get("-c"));
      if (dlx && call != null) {
        shell(call, inv.depth + 1, childScope(inv));
        return;
      }
      if (j >= w.size()) {
        return;
      }
      String verb = w.get(j).value();
      boolean script = false;
      if (!dlx) {
        switch (verb) {
          case "exec", "x", "dlx" -> dlx = true;
          case "run", "run-script" -> script = true;
          default -> {
            // "yarn cdk deploy", "pnpm cdk deploy": a bin or script of that name.
            j--;
            script = true;
          }
        }
        j = skipOptions(w, j + 1, "pcCwF", valueOpts, o);
      }
      call = firstNonNull(o.get("--call"), o.get("-c"));
      if (dlx && call != null) {
        shell(call, inv.depth + 1, childScope(inv));
        return;
      }
      if (j >= w.size()) {
        return;
      }
      String bin = Names.npmBin(w.get(j).value());
      Tool tool = Names.tool(bin);
      if (tool == null || w.get(j).dynamic()) {
        return;
      }
      if (script && j + 1 < w.size() && w.get(j + 1).value().equals("--")) {
        List<Word> nw = new ArrayList<>(w.subList(0, j + 1));
        nw.addAll(w.subList(j + 2, w.size()));
        w = nw;
      }
      classify(tool, w, j, inv);
    }

    // ---- tools -------------------------------------------------------------------------------

    /** w.get(at) is the tool's binary (or what stands for it); its arguments follow. */
    private void classify(Tool tool, List<Word> w, int at, Inv inv) {
      List<Word> a = w.subList(at + 1, w.size());
      switch (tool) {
        case TERRAFORM, TOFU -> terraform(tool, a, inv);
        case TERRAGRUNT -> terragrunt(a, inv);
        case CLOUDFORMATION -> aws(a, inv);
        case CDK -> cdk(a, inv);
        case PULUMI -> pulumi(a, inv);
        default -> {
        }
      }
    }

    private void emit(Tool tool, Action action, List<Word> a, String planFile, String dir,
        Inv inv) {
      List<String> args = new ArrayList<>(a.size());
      for (Word x : a) {
        args.add(x.value());
      }
      out.add(new InfraCommand(tool, action, args, planFile, joinDir(inv.cwd, dir),
          inv.text()));
    }

    private void unknownSubcommand(Tool tool, List<Word> a, String dir, Inv inv) {
      emit(tool, Action.UNPARSEABLE, a, null, dir, inv);
    }

    private void terraform(Tool tool, List<Word> a, Inv inv) {
      String chdir = null;
      int j = 0;
      while (j < a.size()) {
        String v = a.get(j).value();
        if (!v.startsWith("-") || v.equals("-")) {
          break;
        }
        String opt = stripDashes(v);
        if (opt.startsWith("chdir=")) {
          chdir = opt.substring("chdir=".length());
        } else if (isHelp(opt) || opt.equals("version") || opt.equals("v")) {
          return;
        }
        j++;
      }
      terraformSubcommand(tool, a, j, chdir, inv);
    }

    /** a.get(j) is a terraform subcommand (run by terraform, tofu or terragrunt). */
    private void terraformSubcommand(Tool tool, List<Word> a, int j, String dir, Inv inv) {
      if (j >= a.size()) {
        if (inv.argsAppended) {
          unknownSubcommand(tool, a, dir, inv);
        }
        return;
      }
      Word sub = a.get(j);
      if (sub.dynamic()) {
        unknownSubcommand(tool, a, dir, inv);
        return;
      }
      switch (sub.value()) {
        case "apply" -> apply(tool, a, j + 1, dir, inv);
        case "destroy" -> {
          if (!hasHelp(a, j + 1)) {
            emit(tool, Action.DESTROY, a, null, dir, inv);
          }
        }
        case "state", "workspace" -> {
          int k = skipOptions(a, j + 1, "", Set.of(), null);
          if (k >= a.size()) {
            return;
          }
          Word op = a.get(k);
          if (op.dynamic()) {
            unknownSubcommand(tool, a, dir, inv);
            return;
          }
          String want = sub.value().equals("state") ? "rm" : "delete";
          if (op.value().equals(want) && !hasHelp(a, k + 1) && !hasOption(a, k + 1, "dry-run")) {
            emit(tool, Action.STATE_RM, a, null, dir, inv);
          }
        }
        default -> {
        }
      }
    }

    private void apply(Tool tool, List<Word> a, int from, String dir, Inv inv) {
      boolean destroy = false;
      String planFile = null;
      for (int k = from; k < a.size(); k++) {
        String v = a.get(k).value();
        if (v.startsWith("-") && v.length() > 1) {
          String opt = stripDashes(v);
          int eq = opt.indexOf('=');
          String optName = eq >= 0 ? opt.substring(0, eq) : opt;
          if (isHelp(optName)) {
            return;
          }
          if (optName.equals("destroy")) {
            destroy = eq < 0 || !opt.substring(eq + 1).equalsIgnoreCase("false");
          } else if (eq < 0 && (TF_APPLY_VALUE_OPTS.contains(optName)
              || tool == Tool.TERRAGRUNT && TG_VALUE_OPTS.contains("--".concat(optName)))) {
            k++;
          }
          continue;
        }
        planFile = v;
        break;
      }
      emit(tool, destroy ? Action.DESTROY : Action.APPLY, a, planFile, dir, inv);
    }

    private void terragrunt(List<Word> a, Inv inv) {
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
      for (int k = 0; k < j; k++) {
        String opt = a.get(k).value();
        if (opt.equals("--help") || opt.equals("-h") || opt.equals("-help")
            || opt.equals("--version") || opt.equals("-v")) {
          return;
        }
      }
      if (j >= a.size()) {
        if (inv.argsAppended) {
          unknownSubcommand(Tool.TERRAGRUNT, a, dir, inv);
        }
        return;
      }
      Word cmd = a.get(j);
      if (cmd.dynamic()) {
        unknownSubcommand(Tool.TERRAGRUNT, a, dir, inv);
        return;
      }
      int tf;
      switch (cmd.value()) {
        case "run-all" -> tf = tgSkip(a, j + 1);
        case "run" -> tf = tgRun(a, j + 1);
        case "stack" -> {
          int k = tgSkip(a, j + 1);
          if (k >= a.size() || !a.get(k).value().equals("run")) {
            return;
          }
          tf = tgRun(a, k + 1);
        }
        case "apply-all", "spin-up" -> {
          if (!hasHelp(a, j + 1)) {
            emit(Tool.TERRAGRUNT, Action.APPLY, a, null, dir, inv);
          }
          return;
        }
        case "destroy-all", "tear-down" -> {
          if (!hasHelp(a, j + 1)) {
            emit(Tool.TERRAGRUNT, Action.DESTROY, a, null, dir, inv);
          }
          return;
        }
        case "backend" -> {
          int k = tgSkip(a, j + 1);
          if (k < a.size() && a.get(k).value().equals("delete") && !hasHelp(a, k + 1)) {
            emit(Tool.TERRAGRUNT, Action.STATE_RM, a, null, dir, inv);
          }
          return;
        }
        default -> tf = j;
      }
      terraformSubcommand(Tool.TERRAGRUNT, a, tf, dir, inv);
    }

    /** The terraform command of {@code terragrunt run}: after {@code --}, else positional. */
    private int tgRun(List<Word> a, int from) {
      for (int k = from; k < a.size(); k++) {
        if (a.get(k).value().equals("--")) {
          return k + 1;
        }
      }
      return tgSkip(a, from);
    }

    private int tgSkip(List<Word> a, int from) {
      int k = from;
      while (k < a.size()) {
        String v = a.get(k).value();
        if (!v.startsWith("-") || v.equals("--")) {
          break;
        }
        k += v.indexOf('=') < 0 && TG_VALUE_OPTS.contains(v) ? 2 : 1;
      }
      return k;
    }

    private void aws(List<Word> a, Inv inv) {
      int j = skipOptions(a, 0, "", AWS_VALUE_OPTS, null);
      for (int k = 0; k < j; k++) {
        if (a.get(k).value().equals("--version")) {
          return;
        }
      }
      if (j >= a.size()) {
        return;
      }
      Word service = a.get(j);
      int k = skipOptions(a, j + 1, "", AWS_VALUE_OPTS, null);
      Word op = k < a.size() ? a.get(k) : null;
      if (service.dynamic()) {
        if (op != null && !op.dynamic() && CFN_OPS.containsKey(op.value())) {
          unknownSubcommand(Tool.CLOUDFORMATION, a, null, inv);
        }
        return;
      }
      if (!service.value().equals("cloudformation") || op == null) {
        return;
      }
      if (op.dynamic()) {
        unknownSubcommand(Tool.CLOUDFORMATION, a, null, inv);
        return;
      }
      Action action = CFN_OPS.get(op.value());
      if (action == null || k + 1 < a.size() && a.get(k + 1).value().equals("help")
          || hasOption(a, k + 1, "generate-cli-skeleton")
          || op.value().equals("deploy") && hasOption(a, k + 1, "no-execute-changeset")) {
        return;
      }
      emit(Tool.CLOUDFORMATION, action, a, null, null, inv);
    }

    private void cdk(List<Word> a, Inv inv) {
      int j = 0;
      while (j < a.size()) {
        String v = a.get(j).value();
        if (!v.startsWith("-") || v.equals("-")) {
          break;
        }
        j += v.indexOf('=') < 0 && CDK_VALUE_OPTS.contains(v) ? 2 : 1;
      }
      if (hasHelp(a, 0) || hasOption(a, 0, "version")) {
        return;
      }
      if (j >= a.size()) {
        if (inv.argsAppended) {
          unknownSubcommand(Tool.CDK, a, null, inv);
        }
        return;
      }
      Word cmd = a.get(j);
      if (cmd.dynamic()) {
        unknownSubcommand(Tool.CDK, a, null, inv);
        return;
      }
      switch (cmd.value()) {
        case "deploy" -> {
          String method = optionValue(a, j + 1, "-m", "--method");
          if ("prepare-change-set".equals(method) || hasOption(a, j + 1, "no-execute")
              || hasFlag(a, j + 1, "--execute=false")) {
            return;
          }
          emit(Tool.CDK, Action.DEPLOY, a, null, null, inv);
        }
        // watch deploys on every change; bootstrap deploys (or updates) the CDKToolkit stack.
        case "watch", "bootstrap" -> emit(Tool.CDK, Action.DEPLOY, a, null, null, inv);
        case "destroy" -> emit(Tool.CDK, Action.DESTROY, a, null, null, inv);
        default -> {
        }
      }
    }

    private void pulumi(List<Word> a, Inv inv) {
      String dir = optionValue(a, 0, "-C", "--cwd");
      int j = 0;
      while (j < a.size()) {
        String v = a.get(j).value();
        if (!v.startsWith("-") || v.equals("-")) {
          break;
        }
        j += v.indexOf('=') < 0 && PULUMI_VALUE_OPTS.contains(v) ? 2 : 1;
      }
      if (hasHelp(a, 0) || hasOption(a, 0, "version")) {
        return;
      }
      if (j >= a.size()) {
        if (inv.argsAppended) {
          unknownSubcommand(Tool.PULUMI, a, dir, inv);
        }
        return;
      }
      Word cmd = a.get(j);
      if (cmd.dynamic()) {
        unknownSubcommand(Tool.PULUMI, a, dir, inv);
        return;
      }
      boolean previewOnly = hasOption(a, j + 1, "preview-only");
      switch (cmd.value()) {
        case "up", "update", "watch" -> {
          if (!previewOnly) {
            emit(Tool.PULUMI, Action.DEPLOY, a, null, dir, inv);
          }
        }
        case "destroy", "down", "dn" -> {
          if (!previewOnly) {
            emit(Tool.PULUMI, Action.DESTROY, a, null, dir, inv);
          }
        }
        case "state", "stack" -> {
          int k = skipOptions(a, j + 1, "sC", PULUMI_VALUE_OPTS, null);
          String want = cmd.value().equals("state") ? "delete" : "rm";
          if (k < a.size() && a.get(k).value().equals(want)) {
            emit(Tool.PULUMI, Action.STATE_RM, a, null, dir, inv);
          }
        }
        default -> {
        }
      }
    }
  }

  // ---- helpers -------------------------------------------------------------------------------

  private static boolean hasActionWord(List<Word> w, int from) {
    for (int j = from; j < w.size(); j++) {
      if (!w.get(j).dynamic()) {
        for (String a : ToolWords.ACTION_WORDS) {
          if (a.equals(w.get(j).value())) {
            return true;
          }
        }
      }
    }
    return false;
  }

  private static Tool guess(String text) {
    Tool t = ToolWords.first(text);
    return t == null ? Tool.UNKNOWN : t;
  }

  /**
   * Index of the '=' of an assignment word ({@code NAME=value}, {@code NAME+=value}) whose name
   * was written unquoted, else -1.
   */
  static int assignmentEnd(String src, Word w) {
    String v = w.value();
    int n = v.length();
    if (n < 2 || !(Character.isLetter(v.charAt(0)) && v.charAt(0) < 128 || v.charAt(0) == '_')) {
      return -1;
    }
    int k = 1;
    while (k < n) {
      char c = v.charAt(k);
      if (c == '_' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9') {
        k++;
      } else {
        break;
      }
    }
    int eq = k < n && v.charAt(k) == '+' ? k + 1 : k;
    if (eq >= n || v.charAt(eq) != '=') {
      return -1;
    }
    if (src != null && w.end() > w.start() && !src.regionMatches(w.start(), v, 0, eq + 1)) {
      return -1;
    }
    return eq;
  }

  /**
   * Skips options from {@code from}; returns the index of the first operand. Short options in
   * {@code shortValue} and long ones in {@code longValue} take a value (attached or the next
   * word); {@code --} ends the options. Every option seen goes into {@code seen} (if given), with
   * its value or null.
   */
  static int skipOptions(List<Word> w, int from, String shortValue, Set<String> longValue,
      Map<String, String> seen) {
    int j = from;
    while (j < w.size()) {
      String v = w.get(j).value();
      if (v.equals("--")) {
        return j + 1;
      }
      if (v.startsWith("--") && v.length() > 2) {
        int eq = v.indexOf('=');
        String name = eq >= 0 ? v.substring(0, eq) : v;
        String value = eq >= 0 ? v.substring(eq + 1) : null;
        if (eq < 0 && longValue.contains(v)) {
          value = j + 1 < w.size() ? w.get(j + 1).value() : null;
          j++;
        }
        if (seen != null) {
          seen.put(name, value);
        }
        j++;
        continue;
      }
      if (v.startsWith("-") && v.length() > 1 && !w.get(j).dynamic()) {
        if (longValue.contains(v)) {
          if (seen != null) {
            seen.put(v, j + 1 < w.size() ? w.get(j + 1).value() : null);
          }
          j += 2;
          continue;
        }
        for (int k = 1; k < v.length(); k++) {
          char c = v.charAt(k);
          if (shortValue.indexOf(c) >= 0) {
            String value;
            if (k + 1 < v.length()) {
              value = v.substring(k + 1);
            } else {
              value = j + 1 < w.size() ? w.get(j + 1).value() : null;
              j++;
            }
            if (seen != null) {
              seen.put(shortName(c), value);
            }
            break;
          }
          if (seen != null) {
            seen.put(shortName(c), null);
          }
        }
        j++;
        continue;
      }
      return j;
    }
    return j;
  }

  /** The value of the first of the given options ({@code -c X}, {@code --command=X}). */
  private static String optionValue(List<Word> w, int from, String shortName, String longName) {
    for (int j = from; j < w.size(); j++) {
      String v = w.get(j).value();
      if ((v.equals(shortName) || v.equals(longName)) && j + 1 < w.size()) {
        return w.get(j + 1).shellText();
      }
      if (v.startsWith(longName) && v.startsWith("=", longName.length())) {
        return v.substring(longName.length() + 1);
      }
    }
    return null;
  }

  private static boolean isHelp(String opt) {
    return opt.equals("help") || opt.equals("h");
  }

  private static boolean hasHelp(List<Word> a, int from) {
    for (int j = from; j < a.size(); j++) {
      String v = a.get(j).value();
      if (v.equals("-h") || v.equals("-help") || v.equals("--help")) {
        return true;
      }
    }
    return false;
  }

  /** Whether {@code -name} or {@code --name} (optionally {@code =value}) is among the words. */
  private static boolean hasOption(List<Word> a, int from, String name) {
    for (int j = from; j < a.size(); j++) {
      String v = a.get(j).value();
      if (v.startsWith("-")) {
        String o = stripDashes(v);
        if (o.equals(name) || o.startsWith(name) && o.startsWith("=", name.length())) {
          return true;
        }
      }
    }
    return false;
  }

  private static boolean hasFlag(List<Word> a, int from, String exact) {
    for (int j = from; j < a.size(); j++) {
      if (a.get(j).value().equals(exact)) {
        return true;
      }
    }
    return false;
  }

  private static String shortName(char c) {
    return new String(new char[] {'-', c});
  }

  /** {@code -xyz} whose letters are all in {@code letters} (echo -ne, nice -10). */
  private static boolean isFlagOf(String v, String letters) {
    if (v.length() < 2 || v.charAt(0) != '-') {
      return false;
    }
    for (int k = 1; k < v.length(); k++) {
      if (letters.indexOf(v.charAt(k)) < 0) {
        return false;
      }
    }
    return true;
  }

  /** Splits an unquoted expansion's value into fields at blanks, as the shell does. */
  private static List<String> fields(String v) {
    List<String> out = new ArrayList<>();
    int i = 0;
    int n = v.length();
    while (i < n) {
      while (i < n && Character.isWhitespace(v.charAt(i))) {
        i++;
      }
      int start = i;
      while (i < n && !Character.isWhitespace(v.charAt(i))) {
        i++;
      }
      if (i > start) {
        out.add(v.substring(start, i));
      }
    }
    return out;
  }

  private static String stripDashes(String v) {
    return v.startsWith("--") ? v.substring(2) : v.startsWith("-") ? v.substring(1) : v;
  }

  @SafeVarargs
  private static <T> T firstNonNull(T... xs) {
    for (T x : xs) {
      if (x != null) {
        return x;
      }
    }
    return null;
  }

  /** The words from {@code from} as the command string a shell would build from them. */
  private static String join(List<Word> w, int from) {
    StringBuilder sb = new StringBuilder();
    for (int j = from; j < w.size(); j++) {
      if (sb.length() > 0) {
        sb.append(' ');
      }
      sb.append(w.get(j).shellText());
    }
    return sb.toString();
  }

  /** {@code dir} relative to {@code base}, both as written; null base means "where we start". */
  static String joinDir(String base, String dir) {
    if (dir == null || dir.isEmpty() || dir.equals(".")) {
      return base;
    }
    String d = dir;
    while (d.startsWith("./")) {
      d = d.substring(2);
    }
    while (d.length() > 1 && d.endsWith("/")) {
      d = d.substring(0, d.length() - 1);
    }
    if (d.isEmpty() || d.equals(".")) {
      return base;
    }
    if (base == null || d.startsWith("/") || d.startsWith("~")) {
      return d;
    }
    return base.endsWith("/") ? base.concat(d) : base.concat("/").concat(d);
  }
}
