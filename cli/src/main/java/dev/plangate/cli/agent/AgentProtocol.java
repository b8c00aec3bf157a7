package dev.plangate.cli.agent;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.plangate.core.agent.ApplyGuard.Outcome.Kind;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The hook protocols of the agents plangate guards: how each hands over a shell command and how
 * it wants the answer. Checked against each agent's hook documentation (see docs/agent-hooks.md).
 */
public enum AgentProtocol {
  /**
   * Claude Code {@code PreToolUse} on the {@code Bash} tool: {@code tool_input.command}; the
   * answer is {@code hookSpecificOutput.permissionDecision} allow / ask / deny with a reason
   * (shown to the person on ask, to the model on deny).
   */
  CLAUDE_CODE("claude-code", "Claude Code", "PreToolUse"),
  /**
   * Cursor {@code beforeShellExecution}: {@code command} and {@code cwd} at the top level; the
   * answer is {@code permission} allow / ask / deny with a message for the person and one for
   * the agent.
   */
  CURSOR("cursor", "Cursor", "beforeShellExecution"),
  /**
   * Gemini CLI {@code BeforeTool} on {@code run_shell_command}: {@code tool_input.command}; the
   * answer is {@code decision} allow / deny with a {@code reason} for the agent and a
   * {@code systemMessage} for the person. Gemini has no "ask": what needs a person is denied,
   * and the reason tells the agent to hand the command to the person.
   */
  GEMINI("gemini", "Gemini CLI", "BeforeTool", "dir_path", "directory"),
  /**
   * Kiro CLI {@code preToolUse} on its shell tool ({@code shell}, formerly {@code execute_bash}):
   * {@code tool_input.command}. Kiro reads no answer on standard output: exit 0 lets the tool
   * run, exit 2 blocks it and hands standard error to the model. There is no "ask": what needs
   * a person is blocked, with the findings and the command the person runs instead.
   */
  KIRO("kiro", "Kiro CLI", "preToolUse", "working_dir");

  /** The exit code every supported agent reads as "block this tool call". */
  public static final int BLOCK = 2;

  private static final ObjectMapper JSON = new ObjectMapper();

  private final String id;
  private final String agent;
  /** The hook event that hands over a shell command. */
  private final String event;
  /** The tool input's fields that may name the call's own directory, the first present wins. */
  private final List<String> dirFields;

  AgentProtocol(String id, String agent, String event, String... dirFields) {
    this.id = id;
    this.agent = agent;
    this.event = event;
    this.dirFields = List.of(dirFields);
  }

  /** The name {@code --agent} takes: claude-code, cursor, gemini, kiro. */
  public String id() {
    return id;
  }

  /** The agent's name as the catalogue and the audit log write it. */
  public String agent() {
    return agent;
  }

  public static Optional<AgentProtocol> byId(String id) {
    if ("claude".equalsIgnoreCase(id)) {
      return Optional.of(CLAUDE_CODE);
    }
    for (AgentProtocol p : values()) {
      if (p.id.equals(id.toLowerCase(Locale.ROOT))) {
        return Optional.of(p);
      }
    }
    return Optional.empty();
  }

  /** A shell command an agent is about to run, and where. */
  public record ShellCall(String command, String cwd) {}

  /**
   * Recognises the protocol from the input's shape: the event name and, for tool events, the
   * tool. Empty for anything else, which the hook treats as "cannot tell", never as allow.
   */
  public static Optional<AgentProtocol> detect(JsonNode input) {
    if (input == null || !input.isObject()) {
      return Optional.empty();
    }
    String id = HookFastPath.protocolOf(input.path("hook_event_name").asText(""));
    return id == null ? Optional.empty() : byId(id);
  }

  /**
   * The shell call in an input of this protocol; empty when the input is a tool call that runs
   * no shell command (Claude's Edit, Gemini's read_file), which the hook lets through.
   *
   * @throws IllegalArgumentException when the input is not this protocol's shape: the event is
   *     another, or a shell tool call without a command string
   */
  public Optional<ShellCall> shellCall(JsonNode input) {
    require(input.path("hook_event_name").asText("").equals(event), "hook_event_name is not "
        + event);
    String cwd = textOrNull(input.path("cwd"));
    if (this == CURSOR) {
      return Optional.of(new ShellCall(text(input, "command", "command"), cwd));
    }
    if (!HookFastPath.runsShell(id, toolName(input))) {
      return Optional.empty();
    }
    JsonNode args = input.path("tool_input");
    String dir = null;
    for (String field : dirFields) {
      dir = dir != null ? dir : textOrNull(args.path(field));
    }
    return Optional.of(new ShellCall(text(args, "tool_input.command", "command"),
        within(cwd, dir)));
  }

