package dev.plangate.cli;

import dev.plangate.core.api.PlanFiles;
import dev.plangate.core.api.CheckRequest;
import dev.plangate.core.api.CommitSelection;
import dev.plangate.core.gate.ApprovalRoute;
import dev.plangate.core.gate.Approver;
import dev.plangate.core.gate.Decision;
import dev.plangate.core.git.Commit;
import dev.plangate.core.git.CommitRange;
import dev.plangate.core.git.GitException;
import dev.plangate.core.git.GitRepository;
import dev.plangate.core.pipeline.Pipeline;
import dev.plangate.core.policy.Policy;
import dev.plangate.core.report.Escape;
import dev.plangate.core.report.Report;
import dev.plangate.core.report.RenderOptions;
import dev.plangate.core.report.Renderers;
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
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code plangate pre-push REMOTE URL}: what git's pre-push hook runs. Reads git's ref lines
 * from standard input, checks each pushed range against the plans the policy names, and
 * refuses the push (exit 1) when the gate would. A push that changes infrastructure files
 * ({@link InfraFiles}) is refused (exit 2) when no plans are named, and when a plan is older
 * than the newest such commit: a plan made before the change cannot clear it.
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
    PrintWriter err = spec.commandLine().getErr();
    try {
      return push(spec.commandLine().getOut(), err);
    } catch (Workspace.UsageException e) {
      Cli.error(err, e.getMessage());
      return Cli.USAGE;
    }
  }

  private int push(PrintWriter out, PrintWriter err)
      throws Workspace.UsageException, IOException {
    Workspace ws = workspace.open(true);
    List<PushedRef> updates = pushedRefs().stream().filter(r -> !r.deletes()).toList();
    if (updates.isEmpty()) {
      return 0;
    }
    ws = policyInForce(ws, updates);
    Policy policy = ws.policy();
    GitRepository git = ws.git();
    Optional<InfraCommit> touched;
    try {
      touched = newestInfraCommit(git, updates);
    } catch (GitException | IllegalArgumentException e) {
      Cli.error(err, e.getMessage());
      err.println("plangate: the push is refused until plangate can tell which files it"
          + " changes.");
      return Cli.USAGE;
    }
    if (policy.plans().isEmpty()) {
      if (touched.isEmpty()) {
        err.println("plangate: this push changes no infrastructure files and .plangate.yml"
            + " names no plans; the push may proceed.");
        return 0;
      }
      err.println("plangate: refused: commit " + touched.get().shortSha() + " changes "
          + Escape.terminal(touched.get().path()) + ", and there are no plans to check:"
          + " name them under plans: in .plangate.yml (the terraform show -json output, and"
          + " planCommand: to write it), then push again.");
      return Cli.USAGE;
    }
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
    if (touched.isPresent() && refusedAsStale(plans, git, touched.get(),
        policy.planCommand() != null, err)) {
      return Cli.USAGE;
    }
    int worst = 0;
    for (PushedRef ref : updates) {
      worst = Math.max(worst, check(ws, git, ref, plans, out, err));
    }
    return worst;
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
        Optional<String> before = ref.createsBranch() ? Optional.empty()
            : git.resolve(ref.remoteSha() + "^{commit}");
        if (before.isPresent()) {
          return ws.withPolicyAt(before.get(), before.get().substring(0, 7) + " ("
              + remoteName + "'s " + ref.remoteRef() + " before the push)");
        }
      }
      for (String branch : List.of("HEAD", "main", "master")) {
        String ref = "refs/remotes/" + remoteName + "/" + branch;
        Optional<String> sha = git.resolve(ref + "^{commit}");
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

  /** The newest pushed commit that changes an infrastructure file, and the first such file. */
  record InfraCommit(String sha, Instant at, String path) {
    String shortSha() {
      return sha.substring(0, Math.min(7, sha.length()));
    }
  }

  /**
   * The newest commit any of {@code refs} pushes that changes infrastructure files (see
   * {@link InfraFiles}). A history cut off by a shallow clone counts its head as such a commit:
   * what plangate cannot see is not cleared.
   */
  private Optional<InfraCommit> newestInfraCommit(GitRepository git, List<PushedRef> refs)
      throws GitException {
    List<String> extra = git.configValues("plangate.infraFiles");
    List<InfraCommit> found = new ArrayList<>();
    for (PushedRef ref : refs) {
      CommitRange range = remoteKnown(git, ref) ? git.range(ref.remoteSha(), ref.localSha())
          : git.unpushed(ref.localSha(), remote);
      InfraFiles infra = new InfraFiles(extra, git.files(ref.localSha()));
      if (!range.complete()) {
        found.add(new InfraCommit(range.headSha(), git.commitTime(range.headSha()),
            "files plangate cannot see (the clone is shallow)"));
      }
      Map<String, Commit> bySha = new java.util.HashMap<>();
      range.commits().forEach(c -> bySha.put(c.sha(), c));
      for (Map.Entry<String, List<String>> e : git.changedPaths(bySha.keySet()).entrySet()) {
        e.getValue().stream().filter(infra::matches).findFirst().ifPresent(path ->
            found.add(new InfraCommit(e.getKey(), bySha.get(e.getKey()).committedAt(), path)));
      }
    }
    // Of commits made in the same instant the first found counts: max keeps the first of equals.
    return found.stream().max(Comparator.comparing(InfraCommit::at));
  }

  private static boolean remoteKnown(GitRepository git, PushedRef ref) throws GitException {
    return !ref.createsBranch() && git.resolve(ref.remoteSha()).isPresent();
  }

  /**
   * A plan older than the newest pushed commit that changes infrastructure was made before
   * that change: it is not a plan of this push, and checking it could pass a destroy it does
   * not show. Commit dates have whole seconds, so a plan written in the same second counts as
   * newer.
   */
  private static boolean refusedAsStale(List<Path> plans, GitRepository git, InfraCommit newest,
      boolean planCommandRan, PrintWriter err) {
    boolean stale = false;
    for (Path p : plans) {
      Instant modified;
      try {
        modified = Files.getLastModifiedTime(p).toInstant();
      } catch (IOException e) {
        continue; // the analyser reports an unreadable plan
      }
      if (modified.getEpochSecond() < newest.at().getEpochSecond()) {
        err.println("plangate: refused: " + Escape.terminal(git.root().relativize(p).toString())
            + " (written " + modified.truncatedTo(java.time.temporal.ChronoUnit.SECONDS)
            + ") is older than commit " + newest.shortSha() + " (" + newest.at() + "), which"
            + " changes " + Escape.terminal(newest.path()) + ": it is not a plan of this push. "
            + (planCommandRan ? "planCommand ran but did not rewrite it; make planCommand"
                + " write every file plans: names."
                : "Plan again (terraform plan -out, then terraform show -json), or set"
                + " planCommand: in .plangate.yml so the hook plans for you."));
        stale = true;
      }
    }
    return stale;
  }

  private int check(Workspace ws, GitRepository git, PushedRef ref, List<Path> plans,
      PrintWriter out, PrintWriter err) {
    boolean remoteKnown;
    try {
      remoteKnown = remoteKnown(git, ref);
    } catch (GitException e) {
      Cli.error(err, e.getMessage());
      return Cli.USAGE;
    }
    CommitSelection commits = remoteKnown ? CommitSelection.between(ref.remoteSha(),
        ref.localSha()) : CommitSelection.unpushed(ref.localSha(), remote);
    Report report = new Pipeline().check(CheckRequest.builder(plans).policy(ws.policy())
        .commits(git.root(), commits).branch(ref.branch()).environment(env)
        .approver(Approver.none(ApprovalRoute.PRE_PUSH)).today(LocalDate.now()).build());
    if (report.decision() == Decision.ERROR) {
      for (String e : report.errors()) {
        Cli.error(err, e);
      }
      err.println("plangate: the push is refused until plangate can read its input.");
      return Cli.USAGE;
    }
    boolean pass = report.decision() == Decision.PASS;
    if (!pass || !report.findings().isEmpty()) {
      out.print(Renderers.TEXT.render(report, RenderOptions.DEFAULT.withColor(
          workspace.color(env, terminal))));
    }
    if (pass) {
      out.flush();
      return 0;
    }
    out.println();
    out.println("  plangate refused the push of " + Escape.terminal(ref.branch()) + ".");
    if (report.decision() == Decision.BLOCKED) {
      out.println("  Next: take the destroy of the protected resources out of the change.");
    }
    if (!report.authorship().signals().isEmpty()) {
      out.println("  If you are an AI agent: do not bypass this check. Stop and ask a human"
          + " to review the destroy.");
    }
    out.flush();
    return report.decision().exitCode();
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
}
