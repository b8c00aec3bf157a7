package dev.plangate.core.git;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

/**
 * Runs one {@code git} process the same careful way every time: in the C locale, with no pager and
 * no terminal prompt, stdin either fed by us or {@code /dev/null} (so git can never wait on the
 * user), stderr captured for the error message, and a time limit so that a wedged git cannot hang
 * a CI job forever.
 *
 * <p>The repository is always named with {@code -C dir}, so the variables a git hook exports to
 * locate its repository ({@code GIT_DIR}, {@code GIT_WORK_TREE}, ...) are removed: left in place
 * they would override {@code -C} and, being relative, point somewhere else. Variables that change
 * how pathspecs or diffs are interpreted are removed too, because the parsers here depend on the
 * exact output format they ask for.
 */
final class GitProcess {
  /** Generous: ten thousand commits take about a second; only a wedged git takes this long. */
  static final long TIMEOUT_SECONDS = 600;

  private static final int STDERR_KEEP_BYTES = 16 * 1024;
  private static final int STDERR_LINES_SHOWN = 3;

  private static final List<String> REMOVED_VARIABLES = List.of(
      "GIT_DIR", "GIT_WORK_TREE", "GIT_INDEX_FILE", "GIT_PREFIX", "GIT_COMMON_DIR",
      "GIT_NAMESPACE", "GIT_LITERAL_PATHSPECS", "GIT_GLOB_PATHSPECS", "GIT_NOGLOB_PATHSPECS",
      "GIT_ICASE_PATHSPECS", "GIT_EXTERNAL_DIFF", "GIT_DIFF_OPTS", "GIT_NOTES_REF",
      "GIT_NOTES_DISPLAY_REF", "GIT_REPLACE_REF_BASE");

