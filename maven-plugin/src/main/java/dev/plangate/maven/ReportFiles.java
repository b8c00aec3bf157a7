package dev.plangate.maven;

import static dev.plangate.core.report.Escape.terminal;

import dev.plangate.core.report.RenderOptions;
import dev.plangate.core.report.Renderers;
import dev.plangate.core.report.Report;
import dev.plangate.core.report.ReportRenderer;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** The report files under {@code target/plangate/}, every one rendered from the same result. */
record ReportFiles(Set<ReportRenderer> formats, Path directory) {
  /** Which file a person opens first: the most readable format written. */
  private static final List<String> READABLE_FIRST = List.of("markdown", "text", "json",
      "sarif");

  /** Checks the formats parameter against {@link Renderers}; none at all is allowed. */
  static ReportFiles of(List<String> names, Path directory) throws Inputs.ParameterException {
    Set<ReportRenderer> formats = new LinkedHashSet<>();
    for (String name : names == null ? List.<String>of() : names) {
      if (name.isBlank()) {
        continue;
      }
      formats.add(Renderers.byName(name).orElseThrow(() -> new Inputs.ParameterException(
          "formats", "unknown report format '" + terminal(name.strip()) + "'; use "
              + Renderers.sentence(Renderers.ids()))));
    }
    return new ReportFiles(formats, directory);
  }

  /** {@code report.md}, {@code report.txt}, {@code report.json}, {@code report.sarif}. */
  static String fileName(ReportRenderer r) {
    return "report." + r.fileExtension();
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
    for (ReportRenderer f : formats) {
      Path file = directory.resolve(fileName(f));
      try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
        f.render(report, w, RenderOptions.DEFAULT);
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
    for (String id : READABLE_FIRST) {
      String name = Renderers.byId(id).map(ReportFiles::fileName).orElse("");
      for (Path p : written) {
        if (p.getFileName().toString().equals(name)) {
          return p;
        }
      }
    }
    return written.get(0);
  }
}
