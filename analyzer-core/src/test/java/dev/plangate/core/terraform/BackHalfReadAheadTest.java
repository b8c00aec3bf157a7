package dev.plangate.core.terraform;

import static org.assertj.core.api.Assertions.assertThat;

import dev.plangate.core.catalog.ResourceCatalog;
import dev.plangate.core.model.Plan;
import dev.plangate.core.plan.PlanReadException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The back half of a plan read on a second core: taken only where the main pass meets it at an
 * element boundary of resource_changes, and then the plan is exactly the single pass's plan;
 * otherwise the main pass reads on and every error is the single pass's error.
 */
class BackHalfReadAheadTest {
  private static final ResourceCatalog CATALOG = ResourceCatalog.builtin();
  private static final TerraformPlanReader AHEAD = new TerraformPlanReader(CATALOG, 0);
  private static final TerraformPlanReader SINGLE =
      new TerraformPlanReader(CATALOG, Long.MAX_VALUE);
  private static final int N = 40;
  @TempDir Path dir;

  private static String change(int i, String extra) {
    String actions = i % 7 == 3 ? "\"delete\""
        : i % 11 == 5 ? "\"delete\",\"create\"" : "\"no-op\"";
    return "{\"address\":\"aws_instance.app[" + i + "]\",\"mode\":\"managed\","
        + "\"type\":\"aws_instance\",\"name\":\"app\",\"index\":" + i + ",\"change\":{\"actions\":["
        + actions + "],\"before\":{\"id\":\"i-" + i + "\",\"tags\":{\"n\":\"" + i + "\"}},"
        + "\"after\":{\"user_data\":\"" + "u".repeat(200) + "\"}" + extra + "}}";
  }

  /** The plan, with {@code edit} applied to the list of its resource changes. */
  private static String plan(String head, java.util.function.Consumer<List<String>> edit,
      String tail) {
    List<String> changes = new ArrayList<>();
    changes.add("{\"address\":\"aws_vpc.main\",\"mode\":\"managed\",\"type\":\"aws_vpc\","
        + "\"name\":\"main\",\"change\":{\"actions\":[\"delete\"],\"before\":{\"id\":\"v\"}}}");
    for (int i = 0; i < N; i++) {
      changes.add(change(i, ""));
    }
    edit.accept(changes);
    StringBuilder state = new StringBuilder("{\"address\":\"aws_vpc.main\",\"mode\":\"managed\","
        + "\"type\":\"aws_vpc\",\"values\":{}}");
    for (int i = 0; i < N; i++) {
      state.append(",{\"address\":\"aws_instance.app[").append(i).append("]\",\"mode\":\"managed\","
          + "\"type\":\"aws_instance\",\"index\":").append(i).append(",\"values\":{},"
          + "\"depends_on\":[\"aws_vpc.main\"]}");
    }
    return "{\"format_version\":\"1.2\",\"terraform_version\":\"1.9.5\"," + head
        + "\"planned_values\":{\"root_module\":{}},\"resource_changes\":["
        + String.join(",", changes) + "],\"output_changes\":{},"
        + "\"prior_state\":{\"values\":{\"root_module\":{\"resources\":[" + state + "]}}},"
        + "\"configuration\":{\"root_module\":{\"resources\":[{\"address\":\"aws_instance.app\","
        + "\"mode\":\"managed\",\"type\":\"aws_instance\",\"name\":\"app\",\"expressions\":"
        + "{\"subnet\":{\"references\":[\"aws_vpc.main.id\",\"aws_vpc.main\"]}}}]}}"
        + tail + "}";
  }

  private Path write(String json) throws Exception {
    Path f = dir.resolve("plan-" + System.nanoTime() + ".json");
    Files.writeString(f, json);
    return f;
  }

  @Test
  void theBackHalfGivesThePlanASinglePassGives() throws Exception {
    String json = plan("", c -> { }, ",\"deferred_changes\":[{\"resource_change\":"
        + change(99, "") + "}],\"complete\":false,\"resource_drift\":[{}]");
    assertThat(ReadAhead.findBoundary(write(json), json.length() / 2, json.length()))
        .isPositive();
    Path f = write(json);
    Plan single = SINGLE.read(f, "plan.json");
    Plan ahead = AHEAD.read(f, "plan.json");
    assertThat(AHEAD.lastReadUsedBackHalf).isTrue();
    assertThat(SINGLE.lastReadUsedBackHalf).isFalse();
    assertThat(ahead).isEqualTo(single);
    assertThat(ahead.changes()).hasSize(N + 1);
    assertThat(ahead.dependencies().size()).isGreaterThanOrEqualTo(N);
    assertThat(ahead.deferred()).hasSize(1);
    assertThat(ahead.warnings()).anyMatch(w -> w.contains("complete: false"));
  }

  @Test
  void aBoundaryInsideAValueIsAWrongGuessAndIgnored() throws Exception {
    // Every change from the middle on carries a list of objects whose first key is "address":
    // the first "},{"address":"" after the middle is inside a value.
    String nested = ",\"after_unknown\":{\"list\":[{\"address\":\"a\"},{\"address\":\"b\"}]}";
    String json = plan("", c -> {
      for (int i = N / 3; i < c.size(); i++) {
        c.set(i, change(i - 1, nested.repeat(3)));
      }
    }, "");
    Path f = write(json);
    Plan ahead = AHEAD.read(f, "plan.json");
    assertThat(AHEAD.lastReadUsedBackHalf).isFalse();
    assertThat(ahead).isEqualTo(SINGLE.read(f, "plan.json"));
  }

  @Test
  void aKeyInBothHalvesIsReportedWhereASinglePassReportsIt() throws Exception {
    Path f = write(plan("\"errored\":false,", c -> { }, ",\"errored\":true"));
    String single = messageOf(SINGLE, f);
    assertThat(single).contains("the plan has the key \"errored\" twice (line 1, column");
    assertThat(messageOf(AHEAD, f)).isEqualTo(single);
  }

  @Test
  void anErrorInTheBackHalfIsReportedWhereASinglePassReportsIt() throws Exception {
    Path f = write(plan("", c -> c.set(c.size() - 3,
        c.get(c.size() - 3).replace("\"actions\":[\"no-op\"]", "\"actions\":\"no-op\"")), ""));
    String single = messageOf(SINGLE, f);
    assertThat(single).contains("resource_changes[" + (N - 2) + "].change.actions:"
        + " expected an array, found a string (line 1, column");
    assertThat(messageOf(AHEAD, f)).isEqualTo(single);
    Path truncated = write(plan("", c -> { }, "").substring(0, 9000));
    assertThat(messageOf(AHEAD, truncated)).isEqualTo(messageOf(SINGLE, truncated))
        .contains("truncated JSON");
  }

  private static String messageOf(TerraformPlanReader reader, Path f) {
    try {
      reader.read(f, "plan.json");
    } catch (PlanReadException e) {
      return e.getMessage();
    }
    throw new AssertionError("expected an error");
  }
}
