package dev.plangate.core.impact;

import java.util.List;

/**
 * Managed instances that depend on a finding's resource, directly or transitively.
 *
 * @param changing those the plan also changes
 * @param unchanged those the plan leaves alone: the hidden blast radius
 * @param known false when the plan could not say what depends on what: the lists then hold only
 *     what the file happened to show, and empty lists mean "unknown", never "nothing"
 */
public record Downstream(List<String> changing, List<String> unchanged, boolean known) {
  public Downstream {
    changing = List.copyOf(changing);
    unchanged = List.copyOf(unchanged);
  }

  /** Dependents read from a plan that knows its dependencies. */
  public Downstream(List<String> changing, List<String> unchanged) {
    this(changing, unchanged, true);
  }

  public int total() {
    return changing.size() + unchanged.size();
  }
}
