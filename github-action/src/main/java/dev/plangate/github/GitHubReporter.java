package dev.plangate.github;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.plangate.core.gate.Verdict;
import dev.plangate.core.impact.Finding;
import dev.plangate.core.impact.FindingAction;
import dev.plangate.core.impact.SourcePlace;
import dev.plangate.core.report.Escape;
import dev.plangate.core.report.RenderOptions;
import dev.plangate.core.report.Renderers;
import dev.plangate.core.report.Report;
import dev.plangate.github.WorkflowCommands.Level;
import dev.plangate.github.WorkflowCommands.Props;
import dev.plangate.platform.ApiException;
import dev.plangate.platform.RepositoryPaths;
import dev.plangate.platform.StickyComment;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Tells the runner and the pull request what the gate decided: step outputs, one annotation
 * per finding at its declaration (within GitHub's per-step cap), the job summary, and the
 * sticky comment. A comment that cannot be written is reported, and does not change the
 * decision: the exit code already carries it.
 */
public final class GitHubReporter {
  /** Characters per summary; a character is at most 4 UTF-8 bytes, so this stays under 1 MiB. */
  private static final int SUMMARY_CHARS = StepSummary.MAX_BYTES / 4 - 4096;
  /** GitHub refuses longer comment bodies. */
  private static final int MAX_COMMENT_CHARS = 65_536;

  private final RunnerEnvironment env;
  private final PrintStream log;
  private final Path repoRoot;
  private final Path workDir;

  /**
   * @param log the step's standard output, where workflow commands go
   * @param repoRoot the repository root: annotation paths are relative to it
   * @param workDir the directory plan paths are relative to
   */
  public GitHubReporter(RunnerEnvironment env, PrintStream log, Path repoRoot, Path workDir) {
    this.env = env;
    this.log = log;
    this.repoRoot = repoRoot == null ? null : repoRoot.toAbsolutePath().normalize();
    this.workDir = workDir.toAbsolutePath().normalize();
  }

  /**
   * Publishes everything.
   *
   * @param pr the pull request's context, or empty outside a pull request
   * @param comment whether to keep the sticky comment
   * @param jsonReport where the JSON report was written, or null
   */
  public void publish(Report report, Optional<PullRequestContext> pr, boolean comment,
      Path jsonReport) throws IOException {
    outputs(report, jsonReport);
    List<String> notes = new ArrayList<>();
    pr.ifPresent(c -> notes.addAll(c.notes()));
    int dropped = annotate(report);
    if (dropped > 0) {
      notes.add(dropped + " more findings are not annotated on the files (GitHub shows at most"
          + " 10 errors and 10 warnings per step); all of them are in this summary and the JSON"
          + " report.");
    }
    if (pr.isPresent() && comment) {
      commentOn(report, pr.get()).ifPresent(notes::add);
    }
    summary(report, notes);
  }

  /** The decision alone, when the gate could not run: outputs and summary say why. */
  public void publishError(String message) throws IOException {
    Optional<Path> out = env.outputFile();
    if (out.isPresent()) {
      new StepOutputs(out.get()).set("decision", "error");
    }
    WorkflowCommands commands = new WorkflowCommands(log);
    commands.annotate(Level.ERROR, message, Props.NONE.withTitle("plangate"));
    Optional<Path> summary = env.stepSummaryFile();
    if (summary.isPresent()) {
      new StepSummary(summary.get()).append("### ⚠️ plangate — error\n\nplangate could not"
          + " check this pull request, so nothing was decided:\n\n> "
          + Escape.markdown(message) + "\n", "The job log has the"
          + " rest.");
    }
  }

  private void outputs(Report report, Path jsonReport) throws IOException {
    Optional<Path> out = env.outputFile();
    if (out.isEmpty()) {
      return;
    }
    StepOutputs o = new StepOutputs(out.get());
    o.set("decision", report.decision().id());
    o.set("destructive-count", Long.toString(report.count(FindingAction.DELETE)
        + report.count(FindingAction.REPLACE)));
    o.set("critical-count", Long.toString(report.criticalDestroys()));
    o.set("fingerprint", report.fingerprint());
    o.set("report", jsonReport == null ? "" : jsonReport.toAbsolutePath().toString());
  }

  /** One annotation per finding and input error; returns how many the cap dropped. */
  private int annotate(Report report) {
    WorkflowCommands commands = new WorkflowCommands(log);
    for (String e : report.errors()) {
      commands.annotate(Level.ERROR, e, Props.NONE.withTitle("plangate: input error"));
    }
    for (Finding f : report.findingsBySeverity()) {
      Verdict v = report.verdict(f);
      boolean stops = v == Verdict.APPROVAL_REQUIRED || v == Verdict.BLOCKED;
      String title = "plangate: " + switch (f.action()) {
        case DELETE -> "destroy";
        case REPLACE -> "replace";
        case FORGET -> "forget";
      } + (v == Verdict.BLOCKED ? " (protected)" : stops ? " needs approval" : "");
      // The explanation names the resource and what depends on it, in plain words.
      String message = f.explanation().contains(f.address()) ? f.explanation()
          : f.key() + ": " + f.explanation();
      commands.annotate(stops ? Level.ERROR : Level.WARNING,
          message, where(f).withTitle(title));
    }
    return commands.dropped();
  }

  /**
   * The first of the finding's places that lies in the repository: annotations on other files
   * are not shown.
   */
  private Props where(Finding f) {
    SourcePlace p = RepositoryPaths.first(f, repoRoot, workDir);
    return p == null ? Props.NONE : p.line() > 0 ? Props.file(p.file(), p.line())
        : Props.file(p.file());
  }

  /** Writes the sticky comment; returns a sentence when none was written and why. */
  private Optional<String> commentOn(Report report, PullRequestContext c) {
    if (c.pullRequest().fromFork()) {
      return Optional.of("No pull-request comment was posted: this pull request comes from a"
          + " fork, and GitHub gives fork runs a read-only token. This summary is the report.");
    }
    Optional<String> body = StickyComment.text(report, c.comment(), MAX_COMMENT_CHARS,
        c.sealMarker());
    if (body.isEmpty()) {
      return Optional.empty();
    }
    ObjectNode payload = JsonNodeFactory.instance.objectNode().put("body", body.get());
    try {
      if (c.comment().isPresent()) {
        c.api().patch(c.apiPrefix() + "/issues/comments/" + c.comment().get().id(), payload);
      } else {
        c.api().post(c.apiPrefix() + "/issues/" + c.pullRequest().number() + "/comments",
            payload);
      }
      return Optional.empty();
    } catch (ApiException e) {
      String why = "The pull-request comment could not be written (" + e.getMessage() + ");"
          + " the workflow needs permissions: pull-requests: write or issues: write.";
      new WorkflowCommands(log).annotate(Level.WARNING, why, Props.NONE.withTitle(
          "plangate: no comment"));
      return Optional.of(why);
    }
  }

  private void summary(Report report, List<String> notes) throws IOException {
    Optional<Path> file = env.stepSummaryFile();
    if (file.isEmpty()) {
      return;
    }
    StringBuilder md = new StringBuilder(Renderers.MARKDOWN.render(report,
        RenderOptions.DEFAULT.withMaxChars(SUMMARY_CHARS)));
    for (String n : notes) {
      md.append("\n> ").append(Escape.markdown(n)).append('\n');
    }
    new StepSummary(file.get()).append(md.toString(), "The JSON report has everything.");
  }
}
