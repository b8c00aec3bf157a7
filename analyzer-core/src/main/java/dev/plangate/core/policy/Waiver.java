package dev.plangate.core.policy;

import dev.plangate.core.impact.FindingAction;
import java.time.LocalDate;
import java.util.Set;

/**
 * A time-limited exemption: matching findings need no approval until {@code expires}
 * (inclusive). Never lifts a protect rule.
 *
 * @param address address glob
 * @param actions which actions it covers (default all)
 * @param reason why (mandatory)
 * @param expires last day the waiver applies
 * @param line line of the waiver in the policy file, for messages
 */
public record Waiver(
    AddressGlob address, Set<FindingAction> actions, String reason, LocalDate expires,
    int line) {
  public Waiver {
    actions = Set.copyOf(actions);
  }

  public boolean expiredOn(LocalDate today) {
    return today.isAfter(expires);
  }
}
