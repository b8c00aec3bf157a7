package dev.plangate.core.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** One scratch file per fuzz test, rewritten for every input (the readers read paths). */
public final class FuzzFiles {
  private FuzzFiles() {}

  /** A new empty temporary file, deleted when the JVM exits. */
  public static Path scratch(String suffix) {
    try {
      Path f = Files.createTempFile("plangate-fuzz-", suffix);
      f.toFile().deleteOnExit();
      return f;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Writes {@code data} to {@code file}, replacing what was there. */
  public static Path write(Path file, byte[] data) {
    try {
      return Files.write(file, data);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
