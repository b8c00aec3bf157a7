package dev.plangate.github;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.Map;

/** The words of API failures: GitHub's error message, reason phrases, hints and durations. */
final class ApiText {
  private ApiText() {}

  /** How much of GitHub's message a failure quotes. */
  static final int MAX_MESSAGE_CHARS = 200;

  private static final Map<Integer, String> REASONS = Map.ofEntries(
      Map.entry(400, "Bad Request"), Map.entry(401, "Unauthorized"), Map.entry(403, "Forbidden"),
      Map.entry(404, "Not Found"), Map.entry(405, "Method Not Allowed"),
      Map.entry(409, "Conflict"), Map.entry(410, "Gone"), Map.entry(413, "Payload Too Large"),
      Map.entry(422, "Unprocessable Entity"), Map.entry(429, "Too Many Requests"),
      Map.entry(500, "Internal Server Error"), Map.entry(502, "Bad Gateway"),
      Map.entry(503, "Service Unavailable"), Map.entry(504, "Gateway Timeout"));

  /** "Bad Gateway" for 502; empty for a code without a well-known phrase. */
  static String reason(int status) {
    return REASONS.getOrDefault(status, "");
  }

  /**
   * Text from the server made safe for a one-line message: control and format characters
   * (line breaks, escapes, bidi overrides, zero-width characters) become spaces, runs of spaces
   * one, and the result is cut to {@code max} characters, never inside a surrogate pair.
   */
  static String clean(String s, int max) {
    StringBuilder b = new StringBuilder(Math.min(s.length(), max + 1));
    boolean space = false;
    for (int i = 0; i < s.length() && b.length() <= max; ) {
      int cp = s.codePointAt(i);
      i += Character.charCount(cp);
      int type = Character.getType(cp);
      boolean blank = Character.isWhitespace(cp) || type == Character.CONTROL
          || type == Character.FORMAT || type == Character.LINE_SEPARATOR
          || type == Character.PARAGRAPH_SEPARATOR;
      if (blank) {
        space = b.length() > 0;
        continue;
      }
      if (space) {
        b.append(' ');
        space = false;
      }
      b.appendCodePoint(cp);
    }
    if (b.length() > max) {
      int cut = max - 1; // room for the ellipsis
      if (cut > 0 && Character.isHighSurrogate(b.charAt(cut - 1))) {
        cut--;
      }
      b.setLength(cut);
      b.append('…');
    }
    return b.toString();
  }

  /**
   * GitHub's {@code message} from an error body, with the first entry of {@code errors} when
   * there is one ("Validation Failed: body is too long (maximum is 65536 characters)"); null when
   * the body is not a JSON object with a message (an HTML page from a proxy, say).
   */
  static String githubMessage(ObjectMapper mapper, byte[] body) {
    if (body.length == 0 || body.length > 1 << 20) {
      return null;
    }
    JsonNode root;
    try {
      root = mapper.readTree(body);
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
    String cleaned = clean(joined, MAX_MESSAGE_CHARS);
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

  /** "45 s", "3 min 20 s", "2 h 5 min": how long to wait, for people. */
  static String duration(Duration d) {
    long s = Math.max(0, (d.toMillis() + 999) / 1000);
    if (s < 120) {
      return s + " s";
    }
    if (s < 3600) {
      return (s / 60) + " min" + (s % 60 == 0 ? "" : " " + (s % 60) + " s");
    }
    return (s / 3600) + " h" + ((s % 3600) / 60 == 0 ? "" : " " + (s % 3600) / 60 + " min");
  }
}
