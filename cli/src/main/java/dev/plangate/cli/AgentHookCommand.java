package dev.plangate.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.plangate.cli.agent.AgentProtocol;
import dev.plangate.cli.agent.HookAnswer;
import dev.plangate.core.agent.ApplyGuard;
import dev.plangate.core.agent.ApplyGuard.Outcome.Kind;
import dev.plangate.core.agent.CommandRecognizer;
import dev.plangate.core.agent.DestructiveCommands;
import dev.plangate.core.agent.PlanProducer;
import dev.plangate.core.audit.AuditEntry;
import dev.plangate.core.report.Escape;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code plangate agent-hook}: the hook an AI agent calls before it runs a shell command. It
 * reads the agent's tool call on standard input and answers in that agent's format: allow what
 * changes no infrastructure, ask a person about what destroys or replaces, deny what the policy
 * protects. Input it cannot read is denied, never allowed.
 */
@Command(
    name = "agent-hook",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = "Judge a shell command an AI agent is about to run (Claude Code PreToolUse,"
        + " Cursor beforeShellExecution, Gemini CLI BeforeTool), reading the tool call as JSON"
        + " on standard input and answering in the agent's own format.",
    subcommands = AgentHookInstall.class,
    footer = {"", "Exit codes: 0 with the answer on standard output; 2 with the reason on"
        + " standard error when the input cannot be read (every supported agent blocks the"
        + " command on exit 2)."})
public final class AgentHookCommand implements Callable<Integer> {
  /** Tool calls are small; anything larger is not a tool call. */
  static final int MAX_INPUT_BYTES = 1 << 20;
  private static final ObjectMapper JSON = new ObjectMapper();

  @Spec CommandSpec spec;

  @Option(names = "--agent", paramLabel = "NAME",
      description = "The agent's protocol: claude-code, cursor, gemini (default: detected from"
          + " the input).")
  String agent;

  @Option(names = "--policy", paramLabel = "FILE",
      description = "Policy file (default: .plangate.yml at the root of the repository the"
          + " command runs in).")
  Path policy;

  @Option(names = "--audit-log", paramLabel = "FILE",
      description = "Append every decision on an infrastructure command to this hash-chained"
          + " log (see plangate audit verify). A log that cannot be written denies the command.")
  Path auditLog;

  @Option(names = "--plan-timeout", paramLabel = "SECONDS", defaultValue = "300",
      description = "How long terraform plan may take before a person is asked instead"
          + " (default: ${DEFAULT-VALUE}).")
  long planTimeout;

  private final Map<String, String> env;
  private final InputStream in;

  AgentHookCommand(Map<String, String> env, InputStream in) {
    this.env = env;
    this.in = in;
  }

