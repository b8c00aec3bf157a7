package dev.plangate.gitlab;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A small client for GitLab's REST API v4 ({@code CI_API_V4_URL}, e.g.
 * {@code https://gitlab.com/api/v4}), on the JDK's {@link HttpClient} and Jackson.
 *
 * <p>Every request sends {@code PRIVATE-TOKEN} when a token was given (GitLab's header for
 * personal, project and group access tokens) and {@code User-Agent: plangate}. Answers are
 * parsed strictly: a duplicate key, trailing garbage or a truncated document is an error, never a
 * guess. Bodies over {@link Limits#maxBodyBytes} are refused.
 *
 * <p><b>Retries</b>: GET and PUT (safe to repeat) on 5xx, 429 and connection failures, at most
 * {@link Retry#maxAttempts} times per request and {@link Retry#maxTotalWait} of sleeping per
 * call, honouring {@code Retry-After}. A POST is retried only on 429, which GitLab answers before
 * doing anything: after a 5xx the note may exist, and a retry would post it twice.
 *
 * <p><b>Pagination</b> follows {@code Link: <…>; rel="next"}, else {@code X-Next-Page} (GitLab
 * omits the Link header for some large lists); a page already seen, another host or more than
 * {@link Limits#maxPages} pages fail the call. <b>Redirects</b> are not followed: the API does
 * not redirect, and the token must go nowhere else.
 */
public final class GitLabApi {
  /** GitLab's largest page. */
  public static final int PER_PAGE = 100;
  private static final Pattern NEXT_LINK = Pattern.compile("<([^>]*)>\\s*;[^,]*rel=\"?next\"?");

  /** How requests are retried. */
  public record Retry(int maxAttempts, Duration firstBackoff, Duration maxTotalWait,
      Sleeper sleeper, Consumer<String> log) {
    public Retry {
      if (maxAttempts < 1) {
        throw new IllegalArgumentException("maxAttempts must be at least 1");
      }
      Objects.requireNonNull(sleeper, "sleeper");
      Objects.requireNonNull(log, "log");
    }

    /** 4 attempts, backoff 1 s, 2 s, 4 s, at most 60 s of waiting per call. */
    public static Retry defaults() {
      return new Retry(4, Duration.ofSeconds(1), Duration.ofSeconds(60),
          d -> Thread.sleep(d.toMillis()), line -> { });
    }

    /** No sleeping (tests): the retries happen at once. */
    public Retry withoutSleeping() {
      return new Retry(maxAttempts, firstBackoff, maxTotalWait, d -> { }, log);
    }

    public Retry withMaxTotalWait(Duration wait) {
      return new Retry(maxAttempts, firstBackoff, wait, sleeper, log);
    }

    public Retry withLog(Consumer<String> l) {
      return new Retry(maxAttempts, firstBackoff, maxTotalWait, sleeper, l);
    }
  }

  /** Waits between attempts; replaced in tests. */
  @FunctionalInterface
  public interface Sleeper {
    void sleep(Duration d) throws InterruptedException;
  }

  /** Limits tests shrink. */
  public record Limits(Duration connectTimeout, Duration requestTimeout, long maxBodyBytes,
      int maxPages) {
    public static final Limits DEFAULT = new Limits(Duration.ofSeconds(10),
        Duration.ofSeconds(30), 20L * 1024 * 1024, 100);
  }

  private static final ObjectMapper MAPPER = new ObjectMapper()
      .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
      .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

  private final URI base;
  private final String token;
  private final Retry retry;
  private final Limits limits;
  private final HttpClient http;

  public GitLabApi(String baseUrl, String token, Retry retry) {
    this(baseUrl, token, retry, Limits.DEFAULT);
  }

  /**
   * @param baseUrl {@code http(s)://host[:port]/api/v4}; a trailing slash is ignored
   * @param token sent as {@code PRIVATE-TOKEN}; null or blank sends none
   * @throws IllegalArgumentException for a URL that is not absolute http(s), or a token a header
   *     cannot carry (the message does not quote it)
   */
  public GitLabApi(String baseUrl, String token, Retry retry, Limits limits) {
    String s = Objects.requireNonNull(baseUrl, "baseUrl").strip();
    while (s.endsWith("/")) {
      s = s.substring(0, s.length() - 1);
    }
    try {
      this.base = new URI(s);
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("CI_API_V4_URL is not a URL: " + clean(baseUrl, 100));
    }
    String scheme = base.getScheme() == null ? "" : base.getScheme().toLowerCase(Locale.ROOT);
    if (!(scheme.equals("http") || scheme.equals("https")) || base.getHost() == null
        || base.getRawQuery() != null || base.getRawUserInfo() != null) {
      throw new IllegalArgumentException("CI_API_V4_URL must be http(s)://host[:port]/api/v4,"
          + " was " + clean(baseUrl, 100));
    }
    this.token = token == null || token.isBlank() ? null : token.strip();
    if (this.token != null && !this.token.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
      throw new IllegalArgumentException(
          "PLANGATE_GITLAB_TOKEN contains spaces, line breaks or non-ASCII characters");
    }
    this.retry = retry;
    this.limits = limits;
    this.http = HttpClient.newBuilder().connectTimeout(limits.connectTimeout())
        .followRedirects(HttpClient.Redirect.NEVER).build();
  }

  public boolean hasToken() {
    return token != null;
  }

  /** GETs one resource. */
  public JsonNode get(String path) throws GitLabApiException {
    return parse("GET", path, send("GET", resolve(path), null, new long[] {budget()}));
  }

  /** GETs one resource, or empty when GitLab answers 404 (absent or not visible). */
  public Optional<JsonNode> getIfExists(String path) throws GitLabApiException {
    try {
      return Optional.of(get(path));
    } catch (GitLabApiException e) {
      if (e.status() == 404) {
        return Optional.empty();
      }
      throw e;
    }
  }

  /** GETs every item of a list endpoint, following the pages GitLab names. */
  public List<JsonNode> getAll(String path) throws GitLabApiException {
    long[] budget = {budget()};
    URI uri = resolve(path + (path.contains("?") ? "&" : "?") + "per_page=" + PER_PAGE);
    Set<String> seen = new HashSet<>();
    List<JsonNode> items = new ArrayList<>();
    for (int page = 1; ; page++) {
      if (!seen.add(uri.toString())) {
        throw failure("GET", path, 0, "the pages loop back to " + display(uri)
            + "; plangate stops rather than read the same items twice");
      }
      Response r = send("GET", uri, null, budget);
      JsonNode body = parse("GET", path, r);
      if (!body.isArray()) {
        throw failure("GET", path, r.status(), "expected a JSON array, got "
            + (body.isObject() ? "an object" : body.getNodeType().toString()
                .toLowerCase(Locale.ROOT)));
      }
      body.forEach(items::add);
      Optional<URI> next = next(r, uri, path);
      if (next.isEmpty()) {
        return List.copyOf(items);
      }
      if (page >= limits.maxPages()) {
        throw failure("GET", path, r.status(), "more than " + limits.maxPages()
            + " pages of results; plangate stops there");
      }
      uri = next.get();
    }
  }

  /** POSTs JSON; returns the created object. */
  public JsonNode post(String path, JsonNode body) throws GitLabApiException {
    return parse("POST", path, send("POST", resolve(path), bytes(body), new long[] {budget()}));
  }

  /** PUTs JSON; returns the updated object. */
  public JsonNode put(String path, JsonNode body) throws GitLabApiException {
    return parse("PUT", path, send("PUT", resolve(path), bytes(body), new long[] {budget()}));
  }

  /** Percent-encodes one path segment (a project path such as {@code group/infra}). */
  public static String segment(String value) {
    StringBuilder b = new StringBuilder();
    for (byte x : value.getBytes(StandardCharsets.UTF_8)) {
      int c = x & 0xff;
      if (c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-'
          || c == '_' || c == '~' || c == '.' && !value.matches("\\.+")) {
        b.append((char) c);
      } else {
        b.append('%').append(String.format("%02X", c));
      }
    }
    return b.toString();
  }

  // ---- internals -----------------------------------------------------------------------------

  private record Response(int status, HttpHeaders headers, byte[] body) {
    String header(String name) {
      return headers.firstValue(name).orElse(null);
    }
  }

  private long budget() {
    return retry.maxTotalWait().toMillis();
  }

  private Response send(String method, URI uri, byte[] body, long[] budget)
      throws GitLabApiException {
    String shown = display(uri);
    for (int attempt = 1; ; attempt++) {
      String why;
      Duration wait = retry.firstBackoff().multipliedBy(1L << Math.min(attempt - 1, 16));
      boolean retryable;
      int status = 0;
      try {
        Response r = exchange(method, uri, body);
        status = r.status();
        if (status >= 200 && status < 300) {
          return r;
        }
        if (status >= 300 && status < 400) {
          throw failure(method, shown, status, "HTTP " + status + " redirect to "
              + clean(String.valueOf(r.header("location")), 100) + "; plangate does not follow"
              + " redirects, so the token goes nowhere but CI_API_V4_URL");
        }
        String message = message(r.body());
        why = "HTTP " + status + (message == null ? "" : ": " + message) + hint(status);
        retryable = status == 429 || status >= 500 && !method.equals("POST");
        Duration after = retryAfter(r.header("retry-after"));
        if (after != null) {
          wait = after;
        }
        if (status >= 500 && method.equals("POST")) {
          why += " (not retried: the note may have been written)";
        }
      } catch (IOException e) {
        why = "cannot reach " + base.getScheme() + "://" + base.getHost()
            + (base.getPort() >= 0 ? ":" + base.getPort() : "") + ": "
            + (e instanceof HttpTimeoutException ? "no answer in time"
                : clean(String.valueOf(e.getMessage() == null ? e.getClass().getSimpleName()
                    : e.getMessage()), 120));
        retryable = !method.equals("POST");
      }
      if (!retryable || attempt >= retry.maxAttempts()) {
        throw failure(method, shown, status, why + (attempt > 1 ? " (after " + attempt
            + " attempts)" : ""));
      }
      if (wait.toMillis() > budget[0]) {
        throw failure(method, shown, status, why + " (the next retry would be in "
            + wait.toSeconds() + " s, more than the retry budget left)");
      }
      retry.log().accept(scrub(method + " " + shown + ": " + why + "; retrying in "
          + wait.toMillis() + " ms (attempt " + (attempt + 1) + " of " + retry.maxAttempts()
          + ")"));
      try {
        retry.sleeper().sleep(wait);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw failure(method, shown, status, why + " (interrupted)");
      }
      budget[0] -= wait.toMillis();
    }
  }

  private Response exchange(String method, URI uri, byte[] body)
      throws IOException, GitLabApiException {
    HttpRequest.Builder b = HttpRequest.newBuilder(uri).timeout(limits.requestTimeout())
        .header("Accept", "application/json").header("User-Agent", "plangate");
    if (token != null) {
      b.header("PRIVATE-TOKEN", token);
    }
    if (body != null) {
      b.header("Content-Type", "application/json; charset=utf-8")
          .method(method, HttpRequest.BodyPublishers.ofByteArray(body));
    } else {
      b.method(method, HttpRequest.BodyPublishers.noBody());
    }
    HttpResponse<InputStream> response;
    try {
      response = http.send(b.build(), HttpResponse.BodyHandlers.ofInputStream());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw failure(method, display(uri), 0, "interrupted");
    }
    try (InputStream in = response.body()) {
      long max = limits.maxBodyBytes();
      byte[] bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 16, max + 1));
      if (bytes.length > max) {
        throw failure(method, display(uri), response.statusCode(), "the answer is larger than "
            + max + " bytes, more than plangate reads");
      }
      return new Response(response.statusCode(), response.headers(), bytes);
    }
  }

  private Optional<URI> next(Response r, URI current, String path) throws GitLabApiException {
    String link = r.header("link");
    String target = null;
    if (link != null) {
      Matcher m = NEXT_LINK.matcher(link);
      if (m.find()) {
        target = m.group(1);
      }
    }
    if (target == null) {
      String page = r.header("x-next-page");
      if (page == null || page.isBlank()) {
        return Optional.empty();
      }
      if (!page.strip().matches("[1-9][0-9]{0,8}")) {
        throw failure("GET", path, r.status(), "X-Next-Page is not a page number: "
            + clean(page, 40));
      }
      String q = current.getRawQuery() == null ? "" : current.getRawQuery()
          .replaceAll("(^|&)page=[^&]*", "");
      q = (q.startsWith("&") ? q.substring(1) : q);
      target = current.getRawPath() + "?" + (q.isEmpty() ? "" : q + "&") + "page=" + page.strip();
    }
    URI next;
    try {
      next = current.resolve(new URI(target.strip()));
    } catch (URISyntaxException | IllegalArgumentException e) {
      throw failure("GET", path, r.status(), "the next-page link is not a URL: "
          + clean(target, 100));
    }
    if (!sameOrigin(next)) {
      throw failure("GET", path, r.status(), "refusing to follow a next-page link to "
          + clean(next.getScheme() + "://" + next.getHost() + ":" + next.getPort(), 100)
          + ": the token is only sent to CI_API_V4_URL");
    }
    return Optional.of(next);
  }

  private boolean sameOrigin(URI u) {
    return u.getScheme() != null && u.getHost() != null
        && u.getScheme().equalsIgnoreCase(base.getScheme())
        && u.getHost().equalsIgnoreCase(base.getHost()) && port(u) == port(base);
  }

  private static int port(URI u) {
    return u.getPort() >= 0 ? u.getPort() : "https".equalsIgnoreCase(u.getScheme()) ? 443 : 80;
  }

  private URI resolve(String path) {
    if (path == null || !path.startsWith("/") || path.startsWith("//")) {
      throw new IllegalArgumentException("an API path starts with a single /, was " + path);
    }
    try {
      return new URI(base + path);
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("not a valid API path: " + path);
    }
  }

  private String display(URI u) {
    String p = Objects.requireNonNullElse(u.getRawPath(), "");
    String bp = Objects.requireNonNullElse(base.getRawPath(), "");
    if (!bp.isEmpty() && p.startsWith(bp + "/")) {
      p = p.substring(bp.length());
    }
    return clean(p + (u.getRawQuery() == null ? "" : "?" + u.getRawQuery()), 200);
  }

  private JsonNode parse(String method, String path, Response r) throws GitLabApiException {
    if (r.body().length == 0) {
      return MissingNode.getInstance();
    }
    try {
      JsonNode n = MAPPER.readTree(r.body());
      return n == null ? MissingNode.getInstance() : n;
    } catch (JsonProcessingException e) {
      throw failure(method, path, r.status(), "the answer is not valid JSON: "
          + clean(String.valueOf(e.getOriginalMessage()).lines().findFirst().orElse(""), 120));
    } catch (IOException e) {
      throw failure(method, path, r.status(), "the answer cannot be read: " + e.getMessage());
    }
  }

  /** GitLab's {@code message} or {@code error} field, one line, or null. */
  private static String message(byte[] body) {
    try {
      JsonNode n = new ObjectMapper().readTree(body);
      JsonNode m = n == null ? null : n.has("message") ? n.get("message") : n.get("error");
      return m == null ? null : clean(m.isTextual() ? m.asText() : m.toString(), 200);
    } catch (IOException e) {
      return null;
    }
  }

  private String hint(int status) {
    if (status == 401) {
      return token == null ? " (no token was sent: set PLANGATE_GITLAB_TOKEN)"
          : " (is PLANGATE_GITLAB_TOKEN valid and unexpired?)";
    }
    if (status == 403) {
      return " (the token needs the read_api scope, and api to write the note)";
    }
    if (status == 404) {
      return " (it does not exist, or the token cannot see it)";
    }
    return "";
  }

  private static Duration retryAfter(String v) {
    if (v == null) {
      return null;
    }
    try {
      long s = Long.parseLong(v.strip());
      return s < 0 ? null : Duration.ofSeconds(Math.min(s, 3600));
    } catch (NumberFormatException e) {
      return null;
    }
  }

  private static byte[] bytes(JsonNode body) {
    try {
      return MAPPER.writeValueAsBytes(body);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("cannot write JSON", e);
    }
  }

  private GitLabApiException failure(String method, String path, int status, String why) {
    return new GitLabApiException(status, scrub("GitLab API " + method + " "
        + (path.startsWith("/") ? clean(path, 200) : path) + " failed: " + why));
  }

  private String scrub(String s) {
    return token == null || token.length() < 4 ? s : s.replace(token, "***");
  }

  /** Control characters out, at most {@code max} characters: text from the network is shown. */
  static String clean(String s, int max) {
    String c = s == null ? "" : s.replaceAll("[\\p{Cntrl}\\u2028\\u2029\\u202A-\\u202E]", " ");
    return c.length() > max ? c.substring(0, max) + "…" : c;
  }
}
