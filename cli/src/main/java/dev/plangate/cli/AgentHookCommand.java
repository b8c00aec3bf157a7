package dev.plangate.cli;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.plangate.cli.agent.AgentProtocol;
import dev.plangate.cli.agent.HookAnswer;
import dev.plangate.cli.agent.SavedPlanCheck;
import dev.plangate.core.agent.ApplyGuard;
import dev.plangate.core.agent.ApplyGuard.Outcome.Kind;
import dev.plangate.core.agent.CommandRecognizer;
import dev.plangate.core.agent.DestructiveCommands;
import dev.plangate.core.agent.InfraCommand;
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
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
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
        + " Cursor beforeShellExecution, Gemini CLI BeforeTool, Kiro CLI preToolUse), reading"
        + " the tool call as JSON on standard input and answering in the agent's own format.",
    subcommands = AgentHookInstall.class, // and doctor, added by Cli with the environment
    footer = {"", "Exit codes: 0 with the answer on standard output; 2 with the reason on"
        + " standard error when the input cannot be read, when the agent blocks by exit code"
        + " (Kiro CLI), or when no answer is ready by the deadline (every supported agent"
        + " blocks the command on exit 2)."})
public final class AgentHookCommand implements Callable<Integer> {
  /** Tool calls are small; anything larger is not a tool call. */
  static final int MAX_INPUT_BYTES = 1 << 20;
  /**
   * Seconds until the hook answers deny, whatever it is doing: well inside Claude Code's
   * default hook timeout (60 s) and Kiro's (30 s) as installed, since a hook the agent kills
   * for taking too long does not block the command.
   */
  public static final long DEFAULT_DEADLINE_SECONDS = 25;
  /** Environment variable that sets the deadline when {@code --deadline} is not given. */
  public static final String DEADLINE_ENV = "PLANGATE_HOOK_DEADLINE";

  /**
   * Strict: a repeated key ({@code "command": <destroy>, "command": "ls"}) or anything after the
   * object would let two readers of the same input see two different commands.
   */
  private static final ObjectMapper JSON = new ObjectMapper()
      .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
      .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

  @Spec CommandSpec spec;

