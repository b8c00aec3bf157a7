package dev.plangate.core.agent;

import dev.plangate.core.api.CheckRequest;
import dev.plangate.core.authorship.Confidence;
import dev.plangate.core.authorship.PlatformSignals;
import dev.plangate.core.authorship.Signal;
import dev.plangate.core.gate.ApprovalRoute;
import dev.plangate.core.gate.Approver;
import dev.plangate.core.gate.Decision;
import dev.plangate.core.gate.Fingerprint;
import dev.plangate.core.plan.PlanReadException;
import dev.plangate.core.pipeline.Pipeline;
import dev.plangate.core.policy.Policy;
import dev.plangate.core.report.BriefReport;
import dev.plangate.core.report.Escape;
import dev.plangate.core.report.Report;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Decides, at the moment an agent is about to run a shell command, whether the command may run:
 * a command that changes no infrastructure runs; an apply is judged by the plan it would carry
 * out (the saved plan it names, or a fresh {@code terraform plan} of the same directory); what
 * destroys or replaces needs a person; what the policy protects is refused. Whatever cannot be
 * judged (an unparseable line, a tool plangate cannot preview, a plan that fails) needs a person
 * too: the guard never lets through what it could not read.
 */
public final class ApplyGuard {
  /** Finding lines shown to the person; the rest are counted. */
  static final int SHOWN = 10;
  /** How long {@code aws cloudformation describe-change-set} may take. */
  static final long CHANGE_SET_TIMEOUT_SECONDS = 120;

  /**
   * The guard's answer.
   *
   * @param kind allow, ask a person, deny
   * @param forPerson the summary a person decides on: findings, blast radius, moved block
   * @param forAgent what the agent is told
   * @param commands what was recognised in the line
   * @param reports the analyses behind the answer (one per analysed apply)
   */
  public record Outcome(Kind kind, String forPerson, String forAgent,
      List<InfraCommand> commands, List<Report> reports) {
    /** Worst last: a line with several commands gets the worst of their answers. */
    public enum Kind {
      ALLOW, ASK, DENY;

      /** The word the agents' protocols use: allow, ask, deny. */
      public String id() {
        return name().toLowerCase(java.util.Locale.ROOT);
      }
    }

    public Outcome {
      commands = List.copyOf(commands);
      reports = List.copyOf(reports);
    }

    /**
     * What an approval of this outcome binds to: the fingerprint of everything the command
     * would destroy or replace (over every plan when the line applies several). Null when
     * plangate has no complete plan of it (a line it cannot read, a tool it cannot preview, a
     * plan it could not analyse): then there is nothing a fingerprint could name.
     */
    public String fingerprint() {
      if (reports.isEmpty() || reports.size() < commands.size()
          || reports.stream().anyMatch(r -> r.decision() == Decision.ERROR)) {
        return null;
      }
      return reports.size() == 1 ? reports.get(0).fingerprint()
          : Fingerprint.of(reports.stream().flatMap(r -> r.findings().stream()).toList());
    }

    static Outcome allow(List<InfraCommand> commands, List<Report> reports) {
      return new Outcome(Kind.ALLOW, "", "", commands, reports);
    }
  }

  private final Policy policy;
  private final Map<String, String> environment;
  /** Apply options that change how it runs, not what it applies. */
  private static final Pattern HOW_IT_RUNS = Pattern.compile(
      "--?(auto-approve|no-color|compact-warnings|input(=\\w+)?|lock(=\\w+)?"
          + "|lock-timeout=\\w+|parallelism=\\d+)");
  private final PlatformSignals caller;
  private final PlanProducer producer;
  private final ApprovalRoute route;
  private final Pipeline pipeline = new Pipeline();

  /**
   * @param policy the repository's policy (protect rules deny; waivers apply)
   * @param environment the agent's environment: its variables are authorship signals too
   * @param agent the agent whose hook asks, or null when unknown (the apply wrapper outside an
   *     agent). A command that comes through an agent's hook is the agent's, whatever the
   *     policy says about unknown authorship.
   * @param producer runs {@code terraform plan} for applies without a saved plan
   */
  public ApplyGuard(Policy policy, Map<String, String> environment, String agent,
      PlanProducer producer) {
    this(policy, environment, agent, producer, ApprovalRoute.AGENT_PROMPT);
  }

