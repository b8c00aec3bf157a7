package dev.plangate.cli.agent;

import dev.plangate.core.io.InputFile;
import dev.plangate.core.io.InputFileException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Refuses, before anything opens it, a saved plan that cannot be read in bounded time: a FIFO,
 * a device ({@code /dev/zero}, {@code /dev/stdin}), a directory, or a file larger than any plan
 * plangate reads. Opening a FIFO blocks until a writer comes; reading {@code /dev/zero} never
 * ends; either keeps the hook past the agent's timeout. The check is the readers' own
 * ({@link InputFile#check}); only a missing file passes here, since reading it fails at once
 * with its own message.
 */
public final class SavedPlanCheck {
  private SavedPlanCheck() {}

  /** Why {@code file} is not a plan plangate may open, or empty when it is (or is missing). */
  public static Optional<String> problem(Path file) {
    if (!Files.exists(file) && !Files.isSymbolicLink(file)) {
      return Optional.empty();
    }
    try {
      InputFile.check(file, "the saved plan " + file, InputFile.MAX_PLAN_BYTES);
      return Optional.empty();
    } catch (InputFileException e) {
      return Optional.of(e.getMessage());
    }
  }
}
