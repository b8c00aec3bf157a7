package dev.plangate.github;

import java.io.PrintStream;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.StringJoiner;
import java.util.UUID;

/**
 * Workflow commands on the step's standard output: annotations
 * ({@code ::error file=main.tf,line=3,title=…::message}) and blocks of untrusted text echoed with
 * command processing switched off.
 *
 * <p>Escaping follows actions/toolkit {@code command.ts}: message data {@code %}→{@code %25},
 * CR→{@code %0D}, LF→{@code %0A}; property values also {@code :}→{@code %3A} and
 * {@code ,}→{@code %2C}. A message may contain {@code ::}: the runner splits a command at the first
 * {@code ::} after the properties, and escaped properties cannot contain one.
 *
 * <p>GitHub shows at most 10 annotations of each level (error, warning, notice) per step. The
 * 11th and later of a level are not printed; {@link #dropped(Level)} counts them so the caller
 * can say "N more in the summary". (The job-wide cap of 50 spans steps and is not tracked.)
 *
 * <p>Give it a stream that encodes UTF-8. Not thread-safe.
 */
public final class WorkflowCommands {
  /** Annotations of one level GitHub shows per step. */
  public static final int MAX_PER_LEVEL = 10;

  /** The annotation levels; each one's command is its name in lowercase. */
  public enum Level { ERROR, WARNING, NOTICE }

  /**
   * Where an annotation points and its title; every part is optional (null). {@code col} and
   * {@code endColumn} only make sense on one line. Lines and columns start at 1.
   */
  public record Props(String file, Integer line, Integer endLine, Integer col, Integer endColumn,
      String title) {
    /** No file, no title: an annotation on the run itself. */
    public static final Props NONE = new Props(null, null, null, null, null, null);

    /** An annotation on a file as a whole. */
    public static Props file(String file) {
      return new Props(file, null, null, null, null, null);
    }

    /** An annotation on one line of a file. */
    public static Props file(String file, int line) {
      return new Props(file, line, null, null, null, null);
    }

    public Props withTitle(String t) {
      return new Props(file, line, endLine, col, endColumn, t);
    }
  }

  private final PrintStream out;
  private final Map<Level, Integer> printed = new EnumMap<>(Level.class);
  private final Map<Level, Integer> dropped = new EnumMap<>(Level.class);

  public WorkflowCommands(PrintStream out) {
    this.out = Objects.requireNonNull(out, "out");
  }

  /** An annotation of {@code level}; false when it was dropped by the per-step cap. */
  public boolean annotate(Level level, String message, Props props) {
    int n = printed.getOrDefault(level, 0);
    if (n >= MAX_PER_LEVEL) {
      dropped.merge(level, 1, Integer::sum);
      return false;
    }
    printed.put(level, n + 1);
    out.print(format(level, message, props == null ? Props.NONE : props) + "\n");
    out.flush();
    return true;
  }

  /** Annotations of {@code level} not printed because of the cap. */
  public int dropped(Level level) {
    return dropped.getOrDefault(level, 0);
  }

  /** Annotations of every level not printed because of the cap. */
  public int dropped() {
    return dropped.values().stream().mapToInt(Integer::intValue).sum();
  }

  /**
   * Prints {@code text} (resource addresses, commit messages, plan output) verbatim with
   * workflow commands switched off around it ({@code ::stop-commands::<token>} …
   * {@code ::<token>::}), so a line in it like {@code ::add-mask::…} or {@code ::error::} is
   * shown, not obeyed. The token is random and not in the text.
   */
  public void printUntrusted(String text) {
    String token;
    do {
      token = "plangate-" + UUID.randomUUID();
    } while (text.contains(token));
    StringBuilder b = new StringBuilder(text.length() + 128);
    b.append("::stop-commands::").append(token).append('\n').append(text);
    if (!text.isEmpty() && !text.endsWith("\n")) {
      b.append('\n');
    }
    b.append("::").append(token).append("::\n");
    out.print(b);
    out.flush();
  }

  /** One annotation command line, without the line break. */
  static String format(Level level, String message, Props p) {
    StringJoiner props = new StringJoiner(",", " ", "").setEmptyValue("");
    property(props, "file", p.file());
    property(props, "line", p.line());
    property(props, "endLine", p.endLine());
    property(props, "col", p.col());
    property(props, "endColumn", p.endColumn());
    property(props, "title", p.title());
    return "::" + level.name().toLowerCase(Locale.ROOT) + props + "::"
        + escapeData(message == null ? "" : message);
  }

  private static void property(StringJoiner props, String key, Object value) {
    if (value != null && !value.toString().isEmpty()) {
      props.add(key + "=" + escapeProperty(value.toString()));
    }
  }

  /** Escapes a command's message ({@code escapeData} in actions/toolkit). */
  public static String escapeData(String s) {
    return s.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A");
  }

  /** Escapes a command property value ({@code escapeProperty} in actions/toolkit). */
  public static String escapeProperty(String s) {
    return escapeData(s).replace(":", "%3A").replace(",", "%2C");
  }
}
