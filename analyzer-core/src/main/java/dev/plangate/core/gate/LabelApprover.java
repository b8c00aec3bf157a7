package dev.plangate.core.gate;

import dev.plangate.core.git.Commit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The approval rule every platform shares, so that a new platform supplies only what its API
 * says: the label counts from its latest addition, unless removed since; whoever added it must
 * be someone the platform lets approve ({@link #refusal}); and it must postdate the head
 * commit's push ({@link #staleness}) — or, given before it, a verified {@link ApprovalSeal} must
 * show that it approved these very destroys (the gate then voids it if they changed). Other
 * people's sign-offs ({@link #coApprovals}: reviews, merge-request approvals) only add people to
 * a label approval of the current destroys; on their own they approve nothing.
 *
 * @param <E> the platform's label event
 */
public abstract class LabelApprover<E extends LabelChange> implements Approver {
  private final Optional<ApprovalSeal> seal;
  private ApprovalSeal toSeal;

  /** @param seal the verified seal from plangate's comment or note, if any */
  protected LabelApprover(Optional<ApprovalSeal> seal) {
    this.seal = seal;
  }

  /** The label events, oldest first by the platform's clock. */
  protected abstract List<E> labelEvents();

  /** The request's head commit. */
  protected abstract String headSha();

  /** Why the account behind {@code added} cannot approve, or null when it can. */
  protected abstract String refusal(E added) throws ApprovalException;

  /** Why the label was given too early, or null when it postdates the head commit's push. */
  protected abstract String staleness(E added) throws ApprovalException;

  /** Qualifying sign-offs by people other than the labeller; why others do not count. */
  protected abstract List<Approval> coApprovals(E added, String fingerprint, List<String> notes)
      throws ApprovalException;

  /** Who may give the label again, as in "a maintainer removes and adds it again". */
  protected abstract String relabeller();

  /** The seal to keep in the comment after {@link #approvals}: the label approval, or none. */
  public final Optional<ApprovalSeal> sealToWrite() {
    return Optional.ofNullable(toSeal);
  }

  @Override
  public final Approvals approvals(ApprovalRequest request) throws ApprovalException {
    toSeal = null;
    String label = request.label();
    List<String> notes = new ArrayList<>();
    LabelHistory<E> history = LabelHistory.of(labelEvents(), label);
    E added = history.added();
    if (added == null) {
      return new Approvals(List.of(), notes);
    }
    String labelled = "The label " + label + " was added by " + added.actorName() + " at "
        + added.at();
    E removed = history.removed();
    if (removed != null) {
      notes.add(labelled + " and removed by " + removed.actorName() + " at " + removed.at()
          + ", so it no longer approves.");
      return new Approvals(List.of(), notes);
    }
    String refusal = refusal(added);
    if (refusal != null) {
      notes.add(labelled + "; it does not count: " + refusal + ".");
      return new Approvals(List.of(), notes);
    }
    List<Approval> found = new ArrayList<>();
    String via = "label " + label;
    String stale = staleness(added);
    if (stale == null) {
      found.add(new Approval(added.actorName(), via, request.fingerprint(), added.at()));
      toSeal = new ApprovalSeal(request.fingerprint(), added.id(), added.actorKey(), headSha());
    } else {
      String key = added.actorKey().toLowerCase(Locale.ROOT);
      ApprovalSeal kept = seal.filter(s -> s.labelEventId() == added.id()
          && s.approver().toLowerCase(Locale.ROOT).equals(key)).orElse(null);
      if (kept == null) {
        notes.add(labelled + ", " + stale + "; " + relabeller() + " removes and adds it again"
            + " to approve the current commits.");
        return new Approvals(List.of(), notes);
      }
      found.add(new Approval(added.actorName(), via + ", given at "
          + Commit.shortSha(kept.headSha()), kept.fingerprint(), added.at()));
      if (kept.fingerprint().equals(request.fingerprint())) {
        toSeal = kept;
      }
    }
    if (found.get(0).fingerprint().equals(request.fingerprint())) {
      found.addAll(coApprovals(added, request.fingerprint(), notes));
    }
    return new Approvals(found, notes);
  }
}
