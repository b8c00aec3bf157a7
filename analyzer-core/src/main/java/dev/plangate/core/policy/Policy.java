package dev.plangate.core.policy;

import dev.plangate.core.authorship.SignalRule;
import dev.plangate.core.impact.FindingAction;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * What a repository asks of the gate ({@code .plangate.yml}). {@link #defaults()} is the policy
 * of a repository without a file.
 *
 * @param source where it was read from, or null for the defaults
 * @param approvalActions actions that need a human approval when AI is involved
 * @param approvalLabel the pull-request label that approves
 * @param humanOnly what to do when no AI agent was involved
 * @param unknownAuthorshipIsAi whether unknown authorship counts as AI (default true)
 * @param protect rules that block even with approval
 * @param waivers time-limited exemptions
 * @param signals extra AI signals on top of the built-in catalogue
 * @param criticality criticality overrides
 * @param plans plan-file globs relative to the repository root, for the pre-push check
 * @param planCommand a shell command that produces those plans, or null
 * @param approvers distinct humans who must approve (the labeller plus approving reviewers)
 * @param criticalApprovers the same when a finding that needs approval is critical
 * @param auditLog where decisions are appended (relative to the repository root), or null;
 *     a command line {@code --audit-log} takes precedence
 * @param origin which file and revision it is, and what a change tried to loosen; null for
 *     {@code source} read as it is
 */
public record Policy(
    String source,
    Set<FindingAction> approvalActions,
    String approvalLabel,
    HumanOnly humanOnly,
    boolean unknownAuthorshipIsAi,
    List<ProtectRule> protect,
    List<Waiver> waivers,
    List<SignalRule> signals,
    List<CriticalityOverride> criticality,
    List<String> plans,
    String planCommand,
    int approvers,
    int criticalApprovers,
    String auditLog,
    PolicyOrigin origin) {

  public static final String DEFAULT_LABEL = "plangate/approve-destroy";

  public Policy {
    approvalActions = approvalActions.isEmpty()
        ? Set.of() : Set.copyOf(EnumSet.copyOf(approvalActions));
    protect = List.copyOf(protect);
    waivers = List.copyOf(waivers);
    signals = List.copyOf(signals);
    criticality = List.copyOf(criticality);
    plans = List.copyOf(plans);
    if (approvers < 1 || criticalApprovers < 1) {
      throw new IllegalArgumentException("at least one approver is needed");
    }
    if (origin == null) {
      origin = PolicyOrigin.file(source);
    }
  }

  /** The same policy with another origin (where it was read, what a change tried). */
  public Policy withOrigin(PolicyOrigin newOrigin) {
    return new Policy(source, approvalActions, approvalLabel, humanOnly, unknownAuthorshipIsAi,
        protect, waivers, signals, criticality, plans, planCommand, approvers,
        criticalApprovers, auditLog, newOrigin);
  }

  /**
   * The same policy, noted as read from a file outside the repository: no change can edit it,
   * so there is no base to compare it with and it applies as it is (every front end says so).
   */
  public Policy outsideRepository() {
    return withOrigin(origin.withNotes(List.of("The policy file " + source + " is outside the"
        + " repository, so no change can edit it; it applies as it is.")));
  }

  /** The same policy with another approval label (a CI input overriding the file). */
  public Policy withApprovalLabel(String label) {
    return new Policy(source, approvalActions, label, humanOnly, unknownAuthorshipIsAi, protect,
        waivers, signals, criticality, plans, planCommand, approvers, criticalApprovers,
        auditLog, origin);
  }

  /** How many distinct humans must approve findings, depending on whether one is critical. */
  public int approversFor(boolean critical) {
    return critical ? criticalApprovers : approvers;
  }

  public static Policy defaults() {
    return defaults(null);
  }

  /** The defaults, as read from {@code source} (an empty policy file). */
  static Policy defaults(String source) {
    return new Policy(source, EnumSet.of(FindingAction.DELETE, FindingAction.REPLACE),
        DEFAULT_LABEL, HumanOnly.WARN, true, List.of(), List.of(), List.of(), List.of(),
        List.of(), null, 1, 1, null, null);
  }
}
