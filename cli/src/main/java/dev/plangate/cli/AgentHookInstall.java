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
 */
@Command(
    name = "install",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = "Install the agent hook in this project: .claude/settings.json (claude-code),"
        + " .cursor/hooks.json (cursor), .gemini/settings.json (gemini).")
final class AgentHookInstall implements Callable<Integer> {
  /** How a plangate entry is recognised in a configuration file. */
  static final String MARKER = " agent-hook --agent ";
  /** Hooks time out; a terraform plan can take minutes. */
  static final int TIMEOUT_SECONDS = 600;
  private static final ObjectMapper JSON = new ObjectMapper()
      .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
      .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
      .enable(SerializationFeature.INDENT_OUTPUT);

  @Spec CommandSpec spec;

  @Option(names = "--agent", paramLabel = "NAME", required = true,
      description = "claude-code, cursor or gemini.")
  String agent;

  @Option(names = "--dir", paramLabel = "DIR",
      description = "The project directory (default: the current directory).")
  Path dir;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    Optional<AgentProtocol> p = AgentProtocol.byId(agent);
    if (p.isEmpty()) {
      Cli.error(err, "--agent must be claude-code, cursor or gemini, not '" + agent + "'");
      return Cli.USAGE;
    }
    Path project = (dir == null ? Path.of("") : dir).toAbsolutePath().normalize();
    String command = PlangateLauncher.command() + MARKER + p.get().id();
    Path file = project.resolve(switch (p.get()) {
      case CLAUDE_CODE -> ".claude/settings.json";
      case CURSOR -> ".cursor/hooks.json";
      case GEMINI -> ".gemini/settings.json";
    });
    try {
      ObjectNode config = read(file);
      merge(p.get(), config, command);
      Files.createDirectories(file.getParent());
      Files.writeString(file, JSON.writeValueAsString(config) + "\n", StandardCharsets.UTF_8);
    } catch (IOException | IllegalArgumentException e) {
      Cli.error(err, "cannot install the " + p.get().agent() + " hook in " + file + ": "
          + e.getMessage());
      return Cli.USAGE;
    }
    out.println("plangate: " + p.get().agent() + " now asks plangate before every shell command"
        + " (" + Escape.terminal(project.relativize(file).toString()) + ")");
    return 0;
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
        ArrayNode groups = array(object(config, "hooks"), "PreToolUse");
        ObjectNode entry = JSON.createObjectNode().put("type", "command").put("command", command)
            .put("timeout", TIMEOUT_SECONDS);
        place(groups, JSON.createObjectNode().put("matcher", "Bash")
            .set("hooks", JSON.createArrayNode().add(entry)));
      }
      case CURSOR -> {
        if (!config.has("version")) {
          config.put("version", 1);
        }
        ArrayNode hooks = array(object(config, "hooks"), "beforeShellExecution");
        place(hooks, JSON.createObjectNode().put("command", command));
      }
      case GEMINI -> {
        ArrayNode groups = array(object(config, "hooks"), "BeforeTool");
        ObjectNode entry = JSON.createObjectNode().put("type", "command").put("command", command)
            .put("name", "plangate").put("timeout", TIMEOUT_SECONDS * 1000);
        place(groups, JSON.createObjectNode().put("matcher", "run_shell_command")
            .set("hooks", JSON.createArrayNode().add(entry)));
      }
      default -> throw new IllegalStateException(p.name());
    }
  }

  /** Replaces an earlier plangate entry (found by its command), else appends. */
  private static void place(ArrayNode list, ObjectNode entry) {
    for (int i = 0; i < list.size(); i++) {
      if (list.get(i).toString().contains(MARKER.strip())) {
        list.set(i, entry);
        return;
      }
    }
    list.add(entry);
  }

  private static ObjectNode object(ObjectNode parent, String field) {
    JsonNode n = parent.get(field);
    if (n == null) {
      return parent.putObject(field);
    }
    if (!n.isObject()) {
      throw new IllegalArgumentException("\"" + field + "\" is not an object; fix it by hand");
    }
    return (ObjectNode) n;
  }

  private static ArrayNode array(ObjectNode parent, String field) {
    JsonNode n = parent.get(field);
    if (n == null) {
      return parent.putArray(field);
    }
    if (!n.isArray()) {
      throw new IllegalArgumentException("\"" + field + "\" is not an array; fix it by hand");
    }
    return (ArrayNode) n;
  }
}
