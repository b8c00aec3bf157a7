package dev.plangate.core.git;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Parses the output of {@code git log -z} in {@link #FORMAT} as it arrives, one commit at a time,
 * so that memory grows with the number of commits and never with the size of one: a commit whose
 * message, trailers and note together exceed {@link #MAX_COMMIT_BYTES} is refused, naming it,
 * rather than read (a hostile commit can carry a message of gigabytes).
 */
final class LogParser {
  /**
   * {@code %H %P %an %ae %cn %ce %ct %B}, trailers, note: each field ends in NUL (which no commit
   * message, name or trailer can contain), the last one with the NUL {@code -z} ends commits with,
   * so a commit is exactly ten fields and a message can hold any other byte. Each trailer is one
   * line (unfolded, so values have no line feed) with key and value split by {@code 0x1f}, which a
   * trailer key cannot contain; a value may contain it, so only the first one splits. A note is a
   * blob and could hold a NUL: the fields would then be misaligned, the sha check of the next
   * commit fails and the read fails, closed. Without a note (or without the notes ref at all)
   * {@code %N} is empty.
   */
  static final String FORMAT = "--format=%H%x00%P%x00%an%x00%ae%x00%cn%x00%ce%x00%ct"
      + "%x00%B%x00%(trailers:only,unfold,key_value_separator=%x1f)%x00%N";

  /** The most one commit may take in the output: message, trailers, note and names together. */
  static final int MAX_COMMIT_BYTES = 4 * 1024 * 1024;

  private static final int FIELDS = 10;
  private static final char KEY_VALUE_SEPARATOR = '\u001f';

  private final String where;
  private final List<Commit> commits = new ArrayList<>();
  private final String[] fields = new String[FIELDS];
  private final ByteArrayOutputStream field = new ByteArrayOutputStream();
  private int fieldIndex;
  private long commitBytes;

  /** @param where names the command and repository in error messages */
  LogParser(String where) {
    this.where = where;
  }

  /** The commits read so far, in output order. */
  List<Commit> commits() {
    return commits;
  }

  void parse(InputStream in) throws IOException, GitException {
    byte[] buf = new byte[64 * 1024];
    int n;
    while ((n = in.read(buf)) >= 0) {
      int start = 0;
      for (int i = 0; i < n; i++) {
        if (buf[i] == 0) {
          append(buf, start, i - start);
          endField();
          start = i + 1;
        }
      }
      append(buf, start, n - start);
    }
    if (fieldIndex != 0 || field.size() != 0) {
      throw unexpected("output ends inside a record");
    }
  }

  private void append(byte[] buf, int from, int length) throws GitException {
    commitBytes += length;
    if (commitBytes > MAX_COMMIT_BYTES) {
      String sha = fieldIndex > 0 ? fields[0] : "(unnamed)";
      throw new GitException("commit " + sha + " in " + where + " is too large to read: its"
          + " message, trailers and note exceed " + (MAX_COMMIT_BYTES >> 20) + " MiB");
    }
    field.write(buf, from, length);
  }

  private void endField() throws GitException {
    fields[fieldIndex++] = field.toString(StandardCharsets.UTF_8);
    field.reset();
    if (fieldIndex == 1 && !GitRepository.isFullSha(fields[0])) {
      throw unexpected("not a commit name: " + fields[0]);
    }
    if (fieldIndex == FIELDS) {
      // the last field's NUL is the one -z writes after each commit
      commits.add(commit());
      fieldIndex = 0;
      commitBytes = 0;
    }
  }

  private Commit commit() throws GitException {
    String[] f = fields;
    String sha = f[0];
    List<String> parents = f[1].isEmpty() ? List.of() : List.of(f[1].split(" "));
    Instant committedAt;
    try {
      committedAt = Instant.ofEpochSecond(Long.parseLong(f[6]));
    } catch (NumberFormatException e) {
      throw unexpected("bad committer date for " + sha);
    }
    String message = f[7];
    int eol = message.indexOf('\n');
    String subject = eol < 0 ? message : message.substring(0, eol);
    String note = stripTrailingNewlines(f[9]);
    return new Commit(sha, parents, f[2], f[3], f[4], f[5], committedAt, subject, message,
        trailers(f[8]), note.isEmpty() ? null : note);
  }

  private static List<Trailer> trailers(String field) {
    List<Trailer> trailers = new ArrayList<>();
    for (String line : field.split("\n")) {
      if (line.isEmpty()) {
        continue;
      }
      int sep = line.indexOf(KEY_VALUE_SEPARATOR);
      trailers.add(sep < 0 ? new Trailer(line, "")
          : new Trailer(line.substring(0, sep), line.substring(sep + 1)));
    }
    return trailers;
  }

  private static String stripTrailingNewlines(String s) {
    int end = s.length();
    while (end > 0 && s.charAt(end - 1) == '\n') {
      end--;
    }
    return s.substring(0, end);
  }

  private GitException unexpected(String what) {
    return new GitException("unexpected output from " + where + " (commit "
        + (commits.size() + 1) + "): " + what);
  }
}
