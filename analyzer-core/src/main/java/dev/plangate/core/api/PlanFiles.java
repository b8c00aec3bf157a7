package dev.plangate.core.api;

import dev.plangate.core.report.Escape;
import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * Plan files named by globs: the policy's {@code plans}, {@code check --plan} patterns and the
 * Maven plugin's {@code plans}.
 */
public final class PlanFiles {
  private PlanFiles() {}

  /** A pattern that matches no file, or a tree that cannot be walked: the message says which. */
  public static final class NoMatchException extends Exception {
    public NoMatchException(String message) {
      super(message);
    }
  }

  /**
   * Each value as a file, or, when it is a pattern and no file has that very name, every file
   * under {@code base} it matches, sorted. A relative value stays relative (resolved against
   * {@code base} by the caller), so reports name files as the user wrote them; an absolute
   * pattern is walked from its root. A pattern that matches nothing is an error, never an empty
   * list: a gate that checks no plan must not pass.
   *
   * @param base the directory relative values are taken from
   * @throws NoMatchException when a pattern matches no file or its tree cannot be read
   */
  public static List<Path> resolve(Path base, List<String> values) throws NoMatchException {
    List<Path> files = new ArrayList<>();
    for (String value : values) {
      Path asFile = Path.of(value);
      if (!isGlob(value) || Files.exists(base.resolve(asFile))) {
        files.add(asFile);
        continue;
      }
      boolean absolute = asFile.isAbsolute();
      Path root = absolute ? asFile.getRoot() : base;
      String pattern = absolute ? root.relativize(asFile).toString() : value;
      try {
        List<Path> matched = find(root, List.of(pattern));
        if (matched.isEmpty()) {
          throw new NoMatchException("no file matches '" + Escape.terminal(value) + "'"
              + (absolute ? "" : " under " + base));
        }
        matched.forEach(m -> files.add(absolute ? m : base.relativize(m)));
      } catch (IllegalArgumentException e) {
        // Not a valid pattern: a file name with brackets. Reading it reports what is wrong.
        files.add(asFile);
      } catch (IOException e) {
        throw new NoMatchException("cannot search for '" + Escape.terminal(value) + "': " + e.getMessage());
      }
    }
    return files;
  }

  /** Whether a plan value is a pattern rather than a file name. */
  public static boolean isGlob(String value) {
    return value.chars().anyMatch(c -> "*?[{".indexOf(c) >= 0);
  }

  /**
   * The files under {@code root} that match the globs. Each glob is walked only from its
   * literal leading directories ({@code infra/prod/} for {@code infra/prod/**}/plan.json), so a
   * push in a large monorepo does not walk every file; {@code .git} and {@code .terraform} are
   * never entered and symbolic links are not followed.
   */
  public static List<Path> find(Path root, List<String> globs) throws IOException {
    TreeSet<Path> found = new TreeSet<>();
    for (String glob : globs) {
      PathMatcher matcher = matcher(glob);
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

  /** Globs with more {@code **}{@code /} steps than this are matched as Java writes them. */
  private static final int MAX_COLLAPSIBLE = 6;

  /**
   * A matcher for a path glob in which a {@code **}{@code /} step matches zero or more
   * directories, as in Ant, gitignore and GitHub's path filters: {@code infra/**}{@code
   * /plan.json} matches {@code infra/plan.json} as well as {@code infra/a/b/plan.json}. Java's own
   * glob needs at least one directory there, so the glob is also tried with each such step
   * left out.
   */
  public static PathMatcher matcher(String glob) {
    List<String> variants = new ArrayList<>();
    collapse(glob, 0, variants);
    List<PathMatcher> matchers = variants.stream()
        .map(v -> FileSystems.getDefault().getPathMatcher("glob:" + v)).toList();
    return path -> matchers.stream().anyMatch(m -> m.matches(path));
  }

  private static void collapse(String glob, int from, List<String> out) {
    int at = nextDoubleStarStep(glob, from);
    if (at < 0 || out.size() >= 1 << MAX_COLLAPSIBLE) {
      out.add(glob);
      return;
    }
    collapse(glob, at + 3, out);
    collapse(glob.substring(0, at) + glob.substring(at + 3), at, out);
  }

  /** Where the next {@code **}{@code /} that is a whole step starts, or -1. */
  private static int nextDoubleStarStep(String glob, int from) {
    for (int i = glob.indexOf("**/", from); i >= 0; i = glob.indexOf("**/", i + 1)) {
      if (i == 0 || glob.charAt(i - 1) == '/') {
        return i;
      }
    }
    return -1;
  }

  /** The directories of a glob before its first pattern character: {@code infra/prod}. */
  public static String literalPrefix(String glob) {
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
