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
    String java = quote(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    Path location = codeLocation();
    if (location != null && Files.isRegularFile(location)
        && location.getFileName().toString().endsWith(".jar")) {
      return java + " -jar " + quote(location.toString());
    }
    return java + " -cp " + quote(System.getProperty("java.class.path")) + " "
        + Main.class.getName();
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
