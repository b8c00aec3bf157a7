package dev.plangate.core.report;

import dev.plangate.core.model.ChangeKind;
import dev.plangate.core.model.Plan;
import dev.plangate.core.model.ResourceChange;
import java.util.LinkedHashMap;
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

  /** What the report says about {@code plan}: its changes counted per kind. */
  public static PlanSummary of(Plan plan) {
    Map<String, Integer> counts = new LinkedHashMap<>();
    for (String k : List.of("create", "update", "delete", "replace", "forget", "read", "noOp")) {
      counts.put(k, 0);
    }
    int unknown = 0;
    for (ResourceChange c : plan.listedChanges()) {
      unknown += c.kind() == ChangeKind.UNKNOWN ? 1 : 0;
      String k = switch (c.kind()) {
        case CREATE -> "create";
        case UPDATE -> "update";
        case DELETE, UNKNOWN -> "delete";
        case REPLACE -> "replace";
        case FORGET -> "forget";
        case READ -> "read";
        case NO_OP -> "noOp";
      };
      counts.merge(k, 1, Integer::sum);
    }
    counts.put("unknown", unknown);
    counts.put("drift", plan.driftCount());
    counts.put("deferred", plan.deferred().size());
    return new PlanSummary(plan.source(), plan.format().id(), plan.formatVersion(),
        plan.toolVersion(), counts, plan.errored(), plan.complete(), plan.warnings());
  }
}
