package dev.plangate.core.agent;

import dev.plangate.core.agent.ShellTokens.Word;
import dev.plangate.core.agent.ToolWords.Names;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the recogniser knows about programs that run other programs: shells, wrappers it can see
 * through (sudo, env, nohup, timeout ...), credential and toolchain runners, containers, the
 * JavaScript package runners; interpreters that run code given as an argument or on standard
 * input; and the commands known to treat their arguments as data (echo, grep, git commit -m
 * ...). A program in none of these lists is an unknown runner: if it is handed an
 * infrastructure command, the hook asks.
 */
final class Runners {
  private Runners() {}

  static final Set<String> KEYWORDS = Set.of("if", "then", "else", "elif", "fi", "do",
      "done", "while", "until", "!", "{", "}", "esac", "coproc");
  static final Set<String> SHELLS =
      Set.of("bash", "sh", "zsh", "dash", "ksh", "mksh", "ash", "rbash", "yash", "fish");
  static final Set<String> CRED_RUNNERS = Set.of("aws-vault", "op", "doppler",
      "infisical", "chamber", "saml2aws", "dotenv", "dotenvx", "mise", "rtx", "asdf", "poetry",
      "uv", "pipenv", "pdm", "bundle", "devbox", "envchain", "summon", "hatch");
  static final Map<String, Set<String>> RUNNER_VERBS = Map.ofEntries(
      Map.entry("aws-vault", Set.of("exec")), Map.entry("op", Set.of("run")),
      Map.entry("doppler", Set.of("run")), Map.entry("infisical", Set.of("run")),
      Map.entry("chamber", Set.of("exec")), Map.entry("saml2aws", Set.of("exec")),
      Map.entry("dotenvx", Set.of("run")), Map.entry("mise", Set.of("exec", "x")),
      Map.entry("rtx", Set.of("exec", "x")), Map.entry("asdf", Set.of("exec")),
      Map.entry("poetry", Set.of("run")), Map.entry("uv", Set.of("run")),
      Map.entry("pipenv", Set.of("run")), Map.entry("pdm", Set.of("run")),
      Map.entry("bundle", Set.of("exec")), Map.entry("devbox", Set.of("run")),
      Map.entry("hatch", Set.of("run")));
  static final Set<String> CONTAINERS =
      Set.of("docker", "podman", "nerdctl", "finch", "docker-compose", "kubectl", "oc");
  static final Set<String> JS_RUNNERS =
      Set.of("npx", "pnpx", "bunx", "npm", "pnpm", "yarn", "bun");

  static final Set<String> DOCKER_VALUE_OPTS = Set.of("--volume", "--workdir", "--env",
      "--env-file", "--name", "--network", "--net", "--entrypoint", "--user", "--publish",
      "--mount", "--platform", "--label", "--label-file", "--hostname", "--add-host", "--cpus",
      "--memory", "--pull", "--restart", "--log-driver", "--log-opt", "--device", "--cap-add",
      "--cap-drop", "--dns", "--gpus", "--ipc", "--pid", "--security-opt", "--tmpfs", "--ulimit",
      "--volumes-from", "--runtime", "--shm-size", "--stop-signal", "--cidfile", "--attach",
      "--cpu-shares", "--expose", "--group-add", "--health-cmd", "--link", "--network-alias",
      "--service-ports", "--detach-keys", "--userns", "--uts", "--init-path", "--stop-timeout");
  private static final Set<String> HEAD_WRAPPERS =
      Set.of("sudo", "env", "timeout", "exec", "eval", "time", "nohup");

  /** Tools, shells and wrappers: words worth resolving after an unknown variable prefix. */
  static boolean isHead(String name) {
    return Names.tool(name) != null || SHELLS.contains(name) || JS_RUNNERS.contains(name)
        || HEAD_WRAPPERS.contains(name) || CRED_RUNNERS.contains(name);
  }

  /**
   * Interpreters that run code given as an argument ({@code -c}, {@code -e}, a program text) or
   * on standard input. plangate does not read their languages: code that mentions an
   * infrastructure tool makes the hook ask.
   */
  static final Set<String> INTERPRETERS = Set.of("python", "python2", "python3", "pypy",
      "pypy3", "perl", "ruby", "irb", "node", "nodejs", "deno", "php", "lua", "luajit",
      "rscript", "r", "awk", "gawk", "mawk", "nawk", "busybox", "tclsh", "wish", "expect",
      "pwsh", "powershell", "osascript", "jshell", "groovy", "julia", "scala", "kotlin",
      "elixir", "erl", "escript", "racket", "guile", "sbcl", "clojure", "bb", "nu", "xonsh",
      "elvish", "tcsh", "csh", "vim", "vi", "nvim", "ex", "emacs", "ed", "gdb", "make",
      "gmake", "just", "task", "ipython", "jupyter", "swift");

