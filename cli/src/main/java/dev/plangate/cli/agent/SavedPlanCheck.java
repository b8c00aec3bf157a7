package dev.plangate.cli.agent;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Optional;

/**
 * Refuses, before anything opens it, a saved plan that cannot be read in bounded time: a FIFO,
 * a device ({@code /dev/zero}, {@code /dev/stdin}), a directory, or a file larger than any plan
 * plangate reads. Opening a FIFO blocks until a writer comes; reading {@code /dev/zero} never
 * ends; either keeps the hook past the agent's timeout, and a hook that times out does not
 * block the command.
 *
 * <p>A local check until the core's bounded-file utility lands (branch io-closed); the
 * coordinator swaps this for it.
 */
public final class SavedPlanCheck {
  /** Larger than any saved plan or plan JSON plangate is built to read. */
  public static final long MAX_BYTES = 4L << 30;

  private SavedPlanCheck() {}

  /** Why {@code file} is not a plan plangate may open, or empty when it is. */
  public static Optional<String> problem(Path file) {
    Path real;
    try {
      real = file.toRealPath(); // follows symlinks: the target is what would be read
    } catch (IOException | SecurityException e) {
      return Optional.empty(); // missing: reading it fails at once with its own message
    }
    BasicFileAttributes a;
    try {
      a = Files.readAttributes(real, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
    } catch (IOException | SecurityException e) {
      return Optional.of("the saved plan " + file + " cannot be examined (" + e.getMessage()
          + ")");
    }
    if (!a.isRegularFile()) {
      String kind = a.isDirectory() ? "a directory" : a.isOther()
          ? "a FIFO, socket or device" : "not a regular file";
      return Optional.of("the saved plan " + file + (real.equals(file) ? "" : " (" + real + ")")
          + " is " + kind + "; plangate reads only regular files, so it cannot judge it");
    }
    if (a.size() > MAX_BYTES) {
      return Optional.of("the saved plan " + file + " is " + a.size() + " bytes, more than"
          + " the " + MAX_BYTES + " plangate reads");
    }
    return Optional.empty();
  }
}
