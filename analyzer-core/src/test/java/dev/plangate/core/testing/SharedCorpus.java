package dev.plangate.core.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Locates the public plan corpus ({@code ../shared/corpus} beside the checkout, or the directory
 * named by {@code -Dplangate.corpus=DIR}). Those files come from other projects and are never
 * copied into this repository, so a clone without them must still build: tests that read them are
 * annotated {@link CorpusTest} and skip when {@link #available()} is false. Nothing here throws
 * when the corpus is absent, so a test class may hold corpus paths in static fields.
 */
public final class SharedCorpus {
  private SharedCorpus() {}

  /** The corpus directory (holding {@code terraform/}, {@code cloudformation/}, {@code pulumi/}). */
  public static Path corpus() {
    String named = System.getProperty("plangate.corpus");
    if (named != null && !named.isBlank() && !named.contains("${")) {
      Path p = Path.of(named);
      String root = System.getProperty("plangate.root");
      if (!p.isAbsolute() && root != null) {
        p = Path.of(root).resolve(p);
      }
      return p.toAbsolutePath().normalize();
    }
    String shared = System.getProperty("plangate.shared");
    Path root = shared != null && !shared.isBlank() ? Path.of(shared) : Path.of("..", "..", "shared");
    return root.resolve("corpus").toAbsolutePath().normalize();
  }

  public static boolean available() {
    return Files.isDirectory(corpus().resolve("terraform"));
  }

  /** Why the corpus tests skip, with what to do about it; empty when the corpus is there. */
  public static Optional<String> absence() {
    return available() ? Optional.empty() : Optional.of("public corpus not found at " + corpus()
        + " (CI has it as ../shared/corpus; run with -Dplangate.corpus=DIR to name it)");
  }

  /** The corpus directory under which formats live: {@code root().resolve("corpus/...")} works. */
  public static Path root() {
    return corpus().getParent();
  }

  public static Path terraform() {
    return corpus().resolve("terraform");
  }
}
