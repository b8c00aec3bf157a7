package dev.plangate.core.gate;

import dev.plangate.core.impact.Finding;
import java.util.List;
import java.util.Map;

/**
 * A decision and the sentences that justify it.
 *
 * @param decision the answer
 * @param because one sentence each, naming the resource and the commit where there is one
 * @param fingerprint the destructive-change set's {@link Fingerprint}
 * @param verdicts per finding, keyed by {@link #id(Finding)}
 */
public record GateResult(
    Decision decision, List<Reason> because, String fingerprint, Map<String, Verdict> verdicts) {
  public GateResult {
    because = List.copyOf(because);
    verdicts = Map.copyOf(verdicts);
  }

  /** The sentences alone. */
  public List<String> reasons() {
    return because.stream().map(Reason::text).toList();
  }

  /** A finding's key across plans: plan file and instance key. */
  public static String id(Finding f) {
    return f.plan() + '\n' + f.key();
  }

  public Verdict verdict(Finding f) {
    return verdicts.get(id(f));
  }
}
