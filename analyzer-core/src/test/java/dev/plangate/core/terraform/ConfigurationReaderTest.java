package dev.plangate.core.terraform;

import static dev.plangate.core.terraform.Plans.config;
import static dev.plangate.core.terraform.Plans.edges;
import static dev.plangate.core.terraform.Plans.plan;
import static org.assertj.core.api.Assertions.assertThat;

import dev.plangate.core.model.Plan;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The plan's configuration gives the blast radius: which references, depends_on and module
 * wiring become edges, and that a part of the wrong shape is refused with its path rather than
 * silently giving fewer edges.
 */
class ConfigurationReaderTest {
  @TempDir Path dir;

  private Plans plans() {
    return new Plans(dir);
  }

  private static String refs(String... addresses) {
    return "{\"references\":[\"" + String.join("\",\"", addresses) + "\"]}";
  }

  private static String resource(String address, String body) {
    return "{\"address\":\"" + address + "\"" + (body.isEmpty() ? "" : "," + body) + "}";
  }

  @Test
  void everyKindOfReferenceOfAResourceIsAnEdge() throws Exception {
    String root = "{\"resources\":["
        + resource("aws_instance.app", "\"mode\":\"managed\",\"provider_config_key\":\"aws\","
            + "\"expressions\":{\"subnet_id\":" + refs("aws_subnet.a.id", "aws_subnet.a")
            + ",\"tags\":{\"constant_value\":{\"references\":[\"aws_vpc.ignored\"]}},"
            + "\"ebs\":[{\"volume\":" + refs("aws_ebs_volume.v.id") + "}]},"
            + "\"count_expression\":" + refs("aws_s3_bucket.count")
            + ",\"for_each_expression\":" + refs("aws_s3_bucket.each")
            + ",\"provisioners\":[{\"type\":\"local-exec\",\"expressions\":{\"command\":"
            + refs("aws_iam_role.prov.arn") + "}}],"
            + "\"depends_on\":[\"aws_kms_key.k\",7,{\"x\":1}],\"schema_version\":1")
        + "]}";
    Plan p = plans().read(plan(config(root), "aws_instance.app:delete", "aws_subnet.a",
        "aws_ebs_volume.v", "aws_s3_bucket.count", "aws_s3_bucket.each", "aws_iam_role.prov",
        "aws_kms_key.k", "aws_vpc.ignored"));
    assertThat(edges(p)).containsExactly("aws_instance.app -> aws_subnet.a",
        "aws_instance.app -> aws_ebs_volume.v", "aws_instance.app -> aws_s3_bucket.count",
        "aws_instance.app -> aws_s3_bucket.each", "aws_instance.app -> aws_iam_role.prov",
        "aws_instance.app -> aws_kms_key.k");
    assertThat(p.dependenciesKnown()).isTrue();
  }

  @Test
  void aResourceWithoutAnAddressIsNamedByTypeAndName() throws Exception {
    String root = "{\"resources\":["
        + "{\"mode\":\"data\",\"type\":\"aws_ami\",\"name\":\"x\",\"expressions\":{\"f\":"
        + refs("aws_vpc.main") + "}},"
        + "{\"mode\":\"managed\",\"type\":\"aws_instance\",\"name\":\"y\",\"depends_on\":"
        + "[\"data.aws_ami.x\"]},"
        + "{\"address\":5,\"type\":\"aws_eip\",\"name\":\"z\",\"depends_on\":[\"aws_vpc.main\"]},"
        // Neither an address nor a type and name: nothing to attach edges to.
        + "{\"type\":\"aws_eip\",\"depends_on\":[\"aws_vpc.main\"]},"
        + "{\"name\":\"w\",\"mode\":null,\"depends_on\":[\"aws_vpc.main\"]}"
        + "]}";
    Plan p = plans().read(plan(config(root), "data.aws_ami.x:read", "aws_instance.y",
        "aws_eip.z", "aws_vpc.main:delete"));
    assertThat(edges(p)).containsExactly("data.aws_ami.x -> aws_vpc.main",
        "aws_instance.y -> data.aws_ami.x", "aws_eip.z -> aws_vpc.main");
  }

