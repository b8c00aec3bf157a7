package dev.plangate.platform;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import dev.plangate.core.io.StrictJson;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import javax.net.ssl.SSLException;

/**
 * A small JSON client for a platform's REST API (GitHub, GitLab), on the JDK's
 * {@link HttpClient} and Jackson. A subclass says what differs between platforms: the headers
 * and token, how the error body names the problem, what counts as a rate limit, and what a
 * user can do about a failure. Everything that keeps the gate closed is here, once:
 *
 * <ul>
 *   <li><b>Answers</b> are parsed strictly: a key twice, data after the document or a truncated
 *       document is an error, never a guess. Connections time out after 10 s, answers after
 *       30 s, and bodies over 50 MiB are refused rather than read into memory.
 *   <li><b>Retries</b> ({@link RetryPolicy}): rate limits, and for GET, PUT and PATCH 5xx answers
 *       and connection failures. Those three are safe to repeat: they read or set a value. A
 *       POST is <em>not</em> retried on 5xx or connection failures, because it may have been
 *       carried out before the failure (a 502 from a front end often comes after the comment was
 *       created): retrying would post a duplicate. A POST <em>is</em> retried on a rate limit,
 *       which platforms answer before doing anything. A caller that wants a POST to survive a
 *       5xx re-reads (lists the comments, finds its marker) and decides itself.
 *   <li><b>Redirects</b> (301, 302, 307, 308 for renamed repositories; 303) are followed up to
 *       {@link Limits#maxRedirects} times, only to the base URL's scheme, host and port: the
 *       token is never sent anywhere else. With no redirects allowed, one is an error.
 *   <li><b>Pages</b> follow {@code Link: <…>; rel="next"} (never computed page numbers), else
 *       {@code X-Next-Page} (GitLab leaves out the Link header for some large lists), with the
 *       same origin rule; a page already read or more than {@link Limits#maxPages} pages fail.
 *   <li><b>Failures</b> are {@link ApiException}s with one-line messages that name the call and
 *       the cause and never contain the token.
 * </ul>
 *
 * <p>Paths are relative to the base URL and start with {@code /}. Build them from untrusted
 * values (label names, logins) with {@link #path(String, Object...)}, which percent-encodes each
 * value. Instances are immutable and thread-safe.
 */
public abstract class RestClient {
  /** The page size list calls ask for when the path does not say: GitHub's and GitLab's most. */
  public static final int PER_PAGE = 100;

  /** Limits that tests shrink; production uses {@link #DEFAULT} or {@link #withoutRedirects}. */
  public record Limits(Duration connectTimeout, Duration requestTimeout, long maxBodyBytes,
      int maxPages, int maxRedirects) {
    public static final Limits DEFAULT = new Limits(Duration.ofSeconds(10),
        Duration.ofSeconds(30), 50L * 1024 * 1024, 100, 5);

    public Limits withoutRedirects() {
      return new Limits(connectTimeout, requestTimeout, maxBodyBytes, maxPages, 0);
    }
  }

  /**
   * How the platform is named in messages.
   *
   * @param platform "GitHub": who asks to wait, in retry messages
   * @param baseUrl what the base URL is called ("the GitHub API URL", "CI_API_V4_URL")
   * @param token what the token is called ("the GitHub token", "PLANGATE_GITLAB_TOKEN")
   * @param prefix what starts each failure message ("" or "GitLab API ")
   */
  public record Names(String platform, String baseUrl, String token, String prefix) {}

  /** Strict: a key twice in one answer (or data after it) is an error, never the last copy. */
  protected static final ObjectMapper MAPPER = StrictJson.mapper();
  /** Percent-encoding's digits (RFC 3986 says upper case). */
  private static final HexFormat UPPER_HEX = HexFormat.of().withUpperCase();

  private final Names names;
  private final String base;
  private final URI baseUri;
  private final String basePath;
  private final String token;
  private final RetryPolicy retry;
  private final Limits limits;
  private final HttpClient http;