  private static String textOrNull(JsonNode n) {
    return n.isTextual() ? n.textValue() : null;
  }

  /** The tool call's own directory resolved against the hook's, when it gives one. */
  private static String within(String cwd, String dir) {
    return dir != null && cwd != null ? java.nio.file.Path.of(cwd).resolve(dir).toString() : cwd;
  }

  /**
   * True when this agent reads no answer on standard output and blocks only on exit
   * {@link #BLOCK}, taking standard error as the reason (Kiro CLI).
   */
  public boolean blocksByExitCode() {
    return this == KIRO;
  }

  /**
   * What the model is told when the command is blocked, for agents that block by exit code:
   * the reason, the findings, and that a person runs the command, since the hook cannot ask.
   */
  public String blockMessage(HookAnswer answer) {
    String p = answer.forPerson() == null ? "" : answer.forPerson();
    // A refusal plangate wrote itself says the same thing twice; say it once.
    boolean same = p.isBlank() || answer.forAgent().contains(p.replaceFirst("^plangate: ", ""));
    String person = same ? "" : "\n" + p;
    return answer.forAgent() + person + (answer.verdict() == Kind.ASK
        ? "\n" + agent + " hooks cannot ask the person, so plangate blocked it: show the person"
            + " this summary; if they approve, they run the command themselves in their own"
            + " terminal (plangate apply -- COMMAND asks them to confirm there)."
        : "");
  }

  /** The tool's name: a string, present and not empty, or the input is not a tool call. */
  private static String toolName(JsonNode input) {
    JsonNode t = input.path("tool_name");
    if (!t.isTextual() || t.textValue().isEmpty()) {
      throw new IllegalArgumentException("tool_name is " + (t.isMissingNode() ? "missing"
          : t.isNull() ? "null" : t.isTextual() ? "empty" : "not a string"));
    }
    return t.textValue();
  }

  /**
   * The answer as the agent reads it on standard output, or empty for "no opinion" (Claude
   * Code's normal permission flow then applies).
   */
  public Optional<String> render(HookAnswer answer) {
    if (answer.verdict() == Kind.ALLOW) {
      String allow = HookFastPath.allow(id);
      // Claude Code: no opinion, the person's own permission rules still apply.
      return allow.isEmpty() ? Optional.empty() : Optional.of(allow);
    }
    ObjectNode out = JSON.createObjectNode();
    switch (this) {
      case CLAUDE_CODE -> {
        ObjectNode specific = out.putObject("hookSpecificOutput");
        specific.put("hookEventName", "PreToolUse");
        specific.put("permissionDecision", answer.verdict().id());
        specific.put("permissionDecisionReason", answer.verdict() == Kind.DENY
            ? answer.forAgent() : answer.forPerson());
      }
      case CURSOR -> {
        out.put("permission", answer.verdict().id());
        // Cursor's documentation has spelt these both ways; it ignores keys it does not know.
        out.put("user_message", answer.forPerson());
        out.put("agent_message", answer.forAgent());
        out.put("userMessage", answer.forPerson());
        out.put("agentMessage", answer.forAgent());
      }
      case GEMINI -> {
        out.put("decision", "deny");
        out.put("reason", answer.verdict() == Kind.ASK
            ? answer.forAgent() + " Gemini CLI hooks cannot ask the person, so plangate"
                + " refused it: show the person this summary and let them run the command"
                + " themselves."
            : answer.forAgent());
        out.put("systemMessage", answer.forPerson());
      }
      case KIRO -> {
        return Optional.empty(); // blocked by exit code; see blocksByExitCode
      }
      default -> throw new IllegalStateException(name());
    }
    try {
      return Optional.of(JSON.writeValueAsString(out));
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void require(boolean ok, String problem) {
    if (!ok) {
      throw new IllegalArgumentException(problem);
    }
  }

  private static String text(JsonNode parent, String path, String field) {
    JsonNode v = parent.path(field);
    if (!v.isTextual()) {
      throw new IllegalArgumentException(path + " is " + (v.isMissingNode() ? "missing"
          : "not a string"));
    }
    return v.textValue();
  }
}
