package dev.plangate.core.model;

/** What a plan will do to one resource instance, independent of the tool that wrote the plan. */
public enum ChangeKind {
  NO_OP,
  CREATE,
  READ,
  UPDATE,
  /** The object is destroyed. */
  DELETE,
  /** The object is destroyed and a new one created; see {@link ReplaceOrder}. */
  REPLACE,
  /** The object is removed from the tool's management but keeps running. */
  FORGET,
  /** An action this version of plangate does not know. Treated as destructive: fail closed. */
  UNKNOWN;

  /** True when the existing object is destroyed (or may be, for an unknown action). */
  public boolean destroys() {
    return this == DELETE || this == REPLACE || this == UNKNOWN;
  }

  /** True for everything plangate reports as a finding: destroys plus forgets. */
  public boolean isFinding() {
    return destroys() || this == FORGET;
  }

  /** True when the plan changes the object in any way (used to split the blast radius). */
  public boolean changes() {
    return this != NO_OP && this != READ;
  }
}