  /**
   * Commands whose arguments and standard input are data, never a program to run: a tool word
   * among them ({@code echo terraform destroy}, {@code git commit -m "terraform destroy"}) is
   * text. (git is among them only without its command-running forms: see {@link #gitRuns}.)
   */
  static final Set<String> INERT = Set.of("echo", "printf", "cat", "tac", "less", "more",
      "head", "tail", "grep", "egrep", "fgrep", "rg", "ag", "ack", "ls", "ll", "dir", "tree",
      "wc", "sort", "uniq", "cut", "tr", "diff", "cmp", "comm", "man", "which", "whereis",
      "whatis", "apropos", "type", "info", "help", "file", "stat", "du", "df", "pwd", "true",
      "false", ":", "test", "[", "[[", "jq", "yq", "sed", "git", "gh", "glab", "hub", "tee",
      "touch", "mkdir", "rmdir", "basename", "dirname", "realpath", "readlink", "md5sum",
      "sha1sum", "sha256sum", "base64", "xxd", "od", "hexdump", "column", "fold", "fmt", "nl",
      "paste", "join", "split", "expand", "unexpand", "rev", "shuf", "seq", "date", "sleep",
      "whoami", "id", "hostname", "uname", "printenv", "locale", "tput", "clear", "history",
      "alias", "read", "wait", "jobs", "fg", "bg", "kill", "ps", "top", "free", "uptime",
      "tflint", "tfsec", "checkov", "trivy", "terrascan", "infracost", "terraform-docs",
      "tfenv", "tgenv", "conftest", "opa", "cfn-lint", "cfn-guard", "shellcheck", "shfmt",
      "prettier", "eslint", "black", "ruff", "mypy", "pylint", "code", "open", "xdg-open",
      "curl", "wget", "ping", "dig", "nslookup", "host", "zip", "unzip", "tar", "gzip",
      "gunzip", "zcat", "chmod", "chown", "cp", "mv", "rm", "ln", "install", "mktemp",
      "pbcopy", "pbpaste", "xclip", "notify-send", "say", "logger", "mvn", "gradle",
      "./gradlew", "gradlew", "mvnw", "./mvnw", "ant", "sbt", "pip", "pip3", "gem", "brew",
      "apt", "apt-get", "dnf", "yum", "apk", "docker-buildx", "hadolint", "yamllint",
      "markdownlint", "codespell", "vale", "wrangler", "aws-vault-list");

  /**
   * Whether a git command line runs a command given to it: an alias defined with {@code -c
   * alias.X=!CMD}, {@code rebase --exec|-x}, {@code bisect run}, {@code submodule foreach},
   * {@code filter-branch}, {@code difftool|mergetool --extcmd|-x}, a {@code config alias.*}.
   */
  static boolean gitRuns(List<Word> w, int i) {
    for (int j = i + 1; j < w.size(); j++) {
      String v = w.get(j).value();
      if (v.startsWith("alias.") || v.contains("=!") || v.startsWith("--exec")
          || v.equals("-x") || v.equals("--extcmd") || v.startsWith("--extcmd=")
          || v.equals("foreach") || v.equals("filter-branch") || v.equals("--upload-pack")
          || v.startsWith("--upload-pack=") || v.startsWith("core.sshCommand")
          || v.startsWith("core.pager") || v.startsWith("--config-env")
          || j == i + 2 && w.get(i + 1).value().equals("bisect") && v.equals("run")) {
        return true;
      }
    }
    return false;
  }

  /** {@code python3.12}, {@code perl5.36}, {@code node18}: an interpreter by its family name. */
  static boolean isInterpreter(String name) {
    if (INTERPRETERS.contains(name)) {
      return true;
    }
    int k = 0;
    while (k < name.length() && (Character.isLetter(name.charAt(k)) || name.charAt(k) == '-')) {
      k++;
    }
    if (k == 0 || k == name.length()) {
      return false;
    }
    for (int j = k; j < name.length(); j++) {
      char c = name.charAt(j);
      if (!(c >= '0' && c <= '9' || c == '.')) {
        return false;
      }
    }
    return INTERPRETERS.contains(name.substring(0, k));
  }

  /**
   * Whether any of the words or the standard input names an infrastructure tool as a token of
   * its own ({@code os.system("terraform destroy")}), not inside a path ({@code
   * terraform/main.tf}) or a longer name.
   */
  static boolean mentionsTool(List<Word> w, int from, String stdin) {
    for (int j = from; j < w.size(); j++) {
      String v = w.get(j).value();
      if (ToolWords.toolToken(v) || isCode(v) && ToolWords.mentioned(v)) {
        return true;
      }
    }
    return stdin != null && ToolWords.mentioned(stdin);
  }

  /** A word that reads as code rather than a path: it has blanks, quotes or punctuation. */
  private static boolean isCode(String v) {
    for (int k = 0; k < v.length(); k++) {
      char c = v.charAt(k);
      if (c == ' ' || c == '\t' || c == '\n' || c == '(' || c == ';' || c == '"' || c == '\''
          || c == '!' || c == '`' || c == '$') {
        return true;
      }
    }
    return false;
  }

  /** Editors: they run commands only when told to on their command line. */
  static final Set<String> EDITORS = Set.of("vim", "vi", "nvim", "ex", "emacs", "gdb");

  /** {@code vim -c CMD}, {@code vim +CMD}, {@code emacs --eval}, {@code gdb -ex}. */
  static boolean editorRuns(List<Word> w, int i) {
    for (int j = i + 1; j < w.size(); j++) {
      String v = w.get(j).value();
      if (v.startsWith("+") || v.equals("-c") || v.equals("--cmd") || v.equals("-S")
          || v.startsWith("--eval") || v.equals("-ex") || v.equals("-x") || v.equals("-l")
          || v.startsWith("--load") || v.equals("-batch") || v.equals("-s") || v.equals("-es")
          || v.equals("-e")) {
        return true;
      }
    }
    return false;
  }
}