  /**
   * A client for {@code baseUrl} (http or https, no query; a trailing slash is ignored).
   *
   * @param token null or blank sends none
   * @throws IllegalArgumentException if the URL is not an absolute http(s) URL, or the token
   *     holds characters a header cannot carry (the message does not quote it)
   */
  protected RestClient(Names names, String baseUrl, String token, RetryPolicy retry,
      Limits limits) {
    this.names = Objects.requireNonNull(names, "names");
    this.baseUri = parseBase(names, baseUrl);
    this.base = baseUri.toString();
    this.basePath = Objects.requireNonNullElse(baseUri.getRawPath(), "");
    this.token = token == null || token.isBlank() ? null : token.strip();
    if (this.token != null && !this.token.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
      throw new IllegalArgumentException(
          names.token() + " contains spaces, line breaks or non-ASCII characters");
    }
    this.retry = Objects.requireNonNull(retry, "retry");
    this.limits = Objects.requireNonNull(limits, "limits");
    this.http = HttpClient.newBuilder()
        .connectTimeout(limits.connectTimeout())
        .followRedirects(HttpClient.Redirect.NEVER)
        .build();
  }

  // ---- what differs between platforms --------------------------------------------------------

  /** Adds the platform's headers (media type, API version, the token's header) to a request. */
  protected abstract void headers(HttpRequest.Builder request, String token);

  /** The platform's own message in an error body, one line; null when there is none. */
  protected abstract String errorMessage(byte[] body);

  /** Whether an answer that is not 2xx is a rate limit (waited for and retried, even a POST). */
  protected abstract boolean isRateLimit(int status, HttpHeaders headers, String message);

  /**
   * Whether a rate limit without timing headers is a GitHub-style secondary limit, after which
   * the platform asks to wait at least {@link RetryPolicy#secondaryRateLimitWait}.
   */
  protected boolean hasSecondaryRateLimits() {
    return false;
  }

  /**
   * What a user can do about a failed answer, as " (…)"; empty when there is nothing to say.
   *
   * @param path the path and query as messages show them
   * @param hasToken whether the request carried a token
   */
  protected abstract String hint(String method, String path, int status, String message,
      boolean hasToken);

  // ---- calls ---------------------------------------------------------------------------------

  /** The base URL without a trailing slash, e.g. {@code https://api.github.com}. */
  public String baseUrl() {
    return base;
  }

  /** Whether requests carry a token. */
  public boolean hasToken() {
    return token != null;
  }

  /** GETs one resource. An empty body (204) gives a {@link MissingNode}. */
  public JsonNode get(String pathAndQuery) throws ApiException {
    return parse("GET", send("GET", resolve(pathAndQuery), null, new Budget()));
  }

  /**
   * GETs one resource, or empty when the platform answers 404. Platforms also answer 404 for
   * private resources the token cannot see, so "empty" means "not found or not visible".
   */
  public Optional<JsonNode> getIfExists(String pathAndQuery) throws ApiException {
    try {
      return Optional.of(get(pathAndQuery));
    } catch (ApiException e) {
      if (e.status() == 404) {
        return Optional.empty();
      }
      throw e;
    }
  }

  /**
   * GETs every item of a list endpoint whose pages are JSON arrays (commits, timeline, reviews,
   * notes). Adds {@code per_page=100} unless the path has a {@code per_page}.
   */
  public List<JsonNode> getAll(String pathAndQuery) throws ApiException {
    return getAll(pathAndQuery, null, Integer.MAX_VALUE);
  }

