package dev.plangate.core.report;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Compares a rendering with a committed file under {@code src/test/resources/golden/} of the
 * module the test runs in. {@code -Dplangate.golden.update=true} rewrites the files instead;
 * review the diff before committing it. A mismatch fails with the first differing line and a
 * few lines of context, as a unified diff would show them.
 */
public final class Golden {
  public static final String UPDATE = "plangate.golden.update";
  private static final Path ROOT = Path.of("src", "test", "resources", "golden");
  private static final int CONTEXT = 3;

  private Golden() {}

  /** Whether this run rewrites the golden files rather than checking them. */
  public static boolean updating() {
    return Boolean.getBoolean(UPDATE);
  }

  /** {@code actual} must equal the golden file {@code name} (a path below golden/). */
  public static void check(String name, String actual) {
    Path file = ROOT.resolve(name);
    try {
      if (updating()) {
        Files.createDirectories(file.getParent());
        if (!Files.exists(file) || !Files.readString(file, StandardCharsets.UTF_8)
            .equals(actual)) {
          Files.writeString(file, actual, StandardCharsets.UTF_8);
        }
        return;
      }
      if (!Files.exists(file)) {
        fail("no golden file " + file + "; run with -D" + UPDATE + "=true to create it");
      }
      String expected = Files.readString(file, StandardCharsets.UTF_8);
      if (!expected.equals(actual)) {
        fail("rendering differs from " + file + " (run with -D" + UPDATE
            + "=true to accept it):\n" + firstDifference(expected, actual));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The first differing line with context, unified-diff style, control characters shown. */
  static String firstDifference(String expected, String actual) {
    List<String> e = expected.lines().toList();
    List<String> a = actual.lines().toList();
    int i = 0;
    while (i < e.size() && i < a.size() && e.get(i).equals(a.get(i))) {
      i++;
    }
    if (i == e.size() && i == a.size()) {
      return "(the lines agree; the difference is in line endings or a final newline: expected "
          + expected.length() + " characters, got " + actual.length() + ")";
    }
    StringBuilder sb = new StringBuilder();
    int from = Math.max(0, i - CONTEXT);
    sb.append("@@ line ").append(i + 1).append(" @@\n");
    for (int k = from; k < i; k++) {
      sb.append("  ").append(visible(e.get(k))).append('\n');
    }
    for (int k = i; k < Math.min(e.size(), i + CONTEXT); k++) {
      sb.append("- ").append(visible(e.get(k))).append('\n');
    }
    for (int k = i; k < Math.min(a.size(), i + CONTEXT); k++) {
      sb.append("+ ").append(visible(a.get(k))).append('\n');
    }
    if (i >= e.size()) {
      sb.append("(expected ends here)\n");
    }
    if (i >= a.size()) {
      sb.append("(actual ends here)\n");
    }
    return sb.toString();
  }

  private static String visible(String line) {
    StringBuilder sb = new StringBuilder();
    for (char c : line.toCharArray()) {
      if (Character.isISOControl(c) || c == '\u202e') {
        sb.append(String.format("\\u%04x", (int) c));
      } else {
        sb.append(c);
      }
    }
    return sb.toString();
  }
}
