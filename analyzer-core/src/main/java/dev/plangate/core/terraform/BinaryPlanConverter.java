package dev.plangate.core.terraform;

import dev.plangate.core.plan.PlanReadException;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Converts a saved binary plan (a zip file written by {@code terraform plan -out}) to JSON with
 * {@code terraform show -json} or {@code tofu show -json}, run in the plan's directory so that the
 * initialised providers and modules there are found.
 */
public final class BinaryPlanConverter {
  private static final byte[] ZIP_MAGIC = {'P', 'K', 3, 4};
  private static final long TIMEOUT_MINUTES = 30;

  private BinaryPlanConverter() {}

  /** True when the file starts like a zip archive, as saved plans do. */
  public static boolean isBinaryPlan(Path file) {
    try (InputStream in = Files.newInputStream(file)) {
      byte[] head = in.readNBytes(4);
      return java.util.Arrays.equals(head, ZIP_MAGIC);
    } catch (IOException e) {
      return false;
    }
  }

  /** Writes the plan's JSON to a temporary file and returns it; the caller deletes it. */
  public static Path toJson(Path plan, String displayName) throws PlanReadException {
    Optional<Path> tool = findTool();
    if (tool.isEmpty()) {
      throw new PlanReadException(displayName, "is a binary plan file, and neither terraform nor"
          + " tofu is on PATH to convert it; run `terraform show -json " + displayName
          + " > plan.json` and pass plan.json");
    }
    Path dir = plan.toAbsolutePath().getParent();
    try {
      Path json = Files.createTempFile("plangate-", ".json");
      Path err = Files.createTempFile("plangate-", ".err");
      try {
        Process p = new ProcessBuilder(List.of(tool.get().toString(), "show", "-json", "-no-color",
            plan.toAbsolutePath().toString()))
            .directory(dir.toFile())
            .redirectOutput(json.toFile())
            .redirectError(err.toFile())
            .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
            .start();
        if (!p.waitFor(TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
          p.destroyForcibly();
          throw new PlanReadException(displayName, tool.get().getFileName()
              + " show -json did not finish within " + TIMEOUT_MINUTES + " minutes");
        }
        if (p.exitValue() != 0) {
          String why = firstMeaningfulLine(Files.readString(err, StandardCharsets.UTF_8));
          throw new PlanReadException(displayName, tool.get().getFileName()
              + " show -json failed (exit " + p.exitValue() + "): " + why);
        }
        return json;
      } catch (PlanReadException | RuntimeException e) {
        Files.deleteIfExists(json);
        throw e;
      } finally {
        Files.deleteIfExists(err);
      }
    } catch (IOException e) {
      throw new PlanReadException(displayName, "cannot convert binary plan: " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new PlanReadException(displayName, "interrupted while converting the binary plan");
    }
  }

  /** Terraform's own "Error: ..." line when there is one, else the first non-empty line. */
  private static String firstMeaningfulLine(String s) {
    for (String line : s.split("\n")) {
      String t = line.replaceAll("\u001b\\[[0-9;]*m", "").replaceAll("^[\\s│╷╵]+", "").trim();
      if (t.startsWith("Error:")) {
        return t;
      }
    }
    for (String line : s.split("\n")) {
      String t = line.replaceAll("\u001b\\[[0-9;]*m", "").replaceAll("^[\\s│╷╵]+", "").trim();
      if (!t.isEmpty()) {
        return t;
      }
    }
    return "no error output";
  }

  private static Optional<Path> findTool() {
    String path = System.getenv("PATH");
    if (path == null) {
      return Optional.empty();
    }
    for (String name : List.of("terraform", "tofu")) {
      for (String dir : path.split(File.pathSeparator)) {
        Path candidate = Path.of(dir, name);
        if (Files.isExecutable(candidate)) {
          return Optional.of(candidate);
        }
      }
    }
    return Optional.empty();
  }
}
