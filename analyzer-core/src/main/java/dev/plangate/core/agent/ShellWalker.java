package dev.plangate.core.agent;

import static dev.plangate.core.agent.CommandRecognizer.MAX_LENGTH;
import static dev.plangate.core.agent.CommandRecognizer.MAX_SHELL_DEPTH;
import static dev.plangate.core.agent.CommandRecognizer.MAX_TEXT;
import static dev.plangate.core.agent.CommandRecognizer.unparseable;
import static dev.plangate.core.agent.ShellWords.assignmentEnd;
import static dev.plangate.core.agent.ShellWords.fields;
import static dev.plangate.core.agent.ShellWords.firstNonNull;
import static dev.plangate.core.agent.ShellWords.guess;
import static dev.plangate.core.agent.ShellWords.hasActionWord;
import static dev.plangate.core.agent.ShellWords.isFlagOf;
import static dev.plangate.core.agent.ShellWords.join;
import static dev.plangate.core.agent.ShellWords.joinDir;
import static dev.plangate.core.agent.ShellWords.optionValue;
import static dev.plangate.core.agent.ShellWords.skipOptions;

import static dev.plangate.core.agent.Runners.CONTAINERS;
import static dev.plangate.core.agent.Runners.CRED_RUNNERS;
import static dev.plangate.core.agent.Runners.DOCKER_VALUE_OPTS;
import static dev.plangate.core.agent.Runners.JS_RUNNERS;
import static dev.plangate.core.agent.Runners.KEYWORDS;
import static dev.plangate.core.agent.Runners.RUNNER_VERBS;
import static dev.plangate.core.agent.Runners.SHELLS;
import static dev.plangate.core.agent.Runners.isHead;

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
 * The walk behind {@link CommandRecognizer}: a lexed line, command by command, with the shell's
 * state as it goes (working directory, variables set to literals, subshells), each command's
 * wrappers seen through and its tool's arguments handed to {@link Subcommands}. Not thread-safe:
 * one walker per line. A line taking the recogniser's fast path never loads this class.
 */
final class ShellWalker {
  /** Values longer than this are not remembered for {@code $VAR} in command position. */
  private static final int MAX_VALUE = 128;
  private static final int MAX_VARS = 32;

  /** Directory and variables as the walk goes. Subshells get a copy. */
  static final class Scope {
    String cwd;
    String oldCwd;
    final Deque<String> dirs = new ArrayDeque<>();
    final Deque<String[]> saved = new ArrayDeque<>();
    final Map<String, String> vars = new HashMap<>();
    /** Variables set to something dynamic that names a tool ({@code TF=$(which tofu)}). */
    final Map<String, Tool> hints = new HashMap<>();
    /** Where commands run when not here: "on another machine (ssh)", "in a container". */
    String elsewhere;

    Scope subshell() {
      Scope s = new Scope();
      s.elsewhere = elsewhere;
      s.cwd = cwd;
      s.oldCwd = oldCwd;
      s.vars.putAll(vars);
      s.hints.putAll(hints);
      return s;
    }

