package dev.plangate.platform;

import java.util.Optional;

/**
 * The {@code rel="next"} target of an RFC 8288 {@code Link} header, as GitHub sends it:
 * {@code <https://api.github.com/…&page=2>; rel="next", <…&page=5>; rel="last"}. The URL is
 * returned as written; whether it may be followed is the caller's decision.
 */
public final class LinkHeader {
  private LinkHeader() {}

  public static Optional<String> next(String header) {
    if (header == null) {
      return Optional.empty();
    }
    int i = 0;
    int n = header.length();
    while (i < n) {
      int open = header.indexOf('<', i);
      if (open < 0) {
        break;
      }
      int close = header.indexOf('>', open + 1);
      if (close < 0) {
        break;
      }
      String target = header.substring(open + 1, close).trim();
      // Parameters run to the next link value, i.e. the next ',' that is followed by '<'.
      int end = close + 1;
      boolean quoted = false;
      while (end < n) {
        char c = header.charAt(end);
        if (c == '"') {
          quoted = !quoted;
        } else if (c == ',' && !quoted) {
          break;
        }
        end++;
      }
      if (hasRelNext(header.substring(close + 1, end))) {
        return Optional.of(target);
      }
      i = end + 1;
    }
    return Optional.empty();
  }

  /** Whether link parameters like {@code ; rel="next"} or {@code ;rel=next} name "next". */
  private static boolean hasRelNext(String params) {
    for (String param : params.split(";")) {
      int eq = param.indexOf('=');
      if (eq < 0 || !param.substring(0, eq).trim().equalsIgnoreCase("rel")) {
        continue;
      }
      String value = param.substring(eq + 1).trim();
      if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
        value = value.substring(1, value.length() - 1);
      }
      // rel may hold several space-separated relation types.
      for (String rel : value.trim().split("\\s+")) {
        if (rel.equalsIgnoreCase("next")) {
          return true;
        }
      }
    }
    return false;
  }
}
