package dev.plangate.cli;

import dev.plangate.core.agent.ApplyGuard;
import dev.plangate.core.agent.CommandRecognizer;
import dev.plangate.core.agent.PlanProducer;
import dev.plangate.core.audit.AuditEntry;
import dev.plangate.core.authorship.AuthorshipDetector;
import dev.plangate.core.authorship.Signal;
import dev.plangate.core.authorship.SignalCatalog;
import dev.plangate.core.impact.Finding;
import dev.plangate.core.report.Report;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code plangate apply -- terraform apply ...}: runs an infrastructure command only after
 * judging the plan it carries out. For agents without hooks, and for scripts. When the caller is
 * an agent (its environment says so) and the change destroys, a person must confirm on the
 * terminal ({@code /dev/tty}, never standard input, which the agent controls) by typing how many
 * resources would be destroyed; without a terminal the command is refused. A person's own run
 * shows the summary and goes on to the tool's normal flow (its own prompt).
 */
@Command(
    name = "apply",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = "Run an infrastructure command (terraform/tofu apply or destroy, ...) after"
        + " plangate has judged the plan it would carry out.",
    footer = {"", "Example: plangate apply -- terraform apply -auto-approve tfplan",
        "Exit codes: the command's own when it ran; 1 when plangate refused it; 2 usage or"
            + " input error."})
