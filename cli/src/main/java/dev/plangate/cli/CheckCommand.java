package dev.plangate.cli;

import dev.plangate.core.api.CheckRequest;
import dev.plangate.core.api.CommitSelection;
import dev.plangate.core.api.PlanAnalyzer;
import dev.plangate.core.api.PlanExtras;
import dev.plangate.core.gate.Approver;
import dev.plangate.core.plan.PhaseTimer;
import dev.plangate.core.gate.Decision;
import dev.plangate.core.report.Escape;
import dev.plangate.core.report.JsonReportWriter;
import dev.plangate.core.report.MarkdownReportRenderer;
import dev.plangate.core.report.Report;
import dev.plangate.core.report.TextReportRenderer;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code plangate check}: analyse plans, print the report, exit with the gate's decision. */
@Command(
    name = "check",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = "Analyse plan files and decide whether the change may proceed.",
    footer = {"", "Exit codes: 0 pass, 1 approval required or blocked, 2 usage or input error.",
        "A binary plan (terraform plan -out) is converted with terraform/tofu show -json when"
            + " one is on PATH."})
public final class CheckCommand implements Callable<Integer> {
  enum Format { text, json, markdown }

  @Spec CommandSpec spec;

  @Option(names = "--plan", paramLabel = "FILE",
      description = "A plan, recognised by content: `terraform show -json` output or a saved"
          + " binary plan, `aws cloudformation describe-change-set` output (give every page and"
          + " nested change set), `pulumi preview --json` or a Pulumi event log. Repeatable.")
  List<Path> plans = new java.util.ArrayList<>();

  @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text",
      description = "Report format: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
  Format format;

  @Option(names = "--output", paramLabel = "FILE",
      description = "Write the report to FILE instead of standard output.")
  Path output;

  @Mixin WorkspaceOptions workspace;

  @Option(names = "--stack-export", paramLabel = "FILE",
      description = "`pulumi stack export` output: dependencies for a Pulumi preview.")
  Path stackExport;

  @Option(names = "--template", paramLabel = "FILE",
      description = "A CloudFormation template. Next to a change set: its dependency graph"
          + " (change sets omit DependsOn and unchanged dependents). With --base: diffed"
          + " offline against its version at that revision.")
  Path template;

  @Option(names = "--template-before", paramLabel = "FILE",
      description = "Old CloudFormation template of an offline diff (with --template-after).")
  Path templateBefore;

  @Option(names = "--template-after", paramLabel = "FILE",
      description = "New CloudFormation template of an offline diff.")
  Path templateAfter;

  @Option(names = "--cdk-out", paramLabel = "DIR",
      description = "An AWS CDK cdk.out directory, diffed stack by stack against --cdk-out-base.")
  Path cdkOut;

  @Option(names = "--cdk-out-base", paramLabel = "DIR",
      description = "The cdk.out directory of the base version.")
  Path cdkOutBase;

  @Option(names = "--base", paramLabel = "REV",
      description = "Base of the commit range (e.g. the pull request's base sha). Without it,"
          + " authorship is unknown and counts as AI unless the policy says otherwise.")
  String base;

  @Option(names = "--head", paramLabel = "REV", defaultValue = "HEAD",
      description = "Head of the commit range (default: ${DEFAULT-VALUE}).")
  String head;

  @Option(names = "--branch", paramLabel = "NAME",
      description = "Branch being checked, e.g. the pull request's head ref (default: the"
          + " current branch). Agent branch prefixes such as copilot/ are a signal.")
  String branch;

  @Option(names = "--module-dir", paramLabel = "DIR",
      description = "Repository-relative directory of the plans' root module, for attributing"
          + " findings to commits (default: each plan file's directory).")
  String moduleDir;

  private final Map<String, String> env;
  private final boolean terminal;

  CheckCommand(Map<String, String> env, boolean terminal) {
    this.env = env;
    this.terminal = terminal;
  }

  @Override
  public Integer call() throws IOException {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    if (plans.isEmpty() && template == null && templateBefore == null && templateAfter == null
        && cdkOut == null && cdkOutBase == null) {
      err.println("plangate: nothing to check: give --plan FILE, --template-before/"
          + "--template-after, --template FILE with --base REV, or --cdk-out/--cdk-out-base.");
      err.println("Run 'plangate check --help' for usage.");
      return Cli.USAGE;
    }
    Workspace ws;
    long t0 = System.nanoTime();
    try {
      ws = workspace.open(base != null);
      PhaseTimer.report("workspace and policy", t0);
    } catch (Workspace.UsageException e) {
      Cli.error(err, e.getMessage());
      return Cli.USAGE;
    }
    CommitSelection commits = base == null ? CommitSelection.none()
        : CommitSelection.between(base, head);
    Report report = new PlanAnalyzer().check(new CheckRequest(plans, ws.policy(),
        ws.git() == null ? null : ws.git().root(), commits, branch, env, moduleDir,
        Approver.NONE, LocalDate.now(), extras()));
    for (String e : report.errors()) {
      Cli.error(err, e);
    }
    boolean textErrorOnly = report.decision() == Decision.ERROR && format == Format.text;
    if (!textErrorOnly) {
      if (output != null) {
        long t1 = System.nanoTime();
        try (Writer w = Files.newBufferedWriter(output, StandardCharsets.UTF_8)) {
          render(report, w, false);
          PhaseTimer.report("report", t1);
        } catch (IOException e) {
          String why = e instanceof java.nio.file.NoSuchFileException ? "no such directory"
              : e instanceof java.nio.file.AccessDeniedException ? "permission denied"
              : e.getMessage();
          err.println("plangate: error: cannot write " + output + ": " + why);
          return Cli.USAGE;
        }
        err.println("plangate: " + report.decision().id() + "; report written to " + output);
      } else {
        render(report, out, useColor());
      }
    }
    out.flush();
    return report.decision().exitCode();
  }

  private PlanExtras extras() {
    return new PlanExtras(stackExport, template, templateBefore, templateAfter, cdkOut,
        cdkOutBase);
  }

  private void render(Report report, Writer w, boolean color) throws IOException {
    switch (format) {
      case json -> new JsonReportWriter().write(report, w);
      case markdown -> w.write(new MarkdownReportRenderer().render(report));
      case text -> w.write(new TextReportRenderer(color).render(report));
      default -> throw new IllegalStateException();
    }
    w.flush();
  }

  private boolean useColor() {
    return workspace.color(env, terminal);
  }
}