  /**
   * Like {@link #getAll(String)}, but stops requesting pages once {@code maxItems} are read;
   * for endpoints whose pages are objects holding the array in a field, e.g.
   * {@code getAll("/repos/o/r/actions/runs?head_sha=…", "workflow_runs", 1000)} on
   * {@code {"total_count": 2, "workflow_runs": [...]}}.
   *
   * @param itemsField the field that holds each page's array; null when the page is the array
   * @param maxItems at least 1; the result has at most this many items
   */
  public List<JsonNode> getAll(String pathAndQuery, String itemsField, int maxItems)
      throws ApiException {
    if (maxItems < 1) {
      throw new IllegalArgumentException("maxItems must be at least 1, was " + maxItems);
    }
    Budget budget = new Budget();
    URI uri = resolve(withPerPage(pathAndQuery));
    Set<URI> seen = new HashSet<>();
    List<JsonNode> items = new ArrayList<>();
    for (int page = 1; ; page++) {
      Response r = send("GET", uri, null, budget);
      JsonNode body = parse("GET", r);
      JsonNode array = itemsField == null ? body : body.path(itemsField);
      if (!array.isArray()) {
        throw failure("GET", r.uri(), 1, r.status(), null, "expected "
            + (itemsField == null ? "a JSON array" : "an array in \"" + itemsField + "\"")
            + ", got " + kind(array));
      }
      for (JsonNode item : array) {
        items.add(item);
        if (items.size() >= maxItems) {
          return List.copyOf(items);
        }
      }
      seen.add(uri);
      Optional<URI> next = nextPage(r);
      if (next.isEmpty()) {
        return List.copyOf(items);
      }
      if (seen.contains(next.get())) {
        throw failure("GET", r.uri(), 1, r.status(), null, "the pages loop back to "
            + display(next.get()) + "; plangate stops rather than read the same items twice");
      }
      if (page >= limits.maxPages()) {
        throw failure("GET", r.uri(), 1, r.status(), null, "more than " + limits.maxPages()
            + " pages of results; plangate stops there");
      }
      uri = next.get();
    }
  }

  /** POSTs {@code body} as JSON; returns the answer (201 and the created object, usually). */
  public JsonNode post(String path, JsonNode body) throws ApiException {
    return parse("POST", send("POST", resolve(path), toBytes(body), new Budget()));
  }

  /** PATCHes {@code body} as JSON; returns the answer (the updated object, usually). */
  public JsonNode patch(String path, JsonNode body) throws ApiException {
    return parse("PATCH", send("PATCH", resolve(path), toBytes(body), new Budget()));
  }

  /** PUTs {@code body} as JSON; returns the answer (the updated object, usually). */
  public JsonNode put(String path, JsonNode body) throws ApiException {
    return parse("PUT", send("PUT", resolve(path), toBytes(body), new Budget()));
  }

  /**
   * Fills each {@code {}} of {@code template} with the next value, percent-encoded as one path
   * segment or query value, so a label called {@code a/b?c} or a login with odd characters
   * cannot change the request: {@code path("/repos/{}/{}/labels/{}", "acme", "infra", "x/y")}
   * gives {@code /repos/acme/infra/labels/x%2Fy}.
   *
   * @throws IllegalArgumentException if the number of values does not match
   */
  public static String path(String template, Object... values) {
    StringBuilder b = new StringBuilder(template.length() + 32);
    int from = 0;
    int used = 0;
    for (int at = template.indexOf("{}"); at >= 0; at = template.indexOf("{}", from)) {
      if (used == values.length) {
        throw new IllegalArgumentException("more {} than values in " + template);
      }
      b.append(template, from, at).append(encode(String.valueOf(values[used++])));
      from = at + 2;
    }
    if (used != values.length) {
      throw new IllegalArgumentException("more values than {} in " + template);
    }
    return b.append(template, from, template.length()).toString();
  }

  // ---- one logical request, with retries -----------------------------------------------------

  /** What is left of the retry policy's waiting time for one public call. */
  private final class Budget {
    private Duration left = retry.maxTotalWait();
  }

  /** A reason to wait before a retry, and how to explain it when it is too long. */
  private record Wait(Duration duration, String explanation) {}

