package dev.plangate.core.model;

import java.util.Arrays;

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
