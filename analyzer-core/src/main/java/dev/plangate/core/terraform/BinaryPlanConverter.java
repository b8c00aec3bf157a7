package dev.plangate.core.terraform;

import dev.plangate.core.io.InputFile;
import dev.plangate.core.plan.ExternalTool;
import dev.plangate.core.plan.PlanReadException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Converts a saved binary plan (a zip file written by {@code terraform plan -out}) to JSON with
 * {@code terraform show -json} or {@code tofu show -json}, run in the plan's directory so that the
 * initialised providers and modules there are found.
 */
public final class BinaryPlanConverter {
  private static final byte[] ZIP_MAGIC = {'P', 'K', 3, 4};
  private static final long TIMEOUT_MINUTES = 30;

  private BinaryPlanConverter() {}

  /**
   * True when the file starts like a zip archive, as saved plans do; false for anything that is
   * not a regular file within the plan size limit (the JSON reader then names the problem).
   */
  public static boolean isBinaryPlan(Path file) {
    try (InputStream in = InputFile.open(file, file.toString(), InputFile.MAX_PLAN_BYTES)) {
      byte[] head = in.readNBytes(4);
      return java.util.Arrays.equals(head, ZIP_MAGIC);
    } catch (IOException e) {
      return false;
    }
  }

  /** Writes the plan's JSON to a temporary file and returns it; the caller deletes it. */
  public static Path toJson(Path plan, String displayName) throws PlanReadException {
    Optional<Path> tool = ExternalTool.onPath("terraform", System.getenv("PATH"))
        .or(() -> ExternalTool.onPath("tofu", System.getenv("PATH")));
    if (tool.isEmpty()) {
      throw new PlanReadException(displayName, "is a binary plan file, and neither terraform nor"
          + " tofu is on PATH to convert it; run `terraform show -json " + displayName
          + " > plan.json` and pass plan.json");
    }
    Path json;
    try {
      json = Files.createTempFile("plangate-", ".json");
    } catch (IOException e) {
      throw new PlanReadException(displayName, "cannot convert binary plan: " + e.getMessage());
    }
    String name = tool.get().getFileName() + " show -json";
    try {
      ExternalTool.Finished done = ExternalTool.run(displayName, List.of(tool.get().toString(),
          "show", "-json", "-no-color", plan.toAbsolutePath().toString()),
          plan.toAbsolutePath().getParent(), Map.of(), TIMEOUT_MINUTES * 60, json);
      if (done.exit() != 0) {
        throw new PlanReadException(displayName, name + " failed (exit " + done.exit() + "): "
            + done.errorLine());
      }
      return json;
    } catch (PlanReadException | RuntimeException e) {
      try {
        Files.deleteIfExists(json);
      } catch (IOException ignored) {
        // a leftover temp file is harmless
      }
      throw e;
    }
  }
}
