package dev.plangate.core.catalog;

import java.util.List;
import java.util.Map;

/** When every condition holds, the data is (or is not) recoverable, for the stated reason. */
public record RecoverabilityRule(List<Condition> when, boolean recoverable, String because) {
  public RecoverabilityRule {
    when = List.copyOf(when);
  }

  boolean holds(Map<String, Object> before) {
    return when.stream().allMatch(c -> c.test(before));
  }
}
