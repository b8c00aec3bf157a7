package dev.plangate.core.plan;

import java.util.Set;

/**
 * Which top-level {@code before} attributes a reader keeps. Readers skip everything else, so that
 * a gigabyte of attribute values never reaches the heap.
 */
public interface AttributeSelector {

  /** The attributes to keep for resources of {@code type}; empty for none. */
  Set<String> rootAttributes(String type);

  /** Every attribute any type might need: used when the type is not yet known. */
  Set<String> allRootAttributes();

  /** Keeps nothing. */
  static AttributeSelector none() {
    return new AttributeSelector() {
      @Override
      public Set<String> rootAttributes(String type) {
        return Set.of();
      }

      @Override
      public Set<String> allRootAttributes() {
        return Set.of();
      }
    };
  }
}
