package dev.plangate.core.agent;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;

/**
 * What {@link ShellWalker} knows of the shell as it walks a line: the working directory ({@code
 * cd}, {@code pushd}, subshells that restore it), the variables set to literals, and where commands
 * run when not here. Subshells get a copy.
 */
final class ShellScope {
  /** Values longer than this are not remembered for {@code $VAR} in command position. */
  private static final int MAX_VALUE = 128;
  private static final int MAX_VARS = 32;

  String cwd;
  String oldCwd;
  final Deque<String> dirs = new ArrayDeque<>();
  final Deque<String[]> saved = new ArrayDeque<>();
  final Map<String, String> vars = new HashMap<>();
  /** Variables set to something dynamic that names a tool ({@code TF=$(which tofu)}). */
  final Map<String, Tool> hints = new HashMap<>();
  /** Where commands run when not here: "on another machine (ssh)", "in a container". */
  String elsewhere;

  ShellScope subshell() {
    ShellScope s = new ShellScope();
    s.elsewhere = elsewhere;
    s.cwd = cwd;
    s.oldCwd = oldCwd;
    s.vars.putAll(vars);
    s.hints.putAll(hints);
    return s;
  }

  /** A remote shell (ssh): nothing carries over. */
  static ShellScope remote(String where) {
    ShellScope s = new ShellScope();
    s.elsewhere = where;
    return s;
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

  void forget(String name) {
    vars.remove(name);
    hints.remove(name);
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
