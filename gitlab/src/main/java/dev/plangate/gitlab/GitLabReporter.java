package dev.plangate.gitlab;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.plangate.core.report.Report;
import dev.plangate.platform.ApiException;
import dev.plangate.platform.StickyComment;
import java.util.Optional;

/**
 * Tells the merge request what the gate decided in one sticky note (created, or edited in
 * place); {@link CodeQualityReport} writes the Code Quality report. A note that cannot be
 * written is reported and does not change the decision: the exit code already carries it.
 */
public final class GitLabReporter {
  /** GitLab refuses notes longer than 1,000,000 characters; stay far below. */
  private static final int MAX_NOTE_CHARS = 200_000;

  private GitLabReporter() {}

  /**
   * Writes the note; returns a sentence when none was written and why.
   *
   * @param comment whether to keep the note at all
   */
  public static Optional<String> publish(Report report, MergeRequestContext c, boolean comment) {
    if (!comment) {
      return Optional.empty();
    }
    if (!c.canWrite()) {
      return Optional.of("No merge-request note was written: " + GitLabEnvironment.TOKEN
          + " is not set.");
    }
    Optional<String> body = StickyComment.text(report, c.note(), MAX_NOTE_CHARS,
        c.sealMarker());
    if (body.isEmpty()) {
      return Optional.empty();
    }
    JsonNode payload = JsonNodeFactory.instance.objectNode().put("body", body.get());
    try {
      if (c.note().isPresent()) {
        c.api().put(c.notePrefix() + "/notes/" + c.note().get().id(), payload);
      } else {
        c.api().post(c.notePrefix() + "/notes", payload);
      }
      return Optional.empty();
    } catch (ApiException e) {
      return Optional.of("The merge-request note could not be written (" + e.getMessage()
          + "); the token needs the api scope.");
    }
  }

}
