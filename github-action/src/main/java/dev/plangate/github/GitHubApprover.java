package dev.plangate.github;

import dev.plangate.core.authorship.SignalCatalog;
import dev.plangate.core.gate.Approval;
import dev.plangate.core.gate.ApprovalRoute;
import dev.plangate.core.gate.ApprovalSeal;
import dev.plangate.core.gate.LabelApprover;
import dev.plangate.core.git.Commit;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Approvals from a pull request's label and reviews, trusted only when GitHub's own records
 * show a human with write access gave them after the latest push (see
 * {@code docs/github-action.md} for the threat model).
 *
 * <p>The label counts when its latest {@code labeled} event has no later {@code unlabeled};
 * its actor is a {@code User}, not an App or a known agent account, not the pull request's
 * author, and not an author, committer or co-author of any of its commits; has write,
 * maintain or admin permission; and labelled after the head commit was pushed. A label from
 * before the latest push still counts when a verified {@link ApprovalSeal} records that it
 * approved a fingerprint ({@link LabelApprover} holds that rule for every platform). Approving
 * reviews of the head commit by other people who pass the same checks count towards a
 * two-person rule.
 */
public final class GitHubApprover extends LabelApprover<Timeline.LabelEvent> {
  private static final Set<String> WRITERS = Set.of("admin", "maintain", "write");

  /** The repository role of a login: admin, maintain, write, triage, read or none. */
  public interface Permissions {
    String roleOf(String login) throws ApprovalException;
  }

  /** The logins that took part in the commits (lowercase) → what they did. */
  public interface ParticipantSource {
    Map<String, String> logins() throws ApprovalException;
  }

  /**
   * The {@code labeled} event that triggered this run: its label, its sender and the pull
   * request's head when it happened.
   */
  public record LabelTrigger(String label, String sender, String headSha) {}

  /** GitHub's time for when a head commit was pushed, or null when nothing records it. */
  public interface PushClock {
    Instant pushedAt(String headSha) throws ApprovalException;
  }

  private final PullRequest pr;
  private final Timeline timeline;
  private final ParticipantSource participantSource;
  private Map<String, String> participants;
  private final Permissions permissions;
  private final PushClock clock;
  private final Optional<LabelTrigger> trigger;
  private final SignalCatalog catalog;

  /**
   * @param participants lowercase login → what they did ("authored commit a1b2c3d"); asked
   *     only when a sign-off has to be judged
   * @param trigger the labeled event this run was triggered by, if it was
   * @param seal the verified seal from the sticky comment, if any
   */
  public GitHubApprover(PullRequest pr, Timeline timeline, ParticipantSource participants,
      Permissions permissions, PushClock clock, Optional<LabelTrigger> trigger,
      Optional<ApprovalSeal> seal, SignalCatalog catalog) {
    super(seal);
    this.pr = pr;
    this.timeline = timeline;
    this.participantSource = participants;
    this.permissions = permissions;
    this.clock = clock;
    this.trigger = trigger;
    this.catalog = catalog;
  }

  /** A pull request: the approval label, from someone with write access. */
  @Override
  public ApprovalRoute route() {
    return ApprovalRoute.PULL_REQUEST_LABEL;
  }

  @Override
  protected List<Timeline.LabelEvent> labelEvents() {
    return timeline.labels();
  }

  @Override
  protected String headSha() {
    return pr.headSha();
  }

  @Override
  protected String refusal(Timeline.LabelEvent added) throws ApprovalException {
    return refusal(added.actor(), added.app(), "added the label");
  }

  @Override
  protected String relabeller() {
    return "a maintainer";
  }

  @Override
  protected String staleness(Timeline.LabelEvent added) throws ApprovalException {
    for (Timeline.ForcePush p : timeline.forcePushes()) {
      if (p.at().isAfter(added.at())) {
        return "before the branch was force-pushed at " + p.at();
      }
    }
    // This run was started by that person adding that label while the head was this commit:
    // GitHub's own event proves the label came after the push.
    if (trigger.filter(t -> t.label().equals(added.label()) && added.actor().sameAs(t.sender())
        && t.headSha().equals(pr.headSha())).isPresent()) {
      return null;
    }
    Instant pushed = clock.pushedAt(pr.headSha());
    if (pushed == null) {
      return "and GitHub has no record of when the head commit "
          + Commit.shortSha(pr.headSha()) + " was pushed, so it may have come later";
    }
    return added.at().isAfter(pushed) ? null
        : "before the head commit " + Commit.shortSha(pr.headSha()) + " was pushed (at "
            + pushed + ")";
  }

  /** Approving reviews of the head commit by other qualifying people, latest per reviewer. */
  @Override
  protected List<Approval> coApprovals(Timeline.LabelEvent added, String fingerprint,
      List<String> notes) throws ApprovalException {
    String labeller = added.actor().login();
    Map<String, Timeline.Review> latest = new LinkedHashMap<>();
    for (Timeline.Review r : timeline.reviews()) {
      if (r.user().exists() && !"commented".equals(r.state())) {
        latest.put(r.user().login().toLowerCase(Locale.ROOT), r);
      }
    }
    List<Approval> out = new ArrayList<>();
    for (Timeline.Review r : latest.values()) {
      if (!r.approves() || r.user().sameAs(labeller)) {
        continue;
      }
      if (!r.commitId().equals(pr.headSha())) {
        notes.add("The approving review by " + r.user().login() + " is of commit "
            + Commit.shortSha(r.commitId()) + ", not the head " + Commit.shortSha(pr.headSha())
            + ", so it does not count.");
        continue;
      }
      String refusal = refusal(r.user(), null, "approved");
      if (refusal != null) {
        notes.add("The approving review by " + r.user().login() + " does not count: " + refusal
            + ".");
        continue;
      }
      out.add(new Approval(r.user().login(), "review of " + Commit.shortSha(r.commitId()),
          fingerprint, r.at()));
    }
    return out;
  }

  /** Why this account cannot approve, or null when it can. */
  private String refusal(Account who, String app, String did) throws ApprovalException {
    if (app != null) {
      return who.login() + " " + did + " through the GitHub App " + app
          + ", and an app cannot approve";
    }
    Optional<String> agent = catalog.agentForGitHubAccount(who.login(), who.id());
    if (agent.isPresent()) {
      return who.login() + " is the account of " + agent.get() + ", an AI agent";
    }
    if (!who.isUser()) {
      return who.describe() + " is not a person's account";
    }
    if (pr.author().sameAs(who.login())) {
      return who.login() + " opened the pull request, and an author cannot approve their own"
          + " change";
    }
    if (participants == null) {
      participants = Map.copyOf(participantSource.logins());
    }
    String part = participants.get(who.login().toLowerCase(Locale.ROOT));
    if (part != null) {
      return who.login() + " " + part + ", and an author cannot approve their own change";
    }
    String role = permissions.roleOf(who.login());
    if (!WRITERS.contains(role)) {
      return who.login() + " has " + ("none".equals(role) ? "no" : role) + " access to the"
          + " repository; approving needs write, maintain or admin";
    }
    return null;
  }
}
