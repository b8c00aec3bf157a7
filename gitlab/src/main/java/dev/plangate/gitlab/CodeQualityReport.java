package dev.plangate.gitlab;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.plangate.core.audit.AuditLog;
import dev.plangate.core.gate.Verdict;
import dev.plangate.core.impact.Finding;
import dev.plangate.core.impact.SourcePlace;
import dev.plangate.core.report.Problem;
import dev.plangate.core.report.RenderOptions;
import dev.plangate.core.report.Report;
import dev.plangate.core.report.ReportRenderer;
import dev.plangate.platform.RepositoryPaths;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * GitLab's Code Quality report ({@code gl-code-quality-report.json}, declared as
 * {@code artifacts:reports:codequality}): a JSON array of issues with {@code description},
 * {@code check_name}, {@code fingerprint}, {@code severity} (info, minor, major, critical,
 * blocker) and {@code location.path} / {@code location.lines.begin}, so findings show in the
 * merge-request widget. A finding the gate stops on is {@code blocker} (protected) or
 * {@code critical} (approval required); one it lets through is {@code minor}.
 *
 * <p>A {@link ReportRenderer} like every other format, but not in the core registry: its paths
 * depend on where the repository and the working directory are, which only GitLab mode knows.
 */
public final class CodeQualityReport implements ReportRenderer {
  public static final String FILE_NAME = "gl-code-quality-report.json";

  private final Path root;
  private final Path dir;

  /**
   * @param repoRoot paths are relative to it; a finding outside it points at the plan file name
   * @param workDir the directory plan paths are relative to
   */
  public CodeQualityReport(Path repoRoot, Path workDir) {
    this.root = repoRoot == null ? null : repoRoot.toAbsolutePath().normalize();
    this.dir = workDir.toAbsolutePath().normalize();
  }

  /** Writes the report of {@code report} to {@code file}, in UTF-8. */
  public static void write(Report report, Path file, Path repoRoot, Path workDir)
      throws IOException {
    try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      new CodeQualityReport(repoRoot, workDir).render(report, out, RenderOptions.DEFAULT);
    }
  }

  @Override
  public String id() {
    return "gitlab-codequality";
  }

  @Override
  public String mediaType() {
    return "application/json";
  }

  @Override
  public String fileExtension() {
    return "json";
  }

  @Override
  public void render(Report report, Writer out, RenderOptions options) throws IOException {
    try (JsonGenerator g = new JsonFactory().createGenerator(out)) {
      g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
      g.writeStartArray();
      for (Problem p : report.problems()) {
        // At the file and line it is about when that file is in the repository; a problem of
        // no file (or one outside) is shown on the policy, where the check is configured.
        String path = RepositoryPaths.of(root, dir, p.source());
        issue(g, "plangate: input error: " + p.text(), "plangate-error", "blocker",
            path == null ? ".plangate.yml" : path, path == null ? 1 : Math.max(1, p.line()),
            "error\n" + p.text());
      }
      for (Finding f : report.findingsBySeverity()) {
        Verdict v = report.verdict(f);
        String severity = v == Verdict.BLOCKED ? "blocker"
            : v == Verdict.APPROVAL_REQUIRED ? "critical" : "minor";
        SourcePlace place = RepositoryPaths.first(f, root, dir);
        String action = switch (f.action()) {
          case DELETE -> "destroy";
          case REPLACE -> "replace";
          case FORGET -> "forget";
        };
        issue(g, "plangate: " + action + " " + f.key() + ": " + f.explanation(),
            "plangate-" + action, severity, place == null ? f.plan() : place.file(),
            place == null ? 1 : Math.max(1, place.line()),
            report.fingerprint() + "\n" + f.key() + "\n" + action);
      }
      g.writeEndArray();
    }
  }

  private static void issue(JsonGenerator g, String description, String check, String severity,
      String path, int line, String identity) throws IOException {
    g.writeStartObject();
    g.writeStringField("description", description);
    g.writeStringField("check_name", check);
    g.writeStringField("fingerprint",
        AuditLog.sha256(identity.getBytes(StandardCharsets.UTF_8)));
    g.writeStringField("severity", severity);
    g.writeObjectFieldStart("location");
    g.writeStringField("path", path);
    g.writeObjectFieldStart("lines");
    g.writeNumberField("begin", line);
    g.writeEndObject();
    g.writeEndObject();
    g.writeEndObject();
  }
}
