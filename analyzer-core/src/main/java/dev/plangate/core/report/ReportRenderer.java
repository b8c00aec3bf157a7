package dev.plangate.core.report;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;

/**
 * One output format of a {@link Report}. Every front end (the CLI's {@code --format} and
 * {@code --report}, the Maven goal's {@code formats}, the GitHub and GitLab adapters) finds its
 * renderers in {@link Renderers}, so a new format is one class and one registry entry.
 * Implementations are stateless and escape every input-derived string for their medium.
 */
public interface ReportRenderer {
  /** The name users type: {@code text}, {@code json}, {@code markdown}, {@code sarif}. */
  String id();

  /** The media type of what {@link #render} writes. */
  String mediaType();

  /** The file extension for a report file of this format, without the dot. */
  String fileExtension();

  /** Writes {@code report} to {@code out} (not closed; flushed by the caller). */
  void render(Report report, Writer out, RenderOptions options) throws IOException;

  /** The rendering as a string. */
  default String render(Report report, RenderOptions options) {
    StringWriter w = new StringWriter();
    try {
      render(report, w, options);
    } catch (IOException e) {
      throw new UncheckedIOException("a StringWriter does not fail", e);
    }
    return w.toString();
  }
}
