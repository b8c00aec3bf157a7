package dev.plangate.core.io;

import java.io.IOException;

/**
 * An input file plangate refuses to read: missing, not a regular file (a FIFO, a device, a
 * directory, a socket), or larger than the limit for its kind. The message is one line naming the
 * file and the reason. It is an {@link IOException} so that every reader's existing "cannot read"
 * path fails closed with it; readers that know it use {@link #reason()} in their own message.
 */
public final class InputFileException extends IOException {
  private final String file;
  private final String reason;

  public InputFileException(String file, String reason) {
    super(file + ": " + reason);
    this.file = file;
    this.reason = reason;
  }

  /** How the file was named by the user. */
  public String file() {
    return file;
  }

  /** Why it is refused, without the file name. */
  public String reason() {
    return reason;
  }
}
