package dev.plangate.core.terraform;

import static dev.plangate.core.terraform.Plans.config;
import static dev.plangate.core.terraform.Plans.edges;
import static dev.plangate.core.terraform.Plans.plan;
import static org.assertj.core.api.Assertions.assertThat;

import dev.plangate.core.model.Plan;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Which instance depends on which: the blast radius of a destroy is every instance with an edge
 * to it, so a missing edge hides a dependent and an extra one invents it.
 */
class DependencyBuilderTest {
  @TempDir Path dir;

  private Plan read(String json) throws Exception {
    return new Plans(dir).read(json);
  }

  private static String refs(String... addresses) {
    return "{\"references\":[\"" + String.join("\",\"", addresses).replace("[\"", "[\\\"")
        .replace("\"]", "\\\"]") + "\"]}";
  }

  private static String uses(String address, String... references) {
    return "{\"address\":\"" + address + "\",\"expressions\":{\"x\":" + refs(references) + "}}";
  }

  private static String dependsOn(String address, String... targets) {
    return "{\"address\":\"" + address + "\",\"depends_on\":[\"" + String.join("\",\"", targets)
        + "\"]}";
  }

  private static String module(String resources, String outputs, String calls) {
    return "{\"resources\":[" + resources + "]"
        + (outputs.isEmpty() ? "" : ",\"outputs\":{" + outputs + "}")
        + (calls.isEmpty() ? "" : ",\"module_calls\":{" + calls + "}") + "}";
  }

  private static String call(String name, String inputs, String body) {
    return "\"" + name + "\":{\"source\":\"./" + name + "\",\"expressions\":{" + inputs + "},"
        + "\"module\":" + body + "}";
  }

  private static String output(String name, String... references) {
    return "\"" + name + "\":{\"expression\":" + refs(references) + "}";
  }

  @Test
  void anInstanceSeesOnlyTheInstancesOfItsOwnModuleInstance() throws Exception {
    String svc = module(uses("aws_instance.x", "aws_security_group.this.id",
        "aws_security_group.this") + "," + uses("aws_security_group.this", "var.vpc"), "", "");
    String root = module(uses("aws_vpc.main", "local.cidr", "path.module", "terraform.workspace"),
        "", call("svc", "\"vpc\":" + refs("aws_vpc.main.id"), svc));
    Plan p = read(plan(config(root), "aws_vpc.main:delete",
        "module.svc[\"a\"].aws_instance.x", "module.svc[\"b\"].aws_instance.x",
        "module.svc[\"a\"].aws_security_group.this:delete",
        "module.svc[\"b\"].aws_security_group.this:delete"));
    assertThat(edges(p)).containsExactly(
        "module.svc[\"a\"].aws_instance.x -> module.svc[\"a\"].aws_security_group.this",
        "module.svc[\"b\"].aws_instance.x -> module.svc[\"b\"].aws_security_group.this",
        "module.svc[\"a\"].aws_security_group.this -> aws_vpc.main",
        "module.svc[\"b\"].aws_security_group.this -> aws_vpc.main");
  }

  @Test
  void nestedModuleInstancesMustAgreeOnEveryKeyTheyShare() throws Exception {
    String inner = module(uses("aws_instance.i", "aws_eip.e") + "," + uses("aws_eip.e"), "", "");
    String outer = module("", "", call("in", "", inner));
    String root = module("", "", call("out", "", outer));
    Plan p = read(plan(config(root),
        "module.out[0].module.in[0].aws_instance.i", "module.out[0].module.in[1].aws_instance.i",
        "module.out[1].module.in[0].aws_instance.i",
        "module.out[0].module.in[0].aws_eip.e:delete", "module.out[0].module.in[1].aws_eip.e",
        "module.out[1].module.in[0].aws_eip.e", "module.out[1].module.in[1].aws_eip.e"));
    assertThat(edges(p)).containsExactly(
        "module.out[0].module.in[0].aws_instance.i -> module.out[0].module.in[0].aws_eip.e",
        "module.out[0].module.in[1].aws_instance.i -> module.out[0].module.in[1].aws_eip.e",
        "module.out[1].module.in[0].aws_instance.i -> module.out[1].module.in[0].aws_eip.e");
  }

