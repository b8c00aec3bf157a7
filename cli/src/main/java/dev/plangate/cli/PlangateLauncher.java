package dev.plangate.cli;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The shell command that runs this very plangate, for the installed hook: the same Java and
 * the same jar (or class path) as the process that installs it, so the hook does not depend on
 * PATH and cannot silently pick up another plangate.
 */
final class PlangateLauncher {
  private PlangateLauncher() {}

  static String command() {
    String java = quote(javaBinary().toString());
    Path jar = jar();
    if (jar != null) {
      return java + " -jar " + quote(jar.toString());
    }
    return java + " -cp " + quote(System.getProperty("java.class.path")) + " "
        + Main.class.getName();
  }

  /**
   * Shell lines that stop the hook with one clear sentence when the Java or the jar it was
   * installed with has gone (a JDK upgrade, a rebuilt checkout): the push is refused rather
   * than let through, and the user is told how to repair it.
   */
  static String presenceChecks() {
    StringBuilder sb = new StringBuilder();
    check(sb, javaBinary(), "-x");
    Path jar = jar();
    if (jar != null) {
      check(sb, jar, "-f");
    }
    return sb.toString();
  }

  private static void check(StringBuilder sb, Path file, String test) {
    String q = quote(file.toString());
    sb.append("[ ").append(test).append(' ').append(q).append(" ] || { echo \"plangate: the")
        .append(" pre-push hook cannot find \"").append(q).append("\"; run plangate hook")
        .append(" install again (git push --no-verify skips the check)\" >&2; exit 1; }\n");
  }

  private static Path javaBinary() {
    return Path.of(System.getProperty("java.home"), "bin", "java");
  }

  /** The jar this plangate runs from, or null when it runs from classes (tests, an IDE). */
  static Path jar() {
    Path location = codeLocation();
    return location != null && Files.isRegularFile(location)
        && location.getFileName().toString().endsWith(".jar") ? location : null;
  }

  private static Path codeLocation() {
    try {
      var source = Main.class.getProtectionDomain().getCodeSource();
      return source == null ? null : Path.of(source.getLocation().toURI());
    } catch (URISyntaxException | SecurityException e) {
      return null;
    }
  }

  /** POSIX single quotes: nothing inside is special except the quote itself. */
  static String quote(String s) {
    return "'" + s.replace("'", "'\\''") + "'";
  }
}
