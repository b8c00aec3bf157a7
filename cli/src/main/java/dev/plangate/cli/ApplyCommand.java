package dev.plangate.cli;

import dev.plangate.core.agent.ApplyGuard;
import dev.plangate.core.agent.CommandRecognizer;
import dev.plangate.core.agent.PlanProducer;
import dev.plangate.core.audit.AuditEntry;
import dev.plangate.core.authorship.AuthorshipDetector;
import dev.plangate.core.authorship.Signal;
import dev.plangate.core.authorship.SignalCatalog;
import dev.plangate.core.gate.ApprovalRoute;
import dev.plangate.core.report.Escape;
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
 * judging the plan it carries out. For agents without hooks, and for scripts.
 *
 * <p>When the plan destroys or replaces what needs approval, nothing runs until a person
 * approves — whoever runs the command: an environment without agent variables is not a person
 * (an agent's shell need not set any). A person approves by typing, on the terminal
 * ({@code /dev/tty}, never standard input, which an agent controls), how many resources would
 * be destroyed; a script a person controls passes {@code --approve FINGERPRINT}, which lets
 * exactly the plan with that fingerprint through. Without either, the command is refused.
 */
@Command(
    name = "apply",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = "Run an infrastructure command (terraform/tofu apply or destroy, ...) after"
        + " plangate has judged the plan it would carry out. A plan that destroys or replaces"
        + " runs only when a person types the count on the terminal, or with --approve and"
        + " the plan's fingerprint.",
    footer = {"", "Example: plangate apply -- terraform apply -auto-approve tfplan",
        "         plangate apply --approve 7f3c9e21aa00bb11 -- terraform apply tfplan",
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

  @Option(names = "--approve", paramLabel = "FINGERPRINT",
      description = "Let this one plan through without a terminal: the fingerprint plangate"
          + " printed for it. A plan with another fingerprint is refused. For scripts a person"
          + " controls; refused when the environment names an AI agent.")
  String approve;

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
        new PlanProducer(planTimeout), ApprovalRoute.APPLY_WRAPPER).check(line, cwd);
    AuditEntry entry = Audit.withReports(AuditEntry.now(AuditEntry.SOURCE_APPLY, line, "allow")
        .withAgent(agent.orElse(null)), o.reports());
    switch (o.kind()) {
      case ALLOW -> {
        return Audit.record(log, entry, err) ? runner.run(command, cwd) : Cli.USAGE;
      }
      case DENY -> {
        err.println(o.forPerson());
        err.println("plangate: refused: " + o.forAgent());
        return Audit.record(log, decided(entry, "deny", o), err) ? 1 : Cli.USAGE;
      }
      default -> {
        // Needs a person, whoever runs it: no agent variable is not proof of a person.
        err.println(o.forPerson());
        Optional<String> approvedBy = approval(o, agent, err);
        AuditEntry d = approvedBy.isPresent()
            ? decided(entry, "approved", o).withApprovedBy(approvedBy.get())
            : decided(entry, "refused", o);
        if (!Audit.record(log, d, err)) {
          return Cli.USAGE;
        }
        return approvedBy.isPresent() ? runner.run(command, cwd) : 1;
      }
    }
  }

  /**
   * Who approved, or empty (after saying why not): {@code --approve} with this plan's
   * fingerprint, or the count typed on the terminal.
   */
  private Optional<String> approval(ApplyGuard.Outcome o, Optional<String> agent,
      PrintWriter err) throws IOException {
    String fingerprint = o.fingerprint();
    String user = System.getProperty("user.name");
    if (approve != null) {
      if (agent.isPresent()) {
        err.println("plangate: refused: --approve is for scripts a person controls, and the"
            + " environment says " + agent.get() + " is running this command; a person"
            + " confirms on the terminal instead. Nothing was run.");
        return Optional.empty();
      }
      if (fingerprint == null) {
        err.println("plangate: refused: --approve " + Escape.terminal(approve) + " cannot"
            + " match: plangate has no complete plan of this command to fingerprint (see"
            + " above). Run it from a terminal to confirm it there. Nothing was run.");
        return Optional.empty();
      }
      if (!fingerprint.equals(approve.strip().toLowerCase(java.util.Locale.ROOT))) {
        err.println("plangate: refused: --approve " + Escape.terminal(approve) + " is not this"
            + " plan's fingerprint (" + fingerprint + "): it approves another plan, not this"
            + " one. Review the findings above; nothing was run.");
        return Optional.empty();
      }
      err.println("plangate: approved with --approve " + fingerprint + " by " + user
          + ": this plan runs.");
      return Optional.of("fingerprint:" + user);
    }
    return confirm(o, agent, fingerprint, err) ? Optional.of("tty:" + user) : Optional.empty();
  }

  private static AuditEntry decided(AuditEntry entry, String decision, ApplyGuard.Outcome o) {
    return entry.withDecision(decision).withReason(o.forAgent());
  }

  /**
   * The person types how many resources would be destroyed or replaced (or {@code approve}
   * when plangate could not count them): a number an agent that only pipes "yes" does not know,
   * read from the terminal, which an agent running the command has no hold of.
   */
  private boolean confirm(ApplyGuard.Outcome o, Optional<String> agent, String fingerprint,
      PrintWriter err) throws IOException {
    long destroys = o.reports().stream().flatMap(r -> r.findings().stream())
        .filter(f -> f.action().destroys()).count();
    String expected = o.reports().isEmpty() ? "approve" : Long.toString(destroys);
    String what = o.reports().isEmpty() ? "approve"
        : "the number of resources it destroys or replaces";
    Optional<String> typed = terminal.ask("plangate: " + agent.map(a -> a + " is running this"
        + " command. To let it, type ").orElse("this command needs a person's approval. To"
        + " run it, type ") + what + ": ");
    if (typed.isEmpty()) {
      if (agent.isPresent()) {
        err.println("plangate: refused: " + agent.get() + " is running this command and there"
            + " is no terminal for a person to confirm it on. Run it yourself, or from a"
            + " terminal.");
      } else {
        err.println("plangate: refused: no terminal for a person to confirm this on, and no"
            + " --approve: nothing shows that a person, not an agent, is running it. Nothing"
            + " was run. Run it from a terminal" + (fingerprint == null ? "."
            : ", or approve this exact plan from a script you control: plangate apply"
            + " --approve " + fingerprint + " -- " + Escape.terminal(AuditEntry.argv(command))));
      }
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

  /** The agent the environment names, if any (the catalogue's environment signals). */
  private Optional<String> agent() {
    return new AuthorshipDetector(SignalCatalog.builtin()).environment(env).stream()
        .filter(Signal::decides).map(Signal::agent).findFirst();
  }
}