  @Test
  void anOutputOfOneModuleInstanceLeadsOnlyIntoThatInstance() throws Exception {
    String svc = module(uses("aws_lb.lb", "var.subnet"), output("dns", "aws_lb.lb.dns_name")
        + "," + output("subnet", "var.subnet") + ",\"other\":{\"expression\":{\"references\":"
        + "[\"aws_lb.lb.arn\"]},\"depends_on\":[\"aws_lb.lb\"]}", "");
    String root = module(uses("aws_subnet.s") + ","
        + uses("aws_route53_record.a", "module.svc[\"a\"].dns", "module.svc[\"a\"]") + ","
        + uses("aws_route53_record.all", "module.svc") + ","
        + uses("aws_route.r", "module.svc[\"b\"].subnet") + ","
        + uses("aws_route.none", "module.nothing.out", "module", "var.top"),
        "", call("svc", "\"subnet\":" + refs("aws_subnet.s.id"), svc));
    Plan p = read(plan(config(root), "aws_subnet.s:delete", "aws_route53_record.a",
        "aws_route53_record.all", "aws_route.r", "aws_route.none",
        "module.svc[\"a\"].aws_lb.lb:delete", "module.svc[\"b\"].aws_lb.lb:delete"));
    assertThat(edges(p)).containsExactly(
        "aws_route53_record.a -> module.svc[\"a\"].aws_lb.lb",
        "aws_route53_record.all -> aws_subnet.s",
        "aws_route53_record.all -> module.svc[\"a\"].aws_lb.lb",
        "aws_route53_record.all -> module.svc[\"b\"].aws_lb.lb",
        // The subnet flows back out of the module: it is not inside svc["b"].
        "aws_route.r -> aws_subnet.s",
        "module.svc[\"a\"].aws_lb.lb -> aws_subnet.s",
        "module.svc[\"b\"].aws_lb.lb -> aws_subnet.s");
  }

  @Test
  void dataSourcesAndVariablesResolveInsideTheirModule() throws Exception {
    String inner = module(uses("aws_instance.i", "data.aws_ami.ubuntu.id", "var.key", "data.x",
        "var", "each.key", "count.index", "self.id"), "", "");
    String net = module(uses("aws_key_pair.k") + "," + uses("data.aws_ami.ubuntu"), "",
        call("inner", "\"key\":" + refs("aws_key_pair.k.id"), inner));
    String root = module("", "", call("net", "", net));
    Plan p = read(plan(config(root), "module.net.module.inner.aws_instance.i",
        "module.net.aws_key_pair.k:delete", "module.net.module.inner.data.aws_ami.ubuntu:read"));
    assertThat(edges(p)).containsExactly(
        "module.net.module.inner.aws_instance.i -> module.net.aws_key_pair.k",
        "module.net.module.inner.aws_instance.i -> module.net.module.inner.data.aws_ami.ubuntu");
  }

  @Test
  void dependsOnAModuleMeansEveryResourceInItHoweverDeep() throws Exception {
    String deep = module(uses("aws_sqs_queue.q"), "", "");
    String mod = module(uses("aws_sns_topic.t"), "", call("deep", "", deep));
    String root = module(dependsOn("aws_lambda_function.f", "module.mod") + ","
        + dependsOn("aws_lambda_function.g", "module.missing", "module.mod.aws_sns_topic.t")
        + "," + dependsOn("aws_lambda_function.h", "not an address", "aws_sns_topic"),
        "", call("mod", "", mod));
    Plan p = read(plan(config(root), "aws_lambda_function.f", "aws_lambda_function.g",
        "aws_lambda_function.h", "module.mod.aws_sns_topic.t:delete",
        "module.mod.module.deep.aws_sqs_queue.q:delete"));
    assertThat(edges(p)).containsExactly(
        "aws_lambda_function.f -> module.mod.aws_sns_topic.t",
        "aws_lambda_function.f -> module.mod.module.deep.aws_sqs_queue.q");
  }

  @Test
  void aReferenceCycleEndsWithTheEdgesItCanGive() throws Exception {
    // The module's output reads its variable, whose argument reads the output: invalid
    // Terraform, but the reader must neither loop nor lose the edges it can find.
    String m = module(uses("aws_s3_bucket.b", "var.loop"),
        output("out", "var.loop", "aws_s3_bucket.b.id"), "");
    String root = module(uses("aws_instance.i", "module.m.out"), "",
        call("m", "\"loop\":" + refs("module.m.out"), m));
    Plan p = read(plan(config(root), "aws_instance.i", "module.m.aws_s3_bucket.b:delete"));
    assertThat(edges(p)).containsExactly("aws_instance.i -> module.m.aws_s3_bucket.b");
  }

  @Test
  void instancesOfOneResourceDependOnEachOtherButNotOnThemselves() throws Exception {
    String root = module(uses("aws_instance.web", "aws_instance.web[0].id"), "", "");
    Plan p = read(plan(config(root), "aws_instance.web[0]:delete", "aws_instance.web[1]"));
    assertThat(edges(p)).containsExactly("aws_instance.web[0] -> aws_instance.web[1]",
        "aws_instance.web[1] -> aws_instance.web[0]");
  }

