package dev.plangate.github;

import java.util.Optional;

/**
 * A GitHub API call that failed, with a one-line message a user can act on, for example
 * {@code GET /repos/acme/infra/pulls/42 failed after 5 attempts: HTTP 502 Bad Gateway} or
 * {@code GET /repos/acme/infra/pulls/42 failed: HTTP 401: Bad credentials (is GITHUB_TOKEN set
 * and valid?)}. The message never contains the token.
 *
 * <p>Callers that must fail closed on particular answers (a permission lookup that is 403 or 404:
 * "cannot verify approver") switch on {@link #status()}.
 */
public final class GitHubApiException extends Exception {
  private static final long serialVersionUID = 1L;

  private final String method;
  private final String path;
  private final int status;
  private final String githubMessage;

  GitHubApiException(String method, String path, int status, String githubMessage,
      String message) {
    super(message, null, false, false);
    this.method = method;
    this.path = path;
    this.status = status;
    this.githubMessage = githubMessage;
  }

  /** The HTTP method of the failed call: GET, POST or PATCH. */
  public String method() {
    return method;
  }

  /** The path and query of the failed request, relative to the API base URL. */
  public String path() {
    return path;
  }

  /**
   * The HTTP status of the last answer, or 0 when there was none (connection refused, timeout,
   * interrupted). A 2xx status means the answer itself was unusable: not JSON, too large, too
   * many pages, or a pagination link to another host.
   */
  public int status() {
    return status;
  }

  /**
   * GitHub's {@code message} from the error body (with the first validation error, if any),
   * cleaned of control characters and cut to about 200 characters.
   */
  public Optional<String> githubMessage() {
    return Optional.ofNullable(githubMessage);
  }
}
