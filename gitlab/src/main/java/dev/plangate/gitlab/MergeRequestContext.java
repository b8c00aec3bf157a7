package dev.plangate.gitlab;

import com.fasterxml.jackson.databind.JsonNode;
import dev.plangate.core.authorship.Confidence;
import dev.plangate.core.authorship.PlatformSignals;
import dev.plangate.core.authorship.Signal;
import dev.plangate.core.authorship.SignalCatalog;
import dev.plangate.core.gate.ApprovalSeal;
import dev.plangate.core.gate.Approver.ApprovalException;
import dev.plangate.core.gate.Approver;
import dev.plangate.core.git.GitException;
import dev.plangate.core.git.GitRepository;
import dev.plangate.core.policy.Policy;
import dev.plangate.platform.ApiException;
import dev.plangate.platform.ApiText;
import dev.plangate.platform.ChangeCheckout;
import dev.plangate.platform.StickyComment;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Everything the gate learns about one merge request before it decides: the merge request as the
 * API has it now, its commits and label events, the policy of its {@code diff_refs.base_sha}, the
 * sticky note and the approver built from them. Read once, up front; any call that fails is an
 * error naming the call, never a pass.
 *
 * <p>Without {@value GitLabEnvironment#TOKEN} nothing is read from the API (a job token cannot
 * read label events): the base and head come from the pipeline's variables, the author counts as
 * a possible agent (nothing shows otherwise), and the approver fails, so a change that destroys
 * is an error (exit 2) that says to set the token, while one that destroys nothing still passes.
 */
