package dev.plangate.github.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A request the fake server received.
 *
 * @param method GET, POST, PATCH, …
 * @param path the raw path without the server's base path: {@code /repos/acme/infra/pulls/42}
 * @param query the raw query without {@code ?}, or null
 * @param headers header names in lower case
 * @param body the body as UTF-8 text, empty when none
 */
public record RecordedRequest(String method, String path, String query,
    Map<String, List<String>> headers, String body) {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  /** The first value of a header (any case), or null. */
  public String header(String name) {
    List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
    return values == null || values.isEmpty() ? null : values.get(0);
  }

  /** The Authorization header, or null. */
  public String authorization() {
    return header("authorization");
  }

  /** The decoded value of a query parameter, or null. */
  public String queryParam(String name) {
    List<String> values = queryParams(name);
    return values.isEmpty() ? null : values.get(0);
  }

  /** Every decoded value of a query parameter. */
  public List<String> queryParams(String name) {
    List<String> values = new ArrayList<>();
    if (query == null || query.isEmpty()) {
      return values;
    }
    for (String pair : query.split("&")) {
      int eq = pair.indexOf('=');
      String key = decode(eq < 0 ? pair : pair.substring(0, eq));
      if (key.equals(name)) {
        values.add(eq < 0 ? "" : decode(pair.substring(eq + 1)));
      }
    }
    return values;
  }

  /** {@code path?query}, or the path when there is no query. */
  public String pathAndQuery() {
    return query == null ? path : path + "?" + query;
  }

  /** The body parsed as JSON. */
  public JsonNode json() {
    try {
      return MAPPER.readTree(body);
    } catch (IOException e) {
      throw new UncheckedIOException("request body is not JSON: " + body, e);
    }
  }

  static String decode(String s) {
    return URLDecoder.decode(s, StandardCharsets.UTF_8);
  }

  @Override
  public String toString() {
    return method + " " + pathAndQuery();
  }
}
