package dev.plangate.core.terraform;

import static org.assertj.core.api.Assertions.assertThat;

import dev.plangate.core.model.ChangeKind;
import dev.plangate.core.model.Plan;
import dev.plangate.core.model.ResourceChange;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a resource change is read into, and the one-line errors of a plan's top level. */
class TerraformPlanReaderTest {
  @TempDir Path dir;

  private Plans plans() {
    return new Plans(dir);
  }

  private static String plan(String... changes) {
    return "{\"format_version\":\"1.2\",\"resource_changes\":[" + String.join(",", changes)
        + "]}";
  }

  private ResourceChange only(String change) throws Exception {
    List<ResourceChange> changes = plans().read(plan(change)).changes();
    assertThat(changes).hasSize(1);
    return changes.get(0);
  }

  @Test
  void replacePathsAreRenderedAsAttributePaths() throws Exception {
    ResourceChange c = only("{\"address\":\"aws_instance.a\",\"change\":{\"actions\":[\"delete\","
        + "\"create\"],\"replace_paths\":[[\"ami\"],[\"tags\",\"Name\"],[\"ebs\",0,\"size\"],"
        + "[1],\"not a path\",[{\"x\":1},\"y\"],[]]}}");
    assertThat(c.replacePaths()).containsExactly("ami", "tags.Name", "ebs[0].size", "[1]", "y",
        "");
    assertThat(only("{\"address\":\"aws_instance.a\",\"change\":{\"actions\":[\"delete\"],"
        + "\"replace_paths\":null}}").replacePaths()).isEmpty();
    assertThat(plans().error(plan("{\"address\":\"aws_instance.a\",\"change\":{\"actions\":"
        + "[\"delete\"],\"replace_paths\":{}}}"))).startsWith("plan.json: resource_changes[0]"
        + ".change.replace_paths: expected an array, found an object (line 1, column");
  }

  @Test
  void anImportIsAnyNonNullImportingValue() throws Exception {
    String head = "{\"address\":\"aws_s3_bucket.b\",\"change\":{\"actions\":[\"no-op\"],";
    assertThat(only(head + "\"importing\":{\"id\":\"b\"}}}").importing()).isTrue();
    assertThat(only(head + "\"importing\":null}}").importing()).isFalse();
    assertThat(only(head + "\"after\":{}}}").importing()).isFalse();
  }

  @Test
  void anAddressIsBuiltFromItsPartsWhenMissing() throws Exception {
    assertThat(only("{\"module_address\":\"module.net\",\"mode\":\"data\",\"type\":\"aws_ami\","
        + "\"name\":\"u\",\"change\":{\"actions\":[\"read\"]}}").address())
        .isEqualTo("module.net.data.aws_ami.u");
    ResourceChange local = only("{\"module_address\":null,\"type\":\"aws_eip\",\"name\":\"e\","
        + "\"change\":{\"actions\":[\"delete\"]},\"action_reason\":\"delete_because_no_resource_config\","
        + "\"previous_address\":\"aws_eip.old\",\"deposed\":\"d1\"}");
    assertThat(local.address()).isEqualTo("aws_eip.e");
    assertThat(local.key()).isEqualTo("aws_eip.e (deposed d1)");
    assertThat(local.reason()).isEqualTo("delete_because_no_resource_config");
    assertThat(local.previousAddress()).isEqualTo("aws_eip.old");
    assertThat(local.type()).isEqualTo("aws_eip");
    assertThat(local.managed()).isTrue();
    // Without mode, type and name, the address says it all.
    ResourceChange data = only("{\"address\":\"module.m.data.aws_ami.x\",\"change\":"
        + "{\"actions\":[\"read\"]}}");
    assertThat(data.managed()).isFalse();
    assertThat(data.type()).isEqualTo("aws_ami");
    assertThat(only("{\"address\":\"not an address\",\"change\":{\"actions\":[\"delete\"]}}")
        .type()).isEqualTo("unknown");
    assertThat(plans().error(plan("{\"type\":\"aws_eip\",\"change\":{\"actions\":[]}}")))
        .startsWith("plan.json: resource_changes[0] has no address (line 1, column");
    assertThat(plans().error(plan("{\"name\":\"e\",\"change\":{\"actions\":[]}}")))
        .startsWith("plan.json: resource_changes[0] has no address");
    assertThat(plans().error(plan("{\"address\":\"a.b\",\"change\":null}")))
        .startsWith("plan.json: resource_changes[0] (a.b) has no change.actions (line 1,");
    assertThat(plans().error(plan("{\"address\":\"a.b\",\"change\":{\"before\":{}}}")))
        .startsWith("plan.json: resource_changes[0] (a.b) has no change.actions");
  }

