package dev.plangate.core.testing;

import java.nio.file.Files;
import java.nio.file.Path;

/** Locates {@code ../shared} beside the checkout, where the plan corpus and tools live. */
public final class SharedCorpus {
  private SharedCorpus() {}

  public static Path root() {
    String prop = System.getProperty("plangate.shared");
    Path p = prop != null ? Path.of(prop) : Path.of("..", "..", "shared");
    if (!Files.isDirectory(p)) {
      p = Path.of("..", "shared");
    }
    if (!Files.isDirectory(p)) {
      throw new IllegalStateException("shared/ not found beside the checkout (looked at " + prop
          + "); the corpus tests need it");
    }
    return p.toAbsolutePath().normalize();
  }

  public static Path terraform() {
    return root().resolve("corpus/terraform");
  }
}
