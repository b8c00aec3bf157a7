package dev.plangate.core.agent;

import dev.plangate.core.plan.PlanReadException;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * Makes the plan an apply without a saved plan would carry out: {@code terraform plan -out} into
 * a temporary file in the same directory (where the configuration, its providers and its state
 * are), with the apply's own variables, targets and replacements, so the plan is the one the
 * apply would make.
 */
public final class PlanProducer {
  /** Apply options that shape the plan; each is copied to {@code plan} as written. */
  private static final Set<String> PLAN_SHAPING = Set.of("-var", "-var-file", "-target",
      "-replace", "-destroy", "-refresh", "-refresh-only", "-parallelism", "-lock",
      "-lock-timeout", "-compact-warnings");

  private final long timeoutSeconds;
  private final Map<String, String> environment;

  /**
   * @param timeoutSeconds how long {@code terraform plan} may take before the hook gives up
   *     (and asks the person instead)
   * @param environment extra variables for terraform (automation mode, no prompts)
   */
  public PlanProducer(long timeoutSeconds, Map<String, String> environment) {
    this.timeoutSeconds = timeoutSeconds;
    this.environment = Map.copyOf(environment);
  }

  /** The plan options among an apply's arguments, in order, option values kept with them. */
  static List<String> planOptions(List<String> applyArgs) {
    List<String> out = new ArrayList<>();
    for (int i = 0; i < applyArgs.size(); i++) {
      String a = applyArgs.get(i);
      if (!a.startsWith("-")) {
        continue;
      }
      String name = a.replaceFirst("^--", "-");
      int eq = name.indexOf('=');
      String bare = eq < 0 ? name : name.substring(0, eq);
      if (!PLAN_SHAPING.contains(bare)) {
        continue;
      }
      out.add(name);
      boolean takesValue = eq < 0 && !bare.equals("-destroy") && !bare.equals("-refresh-only")
          && !bare.equals("-compact-warnings");
      if (takesValue && i + 1 < applyArgs.size()) {
        out.add(applyArgs.get(++i));
      }
    }
    return out;
  }

  /**
   * Runs {@code BINARY plan -input=false -out=TMP OPTIONS} in {@code dir} and returns the saved
   * plan; the caller deletes it.
   *
   * @throws PlanReadException when terraform fails, times out or cannot be started, with its
   *     own error line
   */
  public Path plan(String binary, Path dir, List<String> options) throws PlanReadException {
    Path out = dir.resolve(".plangate-" + UUID.randomUUID() + ".tfplan");
    String name = binary + " plan in " + dir;
    List<String> cmd = new ArrayList<>(List.of(binary, "plan", "-input=false", "-no-color",
        "-out=" + out.getFileName()));
    cmd.addAll(options);
    try {
      Path log = Files.createTempFile("plangate-plan-", ".log");
      try {
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile())
            .redirectErrorStream(true).redirectOutput(log.toFile())
            .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        pb.environment().putAll(environment);
        Process p = pb.start();
        if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
          p.destroyForcibly();
          Files.deleteIfExists(out);
          throw new PlanReadException(name, "did not finish within " + timeoutSeconds
              + " seconds");
        }
        if (p.exitValue() != 0 || !Files.isRegularFile(out)) {
          Files.deleteIfExists(out);
          throw new PlanReadException(name, "failed (exit " + p.exitValue() + "): "
              + errorLine(Files.readString(log, StandardCharsets.UTF_8)));
        }
        return out;
      } finally {
        Files.deleteIfExists(log);
      }
    } catch (IOException e) {
      throw new PlanReadException(name, "cannot run it: " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new PlanReadException(name, "interrupted");
    }
  }

  /** Terraform's "Error: ..." line, else the last non-empty line. */
  static String errorLine(String log) {
    String last = "";
    for (String line : log.lines().map(String::strip).toList()) {
      if (line.startsWith("Error:")) {
        return line;
      }
      if (!line.isEmpty()) {
        last = line;
      }
    }
    return last.isEmpty() ? "no output" : last;
  }
}
