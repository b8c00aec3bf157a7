package dev.plangate.core.terraform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonFactory;
import dev.plangate.core.catalog.ResourceCatalog;
import dev.plangate.core.model.Plan;
import dev.plangate.core.plan.PlanJson;
import dev.plangate.core.plan.PlanReadException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The second core's share of a large plan: where it guesses the back half starts, what it reads,
 * and that whatever goes wrong on it, the main pass gets "nothing read ahead" and never waits
 * forever.
 */
class ReadAheadTest {
  private static final JsonFactory AHEAD_FACTORY = PlanJson.streamingFactoryCheckingKeysItself(
      63, 1_000_000);
  private static final Executor INLINE = Runnable::run;
  @TempDir Path dir;

  private Path write(String text) throws IOException {
    Path f = Files.createTempFile(dir, "plan-", ".json");
    Files.writeString(f, text);
    return f;
  }

  private static final String BOUNDARY = "},{\"address\":\"";

  @Test
  void theBoundaryIsTheFirstBetweenTwoChangesFromTheMiddleOn() throws IOException {
    String head = "{\"resource_changes\":[{\"address\":\"a\"";
    String text = head + BOUNDARY + "b\"" + BOUNDARY + "c\"}]}";
    Path f = write(text);
    int first = text.indexOf(BOUNDARY) + 2;
    int second = text.indexOf(BOUNDARY, first) + 2;
    assertThat(ReadAhead.findBoundary(f, 0, text.length())).isEqualTo(first);
    assertThat(ReadAhead.findBoundary(f, first - 2, text.length())).isEqualTo(first);
    assertThat(ReadAhead.findBoundary(f, first - 1, text.length())).isEqualTo(second);
    // The whole pattern must lie before the end of the search.
    assertThat(ReadAhead.findBoundary(f, first - 1, second + BOUNDARY.length() - 3)).isEqualTo(-1);
    assertThat(ReadAhead.findBoundary(f, first - 1, second + BOUNDARY.length() - 2))
        .isEqualTo(second);
    assertThat(ReadAhead.findBoundary(f, second, text.length())).isEqualTo(-1);
    assertThat(ReadAhead.findBoundary(write("}},{\"address\"\"" + BOUNDARY.substring(1)), 0, 40))
        .isEqualTo(-1);
    // A near miss is no boundary.
    assertThat(ReadAhead.findBoundary(write("},{\"address\":[\"x\"]},{\"addresses\":\"y\"}"), 0,
        40)).isEqualTo(-1);
  }

  @Test
  void theBoundaryIsFoundAcrossTheBlocksTheFileIsReadIn() throws IOException {
    for (int at = (1 << 16) - 16; at <= (1 << 16) + 2; at++) {
      String text = "x".repeat(at) + BOUNDARY + "y".repeat(100);
      Path f = write(text);
      assertThat(ReadAhead.findBoundary(f, 0, text.length())).as("at %d", at).isEqualTo(at + 2);
      assertThat(ReadAhead.findBoundary(f, 10, text.length())).isEqualTo(at + 2);
      Files.delete(f);
    }
    String far = "x".repeat(3 << 16) + BOUNDARY + "}";
    assertThat(ReadAhead.findBoundary(write(far), 5, far.length())).isEqualTo((3 << 16) + 2);
    // A file shorter than it was said to be: the search ends at its end.
    assertThat(ReadAhead.findBoundary(write("x".repeat(100)), 0, 1 << 20)).isEqualTo(-1);
  }

  @Test
  void skippingStopsShortAtTheEndOfTheInput() throws IOException {
    assertThat(ReadAhead.skipFully(new ByteArrayInputStream(new byte[10]), 10)).isTrue();
    assertThat(ReadAhead.skipFully(new ByteArrayInputStream(new byte[10]), 0)).isTrue();
    assertThat(ReadAhead.skipFully(new ByteArrayInputStream(new byte[10]), 11)).isFalse();
    // A stream that skips a little at a time is skipped to the end all the same.
    InputStream slow = new ByteArrayInputStream(new byte[100]) {
      @Override
      public synchronized long skip(long n) {
        return super.skip(Math.min(n, 3));
      }
    };
    assertThat(ReadAhead.skipFully(slow, 99)).isTrue();
    assertThat(slow.read()).isZero();
    assertThat(slow.read()).isEqualTo(-1);
  }

