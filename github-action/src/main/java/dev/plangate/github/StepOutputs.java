package dev.plangate.github;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * Sets step outputs by appending to the file {@code GITHUB_OUTPUT} names. Every value is written
 * in the heredoc form, as actions/toolkit's {@code core.setOutput} does:
 * <pre>
 * name&lt;&lt;ghadelimiter_9c5b…
 * value, any number of lines
 * ghadelimiter_9c5b…
 * </pre>
 * The delimiter is a fresh random UUID per value, so text from a plan or a commit message cannot
 * end the value early and inject other outputs; a value that contains its delimiter is refused.
 */
public final class StepOutputs {
  private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_-]*");

  private final Path file;
  private final Supplier<String> delimiters;

  /** Outputs in {@code file}, the path {@code GITHUB_OUTPUT} names. */
  public StepOutputs(Path file) {
    this(file, () -> "ghadelimiter_" + UUID.randomUUID());
  }

  StepOutputs(Path file, Supplier<String> delimiters) {
    this.file = Objects.requireNonNull(file, "file");
    this.delimiters = delimiters;
  }

  /**
   * Appends output {@code name}; a later value for the same name wins.
   *
   * @param value any text, multi-line included; null is the empty string
   * @throws IllegalArgumentException if the name is not {@code [A-Za-z_][A-Za-z0-9_-]*} or the
   *     value contains the delimiter
   */
  public void set(String name, String value) throws IOException {
    if (name == null || !NAME.matcher(name).matches()) {
      throw new IllegalArgumentException("not a valid output name: " + name);
    }
    String v = value == null ? "" : value;
    String delimiter = delimiters.get();
    if (v.contains(delimiter)) {
      throw new IllegalArgumentException("the value of output " + name
          + " contains the delimiter " + delimiter + "; refusing to write it");
    }
    String entry = name + "<<" + delimiter + "\n" + v + "\n" + delimiter + "\n";
    Files.writeString(file, entry, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
        StandardOpenOption.APPEND, StandardOpenOption.WRITE);
  }
}
