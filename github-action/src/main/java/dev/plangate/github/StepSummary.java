package dev.plangate.github;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Objects;

/**
 * Appends Markdown to the job summary file ({@code GITHUB_STEP_SUMMARY}) without passing
 * GitHub's limit of 1024 KiB per step: the runner drops a larger summary entirely ("supports
 * content up to a size of 1024k"), so a report that would not fit is cut, at the end of a line
 * where possible and never inside a UTF-8 sequence, and ends with a line saying so.
 *
 * <p>The file belongs to the current step, so what is already in it (earlier appends) counts
 * against the limit.
 */
public final class StepSummary {
  /** GitHub's limit for one step's summary, in UTF-8 bytes. */
  public static final int MAX_BYTES = 1024 * 1024;

  /** What {@link #append} did. */
  public enum Outcome {
    /** Everything was appended. */
    WRITTEN,
    /** The start of the Markdown was appended, then the truncation line. */
    TRUNCATED,
    /** Nothing was appended: not even the truncation line fits any more. */
    FULL
  }

  private final Path file;
  private final int maxBytes;

  /** A summary in {@code file}, the path {@code GITHUB_STEP_SUMMARY} names. */
  public StepSummary(Path file) {
    this(file, MAX_BYTES);
  }

  StepSummary(Path file, int maxBytes) {
    this.file = Objects.requireNonNull(file, "file");
    this.maxBytes = maxBytes;
  }

  /**
   * Appends {@code markdown}, or as much of it as fits followed by a blockquote line
   * "<b>Cut short:</b> this summary reached GitHub's 1024 KiB limit. {@code whereIsTheRest}".
   * A code fence left open by the cut is closed first, so the line renders as text.
   *
   * @param whereIsTheRest one sentence telling the reader where the full report is, e.g. "The
   *     full report is in the job log."
   */
  public Outcome append(String markdown, String whereIsTheRest) throws IOException {
    byte[] bytes = markdown.getBytes(StandardCharsets.UTF_8);
    long used;
    try {
      used = Files.size(file);
    } catch (NoSuchFileException e) {
      used = 0;
    }
    long available = maxBytes - used;
    if (bytes.length <= available) {
      write(bytes);
      return Outcome.WRITTEN;
    }
    String note = "\n> **Cut short:** this summary reached GitHub's " + (maxBytes / 1024)
        + " KiB limit. " + whereIsTheRest.replaceAll("[\\r\\n]+", " ").strip() + "\n";
    byte[] noteBytes = note.getBytes(StandardCharsets.UTF_8);
    long budget = available - noteBytes.length - 1;
    while (budget > 0) {
      int cut = cutPoint(bytes, (int) budget);
      byte[] out = withTail(bytes, cut, noteBytes);
      if (out.length <= available) {
        write(out);
        return Outcome.TRUNCATED;
      }
      budget -= out.length - available;
    }
    byte[] alone = withTail(bytes, 0, noteBytes);
    if (alone.length <= available) {
      write(alone);
      return Outcome.TRUNCATED;
    }
    return Outcome.FULL;
  }

  /**
   * Where to cut {@code bytes} to keep at most {@code budget} of them: after the last line feed
   * (a 0x0A byte is never inside a UTF-8 sequence) unless that would drop more than half of the
   * budget, else at the last character boundary.
   */
  static int cutPoint(byte[] bytes, int budget) {
    if (budget >= bytes.length) {
      return bytes.length;
    }
    int b = budget;
    while (b > 0 && (bytes[b] & 0xC0) == 0x80) {
      b--; // bytes[b] continues a sequence: keeping [0, b) would split it
    }
    for (int i = b - 1; i >= 0 && i + 1 >= b / 2; i--) {
      if (bytes[i] == '\n') {
        return i + 1;
      }
    }
    return b;
  }

  /** The kept bytes, a line break if needed, a fence closing an open code block, the note. */
  private static byte[] withTail(byte[] bytes, int cut, byte[] note) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(cut + note.length + 16);
    out.write(bytes, 0, cut);
    if (cut > 0 && bytes[cut - 1] != '\n') {
      out.write('\n');
    }
    String fence = openFence(new String(bytes, 0, cut, StandardCharsets.UTF_8));
    if (fence != null) {
      out.writeBytes((fence + "\n").getBytes(StandardCharsets.UTF_8));
    }
    out.writeBytes(note);
    return out.toByteArray();
  }

  /** The fence (``` or ~~~, any length) of a code block still open at the end, or null. */
  static String openFence(String markdown) {
    String open = null;
    for (String line : markdown.split("\n", -1)) {
      String t = line.stripLeading();
      if (line.length() - t.length() > 3) {
        continue; // indented four or more: code, not a fence
      }
      int run = 0;
      char c = t.isEmpty() ? 0 : t.charAt(0);
      if (c != '`' && c != '~') {
        continue;
      }
      while (run < t.length() && t.charAt(run) == c) {
        run++;
      }
      if (run < 3) {
        continue;
      }
      if (open == null) {
        open = t.substring(0, run);
      } else if (open.charAt(0) == c && run >= open.length() && t.substring(run).isBlank()) {
        open = null;
      }
    }
    return open;
  }

  private void write(byte[] bytes) throws IOException {
    Files.write(file, bytes, StandardOpenOption.CREATE, StandardOpenOption.APPEND,
        StandardOpenOption.WRITE);
  }
}
