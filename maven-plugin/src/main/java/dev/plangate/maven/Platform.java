package dev.plangate.maven;

import com.fasterxml.jackson.databind.JsonNode;
import dev.plangate.core.api.CommitSelection;
import dev.plangate.core.authorship.PlatformSignals;
import dev.plangate.core.gate.Approver;
import dev.plangate.core.git.GitRepository;
import dev.plangate.core.policy.Policy;
import dev.plangate.github.Account;
import dev.plangate.github.GitHubApi;
import dev.plangate.github.GitHubCheckException;
import dev.plangate.github.PullRequest;
import dev.plangate.github.PullRequestContext;
import dev.plangate.platform.RetryPolicy;
import dev.plangate.github.RunnerEnvironment;
import dev.plangate.github.RunnerEnvironmentException;
import dev.plangate.gitlab.GitLabApi;
import dev.plangate.gitlab.GitLabCheckException;
import dev.plangate.gitlab.GitLabEnvironment;
import dev.plangate.gitlab.MergeRequest;
import dev.plangate.gitlab.MergeRequestContext;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Where the build runs, when that is a change someone can approve: a GitHub Actions
 * pull-request workflow or a GitLab merge-request pipeline. There the goal asks the same adapter
 * as the CLI (token from the environment) for the change's base, authorship and approvals; the
 * CLI posts the comment or note, the goal only decides.
 *
 * @param surface "pull request" or "merge request", for messages
 * @param policy the base commit's policy, tightened by the change's own
 * @param commits base..head of the change
 * @param approver the platform's approvals
 * @param notes what the adapter read and how
 */
record Platform(String surface, Policy policy, CommitSelection commits, String branch,
    Approver approver, PlatformSignals signals, List<String> notes) {

  /** The platform's change, or empty when the build runs elsewhere. */
  static Optional<Platform> detect(Map<String, String> env, GitRepository git, String policyPath,
      String label) throws Inputs.ParameterException {
    GitLabEnvironment gitlab = new GitLabEnvironment(env);
    RunnerEnvironment github = new RunnerEnvironment(env);
    if (git == null && (gitlab.isMergeRequestPipeline() || github.isGitHubActions())) {
      // The adapters refuse without a checkout; say it once, here.
      return Optional.empty();
    }
    if (gitlab.isMergeRequestPipeline()) {
      try {
        GitLabApi api = gitlab.token().isEmpty() ? null
            : new GitLabApi(gitlab.apiUrl(), gitlab.token().get(), RetryPolicy.defaults());
        MergeRequestContext c = MergeRequestContext.read(gitlab, api, git, policyPath, label,
            false, gitlab.sealSecret().orElse("").getBytes(StandardCharsets.UTF_8));
        MergeRequest mr = c.mergeRequest();
        return Optional.of(new Platform("merge request", c.policy(),
            CommitSelection.between(mr.baseSha(), mr.headSha()), mr.sourceBranch(),
            c.approver(), c.platformSignals(), c.notes()));
      } catch (GitLabCheckException | IllegalArgumentException e) {
        throw new Inputs.ParameterException("GitLab merge request", e.getMessage());
      }
    }
    if (!github.isGitHubActions() || github.eventPath().isEmpty()) {
      return Optional.empty();
    }
    try {
      JsonNode event = github.readEvent();
      if (!event.has("pull_request")) {
        return Optional.empty();
      }
      GitHubApi api = new GitHubApi(github.apiUrl(), github.token().orElse(null),
          RetryPolicy.defaults());
      PullRequestContext c = PullRequestContext.read(api, github.repository(), event, git,
          policyPath, label, Account.WORKFLOW_BOT, false,
          github.get("PLANGATE_APPROVAL_SECRET").orElse("").getBytes(StandardCharsets.UTF_8));
      PullRequest pr = c.pullRequest();
      return Optional.of(new Platform("pull request", c.policy(),
          CommitSelection.between(pr.baseSha(), pr.headSha()), pr.headRef(), c.approver(),
          c.platformSignals(), c.notes()));
    } catch (GitHubCheckException | RunnerEnvironmentException | IllegalArgumentException e) {
      throw new Inputs.ParameterException("GitHub pull request", e.getMessage());
    }
  }

  /** A policy file as the repository names it, or null when it is outside (or not given). */
  static String repositoryPath(GitRepository git, Path file) {
    if (git == null || file == null) {
      return null;
    }
    Path root = git.root().toAbsolutePath().normalize();
    Path f = file.toAbsolutePath().normalize();
    return f.startsWith(root) ? root.relativize(f).toString().replace('\\', '/') : null;
  }
}
