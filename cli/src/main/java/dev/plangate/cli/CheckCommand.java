package dev.plangate.cli;

import dev.plangate.core.api.CheckRequest;
import dev.plangate.core.api.CommitSelection;
import dev.plangate.core.api.PlanExtras;
import dev.plangate.core.api.PlanFiles;
import dev.plangate.core.audit.AuditEntry;
import dev.plangate.core.gate.Approver;
import dev.plangate.core.plan.PhaseTimer;
import dev.plangate.core.gate.Decision;
import dev.plangate.core.pipeline.Pipeline;
import dev.plangate.core.policy.Policy;
import dev.plangate.core.report.RenderOptions;
import dev.plangate.core.report.Renderers;
import dev.plangate.core.report.Report;
import dev.plangate.core.report.ReportRenderer;
import dev.plangate.github.Account;
import dev.plangate.github.EventRange;
import dev.plangate.github.GitHubCheckException;
import dev.plangate.github.PullRequest;
import dev.plangate.github.PullRequestContext;
import dev.plangate.github.WorkflowCommands;
import dev.plangate.gitlab.GitLabCheckException;
import dev.plangate.gitlab.MergeRequest;
import dev.plangate.gitlab.MergeRequestContext;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;
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
  /**
   * A renderer by the name users type, in any case; an unknown name fails with picocli's own
   * words for an enum value.
   */
  static final class FormatConverter implements ITypeConverter<ReportRenderer> {
    @Override
    public ReportRenderer convert(String value) {
      return Renderers.byId(value.toLowerCase(java.util.Locale.ROOT)).orElseThrow(
          () -> new TypeConversionException("expected one of " + Renderers.ids()
              + " (case-insensitive) but was '" + value + "'"));
    }
  }

  /** The renderer names, for ${COMPLETION-CANDIDATES} in the help. */
  static final class FormatNames implements Iterable<String> {
    @Override
    public java.util.Iterator<String> iterator() {
      return Renderers.ids().iterator();
    }
  }

  @Spec CommandSpec spec;

  @Option(names = "--plan", paramLabel = "FILE",
      description = "A plan, recognised by content: `terraform show -json` output or a saved"
          + " binary plan, `aws cloudformation describe-change-set` output (give every page and"
          + " nested change set), `pulumi preview --json` or a Pulumi event log. A pattern"
          + " such as 'infra/**/plan.json' names every matching file; one that matches none is"
          + " an error. Repeatable.")
  List<String> plans = new ArrayList<>();

  @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text",
      converter = FormatConverter.class, completionCandidates = FormatNames.class,
      description = "Report format: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
  ReportRenderer format;

  @Option(names = "--output", paramLabel = "FILE",
      description = "Write the report to FILE instead of standard output.")
  Path output;

  @Option(names = "--report", paramLabel = "FORMAT=FILE", converter = FormatConverter.class,
      description = "Also write the report in FORMAT (text, json, markdown, sarif) to FILE."
          + " Repeatable: --report json=report.json --report sarif=plangate.sarif.")
  Map<ReportRenderer, Path> reports = new LinkedHashMap<>();

  @Mixin WorkspaceOptions workspace;

  @Option(names = "--stack-export", paramLabel = "FILE",
      description = "`pulumi stack export` output: dependencies for a Pulumi preview.")
  Path stackExport;

  @Option(names = "--template", paramLabel = "FILE",
      description = "A CloudFormation template. Next to a change set: its dependency graph"
          + " (change sets omit DependsOn and unchanged dependents). With --base: diffed"
          + " offline against its version at that revision (repeatable: every template of the"
          + " change).")
  List<Path> templates = new ArrayList<>();

  @Option(names = "--template-before", paramLabel = "FILE",
      description = "Old CloudFormation template of an offline diff (with --template-after).")
  Path templateBefore;

  @Option(names = "--template-after", paramLabel = "FILE",
      description = "New CloudFormation template of an offline diff.")
  Path templateAfter;

  @Option(names = "--cdk-out", paramLabel = "DIR",
      description = "An AWS CDK cdk.out directory, diffed stack by stack against --cdk-out-base,"
          + " or, with --base REV, against the cdk.out committed at that revision.")
  Path cdkOut;

  @Option(names = "--cdk-out-base", paramLabel = "DIR",
      description = "The cdk.out directory of the base version.")
  Path cdkOutBase;

  @Option(names = "--base", paramLabel = "REV",
      description = "Base of the commit range (e.g. the pull request's base sha). Without it,"
          + " or when the range holds no commit (base and head the same, or swapped),"
          + " authorship is unknown and counts as AI unless the policy says otherwise. In"
          + " GitHub mode a push or merge_group event names its own range.")
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

  @Option(names = "--approval-label", paramLabel = "LABEL",
      description = "The approval label, instead of the policy's approval.label.")
  String approvalLabel;

  @Option(names = "--audit-log", paramLabel = "FILE",
      description = "Append the decision to this hash-chained log (see plangate audit verify);"
          + " a log that cannot be written is an error (exit 2).")
  Path auditLog;

  @Option(names = "--github", paramLabel = "MODE", defaultValue = "auto",
      description = "GitHub pull-request mode: auto (on when GITHUB_ACTIONS=true), on, off."
          + " Reads the pull request from GITHUB_EVENT_PATH and the API at GITHUB_API_URL with"
          + " GITHUB_TOKEN, and writes step outputs, the job summary, annotations and a comment.")
  GitHubMode.Use github;

  @Option(names = "--comment", paramLabel = "MODE", defaultValue = "update",
      description = "In GitHub mode or a GitLab merge-request pipeline: update (keep one sticky"
          + " comment or note) or off.")
  String comment;

  @Option(names = "--comment-author", paramLabel = "LOGIN", defaultValue = Account.WORKFLOW_BOT,
      description = "In GitHub mode: the login the comment is written as (default:"
          + " ${DEFAULT-VALUE}); a comment by anyone else is never taken for plangate's.")
  String commentAuthor;

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
    if (plans.isEmpty() && templates.isEmpty() && templateBefore == null && templateAfter == null
        && cdkOut == null && cdkOutBase == null) {
      err.println("plangate: nothing to check: give --plan FILE, --template-before/"
          + "--template-after, --template FILE with --base REV, or --cdk-out/--cdk-out-base.");
      err.println("Run 'plangate check --help' for usage.");
      return Cli.USAGE;
    }
    Workspace ws;
    List<Path> planFiles;
    long t0 = System.nanoTime();
    try {
      ws = workspace.open(base != null);
      PhaseTimer.report("workspace and policy", t0);
      planFiles = planFiles();
    } catch (Workspace.UsageException e) {
      Cli.error(err, e.getMessage());
      return Cli.USAGE;
    }
    if (!comment.equals("update") && !comment.equals("off")) {
      Cli.error(err, "--comment must be update or off, not '" + comment + "'");
      return Cli.USAGE;
    }
    Optional<GitHubMode> gh = GitHubMode.detect(env, github, Cli.printStream(out));
    // A GitLab merge-request pipeline, unless GitHub mode was asked for.
    Optional<GitLabMode> gl = gh.isPresent() ? Optional.empty()
        : GitLabMode.detect(env, Cli.printStream(out));
    CheckRequest request;
    try {
      request = gl.isPresent() ? gitLabRequest(ws, planFiles, gl.get())
          : request(ws, planFiles, gh);
    } catch (GitLabCheckException e) {
      Cli.error(err, e.getMessage());
      return Cli.USAGE;
    } catch (GitHubCheckException | Workspace.UsageException e) {
      gh.ifPresent(g -> g.publishError(e.getMessage()));
      Cli.error(err, e.getMessage());
      return Cli.USAGE;
    }
    Report report = new Pipeline().check(request);
    for (String e : report.errors()) {
      Cli.error(err, e);
    }
    try {
      List<String> argv = new ArrayList<>(List.of("plangate"));
      argv.addAll(spec.commandLine().getParseResult().originalArgs());
      Audit.append(Audit.file(auditLog, request.policy(), ws.root()), Audit.withReports(
          AuditEntry.now(AuditEntry.SOURCE_CHECK, AuditEntry.argv(argv),
              report.decision().id()), List.of(report)));
    } catch (IOException e) {
      Cli.error(err, e.getMessage());
      return Cli.USAGE;
    }
    for (Map.Entry<ReportRenderer, Path> extra : reports.entrySet()) {
      if (!write(report, extra.getKey(), extra.getValue(), err)) {
        return Cli.USAGE;
      }
    }
    if (gl.isPresent()) {
      gl.get().publish(report, comment.equals("update"));
    }
    if (gh.isPresent()) {
      gh.get().publish(report, comment.equals("update"), reports.get(Renderers.JSON));
    }
    boolean textErrorOnly = report.decision() == Decision.ERROR && format == Renderers.TEXT;
    if (gh.isPresent() && output == null && format == Renderers.TEXT) {
      // Resource names in the log must not read as workflow commands (::error:: ...).
      new WorkflowCommands(Cli.printStream(out)).printUntrusted(
          Renderers.TEXT.render(report, RenderOptions.DEFAULT));
    } else if (!textErrorOnly && output != null) {
      long t1 = System.nanoTime();
      if (!write(report, format, output, err)) {
        return Cli.USAGE;
      }
      PhaseTimer.report("report", t1);
      err.println("plangate: " + report.decision().id() + "; report written to " + output);
    } else if (!textErrorOnly) {
      render(report, format, out, workspace.color(env, terminal));
    }
    out.flush();
    return report.decision().exitCode();
  }

  /** The gate's question: from the command line, or in GitHub mode from the pull request. */
  private CheckRequest request(Workspace ws, List<Path> planFiles, Optional<GitHubMode> gh)
      throws GitHubCheckException, Workspace.UsageException {
    CommitSelection commits = base == null ? CommitSelection.none()
        : CommitSelection.between(base, head);
    Path root = ws.git() == null ? null : ws.git().root();
    if (gh.isPresent()) {
      gh.get().prepare(ws.git(), ws.dir(), workspace.policy, approvalLabel,
          comment.equals("update"), commentAuthor);
      Optional<PullRequestContext> pr = gh.get().pullRequest();
      // A push or merge-queue run reads the event's commits unless --base names others.
      Optional<EventRange> pushed = base == null ? gh.get().eventRange(ws.git())
          : Optional.empty();
      if (pushed.isPresent()) {
        commits = pushed.get().commits();
        branch = branch != null ? branch : pushed.get().branch();
      }
      if (pr.isPresent()) {
        noteIgnored("on a pull request; its base, head and branch come from the GitHub API.");
        PullRequest p = pr.get().pullRequest();
        return request(planFiles, pr.get().policy(), root,
            CommitSelection.between(p.baseSha(), p.headSha()), p.headRef())
            .approver(pr.get().approver()).platform(pr.get().platformSignals()).build();
      }
    }
    Policy policy = policyInForce(ws, gh).policy();
    if (approvalLabel != null && !approvalLabel.isBlank()) {
      policy = policy.withApprovalLabel(approvalLabel.strip());
    }
    return request(planFiles, policy, root, commits, branch)
        .environment(gh.isPresent() ? Map.of() : env).approver(Approver.NONE).build();
  }

  /** The gate's question in a GitLab merge-request pipeline: everything from the merge request. */
  private CheckRequest gitLabRequest(Workspace ws, List<Path> planFiles, GitLabMode gl)
      throws GitLabCheckException {
    gl.prepare(ws.git(), ws.dir(), workspace.policy, approvalLabel, comment.equals("update"));
    MergeRequestContext c = gl.mergeRequest();
    noteIgnored("in a merge-request pipeline; they come from the GitLab merge request.");
    MergeRequest mr = c.mergeRequest();
    return request(planFiles, c.policy(), ws.git().root(),
        CommitSelection.between(mr.baseSha(), mr.headSha()), mr.sourceBranch())
        .approver(c.approver()).platform(c.platformSignals()).build();
  }

  private CheckRequest.Builder request(List<Path> planFiles, Policy policy, Path root,
      CommitSelection commits, String branch) {
    return CheckRequest.builder(planFiles).policy(policy).commits(root, commits).branch(branch)
        .moduleDir(moduleDir).today(LocalDate.now()).extras(new PlanExtras(stackExport,
            templates, templateBefore, templateAfter, cdkOut, cdkOutBase));
  }

  /** Where the platform names the change, the command line's range says nothing. */
  private void noteIgnored(String where) {
    if (base != null || branch != null || !"HEAD".equals(head)) {
      spec.commandLine().getErr().println("plangate: note: --base, --head and --branch are"
          + " ignored " + where);
    }
  }

  /**
   * The working tree's policy may only tighten the one at the base of the change: a push's or
   * merge group's base in GitHub mode, else the merge base of --base and --head. Without a
   * base there is no change to compare with, and the working tree's policy applies as it is.
   */
  private Workspace policyInForce(Workspace ws, Optional<GitHubMode> gh)
      throws Workspace.UsageException {
    Optional<GitHubMode.EventBase> event = gh.flatMap(GitHubMode::eventBase);
    if (event.isPresent()) {
      return ws.withPolicyAt(event.get().rev(), event.get().label());
    }
    return base == null ? ws : ws.withPolicyAtMergeBase(base, head);
  }

  /** Plan files and the files their patterns match, in the order given. */
  private List<Path> planFiles() throws Workspace.UsageException {
    try {
      return PlanFiles.resolve(Path.of("").toAbsolutePath(), plans);
    } catch (PlanFiles.NoMatchException e) {
      throw new Workspace.UsageException("--plan: " + e.getMessage());
    }
  }

  private static boolean write(Report report, ReportRenderer f, Path file, PrintWriter err) {
    try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      render(report, f, w, false);
      return true;
    } catch (IOException e) {
      String why = e instanceof java.nio.file.NoSuchFileException ? "no such directory"
          : e instanceof java.nio.file.AccessDeniedException ? "permission denied"
          : e.getMessage();
      err.println("plangate: error: cannot write " + file + ": " + why);
      return false;
    }
  }

  private static void render(Report report, ReportRenderer f, Writer w, boolean color)
      throws IOException {
    f.render(report, w, RenderOptions.DEFAULT.withColor(color));
    w.flush();
  }
}
