package dev.plangate.core.gate;

/**
 * Looks up human approvals. Core ships none that finds any: the GitHub adapter implements this
 * against pull-request labels and reviews. An implementation returns only approvals it trusts
 * (a human with write access, after the newest commit, for this fingerprint) and throws when it
 * cannot find out, so that an unreachable API is an error, never a silent "no approval".
 */
public interface Approver {
  /** An approver that never finds an approval (a check without a pull request). */
  Approver NONE = none(ApprovalRoute.NO_PULL_REQUEST);

  /** An approver that never finds an approval, on a surface where a person goes {@code route}. */
  static Approver none(ApprovalRoute route) {
    return new Approver() {
      @Override
      public Approvals approvals(ApprovalRequest request) {
        return Approvals.none();
      }

      @Override
      public ApprovalRoute route() {
        return route;
      }
    };
  }

  /** How a person approves where this approver looks; the reports phrase it. */
  default ApprovalRoute route() {
    return ApprovalRoute.NO_PULL_REQUEST;
  }

  /**
   * Trusted approvals, and why other sign-offs were not counted. An approval for another
   * fingerprint may be returned: the gate then says it was voided by a change to what is
   * destroyed.
   */
  Approvals approvals(ApprovalRequest request) throws ApprovalException;

  /** The approval source could not be asked. */
  final class ApprovalException extends Exception {
    public ApprovalException(String message, Throwable cause) {
      super(message, cause);
    }

    public ApprovalException(String message) {
      super(message);
    }
  }
}