  /** A plan whose back half starts at a known byte, with prior_state after it. */
  private static final String PLAN = "{\"format_version\":\"1.2\",\"resource_changes\":["
      + "{\"address\":\"aws_vpc.a\",\"change\":{\"actions\":[\"delete\"]}},"
      + "{\"address\":\"aws_vpc.b\",\"change\":{\"actions\":[\"no-op\"]}}],"
      + "\"prior_state\":{\"values\":{\"root_module\":{\"resources\":[{\"address\":\"aws_vpc.a\","
      + "\"mode\":\"managed\",\"type\":\"aws_vpc\",\"depends_on\":[\"aws_vpc.b\"]}]}}}}";

  /** A size for {@link #PLAN} whose first boundary is where the search starts. */
  private static long size() {
    return PLAN.indexOf(BOUNDARY) * 100L / ReadAhead.BACK_HALF_FROM_PERCENT;
  }

  @Test
  void theBackHalfIsReadAsADocumentOfItsOwn() throws IOException {
    Path f = write(PLAN);
    long junction = PLAN.indexOf(BOUNDARY) + 2;
    AtomicReference<String> given = new AtomicReference<>();
    ReadAhead<String> ahead = ReadAhead.start(f, "plan.json", size(), doc -> {
      given.set(new String(doc.readAllBytes(), StandardCharsets.UTF_8));
      return "back half";
    }, AHEAD_FACTORY, INLINE);
    assertThat(ahead.junction()).isEqualTo(junction);
    assertThat(given.get()).isEqualTo("{\"resource_changes\":[" + PLAN.substring((int) junction));
    assertThat(ahead.backHalfAt(junction)).isEqualTo("back half");
    assertThat(ahead.backHalfAt(junction + 1)).isNull();
    assertThat(ahead.backHalfAt(-1)).isNull();
    // With the back half read, prior_state is not read on its own.
    assertThat(ahead.priorStateAt(PLAN.indexOf("{\"values\""))).isNull();
  }

  @Test
  void whenTheBackHalfFailsPriorStateIsReadAhead() throws IOException {
    Path f = write(PLAN);
    long open = PLAN.indexOf("{\"values\"");
    for (ReadAhead.BackHalfReader<String> failing : List.<ReadAhead.BackHalfReader<String>>of(
        doc -> {
          throw new IOException("broken");
        },
        doc -> {
          throw new IllegalStateException("broken");
        },
        doc -> null)) {
      ReadAhead<String> ahead = ReadAhead.start(f, "plan.json", size(), failing,
          AHEAD_FACTORY, INLINE);
      assertThat(ahead.backHalfAt(ahead.junction())).isNull();
      PriorStateAhead.Result state = ahead.priorStateAt(open);
      assertThat(state).isNotNull();
      assertThat(state.open()).isEqualTo(open);
      assertThat(state.close()).isEqualTo(PLAN.length() - 2);
      assertThat(state.state()).singleElement().satisfies(
          r -> assertThat(r.dependsOn()).containsExactly("aws_vpc.b"));
      assertThat(ahead.priorStateAt(open + 1)).isNull();
    }
  }

  @Test
  void withoutABoundaryNothingIsReadButPriorState() throws IOException {
    String one = "{\"resource_changes\":[{\"address\":\"a\",\"change\":{\"actions\":[]}}],"
        + "\"prior_state\":{\"values\":{}}}";
    Path f = write(one);
    ReadAhead<String> ahead = ReadAhead.start(f, "plan.json", one.length(), doc -> {
      throw new AssertionError("no back half to read");
    }, AHEAD_FACTORY, INLINE);
    assertThat(ahead.junction()).isEqualTo(-1);
    assertThat(ahead.backHalfAt(-1)).isNull();
    assertThat(ahead.priorStateAt(one.indexOf("{\"values\""))).isNotNull();
    // Nor prior_state when there is none.
    String none = "{\"resource_changes\":[]}";
    ReadAhead<String> nothing = ReadAhead.start(write(none), "plan.json", none.length(),
        doc -> "x", AHEAD_FACTORY, INLINE);
    assertThat(nothing.junction()).isEqualTo(-1);
    assertThat(nothing.priorStateAt(0)).isNull();
  }

  @Test
  void aFileThatIsGoneOrShorterThanSaidGivesNothing() throws IOException {
    Path gone = dir.resolve("gone.json");
    ReadAhead<String> ahead = ReadAhead.start(gone, "plan.json", 1000, doc -> "x",
        AHEAD_FACTORY, INLINE);
    assertThat(ahead.junction()).isEqualTo(-1);
    assertThat(ahead.priorStateAt(0)).isNull();
    // Cut after the search: the junction was found, the back half cannot be read.
    Path f = write(PLAN);
    ReadAhead<String> cut = ReadAhead.start(f, "plan.json", PLAN.length(), doc -> {
      throw new UncheckedIOException(new IOException("cut"));
    }, AHEAD_FACTORY, INLINE);
    assertThat(cut.backHalfAt(cut.junction())).isNull();
  }

