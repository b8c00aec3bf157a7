package dev.plangate.core.gate;

import dev.plangate.core.authorship.Authorship;
import dev.plangate.core.impact.Finding;
import dev.plangate.core.policy.Policy;
import java.time.LocalDate;
import java.util.List;

/**
 * Everything the decision depends on.
 *
 * @param findings every finding, attributed where a commit range was read
 * @param errors inputs that could not be read; any makes the decision {@code error}
 * @param authorship who wrote the change
 * @param policy the repository's policy
 * @param approvals what the {@link Approver} found
 * @param today the date waivers are checked against
 * @param route how a person approves on the surface that asks (the sentences name it)
 */
public record GateInput(
    List<Finding> findings,
    List<String> errors,
    Authorship authorship,
    Policy policy,
    Approvals approvals,
    LocalDate today,
    ApprovalRoute route) {
  public GateInput {
    findings = List.copyOf(findings);
    errors = List.copyOf(errors);
    approvals = approvals == null ? Approvals.none() : approvals;
    route = route == null ? ApprovalRoute.PULL_REQUEST_LABEL : route;
  }
}
