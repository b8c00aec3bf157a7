package dev.plangate.core.pulumi;

import java.util.List;
import java.util.Map;

/**
 * One step of a preview, read from a {@code PreviewStep} of the JSON digest or from the
 * {@code metadata} of a {@code resourcePreEvent} / {@code resOutputsEvent}. The two spell the same
 * things differently ({@code replaceReasons}/{@code keys}, {@code diffReasons}/{@code diffs},
 * {@code oldState}/{@code old}, {@code kind}/{@code diffKind}); this is the common form.
 *
 * @param position the order in which the step appeared in the file
 * @param op the op as written
 * @param urn the resource URN
 * @param type the type token, or null when the step does not say
 * @param before the state before the step, or null (creates)
 * @param after the state after the step, or null (deletes)
 * @param replaceReasons the top-level properties that force the replacement
 * @param diffReasons the top-level properties that differ
 * @param detailedDiff property path to diff kind ({@code update-replace}, {@code add}, ...)
 * @param deleteBeforeReplace true when the step itself says the old object goes first
 */
record PulumiStep(
    int position,
    String op,
    String urn,
    String type,
    PulumiState before,
    PulumiState after,
    List<String> replaceReasons,
    List<String> diffReasons,
    Map<String, String> detailedDiff,
    boolean deleteBeforeReplace) {

  PulumiStep {
    replaceReasons = List.copyOf(replaceReasons);
    diffReasons = List.copyOf(diffReasons);
  }

  /** The op, or null when this version of plangate does not know it. */
  StepOp knownOp() {
    return StepOp.of(op);
  }

  /** The type token: the step's, else a state's, else the URN's last segment. */
  String typeToken() {
    if (type != null) {
      return type;
    }
    if (after != null && after.type() != null) {
      return after.type();
    }
    if (before != null && before.type() != null) {
      return before.type();
    }
    return PulumiUrn.typeOf(urn, "unknown");
  }

  /**
   * The key that tells a leftover pending delete apart from the live object of the same URN: its
   * cloud id. Pulumi keeps an old object marked {@code delete: true} when the delete of a
   * create-before-delete replacement failed, and deletes it in the next run, in a {@code delete}
   * step of its own. Null for every other step.
   */
  String deposed() {
    if (!"delete".equals(op) || before == null || !before.pendingDelete()) {
      return null;
    }
    return before.id() != null ? before.id() : "pending-delete";
  }

  /** The object this step acts on: its URN and, for a leftover pending delete, its id. */
  String objectKey() {
    String d = deposed();
    return d == null ? urn : urn + '\0' + d;
  }
}
