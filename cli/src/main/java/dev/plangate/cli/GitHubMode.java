package dev.plangate.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.plangate.core.git.GitException;
import dev.plangate.core.git.GitRepository;
import dev.plangate.core.report.Report;
import dev.plangate.github.GitHubApi;
import dev.plangate.github.GitHubCheckException;
import dev.plangate.github.EventRange;
import dev.plangate.github.GitHubReporter;
import dev.plangate.github.PullRequestContext;
import dev.plangate.platform.RetryPolicy;
import dev.plangate.github.RunnerEnvironment;
import dev.plangate.github.RunnerEnvironmentException;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * {@code check} inside a GitHub Actions run: the pull request comes from the event and the
 * API (never from the command line, where a workflow could splice attacker text), approvals
 * from its label and reviews, and the result goes to the step's outputs, summary, annotations
 * and the sticky comment.
 */
final class GitHubMode {
  enum Use { auto, on, off }

  private final RunnerEnvironment env;
  private final PrintStream log;
  private Optional<PullRequestContext> pr = Optional.empty();
  private Optional<EventBase> eventBase = Optional.empty();
  private GitHubReporter reporter;
  /** The event payload {@link #prepare} read. */
  private JsonNode readEvent;

  private GitHubMode(RunnerEnvironment env, PrintStream log) {
    this.env = env;
    this.log = log;
  }

  /** GitHub mode when asked for, or on a runner ({@code GITHUB_ACTIONS=true}) by default. */
  static Optional<GitHubMode> detect(Map<String, String> environment, Use use, PrintStream log) {
    RunnerEnvironment env = new RunnerEnvironment(environment);
    boolean on = use == Use.on || (use == Use.auto && env.isGitHubActions());
    return on ? Optional.of(new GitHubMode(env, log)) : Optional.empty();
  }

  /**
   * Reads the event, and for a pull request everything the gate needs about it.
   *
   * @param git the checkout (required for a pull request)
   * @param policyFile the policy file the user named, or null
   */
  void prepare(GitRepository git, Path workDir, Path policyFile, String approvalLabel,
      boolean comment, String commentAuthor) throws GitHubCheckException {
    reporter = new GitHubReporter(env, log, git == null ? null : git.root(), workDir);
    JsonNode event;
    try {
      event = readEvent = env.readEvent();
    } catch (RunnerEnvironmentException e) {
      throw new GitHubCheckException(e.getMessage());
    }
    if (!event.has("pull_request")) {
      // A push or a merge queue: no pull request to approve on, the plain gate decides, but
      // under the policy as it was before the change, which the change may only tighten.
      eventBase = eventBase(event, git);
      return;
    }
    if (git == null) {
      throw new GitHubCheckException("not in a git checkout: a pull request is checked against"
          + " its commits; run actions/checkout (fetch-depth: 0) before plangate");
    }
    GitHubApi api;
    try {
      api = new GitHubApi(env.apiUrl(), env.token().orElse(null), retryPolicy());
      String policyPath = GitLabMode.inRepository(git, workDir, policyFile);
      byte[] key = env.get("PLANGATE_APPROVAL_SECRET").orElse("")
          .getBytes(StandardCharsets.UTF_8);
      pr = Optional.of(PullRequestContext.read(api, env.repository(), event, git, policyPath,
          approvalLabel, commentAuthor, comment, key));
    } catch (RunnerEnvironmentException | IllegalArgumentException e) {
      throw new GitHubCheckException(e.getMessage());
    }
  }

  /**
   * GitHub's retry advice, reported on the log; {@code PLANGATE_GITHUB_RETRY_SECONDS} caps the
   * total wait per call (default 90).
   */
  private RetryPolicy retryPolicy() throws GitHubCheckException {
    RetryPolicy policy = RetryPolicy.defaults().withLog(Cli.lines(log));
    Optional<String> budget = env.get("PLANGATE_GITHUB_RETRY_SECONDS");
    if (budget.isEmpty()) {
      return policy;
    }
    try {
      int seconds = Integer.parseInt(budget.get().strip());
      if (seconds < 0 || seconds > 3600) {
        throw new NumberFormatException();
      }
      return policy.withMaxTotalWait(java.time.Duration.ofSeconds(seconds));
    } catch (NumberFormatException e) {
      throw new GitHubCheckException("PLANGATE_GITHUB_RETRY_SECONDS must be a number of seconds"
          + " from 0 to 3600");
    }
  }

