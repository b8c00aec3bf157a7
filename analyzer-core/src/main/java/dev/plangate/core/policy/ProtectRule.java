package dev.plangate.core.policy;

import dev.plangate.core.impact.FindingAction;
import java.util.Set;

/**
 * A resource that must not be destroyed or replaced, approval or not: a {@code prevent_destroy}
 * that survives the lifecycle block being deleted.
 *
 * @param type resource-type glob, or null
 * @param address address glob, or null (at least one of the two is set)
 * @param actions which actions are blocked (default delete and replace)
 * @param reason why, shown in the report; may be null
 * @param line line of the rule in the policy file, for messages
 */
public record ProtectRule(
    AddressGlob type, AddressGlob address, Set<FindingAction> actions, String reason, int line) {
  public ProtectRule {
    actions = Set.copyOf(actions);
  }
}
