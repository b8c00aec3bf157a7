package dev.plangate.core.io;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * The one way plangate opens a file a user named: symlinks are followed, the target must be a
 * regular file, and at most {@code maxBytes} are ever read from it. Anything else is refused with
 * one line before the file is opened, because opening a FIFO blocks until a writer comes, and
 * {@code /dev/zero} or a growing file never ends.
 *
 * <p>The size is checked before opening and again while reading, so a file that grows after the
 * check (or a file swapped for another between check and open) still cannot be read past the
 * limit. A FIFO swapped in between the check and the open could still block; whoever can do that
 * already controls the input.
 */
public final class InputFile {
  /** Plans (Terraform/OpenTofu JSON, Pulumi previews and event logs): real ones reach hundreds of MB. */
  public static final long MAX_PLAN_BYTES = 2L << 30;

  /** Policies, templates, small JSON documents from users and tools. */
  public static final long MAX_DOCUMENT_BYTES = 64L << 20;

  /** The audit log grows by one line per decision; verifying it streams. */
  public static final long MAX_AUDIT_LOG_BYTES = 16L << 30;

  private InputFile() {}

  /**
   * Checks that {@code file} (after following symlinks) is a regular file of at most
   * {@code maxBytes} bytes, and returns its size.
   *
   * @param name how messages name the file (as the user wrote it)
   * @throws InputFileException when it is missing, unreadable, not a regular file or too large
   */
  public static long check(Path file, String name, long maxBytes) throws InputFileException {
    BasicFileAttributes attrs;
    try {
      attrs = Files.readAttributes(file, BasicFileAttributes.class);
    } catch (NoSuchFileException e) {
      throw new InputFileException(name, Files.isSymbolicLink(file)
          ? "is a symbolic link to a file that does not exist" : "file not found");
    } catch (IOException e) {
      throw unreadable(name, e);
    }
    if (!attrs.isRegularFile()) {
      throw new InputFileException(name, "is " + kind(file, attrs)
          + ", not a regular file; plangate reads only regular files");
    }
    if (attrs.size() > maxBytes) {
      throw new InputFileException(name, tooLarge(attrs.size(), maxBytes));
    }
    return attrs.size();
  }

  /**
   * Opens {@code file} for reading after {@link #check}; the stream ends in an
   * {@link InputFileException} as soon as more than {@code maxBytes} would be read.
   */
  public static InputStream open(Path file, String name, long maxBytes)
      throws InputFileException {
    check(file, name, maxBytes);
    InputStream in;
    try {
      in = Files.newInputStream(file);
    } catch (IOException e) {
      throw unreadable(name, e);
    }
    return new Bounded(in, name, maxBytes);
  }

  /** The whole file, within {@code maxBytes}. */
  public static byte[] readAllBytes(Path file, String name, long maxBytes)
      throws InputFileException {
    if (maxBytes > Integer.MAX_VALUE - 16) {
      throw new IllegalArgumentException("a byte array holds at most 2 GiB");
    }
    try (InputStream in = open(file, name, maxBytes)) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw unreadable(name, e);
    }
  }

  /** The whole file as UTF-8 text (malformed bytes become U+FFFD), within {@code maxBytes}. */
  public static String readString(Path file, String name, long maxBytes)
      throws InputFileException {
    return new String(readAllBytes(file, name, maxBytes), StandardCharsets.UTF_8);
  }

  private static InputFileException unreadable(String name, IOException e) {
    if (e instanceof InputFileException f) {
      return f;
    }
    return new InputFileException(name, e instanceof NoSuchFileException ? "file not found"
        : e instanceof AccessDeniedException ? "permission denied"
        : "cannot read: " + e.getMessage());
  }

  /** "16 MiB" for whole mebibytes, else the byte count. */
  static String size(long bytes) {
    if (bytes >= 1L << 30 && bytes % (1L << 30) == 0) {
      return (bytes >> 30) + " GiB";
    }
    if (bytes >= 1L << 20 && bytes % (1L << 20) == 0) {
      return (bytes >> 20) + " MiB";
    }
    return bytes + " bytes";
  }

  private static String tooLarge(long size, long max) {
    return "is " + size + " bytes, more than the " + size(max) + " plangate reads from a file"
        + " of this kind";
  }

  private static String kind(Path file, BasicFileAttributes attrs) {
    String what = attrs.isDirectory() ? "a directory" : otherKind(file);
    if (Files.isSymbolicLink(file)) {
      try {
        return "a symbolic link to " + what + " (" + file.toRealPath() + ")";
      } catch (IOException e) {
        return "a symbolic link to " + what;
      }
    }
    return what;
  }

  /** FIFO, device or socket, from the POSIX file type where the platform tells it. */
  private static String otherKind(Path file) {
    try {
      Object mode = Files.getAttribute(file, "unix:mode");
      if (mode instanceof Integer m) {
        String kind = switch (m & 0170000) {
          case 0010000 -> "a FIFO (named pipe)";
          case 0020000 -> "a character device";
          case 0060000 -> "a block device";
          case 0140000 -> "a socket";
          default -> null;
        };
        if (kind != null) {
          return kind;
        }
      }
    } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
      // Not a POSIX file system: say what is known.
    }
    return "a special file (a pipe, device or socket)";
  }

  /** A stream that refuses to go past its limit. */
  private static final class Bounded extends FilterInputStream {
    private final String name;
    private final long max;
    private long read;

    Bounded(InputStream in, String name, long max) {
      super(in);
      this.name = name;
      this.max = max;
    }

    @Override
    public int read() throws IOException {
      int b = super.read();
      if (b >= 0) {
        count(1);
      }
      return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      // Ask for at most one byte beyond the limit, so a file that grew is noticed at once.
      long room = max - read + 1;
      int n = super.read(b, off, (int) Math.min(len, Math.max(1, room)));
      if (n > 0) {
        count(n);
      }
      return n;
    }

    @Override
    public long skip(long n) throws IOException {
      long s = super.skip(Math.min(n, max - read + 1));
      if (s > 0) {
        count(s);
      }
      return s;
    }

    @Override
    public boolean markSupported() {
      return false;
    }

    private void count(long n) throws InputFileException {
      read += n;
      if (read > max) {
        throw new InputFileException(name, "grew past " + size(max)
            + " while being read; plangate reads at most that much from a file of this kind");
      }
    }
  }
}