  private Response send(String method, URI uri, byte[] body, Budget budget)
      throws ApiException {
    boolean repeatable = !method.equals("POST");
    for (int attempt = 1; ; attempt++) {
      Response r;
      try {
        r = attempt(method, uri, body, attempt);
      } catch (IOException e) {
        String why = "cannot reach " + origin(uri) + ": " + describe(e);
        if (!repeatable) {
          throw failure(method, uri, attempt, 0, null,
              why + " (not retried: the POST may have been carried out)");
        }
        if (attempt >= retry.maxAttempts()) {
          throw failure(method, uri, attempt, 0, null, why);
        }
        pause(method, uri, attempt, 0, null, why, new Wait(retry.backoff(attempt), null), budget);
        continue;
      }
      int status = r.status();
      if (status >= 200 && status < 300) {
        return r;
      }
      String message = errorMessage(r.body());
      boolean rateLimited = status == 429 || isRateLimit(status, r.headers(), message);
      boolean retryable = rateLimited || status >= 500 && repeatable;
      String why = "HTTP " + status + (message != null ? ": " + message
          : ApiText.reason(status).isEmpty() ? "" : " " + ApiText.reason(status))
          + (rateLimited ? "" : hint(method, display(uri), status, message, token != null));
      if (!retryable || attempt >= retry.maxAttempts()) {
        Instant reset = rateLimited ? resetTime(r) : null;
        String note = reset != null ? " (the rate limit resets at " + reset + ")"
            : status >= 500 && !repeatable ? " (not retried: the POST may have been carried out)"
            : "";
        throw failure(method, uri, attempt, status, message, why + note);
      }
      pause(method, uri, attempt, status, message, why, waitFor(r, attempt, rateLimited), budget);
    }
  }

  /** Sleeps before the next attempt, or fails when the wait is longer than the budget left. */
  private void pause(String method, URI uri, int attempt, int status, String message, String why,
      Wait wait, Budget budget) throws ApiException {
    Duration d = wait.duration();
    if (d.compareTo(budget.left) > 0) {
      String explanation = wait.explanation() != null ? wait.explanation()
          : "the next retry would be in " + ApiText.duration(d);
      String limit = budget.left.equals(retry.maxTotalWait())
          ? "plangate waits at most " + ApiText.duration(retry.maxTotalWait())
          : "only " + ApiText.duration(budget.left) + " left of plangate's "
              + ApiText.duration(retry.maxTotalWait()) + " retry budget";
      throw failure(method, uri, attempt, status, message,
          why + " (" + explanation + "; " + limit + ")");
    }
    retry.log().accept(scrub(names.prefix() + method + " " + display(uri) + ": " + why
        + "; retrying in " + ApiText.duration(d) + " (attempt " + (attempt + 1) + " of "
        + retry.maxAttempts() + ")"));
    try {
      retry.sleeper().sleep(d);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw failure(method, uri, attempt, status, message,
          why + " (interrupted while waiting to retry)");
    }
    budget.left = budget.left.minus(d);
  }

  private Wait waitFor(Response r, int attempt, boolean rateLimited) {
    Duration retryAfter = retryAfter(r.header("retry-after"));
    if (retryAfter != null) {
      return new Wait(retryAfter,
          names.platform() + " asks to retry after " + ApiText.duration(retryAfter));
    }
    Instant reset = "0".equals(trimmed(r.header("x-ratelimit-remaining"))) ? resetTime(r) : null;
    if (reset != null) {
      // One second of margin: the reset is whole seconds and the clocks may disagree a little.
      Duration until = Duration.between(retry.clock().instant(), reset);
      Duration d = (until.isNegative() ? Duration.ZERO : until).plusSeconds(1);
      return new Wait(d, "the rate limit resets at " + reset + ", in " + ApiText.duration(d));
    }
    Duration backoff = retry.backoff(attempt);
    if (rateLimited && hasSecondaryRateLimits()) {
      Duration d = backoff.compareTo(retry.secondaryRateLimitWait()) > 0
          ? backoff : retry.secondaryRateLimitWait();
      return new Wait(d, names.platform()
          + " asks to wait at least a minute after a secondary rate limit");
    }
    return new Wait(backoff, null);
  }

