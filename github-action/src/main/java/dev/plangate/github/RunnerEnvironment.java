package dev.plangate.github;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.plangate.core.io.InputFile;
import dev.plangate.core.io.InputFileException;
import dev.plangate.core.io.StrictJson;
import dev.plangate.platform.ApiText;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * A typed view of the variables a GitHub Actions runner sets (pass {@code System.getenv()} in
 * production, a map in tests). Getters for optional variables return empty when the variable is
 * unset or blank; the ones a PR gate cannot work without ({@link #repository()},
 * {@link #readEvent()}) throw a {@link RunnerEnvironmentException} that names the variable.
 */
public final class RunnerEnvironment {
  /** The largest event file read; real payloads are tens of KiB, a PR with 3000 labels ~2 MiB. */
  public static final long MAX_EVENT_BYTES = 25L * 1024 * 1024;
  private static final ObjectMapper MAPPER = StrictJson.mapper();

  private final Map<String, String> env;

  public RunnerEnvironment(Map<String, String> env) {
    this.env = Map.copyOf(env);
  }

  /** A variable, empty when unset or blank. */
  public Optional<String> get(String name) {
    String v = env.get(name);
    return v == null || v.isBlank() ? Optional.empty() : Optional.of(v);
  }

  /** {@code GITHUB_ACTIONS=true}: running as a GitHub Actions step. */
  public boolean isGitHubActions() {
    return "true".equals(env.get("GITHUB_ACTIONS"));
  }

  /** {@code GITHUB_EVENT_NAME}: {@code pull_request}, {@code push}, … */
  public Optional<String> eventName() {
    return get("GITHUB_EVENT_NAME");
  }

  /** {@code GITHUB_EVENT_PATH}: the webhook payload that started the workflow. */
  public Optional<Path> eventPath() {
    return path("GITHUB_EVENT_PATH");
  }

  /** {@code GITHUB_REPOSITORY}, validated. */
  public RepositoryName repository() throws RunnerEnvironmentException {
    String v = get("GITHUB_REPOSITORY").orElseThrow(() -> new RunnerEnvironmentException(
        "GITHUB_REPOSITORY is not set: it should name the repository as owner/repo"));
    try {
      return RepositoryName.parse(v.strip());
    } catch (IllegalArgumentException e) {
      throw new RunnerEnvironmentException("GITHUB_REPOSITORY is " + e.getMessage());
    }
  }

  /** {@code GITHUB_API_URL}, {@value GitHubApi#DEFAULT_BASE_URL} when unset. */
  public String apiUrl() {
    return get("GITHUB_API_URL").map(String::strip).orElse(GitHubApi.DEFAULT_BASE_URL);
  }

  /** {@code GITHUB_TOKEN}; workflows pass it through {@code env:}, the runner does not set it. */
  public Optional<String> token() {
    return get("GITHUB_TOKEN").map(String::strip);
  }

  /** {@code GITHUB_STEP_SUMMARY}: the file {@link StepSummary} appends to. */
  public Optional<Path> stepSummaryFile() {
    return path("GITHUB_STEP_SUMMARY");
  }

  /** {@code GITHUB_OUTPUT}: the file {@link StepOutputs} appends to. */
  public Optional<Path> outputFile() {
    return path("GITHUB_OUTPUT");
  }

  /**
   * Reads and parses the file {@code GITHUB_EVENT_PATH} names.
   *
   * @throws RunnerEnvironmentException when the variable is unset, or the file is missing, too
   *     large, unreadable, not JSON or not an object
   */
  public ObjectNode readEvent() throws RunnerEnvironmentException {
    Path p = eventPath().orElseThrow(() -> new RunnerEnvironmentException(
        "GITHUB_EVENT_PATH is not set: the gate needs the event payload of a GitHub Actions run"));
    return readEvent(p);
  }

  /** Reads and parses an event payload file; the checks of {@link #readEvent()}. */
  public static ObjectNode readEvent(Path file) throws RunnerEnvironmentException {
    String name = "event file " + file;
    if (Files.notExists(file)) {
      throw new RunnerEnvironmentException(name + " (GITHUB_EVENT_PATH) does not exist");
    }
    JsonNode root;
    try {
      // A regular file only, bounded even if it grows while being read.
      byte[] bytes = InputFile.readAllBytes(file, name, MAX_EVENT_BYTES);
      if (bytes.length == 0) {
        throw new RunnerEnvironmentException(name + " is empty");
      }
      root = MAPPER.readTree(bytes);
    } catch (JsonProcessingException e) {
      var loc = e.getLocation();
      throw new RunnerEnvironmentException(name + " is not JSON: "
          + ApiText.clean(String.valueOf(e.getOriginalMessage()).lines().findFirst().orElse(""),
              150)
          + (loc == null ? "" : " (line " + loc.getLineNr() + ", column " + loc.getColumnNr()
              + ")"));
    } catch (InputFileException e) {
      throw new RunnerEnvironmentException(e.getMessage());
    } catch (IOException e) {
      throw new RunnerEnvironmentException("cannot read " + name + ": " + e.getMessage());
    }
    if (root == null || !root.isObject()) {
      throw new RunnerEnvironmentException(name + " is not a JSON object");
    }
    return (ObjectNode) root;
  }

  /** A path variable; a value no path can have (a NUL) throws InvalidPathException. */
  private Optional<Path> path(String variable) {
    return get(variable).map(Path::of);
  }
}