  @Override
  public Integer call() throws IOException {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    Optional<AgentProtocol> forced = Optional.empty();
    if (agent != null) {
      forced = AgentProtocol.byId(agent);
      if (forced.isEmpty()) {
        return refuse(err, "--agent must be claude-code, cursor or gemini, not '"
            + Escape.terminal(agent) + "'");
      }
    }
    byte[] bytes = in.readNBytes(MAX_INPUT_BYTES + 1);
    if (bytes.length > MAX_INPUT_BYTES) {
      return refuse(err, "the hook input is larger than " + MAX_INPUT_BYTES + " bytes; no"
          + " agent sends a tool call that size");
    }
    JsonNode input;
    try {
      input = JSON.readTree(bytes);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      return answerOrRefuse(out, err, forced, "the hook input is not JSON ("
          + Escape.terminal(e.getOriginalMessage()) + ")");
    }
    if (input == null || input.isMissingNode()) {
      return answerOrRefuse(out, err, forced, "the hook input is empty");
    }
    Optional<AgentProtocol> protocol = forced.isPresent() ? forced : AgentProtocol.detect(input);
    if (protocol.isEmpty()) {
      return refuse(err, "the hook input is not a tool call plangate knows (Claude Code"
          + " PreToolUse, Cursor beforeShellExecution, Gemini CLI BeforeTool); give --agent if"
          + " the agent is one of them");
    }
    AgentProtocol p = protocol.get();
    Optional<AgentProtocol.ShellCall> call;
    try {
      call = p.shellCall(input);
    } catch (IllegalArgumentException e) {
      return answer(out, p, deny("the " + p.agent() + " hook input cannot be read: "
          + Escape.terminal(e.getMessage())));
    }
    if (call.isEmpty()) {
      return answer(out, p, mcpCall(input));
    }
    Workspace ws;
    DestructiveCommands table;
    try {
      // The agent names the directory: a path Java cannot hold is a refusal, not a crash.
      Path cwd = call.get().cwd() == null ? Path.of("").toAbsolutePath()
          : Path.of(call.get().cwd());
      table = DestructiveCommands.near(cwd);
      if (CommandRecognizer.recognize(call.get().command(), table).isEmpty()) {
        return answer(out, p, HookAnswer.allow());
      }
      ws = Workspace.open(cwd, policy, false);
    } catch (InvalidPathException e) {
      return answer(out, p, deny("the " + p.agent() + " hook input's cwd is not a usable path ("
          + Escape.terminal(e.getMessage()) + ")"));
    } catch (Workspace.UsageException e) {
      return answer(out, p, deny("plangate cannot read the policy, so it cannot judge an"
          + " infrastructure command: " + Escape.terminal(e.getMessage())));
    } catch (IllegalArgumentException | IOException e) {
      return answer(out, p, deny("the repository's " + DestructiveCommands.USER_FILE
          + " cannot be used: " + Escape.terminal(String.valueOf(e.getMessage()))));
    }
    ApplyGuard.Outcome o = new ApplyGuard(ws.policy(), env, p.agent(),
        new PlanProducer(planTimeout)).check(call.get().command(), ws.dir(), table);
    try {
      Audit.append(Audit.file(auditLog, ws.policy(), ws.root()), Audit.withReports(
          AuditEntry.now(AuditEntry.SOURCE_AGENT_HOOK, call.get().command(), o.kind().id())
              .withAgent(p.agent())
              .withReason(o.kind() == Kind.ALLOW ? null : o.forAgent()), o.reports()));
    } catch (IOException e) {
      return answer(out, p, deny(Escape.terminal(e.getMessage())));
    }
    return answer(out, p, new HookAnswer(o.kind(), o.forPerson(), o.forAgent()));
  }

  /**
   * A tool call that is not a shell command: an MCP server's tool is judged by the table of
   * destructive commands (and by the command line it carries, if any); anything else passes.
   */
  private static HookAnswer mcpCall(JsonNode input) {
    String tool = input.path("tool_name").asText("");
    if (!tool.startsWith("mcp__")) {
      return HookAnswer.allow();
    }
    DestructiveCommands table;
    try {
      String cwd = input.path("cwd").asText("");
      table = cwd.isEmpty() ? DestructiveCommands.builtin()
          : DestructiveCommands.near(Path.of(cwd));
    } catch (IllegalArgumentException | IOException e) {
      return deny("the repository's " + DestructiveCommands.USER_FILE + " cannot be used: "
          + Escape.terminal(String.valueOf(e.getMessage())));
    }
    return table.mcpCall(tool, input.path("tool_input")).map(m -> {
      String why = "`" + Escape.terminal(m.text()) + "` " + Escape.terminal(m.rule().why());
      return m.rule().deny()
          ? new HookAnswer(Kind.DENY, "plangate: " + why, "plangate refused " + why
              + ". Do not retry or work around it; tell the person.")
          : new HookAnswer(Kind.ASK, "plangate: " + why + "; a person decides.", why
              + "; a person decides.");
    }).orElse(HookAnswer.allow());
  }

  private static HookAnswer deny(String why) {
    return new HookAnswer(Kind.DENY, "plangate: " + why, "plangate refused the"
        + " command: " + why);
  }

  private static int answer(PrintWriter out, AgentProtocol p, HookAnswer a) {
    p.render(a).ifPresent(out::println);
    out.flush();
    return 0;
  }

  /** With a known protocol, a deny in its format; without one, exit 2, which every agent reads as block. */
  private static int answerOrRefuse(PrintWriter out, PrintWriter err,
      Optional<AgentProtocol> p, String why) {
    return p.isPresent() ? answer(out, p.get(), deny(why)) : refuse(err, why);
  }

  private static int refuse(PrintWriter err, String why) {
    err.println("plangate: refused: " + why);
    err.flush();
    return Cli.USAGE;
  }
}