  Optional<PullRequestContext> pullRequest() {
    return pr;
  }

  /**
   * Where the change of a push or merge-group event begins.
   *
   * @param rev the base commit (or remote branch) whose policy is in force
   * @param label how the report names it
   */
  record EventBase(String rev, String label) {}

  /** The base of a push or merge-group event, when the event is one. */
  Optional<EventBase> eventBase() {
    return eventBase;
  }

  /**
   * A merge group's {@code base_sha}; a push's {@code before}, or for a new branch (before is
   * all zeros) or a force push whose old head a full clone lacks, the repository's default
   * branch. Other events (schedule, workflow_dispatch) judge no change and have none.
   */
  private static Optional<EventBase> eventBase(JsonNode event, GitRepository git)
      throws GitHubCheckException {
    String sha;
    String what;
    if (event.has("merge_group")) {
      sha = event.path("merge_group").path("base_sha").asText("");
      what = "the merge group's base";
    } else if (event.has("before") && event.has("after")) {
      sha = event.path("before").asText("");
      what = "the commit before the push";
      // A created branch has no commit before it; a force push's old head is unreachable, so a
      // full clone does not have it. Either way the default branch was in force before it.
      String why = sha.matches("0+") ? "the push creates a branch"
          : gone(git, sha) ? "the push replaced the branch, and its old head is not in the clone"
          : null;
      if (why != null) {
        String branch = event.path("repository").path("default_branch").asText("");
        if (branch.isEmpty()) {
          throw new GitHubCheckException(why + " and the event names no default branch, so"
              + " plangate cannot tell which policy was in force before it");
        }
        return Optional.of(new EventBase("origin/" + branch,
            "origin/" + branch + " (the default branch; " + why + ")"));
      }
    } else {
      return Optional.empty();
    }
    if (!sha.matches("[0-9a-f]{40}([0-9a-f]{24})?")) {
      throw new GitHubCheckException("the event names no usable base commit ('"
          + sha.replaceAll("[^0-9A-Za-z]", "?") + "'), so plangate cannot tell which policy"
          + " was in force before the change");
    }
    if (git == null) {
      throw new GitHubCheckException("not in a git checkout: the policy in force is read from"
          + " " + what + ", " + sha + "; run actions/checkout (fetch-depth: 0) before plangate");
    }
    return Optional.of(new EventBase(sha, sha.substring(0, 7) + " (" + what + ")"));
  }

  /** A force push's old head: a commit name a full clone does not have (it is unreachable). */
  private static boolean gone(GitRepository git, String sha) throws GitHubCheckException {
    try {
      return git != null && !git.isShallow() && sha.matches("[0-9a-f]{40}([0-9a-f]{24})?")
          && git.resolve(sha + "^{commit}").isEmpty();
    } catch (GitException e) {
      throw new GitHubCheckException(e.getMessage());
    }
  }

  void publish(Report report, boolean comment, Path jsonReport) throws IOException {
    reporter.publish(report, pr, comment, jsonReport);
  }

  void publishError(String message) {
    try {
      if (reporter == null) {
        reporter = new GitHubReporter(env, log, null, Path.of(""));
      }
      reporter.publishError(message);
    } catch (IOException e) {
      // The step's files are gone; the exit code still says error.
    }
  }

  /**
   * The commits of a push or merge-group event (see {@link EventRange}); empty for a pull
   * request (its commits come from the API) and for events that name no change. Call after
   * {@link #prepare}.
   */
  Optional<EventRange> eventRange(GitRepository git) throws GitHubCheckException {
    if (readEvent == null || readEvent.has("pull_request")) {
      return Optional.empty();
    }
    String name = env.eventName().map(String::strip).orElse(null);
    Optional<EventRange> range;
    try {
      range = EventRange.of(name, readEvent, git);
    } catch (GitException e) {
      throw new GitHubCheckException(e.getMessage());
    }
    range.map(EventRange::how).ifPresent(Cli.lines(log));
    return range;
  }
}
