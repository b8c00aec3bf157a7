package dev.plangate.core.report;

import dev.plangate.core.gate.Decision;
import dev.plangate.core.impact.Finding;
import dev.plangate.core.impact.FindingAction;
import java.util.List;

/**
 * The canonical result of one run. The JSON report is this record written out; every other
 * format is rendered from it.
 *
 * @param decision the gate's answer
 * @param decisionReasons sentences justifying it
 * @param plans one summary per plan file that could be read
 * @param findings every delete, replace and forget across all plans
 * @param errors one line per input that could not be read
 */
public record Report(Decision decision, List<String> decisionReasons, List<PlanSummary> plans,
    List<Finding> findings, List<String> errors) {
  public static final int SCHEMA_VERSION = 1;

  public Report {
    decisionReasons = List.copyOf(decisionReasons);
    plans = List.copyOf(plans);
    findings = List.copyOf(findings);
    errors = List.copyOf(errors);
  }

  public long count(FindingAction action) {
    return findings.stream().filter(f -> f.action() == action).count();
  }

  /** Critical findings that destroy the object. */
  public long criticalDestroys() {
    return findings.stream().filter(f -> f.critical() && f.action().destroys()).count();
  }
}
