package dev.plangate.gitlab;

import dev.plangate.platform.ApiText;
import java.util.Map;
import java.util.Optional;

/**
 * The variables of a GitLab CI job (pass {@code System.getenv()} in production, a map in tests).
 * A merge-request pipeline is {@code GITLAB_CI=true} with {@code CI_MERGE_REQUEST_IID} set; a
 * branch pipeline has no merge request and no approvals to read.
 */
public final class GitLabEnvironment {
  /** The variable the token is read from; CI_JOB_TOKEN cannot read label events. */
  public static final String TOKEN = "PLANGATE_GITLAB_TOKEN";

  private final Map<String, String> env;

  public GitLabEnvironment(Map<String, String> env) {
    this.env = Map.copyOf(env);
  }

  public Optional<String> get(String name) {
    String v = env.get(name);
    return v == null || v.isBlank() ? Optional.empty() : Optional.of(v.strip());
  }

  /** A GitLab CI job ({@code GITLAB_CI=true}) of a merge-request pipeline. */
  public boolean isMergeRequestPipeline() {
    return "true".equals(env.get("GITLAB_CI")) && get("CI_MERGE_REQUEST_IID").isPresent();
  }

  /** {@code CI_MERGE_REQUEST_IID}, validated. */
  public long mergeRequestIid() throws GitLabCheckException {
    return Long.parseLong(number("CI_MERGE_REQUEST_IID", "this is not a merge-request pipeline",
        "a merge-request number"));
  }

  /** {@code CI_PROJECT_ID}, validated. */
  public String projectId() throws GitLabCheckException {
    return number("CI_PROJECT_ID", "GitLab sets it in every CI job", "a project id");
  }

  /** {@code CI_API_V4_URL}, e.g. {@code https://gitlab.com/api/v4}. */
  public String apiUrl() throws GitLabCheckException {
    return required("CI_API_V4_URL", "GitLab sets it in every CI job");
  }

  private String required(String name, String why) throws GitLabCheckException {
    return get(name).orElseThrow(() -> new GitLabCheckException(name + " is not set: " + why));
  }

  /** A variable that must hold a positive number of at most 18 digits. */
  private String number(String name, String why, String what) throws GitLabCheckException {
    String v = required(name, why);
    if (!v.matches("[1-9][0-9]{0,17}")) {
      throw new GitLabCheckException(name + " is not " + what + ": '" + ApiText.clean(v, 30)
          + "'");
    }
    return v;
  }

  /** {@value #TOKEN}, empty when unset. */
  public Optional<String> token() {
    return get(TOKEN);
  }

  /** {@code PLANGATE_APPROVAL_SECRET}: the key of the approval seal; empty when none. */
  public Optional<String> sealSecret() {
    return get("PLANGATE_APPROVAL_SECRET");
  }
}
