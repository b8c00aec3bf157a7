package dev.plangate.core.model;

import java.util.Arrays;
import java.util.List;

/**
 * Dependency edges between the instances of a plan, as two parallel arrays of node ids (indices
 * into {@link Plan#changes()}): {@code dependents[i]} depends on {@code dependencies[i]}. Arrays
 * rather than objects because a large plan has millions of edges.
 */
public final class Dependencies {
  private final int[] dependents;
  private final int[] dependencies;

  public Dependencies(int[] dependents, int[] dependencies) {
    if (dependents.length != dependencies.length) {
      throw new IllegalArgumentException("edge arrays differ in length");
    }
    this.dependents = dependents.clone();
    this.dependencies = dependencies.clone();
  }

  public static Dependencies none() {
    return new Dependencies(new int[0], new int[0]);
  }

  /** The edges given as {@code {dependent, dependency}} pairs, in their order. */
  public static Dependencies of(List<int[]> edges) {
    int[] dependents = new int[edges.size()];
    int[] dependencies = new int[edges.size()];
    for (int i = 0; i < edges.size(); i++) {
      dependents[i] = edges.get(i)[0];
      dependencies[i] = edges.get(i)[1];
    }
    return new Dependencies(dependents, dependencies);
  }

  public int size() {
    return dependents.length;
  }

  public int dependent(int edge) {
    return dependents[edge];
  }

  public int dependency(int edge) {
    return dependencies[edge];
  }

  @Override
  public String toString() {
    return "Dependencies[" + dependents.length + " edges]";
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Dependencies d
        && Arrays.equals(dependents, d.dependents)
        && Arrays.equals(dependencies, d.dependencies);
  }

  @Override
  public int hashCode() {
    return 31 * Arrays.hashCode(dependents) + Arrays.hashCode(dependencies);
  }
}