  @Test
  void manyEdgesAreAllKeptOnceInOrder() throws Exception {
    List<String> targets = new ArrayList<>();
    List<String> changes = new ArrayList<>();
    for (int t = 0; t < 40; t++) {
      targets.add("aws_s3_bucket.b" + t);
      targets.add("aws_s3_bucket.b" + t + ".arn");
      changes.add("aws_s3_bucket.b" + t + ":delete");
    }
    for (int i = 0; i < 40; i++) {
      changes.add(0, "aws_instance.i[" + i + "]");
    }
    String root = module(uses("aws_instance.i", targets.toArray(new String[0])) + ","
        + targets.stream().filter(t -> !t.endsWith(".arn"))
            .map(t -> "{\"address\":\"" + t + "\"}").reduce((a, b) -> a + "," + b).get(),
        "", "");
    Plan p = read(plan(config(root), changes.toArray(new String[0])));
    List<String> e = edges(p);
    assertThat(e).hasSize(40 * 40).doesNotHaveDuplicates();
    List<String> expected = new ArrayList<>();
    for (int i = 39; i >= 0; i--) {
      for (int t = 0; t < 40; t++) {
        expected.add("aws_instance.i[" + i + "] -> aws_s3_bucket.b" + t);
      }
    }
    assertThat(e).isEqualTo(expected);
  }

  @Test
  void anOutputThroughTwoKeyedModulesLeadsIntoOneInstanceOfEach() throws Exception {
    String b = module(uses("aws_db_instance.db"), output("endpoint", "aws_db_instance.db.address"),
        "");
    String a = module("", output("db", "module.b[\"y\"].endpoint"), call("b", "", b));
    String root = module(uses("aws_instance.app", "module.a[\"x\"].db"), "", call("a", "", a));
    Plan p = read(plan(config(root), "aws_instance.app",
        "module.a[\"x\"].module.b[\"y\"].aws_db_instance.db:delete",
        "module.a[\"x\"].module.b[\"z\"].aws_db_instance.db:delete",
        "module.a[\"w\"].module.b[\"y\"].aws_db_instance.db:delete",
        "module.a.module.b.aws_db_instance.db:delete"));
    assertThat(edges(p)).containsExactly(
        "aws_instance.app -> module.a[\"x\"].module.b[\"y\"].aws_db_instance.db");
  }

  @Test
  void anEdgeFoundTwiceIsOneEdge() throws Exception {
    String root = module(uses("aws_subnet.s", "aws_vpc.v.id", "aws_vpc.v")
        + "," + dependsOn("aws_instance.i", "aws_subnet.s"), "", "");
    String json = withState(plan(config(root), "aws_vpc.v:delete", "aws_subnet.s",
        "aws_instance.i"), state(stateResource("aws_subnet.s", "", "aws_vpc.v", "aws_vpc.v"),
        stateResource("aws_instance.i", "", "aws_subnet.s", "aws_vpc.v")));
    assertThat(edges(read(json))).containsExactly("aws_subnet.s -> aws_vpc.v",
        "aws_instance.i -> aws_vpc.v", "aws_instance.i -> aws_subnet.s");
  }

  // ---- prior_state -----------------------------------------------------------------------------

  private static String state(String... resources) {
    return "\"prior_state\":{\"values\":{\"root_module\":{\"resources\":["
        + String.join(",", resources) + "]}}}";
  }

  private static String stateResource(String address, String extra, String... dependsOn) {
    return "{\"address\":\"" + address + "\",\"mode\":\""
        + (address.startsWith("data.") ? "data" : "managed") + "\",\"type\":\"t\"" + extra
        + ",\"depends_on\":[" + (dependsOn.length == 0 ? ""
            : "\"" + String.join("\",\"", dependsOn) + "\"") + "]}";
  }

  private static String withState(String plan, String state) {
    return plan.substring(0, plan.length() - 1) + "," + state + "}";
  }