  private Instant resetTime(Response r) {
    try {
      String reset = trimmed(r.header("x-ratelimit-reset"));
      return reset == null ? null
          : Instant.ofEpochSecond(Long.parseLong(reset)).truncatedTo(ChronoUnit.SECONDS);
    } catch (NumberFormatException | java.time.DateTimeException e) {
      return null;
    }
  }

  /** {@code Retry-After} as seconds or an HTTP date; null when absent or unreadable. */
  private Duration retryAfter(String value) {
    String v = trimmed(value);
    if (v == null) {
      return null;
    }
    try {
      long seconds = Long.parseLong(v);
      return seconds < 0 ? null : Duration.ofSeconds(Math.min(seconds, 86_400 * 7));
    } catch (NumberFormatException notSeconds) {
      try {
        Instant at = ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
        Duration d = Duration.between(retry.clock().instant(), at);
        return d.isNegative() ? Duration.ZERO : d;
      } catch (DateTimeParseException notDate) {
        return null;
      }
    }
  }

  // ---- one attempt: the exchange and its redirects -------------------------------------------

  private record Response(int status, HttpHeaders headers, byte[] body, URI uri) {
    String header(String name) {
      return headers.firstValue(name).orElse(null);
    }
  }

  private Response attempt(String method, URI uri, byte[] body, int attempt)
      throws IOException, ApiException {
    String m = method;
    byte[] b = body;
    URI u = uri;
    for (int hop = 0; ; hop++) {
      Response r = exchange(m, u, b, attempt);
      int s = r.status();
      boolean redirect = s == 301 || s == 302 || s == 303 || s == 307 || s == 308;
      if (!redirect || r.header("location") == null) {
        return r;
      }
      if (limits.maxRedirects() == 0) {
        throw failure(method, uri, attempt, s, null, "HTTP " + s + " redirect to "
            + ApiText.clean(r.header("location"), 100) + "; plangate does not follow redirects,"
            + " so the token goes nowhere but " + names.baseUrl());
      }
      URI next = followable(r.header("location"), r, method, attempt, "redirect");
      if (hop >= limits.maxRedirects()) {
        throw failure(method, uri, attempt, s, null,
            "more than " + limits.maxRedirects() + " redirects");
      }
      if (s == 303) {
        m = "GET";
        b = null;
      }
      u = next;
    }
  }

  private Response exchange(String method, URI uri, byte[] body, int attempt)
      throws IOException, ApiException {
    HttpRequest.Builder request = HttpRequest.newBuilder(uri)
        .timeout(limits.requestTimeout())
        .header("User-Agent", "plangate");
    headers(request, token);
    if (body != null) {
      request.header("Content-Type", "application/json; charset=utf-8")
          .method(method, HttpRequest.BodyPublishers.ofByteArray(body));
    } else {
      request.method(method, HttpRequest.BodyPublishers.noBody());
    }
    HttpResponse<InputStream> response;
    try {
      response = http.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw failure(method, uri, attempt, 0, null, "interrupted");
    }
    try (InputStream in = response.body()) {
      long max = limits.maxBodyBytes();
      OptionalLong declared = response.headers().firstValueAsLong("content-length");
      byte[] bytes = declared.isPresent() && declared.getAsLong() > max ? null
          : in.readNBytes((int) Math.min(Integer.MAX_VALUE - 16, max + 1));
      if (bytes == null || bytes.length > max) {
        throw failure(method, uri, attempt, response.statusCode(), null,
            "the answer is larger than " + (max >= 1 << 20 ? (max >> 20) + " MiB" : max + " bytes")
                + ", more than plangate reads");
      }
      return new Response(response.statusCode(), response.headers(), bytes, uri);
    }
  }

