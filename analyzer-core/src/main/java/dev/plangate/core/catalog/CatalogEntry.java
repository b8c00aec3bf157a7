package dev.plangate.core.catalog;

import java.util.List;
import java.util.Map;

/**
 * A critical resource type.
 *
 * @param type resource type, e.g. {@code aws_db_instance}
 * @param category e.g. {@code database}, {@code bucket}, {@code key}
 * @param dataBearing true when destroying it loses stored data
 * @param rules ordered recoverability rules; the first that holds decides
 */
public record CatalogEntry(String type, String category, boolean dataBearing,
    List<RecoverabilityRule> rules) {

  public CatalogEntry {
    rules = List.copyOf(rules);
  }

  /** Decides from the {@code before} attributes; empty verdict when no rule holds. */
  public Recoverability assess(Map<String, Object> before) {
    return rules.stream().filter(r -> r.holds(before)).findFirst()
        .map(r -> new Recoverability(r.recoverable(), r.because())).orElse(Recoverability.UNKNOWN);
  }
}
