package dev.plangate.core.policy;

import java.util.Locale;

/** What the gate does when no AI agent was involved ({@code humanOnly:} in the policy). */
public enum HumanOnly {
  /** Pass, and say in the report that a human destroys something (the default). */
  WARN,
  /** Pass without comment. */
  PASS,
  /** Require the same approval as for an AI-authored change. */
  REQUIRE_APPROVAL;

  /** The name in lower case, as the policy and the reports write it. */
  public String id() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }
}