  @Test
  void moduleWiringCarriesReferencesInAndOut() throws Exception {
    String child = "{\"resources\":[" + resource("aws_subnet.s", "\"expressions\":{\"vpc_id\":"
        + refs("var.vpc_id") + "}") + "],"
        + "\"outputs\":{\"subnet\":{\"expression\":" + refs("aws_subnet.s.id", "aws_subnet.s")
        + ",\"sensitive\":true,\"description\":\"d\"},"
        + "\"nothing\":null,"
        + "\"waits\":{\"depends_on\":[\"aws_subnet.s\"],\"expression\":{\"constant_value\":1}}},"
        + "\"variables\":{\"vpc_id\":{}}}";
    String root = "{\"resources\":["
        + resource("aws_vpc.main", "")
        + "," + resource("aws_instance.app", "\"expressions\":{\"subnet_id\":"
            + refs("module.net.subnet", "module.net") + "}")
        + "," + resource("aws_eip.ip", "\"expressions\":{\"w\":" + refs("module.net.waits")
            + "}")
        + "],\"module_calls\":{\"net\":{\"source\":\"./modules/net\",\"expressions\":{"
        + "\"vpc_id\":" + refs("aws_vpc.main.id", "aws_vpc.main") + "},\"module\":" + child
        + "},\"empty\":null}}";
    Plan p = plans().read(plan(config(root), "aws_vpc.main:delete", "aws_instance.app",
        "module.net.aws_subnet.s", "aws_eip.ip"));
    assertThat(edges(p)).containsExactlyInAnyOrder("aws_instance.app -> module.net.aws_subnet.s",
        "aws_eip.ip -> module.net.aws_subnet.s", "module.net.aws_subnet.s -> aws_vpc.main");
    assertThat(p.moduleSources()).isEqualTo(Map.of("module.net", "./modules/net"));
  }

  @Test
  void aModuleCallsRepetitionAndDependsOnReachEveryResourceInside() throws Exception {
    String inner = "{\"resources\":[" + resource("aws_sqs_queue.q", "") + "]}";
    String child = "{\"resources\":[" + resource("aws_sns_topic.t", "") + "],"
        + "\"module_calls\":{\"deep\":{\"source\":\"registry.example/q/aws\",\"module\":"
        + inner + "}}}";
    String root = "{\"resources\":[" + resource("aws_kms_key.k", "") + ","
        + resource("aws_s3_bucket.b", "") + "," + resource("aws_iam_role.r", "")
        + "],\"module_calls\":{\"svc\":{\"source\":7,"
        + "\"count_expression\":" + refs("aws_s3_bucket.b.id")
        + ",\"for_each_expression\":" + refs("aws_iam_role.r")
        + ",\"depends_on\":[\"aws_kms_key.k\"],\"expressions\":[1,2],\"module\":" + child
        + "}}}";
    Plan p = plans().read(plan(config(root), "aws_kms_key.k:delete", "aws_s3_bucket.b",
        "aws_iam_role.r", "module.svc.aws_sns_topic.t", "module.svc.module.deep.aws_sqs_queue.q"));
    assertThat(edges(p)).containsExactlyInAnyOrder(
        "module.svc.aws_sns_topic.t -> aws_kms_key.k",
        "module.svc.aws_sns_topic.t -> aws_s3_bucket.b",
        "module.svc.aws_sns_topic.t -> aws_iam_role.r",
        "module.svc.module.deep.aws_sqs_queue.q -> aws_kms_key.k",
        "module.svc.module.deep.aws_sqs_queue.q -> aws_s3_bucket.b",
        "module.svc.module.deep.aws_sqs_queue.q -> aws_iam_role.r");
    // A source that is not a string is not a source; the nested call's is.
    assertThat(p.moduleSources())
        .isEqualTo(Map.of("module.svc.module.deep", "registry.example/q/aws"));
  }

  @Test
  void aModuleCallWithoutItsModuleStillResolves() throws Exception {
    String root = "{\"resources\":[" + resource("aws_instance.app", "\"depends_on\":"
        + "[\"module.gone\",\"module.gone.out\"]") + "],"
        + "\"module_calls\":{\"gone\":{\"source\":\"./gone\",\"module\":null}}}";
    Plan p = plans().read(plan(config(root), "aws_instance.app:delete"));
    assertThat(edges(p)).isEmpty();
    assertThat(p.moduleSources()).isEqualTo(Map.of("module.gone", "./gone"));
  }

