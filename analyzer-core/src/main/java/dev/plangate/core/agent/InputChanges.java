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

  /**
   * Whether sed runs a script that writes a file or runs a command: a {@code w}, {@code W} or
   * {@code e} command (after any address: {@code 1w main.tf}, {@code /re/e}), an {@code s}
   * command with the {@code w} or {@code e} flag, or a script file plangate does not read.
   */
  private static boolean scriptRuns(List<Word> w, int i) {
    if (has(w, i, "-f", "--file")) {
      return true;
    }
    for (int j = i + 1; j < w.size(); j++) {
      String v = w.get(j).value();
      if (v.startsWith("--expression=")) {
        v = v.substring("--expression=".length());
      } else if (v.startsWith("-")) {
        continue;
      }
      if (sedWrites(v)) {
        return true;
      }
    }
    return false;
  }

  /**
   * Reads a sed script command by command, as far as it needs: a command starts at the
   * beginning or after {@code ; { } newline}. Text inside {@code a}, {@code i} and {@code c} is
   * read as commands too, which errs towards "edits files".
   */
  static boolean sedWrites(String s) {
    int n = s.length();
    int k = 0;
    while (k < n) {
      k = sedAddress(s, sedBlanks(s, k));
      if (k < n && (s.charAt(k) == ',' || s.charAt(k) == '~')) {
        k = sedBlanks(s, k + 1);
        while (k < n && s.charAt(k) == '+') {
          k++;
        }
        k = sedAddress(s, k);
      }
      k = sedBlanks(s, k);
      while (k < n && (s.charAt(k) == '!' || s.charAt(k) == ' ')) {
        k++;
      }
      if (k >= n) {
        return false;
      }
      char c = s.charAt(k);
      if (c == 'e' || c == 'w' || c == 'W') {
        if (k + 1 >= n || " \t;}\n".indexOf(s.charAt(k + 1)) >= 0) {
          return true;
        }
      } else if (c == 's' && k + 1 < n) {
        int end = sedDelimited(s, sedDelimited(s, k + 2, s.charAt(k + 1)), s.charAt(k + 1));
        while (end < n && "gpiImM0123456789ew".indexOf(s.charAt(end)) >= 0) {
          if (s.charAt(end) == 'e' || s.charAt(end) == 'w') {
            return true;
          }
          end++;
        }
        k = end;
      }
      while (k < n && ";{}\n".indexOf(s.charAt(k)) < 0) {
        k++;
      }
      k++;
    }
    return false;
  }

  private static int sedBlanks(String s, int k) {
    while (k < s.length() && (s.charAt(k) == ' ' || s.charAt(k) == '\t')) {
      k++;
    }
    return k;
  }

  /** After a line number, {@code $}, or a {@code /regex/} or {@code \cregexc} address. */
  private static int sedAddress(String s, int k) {
    int n = s.length();
    if (k < n && s.charAt(k) == '$') {
      return k + 1;
    }
    if (k < n && (s.charAt(k) == '/' || s.charAt(k) == '\\' && k + 1 < n)) {
      int start = s.charAt(k) == '/' ? k + 1 : k + 2;
      k = sedDelimited(s, start, s.charAt(start - 1));
      while (k < n && (s.charAt(k) == 'I' || s.charAt(k) == 'M')) {
        k++;
      }
      return k;
    }
    while (k < n && s.charAt(k) >= '0' && s.charAt(k) <= '9') {
      k++;
    }
    return k;
  }

  /** After the text from {@code k} to the next unescaped {@code delimiter} (or the end). */
  private static int sedDelimited(String s, int k, char delimiter) {
    while (k < s.length() && s.charAt(k) != delimiter) {
      k += s.charAt(k) == '\\' ? 2 : 1;
    }
    return Math.min(k + 1, s.length() + 1);
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
