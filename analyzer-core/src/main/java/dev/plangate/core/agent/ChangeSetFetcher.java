package dev.plangate.core.agent;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.plangate.core.plan.PlanReadException;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Fetches the change set an {@code aws cloudformation execute-change-set} would execute, with
 * the same AWS CLI, profile and region: {@code describe-change-set --include-property-values},
 * every page. Used only when an {@code aws} binary is on the agent's PATH.
 */
public final class ChangeSetFetcher {
  /** Options of execute-change-set that describe-change-set does not take. */
  private static final Set<String> EXECUTE_ONLY_FLAGS = Set.of("--disable-rollback",
      "--no-disable-rollback", "--retain-except-on-create", "--no-retain-except-on-create");
  private static final Set<String> EXECUTE_ONLY_WITH_VALUE = Set.of("--client-request-token");
  private static final int MAX_PAGES = 20;
  private static final ObjectMapper JSON = new ObjectMapper();

  private final long timeoutSeconds;

  public ChangeSetFetcher(long timeoutSeconds) {
    this.timeoutSeconds = timeoutSeconds;
  }

  /** The {@code aws} executable on {@code PATH} (from {@code environment}), if any. */
  public static Optional<Path> findAws(Map<String, String> environment) {
    String path = environment.getOrDefault("PATH", System.getenv("PATH"));
    if (path == null) {
      return Optional.empty();
    }
    for (String dir : path.split(File.pathSeparator)) {
      if (dir.isEmpty()) {
        continue;
      }
      Path aws = Path.of(dir, "aws");
      if (Files.isRegularFile(aws) && Files.isExecutable(aws)) {
        return Optional.of(aws);
      }
    }
    return Optional.empty();
  }

  /** The describe-change-set arguments for an execute-change-set's arguments. */
  static List<String> describeArgs(List<String> executeArgs) {
    List<String> out = new ArrayList<>();
    for (int i = 0; i < executeArgs.size(); i++) {
      String a = executeArgs.get(i);
      String name = a.contains("=") ? a.substring(0, a.indexOf('=')) : a;
      if (EXECUTE_ONLY_FLAGS.contains(name)) {
        continue;
      }
      if (EXECUTE_ONLY_WITH_VALUE.contains(name)) {
        i += a.contains("=") ? 0 : 1;
        continue;
      }
      out.add(a.equals("execute-change-set") ? "describe-change-set" : a);
    }
    out.addAll(List.of("--include-property-values", "--output", "json"));
    return out;
  }

  /**
   * Writes every page of the change set to a temporary file and returns them; the caller
   * deletes them.
   *
   * @throws PlanReadException when the AWS CLI fails or times out, with its own message
   */
  public List<Path> fetch(Path aws, List<String> executeArgs, Path dir) throws PlanReadException {
    List<Path> pages = new ArrayList<>();
    List<String> args = describeArgs(executeArgs);
    String token = null;
    try {
      do {
        List<String> cmd = new ArrayList<>();
        cmd.add(aws.toString());
        cmd.addAll(args);
        if (token != null) {
          cmd.addAll(List.of("--next-token", token));
        }
        Path page = Files.createTempFile("plangate-changeset-", ".json");
        pages.add(page);
        run(cmd, dir, page);
        JsonNode doc = JSON.readTree(page.toFile());
        token = doc == null || !doc.path("NextToken").isTextual() ? null
            : doc.path("NextToken").textValue();
      } while (token != null && pages.size() < MAX_PAGES);
      if (token != null) {
        throw new PlanReadException("aws cloudformation describe-change-set", "the change set"
            + " has more than " + MAX_PAGES + " pages");
      }
      return pages;
    } catch (IOException | PlanReadException e) {
      pages.forEach(p -> p.toFile().delete());
      throw e instanceof PlanReadException pre ? pre
          : new PlanReadException("aws cloudformation describe-change-set", e.getMessage());
    }
  }

  private void run(List<String> cmd, Path dir, Path out) throws PlanReadException, IOException {
    Path err = Files.createTempFile("plangate-aws-", ".err");
    try {
      Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectOutput(out.toFile())
          .redirectError(err.toFile())
          .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
      if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new PlanReadException("aws cloudformation describe-change-set", "did not finish"
            + " within " + timeoutSeconds + " seconds");
      }
      if (p.exitValue() != 0) {
        throw new PlanReadException("aws cloudformation describe-change-set", "failed (exit "
            + p.exitValue() + "): " + PlanProducer.errorLine(Files.readString(err,
            StandardCharsets.UTF_8)));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new PlanReadException("aws cloudformation describe-change-set", "interrupted");
    } finally {
      Files.deleteIfExists(err);
    }
  }
}
