package dev.plangate.core.audit;

import com.fasterxml.jackson.databind.JsonNode;
import dev.plangate.core.audit.AuditLine.AuditLineException;
import dev.plangate.core.io.InputFile;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A tamper-evident, append-only log of gate decisions: one JSON line per {@link AuditEntry},
 * UTF-8 (in fact plain ASCII), each ending in {@code \n}. Every line carries {@code seq}, its
 * 1-based line number, and {@code prev}, the lower-case hex SHA-256 of the previous line's exact
 * bytes without the newline ({@link #GENESIS}, the SHA-256 of nothing, on line 1). Editing,
 * removing, inserting or reordering lines therefore breaks the chain at the first line touched
 * or the line after it, which {@link AuditVerifier} finds; removing the last lines does not, so
 * the head (hash of the last line) is worth recording elsewhere.
 *
 * <p>Appending is safe across threads and processes: each append holds an exclusive lock on the
 * log file (a {@link FileChannel} lock between processes, a lock per file within this JVM, where
 * file locks are per process) while it reads the last line and writes the new one. Only the last
 * line is read, backwards from the end, so appending costs the same however long the log is.
 * Missing parent directories are created; a new log file is created readable and writable by
 * its owner only (0600) where the file system has POSIX permissions.
 */
public final class AuditLog {
  /** {@code prev} of line 1: the SHA-256 of the empty string. */
  public static final String GENESIS =
      "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
  /** Longest line the log writes or reads, newline excluded. */
  public static final int MAX_LINE_BYTES = 1 << 20;

  /** File locks belong to the process; threads of this JVM queue on these instead. */
  private static final ConcurrentHashMap<Path, ReentrantLock> IN_PROCESS =
      new ConcurrentHashMap<>();
  private static final int CHUNK = 8192;

  private final Path file;

  private AuditLog(Path file) {
    this.file = file;
  }

  /** The log in {@code file}; nothing is created or read until the first append. */
  public static AuditLog at(Path file) {
    return new AuditLog(Objects.requireNonNull(file, "file").toAbsolutePath().normalize());
  }

  public Path file() {
    return file;
  }

  /**
   * Appends one line for {@code entry}, numbered and chained after the current last line, and
   * forces it to disk.
   *
   * @return the line written
   * @throws AuditLogException when the last line is damaged (no newline at its end, not an
   *     audit line): nothing is written; {@code plangate audit verify} says more
   * @throws IOException when the file cannot be created, locked, read or written; a write that
   *     fails half-way is cut back off
   */
  public AuditLine append(AuditEntry entry) throws IOException {
    Objects.requireNonNull(entry, "entry");
    create();
    // A FIFO or device in the log's place would block or never end: refuse it before opening.
    InputFile.check(file, file.toString(), InputFile.MAX_AUDIT_LOG_BYTES);
    ReentrantLock local = IN_PROCESS.computeIfAbsent(file.toRealPath(), p -> new ReentrantLock());
    local.lock();
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ,
            StandardOpenOption.WRITE);
        FileLock lock = ch.lock()) {
      long size = ch.size();
      long seq = 1;
      String prev = GENESIS;
      if (size > 0) {
        byte[] last = lastLine(ch, size);
        seq = lastSeq(last) + 1;
        prev = sha256(last);
      }
      AuditLine line = new AuditLine(seq, prev, entry);
      byte[] json = line.toBytes();
      if (json.length > MAX_LINE_BYTES) {
        throw new IllegalStateException("audit line longer than " + MAX_LINE_BYTES + " bytes");
      }
      ByteBuffer buf = ByteBuffer.allocate(json.length + 1).put(json).put((byte) '\n').flip();
      try {
        long at = size;
        while (buf.hasRemaining()) {
          at += ch.write(buf, at);
        }
        ch.force(false);
      } catch (IOException e) {
        try {
          ch.truncate(size);
        } catch (IOException suppressed) {
          e.addSuppressed(suppressed);
        }
        throw e;
      }
      return line;
    } finally {
      local.unlock();
    }
  }

  /** Lower-case hex SHA-256 of {@code bytes}. */
  public static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }

  private void create() throws IOException {
    Path parent = file.getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    if (Files.exists(file)) {
      return;
    }
    try {
      if (file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
        Files.createFile(file, PosixFilePermissions.asFileAttribute(
            PosixFilePermissions.fromString("rw-------")));
      } else {
        Files.createFile(file);
      }
    } catch (FileAlreadyExistsException raced) {
      // Another appender created it first: fine.
    }
  }

  /** The last line's bytes without its newline, read backwards from the end. */
  private byte[] lastLine(FileChannel ch, long size) throws IOException {
    if (readByte(ch, size - 1) != '\n') {
      throw new AuditLogException("the last line of " + file + " has no newline at its end"
          + " (a truncated write or an edit); refusing to append after it");
    }
    long end = size - 1;
    long start = end;
    ByteBuffer buf = ByteBuffer.allocate(CHUNK);
    search:
    while (start > 0 && end - start <= MAX_LINE_BYTES) {
      int n = (int) Math.min(CHUNK, start);
      buf.clear().limit(n);
      readFully(ch, buf, start - n);
      for (int i = n - 1; i >= 0; i--) {
        if (buf.get(i) == '\n') {
          start = start - n + i + 1;
          break search;
        }
      }
      start -= n;
    }
    if (end - start > MAX_LINE_BYTES) {
      throw new AuditLogException("the last line of " + file + " is longer than "
          + MAX_LINE_BYTES + " bytes; refusing to append after it");
    }
    ByteBuffer line = ByteBuffer.allocate((int) (end - start));
    readFully(ch, line, start);
    return Arrays.copyOf(line.array(), line.capacity());
  }

  private long lastSeq(byte[] last) throws AuditLogException {
    try {
      JsonNode tree = AuditLine.tree(last);
      long seq = AuditLine.seq(tree);
      if (seq < 1) {
        throw new AuditLogException("the last line of " + file + " has seq " + seq
            + "; refusing to append after it");
      }
      return seq;
    } catch (AuditLineException e) {
      throw new AuditLogException("the last line of " + file + " is not an audit line ("
          + e.getMessage() + "); refusing to append after it");
    }
  }

  private static byte readByte(FileChannel ch, long at) throws IOException {
    ByteBuffer one = ByteBuffer.allocate(1);
    readFully(ch, one, at);
    return one.get(0);
  }

  private static void readFully(FileChannel ch, ByteBuffer buf, long at) throws IOException {
    long pos = at;
    while (buf.hasRemaining()) {
      int n = ch.read(buf, pos);
      if (n < 0) {
        throw new IOException("unexpected end of file");
      }
      pos += n;
    }
  }
}