  /**
   * @param route how a person approves where the guard asks: the agent's own prompt (its hook),
   *     or the terminal and {@code --approve} (the apply wrapper); the summary says it
   */
  public ApplyGuard(Policy policy, Map<String, String> environment, String agent,
      PlanProducer producer, ApprovalRoute route) {
    this.route = route;
    this.policy = policy;
    this.environment = Map.copyOf(environment);
    this.caller = agent == null ? PlatformSignals.none() : new PlatformSignals(List.of(
        new Signal("hook", "the command came through " + agent + "'s hook", Confidence.HIGH,
            agent)), Map.of());
    this.producer = producer;
  }

  /** Judges one shell command line run in {@code cwd}. */
  public Outcome check(String commandLine, Path cwd) {
    return check(commandLine, cwd, null);
  }

  /**
   * Judges one shell command line run in {@code cwd}, with a repository's table of destructive
   * commands (null: the built-in one).
   */
  public Outcome check(String commandLine, Path cwd, DestructiveCommands table) {
    List<InfraCommand> commands = CommandRecognizer.recognize(commandLine, table);
    if (commands.isEmpty()) {
      return Outcome.allow(commands, List.of());
    }
    Outcome.Kind worst = Outcome.Kind.ALLOW;
    List<String> person = new ArrayList<>();
    List<String> agent = new ArrayList<>();
    List<Report> reports = new ArrayList<>();
    for (InfraCommand c : commands) {
      Outcome o = judge(c, cwd);
      worst = o.kind().compareTo(worst) > 0 ? o.kind() : worst;
      reports.addAll(o.reports());
      if (o.kind() != Outcome.Kind.ALLOW) {
        person.add(o.forPerson());
        agent.add(o.forAgent());
      }
    }
    if (worst == Outcome.Kind.ALLOW) {
      return Outcome.allow(commands, reports);
    }
    return new Outcome(worst, String.join("\n\n", person), String.join(" ", agent), commands,
        reports);
  }

  private Outcome judge(InfraCommand c, Path cwd) {
    String shown = Escape.terminal(c.text());
    if (c.reason() != null) {
      String why = "`" + shown + "`: " + Escape.terminal(c.reason());
      if (c.refuse()) {
        return new Outcome(Outcome.Kind.DENY, why, "plangate refused " + why + ". Do not retry"
            + " or work around it; tell the person.", List.of(c), List.of());
      }
      return ask(c, why + "; a person decides.");
    }
    if (c.action() == Action.UNPARSEABLE) {
      return ask(c, "plangate cannot tell what `" + shown + "` runs (" + "it mentions an"
          + " infrastructure tool, but the line cannot be read reliably); a person decides.");
    }
    Path dir;
    try {
      dir = c.workingDir() == null ? cwd : cwd.resolve(c.workingDir()).normalize();
    } catch (java.nio.file.InvalidPathException e) {
      return ask(c, "`" + shown + "` runs in a directory plangate cannot name ("
          + Escape.terminal(e.getMessage()) + "); a person decides.");
    }
    boolean terraform = c.tool() == Tool.TERRAFORM || c.tool() == Tool.TOFU;
    if (c.tool() == Tool.CLOUDFORMATION && c.action() == Action.EXECUTE_CHANGE_SET) {
      Optional<Path> aws = ChangeSetFetcher.findAws(environment);
      if (aws.isPresent()) {
        try {
          List<Path> pages = new ChangeSetFetcher(CHANGE_SET_TIMEOUT_SECONDS).fetch(aws.get(),
              c.args(), dir);
          try {
            return decide(c, check(pages));
          } finally {
            pages.forEach(p -> p.toFile().delete());
          }
        } catch (PlanReadException e) {
          return ask(c, "plangate could not read the change set `" + shown + "` would execute: "
              + Escape.terminal(e.getMessage()) + "; a person decides.");
        }
      }
    }
    if (!terraform) {
      return ask(c, "`" + shown + "` changes infrastructure, and plangate cannot preview what "
          + display(c.tool()) + " would do from here; a person decides.");
    }
    if (c.action() == Action.STATE_CHANGE || c.action() == Action.DELETE) {
      return ask(c, "`" + shown + "` changes the Terraform state without a plan to review; a"
          + " person decides.");
    }
    if (c.action() == Action.STATE_RM) {
      return ask(c, "`" + shown + "` removes resources from the Terraform state: Terraform"
          + " forgets them (they keep running, unmanaged, and a later apply may create them"
          + " again); a person decides.");
    }
    String hidden = c.planFile() == null ? hiddenArguments() : null;
    if (hidden != null) {
      return ask(c, "`" + shown + "` would also take " + hidden + " from the environment, which"
          + " the plan plangate makes for it would not carry; a person decides.");
    }
    Report report;
    try {
      report = analyse(c, dir);
    } catch (PlanReadException | java.nio.file.InvalidPathException e) {
      return ask(c, "plangate could not make the plan `" + shown + "` would apply: "
          + Escape.terminal(e.getMessage()) + "; a person decides.");
    }
    return decide(c, report);
  }

