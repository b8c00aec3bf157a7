package dev.plangate.maven;

import static dev.plangate.core.report.Escape.terminal;

import dev.plangate.core.report.JsonReportWriter;
import dev.plangate.core.report.MarkdownReportRenderer;
import dev.plangate.core.report.Report;
import dev.plangate.core.report.SarifReportWriter;
import dev.plangate.core.report.TextReportRenderer;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** The report files under {@code target/plangate/}, every one rendered from the same result. */
final class ReportFiles {
  /** A report format and the file it is written to. Declared in the order people read them. */
  enum Format {
    MARKDOWN("report.md"), TEXT("report.txt"), JSON("report.json"), SARIF("report.sarif");

    final String fileName;

    Format(String fileName) {
      this.fileName = fileName;
    }
  }

  private final Set<Format> formats;
  private final Path directory;

  private ReportFiles(Set<Format> formats, Path directory) {
    this.formats = formats;
    this.directory = directory;
  }

  /** Checks the formats parameter: json, markdown, text, sarif; none at all is allowed. */
  static ReportFiles of(List<String> names, Path directory) throws Inputs.ParameterException {
    Set<Format> formats = new LinkedHashSet<>();
    for (String name : names == null ? List.<String>of() : names) {
      String n = name.strip().toLowerCase(Locale.ROOT);
      if (n.isEmpty()) {
        continue;
      }
      try {
        formats.add(Format.valueOf(n.toUpperCase(Locale.ROOT)));
      } catch (IllegalArgumentException e) {
        throw new Inputs.ParameterException("formats", "unknown report format '"
            + terminal(name.strip()) + "'; use json, markdown, text or sarif");
      }
    }
    return new ReportFiles(formats, directory);
  }

  /** Writes every format; returns the files written. */
  List<Path> write(Report report) throws Inputs.ParameterException {
    List<Path> written = new ArrayList<>();
    if (formats.isEmpty()) {
      return written;
    }
    try {
      Files.createDirectories(directory);
    } catch (IOException e) {
      throw new Inputs.ParameterException("outputDirectory", "cannot create "
          + terminal(directory.toString()) + ": " + terminal(String.valueOf(e.getMessage())));
    }
    for (Format f : formats) {
      Path file = directory.resolve(f.fileName);
      try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
        switch (f) {
          case JSON -> new JsonReportWriter().write(report, w);
          case MARKDOWN -> w.write(new MarkdownReportRenderer().render(report));
          case TEXT -> w.write(new TextReportRenderer(false).render(report));
          case SARIF -> new SarifReportWriter().write(report, w);
          default -> throw new IllegalStateException(f.name());
        }
      } catch (IOException e) {
        throw new Inputs.ParameterException("outputDirectory", "cannot write "
            + terminal(file.toString()) + ": " + terminal(String.valueOf(e.getMessage())));
      }
      written.add(file);
    }
    return written;
  }

  /** The file a person should open: Markdown, else text, else JSON, else SARIF. */
  Path mostReadable(List<Path> written) {
    for (Format f : Format.values()) {
      for (Path p : written) {
        if (p.getFileName().toString().equals(f.fileName)) {
          return p;
        }
      }
    }
    return written.get(0);
  }
}
