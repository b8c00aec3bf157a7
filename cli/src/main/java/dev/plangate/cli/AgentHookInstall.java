package dev.plangate.cli;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.plangate.cli.agent.AgentProtocol;
import dev.plangate.core.io.InputFile;
import dev.plangate.core.report.Escape;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code plangate agent-hook install --agent NAME}: writes or merges the project's hook
 * configuration so that the agent asks plangate before every shell command. What is already in
 * the file stays; a plangate entry from an earlier install is replaced, not duplicated.
 *
 * <p>The configuration is a file teams commit, so the command in it names no absolute path: it
 * runs the launcher {@code .plangate/bin/plangate} relative to the project, which finds a Java and
 * the jar on whichever machine it runs and, when it cannot, blocks the command with one line
 * saying how to repair it (exit 2, which every supported agent reads as "block"; an exit 1 would
 * let the command through). The launcher, the shims and the jar are written next to it.
 */
@Command(
    name = "install",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = "Install the agent hook in this project: .claude/settings.json (claude-code),"
        + " .cursor/hooks.json (cursor), .gemini/settings.json (gemini),"
        + " .kiro/agents/NAME.json (kiro); the launcher .plangate/bin/plangate and the shims in"
        + " .plangate/shims.")
final class AgentHookInstall implements Callable<Integer> {
  /** How a plangate entry is recognised in a configuration file. */
  static final String MARKER = " agent-hook --agent ";
  /** How plangate's SessionStart entry is recognised. */
  static final String SESSION_MARKER = "plangate-session";
  /** Hooks time out; a terraform plan can take minutes. */
  static final int TIMEOUT_SECONDS = 600;
  /** Where the launcher, the session hook and the copied jar go, relative to the project. */
  static final String BIN = ".plangate/bin";
  /** Where the shims go; the agent's session puts it first on PATH. */
  static final String SHIMS = ".plangate/shims";
  /** The tools a shim stands in for. */
  static final List<String> SHIMMED = List.of("terraform", "tofu", "terragrunt", "pulumi", "cdk",
      "aws");
  private static final ObjectMapper JSON = new ObjectMapper()
      .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
      .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
      .enable(SerializationFeature.INDENT_OUTPUT);

  @Spec CommandSpec spec;

  @Option(names = "--agent", paramLabel = "NAME", required = true,
      description = "claude-code, cursor, gemini or kiro.")
  String agent;

  @Option(names = "--dir", paramLabel = "DIR",
      description = "The project directory (default: the current directory).")
  Path dir;

