package dev.plangate.core.agent;

import static dev.plangate.core.agent.CommandRecognizer.MAX_LENGTH;
import static dev.plangate.core.agent.CommandRecognizer.MAX_SHELL_DEPTH;
import static dev.plangate.core.agent.CommandRecognizer.unparseable;
import static dev.plangate.core.agent.ShellWords.assignmentEnd;
import static dev.plangate.core.agent.ShellWords.fields;
import static dev.plangate.core.agent.ShellWords.firstNonNull;
import static dev.plangate.core.agent.ShellWords.guess;
import static dev.plangate.core.agent.ShellWords.hasActionWord;
import static dev.plangate.core.agent.ShellWords.isFlagOf;
import static dev.plangate.core.agent.ShellWords.join;
import static dev.plangate.core.agent.ShellWords.joinDir;

import static dev.plangate.core.agent.Runners.KEYWORDS;
import static dev.plangate.core.agent.Runners.isHead;

import dev.plangate.core.agent.ShellLexer.Budget;
import dev.plangate.core.agent.ShellTokens.Heredoc;
import dev.plangate.core.agent.ShellTokens.Op;
import dev.plangate.core.agent.ShellTokens.OpKind;
import dev.plangate.core.agent.ShellTokens.Program;
import dev.plangate.core.agent.ShellLexer.SyntaxError;
import dev.plangate.core.agent.ShellTokens.Token;
import dev.plangate.core.agent.ShellTokens.Word;
import dev.plangate.core.agent.ToolWords.Names;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The walk behind {@link CommandRecognizer}: a lexed line, command by command, with the shell's
 * state as it goes ({@link ShellScope}: working directory, variables set to literals,
 * subshells), each command's wrappers seen through ({@link Wrappers}) and its tool's arguments
 * handed to {@link Subcommands}. Not thread-safe: one walker per line. A line taking the
 * recogniser's fast path never loads this class.
 */
final class ShellWalker {
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

    /**
     * From {@code from} (or its start), capped: one long command may yield many hits ({@code
     * find -exec} repeated).
     */
    String text(int from) {
      return CommandRecognizer.capped(
          start < 0 ? "" : src.substring(Math.max(start, Math.min(from, end)), end).strip());
    }

