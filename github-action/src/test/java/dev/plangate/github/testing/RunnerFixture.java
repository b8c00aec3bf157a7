package dev.plangate.github.testing;

import com.fasterxml.jackson.databind.JsonNode;
import dev.plangate.github.RunnerEnvironment;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a GitHub Actions runner gives a step, in a temporary directory: the event file, empty
 * {@code GITHUB_STEP_SUMMARY} and {@code GITHUB_OUTPUT} files, a workspace, {@code RUNNER_TEMP},
 * and the environment a runner sets, pointing the API at a fake server. Readers parse what the
 * step wrote back.
 *
 * <pre>{@code
 * RunnerFixture runner = RunnerFixture.create(tempDir, github.baseUrl(), "pull_request", event);
 * RunnerEnvironment env = runner.environment();
 * ... run the step with runner.env() ...
 * assertThat(runner.outputs()).containsEntry("decision", "fail");
 * assertThat(runner.summary()).contains("approval missing");
 * }</pre>
 */
public final class RunnerFixture {
  /** The token the environment carries; shaped like an installation token. */
  public static final String TOKEN = "ghs_FakeTokenForTests0123456789abcdefABCD";
  /** The run id the environment carries. */
  public static final String RUN_ID = "14990012345";

  private final Path dir;
  private final Path eventFile;
  private final Path summaryFile;
  private final Path outputFile;
  private final Path workspace;
  private final Path runnerTemp;
  private final Map<String, String> env = new LinkedHashMap<>();

  private RunnerFixture(Path dir) {
    this.dir = dir;
    this.eventFile = dir.resolve("_github_workflow/event.json");
    this.summaryFile = dir.resolve("_runner_file_commands/step_summary_1a2b3c");
    this.outputFile = dir.resolve("_runner_file_commands/set_output_1a2b3c");
    this.workspace = dir.resolve("work/infra/infra");
    this.runnerTemp = dir.resolve("_temp");
  }

