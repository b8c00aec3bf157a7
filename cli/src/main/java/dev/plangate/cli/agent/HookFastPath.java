package dev.plangate.cli.agent;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.plangate.core.agent.CommandRecognizer;
import dev.plangate.core.agent.DestructiveCommands;
import java.io.File;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;

/**
 * The hook's answer for the common case, a shell command that changes no infrastructure, given
 * before the command line framework and Jackson's object mapper are loaded: the hook runs on
 * every command an agent runs, and the JVM's start is most of its cost. Only the streaming
 * parser is used, and anything unusual (malformed JSON, a repeated field, an unknown event, an
 * infrastructure command) is left to the full hook, which decides it.
 */
public final class HookFastPath {
  /** A key that comes twice anywhere leaves the input to the full hook, which denies it. */
  private static final JsonFactory FACTORY = new JsonFactory()
      .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

  private HookFastPath() {}

  /**
   * The text to print for a harmless command, or null when the full hook must look.
   *
   * @param forcedAgent the {@code --agent} value, or null to detect the protocol
   */
  public static String answer(byte[] input, String forcedAgent) {
    Map<String, String> f;
    try {
      f = read(input);
    } catch (IOException | RuntimeException e) {
      return null;
    }
    if (f == null) {
      return null;
    }
    String event = f.get("hook_event_name");
    String tool = f.get("tool_name");
    String protocol = forcedAgent != null ? forcedAgent : protocolOf(event);
    if (protocol == null || !protocol.equals(protocolOf(event))) {
      return null;
    }
    // Null for a tool call of another tool than the shell: the full hook looks at it.
    String command = protocol.equals("cursor") ? f.get("command")
        : runsShell(protocol, tool) ? f.get(TOOL_COMMAND) : null;
    return command != null && CommandRecognizer.recognize(command).isEmpty()
        && !repositoryRules(f.get("cwd")) ? allow(protocol) : null;
  }

  /**
   * What a protocol answers for a harmless command, or null for one it does not know;
   * {@link AgentProtocol#render} prints it too.
   */
  static String allow(String protocol) {
    return switch (protocol) {
      case "cursor" -> "{\"permission\":\"allow\"}";
      case "gemini" -> "{\"decision\":\"allow\"}";
      // Claude Code: no opinion. Kiro reads only the exit code: 0 and nothing printed lets the
      // tool run.
      case "claude-code", "kiro" -> "";
      // A protocol added without its answer here is never allowed by default: null leaves
      // the call to the full hook.
      default -> null;
    };
  }

  /**
   * Whether a tool call of a protocol whose event is a tool call (not Cursor's) runs the shell:
   * Kiro's shell tool goes by its current and its earlier names.
   */
  static boolean runsShell(String protocol, String tool) {
    return switch (protocol) {
      case "claude-code" -> "Bash".equals(tool);
      case "gemini" -> "run_shell_command".equals(tool);
      case "kiro" -> "shell".equals(tool) || "execute_bash".equals(tool)
          || "execute_cmd".equals(tool);
      default -> false;
    };
  }

  /**
   * Whether the repository the command runs in adds rules to the table of destructive commands
   * ({@link DestructiveCommands#USER_FILE}): those only the full hook reads. A few file-system
   * lookups, no parsing.
   */
  private static boolean repositoryRules(String cwd) {
    try {
      // java.io, not java.nio: its classes are loaded already when the JVM starts.
      File d = new File(cwd == null ? "" : cwd).getAbsoluteFile();
      for (; d != null; d = d.getParentFile()) {
        if (new File(d, DestructiveCommands.USER_FILE).exists()) {
          return true;
        }
        if (new File(d, ".git").exists()) {
          return false;
        }
      }
      return false;
    } catch (RuntimeException e) {
      return true;
    }
  }

  /**
   * The protocol ({@code --agent} name) whose event this is, or null: the one place event names
   * map to agents, also for {@link AgentProtocol#detect}.
   */
  static String protocolOf(String event) {
    return switch (String.valueOf(event)) {
      case "PreToolUse" -> "claude-code";
      case "beforeShellExecution" -> "cursor";
      case "BeforeTool" -> "gemini";
      case "preToolUse" -> "kiro";
      default -> null;
    };
  }

  /** The key of {@code tool_input.command} among the fields {@link #read} returns. */
  private static final String TOOL_COMMAND = "tool_input.command";

  /**
   * The few fields the protocols use, by name; null when the input is not one JSON object, or a
   * field the hook reads is not a string or comes twice.
   */
  private static Map<String, String> read(byte[] input) throws IOException {
    Map<String, String> f = new HashMap<>();
    try (JsonParser p = FACTORY.createParser(input)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        return null;
      }
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String name = p.currentName();
        JsonToken value = p.nextToken();
        switch (name) {
          case "cwd", "hook_event_name", "tool_name", "command" -> {
            if (value != JsonToken.VALUE_STRING || f.put(name, p.getText()) != null) {
              return null;
            }
          }
          case "tool_input" -> {
            if (value != JsonToken.START_OBJECT || !readToolInput(p, f)) {
              return null;
            }
          }
          default -> p.skipChildren();
        }
      }
      if (p.currentToken() != JsonToken.END_OBJECT || p.nextToken() != null) {
        return null;
      }
    }
    return f;
  }

  private static boolean readToolInput(JsonParser p, Map<String, String> f) throws IOException {
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String name = p.currentName();
      JsonToken value = p.nextToken();
      if (name.equals("command")) {
        if (value != JsonToken.VALUE_STRING || f.put(TOOL_COMMAND, p.getText()) != null) {
          return false;
        }
      } else {
        p.skipChildren();
      }
    }
    return p.currentToken() == JsonToken.END_OBJECT;
  }
}
