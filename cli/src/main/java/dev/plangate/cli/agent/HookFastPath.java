package dev.plangate.cli.agent;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.plangate.core.agent.CommandRecognizer;
import dev.plangate.core.agent.DestructiveCommands;
import java.io.File;
import java.io.IOException;

/**
 * The hook's answer for the common case, a shell command that changes no infrastructure, given
 * before the command line framework and Jackson's object mapper are loaded: the hook runs on
 * every command an agent runs, and the JVM's start is most of its cost. Only the streaming
 * parser is used, and anything unusual (malformed JSON, a repeated field, an unknown event, an
 * infrastructure command) is left to the full hook, which decides it.
 */
public final class HookFastPath {
  /** What each protocol answers for a harmless command; {@link AgentProtocol#render} agrees. */
  static final String CLAUDE_ALLOW = "";
  static final String CURSOR_ALLOW = "{\"permission\":\"allow\"}";
  static final String GEMINI_ALLOW = "{\"decision\":\"allow\"}";
  /** Kiro reads only the exit code: 0 and nothing printed lets the tool run. */
  static final String KIRO_ALLOW = "";

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
    Fields f;
    try {
      f = read(input);
    } catch (IOException | RuntimeException e) {
      return null;
    }
    if (f == null) {
      return null;
    }
    String protocol = forcedAgent != null ? forcedAgent : protocolOf(f.event);
    if (protocol == null) {
      return null;
    }
    String command;
    String allow;
    switch (protocol) {
      case "claude-code" -> {
        if (!"PreToolUse".equals(f.event) || !"Bash".equals(f.tool)) {
          return null;
        }
        command = f.toolCommand;
        allow = CLAUDE_ALLOW;
      }
      case "cursor" -> {
        if (!"beforeShellExecution".equals(f.event)) {
          return null;
        }
        command = f.command;
        allow = CURSOR_ALLOW;
      }
      case "gemini" -> {
        if (!"BeforeTool".equals(f.event) || !"run_shell_command".equals(f.tool)) {
          return null;
        }
        command = f.toolCommand;
        allow = GEMINI_ALLOW;
      }
      case "kiro" -> {
        if (!"preToolUse".equals(f.event) || !("shell".equals(f.tool)
            || "execute_bash".equals(f.tool) || "execute_cmd".equals(f.tool))) {
          return null;
        }
        command = f.toolCommand;
        allow = KIRO_ALLOW;
      }
      default -> {
        return null;
      }
    }
    return command != null && CommandRecognizer.recognize(command).isEmpty()
        && !repositoryRules(f.cwd) ? allow : null;
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

  /** The few fields the protocols use. */
  private static final class Fields {
    String event;
    String tool;
    String command;
    String toolCommand;
    String cwd;
  }

  /** Null when the input is not one JSON object, or a field the hook reads comes twice. */
  private static Fields read(byte[] input) throws IOException {
    Fields f = new Fields();
    try (JsonParser p = FACTORY.createParser(input)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        return null;
      }
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String name = p.currentName();
        JsonToken value = p.nextToken();
        switch (name) {
          case "cwd" -> {
            if (value != JsonToken.VALUE_STRING || f.cwd != null) {
              return null;
            }
            f.cwd = p.getText();
          }
          case "hook_event_name", "tool_name", "command" -> {
            if (value != JsonToken.VALUE_STRING || !set(f, name, p.getText())) {
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

  private static boolean readToolInput(JsonParser p, Fields f) throws IOException {
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String name = p.currentName();
      JsonToken value = p.nextToken();
      if (name.equals("command")) {
        if (value != JsonToken.VALUE_STRING || f.toolCommand != null) {
          return false;
        }
        f.toolCommand = p.getText();
      } else {
        p.skipChildren();
      }
    }
    return p.currentToken() == JsonToken.END_OBJECT;
  }

  private static boolean set(Fields f, String name, String value) {
    switch (name) {
      case "hook_event_name" -> {
        if (f.event != null) {
          return false;
        }
        f.event = value;
      }
      case "tool_name" -> {
        if (f.tool != null) {
          return false;
        }
        f.tool = value;
      }
      default -> {
        if (f.command != null) {
          return false;
        }
        f.command = value;
      }
    }
    return true;
  }
}