  /**
   * Arguments the environment adds to an apply or destroy but not to the plan plangate makes for
   * it ({@code TF_CLI_ARGS_apply=-destroy}), or null when there are none or all only change how
   * it runs; {@code TF_CLI_ARGS} reaches both alike.
   */
  private String hiddenArguments() {
    for (String name : List.of("TF_CLI_ARGS_apply", "TF_CLI_ARGS_destroy")) {
      String value = environment.get(name);
      for (String arg : value == null ? new String[0] : value.trim().split("\\s+")) {
        if (!arg.isEmpty() && !HOW_IT_RUNS.matcher(arg).matches()) {
          return "`" + name + "=" + Escape.terminal(value) + "`";
        }
      }
    }
    return null;
  }

  private Report analyse(InfraCommand c, Path dir) throws PlanReadException {
    Path plan;
    boolean temporary = c.planFile() == null;
    if (temporary) {
      List<String> options = new ArrayList<>(PlanProducer.planOptions(c.args()));
      if (c.action() == Action.DESTROY && !options.contains("-destroy")) {
        options.add(0, "-destroy");
      }
      plan = producer.plan(c.tool() == Tool.TOFU ? "tofu" : "terraform", dir,
          options);
    } else {
      plan = dir.resolve(c.planFile()).normalize();
    }
    try {
      return check(List.of(plan));
    } finally {
      if (temporary) {
        PlanProducer.discard(plan);
      }
    }
  }

  /** The gate on plans made for this command: no commits, the caller's signals. */
  private Report check(List<Path> plans) {
    return pipeline.check(CheckRequest.builder(plans).policy(policy).environment(environment)
        .approver(Approver.none(route)).today(LocalDate.now()).platform(caller).build());
  }

  private Outcome decide(InfraCommand c, Report report) {
    BriefReport brief = BriefReport.of(report, SHOWN);
    String summary = summary(c, brief);
    boolean destroys = report.findings().stream().anyMatch(f -> f.action().destroys());
    return switch (report.decision()) {
      case BLOCKED -> new Outcome(Outcome.Kind.DENY, summary, "plangate refused `"
          + Escape.terminal(c.text()) + "`: it destroys what the policy protects ("
          + brief.headline() + "). Do not retry or work around it; tell the person.",
          List.of(c), List.of(report));
      case ERROR -> new Outcome(Outcome.Kind.ASK, summary, "plangate could not analyse the"
          + " plan; a person decides.", List.of(c), List.of(report));
      case APPROVAL_REQUIRED -> new Outcome(Outcome.Kind.ASK, summary, brief.headline()
          + ". A person must approve this; if they decline, do not retry or work around it.",
          List.of(c), List.of(report));
      case PASS -> destroys || c.action() == Action.DESTROY
          ? new Outcome(Outcome.Kind.ASK, summary, brief.headline() + ". A person decides.",
              List.of(c), List.of(report))
          : Outcome.allow(List.of(c), List.of(report));
    };
  }

  /** What the person sees: the command, the decision, the findings and the moved block. */
  private String summary(InfraCommand c, BriefReport brief) {
    List<String> lines = new ArrayList<>();
    lines.add("`" + Escape.terminal(c.text()) + "`");
    lines.add(brief.headline());
    brief.findings().forEach(l -> lines.add("  " + l.text()));
    if (brief.more() > 0) {
      lines.add("  ... " + brief.more() + " more");
    }
    lines.addAll(brief.cause());
    lines.addAll(brief.moved());
    if (route != ApprovalRoute.AGENT_PROMPT) {
      // the agent's own prompt is the question there; elsewhere the person needs the way
      lines.addAll(brief.approval());
    }
    return String.join("\n", lines);
  }

  private static String display(Tool tool) {
    return switch (tool) {
      case TERRAFORM -> "Terraform";
      case TOFU -> "OpenTofu";
      case TERRAGRUNT -> "Terragrunt";
      case CLOUDFORMATION -> "CloudFormation";
      case CDK -> "the AWS CDK";
      case PULUMI -> "Pulumi";
      case OTHER, UNKNOWN -> "this tool";
    };
  }

  private static Outcome ask(InfraCommand c, String why) {
    return new Outcome(Outcome.Kind.ASK, why, why, List.of(c), List.of());
  }
}
