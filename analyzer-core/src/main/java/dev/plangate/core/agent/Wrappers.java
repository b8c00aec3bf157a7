package dev.plangate.core.agent;

import static dev.plangate.core.agent.Runners.CONTAINERS;
import static dev.plangate.core.agent.Runners.CRED_RUNNERS;
import static dev.plangate.core.agent.Runners.DOCKER_VALUE_OPTS;
import static dev.plangate.core.agent.Runners.JS_RUNNERS;
import static dev.plangate.core.agent.Runners.RUNNER_VERBS;
import static dev.plangate.core.agent.Runners.SHELLS;
import static dev.plangate.core.agent.ShellWords.assignmentEnd;
import static dev.plangate.core.agent.ShellWords.firstNonNull;
import static dev.plangate.core.agent.ShellWords.guess;
import static dev.plangate.core.agent.ShellWords.hasActionWord;
import static dev.plangate.core.agent.ShellWords.join;
import static dev.plangate.core.agent.ShellWords.joinDir;
import static dev.plangate.core.agent.ShellWords.optionValue;
import static dev.plangate.core.agent.ShellWords.skipOptions;

import dev.plangate.core.agent.ShellTokens.Word;
import dev.plangate.core.agent.ShellWalker.Inv;
import dev.plangate.core.agent.ToolWords.Names;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The commands that run other commands, seen through for {@link ShellWalker}: wrappers ({@code
 * sudo}, {@code env}, {@code timeout} ...), shells given a command string or a visible standard
 * input, credential and toolchain runners, containers, the JavaScript package runners, {@code
 * find -exec}, {@code parallel}, {@code xargs}; and the builtins that change the walk's state
 * ({@code cd}, {@code export}, {@code unset} ...). Each returns where the command it runs starts,
 * or says it handled the command itself.
 */
final class Wrappers {
  /** The wrapper ran nothing, or its command was handled here. */
  static final int STOP = -2;
  static final int NOT_A_WRAPPER = -1;

  private final ShellWalker walker;

  Wrappers(ShellWalker walker) {
    this.walker = walker;
  }