  /**
   * A runner in {@code dir} for an event of {@code eventName} with payload {@code event}, talking
   * to {@code apiUrl}. Variables derived from the payload ({@code GITHUB_REPOSITORY},
   * {@code GITHUB_ACTOR}, {@code GITHUB_HEAD_REF}, …) come from it when present.
   */
  public static RunnerFixture create(Path dir, String apiUrl, String eventName, JsonNode event) {
    RunnerFixture f = new RunnerFixture(dir);
    try {
      for (Path p : new Path[] {f.eventFile.getParent(), f.summaryFile.getParent(), f.workspace,
          f.runnerTemp}) {
        Files.createDirectories(p);
      }
      Files.write(f.summaryFile, new byte[0]);
      Files.write(f.outputFile, new byte[0]);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    f.writeEvent(event);
    String repo = event.path("repository").path("full_name").asText(GitHubFixtures.REPO);
    String actor = event.path("sender").path("login").asText("alice");
    JsonNode pr = event.path("pull_request");
    int number = event.path("number").asInt(pr.path("number").asInt(0));
    Map<String, String> e = f.env;
    e.put("CI", "true");
    e.put("GITHUB_ACTIONS", "true");
    e.put("GITHUB_EVENT_NAME", eventName);
    e.put("GITHUB_EVENT_PATH", f.eventFile.toString());
    e.put("GITHUB_REPOSITORY", repo);
    e.put("GITHUB_REPOSITORY_OWNER", repo.substring(0, repo.indexOf('/')));
    e.put("GITHUB_API_URL", apiUrl);
    e.put("GITHUB_SERVER_URL", "https://github.com");
    e.put("GITHUB_GRAPHQL_URL", apiUrl + "/graphql");
    e.put("GITHUB_TOKEN", TOKEN);
    e.put("GITHUB_STEP_SUMMARY", f.summaryFile.toString());
    e.put("GITHUB_OUTPUT", f.outputFile.toString());
    e.put("GITHUB_RUN_ID", RUN_ID);
    e.put("GITHUB_RUN_NUMBER", "77");
    e.put("GITHUB_RUN_ATTEMPT", "1");
    e.put("GITHUB_WORKFLOW", "plangate");
    e.put("GITHUB_JOB", "gate");
    e.put("GITHUB_ACTOR", actor);
    e.put("GITHUB_TRIGGERING_ACTOR", actor);
    if (number > 0) {
      e.put("GITHUB_REF", "refs/pull/" + number + "/merge");
      e.put("GITHUB_SHA", "5f4e3d2c1b0a99887766554433221100ffeeddcc");
      e.put("GITHUB_HEAD_REF", pr.path("head").path("ref").asText(""));
      e.put("GITHUB_BASE_REF", pr.path("base").path("ref").asText(""));
    }
    e.put("GITHUB_WORKSPACE", f.workspace.toString());
    e.put("RUNNER_TEMP", f.runnerTemp.toString());
    e.put("RUNNER_OS", "Linux");
    return f;
  }

  /** Replaces the event file's content. */
  public RunnerFixture writeEvent(JsonNode event) {
    try {
      Files.writeString(eventFile, event.toPrettyString(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return this;
  }

  /** Sets (or, with null, removes) a variable. */
  public RunnerFixture set(String name, String value) {
    if (value == null) {
      env.remove(name);
    } else {
      env.put(name, value);
    }
    return this;
  }

  /** The environment, as a step would see it (a read-only snapshot). */
  public Map<String, String> env() {
    return Collections.unmodifiableMap(new LinkedHashMap<>(env));
  }

  /** {@link #env()} as a {@link RunnerEnvironment}. */
  public RunnerEnvironment environment() {
    return new RunnerEnvironment(env);
  }

  public Path dir() {
    return dir;
  }

  public Path eventFile() {
    return eventFile;
  }

  public Path summaryFile() {
    return summaryFile;
  }

  public Path outputFile() {
    return outputFile;
  }

  public Path workspace() {
    return workspace;
  }

  public Path runnerTemp() {
    return runnerTemp;
  }

  /** What the step wrote to the summary. */
  public String summary() {
    try {
      return Files.readString(summaryFile, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The outputs the step set, parsed as the runner does; a later value for a name wins. */
  public Map<String, String> outputs() {
    try {
      return parseOutputs(Files.readString(outputFile, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Parses {@code GITHUB_OUTPUT} content like the runner: {@code name=value} lines (when the
   * {@code =} comes before any {@code <<}) and {@code name<<DELIM} … {@code DELIM} blocks.
   *
   * @throws IllegalStateException on a line the runner would reject or an unterminated block
   */
  public static Map<String, String> parseOutputs(String content) {
    Map<String, String> out = new LinkedHashMap<>();
    String[] lines = content.split("\r?\n", -1);
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i];
      if (line.isEmpty()) {
        continue;
      }
      int eq = line.indexOf('=');
      int heredoc = line.indexOf("<<");
      if (eq >= 0 && (heredoc < 0 || eq < heredoc)) {
        out.put(requireName(line.substring(0, eq), line), line.substring(eq + 1));
      } else if (heredoc > 0) {
        String name = requireName(line.substring(0, heredoc), line);
        String delimiter = line.substring(heredoc + 2);
        if (delimiter.isEmpty()) {
          throw new IllegalStateException("empty delimiter: " + line);
        }
        StringBuilder value = new StringBuilder();
        int j = i + 1;
        for (; j < lines.length && !lines[j].equals(delimiter); j++) {
          value.append(j == i + 1 ? "" : "\n").append(lines[j]);
        }
        if (j == lines.length) {
          throw new IllegalStateException("no closing delimiter " + delimiter + " for " + name);
        }
        out.put(name, value.toString());
        i = j;
      } else {
        throw new IllegalStateException("not an output line: " + line);
      }
    }
    return out;
  }

  private static String requireName(String name, String line) {
    if (name.isEmpty()) {
      throw new IllegalStateException("output without a name: " + line);
    }
    return name;
  }
}
