package dev.plangate.cli;

import dev.plangate.cli.agent.AgentProtocol;
import dev.plangate.cli.agent.SavedPlanCheck;
import dev.plangate.core.agent.Action;
import dev.plangate.core.agent.ApplyGuard;
import dev.plangate.core.agent.CommandRecognizer;
import dev.plangate.core.agent.InfraCommand;
import dev.plangate.core.agent.PlanProducer;
import dev.plangate.core.agent.Tool;
import dev.plangate.core.audit.AuditEntry;
import dev.plangate.core.plan.PlanReadException;
import dev.plangate.core.report.Escape;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code plangate shim-exec --real BINARY -- TOOL ARGS}: what a shim runs inside an agent
 * session. It sees the real argument vector, environment and working directory, so there is
 * nothing to guess: the command is judged as it would run, and run only if plangate allows it.
 *
 * <p>For {@code terraform}/{@code tofu apply} without a saved plan, and {@code destroy}, the plan
 * judged is the plan applied: plangate plans into a file of its own with the same options and
 * environment, judges that file, and applies exactly it. A saved plan is copied before it is
 * judged, and the copy is applied. What needs a person is refused, with the findings and the
 * command the person runs instead: a shim has no way to ask.
 */
@Command(
    name = "shim-exec",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = "Run an infrastructure tool for an agent session after plangate has judged"
        + " it (what the shims in .plangate/shims call).",
    footer = {"", "Exit codes: the tool's own when it ran; 1 when plangate refused it; 2 usage"
        + " or input error."})
final class ShimExecCommand implements Callable<Integer> {
  /** Set by the shim while plangate judges, so that plangate's own terraform runs pass. */
  static final String JUDGING = "PLANGATE_SHIM_JUDGING";
  /** Set by the agent's session: which agent runs the command. */
  static final String SESSION = "PLANGATE_AGENT_SESSION";

  /** Apply options a saved plan carries (they shape the plan), as PlanProducer copies them. */
  private static final Set<String> PLAN_SHAPING = Set.of("-var", "-var-file", "-target",
      "-replace", "-destroy", "-refresh", "-refresh-only", "-parallelism", "-lock",
      "-lock-timeout", "-compact-warnings");
  /** Apply options that do not change what is applied. */
  private static final Set<String> HARMLESS = Set.of("-auto-approve", "-input", "-no-color");
  private static final Set<String> TAKES_VALUE_ALONE = Set.of("-var", "-var-file", "-target",
      "-replace", "-parallelism", "-lock-timeout");

  @Spec CommandSpec spec;

  @Option(names = "--real", paramLabel = "BINARY", required = true,
      description = "The real tool the shim found on PATH.")
  Path real;

  @Option(names = "--policy", paramLabel = "FILE",
      description = "Policy file (default: .plangate.yml at the repository root).")
  Path policy;

  @Option(names = "--audit-log", paramLabel = "FILE",
      description = "Append the decision to this hash-chained log.")
  Path auditLog;

  @Option(names = "--plan-timeout", paramLabel = "SECONDS", defaultValue = "600",
      description = "How long terraform plan may take (default: ${DEFAULT-VALUE}).")
  long planTimeout;

  @Parameters(paramLabel = "COMMAND", arity = "1..*",
      description = "The tool and its arguments, after --.")
  List<String> command = new ArrayList<>();

  private final Map<String, String> env;
  private final ApplyCommand.Runner runner;

  ShimExecCommand(Map<String, String> env, ApplyCommand.Runner runner) {
    this.env = env;
    this.runner = runner == ApplyCommand.INHERIT ? ShimExecCommand::inherit : runner;
  }

