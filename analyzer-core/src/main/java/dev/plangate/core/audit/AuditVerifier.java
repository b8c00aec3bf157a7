package dev.plangate.core.audit;

import com.fasterxml.jackson.databind.JsonNode;
import dev.plangate.core.audit.AuditLine.AuditLineException;
import dev.plangate.core.io.InputFile;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;

/**
 * Checks an audit log line by line, streaming (memory stays at one line however long the log),
 * and stops at the first problem:
 *
 * <ul>
 *   <li>a line that does not end in a newline (a truncated write), is empty, longer than
 *       {@link AuditLog#MAX_LINE_BYTES} or not a JSON object;
 *   <li>{@code seq} other than the line number (a line removed, inserted, repeated or moved);
 *   <li>{@code prev} other than the hash of the line before (a line edited, removed or moved);
 *   <li>JSON that is not an audit line (a field missing or mistyped, an unknown decision).
 * </ul>
 *
 * <p>What it cannot see: the last lines removed (or the whole log rewritten with a consistent
 * chain). Compare {@link AuditVerification#head()} and {@link AuditVerification#count()} with
 * values recorded elsewhere for that.
 */
public final class AuditVerifier {
  private AuditVerifier() {}

  /**
   * Verifies the log in {@code file}.
   *
   * @throws IOException when the file cannot be opened or read (missing, a directory, no
   *     permission): a problem with the input, not a verdict on the log; an
   *     {@link dev.plangate.core.io.InputFileException} when it is not a regular file (a FIFO, a
   *     device, a symlink to one) or larger than {@link InputFile#MAX_AUDIT_LOG_BYTES}
   */
  public static AuditVerification verify(Path file) throws IOException {
    return verify(file, null);
  }

  /**
   * Verifies the log in {@code file} and looks for the line whose hash is {@code recordedHead}
   * (a head recorded earlier): {@link AuditVerification#recordedHeadLine()} says where it is, 0
   * when it is gone.
   *
   * @param recordedHead lower-case hex SHA-256, or null
   * @throws IOException when the file cannot be opened or read
   */
  public static AuditVerification verify(Path file, String recordedHead) throws IOException {
    try (InputStream in = InputFile.open(file, file.toString(), InputFile.MAX_AUDIT_LOG_BYTES)) {
      return verify(in, recordedHead);
    }
  }

  /**
   * Verifies a log read from {@code in}, which is not closed.
   *
   * @param recordedHead as for {@link #verify(Path, String)}, or null
   */
  public static AuditVerification verify(InputStream in, String recordedHead)
      throws IOException {
    long recordedHeadLine = 0;
    byte[] chunk = new byte[65536];
    ByteArrayOutputStream line = new ByteArrayOutputStream(1024);
    long number = 0;
    String head = AuditLog.GENESIS;
    boolean tooLong = false;
    int n;
    while ((n = in.read(chunk)) != -1) {
      int from = 0;
      for (int i = 0; i < n; i++) {
        if (chunk[i] != '\n') {
          continue;
        }
        tooLong |= append(line, chunk, from, i - from);
        from = i + 1;
        number++;
        if (tooLong) {
          return new AuditVerification(number - 1, head, number,
              "longer than " + AuditLog.MAX_LINE_BYTES + " bytes", recordedHeadLine);
        }
        byte[] bytes = line.toByteArray();
        line.reset();
        String problem = problem(bytes, number, head);
        if (problem != null) {
          return new AuditVerification(number - 1, head, number, problem,
              recordedHeadLine);
        }
        head = AuditLog.sha256(bytes);
        if (head.equals(recordedHead)) {
          recordedHeadLine = number;
        }
      }
      tooLong |= append(line, chunk, from, n - from);
      if (tooLong) {
        // No newline within the limit: nothing after it can repair the line, so stop reading.
        return new AuditVerification(number, head, number + 1,
            "longer than " + AuditLog.MAX_LINE_BYTES + " bytes", recordedHeadLine);
      }
    }
    if (line.size() > 0 || tooLong) {
      return new AuditVerification(number, head, number + 1,
          "no newline at end (truncated write)", recordedHeadLine);
    }
    return AuditVerification.ok(number, head, recordedHeadLine);
  }

  /** Adds to the line unless it is already too long; true when it is. */
  private static boolean append(ByteArrayOutputStream line, byte[] b, int off, int len) {
    if (line.size() + (long) len > AuditLog.MAX_LINE_BYTES) {
      return true;
    }
    line.write(b, off, len);
    return false;
  }

  /** What is wrong with line {@code number}, whose predecessor hashes to {@code prevHash}. */
  private static String problem(byte[] bytes, long number, String prevHash) {
    if (bytes.length == 0) {
      return "empty line";
    }
    try {
      JsonNode tree = AuditLine.tree(bytes);
      long seq = AuditLine.seq(tree);
      if (seq != number) {
        return "seq is " + seq + ", expected " + number + (seq > number
            ? " (a line was removed before it)"
            : " (a line was inserted or moved before it)");
      }
      String prev = AuditLine.prev(tree);
      if (!prev.equals(prevHash)) {
        return number == 1
            ? "prev is not the genesis value " + AuditLog.GENESIS
                + " (the first line was removed or replaced)"
            : "prev does not match the hash of line " + (number - 1) + " (line " + (number - 1)
                + " was edited, or a line was removed or replaced)";
      }
      AuditLine.of(tree);
      return null;
    } catch (AuditLineException e) {
      return e.json() ? e.getMessage() : "not an audit line: " + e.getMessage();
    }
  }
}
