package dev.plangate.core.gate;

import java.util.List;

/** A decision and the sentences that justify it. */
public record GateResult(Decision decision, List<String> reasons) {
  public GateResult {
    reasons = List.copyOf(reasons);
  }
}
