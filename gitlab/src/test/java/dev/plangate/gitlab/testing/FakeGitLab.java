package dev.plangate.gitlab.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A fake GitLab REST API v4 on 127.0.0.1 and an ephemeral port, under {@code /api/v4} like
 * gitlab.com. Routes match method and path (the query is ignored, except {@code page});
 * list routes are served in pages with GitLab's {@code X-Next-Page}, {@code X-Page},
 * {@code X-Total} and {@code Link} headers. Merge-request notes are stateful (GET, POST, PUT).
 * Anything else is GitLab's {@code 404 {"message":"404 Not Found"}}.
 */
public final class FakeGitLab implements AutoCloseable {
  static final ObjectMapper JSON = new ObjectMapper();

  /** One canned answer. */
  public record Answer(int status, String body, Map<String, String> headers) {
    public static Answer json(JsonNode n) {
      return new Answer(200, n.toString(), Map.of());
    }

    public static Answer status(int status, String body) {
      return new Answer(status, body, Map.of());
    }
  }

  /** A request as it arrived. */
  public record Request(String method, String path, String query, String token, String body) {}

  private final HttpServer server;
  private final ExecutorService executor;
  private final Map<String, Deque<Answer>> routes = new ConcurrentHashMap<>();
  private final Map<String, List<JsonNode>> lists = new ConcurrentHashMap<>();
  private final Map<String, Integer> pageSizes = new ConcurrentHashMap<>();
  private final List<Request> requests = new CopyOnWriteArrayList<>();
  private final Map<String, List<ObjectNode>> notes = new ConcurrentHashMap<>();
  private final AtomicLong noteIds = new AtomicLong(5000);
  private volatile JsonNode self;