public final class ApplyCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--policy", paramLabel = "FILE",
      description = "Policy file (default: .plangate.yml at the repository root).")
  Path policy;

  @Option(names = "--audit-log", paramLabel = "FILE",
      description = "Append the decision to this hash-chained log (see plangate audit verify);"
          + " a log that cannot be written stops the command.")
  Path auditLog;

  @Option(names = "--plan-timeout", paramLabel = "SECONDS", defaultValue = "600",
      description = "How long terraform plan may take (default: ${DEFAULT-VALUE}).")
  long planTimeout;

  @Parameters(paramLabel = "COMMAND", arity = "1..*",
      description = "The command to run, after --.")
  List<String> command = new ArrayList<>();

  private final Map<String, String> env;
  private final Terminal terminal;
  private final Runner runner;

  /** Where a person confirms: the controlling terminal, or nothing. */
  interface Terminal {
    /** Shows {@code text}, reads one line; empty when there is no terminal. */
    Optional<String> ask(String text) throws IOException;
  }

  /** Runs the approved command with this process's standard streams; returns its exit code. */
  interface Runner {
    int run(List<String> argv, Path dir) throws IOException, InterruptedException;
  }

  /** The controlling terminal: {@code /dev/tty}, opened for this one question. */
  static final Terminal DEV_TTY = text -> {
    java.io.File tty = new java.io.File("/dev/tty");
    try (var out = new java.io.FileOutputStream(tty);
        var in = new java.io.BufferedReader(new java.io.InputStreamReader(
            new java.io.FileInputStream(tty), java.nio.charset.StandardCharsets.UTF_8))) {
      out.write(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
      out.flush();
      return Optional.ofNullable(in.readLine());
    } catch (IOException e) {
      return Optional.empty(); // no controlling terminal (CI, an agent's pipe)
    }
  };

  /** Runs the command with this process's standard streams. */
  static final Runner INHERIT = (argv, dir) -> new ProcessBuilder(argv).directory(dir.toFile())
      .inheritIO().start().waitFor();

  ApplyCommand(Map<String, String> env, Terminal terminal, Runner runner) {
    this.env = env;
    this.terminal = terminal;
    this.runner = runner;
  }

  @Override
  public Integer call() throws IOException, InterruptedException {
    PrintWriter err = spec.commandLine().getErr();
    Path cwd = Path.of("").toAbsolutePath();
    String line = AuditEntry.argv(command);
    if (CommandRecognizer.recognize(line).isEmpty()) {
      return runner.run(command, cwd);
    }
    Workspace ws;
    try {
      ws = Workspace.openGuarded(cwd, policy);
    } catch (Workspace.UsageException e) {
      Cli.error(err, e.getMessage());
      return Cli.USAGE;
    }
    Optional<String> agent = agent();
    Path log = Audit.file(auditLog, ws.policy(), ws.root());
    ApplyGuard.Outcome o = new ApplyGuard(ws.policy(), env, agent.orElse(null),
        new PlanProducer(planTimeout)).check(line, cwd);
    AuditEntry entry = Audit.withReports(AuditEntry.now(AuditEntry.SOURCE_APPLY,
        AuditEntry.argv(command), "allow").withAgent(agent.orElse(null)), o.reports());
    switch (o.kind()) {
      case ALLOW -> {
        return record(log, entry, err) ? runner.run(command, cwd) : Cli.USAGE;
      }
      case DENY -> {
        err.println(o.forPerson());
        err.println("plangate: refused: " + o.forAgent());
        return record(log, decided(entry, "deny", o), err) ? 1 : Cli.USAGE;
      }
      default -> {
        err.println(o.forPerson());
        if (agent.isEmpty()) {
          err.println("plangate: no agent in this environment: the command runs, and its own"
              + " prompt is yours to answer.");
          err.flush();
          return record(log, decided(entry, "ask", o), err) ? runner.run(command, cwd)
              : Cli.USAGE;
        }
        boolean confirmed = confirm(o, agent.get(), err);
        AuditEntry d = confirmed ? decided(entry, "approved", o)
            .withApprovedBy("tty:" + System.getProperty("user.name"))
            : decided(entry, "refused", o);
        if (!record(log, d, err)) {
          return Cli.USAGE;
        }
        return confirmed ? runner.run(command, cwd) : 1;
      }
    }
  }

  private static AuditEntry decided(AuditEntry entry, String decision, ApplyGuard.Outcome o) {
    return entry.withDecision(decision).withReason(o.forAgent());
  }

  /** False (after saying why) when the audit log cannot be written: nothing runs then. */
  private static boolean record(Path log, AuditEntry entry, PrintWriter err) {
    try {
      Audit.append(log, entry);
      return true;
    } catch (IOException e) {
      Cli.error(err, e.getMessage());
      return false;
    }
  }

  /**
   * The person types how many resources would be destroyed or replaced (or {@code approve}
   * when plangate could not count them): a number an agent that only pipes "yes" does not know,
   * read from the terminal, which an agent running the command has no hold of.
   */
  private boolean confirm(ApplyGuard.Outcome o, String agent, PrintWriter err)
      throws IOException {
    long destroys = o.reports().stream().mapToLong(ApplyCommand::destroys).sum();
    String expected = o.reports().isEmpty() ? "approve" : Long.toString(destroys);
    Optional<String> typed = terminal.ask("plangate: " + agent + " is running this command. To"
        + " let it, type " + (o.reports().isEmpty() ? "approve" : "the number of resources it"
        + " destroys or replaces") + ": ");
    if (typed.isEmpty()) {
      err.println("plangate: refused: " + agent + " is running this command and there is no"
          + " terminal for a person to confirm it on. Run it yourself, or from a terminal.");
      return false;
    }
    if (!typed.get().strip().equals(expected)) {
      err.println("plangate: refused: that is not " + (o.reports().isEmpty() ? "approve"
          : "the number (" + expected + ")") + "; nothing was run.");
      return false;
    }
    err.println("plangate: confirmed on the terminal by " + System.getProperty("user.name"));
    return true;
  }

  private static long destroys(Report r) {
    return r.findings().stream().map(Finding::action).filter(a -> a.destroys()).count();
  }

  /** The agent the environment names, if any (the catalogue's environment signals). */
  private Optional<String> agent() {
    return new AuthorshipDetector(SignalCatalog.builtin()).environment(env).stream()
        .filter(Signal::decides).map(Signal::agent).findFirst();
  }
}