  /**
   * Runs the real tool with this process's streams, without the shim's marker (what it starts,
   * a provisioner running terraform, is judged again); a saved plan plangate judged is applied
   * without TF_CLI_ARGS, which could add -destroy or -replace to it.
   */
  private static int inherit(List<String> argv, Path dir) throws IOException,
      InterruptedException {
    ProcessBuilder pb = new ProcessBuilder(argv).directory(dir.toFile()).inheritIO();
    pb.environment().remove(JUDGING);
    if (argv.size() == 4 && argv.get(1).equals("apply") && argv.get(3).startsWith(".plangate-")) {
      pb.environment().remove("TF_CLI_ARGS");
      pb.environment().remove("TF_CLI_ARGS_apply");
    }
    return pb.start().waitFor();
  }

  @Override
  public Integer call() throws IOException, InterruptedException {
    PrintWriter err = spec.commandLine().getErr();
    Path cwd = Path.of("").toAbsolutePath();
    List<String> args = command.subList(1, command.size());
    String line = AuditEntry.argv(command);
    List<InfraCommand> recognised = CommandRecognizer.recognize(line);
    if (recognised.isEmpty()) {
      return runner.run(withReal(args), cwd);
    }
    String agent = agentName();
    Workspace ws;
    try {
      ws = Workspace.open(cwd, policy, false);
    } catch (Workspace.UsageException e) {
      return refuse(err, null, "plangate cannot read the policy: " + e.getMessage(), cwd);
    }
    Path log = Audit.file(auditLog, ws.policy(), ws.root());
    ApplyGuard guard = new ApplyGuard(ws.policy(), env, agent, new PlanProducer(planTimeout));
    InfraCommand c = recognised.get(0);
    boolean terraform = recognised.size() == 1
        && (c.tool() == Tool.TERRAFORM || c.tool() == Tool.TOFU);
    Path dir;
    try {
      dir = c.workingDir() == null ? cwd : cwd.resolve(c.workingDir()).normalize();
    } catch (InvalidPathException e) {
      return refuse(err, null, "the working directory cannot be named", cwd);
    }
    if (terraform && (c.action() == Action.DESTROY
        || (c.action() == Action.APPLY && c.planFile() == null))) {
      return planJudgeApply(err, guard, log, c, args, dir, line);
    }
    if (terraform && c.action() == Action.APPLY) {
      return judgeCopyApply(err, guard, log, c, args, dir, line);
    }
    ApplyGuard.Outcome o = guard.check(line, cwd);
    if (!Audit.record(log, Audit.outcome(AuditEntry.SOURCE_APPLY, line, agent, o), err)) {
      return Cli.USAGE;
    }
    return o.kind() == ApplyGuard.Outcome.Kind.ALLOW ? runner.run(withReal(args), cwd)
        : refuse(err, o, o.forAgent(), cwd);
  }

  /** apply (no saved plan) or destroy: plan into a file of plangate's, judge it, apply it. */
  private int planJudgeApply(PrintWriter err, ApplyGuard guard, Path log, InfraCommand c,
      List<String> args, Path dir, String line) throws IOException, InterruptedException {
    List<String> options = new ArrayList<>();
    int sub = 0;
    while (sub < args.size() && !args.get(sub).equals("apply")
        && !args.get(sub).equals("destroy")) {
      sub++; // global options before the subcommand (-chdir=, already in dir)
    }
    if (sub == args.size()) {
      return refuse(err, null, "plangate cannot find the apply or destroy in the command", dir);
    }
    for (int i = sub + 1; i < args.size(); i++) {
      String a = args.get(i);
      String bare = a.replaceFirst("^--", "-");
      bare = bare.contains("=") ? bare.substring(0, bare.indexOf('=')) : bare;
      if (HARMLESS.contains(bare)) {
        continue;
      }
      if (!a.startsWith("-") || !PLAN_SHAPING.contains(bare)) {
        return refuse(err, null, "`" + Escape.terminal(a) + "` cannot be carried into a plan"
            + " plangate makes and applies, so plangate cannot vouch for what would run",
            dir);
      }
      options.add(a);
      if (!a.contains("=") && TAKES_VALUE_ALONE.contains(bare) && i + 1 < args.size()) {
        options.add(args.get(++i));
      }
    }
    if (c.action() == Action.DESTROY && !options.contains("-destroy")) {
      options.add(0, "-destroy");
    }
    Path plan;
    try {
      plan = new PlanProducer(planTimeout).plan(real.toString(), dir, options);
    } catch (PlanReadException e) {
      return refuse(err, null, "plangate could not make the plan: " + e.getMessage(), dir);
    }
    try {
      return judgeAndApply(err, guard, log, c, plan, dir, line);
    } finally {
      Files.deleteIfExists(plan);
    }
  }