  private FakeGitLab() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    executor = Executors.newFixedThreadPool(4, r -> {
      Thread t = new Thread(r, "fake-gitlab");
      t.setDaemon(true);
      return t;
    });
    server.setExecutor(executor);
    server.createContext("/", this::serve);
    server.start();
  }

  public static FakeGitLab start() {
    try {
      return new FakeGitLab();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** What {@code CI_API_V4_URL} would be. */
  public String apiUrl() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/api/v4";
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }

  /** GET {@code path} answers these in turn; the last one repeats. */
  public FakeGitLab on(String method, String path, Answer... answers) {
    routes.put(method + " " + path, new ArrayDeque<>(List.of(answers)));
    return this;
  }

  public FakeGitLab onGet(String path, JsonNode body) {
    return on("GET", path, Answer.json(body));
  }

  /** GET {@code path} serves {@code items} in pages of {@code pageSize}. */
  public FakeGitLab list(String path, List<? extends JsonNode> items, int pageSize) {
    lists.put(path, List.copyOf(items));
    pageSizes.put(path, pageSize);
    return this;
  }

  /** The token's own user ({@code GET /user}), who writes the note. */
  public FakeGitLab self(JsonNode user) {
    self = user;
    return this;
  }

  /** The notes of a merge request, as stored. */
  public List<ObjectNode> notes(String project, long iid) {
    return notes.computeIfAbsent(project + "/" + iid, k -> new CopyOnWriteArrayList<>());
  }

  /** Adds a note written by {@code author}, e.g. a forged one. */
  public ObjectNode addNote(String project, long iid, JsonNode author, String body) {
    ObjectNode n = JSON.createObjectNode().put("id", noteIds.incrementAndGet())
        .put("body", body).put("system", false).put("created_at", "2026-05-01T10:00:00.000Z");
    n.set("author", author);
    notes(project, iid).add(n);
    return n;
  }

  public List<Request> requests() {
    return List.copyOf(requests);
  }

  private void serve(HttpExchange ex) throws IOException {
    try (ex) {
      String method = ex.getRequestMethod();
      String full = ex.getRequestURI().getRawPath();
      String query = ex.getRequestURI().getRawQuery();
      String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
      requests.add(new Request(method, full, query, ex.getRequestHeaders()
          .getFirst("PRIVATE-TOKEN"), body));
      if (!full.startsWith("/api/v4/")) {
        send(ex, Answer.status(404, "{\"message\":\"404 Not Found\"}"));
        return;
      }
      String path = full.substring("/api/v4".length());
      Deque<Answer> canned = routes.get(method + " " + path);
      if (canned != null) {
        Answer a = canned.size() > 1 ? canned.poll() : canned.peek();
        send(ex, a);
        return;
      }
      if (method.equals("GET") && lists.containsKey(path)) {
        page(ex, path, query);
        return;
      }
      if (path.equals("/user") && self != null && method.equals("GET")) {
        send(ex, Answer.json(self));
        return;
      }
      java.util.regex.Matcher m = java.util.regex.Pattern
          .compile("/projects/([^/]+)/merge_requests/(\\d+)/notes(?:/(\\d+))?").matcher(path);
      if (m.matches()) {
        notes(ex, method, m.group(1), Long.parseLong(m.group(2)), m.group(3), body);
        return;
      }
      send(ex, Answer.status(404, "{\"message\":\"404 Not Found\"}"));
    }
  }

  private void notes(HttpExchange ex, String method, String project, long iid, String id,
      String body) throws IOException {
    List<ObjectNode> list = notes(project, iid);
    if (method.equals("GET") && id == null) {
      ArrayNode a = JSON.createArrayNode();
      list.forEach(a::add);
      send(ex, Answer.json(a));
      return;
    }
    String text = JSON.readTree(body).path("body").asText();
    if (method.equals("POST") && id == null) {
      send(ex, new Answer(201, addNote(project, iid, self, text).toString(), Map.of()));
      return;
    }
    if (method.equals("PUT") && id != null) {
      for (ObjectNode n : list) {
        if (n.path("id").asText().equals(id)) {
          n.put("body", text);
          send(ex, Answer.json(n));
          return;
        }
      }
    }
    send(ex, Answer.status(404, "{\"message\":\"404 Not found\"}"));
  }

  private void page(HttpExchange ex, String path, String query) throws IOException {
    List<JsonNode> items = lists.get(path);
    int size = pageSizes.get(path);
    int page = 1;
    if (query != null) {
      for (String p : query.split("&")) {
        if (p.startsWith("page=")) {
          page = Integer.parseInt(p.substring(5));
        }
      }
    }
    int pages = Math.max(1, (items.size() + size - 1) / size);
    ArrayNode a = JSON.createArrayNode();
    items.subList(Math.min(items.size(), (page - 1) * size),
        Math.min(items.size(), page * size)).forEach(a::add);
    Map<String, String> headers = new java.util.HashMap<>(Map.of("X-Page",
        Integer.toString(page), "X-Per-Page", Integer.toString(size), "X-Total",
        Integer.toString(items.size()), "X-Total-Pages", Integer.toString(pages),
        "X-Next-Page", page < pages ? Integer.toString(page + 1) : ""));
    if (page < pages) {
      headers.put("Link", "<" + apiUrl() + path + "?page=" + (page + 1) + "&per_page=" + size
          + ">; rel=\"next\"");
    }
    send(ex, new Answer(200, a.toString(), headers));
  }

  private static void send(HttpExchange ex, Answer a) throws IOException {
    byte[] bytes = a.body().getBytes(StandardCharsets.UTF_8);
    ex.getResponseHeaders().add("Content-Type", "application/json");
    a.headers().forEach((k, v) -> ex.getResponseHeaders().add(k, v));
    ex.sendResponseHeaders(a.status(), bytes.length == 0 ? -1 : bytes.length);
    if (bytes.length > 0) {
      try (OutputStream out = ex.getResponseBody()) {
        out.write(bytes);
      }
    }
  }

  /** Unused helper kept for symmetry with FakeGitHub: all requests to a path. */
  public List<Request> requests(String method, String path) {
    List<Request> out = new ArrayList<>();
    for (Request r : requests) {
      if (r.method().equals(method) && r.path().equals("/api/v4" + path)) {
        out.add(r);
      }
    }
    return out;
  }
}
