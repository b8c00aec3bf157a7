package dev.plangate.platform;

import java.util.Optional;

/**
 * A platform API call that failed, with a one-line message a user can act on, for example
 * {@code GET /repos/acme/infra/pulls/42 failed after 5 attempts: HTTP 502 Bad Gateway} or
 * {@code GitLab API GET /projects/7/merge_requests/3 failed: HTTP 401: 401 Unauthorized (is
 * PLANGATE_GITLAB_TOKEN valid and unexpired?)}. The message never contains the token.
 *
 * <p>Callers that must fail closed on particular answers (a permission lookup that is 403 or 404:
 * "cannot verify approver") switch on {@link #status()}.
 */
public final class ApiException extends Exception {
  private static final long serialVersionUID = 1L;

  private final String method;
  private final String path;
  private final int status;
  private final String platformMessage;

  ApiException(String method, String path, int status, String platformMessage,
      String message) {
    super(message, null, false, false);
    this.method = method;
    this.path = path;
    this.status = status;
    this.platformMessage = platformMessage;
  }

  /** The HTTP method of the failed call: GET, POST, PUT or PATCH. */
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
   * The platform's own {@code message} from the error body (GitHub adds the first validation
   * error), cleaned of control characters and cut to about 200 characters.
   */
  public Optional<String> platformMessage() {
    return Optional.ofNullable(platformMessage);
  }
}
