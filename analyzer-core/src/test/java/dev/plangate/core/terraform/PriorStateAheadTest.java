package dev.plangate.core.terraform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.plangate.core.catalog.ResourceCatalog;
import dev.plangate.core.model.Plan;
import dev.plangate.core.plan.PlanReadException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * prior_state read on a second core: used only when the guess is right, and then the plan is
 * the one a single pass reads; when the guess is wrong or the state cannot be read, the single
 * pass reads it and says what is wrong exactly where it would have.
 */
class PriorStateAheadTest {
  private static final ResourceCatalog CATALOG = ResourceCatalog.builtin();
  private static final TerraformPlanReader AHEAD = new TerraformPlanReader(CATALOG, 0);
  private static final TerraformPlanReader SINGLE =
      new TerraformPlanReader(CATALOG, Long.MAX_VALUE);
  @TempDir Path dir;

  private static final String CHANGES = "\"resource_changes\":["
      + "{\"address\":\"aws_vpc.main\",\"type\":\"aws_vpc\",\"change\":{\"actions\":[\"delete\"],"
      + "\"before\":{\"id\":\"vpc-1\"}}},"
      + "{\"address\":\"aws_subnet.a\",\"type\":\"aws_subnet\","
      + "\"change\":{\"actions\":[\"no-op\"]}}]";

  /** The subnet depends on the VPC only through prior_state's depends_on. */
  private static final String STATE = "\"prior_state\":{\"format_version\":\"1.0\",\"values\":"
      + "{\"root_module\":{\"resources\":[{\"address\":\"aws_vpc.main\",\"mode\":\"managed\","
      + "\"type\":\"aws_vpc\",\"values\":{\"id\":\"vpc-1\",\"tags\":{\"a\":\"b\"}}},"
      + "{\"address\":\"aws_subnet.a\",\"mode\":\"managed\",\"type\":\"aws_subnet\","
      + "\"values\":{\"policy\":\"{\\\"prior_state\\\":{}}\"},"
      + "\"depends_on\":[\"aws_vpc.main\"]}]}}}";

  private Path write(String json) throws Exception {
    Path f = dir.resolve("plan-" + System.nanoTime() + ".json");
    Files.writeString(f, json);
    return f;
  }

  private static String plan(String... parts) {
    return "{\"format_version\":\"1.2\"," + String.join(",", parts) + "}";
  }

  private static void assertSamePlan(Plan ahead, Plan single) {
    assertThat(ahead.changes()).isEqualTo(single.changes());
    assertThat(ahead.dependencies()).isEqualTo(single.dependencies());
  }

  @Test
  void stateReadAheadGivesThePlanASinglePassGives() throws Exception {
    Path f = write(plan(CHANGES, STATE, "\"configuration\":{\"root_module\":{}}"));
    Plan single = SINGLE.read(f, "plan.json");
    Plan ahead = AHEAD.read(f, "plan.json");
    assertThat(AHEAD.lastReadUsedReadAhead).isTrue();
    assertThat(SINGLE.lastReadUsedReadAhead).isFalse();
    assertSamePlan(ahead, single);
    // The edge from prior_state is there: without it the subnet would not depend on the VPC.
    assertThat(ahead.dependencies().size()).isPositive();
  }

  @Test
  void aLaterNestedPriorStateKeyIsAWrongGuessAndIgnored() throws Exception {
    // The last "prior_state" key is an input of a module call: the guess reads that object
    // (successfully, as a state with no resources) and the main pass must not use it.
    String config = "\"configuration\":{\"root_module\":{\"module_calls\":{\"m\":{"
        + "\"expressions\":{\"prior_state\":{\"references\":[\"var.x\"]}}}}}}";
    Path f = write(plan(CHANGES, STATE, config));
    Plan ahead = AHEAD.read(f, "plan.json");
    assertThat(AHEAD.lastReadUsedReadAhead).isFalse();
    assertSamePlan(ahead, SINGLE.read(f, "plan.json"));
    assertThat(ahead.dependencies().size()).isPositive();
  }

  @Test
  void aStateThatCannotBeReadIsReportedByTheSinglePassWhereItIs() throws Exception {
    String bad = STATE.replace("\"depends_on\":[\"aws_vpc.main\"]", "\"depends_on\":\"x\"");
    Path f = write(plan(CHANGES, bad));
    String single = messageOf(SINGLE, f);
    assertThat(single).contains("prior_state.values.root_module.resources[1].depends_on:"
        + " expected an array, found a string (line 1, column");
    assertThat(messageOf(AHEAD, f)).isEqualTo(single);
    Path broken = write(plan(CHANGES,
        STATE.replace("\"tags\":{\"a\":\"b\"}", "\"tags\":{\"a\" \"b\"}")));
    assertThat(messageOf(AHEAD, broken)).isEqualTo(messageOf(SINGLE, broken))
        .contains("not valid JSON");
  }

