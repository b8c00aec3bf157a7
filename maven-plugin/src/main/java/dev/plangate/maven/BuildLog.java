package dev.plangate.maven;

import dev.plangate.core.gate.Decision;
import dev.plangate.core.report.BriefReport;
import java.util.function.Consumer;
import org.apache.maven.plugin.logging.Log;

/**
 * The report in Maven's log: the decision, then one line per finding, then the next step. The
 * level says how much it matters: what fails the build is an error, a critical finding in a build
 * that passes is a warning, the rest is information.
 */
final class BuildLog {
  /**
   * Beyond this many findings the log points to the report instead (plans of 10,000 exist);
   * the brief report is made with at most this many lines.
   */
  static final int MAX_FINDING_LINES = 1000;

  private final Log log;

  BuildLog(Log log) {
    this.log = log;
  }

  void report(BriefReport brief, Decision decision, boolean failsTheBuild) {
    boolean error = failsTheBuild || decision == Decision.ERROR;
    Consumer<CharSequence> headline = error ? log::error
        : brief.findings().isEmpty() ? log::info : log::warn;
    headline.accept(brief.headline());
    for (BriefReport.Line line : brief.findings()) {
      Consumer<CharSequence> level = line.critical() ? (error ? log::error : log::warn)
          : (error ? log::warn : log::info);
      level.accept("  " + line.text());
    }
    if (brief.more() > 0) {
      headline.accept("  ... " + brief.more() + " more in the report");
    }
    brief.next().forEach(headline);
  }
}
