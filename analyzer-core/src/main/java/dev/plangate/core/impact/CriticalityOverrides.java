package dev.plangate.core.impact;

import dev.plangate.core.policy.CriticalityOverride;
import dev.plangate.core.policy.Policy;
import java.util.ArrayList;
import java.util.List;

/** The policy's {@code criticality} entries applied to findings. */
public final class CriticalityOverrides {
  private CriticalityOverrides() {}

  /** Later overrides win; a finding matches when every glob the override names matches. */
  public static List<Finding> apply(List<Finding> findings, Policy policy) {
    if (policy.criticality().isEmpty()) {
      return findings;
    }
    List<Finding> out = new ArrayList<>(findings.size());
    for (Finding f : findings) {
      Finding g = f;
      for (CriticalityOverride o : policy.criticality()) {
        if ((o.type() == null || o.type().matches(f.type()))
            && (o.address() == null || o.address().matches(f.address()))) {
          String category = o.category() != null ? o.category()
              : g.category() != null ? g.category() : "critical";
          g = g.withCriticality(o.critical(), category);
        }
      }
      out.add(g);
    }
    return out;
  }
}
