package dev.plangate.cli.hostile;

import static org.assertj.core.api.Assertions.assertThat;

import dev.plangate.cli.Cli;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Runs the CLI in-process for the hostile-input suite and states what "failing closed" means for
 * every case: the expected non-zero exit code, exactly one non-empty line on standard error that
 * names the reason, and no stack trace.
 */
public final class Hostile {
  private Hostile() {}

  /** What one run printed and returned. */
  public record Outcome(int exit, String out, String err) {
    /** Non-blank lines of stderr, without picocli's usage hint after a usage error. */
    List<String> errLines() {
      return err.lines().filter(l -> !l.isBlank())
          .filter(l -> !(l.startsWith("Run 'plangate ") && l.endsWith("for usage."))).toList();
    }

    @Override
    public String toString() {
      return "exit " + exit + "\n--- stdout\n" + abbreviate(out) + "\n--- stderr\n"
          + abbreviate(err);
    }
  }

  static String abbreviate(String s) {
    return s.length() > 2000 ? s.substring(0, 2000) + "…" : s;
  }

  public static Outcome cli(Map<String, String> env, byte[] stdin, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    PrintWriter o = new PrintWriter(out, true);
    PrintWriter e = new PrintWriter(err, true);
    int code = new Cli(o, e, env, false, new ByteArrayInputStream(stdin)).run(args);
    o.flush();
    e.flush();
    return new Outcome(code, out.toString(), err.toString());
  }

  public static Outcome cli(String... args) {
    return cli(Map.of(), new byte[0], args);
  }

  /**
   * The case failed closed: the exit code expected, one line on standard error containing
   * {@code fragment} (case-insensitive), no stack trace, nothing that reads as a pass.
   */
  public static void assertFailsClosed(Outcome o, int exit, String fragment) {
    assertThat(o.exit()).as("exit code of %s", o).isEqualTo(exit);
    assertThat(o.exit()).as("never a pass: %s", o).isNotZero();
    assertThat(o.errLines()).as("exactly one line on stderr: %s", o).hasSize(1);
    assertThat(o.errLines().get(0)).as("the line names the reason: %s", o)
        .containsIgnoringCase(fragment)
        .doesNotContain("Exception").doesNotContain("\tat ");
    assertThat(o.out()).as("stdout of a refused input: %s", o).doesNotContain("\"pass\"");
  }

  /** The case ended in a decision that is not a pass: exit 1 and the report says why. */
  public static void assertJudged(Outcome o, String fragment) {
    assertThat(o.exit()).as("a destroy is judged: %s", o).isEqualTo(1);
    assertThat(o.out() + o.err()).as("%s", o).containsIgnoringCase(fragment);
  }

  /** A correct pass, and the report names what it let through. */
  public static void assertPassesSaying(Outcome o, String fragment) {
    assertThat(o.exit()).as("%s", o).isZero();
    assertThat(o.out()).as("%s", o).contains(fragment);
  }

  /**
   * A case whose fix is on a branch not merged yet: skipped (reported as such) with the branch
   * and what it fixes, never run, so that a case that hangs today does not leak a spinning
   * thread into the rest of the suite.
   */
  public static void waitsFor(String branchAndWhat) {
    if (branchAndWhat != null && !branchAndWhat.isEmpty()) {
      org.junit.jupiter.api.Assumptions.abort("waits for " + branchAndWhat);
    }
  }

  /**
   * A policy that is refused: exit 2, the header line naming the file, then one line per error;
   * here exactly one error, containing {@code fragment}.
   */
  public static void assertPolicyRefused(Outcome o, String fragment) {
    assertThat(o.exit()).as("exit code of %s", o).isEqualTo(2);
    List<String> lines = o.errLines();
    assertThat(lines).as("a header and one error line: %s", o).hasSizeBetween(1, 2);
    assertThat(lines.get(0)).as("%s", o).startsWith("plangate: error: ");
    assertThat(lines.get(lines.size() - 1)).as("the line names the reason: %s", o)
        .containsIgnoringCase(fragment).doesNotContain("Exception");
    assertThat(o.out()).as("%s", o).isEmpty();
  }

  /** Runs the CLI once so that the first case does not pay for class loading in its timeout. */
  public static void warmUp() {
    cli("check", "--help");
  }

  public static Path write(Path dir, String name, byte[] content) {
    try {
      Path p = dir.resolve(name);
      Files.createDirectories(p.getParent());
      Files.write(p, content);
      return p;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  public static byte[] concat(byte[]... parts) {
    int n = 0;
    for (byte[] p : parts) {
      n += p.length;
    }
    byte[] all = new byte[n];
    int at = 0;
    for (byte[] p : parts) {
      System.arraycopy(p, 0, all, at, p.length);
      at += p.length;
    }
    return all;
  }

  public static String quote(String s) {
    StringBuilder b = new StringBuilder("\"");
    for (char c : s.toCharArray()) {
      if (c == '"' || c == '\\') {
        b.append('\\').append(c);
      } else if (c < 0x20) {
        b.append(String.format("\\u%04x", (int) c));
      } else {
        b.append(c);
      }
    }
    return b.append('"').toString();
  }
}
