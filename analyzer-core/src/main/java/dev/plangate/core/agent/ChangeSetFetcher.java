package dev.plangate.core.agent;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.plangate.core.plan.ExternalTool;
import dev.plangate.core.plan.PlanReadException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

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
  private static final String NAME = "aws cloudformation describe-change-set";

  private final long timeoutSeconds;

  public ChangeSetFetcher(long timeoutSeconds) {
    this.timeoutSeconds = timeoutSeconds;
  }

  /** The {@code aws} executable on the agent's {@code PATH}, if any. */
  public static Optional<Path> findAws(Map<String, String> environment) {
    return ExternalTool.onPath("aws", environment.getOrDefault("PATH", System.getenv("PATH")));
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
        ExternalTool.Finished done = ExternalTool.run(NAME, cmd, dir, Map.of(), timeoutSeconds,
            page);
        if (done.exit() != 0) {
          throw new PlanReadException(NAME, "failed (exit " + done.exit() + "): "
              + done.errorLine());
        }
        JsonNode doc = JSON.readTree(page.toFile());
        token = doc == null || !doc.path("NextToken").isTextual() ? null
            : doc.path("NextToken").textValue();
      } while (token != null && pages.size() < MAX_PAGES);
      if (token != null) {
        throw new PlanReadException(NAME, "the change set"
            + " has more than " + MAX_PAGES + " pages");
      }
      return pages;
    } catch (IOException | PlanReadException e) {
      pages.forEach(p -> p.toFile().delete());
      throw e instanceof PlanReadException pre ? pre
          : new PlanReadException(NAME, e.getMessage());
    }
  }
}