  @Test
  void aReferenceToOneOutputIsNotAReferenceToTheWholeModule() {
    assertThat(ConfigurationReader.dropUnwrappedModuleCalls(
        List.of("module.m.out", "module.m", "aws_vpc.v")))
        .containsExactly("module.m.out", "aws_vpc.v");
    assertThat(ConfigurationReader.dropUnwrappedModuleCalls(List.of("module.m")))
        .containsExactly("module.m");
    // module.mm is another module; module.m["a"] is one instance of m, still the bare call.
    assertThat(ConfigurationReader.dropUnwrappedModuleCalls(List.of("module.m", "module.mm.o")))
        .containsExactly("module.m", "module.mm.o");
    assertThat(ConfigurationReader.dropUnwrappedModuleCalls(
        List.of("module.m[\"a\"]", "module.m[\"a\"].out")))
        .containsExactly("module.m[\"a\"].out");
    assertThat(ConfigurationReader.dropUnwrappedModuleCalls(
        List.of("module.m.out.id", "module.m.out")))
        .containsExactly("module.m.out.id", "module.m.out");
    assertThat(ConfigurationReader.dropUnwrappedModuleCalls(List.of("module.[", "module.[.x")))
        .containsExactly("module.[", "module.[.x");
  }

  @Test
  void unknownPartsOfTheConfigurationAreSkipped() throws Exception {
    String root = "{\"variables\":{\"v\":{\"default\":[1,{\"a\":null}]}},"
        + "\"resources\":[" + resource("aws_instance.app", "\"depends_on\":\"aws_vpc.v\","
            + "\"expressions\":{\"x\":{\"references\":\"aws_vpc.v\"}}") + "],"
        + "\"resources_extra\":7}";
    Plan p = plans().read(plan("{\"provider_config\":{\"aws\":{\"name\":\"aws\"}},"
        + "\"root_module\":" + root + "}", "aws_instance.app:delete", "aws_vpc.v"));
    assertThat(edges(p)).isEmpty();
    assertThat(p.dependenciesKnown()).isTrue();
  }

  @Test
  void nullPartsAreEmpty() throws Exception {
    Plan p = plans().read(plan(config("{\"resources\":null,\"module_calls\":null,"
        + "\"outputs\":null}"), "aws_instance.app:delete"));
    assertThat(edges(p)).isEmpty();
    assertThat(p.dependenciesKnown()).isTrue();
    assertThat(plans().read(plan(config("null"), "aws_instance.app:delete"))
        .dependenciesKnown()).isTrue();
  }

  /** Without configuration the references are lost: "no dependents" would be a guess. */
  @Test
  void aPlanWithoutConfigurationDoesNotKnowItsDependencies() throws Exception {
    assertThat(plans().read(plan(null, "aws_instance.app:delete")).dependenciesKnown())
        .isFalse();
    assertThat(plans().read(plan("null", "aws_instance.app:delete")).dependenciesKnown())
        .isFalse();
  }

  @Test
  void aPartOfTheWrongShapeIsRefusedWithItsPath() {
    Plans plans = plans();
    assertThat(plans.error(plan("[]", "a.b"))).isEqualTo(
        "plan.json: configuration: expected an object, found an array (line 1, column 112)");
    assertThat(plans.error(plan("{\"root_module\":\"x\"}", "a.b")))
        .startsWith("plan.json: configuration.root_module: expected an object, found a string");
    assertThat(plans.error(plan(config("{\"resources\":{}}"), "a.b"))).startsWith(
        "plan.json: configuration.root_module.resources: expected an array, found an object");
    assertThat(plans.error(plan(config("{\"resources\":[{},1]}"), "a.b"))).startsWith(
        "plan.json: configuration.root_module.resources[1]: expected an object, found a number");
    assertThat(plans.error(plan(config("{\"module_calls\":[]}"), "a.b"))).startsWith(
        "plan.json: configuration.root_module.module_calls: expected an object, found an array");
    assertThat(plans.error(plan(config("{\"module_calls\":{\"m\":true}}"), "a.b"))).startsWith(
        "plan.json: configuration.root_module.module_calls.m: expected an object, found a"
        + " boolean");
    assertThat(plans.error(plan(config("{\"module_calls\":{\"m\":{\"module\":"
        + "{\"outputs\":[]}}}}"), "a.b"))).startsWith("plan.json: configuration.root_module"
        + ".module_calls.m.module.outputs: expected an object, found an array");
    assertThat(plans.error(plan(config("{\"module_calls\":{\"m\":{\"module\":\"x\"}}}"),
        "a.b"))).startsWith("plan.json: configuration.root_module.module_calls.m.module:"
        + " expected an object, found a string");
    assertThat(plans.error(plan(config("{\"outputs\":{\"o\":[1]}}"), "a.b"))).startsWith(
        "plan.json: configuration.root_module.outputs.o: expected an object, found an array");
    assertThat(plans.error(plan(config("{\"resources\":[{\"expressions\":{\"a\":[1,}}]}"),
        "a.b"))).startsWith("plan.json: not valid JSON");
  }
}
