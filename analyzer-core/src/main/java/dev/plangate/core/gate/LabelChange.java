package dev.plangate.core.gate;

import java.time.Instant;

/** One adding or removing of a label on a pull or merge request, as the platform records it. */
public interface LabelChange {
  /** The platform's id of the event; an {@link ApprovalSeal} names it. */
  long id();

  String label();

  /** Whether the label was added (rather than removed). */
  boolean added();

  /** When, by the platform's clock. */
  Instant at();

  /** The account as people read it: a login or user name. */
  String actorName();

  /** The account as a seal records it (a login, or a numeric id); compared ignoring case. */
  String actorKey();
}
