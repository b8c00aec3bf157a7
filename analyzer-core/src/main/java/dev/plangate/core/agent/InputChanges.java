package dev.plangate.core.agent;

import dev.plangate.core.agent.ShellTokens.Word;
import java.util.List;
import java.util.Set;

/**
 * Whether a command can change what a later infrastructure command on the same line plans from:
 * its configuration files, variables, saved plans, state, workspace, environment or working
 * directory. The hook plans before the line runs, so a line where such a command runs next to an
 * apply would apply something else than what was judged: the hook asks instead.
 *
 * <p>Known read-only commands (ls, cat, grep, git status, terraform plan/validate/show ...) change
 * nothing; everything plangate does not know as read-only is taken to change inputs. Writes into
 * files whose names are not Terraform inputs (a log, {@code /dev/null}) do not count.
 */
final class InputChanges {
  private InputChanges() {}

  /** Commands that only read (with the exceptions checked in {@link #reason}). */
  private static final Set<String> READ_ONLY = Set.of("ls", "ll", "cat", "tac", "less",
      "more", "head", "tail", "grep", "egrep", "fgrep", "rg", "ag", "ack", "wc", "sort", "uniq",
      "cut", "tr", "diff", "cmp", "comm", "echo", "printf", "pwd", "true", "false", ":", "test",
      "[", "[[", "which", "whereis", "type", "file", "stat", "du", "df", "tree", "date",
      "sleep", "whoami", "id", "hostname", "uname", "printenv", "jq", "yq", "sed", "find",
      "tee", "basename", "dirname", "realpath", "readlink", "md5sum", "sha256sum", "sha1sum",
      "column", "nl", "man", "help", "wait", "tflint", "tfsec", "checkov", "trivy",
      "cfn-lint", "shellcheck", "mkdir", "cd", "pushd", "popd");
  private static final Set<String> GIT_READ_ONLY = Set.of("status", "diff", "log", "show",
      "rev-parse", "ls-files", "blame", "grep", "describe", "shortlog", "branch", "tag",
      "remote", "fetch", "config", "reflog", "cat-file", "ls-tree", "whatchanged");
  private static final Set<String> TERRAFORM_READ_ONLY = Set.of("plan", "validate", "show",
      "output", "version", "providers", "graph", "console", "fmt", "test", "get", "login",
      "logout", "metadata", "modules");

  /**
   * Null when {@code w[i..]} (a command name and its arguments) changes no input of a plan;
   * else a short phrase saying how it may, for the person ({@code "edits files"}). Constant
   * text: this runs in a hook's cold JVM, where building strings with {@code +} costs more than
   * the recogniser.
   */
  static String reason(String name, List<Word> w, int i) {
    switch (name) {
      case "sed":
        return has(w, i, "-i", "--in-place") || scriptRuns(w, i) ? "edits files" : null;
      case "sort":
        return has(w, i, "-o", "--output") ? "writes a file" : null;
      case "yq":
        return has(w, i, "-i", "--inplace") ? "edits files" : null;
      case "find":
        return has(w, i, "-delete", "-exec", "-execdir", "-ok", "-okdir", "-fprint",
            "-fprintf", "-fls") ? "runs commands or deletes files" : null;
      case "tee":
        for (int j = i + 1; j < w.size(); j++) {
          if (!w.get(j).value().startsWith("-") && writesInput(w.get(j))) {
            return "writes a file";
          }
        }
        return null;
      case "git": {
        int j = ShellWords.skipOptions(w, i + 1, "C", Set.of(), null);
        if (j < w.size() && GIT_READ_ONLY.contains(w.get(j).value())
            && !has(w, j, "-d", "-D", "-m", "-M", "--delete", "--move", "add", "remove",
                "set-url", "rename", "--set-upstream-to", "--unset", "--add", "--replace-all")
            && !Runners.gitRuns(w, i)) {
          return null;
        }
        return "may change the files checked out";
      }
      case "terraform", "tofu": {
        int j = i + 1;
        while (j < w.size() && w.get(j).value().startsWith("-")) {
          j++;
        }
        String sub = j < w.size() ? w.get(j).value() : "";
        if (sub.equals("plan") && !hasPrefix(w, j, "-out")
            || sub.equals("fmt") && (has(w, j, "-check") || has(w, j, "-diff")
                && has(w, j, "-write=false"))
            || !sub.equals("plan") && !sub.equals("fmt") && TERRAFORM_READ_ONLY.contains(sub)
            || sub.equals("state") && j + 1 < w.size()
                && Set.of("list", "show", "pull").contains(w.get(j + 1).value())
            || sub.equals("workspace") && j + 1 < w.size()
                && Set.of("list", "show").contains(w.get(j + 1).value())
            || sub.isEmpty()) {
          return null;
        }
        return "changes its working directory, workspace or state";
      }
      default:
        break;
    }
    if (READ_ONLY.contains(name)) {
      return null;
    }
    return "may change files, variables or state";
  }

  /** A redirection's target: a change when it may be a Terraform input. */
  static String redirect(String op, Word target) {
    if (op.startsWith("<") && !op.equals("<>") || op.endsWith("&") && !op.equals("&>")) {
      return null;
    }
    return writesInput(target) ? "writes a file" : null;
  }

  /**
   * Whether writing this file may change a plan: anything but logs, text and the null device.
   * A name built at run time may be anything.
   */
  static boolean writesInput(Word target) {
    if (target.dynamic()) {
      return true;
    }
    String f = target.value();
    if (f.equals("/dev/null") || f.equals("/dev/stdout") || f.equals("/dev/stderr")
        || f.startsWith("/dev/fd/")) {
      return false;
    }
    String base = f.substring(f.lastIndexOf('/') + 1).toLowerCase(java.util.Locale.ROOT);
    return !(base.endsWith(".log") || base.endsWith(".txt") || base.endsWith(".out")
        || base.endsWith(".md") || base.endsWith(".html") || base.endsWith(".csv"));
  }

  private static boolean scriptRuns(List<Word> w, int i) {
    for (int j = i + 1; j < w.size(); j++) {
      String v = w.get(j).value();
      if (!v.startsWith("-") && (v.contains("/w ") || v.contains("/e") || v.startsWith("w ")
          || v.startsWith("e ") || v.equals("e"))) {
        return true;
      }
    }
    return false;
  }

  private static boolean has(List<Word> w, int from, String... options) {
    for (int j = from + 1; j < w.size(); j++) {
      String v = w.get(j).value();
      for (String o : options) {
        if (v.equals(o) || o.startsWith("--") && v.startsWith(o + "=")
            || o.length() == 2 && o.charAt(0) == '-' && v.length() > 2 && v.charAt(0) == '-'
                && v.charAt(1) != '-' && v.indexOf(o.charAt(1)) > 0 && !o.equals("-d")
                && !o.equals("-D") && !o.equals("-m") && !o.equals("-M")) {
          return true;
        }
      }
    }
    return false;
  }

  private static boolean hasPrefix(List<Word> w, int from, String prefix) {
    for (int j = from + 1; j < w.size(); j++) {
      String v = w.get(j).value().replaceFirst("^--", "-");
      if (v.equals(prefix) || v.startsWith(prefix + "=")) {
        return true;
      }
    }
    return false;
  }
}
