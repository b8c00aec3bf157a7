package dev.plangate.cli;

import dev.plangate.core.api.PlanFiles;
import dev.plangate.core.api.CheckRequest;
import dev.plangate.core.api.CommitSelection;
import dev.plangate.core.api.PlanAnalyzer;
import dev.plangate.core.gate.Approver;
import dev.plangate.core.gate.Decision;
import dev.plangate.core.git.GitException;
import dev.plangate.core.git.GitRepository;
import dev.plangate.core.policy.Policy;
import dev.plangate.core.report.Escape;
import dev.plangate.core.report.Report;
import dev.plangate.core.report.TextReportRenderer;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code plangate pre-push REMOTE URL}: what git's pre-push hook runs. Reads git's ref lines
 * from standard input, checks each pushed range against the plans the policy names, and
 * refuses the push (exit 1) when the gate would.
 */
@Command(
    name = "pre-push",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = {"Run by git's pre-push hook (see `plangate hook install`).",
        "Reads `<local ref> <local sha> <remote ref> <remote sha>` lines from standard input."
            + " Under the pre-commit framework, reads PRE_COMMIT_FROM_REF / PRE_COMMIT_TO_REF"
            + " instead."},
    footer = {"", "Exit codes: 0 push may proceed, 1 push refused, 2 usage or input error."})
public final class PrePushCommand implements Callable<Integer> {
  private static final String ZEROS = "0000000000000000000000000000000000000000";

  @Spec CommandSpec spec;

  @Parameters(index = "0", arity = "0..1", paramLabel = "REMOTE",
      description = "Name of the remote (git passes it).")
  String remote;

  @Parameters(index = "1", arity = "0..1", paramLabel = "URL",
      description = "URL of the remote (git passes it).")
  String url;

  @Mixin WorkspaceOptions workspace;

  private final Map<String, String> env;
  private final InputStream stdin;
  private final boolean terminal;

  PrePushCommand(Map<String, String> env, InputStream stdin, boolean terminal) {
    this.env = env;
    this.stdin = stdin;
    this.terminal = terminal;
  }

  /** One line of git's pre-push input. */
  record PushedRef(String localRef, String localSha, String remoteRef, String remoteSha) {
    boolean deletes() {
      return localSha.matches("0+");
    }

    boolean createsBranch() {
      return remoteSha.matches("0+");
    }

    String branch() {
      return localRef.startsWith("refs/heads/") ? localRef.substring(11) : localRef;
    }
  }

  @Override
  public Integer call() throws IOException {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    Workspace ws;
    List<PushedRef> refs;
    try {
      ws = workspace.open(true);
      refs = pushedRefs();
    } catch (Workspace.UsageException e) {
      Cli.error(err, e.getMessage());
      return Cli.USAGE;
    }
    List<PushedRef> updates = refs.stream().filter(r -> !r.deletes()).toList();
    if (updates.isEmpty()) {
      return 0;
    }
    try {
      ws = policyInForce(ws, updates);
    } catch (Workspace.UsageException e) {
      Cli.error(err, e.getMessage());
      return Cli.USAGE;
    }
    Policy policy = ws.policy();
    if (policy.plans().isEmpty()) {
      err.println("plangate: no plans to check: name them under plans: in .plangate.yml"
          + " (and optionally planCommand:); the push may proceed.");
      return 0;
    }
    GitRepository git = ws.git();
    try {
      if (policy.planCommand() != null) {
        runPlanCommand(policy.planCommand(), git.root(), err);
      }
      List<Path> plans = PlanFiles.find(git.root(), policy.plans());
      if (plans.isEmpty()) {
        err.println("plangate: error: no plan file matches plans: " + Escape.terminal(
            String.join(", ", policy.plans())) + " under " + Escape.terminal(
            git.root().toString()) + "; write the plan (terraform show -json) or set"
            + " planCommand: in .plangate.yml. The push is refused until plangate can read"
            + " the plan.");
        return Cli.USAGE;
      }
      int worst = 0;
      for (PushedRef ref : updates) {
        worst = Math.max(worst, check(ws, git, ref, plans, out, err));
      }
      return worst;
    } catch (Workspace.UsageException e) {
      Cli.error(err, e.getMessage());
      return Cli.USAGE;
    }
  }

