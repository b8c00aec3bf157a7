package dev.plangate.platform;

import com.fasterxml.jackson.databind.JsonNode;
import dev.plangate.core.report.MarkdownReportRenderer;
import dev.plangate.core.report.RenderOptions;
import dev.plangate.core.report.Renderers;
import dev.plangate.core.report.Report;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * The one comment on a pull request (a note on a merge request) plangate keeps up to date. It is
 * found by its hidden marker <em>and</em> its author: anyone can write a comment that contains
 * the marker, and one by anyone else is never taken for plangate's, nor its seal believed.
 *
 * @param id the comment's id
 * @param body its current text
 */
public record StickyComment(long id, String body) {

  /**
   * Our comment among {@code comments} (as the platform lists them, oldest first): the last one
   * that starts with the marker and that {@code ours} accepts by its author.
   */
  public static Optional<StickyComment> find(List<JsonNode> comments, Predicate<JsonNode> ours) {
    StickyComment found = null;
    for (JsonNode c : comments) {
      String body = c.path("body").asText("");
      if (body.startsWith(MarkdownReportRenderer.MARKER) && ours.test(c)) {
        found = new StickyComment(c.path("id").asLong(), body);
      }
    }
    return Optional.ofNullable(found);
  }

  /**
   * The text to write: the Markdown report, cut to fit {@code maxChars} with the seal line
   * after it; empty when there is nothing to say and nothing said before to correct.
   *
   * @param seal the hidden seal line, or empty
   */
  public static Optional<String> text(Report report, Optional<StickyComment> existing,
      int maxChars, String seal) {
    if (report.findings().isEmpty() && report.errors().isEmpty() && existing.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(Renderers.MARKDOWN.render(report, RenderOptions.DEFAULT.withMaxChars(
        maxChars - seal.length() - 1)) + (seal.isEmpty() ? "" : "\n" + seal));
  }
}