  @Option(names = "--agent", paramLabel = "NAME",
      description = "The agent's protocol: claude-code, cursor, gemini, kiro (default: detected"
          + " from the input).")
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
          + " (default: ${DEFAULT-VALUE}; the deadline stops it sooner).")
  long planTimeout;

  @Option(names = "--deadline", paramLabel = "SECONDS",
      description = "Answer deny if no decision is ready after this many seconds (default: $"
          + DEADLINE_ENV + ", else " + DEFAULT_DEADLINE_SECONDS + "). Keep it below the"
          + " agent's hook timeout.")
  Long deadline;

  private final Map<String, String> env;
  private final InputStream in;
  /** Makes the guard; replaced in tests by one that never finishes. */
  private Judge judge = (policy, environment, agentName, timeout, line, dir, table) ->
      new ApplyGuard(policy, environment, agentName, new PlanProducer(timeout))
          .check(line, dir, table);

  /** Judges one command line for the hook. */
  interface Judge {
    ApplyGuard.Outcome check(dev.plangate.core.policy.Policy policy, Map<String, String> env,
        String agent, long planTimeoutSeconds, String line, Path dir, DestructiveCommands table);
  }

  AgentHookCommand(Map<String, String> env, InputStream in) {
    this.env = env;
    this.in = in;
  }

  AgentHookCommand withJudge(Judge j) {
    this.judge = j;
    return this;
  }

  /** What the hook answers: in a protocol's format, or (no protocol known) a refusal line. */
  private record Result(AgentProtocol protocol, HookAnswer answer, String refusal) {
    static Result refused(String why) {
      return new Result(null, null, why);
    }

    /** Denied in the protocol's format; refused when no protocol is known ({@code p} null). */
    static Result denied(AgentProtocol p, String why) {
      return p == null ? refused(why) : new Result(p, deny(why), null);
    }
  }

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    Optional<AgentProtocol> forced = agent == null ? Optional.empty() : AgentProtocol.byId(agent);
    if (agent != null && forced.isEmpty()) {
      return refuse(err, "--agent must be claude-code, cursor, gemini or kiro, not '"
          + Escape.terminal(agent) + "'");
    }
    long seconds;
    try {
      seconds = deadlineSeconds(deadline, env);
    } catch (IllegalArgumentException e) {
      return emit(out, err, Result.denied(forced.orElse(null), e.getMessage()));
    }
    // The protocol, once the input names it: a deadline answer uses the agent's own format.
    AtomicReference<AgentProtocol> known = new AtomicReference<>(forced.orElse(null));
    long planSeconds = planTimeout; // the deadline stops a longer plan (and kills it)
    FutureTask<Result> task = new FutureTask<>(() -> decide(forced, known, planSeconds));
    Thread worker = new Thread(task, "plangate-agent-hook");
    worker.setDaemon(true); // a stuck read or plan must not keep the JVM alive past the answer
    worker.start();
    Result r;
    try {
      r = task.get(seconds, TimeUnit.SECONDS);
    } catch (TimeoutException e) {
      worker.interrupt();
      // terraform plan and the like would run on, holding the state lock, after the answer.
      ProcessHandle.current().descendants().forEach(ProcessHandle::destroyForcibly);
      String why = "plangate did not finish judging the command within " + seconds
          + " s (the deadline, --deadline or " + DEADLINE_ENV + "), so it is blocked; a person"
          + " can run it with plangate apply -- COMMAND in their own terminal";
      r = Result.denied(known.get(), why);
    } catch (ExecutionException e) {
      String why = "plangate failed while judging the command (" + Escape.terminal(
          String.valueOf(e.getCause())) + "), so it is blocked";
      r = Result.denied(known.get(), why);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      r = Result.refused("interrupted before an answer was ready");
    }
    return emit(out, err, r);
  }

  /** The deadline in seconds: the option, else the environment, else the default. */
  static long deadlineSeconds(Long option, Map<String, String> env) {
    long s;
    if (option != null) {
      s = option;
    } else if (env.get(DEADLINE_ENV) != null && !env.get(DEADLINE_ENV).isBlank()) {
      try {
        s = Long.parseLong(env.get(DEADLINE_ENV).strip());
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(DEADLINE_ENV + " must be a number of seconds, not '"
            + Escape.terminal(env.get(DEADLINE_ENV)) + "'");
      }
    } else {
      s = DEFAULT_DEADLINE_SECONDS;
    }
    if (s < 1 || s > 3600) {
      throw new IllegalArgumentException("the deadline must be 1 to 3600 seconds, not " + s);
    }
    return s;
  }

  private Result decide(Optional<AgentProtocol> forced, AtomicReference<AgentProtocol> known,
      long planSeconds) throws IOException {
    AgentProtocol given = forced.orElse(null);
    byte[] bytes = in.readNBytes(MAX_INPUT_BYTES + 1);
    if (bytes.length > MAX_INPUT_BYTES) {
      return Result.denied(given, "the hook input is larger than " + MAX_INPUT_BYTES
          + " bytes; no agent sends a tool call that size");
    }
    JsonNode input;
    try {
      input = JSON.readTree(bytes);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      return Result.denied(given, "the hook input is not one JSON object ("
          + Escape.terminal(e.getOriginalMessage()) + ")");
    }
    if (input == null || input.isMissingNode()) {
      return Result.denied(given, "the hook input is empty");
    }
    if (!input.isObject()) {
      return Result.denied(given, "the hook input is a JSON " + input.getNodeType()
          .toString().toLowerCase(java.util.Locale.ROOT) + ", not an object");
    }
    Optional<AgentProtocol> protocol = forced.isPresent() ? forced : AgentProtocol.detect(input);
    if (protocol.isEmpty()) {
      return Result.refused("the hook input is not a tool call plangate knows (Claude Code"
          + " PreToolUse, Cursor beforeShellExecution, Gemini CLI BeforeTool, Kiro CLI"
          + " preToolUse); give --agent if the agent is one of them");
    }
    AgentProtocol p = protocol.get();
    known.set(p);
    Optional<AgentProtocol.ShellCall> call;
    try {
      call = p.shellCall(input);
    } catch (IllegalArgumentException e) {
      return Result.denied(p, "the " + p.agent() + " hook input cannot be read: "
          + Escape.terminal(e.getMessage()));
    }
    if (call.isEmpty()) {
      return new Result(p, mcpCall(input), null);
    }
    Workspace ws;
    Path cwd;
    DestructiveCommands table;
    List<InfraCommand> commands;
    try {
      // The agent names the directory: a path Java cannot hold is a refusal, not a crash.
      cwd = call.get().cwd() == null ? Path.of("").toAbsolutePath()
          : Path.of(call.get().cwd());
      table = DestructiveCommands.near(cwd);
      commands = CommandRecognizer.recognize(call.get().command(), table);
      if (commands.isEmpty()) {
        return new Result(p, HookAnswer.allow(), null);
      }
      ws = Workspace.openGuarded(cwd, policy);
    } catch (InvalidPathException e) {
      return Result.denied(p, "the " + p.agent() + " hook input's cwd is not a usable path ("
          + Escape.terminal(e.getMessage()) + ")");
    } catch (Workspace.UsageException e) {
      return Result.denied(p, "plangate cannot read the policy, so it cannot judge an"
          + " infrastructure command: " + Escape.terminal(e.getMessage()));
    } catch (IllegalArgumentException | IOException e) {
      return Result.denied(p, "the repository's " + DestructiveCommands.USER_FILE
          + " cannot be used: " + Escape.terminal(String.valueOf(e.getMessage())));
    }
    Optional<String> unreadable = unreadableSavedPlan(commands, ws.dir());
    ApplyGuard.Outcome o = unreadable.isPresent()
        ? new ApplyGuard.Outcome(Kind.DENY, "plangate: " + unreadable.get(), "plangate refused"
            + " the command: " + unreadable.get(), commands, List.of())
        : judge.check(ws.policy(), env, p.agent(), planSeconds, call.get().command(), ws.dir(),
            table);
    try {
      Audit.append(Audit.file(auditLog, ws.policy(), ws.root()), Audit.outcome(
          AuditEntry.SOURCE_AGENT_HOOK, call.get().command(), p.agent(), o));
    } catch (IOException e) {
      return Result.denied(p, Escape.terminal(e.getMessage()));
    }
    return new Result(p, new HookAnswer(o.kind(), o.forPerson(), o.forAgent()), null);
  }

  /**
   * A saved plan the line applies that is not a regular file of bounded size (a FIFO,
   * {@code /dev/zero}): refused before anything opens it.
   */
  static Optional<String> unreadableSavedPlan(List<InfraCommand> commands, Path cwd) {
    for (InfraCommand c : commands) {
      if (c.planFile() == null) {
        continue;
      }
      try {
        Path dir = c.workingDir() == null ? cwd : cwd.resolve(c.workingDir());
        Optional<String> problem = SavedPlanCheck.problem(dir.resolve(c.planFile()));
        if (problem.isPresent()) {
          return Optional.of(Escape.terminal(problem.get()));
        }
      } catch (InvalidPathException e) {
        return Optional.of("the saved plan " + Escape.terminal(c.planFile()) + " is not a"
            + " usable path");
      }
    }
    return Optional.empty();
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

  private static int emit(PrintWriter out, PrintWriter err, Result r) {
    if (r.protocol() == null) {
      return refuse(err, r.refusal());
    }
    AgentProtocol p = r.protocol();
    HookAnswer a = r.answer();
    if (p.blocksByExitCode() && a.verdict() != Kind.ALLOW) {
      err.println(p.blockMessage(a));
      err.flush();
      return AgentProtocol.BLOCK;
    }
    p.render(a).ifPresent(out::println);
    out.flush();
    return 0;
  }

  private static int refuse(PrintWriter err, String why) {
    err.println("plangate: refused: " + why);
    err.flush();
    return Cli.USAGE;
  }
}
