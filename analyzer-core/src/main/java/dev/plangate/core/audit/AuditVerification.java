package dev.plangate.core.audit;

import java.nio.file.Path;

/**
 * What {@link AuditVerifier} found.
 *
 * @param count lines that verified: all of them when {@link #ok()}, else those before the
 *     problem
 * @param head SHA-256 of the last line that verified ({@link AuditLog#GENESIS} for none): record
 *     it elsewhere to detect a later removal of the last lines
 * @param problemLine the 1-based line the problem is on, or 0 when ok
 * @param problem what is wrong there, or null when ok
 * @param recordedHeadLine the line whose hash is the head recorded earlier and given to
 *     {@link AuditVerifier#verify(Path, String)}, or 0 when none was given or no verified line
 *     has that hash
 */
public record AuditVerification(long count, String head, long problemLine, String problem,
    long recordedHeadLine) {

  static AuditVerification ok(long count, String head, long recordedHeadLine) {
    return new AuditVerification(count, head, 0, null, recordedHeadLine);
  }

  public boolean ok() {
    return problem == null;
  }

  /** {@code ok: 3 entries, head 5f1c...} or {@code line 7: prev does not match ...}. */
  public String message() {
    return ok()
        ? "ok: " + count + (count == 1 ? " entry" : " entries") + ", head " + head
        : "line " + problemLine + ": " + problem;
  }
}
