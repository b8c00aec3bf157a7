package dev.plangate.core.pulumi;

import java.util.Arrays;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The step operations of the Pulumi engine ({@code pkg/resource/deploy/step.go}), and which half
 * of a replacement each one is. A replacement is reported as up to three steps for one URN: the
 * logical {@code replace}, a new half ({@code create-replacement}, {@code import-replacement},
 * {@code read-replacement}) and an old half ({@code delete-replaced}, {@code discard-replaced},
 * or {@code remove-pending-replace} when an earlier run already deleted the old object).
 */
enum StepOp {
  SAME("same"),
  CREATE("create"),
  UPDATE("update"),
  DELETE("delete"),
  REPLACE("replace"),
  CREATE_REPLACEMENT("create-replacement"),
  DELETE_REPLACED("delete-replaced"),
  READ("read"),
  READ_REPLACEMENT("read-replacement"),
  REFRESH("refresh"),
  /** Deleting a resource that was only read: the engine drops it, the provider is not called. */
  DISCARD("discard"),
  DISCARD_REPLACED("discard-replaced"),
  /** Dropping the record of an object an interrupted delete-before-replace already deleted. */
  REMOVE_PENDING_REPLACE("remove-pending-replace"),
  IMPORT("import"),
  IMPORT_REPLACEMENT("import-replacement"),
  /** An internal step that runs a provider diff in parallel; the real step for the URN follows. */
  DIFF("diff");

  private static final Map<String, StepOp> BY_ID =
      Arrays.stream(values()).collect(Collectors.toMap(StepOp::id, op -> op));

  private final String id;

  StepOp(String id) {
    this.id = id;
  }

  /** The op as Pulumi writes it. */
  String id() {
    return id;
  }

  /** The op for {@code id}, or null for one this version of plangate does not know. */
  static StepOp of(String id) {
    return BY_ID.get(id);
  }

  /** The half of a replacement that brings the new object into the stack. */
  boolean isNewHalf() {
    return this == CREATE_REPLACEMENT || this == IMPORT_REPLACEMENT || this == READ_REPLACEMENT;
  }

  /** The half of a replacement that takes the old object out of the stack. */
  boolean isOldHalf() {
    return this == DELETE_REPLACED || this == DISCARD_REPLACED;
  }
}