  @Test
  void withoutASecondThreadTheMainPassReadsEverything() throws IOException {
    Path f = write(PLAN);
    Executor none = command -> {
      throw new RejectedExecutionException("no threads left");
    };
    ReadAhead<String> ahead = ReadAhead.start(f, "plan.json", PLAN.length(), doc -> "x",
        AHEAD_FACTORY, none);
    assertThat(ahead.junction()).isEqualTo(-1);
    assertThat(ahead.backHalfAt(0)).isNull();
    assertThat(ahead.priorStateAt(0)).isNull();
    Executor noMemory = command -> {
      throw new OutOfMemoryError("unable to create native thread");
    };
    assertThat(ReadAhead.start(f, "plan.json", PLAN.length(), doc -> "x", AHEAD_FACTORY,
        noMemory).junction()).isEqualTo(-1);
  }

  /** An error on the second thread that is not an exception must not leave the main pass waiting. */
  @Test
  void anErrorOnTheSecondThreadDoesNotLeaveTheMainPassWaiting() throws IOException {
    Path f = write(PLAN);
    Executor thread = command -> {
      Thread t = new Thread(() -> {
        try {
          command.run();
        } catch (StackOverflowError expected) {
          // the thread dies of it, as it would
        }
      });
      t.setDaemon(true);
      t.start();
    };
    ReadAhead<String> ahead = ReadAhead.start(f, "plan.json", size(), doc -> {
      throw new StackOverflowError();
    }, AHEAD_FACTORY, thread);
    assertThat(ahead.junction()).isPositive();
    assertThat(ahead.backHalfAt(ahead.junction())).isNull();
    assertThat(ahead.priorStateAt(PLAN.indexOf("{\"values\""))).isNull();
  }

  // ---- through the reader ---------------------------------------------------------------------

  private static final TerraformPlanReader AHEAD =
      new TerraformPlanReader(ResourceCatalog.builtin(), 0);
  private static final TerraformPlanReader SINGLE =
      new TerraformPlanReader(ResourceCatalog.builtin(), Long.MAX_VALUE);

  private static String change(int i, String actions) {
    return "{\"address\":\"aws_instance.app[" + i + "]\",\"type\":\"aws_instance\",\"change\":"
        + "{\"actions\":[" + actions + "],\"before\":{\"id\":\"i-" + i + "\"},\"after\":"
        + "{\"user_data\":\"" + "u".repeat(300) + "\"}}}";
  }

  private static String bigPlan(int n, String tail) {
    StringBuilder changes = new StringBuilder();
    StringBuilder state = new StringBuilder();
    for (int i = 0; i < n; i++) {
      changes.append(i == 0 ? "" : ",").append(change(i, i % 5 == 0 ? "\"delete\"" : "\"no-op\""));
      state.append(i == 0 ? "" : ",").append("{\"address\":\"aws_instance.app[").append(i)
          .append("]\",\"mode\":\"managed\",\"type\":\"aws_instance\",\"depends_on\":"
              + "[\"aws_instance.app\"]}");
    }
    return "{\"format_version\":\"1.2\",\"resource_changes\":[" + changes + "],"
        + "\"prior_state\":{\"values\":{\"root_module\":{\"resources\":[" + state + "]}}},"
        + "\"configuration\":{\"root_module\":{}}" + tail + "}";
  }

  private static String messageOf(TerraformPlanReader reader, Path f) {
    try {
      reader.read(f, "plan.json");
    } catch (PlanReadException e) {
      return e.getMessage();
    }
    throw new AssertionError("expected an error");
  }

  @Test
  void bothPathsGiveTheSamePlanAndLeaveNoThreadRunning() throws Exception {
    Path f = write(bigPlan(60, ",\"errored\":false,\"complete\":true"));
    Plan single = SINGLE.read(f, "plan.json");
    Plan ahead = AHEAD.read(f, "plan.json");
    assertThat(AHEAD.lastReadUsedBackHalf).isTrue();
    assertThat(ahead).isEqualTo(single);
    assertThat(ahead.changes()).hasSize(60);
    assertThat(ahead.dependencies().size()).isEqualTo(60 * 59);
    assertNoReaderThreadLeft();
  }

