package dev.plangate.core.policy;

/** What the gate does when no AI agent was involved ({@code humanOnly:} in the policy). */
public enum HumanOnly {
  /** Pass, and say in the report that a human destroys something (the default). */
  WARN("warn"),
  /** Pass without comment. */
  PASS("pass"),
  /** Require the same approval as for an AI-authored change. */
  REQUIRE_APPROVAL("require-approval");

  private final String id;

  HumanOnly(String id) {
    this.id = id;
  }

  public String id() {
    return id;
  }
}
