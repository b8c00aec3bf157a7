package dev.plangate.cli;

import dev.plangate.core.report.Escape;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Supplier;
import picocli.CommandLine;

/**
 * Wires picocli to plangate's exit codes: picocli's own default of 1 for an exception would read
 * as "gate failed", so every error path is mapped to 2 explicitly and printed as one line.
 */
public final class Cli {
  /** Exit code for usage and input errors. */
  public static final int USAGE = 2;

  private final PrintWriter out;
  private final PrintWriter err;
  private final Map<String, String> env;
  private final boolean terminal;
  private final InputStream in;
  private ApplyCommand.Terminal tty = ApplyCommand.DEV_TTY;
  private ApplyCommand.Runner runner = ApplyCommand.INHERIT;
  private AgentHookCommand.Judge hookJudge;

  public Cli(PrintWriter out, PrintWriter err, Map<String, String> env, boolean terminal) {
    this(out, err, env, terminal, InputStream.nullInputStream());
  }

  public Cli(PrintWriter out, PrintWriter err, Map<String, String> env, boolean terminal,
      InputStream in) {
    this.out = out;
    this.err = err;
    this.env = env;
    this.terminal = terminal;
    this.in = in;
  }

  /** Where {@code apply} asks a person and how it runs the command (replaced in tests). */
  Cli withApply(ApplyCommand.Terminal terminal, ApplyCommand.Runner run) {
    this.tty = terminal;
    this.runner = run;
    return this;
  }

  /** How the agent hook judges a command (replaced in tests by one that never finishes). */
  Cli withHookJudge(AgentHookCommand.Judge judge) {
    this.hookJudge = judge;
    return this;
  }

  public int run(String... args) {
    CommandLine cl = new CommandLine(new PlangateCommand());
    // picocli builds a command's model by reflecting over its options and annotations, a few
    // milliseconds a command: a run that names its command gets only that one. Otherwise (usage,
    // --help, --version, a misspelt name) all are there, to be listed and suggested.
    Map<String, Supplier<Object>> commands = commands();
    Supplier<Object> named = args.length > 0 ? commands.get(args[0]) : null;
    if (named != null) {
      cl.addSubcommand(named.get());
    } else {
      commands.values().forEach(command -> cl.addSubcommand(command.get()));
    }
    cl.setOut(out);
    cl.setErr(err);
    cl.setCaseInsensitiveEnumValuesAllowed(true);
    cl.setParameterExceptionHandler((ex, a) -> {
      err.println("plangate: " + ex.getMessage());
      err.println("Run 'plangate " + commandName(ex.getCommandLine()) + "--help' for usage.");
      return USAGE;
    });
    cl.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
      err.println("plangate: internal error: " + ex);
      return USAGE;
    });
    cl.setExitCodeExceptionMapper(ex -> USAGE);
    return cl.execute(args);
  }

  /** Each subcommand by the name its {@code @Command} gives it, in the order usage lists them. */
  Map<String, Supplier<Object>> commands() {
    Map<String, Supplier<Object>> commands = new LinkedHashMap<>();
    commands.put("check", () -> new CheckCommand(env, terminal));
    commands.put("hook", HookCommand::new);
    commands.put("pre-push", () -> new PrePushCommand(env, in, terminal));
    commands.put("agent-hook", this::agentHook);
    commands.put("apply", () -> new ApplyCommand(env, tty, runner));
    commands.put("audit", AuditCommand::new);
    commands.put("shim-exec", () -> new ShimExecCommand(env, runner));
    commands.put("cds-training", CdsTrainingCommand::new);
    return commands;
  }

  private CommandLine agentHook() {
    AgentHookCommand hook = new AgentHookCommand(env, in);
    if (hookJudge != null) {
      hook.withJudge(hookJudge);
    }
    return new CommandLine(hook).addSubcommand("doctor", new AgentHookDoctor(env));
  }

  /** A PrintStream onto {@code w}, for code that writes bytes (workflow commands). */
  static PrintStream printStream(PrintWriter w) {
    OutputStream bytes = new ByteArrayOutputStream() {
      @Override
      public void flush() {
        w.write(toString(StandardCharsets.UTF_8));
        w.flush();
        reset();
      }
    };
    return new PrintStream(bytes, true, StandardCharsets.UTF_8);
  }

  /**
   * Prints an error: the first line after {@code plangate: error:}, further lines (a policy
   * file's list of problems) indented; each escaped, since messages quote input.
   */
  static void error(PrintWriter err, String message) {
    String[] lines = String.valueOf(message).split("\\R");
    err.println("plangate: error: " + Escape.terminal(lines[0]));
    for (int i = 1; i < lines.length; i++) {
      err.println("  " + Escape.terminal(lines[i]));
    }
  }

  /** Prints each line given on {@code log} as {@code plangate: LINE}, flushed at once. */
  static Consumer<String> lines(PrintStream log) {
    return line -> {
      log.println("plangate: " + line);
      log.flush();
    };
  }

  private static String commandName(CommandLine cl) {
    String name = cl.getCommandName();
    return "plangate".equals(name) ? "" : name + " ";
  }
}