  @Test
  void onlyTheBeforeValuesTheCatalogueAsksForAreKeptAndOnlyForDestroys() throws Exception {
    String before = "\"before\":{\"skip_final_snapshot\":true,\"deletion_protection\":false,"
        + "\"password\":\"secret\",\"tags\":{\"a\":\"b\"}}";
    ResourceChange deleted = only("{\"address\":\"aws_db_instance.d\",\"type\":\"aws_db_instance\","
        + "\"change\":{\"actions\":[\"delete\"]," + before + "}}");
    assertThat(deleted.before()).containsEntry("skip_final_snapshot", true)
        .doesNotContainKey("password").doesNotContainKey("tags");
    // Without a type the attributes any type might need are read, then narrowed to the type.
    ResourceChange typeLater = only("{\"address\":\"aws_db_instance.d\",\"change\":{\"actions\":"
        + "[\"delete\"]," + before + "}}");
    assertThat(typeLater.before()).isEqualTo(deleted.before());
    ResourceChange kept = only("{\"address\":\"aws_db_instance.d\",\"type\":\"aws_db_instance\","
        + "\"change\":{\"actions\":[\"update\"]," + before + "}}");
    assertThat(kept.before()).isEmpty();
    ResourceChange unknownType = only("{\"address\":\"x_y.z\",\"type\":\"x_y\",\"change\":"
        + "{\"actions\":[\"delete\"]," + before + "}}");
    assertThat(unknownType.before()).isEmpty();
    ResourceChange notAnObject = only("{\"address\":\"aws_db_instance.d\",\"type\":"
        + "\"aws_db_instance\",\"change\":{\"actions\":[\"delete\"],\"before\":null}}");
    assertThat(notAnObject.before()).isEmpty();
    ResourceChange none = only("{\"address\":\"aws_db_instance.d\",\"type\":\"aws_db_instance\","
        + "\"change\":{\"actions\":[\"delete\"],\"before\":{\"password\":\"x\"}}}");
    assertThat(none.before()).isEmpty();
  }

  @Test
  void actionsNextToTheChangeAreReadWhenTheChangeHasNone() throws Exception {
    assertThat(only("{\"address\":\"a.b\",\"actions\":[\"delete\"]}").kind())
        .isEqualTo(ChangeKind.DELETE);
    assertThat(only("{\"address\":\"a.b\",\"actions\":[\"delete\"],\"change\":{\"actions\":"
        + "[\"no-op\"]}}").kind()).isEqualTo(ChangeKind.NO_OP);
    assertThat(only("{\"address\":\"a.b\",\"actions\":null,\"change\":{}}").kind())
        .isEqualTo(ChangeKind.UNKNOWN);
    assertThat(plans().error(plan("{\"address\":\"a.b\",\"actions\":[\"delete\",1]}")))
        .startsWith("plan.json: resource_changes[0].actions: expected strings, found a number");
    assertThat(plans().error(plan("{\"address\":\"a.b\",\"change\":{\"actions\":\"delete\"}}")))
        .startsWith("plan.json: resource_changes[0].change.actions: expected an array, found a"
            + " string");
    assertThat(plans().error(plan("{\"address\":7,\"change\":{\"actions\":[]}}")))
        .startsWith("plan.json: resource_changes[0].address: expected a string, found a number");
    assertThat(plans().error(plan("{\"address\":\"a.b\",\"change\":[]}")))
        .startsWith("plan.json: resource_changes[0].change: expected an object, found an array");
    assertThat(plans().error(plan("1"))).startsWith(
        "plan.json: resource_changes[0]: expected an object, found a number");
  }