  /**
   * The working tree's policy may only tighten the one the remote already has: at the first
   * pushed branch's remote sha, or for a new branch at the remote's default branch
   * ({@code REMOTE/HEAD}, {@code /main}, {@code /master}); with neither, the built-in defaults.
   * Writing {@code {}} to the file then removes no plans and no protect rule.
   */
  private Workspace policyInForce(Workspace ws, List<PushedRef> updates)
      throws Workspace.UsageException {
    GitRepository git = ws.git();
    String remoteName = remote == null || remote.isBlank() ? "origin" : remote;
    try {
      for (PushedRef ref : updates) {
        java.util.Optional<String> before = ref.createsBranch() ? java.util.Optional.empty()
            : git.resolve(ref.remoteSha() + "^{commit}");
        if (before.isPresent()) {
          return ws.withPolicyAt(before.get(), before.get().substring(0, 7) + " ("
              + remoteName + "'s " + ref.remoteRef() + " before the push)");
        }
      }
      for (String branch : List.of("HEAD", "main", "master")) {
        String ref = "refs/remotes/" + remoteName + "/" + branch;
        java.util.Optional<String> sha = git.resolve(ref + "^{commit}");
        if (sha.isPresent()) {
          return ws.withPolicyAt(sha.get(), remoteName + "/" + branch + " ("
              + sha.get().substring(0, 7) + ")");
        }
      }
    } catch (GitException e) {
      throw new Workspace.UsageException(e.getMessage());
    }
    return ws.withDefaultsAsBase("no branch of " + remoteName, "The remote " + remoteName
        + " has no branch this clone knows, so the built-in defaults are the base; the policy"
        + " file may only tighten them.");
  }

  private int check(Workspace ws, GitRepository git, PushedRef ref, List<Path> plans,
      PrintWriter out, PrintWriter err) {
    CommitSelection commits;
    boolean remoteKnown;
    try {
      remoteKnown = !ref.createsBranch() && git.resolve(ref.remoteSha()).isPresent();
    } catch (GitException e) {
      Cli.error(err, e.getMessage());
      return Cli.USAGE;
    }
    if (!remoteKnown) {
      commits = CommitSelection.unpushed(ref.localSha(), remote);
    } else {
      commits = CommitSelection.between(ref.remoteSha(), ref.localSha());
    }
    Report report = new PlanAnalyzer().check(new CheckRequest(plans, ws.policy(), git.root(),
        commits, ref.branch(), env, null, Approver.NONE, LocalDate.now()));
    warnIfStale(plans, git, ref, err);
    if (report.decision() == Decision.ERROR) {
      for (String e : report.errors()) {
        Cli.error(err, e);
      }
      err.println("plangate: the push is refused until plangate can read its input.");
      return Cli.USAGE;
    }
    if (report.decision() == Decision.PASS) {
      if (!report.findings().isEmpty()) {
        out.print(new TextReportRenderer(color()).render(report));
      }
      out.flush();
      return 0;
    }
    out.print(new TextReportRenderer(color()).render(report));
    out.println();
    out.println("  plangate refused the push of " + Escape.terminal(ref.branch()) + ".");
    if (report.decision() == Decision.BLOCKED) {
      out.println("  Next: take the destroy of the protected resources out of the change.");
    } else {
      out.println("  Next: a human reviews the destroy above. If it is intended, push from"
          + " your own shell with `git push --no-verify`; the pull request still needs the"
          + " label " + Escape.terminal(report.approvalLabel()) + " from a maintainer.");
    }
    if (!report.authorship().signals().isEmpty()) {
      out.println("  If you are an AI agent: do not bypass this check. Stop and ask a human"
          + " to review the destroy.");
    }
    out.flush();
    return report.decision().exitCode();
  }

