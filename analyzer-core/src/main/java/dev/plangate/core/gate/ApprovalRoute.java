package dev.plangate.core.gate;

/**
 * How a person can approve a change on the surface that judged it. Only a GitHub pull request
 * can carry an approval that plangate verifies (a label from someone with write access); every
 * other surface has its own way forward, and the reports say that way instead of "add the
 * label", which would be advice nobody can follow there. Renderers phrase the route; nothing
 * else about the decision depends on it.
 */
public enum ApprovalRoute {
  /** A GitHub pull request: a maintainer with write access adds the policy's label. */
  PULL_REQUEST_LABEL("pull-request-label"),
  /**
   * A GitLab merge request: someone with Developer access or above adds the policy's label;
   * merge-request approvals count for the two-person rule.
   */
  MERGE_REQUEST_LABEL("merge-request-label"),
  /**
   * {@code plangate check} without a pull request (locally, or a CI push event): nothing can be
   * approved on this run.
   */
  NO_PULL_REQUEST("no-pull-request"),
  /** git's pre-push hook: a person reviews and pushes from their own shell. */
  PRE_PUSH("pre-push"),
  /** {@code plangate apply}: the count typed on the terminal, or {@code --approve FINGERPRINT}. */
  APPLY_WRAPPER("apply-wrapper"),
  /** An agent's hook: the agent's own permission prompt asks the person. */
  AGENT_PROMPT("agent-prompt"),
  /** The Maven goal: a pull-request pipeline, or a reviewed waiver in the base branch's policy. */
  MAVEN_BUILD("maven-build");

  private final String id;

  ApprovalRoute(String id) {
    this.id = id;
  }

  /** The identifier the JSON report uses: {@code pull-request-label}, {@code pre-push}, ... */
  public String id() {
    return id;
  }

  /** Whether the approval label can approve on this surface. */
  public boolean byLabel() {
    return this == PULL_REQUEST_LABEL || this == MERGE_REQUEST_LABEL;
  }

  /**
   * Who may add the label here, as the subject of a sentence: {@code onGitHub} (each renderer's
   * own words for a maintainer with write access) except on a GitLab merge request, where
   * Developer access is enough and "maintainer" would name a higher GitLab role.
   */
  public String labeller(String onGitHub) {
    return this == MERGE_REQUEST_LABEL ? "someone with Developer access or above" : onGitHub;
  }
}
