package dev.plangate.core.impact;

import java.util.List;

/**
 * Managed instances that depend on a finding's resource, directly or transitively.
 *
 * @param changing those the plan also changes
 * @param unchanged those the plan leaves alone: the hidden blast radius
 */
public record Downstream(List<String> changing, List<String> unchanged) {
  public Downstream {
    changing = List.copyOf(changing);
    unchanged = List.copyOf(unchanged);
  }

  public int total() {
    return changing.size() + unchanged.size();
  }
}
