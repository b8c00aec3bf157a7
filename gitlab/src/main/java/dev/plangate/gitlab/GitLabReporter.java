package dev.plangate.gitlab;

import dev.plangate.core.report.RenderOptions;
import dev.plangate.core.report.Renderers;
import dev.plangate.core.report.Report;
import dev.plangate.platform.ApiException;
import java.util.Optional;

/**
 * Tells the merge request what the gate decided in one sticky note (created, or edited in
 * place); {@link CodeQualityReport} writes the Code Quality report. A note that cannot be
 * written is reported and does not change the decision: the exit code already carries it.
 */
public final class GitLabReporter {
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
    if (report.findings().isEmpty() && report.errors().isEmpty() && c.note().isEmpty()) {
      return Optional.empty();
    }
    String seal = c.sealMarker();
    String body = Renderers.MARKDOWN.render(report, RenderOptions.DEFAULT.withMaxChars(
        StickyNote.MAX_CHARS - seal.length() - 1)) + (seal.isEmpty() ? "" : "\n" + seal);
    try {
      StickyNote.write(c.api(), c.notePrefix(), c.note(), body);
      return Optional.empty();
    } catch (ApiException e) {
      return Optional.of("The merge-request note could not be written (" + e.getMessage()
          + "); the token needs the api scope.");
    }
  }

}
