package dev.plangate.maven;

import dev.plangate.core.gate.Decision;
import dev.plangate.core.report.BriefReport;
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

  void info(String line) {
    log.info(line);
  }

  void warn(String line) {
    log.warn(line);
  }

  void report(BriefReport brief, Decision decision, boolean failsTheBuild) {
    boolean error = failsTheBuild || decision == Decision.ERROR;
    boolean destroys = !brief.findings().isEmpty();
    Level headline = error ? Level.ERROR : destroys ? Level.WARN : Level.INFO;
    headline.write(log, brief.headline());
    for (BriefReport.Line line : brief.findings()) {
      Level level = line.critical() ? (error ? Level.ERROR : Level.WARN)
          : (error ? Level.WARN : Level.INFO);
      level.write(log, "  " + line.text());
    }
    if (brief.more() > 0) {
      headline.write(log, "  ... " + brief.more() + " more in the report");
    }
    for (String next : brief.next()) {
      headline.write(log, next);
    }
  }

  private enum Level {
    INFO, WARN, ERROR;

    void write(Log log, String line) {
      switch (this) {
        case ERROR -> log.error(line);
        case WARN -> log.warn(line);
        default -> log.info(line);
      }
    }
  }
}