    /** What its last here-document or its here-string feeds it, or null. */
    String fed() {
      return !heredocs.isEmpty() ? heredocs.get(heredocs.size() - 1).shellBody : hereString;
    }
  }

  /**
   * One command's resolution: where it runs, what feeds it; and where its tool's findings go
   * (a class, not a lambda: a lambda's bootstrap costs a hook's cold JVM tens of ms).
   */
  final class Inv implements Subcommands.Sink {
    final Cmd cmd;
    final ShellScope scope;
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

    String text() {
      return cmd.text(textFrom);
    }

    Inv(Cmd cmd, ShellScope scope, int depth, String stdin, boolean persistent) {
      this.cmd = cmd;
      this.scope = scope;
      this.depth = depth;
      this.stdin = stdin;
      this.persistent = persistent;
      this.cwd = scope.cwd;
      this.elsewhere = scope.elsewhere;
    }

    @Override
    public void emit(Tool tool, Action action, List<Word> a, String planFile, String dir,
        String reason) {
      List<String> args = new ArrayList<>(a.size());
      for (Word x : a) {
        args.add(x.value());
      }
      String why = elsewhere != null ? "it runs " + elsewhere + ", where plangate"
              + " cannot see the files, state or credentials it uses"
          : env != null ? "it runs with `" + env + "` set on the line, which plangate's"
              + " own plan would not carry exactly"
          : reason;
      out.add(new InfraCommand(tool, action, args, planFile, joinDir(cwd, dir), text(), why,
          false));
    }
  }

  final Budget budget;
  final List<InfraCommand> out = new ArrayList<>();
  /** The whole line, for "does it name a tool at all" questions. */
  final String line;
  /**
   * Facts of the whole line, read once: rules for words that come from elsewhere on the line
   * ask them for every command, and a long line may hold thousands.
   */
  final boolean lineNamesTool;
  final boolean lineHasActionWord;
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
  private final Wrappers wrappers = new Wrappers(this);

  ShellWalker(Budget budget, String line, DestructiveCommands repoTable) {
    this.budget = budget;
    this.line = line;
    this.repoTable = repoTable;
    this.lineNamesTool = ToolWords.mentioned(line);
    this.lineHasActionWord = ToolWords.hasActionWord(line);
  }

  private DestructiveCommands table() {
    if (table == null) {
      table = repoTable != null ? repoTable : DestructiveCommands.builtin();
    }
    return table;
  }

  /** An entry a person must decide: what runs cannot be known from the line. */
  void ask(Tool tool, Inv inv, String why) {
    out.add(new InfraCommand(tool, Action.UNPARSEABLE, List.of(), null, inv.cwd, inv.text(), why,
        false));
  }

  /** Remembers the first command that can change inputs: its text and how (no "+": cold JVM). */
  void changed(Inv inv, String how) {
    changed(inv.cmd, inv.textFrom, how);
  }

  private void changed(Cmd c, int textFrom, String how) {
    if (change == null && how != null) {
      change = c.text(textFrom);
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
  void shell(String s, int depth, ShellScope scope) {
    // A command string with expansions may get its words from the rest of the line:
    // "bash -c '$0 $1' terraform destroy".
    if (!ToolWords.mayMatch(s) && (repoTable == null || !ToolWords.mayMatchAny(s, repoTable))
        && !(lineHasActionWord && ToolWords.hasExpansion(s))) {
      return;
    }
    shellInPlace(s, depth, scope);
  }

  /**
   * A command string run by this very shell ({@code eval}): read even when it names no tool, for
   * the {@code cd} or assignment in it changes where and with what the next commands run.
   */
  void shellInPlace(String s, int depth, ShellScope scope) {
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

  void walk(Program p, int depth, ShellScope scope) {
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
  String finish(Cmd c, OpKind before, OpKind after, String pipedIn, int depth, ShellScope scope) {
    boolean inPipe = before == OpKind.PIPE || before == OpKind.PIPE_AMP;
    boolean toPipe = after == OpKind.PIPE || after == OpKind.PIPE_AMP;
    boolean persistent = !inPipe && !toPipe && after != OpKind.AMP;
    // Expansions run first, each in a subshell of this one.
    for (List<Word> ws : List.of(c.words, c.targets)) {
      for (Word w : ws) {
        for (Program sub : w.substitutions()) {
          walk(sub, depth, scope.subshell());
        }
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
      changed(c, -1, InputChanges.redirect(op, t));
      // A target built when the line runs ("$DIR/terraform.tfstate") is still that file.
      if (!op.startsWith("<") && (repoTable != null || t.value().contains("tfstate"))) {
        DestructiveCommands.Rule r = table().matchRedirect(t.value());
        if (r != null) {
          out.add(new InfraCommand(Tool.OTHER, Action.DELETE, List.of(t.value()), null,
              scope.cwd, c.text(-1), r.why(), r.deny()));
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
        changed(c, -1, "sets a variable");
      }
      if (persistent) {
        for (Word w : words) {
          assign(scope, w);
        }
      }
      return null;
    }
    if (after == OpKind.RPAREN && n == 1 && i == 0 && !words.get(0).dynamic()) {
      // "case $X in prod) ... ;; *) ..." : a lone word before ")" is a case pattern.
      if (ToolWords.hasGlob(words.get(0).value())) {
        return null;
      }
    }
    if (!scope.vars.isEmpty()) {
      words = expandKnown(words, scope);
    }
    String stdin = c.fed() != null ? c.fed() : inPipe ? pipedIn : null;
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
  private static List<Word> expandKnown(List<Word> words, ShellScope scope) {
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
    int j = i + 1;
    return switch (Names.command(w.get(i).value())) {
      case "echo" -> {
        while (j < w.size() && isFlagOf(w.get(j).value(), "neE")) {
          j++;
        }
        yield join(w, j);
      }
      case "printf" -> j < w.size() ? join(w, j).replace("\\n", "\n") : null;
      // "echo ... | cat | bash": cat passes its input on.
      case "cat" -> j == w.size() ? firstNonNull(c.fed(), pipedIn) : null;
      default -> null;
    };
  }

  void assign(ShellScope scope, Word w) {
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
        ask(guess(inv.text()), inv, "its command name `" + cw.value() + "` is " + odd
            + ", so plangate cannot tell which program runs");
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
        // "echo destroy | xargs $TF", "for a in destroy; do $TF $a; done": its arguments come
        // from input or are built when the line runs, so the words of the whole line count.
        // So does a tool named elsewhere: "x=(terraform destroy); "${x[@]}"".
        boolean argsFromElsewhere = inv.argsAppended || anyDynamic(w, i + 1);
        if (hasActionWord(w, i + 1) || hint != null || ToolWords.mentioned(inv.text())
            || (argsFromElsewhere || lineNamesTool) && lineHasActionWord) {
          ask(hint != null ? hint : guess(inv.text()), inv, "its command name is built when the"
              + " line runs (a variable or a command substitution), so plangate cannot tell which"
              + " program runs");
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
      int next = wrappers.wrapper(name, w, i, inv);
      if (next == Wrappers.STOP) {
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
    String base = bracketsAsOneChar(
        glob.substring(glob.lastIndexOf('/') + 1).toLowerCase(java.util.Locale.ROOT));
    for (String t : new String[] {"terraform", "tofu", "terragrunt", "pulumi", "cdk", "aws",
        "kubectl", "helm", "oc", "rm", "bash", "sh", "env", "sudo", "python3"}) {
      if (DestructiveCommands.glob(base, 0, t, 0)) {
        return true;
      }
    }
    return false;
  }

  /** {@code terr[a]form} as {@code terr?form}: a bracket expression matches one character. */
  private static String bracketsAsOneChar(String glob) {
    StringBuilder sb = new StringBuilder(glob.length());
    int k = 0;
    while (k < glob.length()) {
      char c = glob.charAt(k);
      int close = c == '[' ? glob.indexOf(']', k + 2) : -1;
      if (close > 0) {
        sb.append('?');
        k = close + 1;
      } else {
        sb.append(c);
        k++;
      }
    }
    return sb.toString();
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
  void destructive(String name, List<Word> w, int i, Inv inv) {
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
  void other(String name, List<Word> w, int i, Inv inv) {
    destructive(name, w, i, inv);
    changed(inv, InputChanges.reason(name, w, i));
    if (Runners.isInterpreter(name)) {
      if (Runners.mentionsTool(w, i + 1, inv.stdin)
          && (!Runners.EDITORS.contains(name) || Runners.editorRuns(w, i))) {
        ask(guess(inv.text()), inv, "`" + name + "` runs code that names an infrastructure tool,"
            + " and plangate does not read that code");
      }
      return;
    }
    if (Runners.INERT.contains(name) && !(name.equals("git") && Runners.gitRuns(w, i))) {
      return;
    }
    // An unknown runner: would what it is handed be an infrastructure command?
    int before = out.size();
    int lastAction = ShellWords.lastActionWord(w, i + 1);
    for (int j = i + 1; j < w.size() && hypotheses < 32; j++) {
      Word x = w.get(j);
      if (x.dynamic()) {
        // "flock /tmp/l $TF destroy": the runner may run a program named when the line runs.
        Tool hint = x.soleVar() != null ? inv.scope.hints.get(x.soleVar()) : null;
        if (hint != null || lastAction > j) {
          hypotheses++;
          ask(hint != null ? hint : guess(inv.text()), inv, "it runs under `" + name + "`,"
              + " which plangate does not know, and that program may run a program named when"
              + " the line runs (a variable or a command substitution)");
        }
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
        shellOf(tail, inv);
      }
    }
    if (inv.stdin != null && hypotheses < 32) {
      hypotheses++;
      shellOf(inv.stdin, inv);
    }
    for (int k = before; k < out.size(); k++) {
      out.set(k, out.get(k).withReason("it runs under `" + name + "`, which plangate does not"
          + " know: that program may run it, somewhere or with something plangate cannot"
          + " see"));
    }
    // "cp /usr/bin/terraform ./t && ./t destroy": a program plangate does not know, given an
    // action word, on a line that names a tool may be that tool under another name.
    if (out.size() == before && lineNamesTool && !WORD_LISTS.contains(name)
        && hasActionWord(w, i + 1)) {
      ask(guess(line), inv, "`" + name + "` is a program plangate does not know, given an"
          + " infrastructure action on a line that names an infrastructure tool: it may be"
          + " that tool under another name");
    }
  }

  /** Keywords whose words are a list, not a command: {@code for a in plan apply}. */
  private static final Set<String> WORD_LISTS = Set.of("for", "select", "case");

  private static boolean anyDynamic(List<Word> w, int from) {
    for (int j = from; j < w.size(); j++) {
      if (w.get(j).dynamic()) {
        return true;
      }
    }
    return false;
  }

  /** A command string {@code inv}'s command hands to a shell of its own. */
  void shellOf(String s, Inv inv) {
    ShellScope child = inv.scope.subshell();
    child.cwd = inv.cwd;
    child.elsewhere = inv.elsewhere;
    shell(s, inv.depth + 1, child);
  }


  // ---- tools -------------------------------------------------------------------------------

  /** w.get(at) is the tool's binary (or what stands for it); its arguments follow. */
  void classify(Tool tool, List<Word> w, int at, Inv inv) {
    new Subcommands(inv, inv.argsAppended).classify(tool, w, at);
  }
}
