package dev.plangate.cli;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;
import java.util.TreeSet;

/** Plan files named by globs: the policy's {@code plans}, and {@code check --plan} patterns. */
final class PlanFiles {
  private PlanFiles() {}

  /** Whether a {@code --plan} value is a pattern rather than a file name. */
  static boolean isGlob(String value) {
    return value.chars().anyMatch(c -> "*?[{".indexOf(c) >= 0);
  }

  /**
   * The files under {@code root} that match the globs. Each glob is walked only from its
   * literal leading directories ({@code infra/prod/} for {@code infra/prod/**}/plan.json), so a
   * push in a large monorepo does not walk every file; {@code .git} and {@code .terraform} are
   * never entered and symbolic links are not followed.
   */
  static List<Path> find(Path root, List<String> globs) throws IOException {
    TreeSet<Path> found = new TreeSet<>();
    for (String glob : globs) {
      PathMatcher matcher = FileSystems.getDefault().getPathMatcher("glob:" + glob);
      Path start = root.resolve(literalPrefix(glob));
      if (!Files.isDirectory(start, LinkOption.NOFOLLOW_LINKS)) {
        continue;
      }
      Files.walkFileTree(start, new SimpleFileVisitor<>() {
        @Override
        public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
          String name = dir.getFileName() == null ? "" : dir.getFileName().toString();
          return name.equals(".git") || name.equals(".terraform")
              ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
          if (attrs.isRegularFile() && matcher.matches(root.relativize(file))) {
            found.add(file);
          }
          return FileVisitResult.CONTINUE;
        }
      });
    }
    return List.copyOf(found);
  }

  /** The directories of a glob before its first pattern character: {@code infra/prod}. */
  static String literalPrefix(String glob) {
    String[] steps = glob.split("/");
    StringBuilder prefix = new StringBuilder();
    for (int i = 0; i < steps.length - 1; i++) {
      if (steps[i].chars().anyMatch(c -> "*?[{\\".indexOf(c) >= 0)) {
        break;
      }
      prefix.append(i == 0 ? "" : "/").append(steps[i]);
    }
    return prefix.toString();
  }
}
