package dev.plangate.core.impact;

/** What a finding reports. */
public enum FindingAction {
  DELETE("delete"),
  REPLACE("replace"),
  FORGET("forget");

  private final String id;

  FindingAction(String id) {
    this.id = id;
  }

  public String id() {
    return id;
  }

  /** True for delete and replace: the existing object is destroyed. */
  public boolean destroys() {
    return this != FORGET;
  }
}