  @Test
  void errorsInTheBackHalfAreOneInputErrorAsASinglePassGivesThem() throws Exception {
    String good = bigPlan(60, "");
    for (String bad : List.of(
        good.replace("\"aws_instance.app[50]\",\"type\":\"aws_instance\"",
            "\"aws_instance.app[50]\",\"type\":7"),
        good.replace("{\"id\":\"i-55\"}", "{\"id\":\"i-55\" \"x\":1}"),
        good.replace("\"aws_instance.app[58]\",\"type\"", "\"aws_instance.app[58]\",\"type\"}"),
        good.substring(0, good.length() - 40),
        good.replace("\"configuration\":{\"root_module\":{}}",
            "\"configuration\":{\"root_module\":[]}"),
        good.replace("\"format_version\":\"1.2\",", "") + "x",
        good.replace("\"configuration\"", "\"format_version\":\"1.0\",\"configuration\""))) {
      Path f = write(bad);
      String single = messageOf(SINGLE, f);
      assertThat(single).startsWith("plan.json: ").doesNotContain("\n");
      assertThat(messageOf(AHEAD, f)).isEqualTo(single);
    }
    assertNoReaderThreadLeft();
  }

  /** The second core's threads end once the read is over, whatever its outcome. */
  private static void assertNoReaderThreadLeft() throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (readerThreads() > 0 && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    assertThat(readerThreads()).isZero();
  }

  private static long readerThreads() {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(t -> t.getName().equals("plangate-reader") && t.isAlive()).count();
  }

  @Test
  void theSecondCoreOnlyReadsPlansFromTheSizeGiven() throws Exception {
    Path f = write(bigPlan(60, ""));
    TerraformPlanReader justAbove = new TerraformPlanReader(ResourceCatalog.builtin(),
        Files.size(f) + 1);
    justAbove.read(f, "plan.json");
    assertThat(justAbove.lastReadUsedBackHalf).isFalse();
    assertThat(justAbove.lastReadUsedReadAhead).isFalse();
    TerraformPlanReader exactly = new TerraformPlanReader(ResourceCatalog.builtin(),
        Files.size(f));
    exactly.read(f, "plan.json");
    assertThat(exactly.lastReadUsedBackHalf).isTrue();
    assertThatThrownBy(() -> AHEAD.read(dir.resolve("missing.json"), "plan.json"))
        .isInstanceOf(PlanReadException.class).hasMessageContaining("plan.json");
  }

  /** What the top level says after resource_changes, read by the second core, is not lost. */
  @Test
  void whatTheBackHalfSaysAtTheTopLevelReachesThePlan() throws Exception {
    List<String> tails = List.of(",\"terraform_version\":\"1.9.0\"", ",\"errored\":true",
        ",\"complete\":false", ",\"complete\":null", ",\"resource_drift\":[{},{},null]",
        ",\"deferred_changes\":[{\"reason\":\"x\",\"resource_change\":" + change(99,
            "\"delete\"") + "}]", ",\"values\":{}", ",\"planned_values\":{\"a\":[1]}",
        ",\"output_changes\":{}", ",\"unknown_key\":{\"b\":2}");
    for (String tail : tails) {
      String json = bigPlan(60, tail);
      for (String plan : List.of(json, json.replace("\"format_version\":\"1.2\",", "")
          .replace("\"configuration\"", "\"format_version\":\"1.1\",\"configuration\""),
          json.replace("{\"format_version\":\"1.2\",", "{\"format_version\":\"1.2\","
              + (tail.contains("terraform_version") ? "" : "\"terraform_version\":\"1.5.0\",")
              + (tail.contains("errored") ? "" : "\"errored\":false,")))) {
        Path f = write(plan);
        Plan single = SINGLE.read(f, "plan.json");
        Plan ahead = AHEAD.read(f, "plan.json");
        assertThat(AHEAD.lastReadUsedBackHalf).as(tail).isTrue();
        assertThat(ahead).as(tail).isEqualTo(single);
      }
    }
    Plan errored = SINGLE.read(write(bigPlan(60, ",\"errored\":true,\"complete\":false,"
        + "\"terraform_version\":\"1.9.0\",\"resource_drift\":[{}]")), "plan.json");
    assertThat(errored.errored()).isTrue();
    assertThat(errored.complete()).isFalse();
    assertThat(errored.toolVersion()).isEqualTo("1.9.0");
    assertThat(errored.driftCount()).isEqualTo(1);
  }
}