  @Option(names = "--kiro-agent", paramLabel = "NAME", defaultValue = "plangate",
      description = "Kiro CLI: the agent configuration .kiro/agents/NAME.json to add the hook"
          + " to (created when missing; default: ${DEFAULT-VALUE}).")
  String kiroAgent;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    Optional<AgentProtocol> p = AgentProtocol.byId(agent);
    if (p.isEmpty()) {
      Cli.error(err, "--agent must be claude-code, cursor, gemini or kiro, not '" + agent + "'");
      return Cli.USAGE;
    }
    if (!kiroAgent.matches("[A-Za-z0-9._-]+") || kiroAgent.startsWith(".")) {
      Cli.error(err, "--kiro-agent must be a plain file name, not '" + kiroAgent + "'");
      return Cli.USAGE;
    }
    Path project = (dir == null ? Path.of("") : dir).toAbsolutePath().normalize();
    Path file = project.resolve(configFile(p.get(), kiroAgent));
    String copiedJar;
    try {
      copiedJar = writeLauncher(project);
      ObjectNode config = read(file);
      if (p.get() == AgentProtocol.KIRO && config.isEmpty()) { // a new agent, not someone's
        config.put("name", kiroAgent);
        config.put("description", "Kiro CLI with plangate judging every tool call before it"
            + " runs");
        config.putArray("tools").add("*");
      }
      merge(p.get(), config, command(p.get()));
      Files.createDirectories(file.getParent());
      Files.writeString(file, JSON.writeValueAsString(config) + "\n", StandardCharsets.UTF_8);
    } catch (IOException | IllegalArgumentException e) {
      Cli.error(err, "cannot install the " + p.get().agent() + " hook in " + file + ": "
          + e.getMessage());
      return Cli.USAGE;
    }
    out.println("plangate: " + p.get().agent() + " now asks plangate before every shell command"
        + " (" + Escape.terminal(project.relativize(file).toString()) + ")");
    out.println("plangate: " + copiedJar);
    out.println("plangate: shims for " + String.join(", ", SHIMMED) + " in " + SHIMS + "; "
        + switch (p.get()) {
          case CLAUDE_CODE -> "a SessionStart hook puts them first on Claude Code's PATH";
          case KIRO -> "start Kiro with them first on PATH: PATH=\"$PWD/" + SHIMS + ":$PATH\""
              + " PLANGATE_AGENT_SESSION=kiro kiro-cli chat --agent " + kiroAgent;
          default -> "start the agent with them first on PATH: PATH=\"$PWD/" + SHIMS
              + ":$PATH\" PLANGATE_AGENT_SESSION=" + p.get().id() + " (see docs/agent-hooks.md)";
        });
    out.println("plangate: check it with plangate agent-hook doctor --agent " + p.get().id());
    return 0;
  }

  /** The agent's configuration file, relative to the project. */
  static String configFile(AgentProtocol p, String kiroAgent) {
    return switch (p) {
      case CLAUDE_CODE -> ".claude/settings.json";
      case CURSOR -> ".cursor/hooks.json";
      case GEMINI -> ".gemini/settings.json";
      case KIRO -> ".kiro/agents/" + kiroAgent + ".json";
    };
  }

  /**
   * The hook command as the configuration holds it: the launcher relative to the project, and
   * {@code || exit 2} so that a launcher that is not there (a fresh clone, a deleted
   * directory: the shell's exit 127) blocks rather than lets the command through.
   */
  static String command(AgentProtocol p) {
    String launcher = BIN + "/plangate";
    String args = MARKER + p.id() + " || exit 2";
    return switch (p) {
      // Claude Code names the project in every hook's environment.
      case CLAUDE_CODE -> "\"$CLAUDE_PROJECT_DIR\"/" + launcher + args;
      case GEMINI -> "\"${GEMINI_PROJECT_DIR:-.}\"/" + launcher + args;
      // Cursor and Kiro run project hooks from the project; git finds the top if not.
      default -> "d=.; [ -x ./" + launcher + " ] || d=\"$(git rev-parse --show-toplevel"
          + " 2>/dev/null)\"; \"$d\"/" + launcher + args;
    };
  }

  /**
   * Writes the launcher, the session hook and the shims into the project, and copies the jar
   * this plangate runs from beside the launcher (ignored by git: each machine brings its own).
   *
   * @return one sentence on the jar, for the person installing
   */
  static String writeLauncher(Path project) throws IOException {
    Path bin = project.resolve(BIN);
    Path shims = project.resolve(SHIMS);
    Files.createDirectories(bin);
    Files.createDirectories(shims);
    for (String name : List.of("plangate", "plangate.cmd", "plangate-session")) {
      writeExecutable(bin.resolve(name), resource(name));
    }
    byte[] shim = resource("plangate-shim");
    for (String tool : SHIMMED) {
      writeExecutable(shims.resolve(tool), shim);
    }
    Path ignore = project.resolve(".plangate/.gitignore");
    if (!Files.exists(ignore)) {
      Files.writeString(ignore, "# each machine brings its own jar (PLANGATE_JAR, or install"
          + " again)\n/bin/plangate.jar\n", StandardCharsets.UTF_8);
    }
    Path jar = PlangateLauncher.jar();
    Path target = bin.resolve("plangate.jar");
    if (jar == null) {
      return "no plangate.jar to copy (this plangate runs from classes); the launcher finds"
          + " one through PLANGATE_JAR or a plangate checkout";
    }
    if (!Files.exists(target) || !Files.isSameFile(jar, target)) {
      Files.copy(jar, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }
    return "copied plangate.jar to " + BIN + "/ (git-ignored: a teammate sets PLANGATE_JAR or"
        + " runs install once; until then the hook blocks with a line saying so)";
  }

  private static byte[] resource(String name) throws IOException {
    try (var in = AgentHookInstall.class.getResourceAsStream("launcher/" + name)) {
      if (in == null) {
        throw new IOException("this plangate was built without its launcher scripts (" + name
            + "); rebuild it with Maven");
      }
      return in.readAllBytes();
    }
  }

  private static void writeExecutable(Path file, byte[] content) throws IOException {
    Files.write(file, content);
    try {
      Files.setPosixFilePermissions(file, java.nio.file.attribute.PosixFilePermissions
          .fromString("rwxr-xr-x"));
    } catch (UnsupportedOperationException e) {
      file.toFile().setExecutable(true, false); // not a POSIX file system (Windows)
    }
  }

  /** The file's object, or a new one; anything else there is an error, never overwritten. */
  static ObjectNode read(Path file) throws IOException {
    if (!Files.exists(file)) {
      return JSON.createObjectNode();
    }
    JsonNode node = JSON.readTree(
        InputFile.readString(file, file.toString(), InputFile.MAX_DOCUMENT_BYTES));
    if (node == null || node.isMissingNode()) {
      return JSON.createObjectNode();
    }
    if (!node.isObject()) {
      throw new IllegalArgumentException("it does not hold a JSON object; fix it by hand");
    }
    return (ObjectNode) node;
  }

  static void merge(AgentProtocol p, ObjectNode config, String command) {
    switch (p) {
      case CLAUDE_CODE -> {
        // onFailure: Claude Code 2.1.295 and later block when the hook cannot start, times out
        // or exits with another code; earlier versions ignore it, and || exit 2 covers them.
        ObjectNode entry = JSON.createObjectNode().put("type", "command").put("command", command)
            .put("timeout", TIMEOUT_SECONDS).put("onFailure", "block");
        // MCP tool calls too: a server's delete_resource is judged by the destructive-command table.
        place(config, "PreToolUse", JSON.createObjectNode().put("matcher", "Bash|mcp__.*")
            .set("hooks", JSON.createArrayNode().add(entry)), MARKER.strip());
        // The shims go first on PATH for the whole session through CLAUDE_ENV_FILE.
        place(config, "SessionStart", JSON.createObjectNode().set("hooks",
            JSON.createArrayNode().add(JSON.createObjectNode().put("type", "command").put("command",
                "\"$CLAUDE_PROJECT_DIR\"/" + BIN + "/plangate-session claude-code").put("timeout",
                10))), SESSION_MARKER);
      }
      case CURSOR -> {
        if (!config.has("version")) {
          config.put("version", 1);
        }
        place(config, "beforeShellExecution", JSON.createObjectNode().put("command", command),
            MARKER.strip());
      }
      case GEMINI -> {
        ObjectNode entry = JSON.createObjectNode().put("type", "command").put("command", command)
            .put("name", "plangate").put("timeout", TIMEOUT_SECONDS * 1000);
        place(config, "BeforeTool", JSON.createObjectNode().put("matcher", "run_shell_command")
            .set("hooks", JSON.createArrayNode().add(entry)), MARKER.strip());
      }
      case KIRO -> {
        // Every tool: the shell tool under its current and earlier names, and MCP tools.
        place(config, "preToolUse", JSON.createObjectNode().put("matcher", "*")
            .put("command", command).put("timeout_ms", 60_000), MARKER.strip());
      }
      default -> throw new IllegalStateException(p.name());
    }
  }

  /** Replaces an earlier plangate entry of {@code event} (found by its command), else appends. */
  private static void place(ObjectNode config, String event, ObjectNode entry, String marker) {
    ArrayNode list = hooks(config, event);
    for (int i = 0; i < list.size(); i++) {
      if (list.get(i).toString().contains(marker)) {
        list.set(i, entry);
        return;
      }
    }
    list.add(entry);
  }

  /** {@code config.hooks[event]}, created when missing; anything else there is an error. */
  private static ArrayNode hooks(ObjectNode config, String event) {
    JsonNode hooks = config.get("hooks");
    hooks = hooks == null ? config.putObject("hooks") : hooks;
    if (!hooks.isObject()) {
      throw new IllegalArgumentException("\"hooks\" is not an object; fix it by hand");
    }
    JsonNode list = hooks.get(event);
    list = list == null ? ((ObjectNode) hooks).putArray(event) : list;
    if (!list.isArray()) {
      throw new IllegalArgumentException("\"" + event + "\" is not an array; fix it by hand");
    }
    return (ArrayNode) list;
  }
}
