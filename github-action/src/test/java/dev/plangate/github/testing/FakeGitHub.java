package dev.plangate.github.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.plangate.github.testing.GitHubFixtures.Account;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A fake GitHub REST API on 127.0.0.1 and an ephemeral port, for tests of the API client, the
 * approval logic and the cli end to end.
 *
 * <pre>{@code
 * try (FakeGitHub github = FakeGitHub.start()) {
 *   github.on("GET", "/repos/acme/infra/pulls/42").answer(Answer.badGateway(), Answer.json(pr));
 *   github.paged("/repos/acme/infra/issues/42/timeline", timeline, 2);
 *   GitHubApi api = new GitHubApi(github.baseUrl(), "token", time.retryPolicy());
 *   ...
 *   assertThat(github.requests()).hasSize(4);
 * }
 * }</pre>
 *
 * <p><b>Routes</b> match a method and a path exactly. A route registered with a query matches
 * requests that carry at least those parameters with those values (in any order, others
 * allowed); one registered without a query matches any query. The most specific route wins (most
 * parameters, then the latest registered), so a test can override a general route.
 *
 * <p><b>Built in</b>, after the routes: a stateful comment store ({@link #comments()}) serving
 * GET/POST {@code /repos/{o}/{r}/issues/{n}/comments} and GET/PATCH/DELETE
 * {@code /repos/{o}/{r}/issues/comments/{id}}; everything else is GitHub's 404
 * {@code {"message":"Not Found","documentation_url":"https://docs.github.com/rest"}}.
 *
 * <p>Every request is recorded, headers and body included. Answers carry GitHub's usual headers
 * ({@code content-type}, {@code x-ratelimit-*}, {@code x-github-request-id}, …) unless the
 * answer sets them.
 */
public final class FakeGitHub implements AutoCloseable {
  private final HttpServer server;
  private final ExecutorService executor;
  private final String basePath;
  private final List<Route> routes = new CopyOnWriteArrayList<>();
  private final List<RecordedRequest> requests = new CopyOnWriteArrayList<>();
  private final Comments comments = new Comments();
  private volatile String requiredToken;

  private FakeGitHub(String basePath) throws IOException {
    this.basePath = basePath;
    this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    this.executor = Executors.newFixedThreadPool(4, r -> {
      Thread t = new Thread(r, "fake-github");
      t.setDaemon(true);
      return t;
    });
    server.setExecutor(executor);
    server.createContext("/", this::serve);
    server.start();
  }

  /** A server at {@code http://127.0.0.1:PORT}, like api.github.com. */
  public static FakeGitHub start() {
    return start("");
  }

  /** A server under a base path, e.g. {@code /api/v3} like GitHub Enterprise Server. */
  public static FakeGitHub start(String basePath) {
    try {
      return new FakeGitHub(basePath.endsWith("/")
          ? basePath.substring(0, basePath.length() - 1) : basePath);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start the fake GitHub server", e);
    }
  }

  /** {@code http://127.0.0.1:PORT[/basePath]}: what {@code GITHUB_API_URL} would be. */
  public String baseUrl() {
    return "http://127.0.0.1:" + port() + basePath;
  }

  public int port() {
    return server.getAddress().getPort();
  }

  /** Stops the server; later connections are refused. */
  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }

  // ---- routes --------------------------------------------------------------------------------

  /** A route for {@code method} and {@code pathAndQuery} (relative to the base path). */
  public Route on(String method, String pathAndQuery) {
    Route r = new Route(method.toUpperCase(Locale.ROOT), pathAndQuery);
    routes.add(r);
    return r;
  }

  /** GET {@code path} answers {@code json} (200). */
  public Route onGet(String path, JsonNode json) {
    return on("GET", path).answer(Answer.json(json));
  }

  /**
   * GET {@code path} serves {@code items} as pages of {@code pageSize} JSON arrays, honouring
   * {@code page} and ignoring {@code per_page}, with GitHub's {@code Link} header
   * ({@code prev}, {@code next}, {@code last}, {@code first}); the links keep the request's other
   * query parameters.
   */
  public Route paged(String path, List<? extends JsonNode> items, int pageSize) {
    return paged(path, null, items, pageSize);
  }

  /**
   * Like {@link #paged(String, List, int)} for list endpoints whose pages are objects:
   * {@code {"total_count": N, itemsField: [...]}}, e.g. {@code workflow_runs}.
   */
  public Route paged(String path, String itemsField, List<? extends JsonNode> items,
      int pageSize) {
    List<JsonNode> copy = List.copyOf(items);
    return on("GET", path).handle(req -> page(req, copy, pageSize, itemsField));
  }

  /**
   * Requests without {@code Authorization: Bearer <token>} get GitHub's 401
   * {@code Bad credentials}; null turns the check off (the default).
   */
  public FakeGitHub requireToken(String token) {
    this.requiredToken = token;
    return this;
  }

  /** A registered route: a sequence of answers or a handler. */
  public final class Route {
    private final String method;
    private final String path;
    private final Map<String, String> params = new LinkedHashMap<>();
    private List<Answer> answers = List.of(Answer.empty(200));
    private Function<RecordedRequest, Answer> handler;
    private int served;

    private Route(String method, String pathAndQuery) {
      this.method = method;
      int q = pathAndQuery.indexOf('?');
      this.path = q < 0 ? pathAndQuery : pathAndQuery.substring(0, q);
      if (q >= 0) {
        for (String pair : pathAndQuery.substring(q + 1).split("&")) {
          int eq = pair.indexOf('=');
          params.put(RecordedRequest.decode(eq < 0 ? pair : pair.substring(0, eq)),
              eq < 0 ? "" : RecordedRequest.decode(pair.substring(eq + 1)));
        }
      }
    }

    /** Answers in turn, one per request; the last one repeats. */
    public synchronized Route answer(Answer... sequence) {
      if (sequence.length == 0) {
        throw new IllegalArgumentException("at least one answer");
      }
      this.answers = List.of(sequence);
      this.handler = null;
      return this;
    }

    /** 200 with {@code json}. */
    public Route json(JsonNode json) {
      return answer(Answer.json(json));
    }

    /** Computes each answer from the request. */
    public synchronized Route handle(Function<RecordedRequest, Answer> h) {
      this.handler = h;
      return this;
    }

    /** How many requests this route answered. */
    public synchronized int served() {
      return served;
    }

    private boolean matches(RecordedRequest req) {
      if (!method.equals(req.method()) || !path.equals(req.path())) {
        return false;
      }
      for (Map.Entry<String, String> p : params.entrySet()) {
        if (!req.queryParams(p.getKey()).contains(p.getValue())) {
          return false;
        }
      }
      return true;
    }

    private synchronized Answer next(RecordedRequest req) {
      int i = served++;
      return handler != null ? handler.apply(req) : answers.get(Math.min(i, answers.size() - 1));
    }
  }

  // ---- recorded requests ---------------------------------------------------------------------

  /** Every request so far, in order of arrival. */
  public List<RecordedRequest> requests() {
    return List.copyOf(requests);
  }

  /** The requests with {@code method} whose path starts with {@code pathPrefix}. */
  public List<RecordedRequest> requests(String method, String pathPrefix) {
    return requests.stream()
        .filter(r -> r.method().equalsIgnoreCase(method) && r.path().startsWith(pathPrefix))
        .toList();
  }

  /** The last request; fails when there was none. */
  public RecordedRequest lastRequest() {
    if (requests.isEmpty()) {
      throw new IllegalStateException("no request was received");
    }
    return requests.get(requests.size() - 1);
  }

  /** The comment store. */
  public Comments comments() {
    return comments;
  }

  // ---- serving -------------------------------------------------------------------------------

  private void serve(HttpExchange exchange) throws IOException {
    RecordedRequest req;
    boolean inside;
    try (InputStream in = exchange.getRequestBody()) {
      String body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      Map<String, List<String>> headers = new LinkedHashMap<>();
      exchange.getRequestHeaders().forEach((k, v) ->
          headers.put(k.toLowerCase(Locale.ROOT), List.copyOf(v)));
      String rawPath = exchange.getRequestURI().getRawPath();
      inside = basePath.isEmpty() || rawPath.startsWith(basePath + "/");
      String path = inside ? rawPath.substring(basePath.length()) : rawPath;
      req = new RecordedRequest(exchange.getRequestMethod().toUpperCase(Locale.ROOT), path,
          exchange.getRequestURI().getRawQuery(), Map.copyOf(headers), body);
    }
    requests.add(req);
    Answer a = inside ? answerFor(req) : Answer.notFound();
    if (a.delay().compareTo(Duration.ZERO) > 0) {
      try {
        Thread.sleep(a.delay().toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        exchange.close();
        return;
      }
    }
    if (a.dropConnection()) {
      // An exception out of the handler makes the JDK server drop the connection unanswered.
      throw new IOException("fake GitHub: dropping the connection as scripted");
    }
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("Content-Type", "application/json; charset=utf-8");
    headers.put("X-GitHub-Api-Version-Selected", "2022-11-28");
    headers.put("X-GitHub-Media-Type", "github.v3; format=json");
    headers.put("X-GitHub-Request-Id", "0400:1F3A:2B4C5D:3E5F60:" + Integer.toHexString(
        requests.size()).toUpperCase(Locale.ROOT));
    headers.put("X-RateLimit-Limit", "1000");
    headers.put("X-RateLimit-Remaining", Integer.toString(Math.max(1, 1000 - requests.size())));
    headers.put("X-RateLimit-Reset", Long.toString(Instant.now().getEpochSecond() + 3600));
    headers.put("X-RateLimit-Used", Integer.toString(Math.min(999, requests.size())));
    headers.put("X-RateLimit-Resource", "core");
    for (Map.Entry<String, String> h : a.headers().entrySet()) {
      headers.keySet().removeIf(k -> k.equalsIgnoreCase(h.getKey()));
      headers.put(h.getKey(), h.getValue());
    }
    headers.forEach((k, v) -> exchange.getResponseHeaders().add(k, v));
    byte[] body = a.body();
    boolean noBody = body.length == 0 || a.status() == 204 || a.status() == 304
        || req.method().equals("HEAD");
    exchange.sendResponseHeaders(a.status(), noBody ? -1 : body.length);
    if (!noBody) {
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    }
    exchange.close();
  }

  private Answer answerFor(RecordedRequest req) {
    String token = requiredToken;
    if (token != null && !("Bearer " + token).equals(req.authorization())) {
      return Answer.error(401, "Bad credentials");
    }
    Route best = null;
    for (Route r : routes) {
      if (r.matches(req) && (best == null || r.params.size() >= best.params.size())) {
        best = r;
      }
    }
    if (best != null) {
      return best.next(req);
    }
    return comments.serve(req).orElseGet(Answer::notFound);
  }

  /**
   * One page of {@code items} for the request's {@code page} (default 1) with GitHub's Link
   * header. Public so custom handlers can page too.
   */
  public Answer page(RecordedRequest req, List<JsonNode> items, int pageSize, String itemsField) {
    int page;
    try {
      page = Math.max(1, Integer.parseInt(Optional.ofNullable(req.queryParam("page"))
          .orElse("1")));
    } catch (NumberFormatException e) {
      page = 1;
    }
    int last = Math.max(1, (items.size() + pageSize - 1) / pageSize);
    int from = Math.min(items.size(), (page - 1) * pageSize);
    int to = Math.min(items.size(), from + pageSize);
    ArrayNode array = Answer.MAPPER.createArrayNode();
    items.subList(from, to).forEach(array::add);
    JsonNode body = array;
    if (itemsField != null) {
      ObjectNode o = Answer.MAPPER.createObjectNode().put("total_count", items.size());
      o.set(itemsField, array);
      body = o;
    }
    Answer a = Answer.json(body);
    List<String> links = new ArrayList<>();
    if (page > 1 && page <= last) {
      links.add(link(req, page - 1, "prev"));
    }
    if (page < last) {
      links.add(link(req, page + 1, "next"));
      links.add(link(req, last, "last"));
    }
    if (page > 1 && page <= last) {
      links.add(link(req, 1, "first"));
    }
    return links.isEmpty() ? a : a.withHeader("Link", String.join(", ", links));
  }

  private String link(RecordedRequest req, int page, String rel) {
    StringBuilder q = new StringBuilder();
    if (req.query() != null) {
      for (String pair : req.query().split("&")) {
        if (!pair.isEmpty() && !pair.equals("page") && !pair.startsWith("page=")) {
          q.append(q.length() == 0 ? "" : "&").append(pair);
        }
      }
    }
    q.append(q.length() == 0 ? "" : "&").append("page=").append(page);
    return "<" + baseUrl() + req.path() + "?" + q + ">; rel=\"" + rel + "\"";
  }

  // ---- comments ------------------------------------------------------------------------------

  /**
   * Issue comments that really get created, listed, updated and deleted. New comments are
   * written by {@link #author()} ({@code github-actions[bot]} unless changed), with
   * {@code created_at}/{@code updated_at} one minute apart from 2026-05-01T14:00:00Z. GitHub's
   * limit of 65536 characters per body gives 422 as GitHub does.
   */
  public final class Comments {
    private static final Pattern LIST =
        Pattern.compile("/repos/([^/]+)/([^/]+)/issues/(\\d+)/comments");
    private static final Pattern ONE =
        Pattern.compile("/repos/([^/]+)/([^/]+)/issues/comments/(\\d+)");
    /** GitHub's maximum comment body, in characters. */
    public static final int MAX_BODY_CHARS = 65536;

    private final Map<Long, ObjectNode> byId = new LinkedHashMap<>();
    private Account author = GitHubFixtures.GITHUB_ACTIONS;
    private long nextId = 2_000_000_001L;
    private Instant clock = Instant.parse("2026-05-01T14:00:00Z");

    private Comments() {}

    /** The account new comments are written by (whose token the client "uses"). */
    public synchronized Comments author(Account a) {
      this.author = a;
      return this;
    }

    public synchronized Account author() {
      return author;
    }

    /** Adds a comment by {@code by} to issue or PR {@code number} of {@code repo}. */
    public synchronized ObjectNode seed(String repo, int number, Account by, String body) {
      return create(repo, number, by, body).deepCopy();
    }

    /** The comments of issue or PR {@code number}, oldest first (copies). */
    public synchronized List<ObjectNode> list(String repo, int number) {
      String issueUrl = issueUrl(repo, number);
      return byId.values().stream()
          .filter(c -> c.get("issue_url").asText().equals(issueUrl))
          .map(ObjectNode::deepCopy)
          .toList();
    }

    /** One comment by id (a copy). */
    public synchronized Optional<ObjectNode> get(long id) {
      return Optional.ofNullable(byId.get(id)).map(ObjectNode::deepCopy);
    }

    private ObjectNode create(String repo, int number, Account by, String body) {
      long id = nextId++;
      String when = tick();
      String api = "https://api.github.com/repos/" + repo;
      ObjectNode c = Answer.MAPPER.createObjectNode()
          .put("url", api + "/issues/comments/" + id)
          .put("html_url", "https://github.com/" + repo + "/pull/" + number + "#issuecomment-"
              + id)
          .put("issue_url", issueUrl(repo, number))
          .put("id", id)
          .put("node_id", "IC_kwDOAAAAB85" + Long.toString(id, 36).toUpperCase(Locale.ROOT));
      c.set("user", by.json());
      c.put("created_at", when)
          .put("updated_at", when)
          .put("author_association", by.type().equals("Bot") ? "NONE" : "MEMBER")
          .put("body", body);
      ObjectNode reactions = c.putObject("reactions")
          .put("url", api + "/issues/comments/" + id + "/reactions")
          .put("total_count", 0);
      for (String r : List.of("+1", "-1", "laugh", "hooray", "confused", "heart", "rocket",
          "eyes")) {
        reactions.put(r, 0);
      }
      c.putNull("performed_via_github_app");
      byId.put(id, c);
      return c;
    }

    private synchronized Optional<Answer> serve(RecordedRequest req) {
      Matcher list = LIST.matcher(req.path());
      if (list.matches()) {
        String repo = list.group(1) + "/" + list.group(2);
        int number = Integer.parseInt(list.group(3));
        if (req.method().equals("GET")) {
          int perPage = 30;
          try {
            perPage = Math.max(1, Math.min(100, Integer.parseInt(
                Optional.ofNullable(req.queryParam("per_page")).orElse("30"))));
          } catch (NumberFormatException ignored) {
            // GitHub falls back to the default too.
          }
          return Optional.of(page(req, new ArrayList<>(list(repo, number)), perPage, null));
        }
        if (req.method().equals("POST")) {
          Optional<Answer> invalid = invalidBody(req);
          if (invalid.isPresent()) {
            return invalid;
          }
          return Optional.of(Answer.json(201, create(repo, number, author,
              req.json().get("body").asText())));
        }
        return Optional.of(Answer.error(404, "Not Found"));
      }
      Matcher one = ONE.matcher(req.path());
      if (one.matches()) {
        ObjectNode c = byId.get(Long.parseLong(one.group(3)));
        if (c == null) {
          return Optional.of(Answer.notFound());
        }
        switch (req.method()) {
          case "GET":
            return Optional.of(Answer.json(c));
          case "PATCH": {
            Optional<Answer> invalid = invalidBody(req);
            if (invalid.isPresent()) {
              return invalid;
            }
            c.put("body", req.json().get("body").asText()).put("updated_at", tick());
            return Optional.of(Answer.json(c));
          }
          case "DELETE":
            byId.remove(c.get("id").asLong());
            return Optional.of(Answer.empty(204));
          default:
            return Optional.of(Answer.notFound());
        }
      }
      return Optional.empty();
    }

    private Optional<Answer> invalidBody(RecordedRequest req) {
      JsonNode json;
      try {
        json = req.json();
      } catch (UncheckedIOException e) {
        return Optional.of(Answer.error(400, "Problems parsing JSON"));
      }
      if (json == null || !json.path("body").isTextual()) {
        return Optional.of(Answer.error(422, "Invalid request.\n\n\"body\" wasn't supplied."));
      }
      if (json.get("body").asText().length() > MAX_BODY_CHARS) {
        ObjectNode e = Answer.MAPPER.createObjectNode()
            .put("message", "Validation Failed")
            .put("documentation_url", Answer.DOCS)
            .put("status", "422");
        e.putArray("errors").addObject()
            .put("resource", "IssueComment")
            .put("code", "custom")
            .put("field", "body")
            .put("message", "body is too long (maximum is 65536 characters)");
        return Optional.of(Answer.json(422, e));
      }
      return Optional.empty();
    }

    private String tick() {
      String s = clock.toString();
      clock = clock.plusSeconds(60);
      return s;
    }

    private String issueUrl(String repo, int number) {
      return "https://api.github.com/repos/" + repo + "/issues/" + number;
    }
  }
}