  @Test
  void positionsAfterTheStateAreThoseOfASinglePass() throws Exception {
    // Pretty-printed over several lines, with an error after prior_state.
    String pretty = plan(CHANGES, STATE.replace("{\\\"prior_state\\\":{}}", "p")
        .replace(",", ",\n  ").replace("{", "{\r\n"),
        "\"configuration\": {\"root_module\": []}");
    Path f = write(pretty);
    String single = messageOf(SINGLE, f);
    assertThat(single).contains("configuration.root_module: expected an object");
    assertThat(messageOf(AHEAD, f)).isEqualTo(single);
    assertThat(AHEAD.lastReadUsedReadAhead).isTrue();
    Path sameLine = write(plan(CHANGES, STATE, "\"configuration\": {\"root_module\": []}"));
    assertThat(messageOf(AHEAD, sameLine)).isEqualTo(messageOf(SINGLE, sameLine));
    assertThat(AHEAD.lastReadUsedReadAhead).isTrue();
  }

  @Test
  void theKeyIsFoundAcrossTheSearchBlocks() throws Exception {
    // The search reads 1 MiB blocks from the end; put the key on and around a block boundary.
    for (int shift = -20; shift <= 20; shift += 4) {
      int pad = (1 << 20) - STATE.length() + shift;
      String config = "\"configuration\":{\"root_module\":{},\"pad\":\"" + "p".repeat(pad) + "\"}";
      Path f = write(plan(CHANGES, STATE, config));
      Plan ahead = AHEAD.read(f, "plan.json");
      assertThat(AHEAD.lastReadUsedReadAhead).as("shift %d", shift).isTrue();
      assertSamePlan(ahead, SINGLE.read(f, "plan.json"));
      Files.delete(f);
    }
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
  void noPriorStateIsNoGuess() throws Exception {
    Path f = write(plan(CHANGES));
    assertThat(PriorStateAhead.findLastObjectAfterKey(f)).isEqualTo(-1);
    assertSamePlan(AHEAD.read(f, "plan.json"), SINGLE.read(f, "plan.json"));
    assertThatThrownBy(() -> AHEAD.read(write(plan(CHANGES, STATE, STATE)), "plan.json"))
        .isInstanceOf(PlanReadException.class)
        .hasMessageContaining("the plan has the key \"prior_state\" twice");
  }

  @Test
  void theObjectAfterTheLastPriorStateKeyIsFound() throws Exception {
    String spaced = "{\"a\":1,\"prior_state\" \t\r\n: \n {\"values\":{}}}";
    assertThat(PriorStateAhead.findLastObjectAfterKey(write(spaced)))
        .isEqualTo(spaced.indexOf("{\"values\""));
    // Whitespace longer than one read between the colon and the object.
    String wide = "{\"prior_state\":" + " ".repeat(200) + "{}}";
    assertThat(PriorStateAhead.findLastObjectAfterKey(write(wide))).isEqualTo(wide.length() - 3);
    // The last key is not followed by an object: the one before is taken.
    String later = "{\"prior_state\":{},\"x\":{\"prior_state\":[1]},\"y\":\"prior_state\"}";
    assertThat(PriorStateAhead.findLastObjectAfterKey(write(later))).isEqualTo(15);
    for (String none : new String[] {"{\"prior_state\"", "{\"prior_state\" ", "{\"prior_state\":",
        "{\"prior_state\"{}}", "{\"prior_state\"::{}}", "{\"prior_state\": null}",
        "{\"prior_stat\":{}}", "{prior_state\":{}}", "", "{}"}) {
      assertThat(PriorStateAhead.findLastObjectAfterKey(write(none))).as(none).isEqualTo(-1);
    }
    assertThat(PriorStateAhead.findLastObjectAfterKey(write("\"prior_state\":{"))).isEqualTo(14);
  }

  @Test
  void theStateReadAheadKnowsWhereItsObjectEnds() throws Exception {
    String state = "{\n  \"values\": {\"root_module\": {\"resources\": [\n"
        + "    {\"address\": \"aws_vpc.a\", \"mode\": \"managed\", \"type\": \"aws_vpc\"}]}}\n  }";
    String doc = "{\"prior_state\": " + state + "}";
    Path f = write(doc);
    long open = doc.indexOf("{\n");
    PriorStateAhead.Result r = PriorStateAhead.readAt(f, "plan.json",
        dev.plangate.core.plan.PlanJson.streamingFactoryCheckingKeysItself(10, 1000), open);
    assertThat(r).isNotNull();
    assertThat(r.open()).isEqualTo(open);
    assertThat(r.close()).isEqualTo(doc.length() - 2);
    assertThat(r.rows()).isEqualTo(3);
    assertThat(r.lastRowColumn()).isEqualTo(2);
    assertThat(r.state()).singleElement().satisfies(
        s -> assertThat(s.address()).isEqualTo("aws_vpc.a"));
    var factory = dev.plangate.core.plan.PlanJson.streamingFactoryCheckingKeysItself(10, 1000);
    // Past the end of the file, not an object, or not a state: nothing read ahead.
    assertThat(PriorStateAhead.readAt(f, "plan.json", factory, doc.length() + 5)).isNull();
    assertThat(PriorStateAhead.readAt(f, "plan.json", factory, 1)).isNull();
    assertThat(PriorStateAhead.readAt(dir.resolve("gone.json"), "plan.json", factory, 0))
        .isNull();
    assertThat(PriorStateAhead.readAt(f, "plan.json",
        dev.plangate.core.plan.PlanJson.streamingFactoryCheckingKeysItself(2, 1000), open))
        .isNull();
  }
}
