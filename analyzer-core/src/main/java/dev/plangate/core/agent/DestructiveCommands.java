package dev.plangate.core.agent;

import com.fasterxml.jackson.databind.JsonNode;
import dev.plangate.core.agent.ShellTokens.Word;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The table of commands that destroy infrastructure, or the state that tracks it, outside any
 * plan plangate can read: {@code rm terraform.tfstate}, {@code aws ec2 delete-vpc}, {@code aws
 * s3 rb}, {@code kubectl delete namespace}, an MCP server's {@code delete_resource}. The built-in
 * rules are the resource {@code destructive-commands.tsv} beside this class (its header explains
 * the format); a repository adds its own in {@link #USER_FILE}.
 */
public final class DestructiveCommands {
  /** Where a repository adds rules, relative to its root. */
  public static final String USER_FILE = ".plangate/destructive-commands.tsv";
  /** A rules file larger than this is refused: a table, not a data set. */
  static final int MAX_BYTES = 256 * 1024;
  private static final int MAX_RULES = 2000;

  /**
   * One rule.
   *
   * @param deny whether the answer is deny (else ask)
   * @param command the command name ({@code mcp} for MCP tools, {@code >} for redirections)
   * @param operands globs the command's operands must match, in order
   * @param options options that must be present ({@code --recursive}, {@code -x})
   * @param absent options that must not be present ({@code !--preview-only})
   * @param why what the person is shown
   * @param file the rules file it comes from
   * @param line its line there
   */
  public record Rule(boolean deny, String command, List<String> operands, List<String> options,
      List<String> absent, String why, String file, int line) {
    /** {@code file:line}, for messages. */
    public String source() {
      return where(file, line - 1);
    }
  }

  /** What a rule says about a command. */
  public record Match(Rule rule, String text) {}

  private static volatile DestructiveCommands builtin;

  private final List<Rule> rules;

  private DestructiveCommands(List<Rule> rules) {
    this.rules = List.copyOf(rules);
  }

  /** The built-in rules. */
  public static DestructiveCommands builtin() {
    DestructiveCommands b = builtin;
    if (b == null) {
      try (InputStream in = DestructiveCommands.class.getResourceAsStream(
          "destructive-commands.tsv")) {
        if (in == null) {
          throw new IllegalStateException("destructive-commands.tsv is missing from the jar");
        }
        b = new DestructiveCommands(parse(new String(in.readNBytes(MAX_BYTES),
            StandardCharsets.UTF_8), "destructive-commands.tsv"));
      } catch (IOException e) {
        throw new IllegalStateException("destructive-commands.tsv cannot be read", e);
      }
      builtin = b;
    }
    return b;
  }

  /**
   * The built-in rules and the repository's own ({@link #USER_FILE} under {@code root}, when it
   * exists).
   *
   * @throws IllegalArgumentException when the repository's file is not a regular file, too
   *     large, or has a line that is not a rule (the message names file, line and reason)
   */
  public static DestructiveCommands forRepository(Path root) throws IOException {
    DestructiveCommands b = builtin();
    if (root == null) {
      return b;
    }
    Path f = root.resolve(USER_FILE);
    if (!Files.exists(f, LinkOption.NOFOLLOW_LINKS)) {
      return b;
    }
    if (!Files.isRegularFile(f)) {
      throw new IllegalArgumentException(USER_FILE + " is not a regular file");
    }
    byte[] bytes;
    try (InputStream in = Files.newInputStream(f)) {
      bytes = in.readNBytes(MAX_BYTES + 1);
    }
    if (bytes.length > MAX_BYTES) {
      throw new IllegalArgumentException(USER_FILE + " is larger than " + MAX_BYTES + " bytes");
    }
    List<Rule> all = new ArrayList<>(b.rules);
    all.addAll(parse(new String(bytes, StandardCharsets.UTF_8), USER_FILE));
    return new DestructiveCommands(all);
  }

  /**
   * The built-in rules and those of the repository {@code dir} is in: the nearest {@link
   * #USER_FILE} in {@code dir} or a parent, stopping at the repository's root (the directory
   * holding {@code .git}). Cheap: a few file-system lookups, no git.
   *
   * @throws IllegalArgumentException when the repository's file cannot be used (see {@link
   *     #forRepository})
   */
  public static DestructiveCommands near(Path dir) throws IOException {
    for (Path d = dir == null ? null : dir.toAbsolutePath().normalize(); d != null;
        d = d.getParent()) {
      if (Files.exists(d.resolve(USER_FILE), LinkOption.NOFOLLOW_LINKS)) {
        return forRepository(d);
      }
      if (Files.exists(d.resolve(".git"), LinkOption.NOFOLLOW_LINKS)) {
        break;
      }
    }
    return builtin();
  }

  /**
   * Parses rules; a line that is not one is an error naming the line. By hand, without regular
   * expressions or string concatenation on the way: this runs in a hook's cold JVM.
   */
  static List<Rule> parse(String text, String source) {
    List<Rule> out = new ArrayList<>();
    String[] lines = text.split("\n", -1);
    for (int n = 0; n < lines.length; n++) {
      String line = lines[n].strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      List<String> cols = columns(line);
      if (cols.size() < 3) {
        throw new IllegalArgumentException(where(source, n) + ": a rule is ANSWER, PATTERN and"
            + " WHY separated by tabs");
      }
      String answer = cols.get(0);
      if (!answer.equals("ask") && !answer.equals("deny")) {
        throw new IllegalArgumentException(where(source, n) + ": the answer must be ask or"
            + " deny, not '" + answer + "'");
      }
      List<String> words = words(cols.get(1));
      List<String> operands = new ArrayList<>();
      List<String> options = new ArrayList<>();
      List<String> absent = new ArrayList<>();
      for (int k = 1; k < words.size(); k++) {
        String x = words.get(k);
        if (x.startsWith("!-")) {
          absent.add(x.substring(1));
        } else if (x.startsWith("-") && x.length() > 1) {
          options.add(x);
        } else {
          operands.add(x);
        }
      }
      if (words.get(0).equals("mcp") && operands.size() != 2) {
        throw new IllegalArgumentException(where(source, n) + ": an MCP rule is 'mcp SERVER"
            + " TOOL'");
      }
      out.add(new Rule(answer.equals("deny"), words.get(0).toLowerCase(Locale.ROOT),
          List.copyOf(operands), List.copyOf(options), List.copyOf(absent), cols.get(2),
          source, n + 1));
      if (out.size() > MAX_RULES) {
        throw new IllegalArgumentException(source + ": more than " + MAX_RULES + " rules");
      }
    }
    return out;
  }

  private static String where(String source, int n) {
    return source + ":" + (n + 1);
  }

  /** ANSWER, PATTERN, WHY: separated by tabs, or by two or more blanks. */
  private static List<String> columns(String line) {
    List<String> out = new ArrayList<>(3);
    int i = 0;
    int n = line.length();
    while (i < n && out.size() < 2) {
      int start = i;
      while (i < n && line.charAt(i) != '\t'
          && !(line.charAt(i) == ' ' && i + 1 < n && line.charAt(i + 1) == ' ')) {
        i++;
      }
      out.add(line.substring(start, i).strip());
      while (i < n && (line.charAt(i) == '\t' || line.charAt(i) == ' ')) {
        i++;
      }
    }
    if (i < n) {
      out.add(line.substring(i).strip());
    }
    return out;
  }

  /** The pattern's words, between blanks (a one-character split: no regular expression). */
  private static List<String> words(String pattern) {
    List<String> out = new ArrayList<>();
    for (String x : pattern.split(" ")) {
      if (!x.isEmpty()) {
        out.add(x);
      }
    }
    return out;
  }

  /** Whether any rule is about a command of this name (lets the walk skip the rest cheaply). */
  boolean names(String command) {
    for (Rule r : rules) {
      if (r.command.equals(command)) {
        return true;
      }
    }
    return false;
  }

  /** The first rule matching {@code w[i..]} (command name {@code name}), or null. */
  Rule match(String name, List<Word> w, int i) {
    for (Rule r : rules) {
      if (r.command.equals(name) && matches(r, w, i)) {
        return r;
      }
    }
    return null;
  }

  /** The first rule about overwriting this redirection target, or null. */
  Rule matchRedirect(String target) {
    for (Rule r : rules) {
      if (r.command.equals(">")) {
        for (String g : r.operands) {
          if (anyGlob(g, target)) {
            return r;
          }
        }
      }
    }
    return null;
  }

  private static boolean matches(Rule r, List<Word> w, int i) {
    for (String o : r.options) {
      if (!hasOption(w, i, o)) {
        return false;
      }
    }
    for (String o : r.absent) {
      if (hasOption(w, i, o)) {
        return false;
      }
    }
    int k = 0;
    boolean options = true;
    for (int j = i + 1; j < w.size() && k < r.operands.size(); j++) {
      String v = w.get(j).value();
      if (options && v.equals("--")) {
        options = false;
        continue;
      }
      if (options && v.startsWith("-") && v.length() > 1) {
        continue;
      }
      if (anyGlob(r.operands.get(k), v)) {
        k++;
      }
    }
    return k == r.operands.size();
  }

  private static boolean hasOption(List<Word> w, int i, String o) {
    boolean shortOpt = o.length() == 2 && o.charAt(0) == '-' && o.charAt(1) != '-';
    for (int j = i + 1; j < w.size(); j++) {
      String v = w.get(j).value();
      if (v.equals("--")) {
        return false;
      }
      if (v.equals(o) || v.startsWith(o + "=")
          || shortOpt && v.length() > 2 && v.charAt(0) == '-' && v.charAt(1) != '-'
              && v.indexOf(o.charAt(1), 1) > 0) {
        return true;
      }
    }
    return false;
  }

  /** {@code a|b|c}: any alternative matches. */
  static boolean anyGlob(String alternatives, String s) {
    int from = 0;
    while (true) {
      int bar = alternatives.indexOf('|', from);
      String g = bar < 0 ? alternatives.substring(from) : alternatives.substring(from, bar);
      if (glob(g, 0, s, 0)) {
        return true;
      }
      if (bar < 0) {
        return false;
      }
      from = bar + 1;
    }
  }

  /**
   * {@code *} matches any run of characters, {@code ?} one, {@code \*} a literal star. Linear
   * enough: patterns are short and have few stars.
   */
  static boolean glob(String g, int gi, String s, int si) {
    int star = -1;
    int mark = 0;
    while (si < s.length()) {
      if (gi < g.length() && g.charAt(gi) == '\\' && gi + 1 < g.length()
          && g.charAt(gi + 1) == s.charAt(si)) {
        gi += 2;
        si++;
      } else if (gi < g.length() && g.charAt(gi) == '*') {
        star = gi++;
        mark = si;
      } else if (gi < g.length() && g.charAt(gi) != '\\'
          && (g.charAt(gi) == '?' || g.charAt(gi) == s.charAt(si))) {
        gi++;
        si++;
      } else if (star >= 0) {
        gi = star + 1;
        si = ++mark;
      } else {
        return false;
      }
    }
    while (gi < g.length() && g.charAt(gi) == '*') {
      gi++;
    }
    return gi == g.length();
  }

  // ---- MCP tool calls ---------------------------------------------------------------------------

  /**
   * The rule an MCP tool call matches, or empty: {@code toolName} is the agent's name for the
   * tool ({@code mcp__SERVER__TOOL} in Claude Code; a bare tool name elsewhere, matched with any
   * server), {@code toolInput} its arguments. A call whose input holds a command line (the AWS
   * API server's {@code call_aws} {@code cli_command}, a {@code command} field) is judged as that
   * command line too, by the recogniser.
   */
  public Optional<Match> mcpCall(String toolName, JsonNode toolInput) {
    if (toolName == null) {
      return Optional.empty();
    }
    String name = toolName.toLowerCase(Locale.ROOT);
    String server = "";
    String tool = name;
    if (name.startsWith("mcp__")) {
      String rest = name.substring("mcp__".length());
      int sep = rest.indexOf("__");
      server = sep < 0 ? rest : rest.substring(0, sep);
      tool = sep < 0 ? "" : rest.substring(sep + 2);
    }
    for (Rule r : rules) {
      if (r.command.equals("mcp") && anyGlob(r.operands.get(0), server)
          && anyGlob(r.operands.get(1), tool)) {
        return Optional.of(new Match(r, toolName));
      }
    }
    if (toolInput != null && toolInput.isObject()) {
      for (Map.Entry<String, JsonNode> f : toolInput.properties()) {
        if (f.getValue().isTextual() && (f.getKey().equals("cli_command")
            || f.getKey().equals("command") || f.getKey().equals("cmd"))) {
          List<InfraCommand> found = CommandRecognizer.recognize(f.getValue().asText(), this);
          if (!found.isEmpty()) {
            InfraCommand c = found.get(0);
            String why = c.reason() != null ? c.reason()
                : "runs `" + c.text() + "`, which changes infrastructure";
            return Optional.of(new Match(new Rule(c.refuse(), "mcp", List.of(), List.of(),
                List.of(), why, "the recogniser", 0), toolName));
          }
        }
      }
    }
    return Optional.empty();
  }

  List<Rule> rules() {
    return rules;
  }
}