    /** A remote shell (ssh): nothing carries over. */
    static Scope remote(String where) {
      Scope s = new Scope();
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
  static final class Cmd {
    final String src;
    final List<Word> words = new ArrayList<>();
    final List<Word> targets = new ArrayList<>();
    /** The operator of each target in {@link #targets} ({@code >}, {@code >>}, {@code <} ...). */
    final List<String> targetOps = new ArrayList<>();
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
  static final class Inv {
    final Cmd cmd;
    final Scope scope;
    final int depth;
    final String stdin;
    final boolean persistent;
    String cwd;
    boolean argsAppended;
    /** An environment variable set for the command on the line ({@code X=1 cmd}, env, sudo). */
    String env;
    /** Where the command runs if not here: a container. */
    String elsewhere;
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
      this.elsewhere = scope.elsewhere;
    }
  }

  final Budget budget;
  final List<InfraCommand> out = new ArrayList<>();
  /** The whole line, for "does it name a tool at all" questions. */
  final String line;
  /** The repository's table of destructive commands, or null for the built-in one. */
  final DestructiveCommands repoTable;
  /** Read on first need: most lines never look. */
  private DestructiveCommands table;
  /** The first command on the line that can change a plan's inputs, as a phrase; or null. */
  String change;
  /** How {@link #change} can change the plan's inputs. */
  String changeHow;
  /** Hypotheses tried for unknown runners: bounded, so that a line stays cheap. */
  private int hypotheses;

  ShellWalker(Budget budget, String line, DestructiveCommands repoTable) {
    this.budget = budget;
    this.line = line;
    this.repoTable = repoTable;
  }

  private DestructiveCommands table() {
    if (table == null) {
      table = repoTable != null ? repoTable : DestructiveCommands.builtin();
    }
    return table;
  }

  /** Remembers the first command that can change inputs: its text and how (no "+": cold JVM). */
  private void changed(Inv inv, String how) {
    if (change == null && how != null) {
      change = inv.text();
      changeHow = how;
    }
  }

  private void changed(Cmd c, String how) {
    if (change == null && how != null) {
      change = text(c);
      changeHow = how;
    }
  }

  /**
   * What was found, each with the reason a person must decide when the line can change what
   * the hook would plan: another command that changes inputs, or another infrastructure
   * command.
   */
  List<InfraCommand> result() {
    if (out.isEmpty()) {
      return List.of();
    }
    String why = change != null ? "the line also runs `" + change + "`, which " + changeHow
        + ": that can change what it applies, and plangate cannot plan what will actually run"
        : out.size() > 1 ? "the line runs several infrastructure commands, and each changes"
            + " what the next one applies; plangate cannot plan what will actually run"
        : null;
    List<InfraCommand> r = new ArrayList<>(out.size());
    for (InfraCommand c : out) {
      r.add(c.withReason(why));
    }
    return List.copyOf(r);
  }

  /** A command line (or a command string read by a nested shell). */
  void shell(String s, int depth, Scope scope) {
    if (!ToolWords.mayMatch(s) && (repoTable == null || !ToolWords.mayMatchAny(s, repoTable))) {
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
          cur.targetOps.add(p.src().substring(redirect.start(), redirect.end()).strip());
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
    for (int k = 0; k < c.targets.size(); k++) {
      Word t = c.targets.get(k);
      String op = c.targetOps.get(k);
      changed(c, InputChanges.redirect(op, t));
      if (!op.startsWith("<") && !t.dynamic()
          && (repoTable != null || t.value().contains("tfstate"))) {
        DestructiveCommands.Rule r = table().matchRedirect(t.value());
        if (r != null) {
          out.add(new InfraCommand(Tool.OTHER, Action.DELETE, List.of(t.value()), null,
              scope.cwd, text(c), r.why(), r.deny()));
        }
      }
    }
    List<Word> words = c.words;
    int n = words.size();
    int i = 0;
    while (i < n && assignmentEnd(c.src, words.get(i)) > 0) {
      i++;
    }
    if (i == n) {
      if (i > 0) {
        changed(c, "sets a variable");
      }
      if (!inPipe && !toPipe && after != OpKind.AMP) {
        for (Word w : words) {
          assign(scope, w);
        }
      }
      return null;
    }
    if (after == OpKind.RPAREN && n == 1 && i == 0 && !words.get(0).dynamic()) {
      // "case $X in prod) ... ;; *) ..." : a lone word before ")" is a case pattern.
      String v = words.get(0).value();
      if (v.indexOf('*') >= 0 || v.indexOf('?') >= 0 || v.indexOf('[') >= 0) {
        return null;
      }
    }
    if (!scope.vars.isEmpty()) {
      words = expandKnown(words, scope);
    }
    String stdin = !c.heredocs.isEmpty() ? c.heredocs.get(c.heredocs.size() - 1).shellBody
        : c.hereString != null ? c.hereString : inPipe ? pipedIn : null;
    boolean persistent = !inPipe && !toPipe && after != OpKind.AMP;
    Inv inv = new Inv(c, scope, depth, stdin, persistent);
    if (i > 0) {
      inv.env = words.get(0).value();
    }
    resolve(words, i, inv);
    return toPipe ? stdout(c, words, i, pipedIn) : null;
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
  private String stdout(Cmd c, List<Word> w, int i, String pipedIn) {
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
          // "echo ... | cat | bash": cat passes its input on.
          return !c.heredocs.isEmpty() ? c.heredocs.get(c.heredocs.size() - 1).shellBody
              : c.hereString != null ? c.hereString : pipedIn;
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
        if (inv.env == null) {
          inv.env = cw.value();
        }
        i++;
        continue;
      }
      String odd = oddName(inv.cmd.src, cw);
      if (odd != null && (!odd.equals(GLOB) || globMayBeTool(cw.value())
          || hasActionWord(w, i + 1) || ToolWords.mentioned(inv.text()))) {
        changed(inv, "runs a program plangate cannot name");
        out.add(new InfraCommand(guess(inv.text()), Action.UNPARSEABLE, List.of(), null,
            inv.cwd, inv.text(), "its command name `" + cw.value() + "` is " + odd
            + ", so plangate cannot tell which program runs", false));
        return;
      }
      if (cw.dynamic()) {
        // "$SUDO terraform apply": a variable prefix before a word we know.
        if (i + 1 < w.size() && !w.get(i + 1).dynamic()
            && isHead(Names.command(w.get(i + 1).value()))) {
          i++;
          continue;
        }
        changed(inv, "runs a program named when the line runs");
        Tool hint = cw.soleVar() != null ? inv.scope.hints.get(cw.soleVar()) : null;
        if (hasActionWord(w, i + 1) || hint != null || ToolWords.mentioned(inv.text())) {
          out.add(new InfraCommand(hint != null ? hint : guess(inv.text()), Action.UNPARSEABLE,
              List.of(), null, inv.cwd, inv.text(), "its command name is built when the line"
              + " runs (a variable or a command substitution), so plangate cannot tell which"
              + " program runs", false));
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
      int before = out.size();
      if (tool != null) {
        classify(tool, w, i, inv);
        if (out.size() == before && tool != Tool.TERRAFORM && tool != Tool.TOFU) {
          destructive(name, w, i, inv);
        }
        if (out.size() == before) {
          changed(inv, InputChanges.reason(name, w, i));
        }
      } else {
        other(name, w, i, inv);
      }
      return;
    }
  }

  static final String GLOB = "a glob pattern";

  /** Why a command word is not a literal name, or null when it is one. */
  private static String oddName(String src, Word w) {
    if (w.end() <= w.start() || w.end() > src.length()) {
      return null;
    }
    String raw = src.substring(w.start(), w.end());
    if (raw.contains("$'") || raw.contains("$\"")) {
      return "quoted with $'...' (ANSI-C quoting)";
    }
    if (raw.contains("\\\n")) {
      return "continued over two lines with a backslash";
    }
    String v = w.value();
    if (!w.dynamic() && (v.indexOf('*') >= 0 || v.indexOf('?') >= 0 || v.indexOf('[') >= 0
        && !v.equals("[") && !v.equals("[["))) {
      return GLOB;
    }
    return null;
  }

  /** Whether a glob in command position could name an infrastructure tool. */
  private static boolean globMayBeTool(String glob) {
    String base = glob.substring(glob.lastIndexOf('/') + 1).toLowerCase(java.util.Locale.ROOT)
        .replace("[", "?").replace("]", "");
    for (String t : new String[] {"terraform", "tofu", "terragrunt", "pulumi", "cdk", "aws",
        "kubectl", "helm", "oc", "rm", "bash", "sh", "env", "sudo", "python3"}) {
      if (DestructiveCommands.glob(base, 0, t, 0)) {
        return true;
      }
    }
    return false;
  }

  /**
   * Whether the command only shows what it would do: help ({@code aws ... help}, {@code
   * --help}), {@code --generate-cli-skeleton}, {@code --dry-run} (not {@code
   * --dry-run=none|false}).
   */
  private static boolean rehearsal(List<Word> w, int i) {
    for (int j = i + 1; j < w.size(); j++) {
      String v = w.get(j).value();
      if (v.equals("--help") || v.equals("-h") || v.equals("--generate-cli-skeleton")
          || v.startsWith("--generate-cli-skeleton=") || v.equals("--dry-run")
          || v.startsWith("--dry-run=") && !v.equals("--dry-run=none")
              && !v.equals("--dry-run=false") || j == w.size() - 1 && v.equals("help")) {
        return true;
      }
    }
    return false;
  }

  /** A command from the table of destructive commands. */
  private void destructive(String name, List<Word> w, int i, Inv inv) {
    if (repoTable == null && !ToolWords.mayBeInTable(name, w, i)) {
      return;
    }
    DestructiveCommands t = table();
    if (!t.names(name)) {
      return;
    }
    DestructiveCommands.Rule r = t.match(name, w, i);
    if (r != null && !rehearsal(w, i)) {
      List<String> args = new ArrayList<>();
      for (int j = i + 1; j < w.size(); j++) {
        args.add(w.get(j).value());
      }
      out.add(new InfraCommand(Tool.OTHER, Action.DELETE, args, null, inv.cwd, inv.text(),
          r.why(), r.deny()));
    }
  }

  /**
   * A command that is neither a tool nor a wrapper we see through: the table of destructive
   * commands, whether it changes inputs, and whether it may run an infrastructure command it
   * is handed (an interpreter given code, an unknown runner given a tool's command line).
   */
  private void other(String name, List<Word> w, int i, Inv inv) {
    destructive(name, w, i, inv);
    changed(inv, InputChanges.reason(name, w, i));
    if (Runners.isInterpreter(name)) {
      if (Runners.mentionsTool(w, i + 1, inv.stdin)
          && (!Runners.EDITORS.contains(name) || Runners.editorRuns(w, i))) {
        out.add(new InfraCommand(guess(inv.text()), Action.UNPARSEABLE, List.of(), null,
            inv.cwd, inv.text(), "`" + name + "` runs code that names an infrastructure"
            + " tool, and plangate does not read that code", false));
      }
      return;
    }
    if (Runners.INERT.contains(name) && !(name.equals("git") && Runners.gitRuns(w, i))) {
      return;
    }
    // An unknown runner: would what it is handed be an infrastructure command?
    int before = out.size();
    for (int j = i + 1; j < w.size() && hypotheses < 32; j++) {
      Word x = w.get(j);
      if (x.dynamic()) {
        continue;
      }
      String v = x.value();
      Tool t = Names.tool(Names.command(v));
      if (t != null) {
        hypotheses++;
        classify(t, w, j, inv);
        continue;
      }
      int eq = v.indexOf('=');
      String tail = eq >= 0 ? v.substring(eq + 1) : v;
      if (tail.startsWith("!")) {
        tail = tail.substring(1);
      }
      if ((tail.indexOf(' ') >= 0 || tail.indexOf('\n') >= 0) && ToolWords.mayMatch(tail)) {
        hypotheses++;
        shell(tail, inv.depth + 1, childScope(inv));
      }
    }
    if (inv.stdin != null && hypotheses < 32) {
      hypotheses++;
      shell(inv.stdin, inv.depth + 1, childScope(inv));
    }
    for (int k = before; k < out.size(); k++) {
      out.set(k, out.get(k).withReason("it runs under `" + name + "`, which plangate does not"
          + " know: that program may run it, somewhere or with something plangate cannot"
          + " see"));
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
          if (inv.env == null) {
            inv.env = w.get(j).value();
          }
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
          shell(join(w, j + 1), inv.depth + 1, Scope.remote("on another machine (`ssh`)"));
        } else if (j < w.size() && inv.stdin != null) {
          shell(inv.stdin, inv.depth + 1, Scope.remote("on another machine (`ssh`)"));
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
          shell(cmd, inv.depth + 1, childScope(inv));
        } else {
          other(name, w, i, inv);
        }
        return STOP;
      }
      case "source", ".": {
        changed(inv, "changes the shell's environment");
        int j = skipOptions(w, i + 1, "", Set.of(), null);
        if (j < w.size()) {
          Word f = w.get(j);
          String v = f.value();
          boolean fromInput = v.equals("/dev/stdin") || v.equals("-") || v.startsWith("/dev/fd/")
              || v.startsWith("/proc/self/fd/");
          if (fromInput && inv.stdin != null) {
            shell(inv.stdin, inv.depth + 1, inv.scope);
          } else if ((fromInput || f.dynamic()) && ToolWords.mentioned(line)) {
            out.add(new InfraCommand(guess(line), Action.UNPARSEABLE, List.of(), null,
                inv.cwd, inv.text(), "`" + name + "` reads commands plangate cannot see, on a"
                + " line that names an infrastructure tool", false));
          }
        }
        return STOP;
      }
      case "find":
        destructive(name, w, i, inv);
        changed(inv, InputChanges.reason(name, w, i));
        find(w, i, inv);
        return STOP;
      case "parallel":
        parallel(w, i, inv);
        return STOP;
      case "cd", "pushd", "popd":
        cd(name, w, i, inv);
        return STOP;
      case "export", "declare", "typeset", "local", "readonly":
        changed(inv, "sets the environment");
        if (inv.persistent) {
          for (int j = i + 1; j < w.size(); j++) {
            if (assignmentEnd(null, w.get(j)) > 0) {
              assign(inv.scope, w.get(j));
            }
          }
        }
        return STOP;
      case "unset", "set", "shopt", "alias", "ulimit", "umask", "trap", "enable", "hash":
        changed(inv, "changes the shell's environment");
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
      destructive(name, w, i, inv);
      changed(inv, InputChanges.reason(name, w, i));
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
    s.elsewhere = inv.elsewhere;
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
      if ((v.equals("-u") || v.equals("-i") || v.equals("-") || v.startsWith("--unset")
          || v.startsWith("--ignore-environment") || v.startsWith("-u")) && inv.env == null) {
        inv.env = "env " + v;
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
      if (inv.env == null) {
        inv.env = w.get(j).value();
      }
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
    String unseen = null;
    if (dashC) {
      if (j < w.size()) {
        shell(w.get(j).shellText(), inv.depth + 1, child);
        if (inv.argsAppended) {
          unseen = "runs a command string it is handed at run time";
        }
      } else {
        unseen = "runs a command string it is handed at run time";
      }
    } else if (j >= w.size() || dashS) {
      if (inv.stdin != null) {
        shell(inv.stdin, inv.depth + 1, child);
      } else if (!inv.cmd.heredocs.isEmpty() || inv.cmd.hereString != null
          || isPiped(inv)) {
        unseen = "reads commands from a pipe or a file plangate cannot see";
      }
    } else if (w.get(j).dynamic() || w.get(j).value().startsWith("/dev/")
        || w.get(j).value().startsWith("/proc/")) {
      unseen = "runs a script made when the line runs (`" + w.get(j).value() + "`)";
    }
    if (unseen != null && ToolWords.mentioned(line)) {
      out.add(new InfraCommand(guess(line), Action.UNPARSEABLE, List.of(), null, inv.cwd,
          inv.text(), "`" + w.get(i).value() + "` " + unseen + ", on a line that names an"
          + " infrastructure tool", false));
    }
  }

  /** Whether the command reads a pipe (its standard input is unknown, else it is in stdin). */
  private static boolean isPiped(Inv inv) {
    return !inv.persistent;
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
    int before = out.size();
    if (k == j + 1) {
      shell(w.get(j).shellText(), inv.depth + 1, childScope(inv));
    } else if (k > j) {
      inv.argsAppended = true;
      resolve(new ArrayList<>(w.subList(j, k)), 0, inv);
    }
    // parallel builds each command from its input (":::" arguments, standard input, {}).
    if (out.size() == before && ToolWords.toolToken(join(w, i + 1))) {
      out.add(new InfraCommand(guess(inv.text()), Action.UNPARSEABLE, List.of(), null,
          inv.cwd, inv.text(), "`parallel` builds the command it runs from its input, which"
          + " plangate cannot see", false));
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
    inv.elsewhere = "in a container (`" + name + " " + verb + "`)";
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
    if (w.get(j).dynamic()) {
      return;
    }
    if (tool == null) {
      // "npx some-runner terraform destroy": a package plangate does not know, run with
      // what may be an infrastructure command.
      other(bin, w, j, inv);
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
    new Subcommands(new ToWalker(this, inv), inv.argsAppended).classify(tool, w, at);
  }

  /** A class, not a lambda: a lambda's bootstrap costs a hook's cold JVM tens of ms. */
  private static final class ToWalker implements Subcommands.Sink {
    private final ShellWalker walker;
    private final Inv inv;

    ToWalker(ShellWalker walker, Inv inv) {
      this.walker = walker;
      this.inv = inv;
    }

    @Override
    public void emit(Tool tool, Action action, List<Word> args, String planFile, String dir,
        String reason) {
      walker.emit(tool, action, args, planFile, dir, reason, inv);
    }
  }

  private void emit(Tool tool, Action action, List<Word> a, String planFile, String dir,
      String reason, Inv inv) {
    List<String> args = new ArrayList<>(a.size());
    for (Word x : a) {
      args.add(x.value());
    }
    String why = inv.elsewhere != null ? "it runs " + inv.elsewhere + ", where plangate"
            + " cannot see the files, state or credentials it uses"
        : inv.env != null ? "it runs with `" + inv.env + "` set on the line, which plangate's"
            + " own plan would not carry exactly"
        : reason;
    out.add(new InfraCommand(tool, action, args, planFile, joinDir(inv.cwd, dir),
        inv.text(), why, false));
  }

  private static String text(Cmd c) {
    String t = c.text(-1);
    return t.length() > MAX_TEXT ? t.substring(0, MAX_TEXT).concat("…") : t;
  }
}