  /**
   * A plan older than the pushed head may not show what the push does. The head's committer
   * date stands for the newest pushed commit: it is at least as new as its ancestors' unless
   * clocks were skewed.
   */
  private static void warnIfStale(List<Path> plans, GitRepository git, PushedRef ref,
      PrintWriter err) {
    Instant newest;
    try {
      newest = git.commitTime(ref.localSha());
    } catch (GitException e) {
      return;
    }
    for (Path p : plans) {
      try {
        Instant modified = Files.getLastModifiedTime(p).toInstant();
        if (modified.isBefore(newest)) {
          err.println("plangate: warning: " + Escape.terminal(git.root().relativize(p)
              .toString()) + " is older than the newest pushed commit "
              + ref.localSha().substring(0, 7) + " (" + newest + "); plan again so it shows"
              + " what this push changes.");
        }
      } catch (IOException e) {
        // the analyser reports unreadable plans
      }
    }
  }

  private List<PushedRef> pushedRefs() throws Workspace.UsageException, IOException {
    String to = env.get("PRE_COMMIT_TO_REF");
    if (to != null && !to.isEmpty()) {
      String from = env.getOrDefault("PRE_COMMIT_FROM_REF", "");
      if (remote == null) {
        remote = env.get("PRE_COMMIT_REMOTE_NAME");
      }
      String branch = env.getOrDefault("PRE_COMMIT_LOCAL_BRANCH", "HEAD");
      return List.of(new PushedRef(branch, to,
          env.getOrDefault("PRE_COMMIT_REMOTE_BRANCH", ""), from.isEmpty() ? ZEROS : from));
    }
    List<PushedRef> refs = new ArrayList<>();
    BufferedReader in = new BufferedReader(new InputStreamReader(stdin, StandardCharsets.UTF_8));
    String line;
    int n = 0;
    while ((line = in.readLine()) != null) {
      n++;
      if (line.isBlank()) {
        continue;
      }
      String[] f = line.trim().split(" ");
      if (f.length != 4 || !f[1].matches("[0-9a-f]{40,64}") || !f[3].matches("[0-9a-f]{40,64}")) {
        throw new Workspace.UsageException("standard input line " + n + " is not git's"
            + " pre-push format `<local ref> <local sha> <remote ref> <remote sha>`: "
            + line);
      }
      refs.add(new PushedRef(f[0], f[1], f[2], f[3]));
    }
    return refs;
  }

  /** Runs the policy's planCommand in the repository root; its output goes to stderr. */
  private void runPlanCommand(String command, Path root, PrintWriter err)
      throws Workspace.UsageException, IOException {
    err.println("plangate: running planCommand: " + Escape.terminal(command));
    err.flush();
    ProcessBuilder pb = new ProcessBuilder("sh", "-c", command).directory(root.toFile())
        .redirectErrorStream(true).redirectInput(ProcessBuilder.Redirect.from(
            new java.io.File("/dev/null")));
    Process p = pb.start();
    try (BufferedReader r = new BufferedReader(
        new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = r.readLine()) != null) {
        err.println("  " + Escape.terminal(line));
      }
    }
    try {
      if (!p.waitFor(30, TimeUnit.MINUTES)) {
        p.destroyForcibly();
        throw new Workspace.UsageException("planCommand did not finish within 30 minutes");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new Workspace.UsageException("interrupted while running planCommand");
    }
    if (p.exitValue() != 0) {
      throw new Workspace.UsageException("planCommand `" + command + "` failed with exit code "
          + p.exitValue() + "; the push is refused until the plan can be made.");
    }
  }

  private boolean color() {
    return workspace.color(env, terminal);
  }
}