  /** apply PLANFILE: judge a copy, so the file applied is the file judged. */
  private int judgeCopyApply(PrintWriter err, ApplyGuard guard, Path log, InfraCommand c,
      List<String> args, Path dir, String line) throws IOException, InterruptedException {
    Path given = dir.resolve(c.planFile());
    Optional<String> problem = SavedPlanCheck.problem(given);
    if (problem.isPresent()) {
      return refuse(err, null, problem.get(), dir);
    }
    if (!Files.isRegularFile(given)) {
      return runner.run(withReal(args), dir); // terraform says the file is missing
    }
    Path copy = dir.resolve(".plangate-" + UUID.randomUUID() + ".tfplan");
    Files.copy(given, copy);
    try {
      return judgeAndApply(err, guard, log, c, copy, dir, line);
    } finally {
      Files.deleteIfExists(copy);
    }
  }

  private int judgeAndApply(PrintWriter err, ApplyGuard guard, Path log, InfraCommand c,
      Path plan, Path dir, String line) throws IOException, InterruptedException {
    String tool = c.tool() == Tool.TOFU ? "tofu" : "terraform";
    ApplyGuard.Outcome o = guard.check(tool + " apply " + plan.getFileName(), dir);
    String shown = "`" + Escape.terminal(line) + "`";
    // A destroy is at least a person's decision, whatever the plan holds.
    if (c.action() == Action.DESTROY && o.kind() == ApplyGuard.Outcome.Kind.ALLOW) {
      String why = shown + " destroys; a person decides.";
      o = new ApplyGuard.Outcome(ApplyGuard.Outcome.Kind.ASK, why, why, o.commands(),
          o.reports());
    }
    // The person reads the command that was run, not plangate's own apply of its plan file.
    String internal = "`" + tool + " apply " + plan.getFileName() + "`";
    o = new ApplyGuard.Outcome(o.kind(), o.forPerson().replace(internal, shown),
        o.forAgent().replace(internal, shown), o.commands(), o.reports());
    if (!Audit.record(log, Audit.outcome(AuditEntry.SOURCE_APPLY, line, agentName(), o), err)) {
      return Cli.USAGE;
    }
    if (o.kind() != ApplyGuard.Outcome.Kind.ALLOW) {
      return refuse(err, o, o.forAgent(), dir);
    }
    return runner.run(List.of(real.toString(), "apply", "-input=false",
        plan.getFileName().toString()), dir);
  }

  private List<String> withReal(List<String> args) {
    return Stream.concat(Stream.of(real.toString()), args.stream()).toList();
  }

  /** Refused: the findings, why, and what the person runs instead; exit 1. */
  private int refuse(PrintWriter err, ApplyGuard.Outcome o, String why, Path dir) {
    if (o != null && !o.forPerson().isBlank() && !o.forPerson().equals(why)) {
      err.println(o.forPerson());
    }
    String agent = agentName();
    err.println("plangate: refused: " + Escape.terminal(why.replaceFirst("^plangate: ", "")));
    err.println("plangate: " + (agent == null ? "an agent" : agent) + " runs this command, and"
        + " a shim cannot ask a person. To run it, a person runs in their own terminal, outside"
        + " the agent session:");
    err.println("  cd " + PlangateLauncher.quote(dir.toString()) + " && plangate apply -- "
        + Escape.terminal(AuditEntry.argv(command)));
    err.flush();
    return 1;
  }

  private String agentName() {
    String id = env.get(SESSION);
    if (id == null || id.isBlank()) {
      return null;
    }
    return AgentProtocol.byId(id).map(AgentProtocol::agent).orElse(id);
  }
}
