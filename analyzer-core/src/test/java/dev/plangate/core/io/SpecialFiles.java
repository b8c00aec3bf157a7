package dev.plangate.core.io;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** FIFOs and device links for tests; each skips with a message where the platform lacks it. */
public final class SpecialFiles {
  private SpecialFiles() {}

  /** A named pipe made with {@code mkfifo}; the test is skipped when that cannot be done. */
  public static Path fifo(Path dir, String name) throws IOException, InterruptedException {
    Path fifo = dir.resolve(name);
    boolean made;
    try {
      Process p = new ProcessBuilder("mkfifo", fifo.toString()).redirectErrorStream(true).start();
      made = p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0;
    } catch (IOException e) {
      made = false;
    }
    assumeTrue(made, "mkfifo is not available here: FIFO test skipped");
    return fifo;
  }

  /** A symbolic link to {@code /dev/zero}, which never ends; skipped where there is none. */
  public static Path zeroLink(Path dir, String name) throws IOException {
    Path zero = Path.of("/dev/zero");
    assumeTrue(Files.exists(zero), "/dev/zero does not exist here: test skipped");
    try {
      return Files.createSymbolicLink(dir.resolve(name), zero);
    } catch (UnsupportedOperationException | IOException e) {
      assumeTrue(false, "symbolic links cannot be made here: test skipped");
      throw e;
    }
  }
}
