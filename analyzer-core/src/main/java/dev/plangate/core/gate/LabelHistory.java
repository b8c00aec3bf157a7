package dev.plangate.core.gate;

import java.util.List;

/**
 * What a platform's label events say about one label, the same on every platform: the latest
 * time it was added, and whether it was removed after that. An approval label counts only from
 * its latest addition, and not at all once removed since.
 *
 * @param <E> the platform's label event
 * @param added the latest addition of the label, or null when it was never added
 * @param removed the first removal after {@code added}, or null when it stands
 */
public record LabelHistory<E extends LabelChange>(E added, E removed) {

  /** Walks {@code events} in the platform's own order (its clock, oldest first). */
  public static <E extends LabelChange> LabelHistory<E> of(List<E> events, String label) {
    E added = null;
    E removed = null;
    for (E e : events) {
      if (!label.equals(e.label())) {
        continue;
      }
      if (e.added()) {
        added = e;
        removed = null;
      } else if (added != null && removed == null) {
        removed = e;
      }
    }
    return new LabelHistory<>(added, removed);
  }
}
