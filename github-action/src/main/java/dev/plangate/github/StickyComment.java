package dev.plangate.github;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.plangate.core.report.MarkdownReportRenderer;
import dev.plangate.platform.ApiException;
import java.util.Optional;

/**
 * The one pull-request comment plangate keeps up to date. It is found by its hidden marker
 * <em>and</em> its author: anyone can write a comment that contains the marker, only the
 * workflow's own identity can write one as {@code github-actions[bot]}.
 *
 * @param id the comment's id
 * @param body its current text
 */
public record StickyComment(long id, String body) {
  /** GitHub refuses longer comment bodies. */
  public static final int MAX_CHARS = 65_536;

  /** Our comment on the pull request, if there is one. */
  static Optional<StickyComment> find(GitHubApi api, String repoPrefix, int number,
      String author) throws ApiException {
    StickyComment found = null;
    for (JsonNode c : api.getAll(repoPrefix + "/issues/" + number + "/comments")) {
      String body = c.path("body").asText("");
      if (body.startsWith(MarkdownReportRenderer.MARKER)
          && Account.of(c.get("user")).sameAs(author)) {
        found = new StickyComment(c.path("id").asLong(), body);
      }
    }
    return Optional.ofNullable(found);
  }

  /** Creates the comment, or updates it in place when {@code existing} is present. */
  static void write(GitHubApi api, String repoPrefix, int number,
      Optional<StickyComment> existing, String body) throws ApiException {
    ObjectNode payload = JsonNodeFactory.instance.objectNode().put("body", body);
    if (existing.isPresent()) {
      api.patch(repoPrefix + "/issues/comments/" + existing.get().id(), payload);
    } else {
      api.post(repoPrefix + "/issues/" + number + "/comments", payload);
    }
  }
}
