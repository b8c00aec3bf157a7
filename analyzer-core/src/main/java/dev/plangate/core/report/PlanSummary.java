package dev.plangate.core.report;

import java.util.List;
import java.util.Map;

/**
 * What the report says about one plan file.
 *
 * @param path the file as given
 * @param format e.g. {@code terraform}
 * @param formatVersion the document's format version, or null
 * @param toolVersion version of the tool that wrote it, or null
 * @param counts changes per kind: create, update, delete, replace, forget, read, noOp, plus drift
 *     and deferred
 * @param errored planning failed
 * @param complete the tool considers the plan complete
 * @param warnings one sentence each
 */
public record PlanSummary(String path, String format, String formatVersion, String toolVersion,
    Map<String, Integer> counts, boolean errored, boolean complete, List<String> warnings) {
  public PlanSummary {
    counts = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(counts));
    warnings = List.copyOf(warnings);
  }
}
