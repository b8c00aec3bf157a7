package dev.plangate.github;

import com.fasterxml.jackson.databind.JsonNode;
import dev.plangate.core.authorship.PlatformSignals;
import dev.plangate.core.authorship.SignalCatalog;
import dev.plangate.core.gate.ApprovalSeal;
import dev.plangate.core.gate.Approver.ApprovalException;
import dev.plangate.core.git.GitException;
import dev.plangate.core.git.GitRepository;
import dev.plangate.core.policy.Policy;
import dev.plangate.platform.ApiException;
import dev.plangate.platform.ChangeCheckout;
import dev.plangate.platform.StickyComment;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Everything the gate learns about one pull request before it decides: the pull request as the
 * API has it now, its commits, its timeline, the policy of its base commit, the sticky comment
 * and the approver built from them. Read once, up front; any call that fails is an error that
 * names the call, never a pass.
 */
public record PullRequestContext(GitHubApi api, RepositoryName repo, PullRequest pullRequest,
    Policy policy, List<String> notes, Optional<StickyComment> comment, GitHubApprover approver,
    PlatformSignals platformSignals, byte[] sealKey) {
  /** GitHub's pull-request commits endpoint lists at most this many; git has the rest. */
  static final int API_COMMIT_CAP = 250;
  private static final Set<String> ROLES = Set.of("admin", "maintain", "write", "triage", "read");

  /**
   * @param policy the policy of the base commit, with the approval label the action asked for
   * @param notes sentences for the report on what the gate read and how
   */
  public PullRequestContext {
    notes = List.copyOf(notes);
  }

  /**
   * Reads the pull request of {@code event}.
   *
   * @param git the checkout the plans were made from
   * @param policyPath repository-relative policy file, or null for {@code .plangate.yml}
   * @param labelOverride the approval label, or null for the policy's
   * @param commentAuthor the login whose sticky comment is ours ({@code github-actions[bot]})
   * @param sealKey the approval secret, empty when none is configured
   * @throws GitHubCheckException naming what could not be read
   */
  public static PullRequestContext read(GitHubApi api, RepositoryName repo, JsonNode event,
      GitRepository git, String policyPath, String labelOverride, String commentAuthor,
      boolean readComment, byte[] sealKey) throws GitHubCheckException {
    int number = event.path("pull_request").path("number").asInt(
        event.path("number").asInt(0));
    if (number <= 0) {
      throw new GitHubCheckException("the event has no pull request number");
    }
    String prefix = GitHubApi.path("/repos/{}/{}", repo.owner(), repo.name());
    try {
      PullRequest pr = PullRequest.of(api.get(prefix + "/pulls/" + number));
      ChangeCheckout checkout = new ChangeCheckout(git, pr.baseSha(), pr.headSha(),
          "pull request").requireHead("check out with actions/checkout, ref: the pull"
              + " request's head sha and fetch-depth: 0", "run");
      List<String> notes = new ArrayList<>();
      Policy policy = checkout.policy(policyPath, labelOverride, notes, true);
      List<PullRequestCommit> commits = new ArrayList<>();
      for (JsonNode c : api.getAll(prefix + "/pulls/" + number + "/commits", null,
          API_COMMIT_CAP)) {
        commits.add(PullRequestCommit.of(c));
      }
      if (pr.commits() > commits.size()) {
        notes.add("GitHub lists " + commits.size() + " of the pull request's " + pr.commits()
            + " commits; authorship of the rest was read from git.");
      }
      Timeline timeline = Timeline.of(api.getAll(prefix + "/issues/" + number + "/timeline"));
      // The issue side of a pull request records the App it was opened through, if any.
      String openedVia = api.getIfExists(prefix + "/issues/" + number)
          .map(i -> i.path("performed_via_github_app").path("slug").asText(null))
          .orElse(null);
      SignalCatalog catalog = SignalCatalog.builtin().withExtra(policy.signals());
      Optional<StickyComment> sticky = Optional.empty();
      if (readComment) {
        sticky = StickyComment.find(api.getAll(prefix + "/issues/" + number + "/comments"),
            c -> Account.of(c.get("user")).sameAs(commentAuthor));
      }
      Optional<ApprovalSeal> seal = sticky.flatMap(c -> ApprovalSeal.find(
          ApprovalSeal.Scheme.GITHUB, c.body(), repo.toString(), number, sealKey));
      Map<String, String> roles = new HashMap<>();
      GitHubApprover.Permissions permissions = login -> {
        String role = roles.get(login);
        if (role == null) {
          role = role(api, prefix, login);
          roles.put(login, role);
        }
        return role;
      };
      GitHubApprover.ParticipantSource participants = () -> Participants.of(commits,
          checkout.commits());
      GitHubApprover approver = new GitHubApprover(pr, timeline, participants, permissions,
          sha -> pushedAt(api, prefix, sha), trigger(event, pr), seal, catalog);
      return new PullRequestContext(api, repo, pr, policy, notes, sticky, approver,
          Identities.of(pr, commits, timeline, openedVia, catalog), sealKey);
    } catch (ApiException | GitException | IllegalArgumentException e) {
      throw new GitHubCheckException(e.getMessage());
    }
  }

  /** The hidden seal line to keep in the comment after the decision, or empty. */
  public String sealMarker() {
    if (sealKey.length == 0) {
      return "";
    }
    return approver.sealToWrite().map(s -> s.marker(ApprovalSeal.Scheme.GITHUB,
        repo.toString(), pullRequest.number(), sealKey)).orElse("");
  }

  String apiPrefix() {
    return GitHubApi.path("/repos/{}/{}", repo.owner(), repo.name());
  }

  private static Optional<GitHubApprover.LabelTrigger> trigger(JsonNode event, PullRequest pr) {
    if (!"labeled".equals(event.path("action").asText())) {
      return Optional.empty();
    }
    return Optional.of(new GitHubApprover.LabelTrigger(event.path("label").path("name").asText(),
        event.path("sender").path("login").asText(),
        event.path("pull_request").path("head").path("sha").asText()));
  }

  /** The repository role of a login; 404 (not a collaborator) is "none". */
  private static String role(GitHubApi api, String prefix, String login)
      throws ApprovalException {
    try {
      Optional<JsonNode> answer = api.getIfExists(
          prefix + GitHubApi.path("/collaborators/{}/permission", login));
      if (answer.isEmpty()) {
        return "none";
      }
      String role = answer.get().path("role_name").asText("");
      if (ROLES.contains(role)) {
        return role;
      }
      String permission = answer.get().path("permission").asText("none");
      return ROLES.contains(permission) ? permission : "none";
    } catch (ApiException e) {
      throw new ApprovalException("cannot verify the approver " + login + ": "
          + e.getMessage());
    }
  }

  /**
   * When the head commit was pushed, by GitHub's clock: the creation of the first workflow run
   * for it. Commit dates are written by the committer and prove nothing.
   */
  private static Instant pushedAt(GitHubApi api, String prefix, String sha)
      throws ApprovalException {
    try {
      Instant first = null;
      for (JsonNode run : api.getAll(prefix + GitHubApi.path("/actions/runs?head_sha={}", sha),
          "workflow_runs", 1000)) {
        if (!sha.equals(run.path("head_sha").asText())) {
          continue;
        }
        Instant created = Instant.parse(run.path("created_at").asText());
        first = first == null || created.isBefore(first) ? created : first;
      }
      return first;
    } catch (ApiException e) {
      throw new ApprovalException("cannot tell when the head commit was pushed (the workflow"
          + " needs permissions: actions: read): " + e.getMessage());
    } catch (DateTimeParseException e) {
      throw new ApprovalException("a workflow run has no valid created_at: " + e.getMessage());
    }
  }
}
