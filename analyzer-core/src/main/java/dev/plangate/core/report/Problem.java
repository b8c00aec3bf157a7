package dev.plangate.core.report;

import dev.plangate.core.io.InputFileException;
import dev.plangate.core.plan.PlanReadException;

/**
 * One input problem of a run, kept structured until a renderer prints it: SARIF and annotations
 * point at {@code source}, {@code line} and {@code column}; text formats print {@link #text()}.
 *
 * @param source the file or directory as the user named it, or null when the problem is about
 *     no file (options that do not go together, an approval source that cannot be asked)
 * @param line 1-based line in {@code source}, or 0 when unknown
 * @param column 1-based column, or 0 when unknown
 * @param code what kind of problem, for machines: one of the {@code CODE_} constants
 * @param message why, in one line, without the file and place
 * @param hint what to do about it, or null when the message says it
 */
public record Problem(String source, int line, int column, String code, String message,
    String hint) {
  /** A plan, template, stack export or cdk.out that cannot be read or is not what it claims. */
  public static final String CODE_UNREADABLE = "input-unreadable";
  /** A file refused before reading: missing, not a regular file, too large. */
  public static final String CODE_INPUT_FILE = "input-file";
  /** The tool itself says planning failed. */
  public static final String CODE_PLAN_ERRORED = "plan-errored";
  /** Inputs given that do not go together, or none at all. */
  public static final String CODE_USAGE = "usage";
  /** The commit range could not be read. */
  public static final String CODE_GIT = "git";
  /** The approval source could not be asked. */
  public static final String CODE_APPROVALS = "approvals";
  /** A problem known only as a sentence (reports built by hand). */
  public static final String CODE_OTHER = "error";

  public Problem {
    if (code == null || code.isBlank()) {
      throw new IllegalArgumentException("a problem needs a code");
    }
    message = message == null ? "" : message;
    line = Math.max(0, line);
    column = line > 0 ? Math.max(0, column) : 0;
  }

  /** A problem about no file in particular. */
  public static Problem general(String code, String message) {
    return new Problem(null, 0, 0, code, message, null);
  }

  /** A problem about a whole file. */
  public static Problem in(String source, String code, String message) {
    return new Problem(source, 0, 0, code, message, null);
  }

  /** A file that could not be read, at the place the reader names. */
  public static Problem of(PlanReadException e) {
    return new Problem(e.file(), e.line(), e.column(), CODE_UNREADABLE, e.detail(), null);
  }

  /** A file refused before reading. */
  public static Problem of(InputFileException e) {
    return new Problem(e.file(), 0, 0, CODE_INPUT_FILE, e.reason(), null);
  }

  /** Each problem's {@link #text()}. */
  public static java.util.List<String> texts(java.util.List<Problem> problems) {
    return problems.stream().map(Problem::text).toList();
  }

  /**
   * The one line a terminal shows and the JSON report's {@code errors} lists:
   * {@code source: line:column: message}, leaving out what is unknown.
   */
  public String text() {
    return source == null ? message : PlanReadException.oneLine(source) + ": "
        + PlanReadException.position(line, column) + message;
  }
}
