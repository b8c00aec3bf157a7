package dev.plangate.core.gate;

import java.util.List;

/**
 * What an {@link Approver} found: the approvals it trusts, and one sentence for each sign-off it
 * saw but could not count (a label added by a bot, by the change's own author, before the last
 * push...), so that the report can say why a visible label does not approve.
 *
 * @param found trusted approvals, for this or an earlier fingerprint
 * @param notes why other sign-offs were not counted
 */
public record Approvals(List<Approval> found, List<String> notes) {
  public Approvals {
    found = List.copyOf(found);
    notes = List.copyOf(notes);
  }

  public static Approvals none() {
    return new Approvals(List.of(), List.of());
  }

  public static Approvals of(List<Approval> found) {
    return new Approvals(found, List.of());
  }
}
