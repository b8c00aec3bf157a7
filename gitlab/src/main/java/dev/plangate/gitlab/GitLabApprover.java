package dev.plangate.gitlab;

import dev.plangate.core.authorship.SignalCatalog;
import dev.plangate.core.gate.Approval;
import dev.plangate.core.gate.ApprovalRoute;
import dev.plangate.core.gate.ApprovalSeal;
import dev.plangate.core.gate.LabelApprover;
import dev.plangate.core.git.Commit;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Approvals from a merge request's label and its GitLab approvals, trusted only when GitLab's own
 * records show a human with Developer access or above gave them after the latest push.
 *
 * <p>The label counts when its latest {@code add} event has no later {@code remove}; its user is
 * not a bot ({@code /users/:id}, {@code bot: false}) nor a known agent account, not the merge
 * request's author, not an author, committer or co-author of any of its commits, has
 * {@code access_level} ≥ 30 in the project, and added it after the head commit was pushed, by
 * GitLab's clock (the diff version whose {@code head_commit_sha} is the head). A label from before
 * the latest push still counts when a verified {@link ApprovalSeal} records that it approved a
 * fingerprint ({@link LabelApprover} holds that rule for every platform). Merge-request approvals
 * ({@code approved_by}) by other people who pass the same checks, given after that push, count
 * towards a two-person rule; on their own they approve nothing, as reviews on GitHub.
 */
public final class GitLabApprover extends LabelApprover<LabelEvent> {
  /** GitLab's Developer role; Maintainer is 40 and Owner 50. */
  public static final int DEVELOPER = 30;

  /** What {@code /users/:id} and {@code /projects/:id/members/all/:user_id} say of someone. */
  public record Person(boolean bot, String state, String publicEmail, int accessLevel) {}

  /** Looks a user up (cached by the caller). */
  public interface People {
    Person person(GitLabUser user) throws ApprovalException;
  }

  /** Who took part in the commits, read only when a sign-off is judged. */
  public interface ParticipantSource {
    Participants participants() throws ApprovalException;
  }

  /** GitLab's time for when a head commit was pushed, or null when nothing records it. */
  public interface PushClock {
    Instant pushedAt(String headSha) throws ApprovalException;
  }

  /** One entry of {@code approved_by}; {@code at} is {@code approved_at}, null when absent. */
  public record MergeRequestApproval(GitLabUser user, Instant at) {}

  private final MergeRequest mr;
  private final List<LabelEvent> events;
  private final List<MergeRequestApproval> mrApprovals;
  private final People people;
  private final ParticipantSource participantSource;
  private Participants participants;
  private final PushClock clock;
  private final SignalCatalog catalog;
  /** The head's push time, read by {@link #staleness}, which runs before any co-approval. */
  private Instant pushed;

  public GitLabApprover(MergeRequest mr, List<LabelEvent> events,
      List<MergeRequestApproval> mrApprovals, People people, ParticipantSource participants,
      PushClock clock, Optional<ApprovalSeal> seal, SignalCatalog catalog) {
    super(seal);
    this.mr = mr;
    // GitLab lists events oldest first; sorted anyway, by time then id, so order is its clock.
    this.events = events.stream().sorted(Comparator.comparing(LabelEvent::at)
        .thenComparingLong(LabelEvent::id)).toList();
    this.mrApprovals = List.copyOf(mrApprovals);
    this.people = people;
    this.participantSource = participants;
    this.clock = clock;
    this.catalog = catalog;
  }

  /** The label on the merge request approves, as on a GitHub pull request. */
  @Override
  public ApprovalRoute route() {
    return ApprovalRoute.MERGE_REQUEST_LABEL;
  }

  @Override
  protected List<LabelEvent> labelEvents() {
    return events;
  }

  @Override
  protected String headSha() {
    return mr.headSha();
  }

  @Override
  protected String refusal(LabelEvent added) throws ApprovalException {
    return refusal(added.user(), "added the label");
  }

  @Override
  protected String staleness(LabelEvent added) throws ApprovalException {
    pushed = clock.pushedAt(mr.headSha());
    return pushed == null
        ? "and GitLab has no diff version for the head commit " + Commit.shortSha(mr.headSha())
            + ", so it may have been pushed later"
        : added.at().isAfter(pushed) ? null
        : "before the head commit " + Commit.shortSha(mr.headSha()) + " was pushed (at "
            + pushed + ")";
  }

  @Override
  protected String relabeller() {
    return "someone with Developer access";
  }

  /** GitLab approvals by other qualifying people after the latest push, one per person. */
  @Override
  protected List<Approval> coApprovals(LabelEvent added, String fingerprint, List<String> notes)
      throws ApprovalException {
    GitLabUser labeller = added.user();
    List<Approval> out = new ArrayList<>();
    Set<Long> seen = new HashSet<>();
    seen.add(labeller.id());
    for (MergeRequestApproval a : mrApprovals) {
      if (!a.user().exists() || !seen.add(a.user().id())) {
        continue;
      }
      String who = "The merge-request approval by " + a.user().username();
      if (a.at() == null) {
        notes.add(who + " does not count: GitLab does not say when it was given (no"
            + " approved_at), so it may predate the latest push.");
        continue;
      }
      if (pushed == null || !a.at().isAfter(pushed)) {
        notes.add(who + " was given at " + a.at() + ", before the head commit "
            + Commit.shortSha(mr.headSha()) + " was pushed, so it does not count.");
        continue;
      }
      String refusal = refusal(a.user(), "approved");
      if (refusal != null) {
        notes.add(who + " does not count: " + refusal + ".");
        continue;
      }
      out.add(new Approval(a.user().username(), "merge-request approval", fingerprint,
          a.at()));
    }
    return out;
  }

  /** Why this account cannot approve, or null when it can. */
  private String refusal(GitLabUser who, String did) throws ApprovalException {
    if (!who.exists()) {
      return "the account no longer exists";
    }
    Optional<String> agent = catalog.agentForGitHubAccount(who.username(), 0);
    if (agent.isPresent()) {
      return who.username() + " is the account of " + agent.get() + ", an AI agent";
    }
    if (mr.author().sameAs(who)) {
      return who.username() + " opened the merge request, and an author cannot approve their"
          + " own change";
    }
    Person p = people.person(who);
    if (p.bot()) {
      return who.username() + " is a bot account (GitLab says bot: true), and a bot cannot"
          + " approve";
    }
    if (!"active".equals(p.state())) {
      return who.username() + "'s account is " + (p.state().isEmpty() ? "not active"
          : p.state());
    }
    if (participants == null) {
      participants = participantSource.participants();
    }
    String part = participants.of(who, p.publicEmail());
    if (part != null) {
      return who.username() + " " + part + ", and an author cannot approve their own change";
    }
    if (p.accessLevel() < DEVELOPER) {
      return who.username() + " has " + role(p.accessLevel()) + " in the project; approving"
          + " needs Developer or above";
    }
    return null;
  }

  static String role(int level) {
    return switch (level) {
      case 0 -> "no access";
      case 5 -> "Minimal access";
      case 10 -> "Guest access";
      case 15 -> "Planner access";
      case 20 -> "Reporter access";
      case 30 -> "Developer access";
      case 40 -> "Maintainer access";
      case 50 -> "Owner access";
      default -> "access level " + level;
    };
  }
}
