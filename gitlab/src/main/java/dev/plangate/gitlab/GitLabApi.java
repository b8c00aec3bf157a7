package dev.plangate.gitlab;

import com.fasterxml.jackson.databind.JsonNode;
import dev.plangate.platform.ApiText;
import dev.plangate.platform.RestClient;
import dev.plangate.platform.RetryPolicy;
import java.io.IOException;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;

/**
 * GitLab's REST API v4 ({@code CI_API_V4_URL}, e.g. {@code https://gitlab.com/api/v4}): a
 * {@link RestClient} that sends {@code PRIVATE-TOKEN} when a token was given (GitLab's header for
 * personal, project and group access tokens) and follows no redirects: the API does not redirect,
 * and the token must go nowhere else. GitLab's rate limit is 429 with {@code Retry-After}.
 */
public final class GitLabApi extends RestClient {
  private static final Names NAMES = new Names("GitLab", "CI_API_V4_URL",
      "PLANGATE_GITLAB_TOKEN", "GitLab API ");

  /**
   * @param baseUrl {@code http(s)://host[:port]/api/v4}; a trailing slash is ignored
   * @param token sent as {@code PRIVATE-TOKEN}; null or blank sends none
   * @throws IllegalArgumentException for a URL that is not absolute http(s), or a token a header
   *     cannot carry (the message does not quote it)
   */
  public GitLabApi(String baseUrl, String token, RetryPolicy retry) {
    super(NAMES, baseUrl, token, retry, Limits.DEFAULT.withoutRedirects());
  }

  @Override
  protected void headers(HttpRequest.Builder request, String token) {
    request.header("Accept", "application/json");
    if (token != null) {
      request.header("PRIVATE-TOKEN", token);
    }
  }

  /** GitLab's {@code message} or {@code error} field, one line, or null. */
  @Override
  protected String errorMessage(byte[] body) {
    try {
      JsonNode n = MAPPER.readTree(body);
      JsonNode m = n == null ? null : n.has("message") ? n.get("message") : n.get("error");
      return m == null ? null : ApiText.clean(m.isTextual() ? m.asText() : m.toString(),
          ApiText.MAX_MESSAGE_CHARS);
    } catch (IOException e) {
      return null;
    }
  }

  @Override
  protected boolean isRateLimit(int status, HttpHeaders headers, String message) {
    return status == 429;
  }

  @Override
  protected String hint(String method, String path, int status, String message,
      boolean hasToken) {
    if (status == 401) {
      return hasToken ? " (is PLANGATE_GITLAB_TOKEN valid and unexpired?)"
          : " (no token was sent: set PLANGATE_GITLAB_TOKEN)";
    }
    if (status == 403) {
      return " (the token needs the read_api scope, and api to write the note)";
    }
    if (status == 404) {
      return " (it does not exist, or the token cannot see it)";
    }
    return "";
  }
}
