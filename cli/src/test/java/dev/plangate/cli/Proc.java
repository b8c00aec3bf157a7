package dev.plangate.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** A real process, as an agent or a shell starts it: exit code, output, and how long it took. */
record Proc(int exit, String out, String err, long millis) {
  static Proc run(List<String> command, Path dir, Map<String, String> env, String stdin,
      long timeoutSeconds) throws IOException, InterruptedException {
    Path in = Files.createTempFile("proc-", ".in");
    Path out = Files.createTempFile("proc-", ".out");
    Path err = Files.createTempFile("proc-", ".err");
    try {
      Files.writeString(in, stdin == null ? "" : stdin, StandardCharsets.UTF_8);
      ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile())
          .redirectInput(in.toFile()).redirectOutput(out.toFile()).redirectError(err.toFile());
      env.forEach((k, v) -> {
        if (v == null) {
          pb.environment().remove(k); // a null value: the variable is unset
        } else {
          pb.environment().put(k, v);
        }
      });
      long start = System.nanoTime();
      Process p = pb.start();
      if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
        p.descendants().forEach(ProcessHandle::destroyForcibly);
        p.destroyForcibly();
        throw new AssertionError(command + " did not finish within " + timeoutSeconds + " s");
      }
      long millis = (System.nanoTime() - start) / 1_000_000;
      return new Proc(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
          Files.readString(err, StandardCharsets.UTF_8), millis);
    } finally {
      Files.deleteIfExists(in);
      Files.deleteIfExists(out);
      Files.deleteIfExists(err);
    }
  }

  /** Non-empty lines of standard error. */
  List<String> errLines() {
    return err.lines().filter(l -> !l.isBlank()).toList();
  }

  /** This JVM's class path: the launcher runs plangate from it (PLANGATE_CLASSPATH). */
  static String classPath() {
    return System.getProperty("java.class.path");
  }

  /** The java of this JVM. */
  static String javaHome() {
    return System.getProperty("java.home");
  }
}
