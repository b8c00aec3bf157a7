package dev.plangate.core.plan;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * Runs the tools plangate asks for plans ({@code terraform show -json}, {@code terraform plan},
 * {@code aws cloudformation describe-change-set}): found on PATH, standard input closed, a time
 * limit, and the tool's own error line for the message when it fails.
 */
public final class ExternalTool {
  private static final Pattern COLOUR = Pattern.compile("\u001b\\[[0-9;]*m");
  /** Terraform frames its diagnostics in box-drawing characters. */
  private static final Pattern FRAME = Pattern.compile("^[\\s│╷╵]+");

  private ExternalTool() {}

  /**
   * How a run ended.
   *
   * @param exit the exit code
   * @param errors what the tool wrote to standard error (and standard output, when that was not
   *     sent to a file)
   */
  public record Finished(int exit, String errors) {
    /** The tool's "Error: ..." line when there is one, else its first non-empty line. */
    public String errorLine() {
      return ExternalTool.errorLine(errors);
    }
  }

  /** The executable {@code name} in the first directory of {@code path} that has one. */
  public static Optional<Path> onPath(String name, String path) {
    if (path == null) {
      return Optional.empty();
    }
    return Arrays.stream(path.split(File.pathSeparator)).filter(dir -> !dir.isEmpty())
        .map(dir -> Path.of(dir, name))
        .filter(candidate -> Files.isRegularFile(candidate) && Files.isExecutable(candidate))
        .findFirst();
  }

  /**
   * Runs {@code command} in {@code dir}; standard output goes to {@code stdout}, or, when that is
   * null, into {@link Finished#errors()} with standard error.
   *
   * @param name what to call the run in messages ("terraform plan in infra/")
   * @throws PlanReadException when the tool cannot be started, does not finish in time, or the
   *     thread is interrupted
   */
  public static Finished run(String name, List<String> command, Path dir,
      Map<String, String> environment, long timeoutSeconds, Path stdout)
      throws PlanReadException {
    try {
      Path log = Files.createTempFile("plangate-tool-", ".log");
      try {
        ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile())
            .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
            .redirectError(log.toFile());
        if (stdout == null) {
          pb.redirectErrorStream(true).redirectOutput(log.toFile());
        } else {
          pb.redirectOutput(stdout.toFile());
        }
        pb.environment().putAll(environment);
        Process p = pb.start();
        if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
          p.destroyForcibly();
          throw new PlanReadException(name, "did not finish within " + timeoutSeconds
              + " seconds");
        }
        // Leniently decoded: a tool's message is worth showing even with a stray byte in it.
        return new Finished(p.exitValue(),
            new String(Files.readAllBytes(log), StandardCharsets.UTF_8));
      } finally {
        Files.deleteIfExists(log);
      }
    } catch (IOException e) {
      throw new PlanReadException(name, "cannot run it: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new PlanReadException(name, "interrupted");
    }
  }

  /** Terraform's own "Error: ..." line when there is one, else the first non-empty line. */
  public static String errorLine(String output) {
    String first = null;
    for (String line : output.split("\n")) {
      String t = FRAME.matcher(COLOUR.matcher(line).replaceAll("")).replaceAll("").trim();
      if (t.startsWith("Error:")) {
        return t;
      }
      if (first == null && !t.isEmpty()) {
        first = t;
      }
    }
    return first == null ? "no error output" : first;
  }
}
