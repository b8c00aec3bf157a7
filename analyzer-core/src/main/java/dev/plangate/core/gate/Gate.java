package dev.plangate.core.gate;

import dev.plangate.core.impact.Finding;
import dev.plangate.core.impact.FindingAction;
import java.util.ArrayList;
import java.util.List;

/**
 * Decides from findings and input errors. Until authorship is known, every change counts as
 * possibly AI-authored, so any destroy or replace needs a human approval. A forget does not fail
 * the gate by itself: the object keeps running.
 */
public final class Gate {
  private Gate() {}

  public static GateResult decide(List<Finding> findings, List<String> errors) {
    List<String> reasons = new ArrayList<>();
    if (!errors.isEmpty()) {
      for (String e : errors) {
        reasons.add("Input error: " + e);
      }
      return new GateResult(Decision.ERROR, reasons);
    }
    long deletes = findings.stream().filter(f -> f.action() == FindingAction.DELETE).count();
    long replaces = findings.stream().filter(f -> f.action() == FindingAction.REPLACE).count();
    if (deletes + replaces == 0) {
      long forgets = findings.size();
      reasons.add(forgets == 0 ? "Nothing is destroyed or replaced."
          : "Nothing is destroyed or replaced; " + forgets + " resource"
              + (forgets == 1 ? " is" : "s are") + " only removed from state.");
      return new GateResult(Decision.PASS, reasons);
    }
    reasons.add("The plan destroys " + deletes + " and replaces " + replaces + " resource"
        + (deletes + replaces == 1 ? "" : "s")
        + "; authorship is unknown, so it is treated as AI-authored and needs a human approval.");
    return new GateResult(Decision.APPROVAL_REQUIRED, reasons);
  }
}