  /** The next page: the Link header's rel="next", else X-Next-Page; empty on the last page. */
  private Optional<URI> nextPage(Response r) throws ApiException {
    Optional<String> link = LinkHeader.next(r.header("link"));
    if (link.isPresent()) {
      return Optional.of(followable(link.get(), r, "GET", 1, "pagination link"));
    }
    String page = trimmed(r.header("x-next-page"));
    if (page == null) {
      return Optional.empty();
    }
    if (!page.matches("[1-9][0-9]{0,8}")) {
      throw failure("GET", r.uri(), 1, r.status(), null,
          "X-Next-Page is not a page number: " + ApiText.clean(page, 40));
    }
    String query = Objects.requireNonNullElse(r.uri().getRawQuery(), "")
        .replaceAll("(^|&)page=[^&]*", "").replaceFirst("^&", "");
    return Optional.of(followable(r.uri().getRawPath() + "?" + (query.isEmpty() ? "" : query
        + "&") + "page=" + page, r, "GET", 1, "pagination link"));
  }

  /** A Location or Link target resolved against the answer's URI, if it stays on our origin. */
  private URI followable(String target, Response from, String method, int attempt, String what)
      throws ApiException {
    URI next;
    try {
      next = from.uri().resolve(new URI(target.trim()));
    } catch (URISyntaxException | IllegalArgumentException e) {
      throw failure(method, from.uri(), attempt, from.status(), null,
          "the " + what + " is not a URL: " + ApiText.clean(target, 100));
    }
    if (!sameOrigin(next)) {
      throw failure(method, from.uri(), attempt, from.status(), null, "refusing to follow a "
          + what + " to " + ApiText.clean(origin(next), 100) + ": the token is only sent to "
          + origin(baseUri));
    }
    return next;
  }

  // ---- URLs ----------------------------------------------------------------------------------

  private static URI parseBase(Names names, String baseUrl) {
    Objects.requireNonNull(baseUrl, "baseUrl");
    String s = baseUrl.strip();
    while (s.endsWith("/")) {
      s = s.substring(0, s.length() - 1);
    }
    URI u;
    try {
      u = new URI(s);
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException(
          names.baseUrl() + " is not a URL: " + ApiText.clean(baseUrl, 100));
    }
    String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(Locale.ROOT);
    if (!(scheme.equals("https") || scheme.equals("http")) || u.getHost() == null
        || u.getRawQuery() != null || u.getRawFragment() != null || u.getRawUserInfo() != null) {
      throw new IllegalArgumentException(names.baseUrl()
          + " must be http(s)://host[:port][/path], was " + ApiText.clean(baseUrl, 100));
    }
    return u;
  }

  private URI resolve(String pathAndQuery) {
    if (pathAndQuery == null || !pathAndQuery.startsWith("/") || pathAndQuery.startsWith("//")) {
      throw new IllegalArgumentException(
          "an API path starts with a single /, was " + pathAndQuery);
    }
    try {
      return new URI(base + pathAndQuery);
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("not a valid API path (use RestClient.path to encode "
          + "values): " + pathAndQuery);
    }
  }

  private boolean sameOrigin(URI u) {
    return u.getScheme() != null && u.getHost() != null
        && u.getScheme().equalsIgnoreCase(baseUri.getScheme())
        && u.getHost().equalsIgnoreCase(baseUri.getHost())
        && port(u) == port(baseUri);
  }

  private static int port(URI u) {
    return u.getPort() >= 0 ? u.getPort() : "https".equalsIgnoreCase(u.getScheme()) ? 443 : 80;
  }

  private static String origin(URI u) {
    return u.getScheme() + "://" + u.getHost() + (u.getPort() >= 0 ? ":" + u.getPort() : "");
  }

  /** The path and query as messages show them: relative to the base URL. */
  private String display(URI u) {
    String p = Objects.requireNonNullElse(u.getRawPath(), "");
    if (!basePath.isEmpty() && p.startsWith(basePath + "/")) {
      p = p.substring(basePath.length());
    }
    return ApiText.clean(p + (u.getRawQuery() != null ? "?" + u.getRawQuery() : ""), 300);
  }

