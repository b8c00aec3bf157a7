package dev.plangate.gitlab;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.plangate.core.report.MarkdownReportRenderer;
import dev.plangate.platform.ApiException;
import java.util.Optional;

/**
 * The one merge-request note plangate keeps up to date, found by its hidden marker <em>and</em>
 * its author (the token's own user): anyone can write a note containing the marker, and a note
 * by anyone else is never taken for plangate's, nor its seal believed.
 */
public record StickyNote(long id, String body) {
  /** GitLab refuses notes longer than 1,000,000 characters; stay far below. */
  public static final int MAX_CHARS = 200_000;

  static Optional<StickyNote> find(GitLabApi api, String mrPrefix, long authorId)
      throws ApiException {
    StickyNote found = null;
    for (JsonNode n : api.getAll(mrPrefix + "/notes?sort=asc&order_by=created_at")) {
      String body = n.path("body").asText("");
      if (!n.path("system").asBoolean(false) && body.startsWith(MarkdownReportRenderer.MARKER)
          && n.path("author").path("id").asLong(-1) == authorId) {
        found = new StickyNote(n.path("id").asLong(), body);
      }
    }
    return Optional.ofNullable(found);
  }

  static void write(GitLabApi api, String mrPrefix, Optional<StickyNote> existing, String body)
      throws ApiException {
    JsonNode payload = JsonNodeFactory.instance.objectNode().put("body", body);
    if (existing.isPresent()) {
      api.put(mrPrefix + "/notes/" + existing.get().id(), payload);
    } else {
      api.post(mrPrefix + "/notes", payload);
    }
  }
}
