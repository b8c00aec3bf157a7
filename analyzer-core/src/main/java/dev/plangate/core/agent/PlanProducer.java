package dev.plangate.core.agent;

import dev.plangate.core.plan.ExternalTool;
import dev.plangate.core.plan.PlanReadException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

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

  /** Terraform in automation mode: no prompts, no "run terraform apply" hints. */
  private static final Map<String, String> AUTOMATION =
      Map.of("TF_IN_AUTOMATION", "1", "TF_INPUT", "0");

  private final long timeoutSeconds;

  /**
   * @param timeoutSeconds how long {@code terraform plan} may take before the hook gives up
   *     (and asks the person instead)
   */
  public PlanProducer(long timeoutSeconds) {
    this.timeoutSeconds = timeoutSeconds;
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
    List<String> cmd = new ArrayList<>(List.of(binary, "plan", "-input=false", "-no-color",
        "-out=" + out.getFileName()));
    cmd.addAll(options);
    String name = binary + " plan in " + dir;
    try {
      ExternalTool.Finished done = ExternalTool.run(name, cmd, dir, AUTOMATION, timeoutSeconds,
          null);
      if (done.exit() != 0 || !Files.isRegularFile(out)) {
        throw new PlanReadException(name, "failed (exit " + done.exit() + "): "
            + done.errorLine());
      }
      return out;
    } catch (PlanReadException | RuntimeException e) {
      discard(out);
      throw e;
    }
  }

  /** Deletes a plan {@link #plan} made, if it can. */
  static void discard(Path plan) {
    try {
      Files.deleteIfExists(plan);
    } catch (IOException ignored) {
      // a leftover .plangate-*.tfplan is harmless and named for what it is
    }
  }
}