  private static String withPerPage(String pathAndQuery) {
    int q = pathAndQuery.indexOf('?');
    if (q >= 0) {
      for (String param : pathAndQuery.substring(q + 1).split("&")) {
        if (param.equals("per_page") || param.startsWith("per_page=")) {
          return pathAndQuery;
        }
      }
    }
    return pathAndQuery + (q < 0 ? "?" : pathAndQuery.endsWith("&") || pathAndQuery.endsWith("?")
        ? "" : "&") + "per_page=" + PER_PAGE;
  }

  private static String encode(String value) {
    if (value.equals(".") || value.equals("..")) {
      return value.replace(".", "%2E");
    }
    StringBuilder b = new StringBuilder(value.length() + 8);
    for (byte x : value.getBytes(StandardCharsets.UTF_8)) {
      int c = x & 0xff;
      if (c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
          || c == '-' || c == '.' || c == '_' || c == '~') {
        b.append((char) c);
      } else {
        b.append('%').append(UPPER_HEX.toHexDigits(x));
      }
    }
    return b.toString();
  }

  // ---- bodies and failures -------------------------------------------------------------------

  private static byte[] toBytes(JsonNode body) {
    try {
      return MAPPER.writeValueAsBytes(Objects.requireNonNull(body, "body"));
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("cannot write the request body as JSON", e);
    }
  }

  private JsonNode parse(String method, Response r) throws ApiException {
    if (r.body().length == 0) {
      return MissingNode.getInstance();
    }
    try {
      JsonNode node = MAPPER.readTree(r.body());
      return node == null ? MissingNode.getInstance() : node;
    } catch (IOException e) {
      String detail = e instanceof JsonProcessingException j ? j.getOriginalMessage()
          : e.getMessage();
      throw failure(method, r.uri(), 1, r.status(), null, "the answer is not valid JSON: "
          + ApiText.clean(String.valueOf(detail).lines().findFirst().orElse(""), 150));
    }
  }

  private static String kind(JsonNode n) {
    return n.isMissingNode() ? "nothing" : n.isObject() ? "an object" : n.isArray() ? "an array"
        : n.isNull() ? "null" : n.isTextual() ? "a string" : "a " + n.getNodeType().toString()
            .toLowerCase(Locale.ROOT);
  }

  private ApiException failure(String method, URI uri, int attempts, int status,
      String platformMessage, String why) {
    String shown = display(uri);
    String message = names.prefix() + method + " " + shown + " failed"
        + (attempts > 1 ? " after " + attempts + " attempts" : "") + ": " + why;
    return new ApiException(method, shown, status,
        platformMessage == null ? null : scrub(platformMessage), scrub(message));
  }

  /** Removes the token from text that might echo it; messages are built without it anyway. */
  private String scrub(String s) {
    return token == null || token.length() < 4 ? s : s.replace(token, "***");
  }

  private String describe(IOException e) {
    if (e instanceof HttpConnectTimeoutException) {
      return "connection timed out after " + ApiText.duration(limits.connectTimeout());
    }
    if (e instanceof HttpTimeoutException) {
      return "no answer within " + ApiText.duration(limits.requestTimeout());
    }
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof UnresolvedAddressException || t instanceof UnknownHostException) {
        return "unknown host";
      }
      if (t instanceof SSLException) {
        return "TLS failed: " + ApiText.clean(String.valueOf(t.getMessage()), 150);
      }
      String m = t.getMessage();
      if (m != null && m.toLowerCase(Locale.ROOT).contains("refused")) {
        return "connection refused";
      }
    }
    if (e instanceof ConnectException) {
      // The JDK client reports a refused connection as ConnectException without a message
      // (the cause, a ClosedChannelException, has none either); others carry one.
      for (Throwable t = e; t != null; t = t.getCause()) {
        if (t instanceof ConnectException && t.getMessage() != null) {
          return ApiText.clean(t.getMessage(), 150).toLowerCase(Locale.ROOT);
        }
      }
      return "connection refused";
    }
    String m = e.getMessage();
    return m == null ? e.getClass().getSimpleName() : ApiText.clean(m, 150);
  }

  private static String trimmed(String s) {
    return s == null || s.isBlank() ? null : s.trim();
  }
}