  private static final ScheduledExecutorService WATCHDOG =
      Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "plangate-git-watchdog");
        t.setDaemon(true);
        return t;
      });

  /** How many git processes this JVM has started: lets tests hold the count per read down. */
  private static final AtomicLong STARTED = new AtomicLong();

  private GitProcess() {}

  static long started() {
    return STARTED.get();
  }

  /** Reads git's standard output while it runs. */
  @FunctionalInterface
  interface OutputReader {
    void read(InputStream stdout) throws IOException, GitException;
  }

  /**
   * How one run ended.
   *
   * @param exit the exit code
   * @param stdout everything git wrote, or null when a reader consumed it
   * @param stderr the first lines git wrote to standard error, joined with " / "
   */
  record Result(int exit, byte[] stdout, String stderr) {
    String text() {
      return new String(stdout, StandardCharsets.UTF_8);
    }

    /** Standard output without its final line feed(s). */
    String line() {
      String s = text();
      int end = s.length();
      while (end > 0 && (s.charAt(end - 1) == '\n' || s.charAt(end - 1) == '\r')) {
        end--;
      }
      return s.substring(0, end);
    }
  }

  /** Runs {@code git -C dir args...} and returns its whole output, whatever the exit code. */
  static Result run(Path dir, List<String> args, byte[] stdin) throws GitException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    Result r = stream(dir, args, stdin, in -> in.transferTo(out));
    return new Result(r.exit(), out.toByteArray(), r.stderr());
  }

  /** Like {@link #run} but fails unless git exits 0. */
  static Result runOk(Path dir, List<String> args, byte[] stdin) throws GitException {
    Result r = run(dir, args, stdin);
    if (r.exit() != 0) {
      throw failure(dir, args, r);
    }
    return r;
  }

  /** The exception for a run that exited non-zero: names the command, the directory and why. */
  static GitException failure(Path dir, List<String> args, Result r) {
    String why = r.stderr().isEmpty() ? "no message" : r.stderr();
    return new GitException("git " + subcommand(args) + " failed in " + dir + " (exit " + r.exit()
        + "): " + why);
  }

  /**
   * Runs {@code git -C dir args...}, handing standard output to {@code reader} as it arrives.
   *
   * @param stdin bytes to feed, or null for an empty standard input
   * @return the exit code and standard error; {@code stdout} is null
   */
  static Result stream(Path dir, List<String> args, byte[] stdin, OutputReader reader)
      throws GitException {
    List<String> command = new ArrayList<>(List.of("git", "--no-pager", "-C", dir.toString()));
    command.addAll(args);
    ProcessBuilder pb = new ProcessBuilder(command);
    configure(pb.environment());
    if (stdin == null) {
      pb.redirectInput(ProcessBuilder.Redirect.from(nullDevice()));
    }
    Process process;
    try {
      process = pb.start();
      STARTED.incrementAndGet();
    } catch (IOException e) {
      throw new GitException("cannot run git to read " + dir + " (is git installed and on PATH?): "
          + e.getMessage(), e);
    }
    AtomicBoolean timedOut = new AtomicBoolean();
    ScheduledFuture<?> watchdog = WATCHDOG.schedule(() -> {
      timedOut.set(true);
      kill(process);
    }, TIMEOUT_SECONDS, TimeUnit.SECONDS);
    ByteArrayOutputStream stderr = new ByteArrayOutputStream();
    Thread errThread = daemon(() -> keepStart(process.getErrorStream(), stderr),
        "plangate-git-stderr");
    Thread inThread = stdin == null ? null
        : daemon(() -> feed(process.getOutputStream(), stdin), "plangate-git-stdin");
    boolean ok = false;
    try (InputStream out = process.getInputStream()) {
      reader.read(out);
      out.transferTo(OutputStream.nullOutputStream());
      int exit = process.waitFor();
      errThread.join();
      if (inThread != null) {
        inThread.join();
      }
      if (timedOut.get()) {
        throw new GitException("git " + subcommand(args) + " timed out after " + TIMEOUT_SECONDS
            + " s in " + dir);
      }
      ok = true;
      return new Result(exit, null, firstLines(stderr));
    } catch (IOException e) {
      if (timedOut.get()) {
        throw new GitException("git " + subcommand(args) + " timed out after " + TIMEOUT_SECONDS
            + " s in " + dir, e);
      }
      throw new GitException("reading the output of git " + subcommand(args) + " in " + dir
          + " failed: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new GitException("interrupted while git " + subcommand(args) + " ran in " + dir, e);
    } finally {
      watchdog.cancel(false);
      if (!ok) {
        kill(process);
      }
    }
  }

  private static void configure(Map<String, String> env) {
    REMOVED_VARIABLES.forEach(env::remove);
    env.put("LC_ALL", "C");
    env.put("GIT_TERMINAL_PROMPT", "0");
    env.put("GIT_PAGER", "cat");
    env.put("PAGER", "cat");
    // Authorship must come from the commits as they are, not from local replacement objects.
    env.put("GIT_NO_REPLACE_OBJECTS", "1");
    // Read-only commands must not take the index lock from under a concurrent git.
    env.put("GIT_OPTIONAL_LOCKS", "0");
  }

  private static Thread daemon(Runnable task, String name) {
    Thread t = new Thread(task, name);
    t.setDaemon(true);
    t.start();
    return t;
  }

  private static void feed(OutputStream stdin, byte[] bytes) {
    try (OutputStream out = stdin) {
      out.write(bytes);
    } catch (IOException ignored) {
      // git stopped reading (it failed, or needed no more): its exit code tells the story
    }
  }

  private static void kill(Process process) {
    process.descendants().forEach(ProcessHandle::destroyForcibly);
    process.destroyForcibly();
  }

  private static String subcommand(List<String> args) {
    for (int i = 0; i < args.size(); i++) {
      String a = args.get(i);
      if (a.equals("-c")) {
        i++;
      } else if (!a.startsWith("-")) {
        return a;
      }
    }
    return "";
  }

  private static File nullDevice() {
    boolean windows = System.getProperty("os.name", "").toLowerCase(Locale.ROOT).contains("win");
    return new File(windows ? "NUL" : "/dev/null");
  }

  /** Keeps the start of standard error (where git says what went wrong) and drains the rest. */
  private static void keepStart(InputStream stderr, ByteArrayOutputStream kept) {
    byte[] buf = new byte[8192];
    try (InputStream s = stderr) {
      int n;
      while ((n = s.read(buf)) >= 0) {
        int room = STDERR_KEEP_BYTES - kept.size();
        if (room > 0) {
          kept.write(buf, 0, Math.min(room, n));
        }
      }
    } catch (IOException ignored) {
      // the process was killed; what we have is all there is
    }
  }

  private static String firstLines(ByteArrayOutputStream kept) {
    return Arrays.stream(kept.toString(StandardCharsets.UTF_8).split("\n")).map(String::strip)
        .filter(t -> !t.isEmpty()).limit(STDERR_LINES_SHOWN).collect(Collectors.joining(" / "));
  }
}