public record MergeRequestContext(GitLabApi api, String project, MergeRequest mergeRequest,
    Policy policy, List<String> notes, Optional<StickyComment> note, Approver approver,
    GitLabApprover gitLabApprover, PlatformSignals platformSignals, byte[] sealKey) {
  /**
   * @param api the client, or null without a token: then no note can be written
   * @param policy the base commit's policy, tightened by the merge request's own version
   * @param gitLabApprover the approver when there is a token, else null
   */
  public MergeRequestContext {
    notes = List.copyOf(notes);
  }

  /**
   * Reads the merge request of this pipeline.
   *
   * @param api the client, or null when no token is configured
   * @param policyPath repository-relative policy file, or null for {@code .plangate.yml}
   * @param labelOverride the approval label, or null for the policy's
   * @param sealKey the approval secret, empty when none
   */
  public static MergeRequestContext read(GitLabEnvironment env, GitLabApi api, GitRepository git,
      String policyPath, String labelOverride, boolean readNote, byte[] sealKey)
      throws GitLabCheckException {
    String project = env.projectId();
    long iid = env.mergeRequestIid();
    String prefix = "/projects/" + project + "/merge_requests/" + iid;
    try {
      if (api == null) {
        return withoutToken(env, git, project, iid, policyPath, labelOverride);
      }
      MergeRequest mr = MergeRequest.of(api.get(prefix));
      List<String> notes = new ArrayList<>();
      ChangeCheckout checkout = checkout(git, mr);
      Policy policy = checkout.policy(policyPath, labelOverride, notes, false);
      List<JsonNode> commits = api.getAll(prefix + "/commits");
      List<LabelEvent> events = new ArrayList<>();
      for (JsonNode e : api.getAll(prefix + "/resource_label_events")) {
        events.add(LabelEvent.of(e));
      }
      List<GitLabApprover.MergeRequestApproval> approvals = approvals(api, prefix);
      SignalCatalog catalog = SignalCatalog.builtin().withExtra(policy.signals());
      Map<Long, GitLabApprover.Person> cache = new HashMap<>();
      GitLabApprover.People people = u -> {
        GitLabApprover.Person p = cache.get(u.id());
        if (p == null) {
          p = person(api, project, u);
          cache.put(u.id(), p);
        }
        return p;
      };
      Optional<StickyComment> sticky = Optional.empty();
      if (readNote) {
        long self = api.get("/user").path("id").asLong(-1);
        sticky = StickyComment.find(api.getAll(prefix + "/notes?sort=asc&order_by=created_at"),
            n -> n.path("author").path("id").asLong(-1) == self
                && !n.path("system").asBoolean(false));
      }
      Optional<ApprovalSeal> seal = sticky.flatMap(n -> ApprovalSeal.find(
          ApprovalSeal.Scheme.GITLAB, n.body(), project, iid, sealKey));
      GitLabApprover.ParticipantSource participants = () -> Participants.of(commits,
          checkout.commits());
      GitLabApprover approver = new GitLabApprover(mr, events, approvals, people, participants,
          sha -> pushedAt(api, prefix, sha), seal, catalog);
      PlatformSignals platform = authorSignals(mr, people, catalog);
      return new MergeRequestContext(api, project, mr, policy, notes, sticky, approver, approver,
          platform, sealKey);
    } catch (ApiException | ApprovalException | GitException | IllegalArgumentException e) {
      throw new GitLabCheckException(e.getMessage());
    }
  }

  private static MergeRequestContext withoutToken(GitLabEnvironment env, GitRepository git,
      String project, long iid, String policyPath, String labelOverride)
      throws GitLabCheckException, GitException {
    String base = env.get("CI_MERGE_REQUEST_DIFF_BASE_SHA").orElse("");
    String head = env.get("CI_MERGE_REQUEST_SOURCE_BRANCH_SHA")
        .or(() -> env.get("CI_COMMIT_SHA")).orElse("");
    if (!base.matches("[0-9a-f]{40}") || !head.matches("[0-9a-f]{40}")) {
      throw new GitLabCheckException("without " + GitLabEnvironment.TOKEN + " the merge request"
          + " is read from CI_MERGE_REQUEST_DIFF_BASE_SHA and CI_COMMIT_SHA, and they are not"
          + " commit ids");
    }
    MergeRequest mr = new MergeRequest(iid, GitLabUser.GHOST, head, base,
        env.get("CI_MERGE_REQUEST_SOURCE_BRANCH_NAME").orElse(""));
    ChangeCheckout checkout = checkout(git, mr);
    List<String> notes = new ArrayList<>();
    notes.add(GitLabEnvironment.TOKEN + " is not set, so the merge request's author, labels"
        + " and approvals were not read; authorship comes from the commits alone.");
    Policy policy = checkout.policy(policyPath, labelOverride, notes, false);
    Approver noToken = new Approver() {
      @Override
      public dev.plangate.core.gate.Approvals approvals(
          dev.plangate.core.gate.ApprovalRequest request) throws ApprovalException {
        throw new ApprovalException(GitLabEnvironment.TOKEN + " is not set, so the approval"
            + " label cannot be read: CI_JOB_TOKEN cannot read a merge request's label events."
            + " Create a project access token (role Reporter or above, scope read_api; api to"
            + " keep the merge-request note) and store it as the masked CI/CD variable "
            + GitLabEnvironment.TOKEN);
      }

      @Override
      public dev.plangate.core.gate.ApprovalRoute route() {
        // With the token, the label on this merge request approves.
        return dev.plangate.core.gate.ApprovalRoute.MERGE_REQUEST_LABEL;
      }
    };
    // Fail closed: the merge request may have been opened by an agent's bot account, and without
    // the API nothing says it was not. Any destroy then needs the approval, which needs the token.
    PlatformSignals unknownAuthor = new PlatformSignals(List.of(new Signal(
        "merge-request author", "not read: " + GitLabEnvironment.TOKEN + " is not set",
        Confidence.MEDIUM, "an unknown merge-request author")), Map.of());
    return new MergeRequestContext(null, project, mr, policy, notes, Optional.empty(), noToken,
        null, unknownAuthor, new byte[0]);
  }

  /** Whether notes can be written (a token was given). */
  boolean canWrite() {
    return api != null;
  }

  String notePrefix() {
    return "/projects/" + project + "/merge_requests/" + mergeRequest.iid();
  }

  String sealMarker() {
    if (sealKey.length == 0 || gitLabApprover == null) {
      return "";
    }
    return gitLabApprover.sealToWrite().map(s -> s.marker(ApprovalSeal.Scheme.GITLAB, project,
        mergeRequest.iid(), sealKey)).orElse("");
  }

  /** The merge request in this checkout, which must be its head. */
  private static ChangeCheckout checkout(GitRepository git, MergeRequest mr)
      throws GitException {
    return new ChangeCheckout(git, mr.baseSha(), mr.headSha(), "merge request")
        .requireHead("set GIT_DEPTH: 0 (or fetch the target branch) before plangate",
            "pipeline");
  }

  /** {@code approved_by}; a project without the approvals API (404) has none. */
  private static List<GitLabApprover.MergeRequestApproval> approvals(GitLabApi api,
      String prefix) throws ApiException, GitLabCheckException {
    Optional<JsonNode> answer = api.getIfExists(prefix + "/approvals");
    List<GitLabApprover.MergeRequestApproval> out = new ArrayList<>();
    if (answer.isEmpty()) {
      return out;
    }
    JsonNode by = answer.get().path("approved_by");
    if (!by.isMissingNode() && !by.isArray()) {
      throw new GitLabCheckException("GitLab's approvals answer has an approved_by that is not"
          + " a list");
    }
    for (JsonNode a : by) {
      Instant at = null;
      String when = a.path("approved_at").asText("");
      if (!when.isEmpty()) {
        try {
          at = Instant.parse(when);
        } catch (DateTimeParseException e) {
          throw new GitLabCheckException("an approval has no valid approved_at: '"
              + ApiText.clean(when, 40) + "'");
        }
      }
      out.add(new GitLabApprover.MergeRequestApproval(GitLabUser.of(a.get("user")), at));
    }
    return out;
  }

  /** {@code /users/:id} (bot, state, public_email) and the member's effective access level. */
  private static GitLabApprover.Person person(GitLabApi api, String project, GitLabUser u)
      throws ApprovalException {
    try {
      JsonNode user = api.get("/users/" + u.id());
      JsonNode bot = user.get("bot");
      if (bot == null || !bot.isBoolean()) {
        throw new ApprovalException("GitLab's /users/" + u.id() + " does not say whether "
            + u.username() + " is a bot (no boolean \"bot\" field), so the approval cannot be"
            + " trusted");
      }
      Optional<JsonNode> member = api.getIfExists("/projects/" + project + "/members/all/"
          + u.id());
      int level = member.map(m -> m.path("access_level").asInt(0)).orElse(0);
      return new GitLabApprover.Person(bot.asBoolean(), user.path("state").asText(""),
          user.path("public_email").asText(""), level);
    } catch (ApiException e) {
      throw new ApprovalException("cannot verify the approver " + u.username() + ": "
          + e.getMessage());
    }
  }

  /**
   * When the head commit was pushed, by GitLab's clock: the {@code created_at} of the diff
   * version whose {@code head_commit_sha} is the head (the latest, if it was pushed more than
   * once). Commit dates are written by the committer and prove nothing.
   */
  private static Instant pushedAt(GitLabApi api, String prefix, String sha)
      throws ApprovalException {
    try {
      Instant latest = null;
      for (JsonNode v : api.getAll(prefix + "/versions")) {
        if (!sha.equals(v.path("head_commit_sha").asText())) {
          continue;
        }
        Instant created = Instant.parse(v.path("created_at").asText());
        latest = latest == null || created.isAfter(latest) ? created : latest;
      }
      return latest;
    } catch (ApiException e) {
      throw new ApprovalException("cannot tell when the head commit was pushed: "
          + e.getMessage());
    } catch (DateTimeParseException e) {
      throw new ApprovalException("a merge-request version has no valid created_at");
    }
  }

  /**
   * A merge request opened by a bot account (a project or group access token, a service
   * account: what an agent runs as) or a known agent's account is AI-authored.
   */
  private static PlatformSignals authorSignals(MergeRequest mr, GitLabApprover.People people,
      SignalCatalog catalog) throws ApprovalException {
    GitLabUser a = mr.author();
    Optional<String> agent = catalog.agentForGitHubAccount(a.username(), 0);
    List<Signal> change = new ArrayList<>();
    if (agent.isPresent()) {
      change.add(new Signal("merge-request author", a.username(), Confidence.HIGH,
          agent.get()));
    } else if (!catalog.isNonAiBot(a.username()) && people.person(a).bot()) {
      change.add(new Signal("merge-request author", a.username(), Confidence.MEDIUM,
          a.username() + " (a GitLab bot account not known to be an AI agent)"));
    }
    return new PlatformSignals(change, Map.of());
  }
}