  @Test
  void theTopLevelIsCheckedBeforeAnythingIsTrusted() {
    Plans p = plans();
    assertThat(p.error("")).isEqualTo("plan.json: the file is empty");
    assertThat(p.error("[]")).isEqualTo(
        "plan.json: not a Terraform plan: the JSON document is an array, not an object");
    assertThat(p.error(plan() + " {}")).startsWith(
        "plan.json: unexpected data after the end of the plan object (line 1, column");
    assertThat(p.error("{\"format_version\":\"10.1\",\"resource_changes\":[]}")).isEqualTo(
        "plan.json: unsupported format_version \"10.1\": plangate reads Terraform/OpenTofu plan"
            + " formats 0.x and 1.x");
    assertThat(p.error("{\"format_version\":\"2\",\"resource_changes\":[]}"))
        .contains("unsupported format_version \"2\"");
    assertThat(p.error("{\"format_version\":\"" + "9".repeat(41) + "\"}"))
        .contains("\"" + "9".repeat(40) + "...\"");
    assertThat(p.error("{\"format_version\":\"" + "9".repeat(40) + "\"}"))
        .contains("\"" + "9".repeat(40) + "\":");
    assertThat(p.error("{\"format_version\":1.2,\"resource_changes\":[]}")).startsWith(
        "plan.json: format_version: expected a string, found a number");
    assertThat(p.error("{\"resource_changes\":{}}")).startsWith(
        "plan.json: resource_changes: expected an array, found an object");
    assertThat(p.error("{\"resource_changes\":[],\"errored\":\"no\"}")).startsWith(
        "plan.json: errored: expected true or false, found a string");
    assertThat(p.error("{\"resource_changes\":[],\"complete\":1}")).startsWith(
        "plan.json: complete: expected true or false, found a number");
    assertThat(p.error("{\"resource_changes\":[],\"resource_drift\":{}}")).startsWith(
        "plan.json: resource_drift: expected an array, found an object");
    assertThat(p.error("{\"resource_changes\":[],\"deferred_changes\":{}}")).startsWith(
        "plan.json: deferred_changes: expected an array, found an object");
    assertThat(p.error("{\"resource_changes\":[],\"deferred_changes\":[1]}")).startsWith(
        "plan.json: deferred_changes[0]: expected an object, found a number");
  }

  @Test
  void versionsZeroAndOneAreRead() throws Exception {
    for (String v : List.of("0.1", "1", "1.2", "1.99", "0")) {
      Plan p = plans().read("{\"format_version\":\"" + v + "\",\"terraform_version\":\"1.9.8\","
          + "\"resource_changes\":[],\"resource_drift\":[{},{}],\"deferred_changes\":["
          + "{\"reason\":\"provider_config_unknown\",\"resource_change\":{\"address\":\"a.b\","
          + "\"change\":{\"actions\":[\"delete\"]}}}],\"complete\":null,\"errored\":false,"
          + "\"planned_values\":{\"x\":[1]},\"output_changes\":{},\"extra\":[{}]}");
      assertThat(p.formatVersion()).isEqualTo(v);
      assertThat(p.toolVersion()).isEqualTo("1.9.8");
      assertThat(p.driftCount()).isEqualTo(2);
      assertThat(p.deferred()).singleElement().satisfies(d -> {
        assertThat(d.address()).isEqualTo("a.b");
        assertThat(d.listed()).isFalse();
      });
      assertThat(p.complete()).isTrue();
      assertThat(p.errored()).isFalse();
      assertThat(p.warnings()).noneMatch(w -> w.contains("format_version"))
          .anyMatch(w -> w.startsWith("1 change(s) were deferred"));
    }
    Plan nulls = plans().read("{\"format_version\":null,\"resource_changes\":null,"
        + "\"resource_drift\":null,\"deferred_changes\":null,\"terraform_version\":null}");
    assertThat(nulls.formatVersion()).isNull();
    assertThat(nulls.driftCount()).isZero();
    assertThat(nulls.warnings()).anyMatch(w -> w.contains("no format_version"));
  }
}