  /**
   * Index of the command a wrapper runs, STOP when handled or none, NOT_A_WRAPPER. The plain
   * wrappers are data ({@link WrapperTable}); what follows is each special case.
   */
  int wrapper(String name, List<Word> w, int i, Inv inv) {
    WrapperTable.Wrapper wr = WrapperTable.get(name);
    if (wr != null) {
      return WrapperTable.command(wr, w, i, inv);
    }
    switch (name) {
      case "env":
        return env(w, i, inv);
      case "watch": {
        Map<String, String> o = new HashMap<>();
        int j = skipOptions(w, i + 1, "n", Set.of("--interval"), o);
        if (j >= w.size()) {
          return STOP;
        }
        if (o.containsKey("-x") || o.containsKey("--exec")) {
          return j;
        }
        walker.shellOf(join(w, j), inv);
        return STOP;
      }
      case "eval":
        walker.shellInPlace(join(w, i + 1), inv.depth + 1, inv.scope);
        return STOP;
      case "ssh": {
        int j = skipOptions(w, i + 1, "BbcDEeFIiJLlmOoPpQRSWw", Set.of(), null);
        if (j + 1 < w.size()) {
          walker.shell(join(w, j + 1), inv.depth + 1,
              ShellScope.remote("on another machine (`ssh`)"));
        } else if (j < w.size() && inv.stdin != null) {
          walker.shell(inv.stdin, inv.depth + 1, ShellScope.remote("on another machine (`ssh`)"));
        }
        return STOP;
      }
      case "su", "script": {
        String cmd = optionValue(w, i + 1, "-c", "--command");
        if (cmd == null) {
          // "script -qc CMD": -c bundled with other letters.
          for (int j = i + 1; j + 1 < w.size() && cmd == null; j++) {
            String v = w.get(j).value();
            if (v.startsWith("-") && !v.startsWith("--") && v.endsWith("c")) {
              cmd = w.get(j + 1).shellText();
            }
          }
        }
        if (cmd != null) {
          walker.shellOf(cmd, inv);
        } else {
          walker.other(name, w, i, inv);
        }
        return STOP;
      }
      case "source", ".": {
        walker.changed(inv, "changes the shell's environment");
        int j = skipOptions(w, i + 1, "", Set.of(), null);
        if (j < w.size()) {
          Word f = w.get(j);
          String v = f.value();
          boolean fromInput = v.equals("/dev/stdin") || v.equals("-") || v.startsWith("/dev/fd/")
              || v.startsWith("/proc/self/fd/");
          if (fromInput && inv.stdin != null) {
            walker.shell(inv.stdin, inv.depth + 1, inv.scope);
          } else if ((fromInput || f.dynamic()) && walker.lineNamesTool) {
            walker.ask(guess(walker.line), inv, "`" + name + "` reads commands plangate cannot"
                + " see, on a line that names an infrastructure tool");
          }
        }
        return STOP;
      }
      case "find":
        walker.destructive(name, w, i, inv);
        walker.changed(inv, InputChanges.reason(name, w, i));
        find(w, i, inv);
        return STOP;
      case "parallel":
        parallel(w, i, inv);
        return STOP;
      case "cd", "pushd", "popd":
        cd(name, w, i, inv);
        return STOP;
      case "export", "declare", "typeset", "local", "readonly":
        walker.destructive(name, w, i, inv);
        walker.changed(inv, "sets the environment");
        if (inv.persistent) {
          // declare -n r=TF: r is a reference, and $r is TF's value, not "TF".
          boolean reference = false;
          for (int j = i + 1; j < w.size(); j++) {
            String v = w.get(j).value();
            if (v.startsWith("-") && v.length() > 1) {
              reference |= v.indexOf('n', 1) > 0;
            } else if (assignmentEnd(null, w.get(j)) > 0) {
              if (reference) {
                inv.scope.forget(v.substring(0, v.indexOf('=')));
              } else {
                walker.assign(inv.scope, w.get(j));
              }
            }
          }
        }
        return STOP;
      case "alias":
        // "alias t=terraform", then "t destroy": a shell that expands aliases (an agent's
        // persistent shell with the user's aliases) runs the tool under a name plangate does
        // not know. Asked where the name is given.
        for (int j = i + 1; j < w.size(); j++) {
          String v = w.get(j).value();
          int eq = v.indexOf('=');
          if (eq > 0 && (w.get(j).dynamic() || ToolWords.mentioned(v.substring(eq + 1)))) {
            walker.ask(guess(w.get(j).dynamic() ? walker.line : v.substring(eq + 1)), inv,
                "`alias` names a command plangate would not recognise by that name (an"
                    + " infrastructure tool, or a value built when the line runs)");
          }
        }
        walker.changed(inv, "changes the shell's environment");
        return STOP;
      case "trap": {
        // trap 'terraform destroy' EXIT: the string runs when the signal comes, in this shell.
        int j = skipOptions(w, i + 1, "", Set.of(), null);
        if (j + 1 < w.size() && !w.get(j).value().equals("-")) {
          walker.shell(w.get(j).shellText(), inv.depth + 1, inv.scope);
        }
        walker.changed(inv, "changes the shell's environment");
        return STOP;
      }
      case "hash":
        // hash -p /usr/bin/terraform t: t runs the tool under a name plangate does not know.
        if (optionValue(w, i + 1, "-p", "-p") != null && ToolWords.mentioned(join(w, i + 1))) {
          walker.ask(guess(join(w, i + 1)), inv, "`hash -p` gives an infrastructure tool"
              + " another name, which plangate would not recognise");
        }
        walker.changed(inv, "changes the shell's environment");
        return STOP;
      case "unset", "set", "shopt", "ulimit", "umask", "enable":
        walker.changed(inv, "changes the shell's environment");
        for (int j = i + 1; j < w.size(); j++) {
          inv.scope.forget(w.get(j).value());
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
          walker.shellOf(cmd, inv);
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
        if (i + 1 < w.size() && w.get(i + 1).value().equals("run")) {
          nixRun(w, i + 2, inv);
        }
        return STOP;
      case "sops":
        if (i + 3 < w.size() && (w.get(i + 1).value().equals("exec-env")
            || w.get(i + 1).value().equals("exec-file"))) {
          walker.shellOf(w.get(i + 3).shellText(), inv);
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
      walker.destructive(name, w, i, inv);
      walker.changed(inv, InputChanges.reason(name, w, i));
      return container(name, w, i, inv);
    }
    if (JS_RUNNERS.contains(name)) {
      jsRunner(name, w, i, inv);
      return STOP;
    }
    return NOT_A_WRAPPER;
  }

  private int env(List<Word> w, int i, Inv inv) {
    int j = i + 1;
    while (j < w.size()) {
      String v = w.get(j).value();
      if (v.equals("--")) {
        j++;
        break;
      }
      int flag = envFlag(v);
      int split = flag > 0 && v.charAt(flag) == 'S' ? flag : -1;
      if (split > 0 || v.startsWith("--split-string")) {
        String s;
        int rest;
        if (v.startsWith("--split-string=")) {
          s = v.substring("--split-string=".length());
          rest = j + 1;
        } else if (split > 0 && split + 1 < v.length()) {
          s = v.substring(split + 1);
          rest = j + 1;
        } else if (j + 1 < w.size()) {
          s = w.get(j + 1).shellText();
          rest = j + 2;
        } else {
          return STOP;
        }
        String tail = join(w, rest);
        walker.shellOf(tail.isEmpty() ? s : s.concat(" ").concat(tail), inv);
        return STOP;
      }
      if ((v.equals("-u") || v.equals("-i") || v.equals("-") || v.startsWith("--unset")
          || v.startsWith("--ignore-environment") || v.startsWith("-u")) && inv.env == null) {
        inv.env = "env " + v;
      }
      int valued = flag > 0 && v.charAt(flag) != 'S' ? flag : -1;
      if (valued > 0) {
        // -u NAME, -C DIR, -P PATH; also bundled and attached: -iCinfra.
        boolean attached = valued + 1 < v.length();
        String value = attached ? v.substring(valued + 1)
            : j + 1 < w.size() ? w.get(j + 1).value() : null;
        if (v.charAt(valued) == 'C' && value != null) {
          inv.cwd = joinDir(inv.cwd, value);
        }
        j += attached ? 1 : 2;
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
      if (inv.env == null) {
        inv.env = w.get(j).value();
      }
      j++;
    }
    return j < w.size() ? j : STOP;
  }

  /**
   * Where the first of env's {@code S}, {@code u}, {@code C} or {@code P} stands in a cluster of
   * short options ({@code -iS'cmd'}, {@code -iCinfra}), or -1. The first one wins: the rest of
   * the cluster is its value ({@code -uSOMEVAR} unsets SOMEVAR, it splits nothing).
   */
  private static int envFlag(String v) {
    if (v.length() < 2 || v.charAt(0) != '-' || v.charAt(1) == '-') {
      return -1;
    }
    for (int k = 1; k < v.length(); k++) {
      if ("SuCP".indexOf(v.charAt(k)) >= 0) {
        return k;
      }
    }
    return -1;
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
    String unseen = null;
    if (dashC) {
      if (j < w.size()) {
        walker.shellOf(w.get(j).shellText(), inv);
        if (inv.argsAppended) {
          unseen = "runs a command string it is handed at run time";
        }
      } else {
        unseen = "runs a command string it is handed at run time";
      }
    } else if (j >= w.size() || dashS) {
      if (inv.stdin != null) {
        walker.shellOf(inv.stdin, inv);
      } else if (inv.cmd.fed() != null || !inv.persistent) {
        // Not persistent: it reads a pipe, whose input would be in stdin if it were known.
        unseen = "reads commands from a pipe or a file plangate cannot see";
      }
    } else if (w.get(j).dynamic() || w.get(j).value().startsWith("/dev/")
        || w.get(j).value().startsWith("/proc/")) {
      unseen = "runs a script made when the line runs (`" + w.get(j).value() + "`)";
    } else if (writtenOnTheLine(w.get(j).value()) && walker.lineHasActionWord) {
      // echo 'terraform destroy' > x.sh; bash x.sh
      unseen = "runs the script `" + w.get(j).value() + "` the line writes, which plangate"
          + " does not read";
    }
    if (unseen != null && walker.lineNamesTool) {
      walker.ask(guess(walker.line), inv, "`" + w.get(i).value() + "` " + unseen + ", on a line"
          + " that names an infrastructure tool");
    }
  }

  /** Whether the line names the file more than once: once to write it, once to run it. */
  private boolean writtenOnTheLine(String file) {
    int first = walker.line.indexOf(file);
    return !file.isEmpty() && first >= 0 && walker.line.indexOf(file, first + file.length()) > 0;
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
          walker.resolve(new ArrayList<>(w.subList(j + 1, k)), 0, inv);
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
    int before = walker.out.size();
    if (k == j + 1) {
      walker.shellOf(w.get(j).shellText(), inv);
    } else if (k > j) {
      inv.argsAppended = true;
      walker.resolve(new ArrayList<>(w.subList(j, k)), 0, inv);
    }
    // parallel builds each command from its input (":::" arguments, standard input, {}):
    // "parallel $TF ::: destroy" runs a program named when the line runs with those words.
    String args = join(w, i + 1);
    if (walker.out.size() == before && (ToolWords.toolToken(args)
        || ToolWords.hasExpansion(args) && walker.lineHasActionWord)) {
      walker.ask(guess(inv.text()), inv, "`parallel` builds the command it runs from its input,"
          + " which plangate cannot see");
    }
  }

  private void cd(String name, List<Word> w, int i, Inv inv) {
    if (!inv.persistent) {
      return;
    }
    ShellScope s = inv.scope;
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
    int lastAction = ShellWords.lastActionWord(w, from);
    for (int j = from; j < w.size(); j++) {
      Word x = w.get(j);
      if (x.dynamic() && lastAction > j) {
        // "aws-vault exec prod $TF destroy": a program named when the line runs.
        return j;
      }
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
    if (!verb.equals("run") && !verb.equals("exec") && !verb.equals("debug")
        && !(kube && verb.equals("rsh"))) {
      return STOP;
    }
    inv.elsewhere = "in a container (`" + name + " " + verb + "`)";
    if (kube && verb.equals("run") && !ShellWords.hasFlag(w, v + 1, "--command")) {
      // "kubectl run x --image=hashicorp/terraform -- destroy": the image's tool runs.
      Tool t = Names.tool(Names.image(firstNonNull(optionValue(w, v + 1, "--image", "--image"),
          "")));
      if (t != null) {
        classifyAfterDashDash(t, w, v + 1, inv);
        return STOP;
      }
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
    Word entrypoint = verb.equals("exec") ? null : entrypoint(w, v + 1, j);
    if (entrypoint != null) {
      // "--entrypoint terraform IMAGE destroy": the entrypoint runs, with the words after IMAGE.
      walker.resolve(withHead(entrypoint, w, j + 1), 0, inv);
      return STOP;
    }
    if (!verb.equals("exec")) {
      if (w.get(j).dynamic()) {
        // "docker run $IMAGE destroy": the image's program, named when the line runs.
        return j;
      }
      Tool t = Names.tool(Names.image(w.get(j).value()));
      if (t != null) {
        // The image's entrypoint is the tool; the words after it are its arguments.
        walker.classify(t, w, j, inv);
        return STOP;
      }
    }
    int cmd = j + 1 < w.size() && w.get(j + 1).value().equals("--") ? j + 2 : j + 1;
    return cmd < w.size() ? cmd : STOP;
  }

  /**
   * {@code nix run nixpkgs#terraform -- destroy}: the installable's program, when it is a tool,
   * with the arguments after it.
   */
  private void nixRun(List<Word> w, int from, Inv inv) {
    int k = skipOptions(w, from, "", Set.of(), null);
    if (k >= w.size() || w.get(k).dynamic()) {
      return;
    }
    String installable = w.get(k).value();
    String attr = installable.substring(installable.lastIndexOf('#') + 1);
    Tool t = Names.tool(Names.image(attr));
    if (t != null) {
      int a = k + 1 < w.size() && w.get(k + 1).value().equals("--") ? k + 2 : k + 1;
      walker.classify(t, withHead(Word.literal(attr), w, a), 0, inv);
    }
  }

  /** The tool {@code t} run with the words after {@code --} (from {@code from}) as arguments. */
  private void classifyAfterDashDash(Tool t, List<Word> w, int from, Inv inv) {
    int j = from;
    while (j < w.size() && !w.get(j).value().equals("--")) {
      j++;
    }
    walker.classify(t, withHead(Word.literal(t.name().toLowerCase(java.util.Locale.ROOT)), w,
        j + 1), 0, inv);
  }

  /** {@code head} and then the words from {@code from} (none when past the end). */
  private static List<Word> withHead(Word head, List<Word> w, int from) {
    List<Word> run = new ArrayList<>();
    run.add(head);
    run.addAll(w.subList(Math.min(from, w.size()), w.size()));
    return run;
  }

  /** The value of {@code --entrypoint} among the options {@code w[from, to)}; null if unset. */
  private static Word entrypoint(List<Word> w, int from, int to) {
    Word found = null;
    for (int j = from; j < to; j++) {
      Word x = w.get(j);
      if (x.value().equals("--entrypoint") && j + 1 < to) {
        found = w.get(j + 1);
      } else if (x.value().startsWith("--entrypoint=")) {
        String v = x.value().substring("--entrypoint=".length());
        found = new Word(v, v, x.dynamic(), null, x.quoted(), 0, 0, x.substitutions());
      }
    }
    return found == null || found.value().isEmpty() ? null : found;
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
    boolean script = false;
    if (!dlx && j < w.size()) {
      switch (w.get(j).value()) {
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
    String call = firstNonNull(o.get("--call"), o.get("-c"));
    if (dlx && call != null) {
      walker.shellOf(call, inv);
      return;
    }
    if (j >= w.size()) {
      return;
    }
    if (w.get(j).dynamic()) {
      // "npx $PKG destroy": a program named when the line runs.
      walker.resolve(w, j, inv);
      return;
    }
    String bin = Names.npmBin(w.get(j).value());
    Tool tool = Names.tool(bin);
    if (tool == null) {
      // "npx some-runner terraform destroy": a package plangate does not know, run with
      // what may be an infrastructure command.
      walker.other(bin, w, j, inv);
      return;
    }
    if (script && j + 1 < w.size() && w.get(j + 1).value().equals("--")) {
      List<Word> nw = new ArrayList<>(w.subList(0, j + 1));
      nw.addAll(w.subList(j + 2, w.size()));
      w = nw;
    }
    walker.classify(tool, w, j, inv);
  }
}
