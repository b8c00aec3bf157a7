package dev.plangate.github;

import com.fasterxml.jackson.databind.JsonNode;
import dev.plangate.platform.ApiText;
import dev.plangate.platform.RestClient;
import dev.plangate.platform.RetryPolicy;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.util.Locale;

/**
 * GitHub's REST API (api.github.com, GitHub Enterprise Server's {@code https://host/api/v3}, or a
 * test server): a {@link RestClient} that sends {@code Accept: application/vnd.github+json},
 * {@code X-GitHub-Api-Version: 2022-11-28} and, when a token was given,
 * {@code Authorization: Bearer <token>}; follows redirects on the same origin (renamed
 * repositories); and knows GitHub's rate limits: 429, and a 403 with
 * {@code x-ratelimit-remaining: 0}, a {@code Retry-After} header or "rate limit" in the message,
 * after which it waits until {@code x-ratelimit-reset}, or at least a minute for a secondary
 * limit, as GitHub's "best practices for using the REST API" ask.
 */
public final class GitHubApi extends RestClient {
  /** The base URL when {@code GITHUB_API_URL} is not set. */
  public static final String DEFAULT_BASE_URL = "https://api.github.com";
  /** The REST API version every request asks for. */
  public static final String API_VERSION = "2022-11-28";

  private static final Names NAMES = new Names("GitHub", "the GitHub API URL", "the GitHub token",
      "");

  /**
   * A client for {@code baseUrl}.
   *
   * @param token sent as {@code Authorization: Bearer}; null or blank sends no Authorization
   *     header (public repositories only, 60 requests an hour)
   * @throws IllegalArgumentException for a URL that is not absolute http(s), or a token a header
   *     cannot carry (the message does not quote it)
   */
  public GitHubApi(String baseUrl, String token, RetryPolicy retry) {
    this(baseUrl, token, retry, Limits.DEFAULT);
  }

  GitHubApi(String baseUrl, String token, RetryPolicy retry, Limits limits) {
    super(NAMES, baseUrl, token, retry, limits);
  }

  @Override
  protected void headers(HttpRequest.Builder request, String token) {
    request.header("Accept", "application/vnd.github+json")
        .header("X-GitHub-Api-Version", API_VERSION);
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
  }

  @Override
  protected boolean isRateLimit(int status, HttpHeaders headers, String message) {
    return status == 403 && ("0".equals(headers.firstValue("x-ratelimit-remaining")
        .map(String::strip).orElse(null))
        || headers.firstValue("retry-after").isPresent()
        || message != null && message.toLowerCase(Locale.ROOT).contains("rate limit"));
  }

  @Override
  protected boolean hasSecondaryRateLimits() {
    return true;
  }

  @Override
  protected String hint(String method, String path, int status, String message,
      boolean hasToken) {
    if (!hasToken && (status == 401 || status == 403 || status == 404)) {
      return " (no token was sent: is GITHUB_TOKEN set?)";
    }
    if (status == 401) {
      return " (is GITHUB_TOKEN set and valid?)";
    }
    if (status == 403 && message != null
        && message.toLowerCase(Locale.ROOT).contains("not accessible by")) {
      String guess = permissionGuess(method, path);
      return guess != null ? " (the token lacks a permission: " + guess + "?)"
          : " (the token lacks a permission this call needs: check the workflow's permissions)";
    }
    if (status == 404) {
      return " (it does not exist, or the token cannot see it)";
    }
    return "";
  }

  /**
   * GitHub's {@code message} from an error body, with the first entry of {@code errors} when
   * there is one ("Validation Failed: body is too long (maximum is 65536 characters)"); null when
   * the body is not a JSON object with a message (an HTML page from a proxy, say).
   */
  @Override
  protected String errorMessage(byte[] body) {
    if (body.length == 0 || body.length > 1 << 20) {
      return null;
    }
    JsonNode root;
    try {
      root = MAPPER.readTree(body);
    } catch (Exception e) {
      return null;
    }
    if (root == null || !root.isObject() || !root.path("message").isTextual()) {
      return null;
    }
    String message = root.get("message").asText();
    JsonNode first = root.path("errors").path(0);
    String detail = null;
    if (first.isTextual()) {
      detail = first.asText();
    } else if (first.path("message").isTextual()) {
      detail = first.get("message").asText();
    } else if (first.path("code").isTextual()) {
      detail = (first.path("field").isTextual() ? first.get("field").asText() + " " : "")
          + first.get("code").asText();
    }
    String joined = detail == null || detail.isBlank() ? message : message + ": " + detail;
    String cleaned = ApiText.clean(joined, ApiText.MAX_MESSAGE_CHARS);
    return cleaned.isEmpty() ? null : cleaned;
  }

  /**
   * A guess at the permission a 403 "Resource not accessible by integration" lacks, from the
   * path: {@code pull-requests: read} for GET /repos/o/r/pulls/…; null when there is no guess.
   */
  static String permissionGuess(String method, String path) {
    String[] parts = path.split("[/?]");
    // "", "repos", owner, repo, area, ...
    if (parts.length < 5 || !parts[1].equals("repos")) {
      return null;
    }
    String level = method.equals("GET") ? "read" : "write";
    String area = parts[4];
    if (area.equals("issues") && parts.length >= 7 && parts[6].equals("comments")
        && !level.equals("read")) {
      // Comments on a pull request go through the issues API; either permission allows it.
      return "issues: write or pull-requests: write";
    }
    String scope = switch (area) {
      case "pulls" -> "pull-requests";
      case "issues", "labels" -> "issues";
      case "actions" -> "actions";
      case "check-runs", "check-suites" -> "checks";
      case "statuses" -> "statuses";
      case "contents", "git", "commits", "compare" -> "contents";
      case "code-scanning" -> "security-events";
      case "collaborators" -> "metadata";
      default -> null;
    };
    return scope == null ? null : scope + ": " + level;
  }
}