  @Test
  void priorStateDependsOnAddsEdgesAndStateOnlyInstances() throws Exception {
    String json = withState(plan(config(module("", "", "")), "aws_vpc.main:delete",
        "aws_subnet.a[0]", "aws_subnet.a[1]"), state(
        stateResource("aws_subnet.a[0]", "", "aws_vpc.main", "data.aws_region.r"),
        stateResource("aws_subnet.a[1]", "", "aws_vpc.main[0]"),
        stateResource("data.aws_region.r", "", "aws_vpc.main"),
        stateResource("aws_vpc.main", ",\"deposed_key\":\"abc\"")));
    Plan p = read(json);
    // A deposed object of the VPC is an instance of it too.
    assertThat(edges(p)).containsExactly("aws_subnet.a[0] -> aws_vpc.main",
        "aws_subnet.a[0] -> data.aws_region.r", "aws_subnet.a[0] -> aws_vpc.main (deposed abc)",
        "aws_subnet.a[1] -> aws_vpc.main", "aws_subnet.a[1] -> aws_vpc.main (deposed abc)",
        "data.aws_region.r -> aws_vpc.main", "data.aws_region.r -> aws_vpc.main (deposed abc)");
    // The data source known only from state is a node; it is not a change.
    assertThat(p.changes()).extracting(c -> c.key()).contains("data.aws_region.r");
    assertThat(p.changes().stream().filter(c -> c.address().equals("data.aws_region.r")))
        .singleElement().satisfies(c -> assertThat(c.managed()).isFalse());
  }

  @Test
  void stateDependsOnUnderAnOldAddressFollowsEveryMove() throws Exception {
    // Moved twice (a -> b -> c): the depends_on recorded at the last apply names a.
    String moves = "{\"format_version\":\"1.2\",\"resource_changes\":["
        + "{\"address\":\"aws_vpc.c\",\"previous_address\":\"aws_vpc.b\",\"change\":{\"actions\":"
        + "[\"delete\"]}},"
        + "{\"address\":\"aws_vpc.b\",\"previous_address\":\"aws_vpc.a\",\"change\":{\"actions\":"
        + "[\"no-op\"]}},"
        + "{\"address\":\"module.new.aws_eip.e\",\"previous_address\":\"module.old.aws_eip.e\","
        + "\"change\":{\"actions\":[\"no-op\"]}},"
        + "{\"address\":\"aws_lb.same[0]\",\"previous_address\":\"aws_lb.same\",\"change\":"
        + "{\"actions\":[\"no-op\"]}},"
        + "{\"address\":\"aws_lb.loop\",\"previous_address\":\"aws_lb.loop\",\"change\":"
        + "{\"actions\":[\"no-op\"]}},"
        + "{\"address\":\"aws_subnet.s\",\"change\":{\"actions\":[\"update\"]}}],"
        + "\"configuration\":{\"root_module\":{}}}";
    Plan p = read(withState(moves, state(stateResource("aws_subnet.s", "", "aws_vpc.a",
        "module.old.aws_eip.e", "aws_lb.same"))));
    assertThat(edges(p)).containsExactlyInAnyOrder("aws_subnet.s -> aws_vpc.c",
        "aws_subnet.s -> aws_vpc.b", "aws_subnet.s -> module.new.aws_eip.e",
        "aws_subnet.s -> aws_lb.same[0]");
  }

  @Test
  void movesThatLoopBackEnd() throws Exception {
    String moves = "{\"format_version\":\"1.2\",\"resource_changes\":["
        + "{\"address\":\"aws_vpc.b\",\"previous_address\":\"aws_vpc.a\",\"change\":{\"actions\":"
        + "[\"delete\"]}},"
        + "{\"address\":\"aws_vpc.a\",\"previous_address\":\"aws_vpc.b\",\"change\":{\"actions\":"
        + "[\"delete\"]}},"
        + "{\"address\":\"aws_subnet.s\",\"change\":{\"actions\":[\"update\"]}}],"
        + "\"configuration\":{\"root_module\":{}}}";
    Plan p = read(withState(moves, state(stateResource("aws_subnet.s", "", "aws_vpc.a"))));
    assertThat(edges(p)).containsExactlyInAnyOrder("aws_subnet.s -> aws_vpc.a",
        "aws_subnet.s -> aws_vpc.b");
  }

  @Test
  void stateDependsOnInsideAModuleInstanceStaysInIt() throws Exception {
    String json = withState(plan(config(module("", "", "")),
        "module.m[\"a\"].aws_vpc.v:delete", "module.m[\"b\"].aws_vpc.v:delete",
        "module.m[\"a\"].aws_subnet.s"), state(
        stateResource("module.m[\\\"a\\\"].aws_subnet.s", "", "module.m.aws_vpc.v",
            "not an address", "aws_nothing.here")));
    assertThat(edges(read(json)))
        .containsExactly("module.m[\"a\"].aws_subnet.s -> module.m[\"a\"].aws_vpc.v");
  }

  @Test
  void anAddressThatCannotBeParsedIsAnIsolatedNode() throws Exception {
    String root = module(uses("aws_instance.i", "aws_vpc.v"), "", "");
    Plan p = read(plan(config(root), "aws_instance.i", "aws_vpc.v:delete", "not an address"));
    assertThat(edges(p)).containsExactly("aws_instance.i -> aws_vpc.v");
    assertThat(p.changes()).hasSize(3);
  }
}
