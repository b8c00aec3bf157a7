package dev.plangate.github.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A canned answer of {@link FakeGitHub}: status, headers and body, optionally delayed, or a
 * connection dropped without any answer. Immutable; {@code with…} methods return copies.
 *
 * <p>Error bodies have GitHub's shape: {@code {"message": …, "documentation_url": …,
 * "status": "403"}}.
 */
public record Answer(int status, Map<String, String> headers, byte[] body, Duration delay,
    boolean dropConnection) {
  static final ObjectMapper MAPPER = new ObjectMapper();
  static final String DOCS = "https://docs.github.com/rest";

  public Answer {
    headers = Map.copyOf(headers);
  }

  /** {@code status} with a JSON body. */
  public static Answer json(int status, String json) {
    return new Answer(status, Map.of(), json.getBytes(StandardCharsets.UTF_8), Duration.ZERO,
        false);
  }

  /** {@code status} with a JSON body. */
  public static Answer json(int status, JsonNode json) {
    try {
      return new Answer(status, Map.of(), MAPPER.writeValueAsBytes(json), Duration.ZERO, false);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** 200 with a JSON body. */
  public static Answer json(JsonNode json) {
    return json(200, json);
  }

  /** 200 with a JSON body. */
  public static Answer json(String json) {
    return json(200, json);
  }

  /** {@code status} with a body that is not JSON, e.g. a proxy's HTML error page. */
  public static Answer text(int status, String contentType, String body) {
    return new Answer(status, Map.of("Content-Type", contentType),
        body.getBytes(StandardCharsets.UTF_8), Duration.ZERO, false);
  }

  /** {@code status} with no body. */
  public static Answer empty(int status) {
    return new Answer(status, Map.of(), new byte[0], Duration.ZERO, false);
  }

  /** GitHub's error body: {@code {"message", "documentation_url", "status"}}. */
  public static Answer error(int status, String message) {
    ObjectNode body = MAPPER.createObjectNode()
        .put("message", message)
        .put("documentation_url", DOCS)
        .put("status", Integer.toString(status));
    return json(status, body);
  }

  /** 404 as GitHub sends it for unknown or invisible resources. */
  public static Answer notFound() {
    return error(404, "Not Found");
  }

  /** 502 with the HTML page GitHub's front end serves, so there is no JSON message. */
  public static Answer badGateway() {
    return text(502, "text/html", "<html><body><h1>502 Bad Gateway</h1></body></html>");
  }

  /**
   * A primary rate limit: 403, {@code x-ratelimit-remaining: 0}, {@code x-ratelimit-reset} at
   * {@code reset}, and GitHub's message.
   */
  public static Answer rateLimited(Instant reset) {
    return error(403, "API rate limit exceeded for installation ID 12345678. If you reach out to"
        + " GitHub Support for help, please include the request ID 0400:1F3A:2B4C5D:3E5F60:6630.")
        .withHeader("x-ratelimit-limit", "1000")
        .withHeader("x-ratelimit-remaining", "0")
        .withHeader("x-ratelimit-used", "1000")
        .withHeader("x-ratelimit-resource", "core")
        .withHeader("x-ratelimit-reset", Long.toString(reset.getEpochSecond()))
        .withDocs("https://docs.github.com/rest/overview/rate-limits-for-the-rest-api");
  }

  /** A secondary rate limit: 403 with {@code Retry-After} and GitHub's message. */
  public static Answer secondaryRateLimit(long retryAfterSeconds) {
    return error(403, "You have exceeded a secondary rate limit. Please wait a few minutes before"
        + " you try again. If you reach out to GitHub Support for help, please include the"
        + " request ID 0400:1F3A:2B4C5D:3E5F60:6631.")
        .withHeader("retry-after", Long.toString(retryAfterSeconds))
        .withDocs("https://docs.github.com/free-pro-team@latest/rest/overview/rate-limits-for-the"
            + "-rest-api#about-secondary-rate-limits");
  }

  /** 429 with {@code Retry-After}. */
  public static Answer tooManyRequests(long retryAfterSeconds) {
    return error(429, "Too Many Requests")
        .withHeader("retry-after", Long.toString(retryAfterSeconds));
  }

  /** No answer: the server closes the connection once it has read the request. */
  public static Answer disconnect() {
    return new Answer(0, Map.of(), new byte[0], Duration.ZERO, true);
  }

  /** This answer with one more header (replacing one of the same name). */
  public Answer withHeader(String name, String value) {
    Map<String, String> h = new LinkedHashMap<>(headers);
    h.keySet().removeIf(k -> k.equalsIgnoreCase(name));
    h.put(name, value);
    return new Answer(status, h, body, delay, dropConnection);
  }

  /** This answer, sent only after {@code d}. */
  public Answer withDelay(Duration d) {
    return new Answer(status, headers, body, d, dropConnection);
  }

  /** The body as text. */
  public String bodyText() {
    return new String(body, StandardCharsets.UTF_8);
  }

  private Answer withDocs(String url) {
    try {
      ObjectNode b = (ObjectNode) MAPPER.readTree(body);
      b.put("documentation_url", url);
      return new Answer(status, headers, MAPPER.writeValueAsBytes(b), delay, dropConnection);
    } catch (java.io.IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
