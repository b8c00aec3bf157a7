package dev.plangate.core.testing;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;

/**
 * Writes a synthetic plan in the shape of {@code terraform show -json PLAN}, with ground truth,
 * for the benchmark ({@code bench/plan-bench.sh}) and the scale tests. JDK only, so the bench can
 * run it with {@code java -cp analyzer-core/target/test-classes}.
 *
 * <p>The configuration it describes: {@code module "network"} (a vpc, subnets per availability
 * zone with for_each, a route table and its associations) and {@code module "svc"} with for_each
 * over services, each holding a security group, an IAM role with a policy attachment and an
 * instance profile, {@code count} instances, a database, a bucket, a certificate, a target group
 * and one attachment per instance. Services reach the network only through module inputs
 * ({@code var.vpc_id <- module.network.vpc_id}), so a correct dependency graph has to resolve
 * references across module boundaries and instance keys. {@code prior_state} records the same
 * edges as {@code depends_on}.
 *
 * <p>A seeded share of services ({@code --change-rate}) gets one scenario: {@code ami-bump} (every
 * instance and attachment replaced), {@code sg-rename} (security group replaced, create before
 * destroy; instances and database updated in place), {@code db-engine} (database replaced),
 * {@code bucket-removed} (bucket deleted), {@code service-removed} (the module instance and all
 * it holds deleted); {@code --replace-vpc} also replaces the vpc, which reaches everything.
 *
 * <p>Two shapes: {@link Shape#SMALL} (many resources whose values are short attributes plus
 * {@code --pad} bytes of filler) and {@link Shape#LARGE} (the same resources carrying what real
 * plans carry: IAM and bucket policy documents, cloud-init user_data and PEM certificate chains
 * of 2 to 8 KB each, JSON-escaped). Same seed, same options: the same bytes.
 *
 * <p>Ground truth ({@code --truth}, TSV with a header line): one row per resource change whose
 * actions include delete: address, actions joined by '+', action_reason, and the number of
 * managed instances that depend on it directly or transitively (itself excluded). A reference
 * to a resource depends on every instance of it, as Terraform's graph does.
 */
public final class PlanGenerator {

  /** What the attribute values look like. */
  public enum Shape {
    SMALL, LARGE
  }

  /** Options; see {@link #usage()}. */
  public record Options(Shape shape, int services, int count, int pad, double changeRate,
      boolean replaceVpc, boolean omitNoop, long seed) {
    public Options {
      if (services < 1 || count < 1 || pad < 0 || changeRate < 0 || changeRate > 1) {
        throw new IllegalArgumentException("services and count must be >= 1, pad >= 0, "
            + "change-rate within [0, 1]");
      }
    }

    public static Options of(Shape shape, int services) {
      return new Options(shape, services, 4, 256, 0.2, false, false, 7);
    }

    public Options withCount(int c) {
      return new Options(shape, services, c, pad, changeRate, replaceVpc, omitNoop, seed);
    }

    public Options withChangeRate(double r) {
      return new Options(shape, services, count, pad, r, replaceVpc, omitNoop, seed);
    }

    public Options withReplaceVpc() {
      return new Options(shape, services, count, pad, changeRate, true, omitNoop, seed);
    }

    public Options withOmitNoop() {
      return new Options(shape, services, count, pad, changeRate, replaceVpc, true, seed);
    }

    public Options withSeed(long s) {
      return new Options(shape, services, count, pad, changeRate, replaceVpc, omitNoop, s);
    }

    public Options withPad(int p) {
      return new Options(shape, services, count, p, changeRate, replaceVpc, omitNoop, seed);
    }
  }

  /** One row of the ground truth. */
  public record TruthRow(String address, List<String> actions, String reason, int downstream) {
    public String tsv() {
      return address + "\t" + String.join("+", actions) + "\t" + (reason == null ? "" : reason)
          + "\t" + downstream;
    }
  }

  /** What {@link #write} produced: the truth rows and some counts for the log line. */
  public record Result(List<TruthRow> truth, int managed, int data, long bytes) {
  }

  public static final String TRUTH_HEADER = "address\tactions\taction_reason\tdownstream_count";

  private static final String PROVIDER = "registry.terraform.io/hashicorp/aws";
  private static final List<String> AZS = List.of("eu-west-1a", "eu-west-1b", "eu-west-1c");
  private static final List<String> SCENARIOS =
      List.of("ami-bump", "sg-rename", "db-engine", "bucket-removed", "service-removed");
  private static final String ALPHABET =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

  private final Options options;
  private final List<Node> nodes = new ArrayList<>();
  /** Random base64-alphabet text the filler and the certificates are cut from. */
  private final String pool;
  /** Pre-encoded JSON strings of 2-8 KB for the LARGE shape, drawn from by seed. */
  private final List<Raw> policies = new ArrayList<>();
  private final List<Raw> userData = new ArrayList<>();
  private final List<Raw> certificates = new ArrayList<>();

  public PlanGenerator(Options options) {
    this.options = options;
    Random r = new Random(options.seed() * 31 + 1);
    StringBuilder sb = new StringBuilder(1 << 16);
    for (int i = 0; i < (1 << 16); i++) {
      sb.append(ALPHABET.charAt(r.nextInt(ALPHABET.length())));
    }
    this.pool = sb.toString();
    if (options.shape() == Shape.LARGE) {
      for (int i = 0; i < 24; i++) {
        policies.add(Raw.string(policyDocument(r, size(r))));
        userData.add(Raw.string(cloudInit(r, size(r))));
        certificates.add(Raw.string(pemChain(r, size(r))));
      }
    }
    build();
  }

  /** 2 to 8 KB. */
  private static int size(Random r) {
    return 2048 + r.nextInt(6 * 1024 + 1);
  }

  // ---------------------------------------------------------------------------------------------
  // The configuration's instances, their edges and the scenarios.

  private static final class Node {
    final String module; // "" for the root, else e.g. module.svc["svc-00001"]
    final boolean managed;
    final String type;
    final String name;
    final Object index; // null, Integer (count) or String (for_each)
    final List<Node> deps = new ArrayList<>();
    List<String> actions = List.of("no-op");
    String reason;
    String replacePath;
    boolean removed; // gone from the configuration: no planned value
    String scenario;

    Node(String module, boolean managed, String type, String name, Object index) {
      this.module = module;
      this.managed = managed;
      this.type = type;
      this.name = name;
      this.index = index;
    }

    String local() {
      String base = (managed ? "" : "data.") + type + "." + name;
      if (index == null) {
        return base;
      }
      return base + (index instanceof String ? "[\"" + index + "\"]" : "[" + index + "]");
    }

    String address() {
      return module.isEmpty() ? local() : module + "." + local();
    }

    /** The configuration address: module instance keys dropped, no instance key. */
    String configAddress() {
      String base = (managed ? "" : "data.") + type + "." + name;
      return module.isEmpty() ? base : module.replaceAll("\\[[^\\]]*\\]", "") + "." + base;
    }

    boolean deletes() {
      return actions.contains("delete");
    }

    void replace(List<String> how, String path) {
      actions = how;
      reason = "replace_because_cannot_update";
      replacePath = path;
    }
  }

  private Node node(String module, boolean managed, String type, String name, Object index,
      Node... deps) {
    Node n = new Node(module, managed, type, name, index);
    n.deps.addAll(Arrays.asList(deps));
    nodes.add(n);
    return n;
  }

  private void build() {
    Random r = new Random(options.seed());
    String net = "module.network";
    Node vpc = node(net, true, "aws_vpc", "main", null);
    List<Node> subnets = new ArrayList<>();
    for (String az : AZS) {
      subnets.add(node(net, true, "aws_subnet", "private", az, vpc));
    }
    Node table = node(net, true, "aws_route_table", "private", null, vpc);
    for (int i = 0; i < AZS.size(); i++) {
      node(net, true, "aws_route_table_association", "private", AZS.get(i), subnets.get(i), table);
    }
    for (int s = 0; s < options.services(); s++) {
      String m = String.format(Locale.ROOT, "module.svc[\"svc-%05d\"]", s);
      String scenario = r.nextDouble() < options.changeRate()
          ? SCENARIOS.get(r.nextInt(SCENARIOS.size())) : null;
      List<Node> svc = new ArrayList<>();
      Node ami = node(m, false, "aws_ami", "base", null);
      Node sg = node(m, true, "aws_security_group", "this", null, vpc);
      Node role = node(m, true, "aws_iam_role", "this", null);
      Node attachment = node(m, true, "aws_iam_role_policy_attachment", "this", null, role);
      Node profile = node(m, true, "aws_iam_instance_profile", "this", null, role);
      List<Node> apps = new ArrayList<>();
      for (int k = 0; k < options.count(); k++) {
        Node app = node(m, true, "aws_instance", "app", k, ami, sg, profile);
        app.deps.addAll(subnets);
        apps.add(app);
      }
      Node db = node(m, true, "aws_db_instance", "main", null, sg);
      db.deps.addAll(subnets);
      Node bucket = node(m, true, "aws_s3_bucket", "assets", null);
      Node cert = node(m, true, "aws_acm_certificate", "this", null);
      Node group = node(m, true, "aws_lb_target_group", "this", null, vpc);
      List<Node> targets = new ArrayList<>();
      for (int k = 0; k < options.count(); k++) {
        Node t = node(m, true, "aws_lb_target_group_attachment", "app", k, group);
        t.deps.addAll(apps);
        targets.add(t);
      }
      svc.addAll(List.of(ami, sg, role, attachment, profile, db, bucket, cert, group));
      svc.addAll(apps);
      svc.addAll(targets);
      if (scenario == null) {
        continue;
      }
      switch (scenario) {
        case "ami-bump":
          apps.forEach(a -> {
            a.replace(List.of("delete", "create"), "ami");
            a.scenario = scenario;
          });
          targets.forEach(t -> t.replace(List.of("delete", "create"), "target_id"));
          break;
        case "sg-rename":
          sg.replace(List.of("create", "delete"), "name");
          sg.scenario = scenario;
          apps.forEach(a -> a.actions = List.of("update"));
          db.actions = List.of("update");
          break;
        case "db-engine":
          db.replace(List.of("delete", "create"), "engine");
          db.scenario = scenario;
          break;
        case "bucket-removed":
          bucket.actions = List.of("delete");
          bucket.reason = "delete_because_no_resource_config";
          bucket.removed = true;
          break;
        default: // service-removed
          for (Node n : svc) {
            n.removed = true;
            if (n.managed) {
              n.actions = List.of("delete");
              n.reason = "delete_because_no_module";
            }
          }
      }
    }
    if (options.replaceVpc()) {
      vpc.replace(List.of("delete", "create"), "cidr_block");
      vpc.scenario = "vpc";
    }
  }

  /** Ground truth: every change with delete and how many managed instances depend on it. */
  public List<TruthRow> truth() {
    Map<Node, List<Node>> dependents = new IdentityHashMap<>();
    for (Node n : nodes) {
      for (Node d : n.deps) {
        dependents.computeIfAbsent(d, k -> new ArrayList<>()).add(n);
      }
    }
    List<TruthRow> rows = new ArrayList<>();
    for (Node n : nodes) {
      if (!n.managed || !n.deletes()) {
        continue;
      }
      Set<Node> seen = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
      Deque<Node> todo = new ArrayDeque<>(List.of(n));
      while (!todo.isEmpty()) {
        for (Node next : dependents.getOrDefault(todo.pop(), List.of())) {
          // Data sources are not counted, and the walk does not pass through them (no managed
          // resource here depends on a data source that depends on a managed one).
          if (next.managed && next != n && seen.add(next)) {
            todo.push(next);
          }
        }
      }
      rows.add(new TruthRow(n.address(), n.actions, n.reason, seen.size()));
    }
    return rows;
  }

  // ---------------------------------------------------------------------------------------------
  // Writing.

  /** Writes the plan to {@code plan} and, when {@code truth} is not null, the truth TSV. */
  public Result write(Path plan, Path truthFile) throws IOException {
    try (Writer w = new BufferedWriter(
        new OutputStreamWriter(Files.newOutputStream(plan), StandardCharsets.UTF_8), 1 << 16)) {
      writePlan(new Json(w));
    }
    List<TruthRow> rows = truth();
    if (truthFile != null) {
      StringBuilder sb = new StringBuilder(TRUTH_HEADER).append('\n');
      rows.forEach(row -> sb.append(row.tsv()).append('\n'));
      Files.writeString(truthFile, sb);
    }
    int managed = (int) nodes.stream().filter(n -> n.managed).count();
    return new Result(rows, managed, nodes.size() - managed, Files.size(plan));
  }

  private void writePlan(Json j) throws IOException {
    Random r = new Random(options.seed() + 1);
    j.begin();
    j.field("format_version", "1.2").field("terraform_version", "1.9.5");
    j.name("variables").begin().name("region").begin().field("value", "eu-west-1").end().end();

    j.name("planned_values").begin();
    j.name("outputs").begin().name("vpc_id").begin().field("sensitive", false)
        .field("type", "string").field("value", "vpc-0123").end().end();
    j.name("root_module");
    moduleTree(j, n -> n.managed && !n.removed, n -> {
      identity(j, n);
      j.field("schema_version", 1);
      j.name("values");
      values(j, n, false, r);
      sensitive(j, "sensitive_values");
    });
    j.end();
    j.name("resource_drift").beginArray().endArray();

    j.name("resource_changes").beginArray();
    for (Node n : nodes) {
      if (!n.managed || (options.omitNoop() && n.actions.equals(List.of("no-op")))) {
        continue;
      }
      j.begin();
      identity(j, n);
      j.name("change").begin();
      j.name("actions").value(n.actions);
      j.name("before");
      values(j, n, true, r);
      boolean gone = n.actions.equals(List.of("delete"));
      j.name("after");
      if (gone) {
        j.nul();
      } else {
        values(j, n, false, r);
      }
      j.name("after_unknown").begin();
      if (n.actions.contains("create")) {
        j.field("id", true).field("arn", true);
      }
      j.end();
      sensitive(j, "before_sensitive");
      if (gone) {
        j.field("after_sensitive", false);
      } else {
        sensitive(j, "after_sensitive");
      }
      if (n.replacePath != null) {
        j.name("replace_paths").beginArray().value(List.of(n.replacePath)).endArray();
      }
      j.end();
      if (n.reason != null) {
        j.field("action_reason", n.reason);
      }
      j.end();
    }
    j.endArray();
    j.name("output_changes").begin().name("vpc_id").begin().name("change").begin()
        .name("actions").value(List.of("no-op")).field("before", "vpc-0123")
        .field("after", "vpc-0123").field("after_unknown", false)
        .field("before_sensitive", false).field("after_sensitive", false).end().end().end();

    j.name("prior_state").begin().field("format_version", "1.0")
        .field("terraform_version", "1.9.5");
    j.name("values").begin().name("outputs").begin().end();
    j.name("root_module");
    moduleTree(j, n -> true, n -> {
      identity(j, n);
      j.field("schema_version", 1);
      j.name("values");
      values(j, n, true, r);
      sensitive(j, "sensitive_values");
      Set<String> deps = new TreeSet<>();
      n.deps.stream().filter(d -> d.managed).forEach(d -> deps.add(d.configAddress()));
      if (n.managed && !deps.isEmpty()) {
        j.name("depends_on").value(List.copyOf(deps));
      }
    });
    j.end().end();

    j.name("configuration").value(configuration());
    j.name("relevant_attributes").beginArray().endArray();
    j.field("timestamp", "2026-11-21T10:00:00Z").field("applyable", true)
        .field("complete", true).field("errored", false);
    j.end();
  }

  private interface Emit {
    void accept(Node n) throws IOException;
  }

  private interface Select {
    boolean test(Node n);
  }

  /** {"resources":[...],"child_modules":[{"address":..,"resources":[...]}...]}, in node order. */
  private void moduleTree(Json j, Select select, Emit emit) throws IOException {
    Map<String, List<Node>> byModule = new LinkedHashMap<>();
    for (Node n : nodes) {
      if (select.test(n)) {
        byModule.computeIfAbsent(n.module, k -> new ArrayList<>()).add(n);
      }
    }
    j.begin().name("resources").beginArray();
    for (Node n : byModule.getOrDefault("", List.of())) {
      j.begin();
      emit.accept(n);
      j.end();
    }
    j.endArray().name("child_modules").beginArray();
    for (Map.Entry<String, List<Node>> e : byModule.entrySet()) {
      if (e.getKey().isEmpty()) {
        continue;
      }
      j.begin().field("address", e.getKey()).name("resources").beginArray();
      for (Node n : e.getValue()) {
        j.begin();
        emit.accept(n);
        j.end();
      }
      j.endArray().end();
    }
    j.endArray().end();
  }

  private static void identity(Json j, Node n) throws IOException {
    j.field("address", n.address());
    if (!n.module.isEmpty()) {
      j.field("module_address", n.module);
    }
    j.field("mode", n.managed ? "managed" : "data").field("type", n.type).field("name", n.name);
    if (n.index instanceof String) {
      j.field("index", (String) n.index);
    } else if (n.index != null) {
      j.field("index", (Integer) n.index);
    }
    j.field("provider_name", PROVIDER);
  }

  private static void sensitive(Json j, String name) throws IOException {
    j.name(name).begin().name("tags").begin().end().name("tags_all").begin().end().end();
  }

  /** The attribute values of {@code n}, before or after the change. */
  private void values(Json j, Node n, boolean before, Random r) throws IOException {
    boolean changed = !before && n.scenario != null;
    String kind = n.type.substring(n.type.indexOf('_') + 1);
    String id = String.format(Locale.ROOT, "%s-%012d", kind,
        Integer.toUnsignedLong((n.address() + (before ? "b" : "a")).hashCode()) % 1_000_000_000_000L);
    j.begin();
    j.field("id", id);
    j.field("arn", "arn:aws:" + kind.split("_")[0] + ":eu-west-1:123456789012:" + id);
    for (String tags : List.of("tags", "tags_all")) {
      j.name(tags).begin().field("Name", n.address()).field("team", "platform")
          .field("env", "prod").field("cost-center", "cc-4711")
          .field("managed-by", "terraform").end();
    }
    boolean large = options.shape() == Shape.LARGE;
    switch (n.type) {
      case "aws_instance":
        j.field("ami", "ami-0a1b2c3d4e5f" + (changed ? "6789" : "0000"))
            .field("instance_type", "m6i.large").field("subnet_id", "subnet-0123");
        j.name("vpc_security_group_ids").value(List.of("sg-0123"));
        if (large) {
          j.name("user_data").raw(pick(userData, r));
        }
        break;
      case "aws_db_instance":
        j.field("engine", changed ? "aurora-postgresql" : "postgres")
            .field("engine_version", "15.4").field("instance_class", "db.r6g.large")
            .field("allocated_storage", 100).field("deletion_protection", false)
            .field("skip_final_snapshot", true);
        break;
      case "aws_security_group":
        j.field("name", n.address() + (changed ? "-v2" : ""));
        j.name("ingress").beginArray().begin().field("from_port", 443).field("to_port", 443)
            .field("protocol", "tcp").name("cidr_blocks").value(List.of("10.0.0.0/8"))
            .field("description", "https").field("self", false).end().endArray();
        break;
      case "aws_vpc":
        j.field("cidr_block", changed ? "10.1.0.0/16" : "10.0.0.0/16")
            .field("enable_dns_support", true).field("enable_dns_hostnames", true);
        break;
      case "aws_iam_role":
        if (large) {
          j.name("assume_role_policy").raw(pick(policies, r));
          j.name("inline_policy").beginArray().begin().field("name", "service")
              .name("policy").raw(pick(policies, r)).end().endArray();
        }
        break;
      case "aws_s3_bucket":
        if (large) {
          j.name("policy").raw(pick(policies, r));
        }
        break;
      case "aws_acm_certificate":
        j.field("domain_name", "svc.example.com");
        if (large) {
          j.name("certificate_body").raw(pick(certificates, r));
          j.name("certificate_chain").raw(pick(certificates, r));
        }
        break;
      default:
        break;
    }
    if (!large && options.pad() > 0) {
      int start = r.nextInt(pool.length() - Math.min(options.pad(), pool.length() - 1));
      j.field("user_data_base64", slice(start, options.pad()));
    }
    j.name("timeouts").nul();
    j.end();
  }

  private static Raw pick(List<Raw> from, Random r) {
    return from.get(r.nextInt(from.size()));
  }

  /** {@code length} characters of the pool from {@code start}, wrapping around. */
  private String slice(int start, int length) {
    StringBuilder sb = new StringBuilder(length);
    while (sb.length() < length) {
      int take = Math.min(length - sb.length(), pool.length() - start);
      sb.append(pool, start, start + take);
      start = 0;
    }
    return sb.toString();
  }

  private String policyDocument(Random r, int size) {
    String[] verbs = {"s3:GetObject", "s3:PutObject", "kms:Decrypt", "kms:GenerateDataKey",
        "logs:PutLogEvents", "sqs:SendMessage", "dynamodb:Query", "ec2:DescribeInstances"};
    StringBuilder sb = new StringBuilder(size + 512).append("{\"Version\":\"2012-10-17\",\"Statement\":[");
    int sid = 0;
    while (sb.length() < size) {
      if (sid > 0) {
        sb.append(',');
      }
      sb.append("{\"Sid\":\"S").append(sid++).append("\",\"Effect\":\"Allow\",\"Action\":[");
      for (int a = 0; a < 3; a++) {
        sb.append(a == 0 ? "" : ",").append('"').append(verbs[r.nextInt(verbs.length)]).append('"');
      }
      sb.append("],\"Resource\":[\"arn:aws:s3:::bucket-").append(slice(r.nextInt(60000), 12))
          .append("/*\"],\"Condition\":{\"StringEquals\":{\"aws:PrincipalOrgID\":\"o-")
          .append(slice(r.nextInt(60000), 10)).append("\"}}}");
    }
    return sb.append("]}").toString();
  }

  private String cloudInit(Random r, int size) {
    StringBuilder sb = new StringBuilder(size + 128)
        .append("#!/bin/bash\nset -euo pipefail\n# generated by plangate's PlanGenerator\n");
    while (sb.length() < size) {
      sb.append("echo \"config ").append(slice(r.nextInt(60000), 24))
          .append("\" >> /etc/app/env\t# \\ step\n");
    }
    return sb.toString();
  }

  private String pemChain(Random r, int size) {
    StringBuilder sb = new StringBuilder(size + 128);
    while (sb.length() < size) {
      sb.append("-----BEGIN CERTIFICATE-----\n");
      for (int line = 0; line < 20; line++) {
        sb.append(slice(r.nextInt(60000), 64)).append('\n');
      }
      sb.append("-----END CERTIFICATE-----\n");
    }
    return sb.toString();
  }

  // ---------------------------------------------------------------------------------------------
  // The configuration section: one entry per module, not per instance.

  private static Map<String, Object> refs(String... references) {
    return Map.of("references", List.of(references));
  }

  private static Map<String, Object> resource(String address, String mode, Object expressions,
      Map<String, Object> extra) {
    int dot = address.lastIndexOf('.');
    String type = address.substring(address.startsWith("data.") ? 5 : 0, dot);
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("address", address);
    m.put("mode", mode);
    m.put("type", type);
    m.put("name", address.substring(dot + 1));
    m.put("provider_config_key", "aws");
    m.put("expressions", expressions);
    m.put("schema_version", 1);
    m.putAll(extra);
    return m;
  }

  private static Map<String, Object> managed(String address, Object expressions) {
    return resource(address, "managed", expressions, Map.of());
  }

  private static Map<String, Object> ordered(Object... keyValues) {
    Map<String, Object> m = new LinkedHashMap<>();
    for (int i = 0; i < keyValues.length; i += 2) {
      m.put((String) keyValues[i], keyValues[i + 1]);
    }
    return m;
  }

  private Map<String, Object> configuration() {
    Map<String, Object> forEachAzs = Map.of("for_each_expression", refs("var.azs"));
    Map<String, Object> byCount = Map.of("count_expression", refs("var.instance_count"));
    Map<String, Object> network = ordered(
        "outputs", ordered(
            "vpc_id", Map.of("expression", refs("aws_vpc.main.id", "aws_vpc.main")),
            "subnet_ids", Map.of("expression", refs("aws_subnet.private"))),
        "resources", List.of(
            managed("aws_vpc.main", Map.of("cidr_block", Map.of("constant_value", "10.0.0.0/16"))),
            resource("aws_subnet.private", "managed", ordered(
                "vpc_id", refs("aws_vpc.main.id", "aws_vpc.main"),
                "availability_zone", refs("each.key")), forEachAzs),
            managed("aws_route_table.private",
                Map.of("vpc_id", refs("aws_vpc.main.id", "aws_vpc.main"))),
            resource("aws_route_table_association.private", "managed", ordered(
                "subnet_id", refs("aws_subnet.private", "each.key"),
                "route_table_id", refs("aws_route_table.private.id", "aws_route_table.private")),
                forEachAzs)),
        "variables", Map.of("azs", Map.of()));
    Map<String, Object> service = ordered(
        "resources", List.of(
            managed("aws_security_group.this",
                ordered("vpc_id", refs("var.vpc_id"), "name", refs("var.name"))),
            managed("aws_iam_role.this", Map.of("name", refs("var.name"))),
            managed("aws_iam_role_policy_attachment.this",
                Map.of("role", refs("aws_iam_role.this.name", "aws_iam_role.this"))),
            managed("aws_iam_instance_profile.this",
                Map.of("role", refs("aws_iam_role.this.name", "aws_iam_role.this"))),
            resource("aws_instance.app", "managed", ordered(
                "ami", refs("data.aws_ami.base.id", "data.aws_ami.base"),
                "vpc_security_group_ids",
                refs("aws_security_group.this.id", "aws_security_group.this"),
                "iam_instance_profile",
                refs("aws_iam_instance_profile.this.name", "aws_iam_instance_profile.this"),
                "subnet_id", refs("var.subnet_ids", "count.index")), byCount),
            managed("aws_db_instance.main", ordered(
                "vpc_security_group_ids",
                refs("aws_security_group.this.id", "aws_security_group.this"),
                "db_subnet_group_name", refs("var.subnet_ids"))),
            managed("aws_s3_bucket.assets", Map.of("bucket", refs("var.name"))),
            managed("aws_acm_certificate.this", Map.of("domain_name", refs("var.name"))),
            managed("aws_lb_target_group.this", Map.of("vpc_id", refs("var.vpc_id"))),
            resource("aws_lb_target_group_attachment.app", "managed", ordered(
                "target_group_arn", refs("aws_lb_target_group.this.arn", "aws_lb_target_group.this"),
                "target_id", refs("aws_instance.app", "count.index")), byCount),
            resource("data.aws_ami.base", "data",
                Map.of("owners", Map.of("constant_value", List.of("amazon"))), Map.of())),
        "variables", ordered("vpc_id", Map.of(), "subnet_ids", Map.of(), "name", Map.of(),
            "instance_count", Map.of("default", options.count())));
    return ordered(
        "provider_config", Map.of("aws", ordered("name", "aws", "full_name", PROVIDER,
            "expressions", Map.of("region", refs("var.region")))),
        "root_module", ordered(
            "module_calls", ordered(
                "network", ordered("source", "./modules/network", "module", network,
                    "expressions", Map.of("azs", Map.of("constant_value", AZS))),
                "svc", ordered("source", "./modules/service", "module", service,
                    "for_each_expression", refs("local.services"),
                    "expressions", ordered(
                        "vpc_id", refs("module.network.vpc_id", "module.network"),
                        "subnet_ids", refs("module.network.subnet_ids", "module.network"),
                        "name", refs("each.key")))),
            "variables", Map.of("region", Map.of("default", "eu-west-1"))));
  }

  // ---------------------------------------------------------------------------------------------
  // A minimal streaming JSON writer: commas by nesting level, strings escaped per RFC 8259.

  /** A JSON value already encoded (a quoted, escaped string), written as is. */
  private record Raw(String json) {
    static Raw string(String s) {
      StringBuilder sb = new StringBuilder(s.length() + 64);
      Json.quote(s, sb);
      return new Raw(sb.toString());
    }
  }

  private static final class Json {
    private final Writer w;
    /** Per open container: whether the next member needs a comma. */
    private boolean[] needComma = new boolean[64];
    private int depth;
    private boolean afterName;
    private final StringBuilder scratch = new StringBuilder(256);

    Json(Writer w) {
      this.w = w;
    }

    private void separate() throws IOException {
      if (afterName) {
        afterName = false;
        return;
      }
      if (depth > 0 && needComma[depth - 1]) {
        w.write(',');
      }
      if (depth > 0) {
        needComma[depth - 1] = true;
      }
    }

    private Json open(char c) throws IOException {
      separate();
      w.write(c);
      if (depth == needComma.length) {
        needComma = Arrays.copyOf(needComma, depth * 2);
      }
      needComma[depth++] = false;
      return this;
    }

    Json begin() throws IOException {
      return open('{');
    }

    Json beginArray() throws IOException {
      return open('[');
    }

    Json end() throws IOException {
      depth--;
      w.write('}');
      return this;
    }

    Json endArray() throws IOException {
      depth--;
      w.write(']');
      return this;
    }

    Json name(String name) throws IOException {
      separate();
      string(name);
      w.write(':');
      afterName = true;
      return this;
    }

    Json field(String name, String value) throws IOException {
      return name(name).value(value);
    }

    Json field(String name, long value) throws IOException {
      name(name);
      separate();
      w.write(Long.toString(value));
      return this;
    }

    Json field(String name, boolean value) throws IOException {
      name(name);
      separate();
      w.write(value ? "true" : "false");
      return this;
    }

    Json nul() throws IOException {
      separate();
      w.write("null");
      return this;
    }

    Json raw(Raw raw) throws IOException {
      separate();
      w.write(raw.json());
      return this;
    }

    private void string(String s) throws IOException {
      scratch.setLength(0);
      quote(s, scratch);
      w.append(scratch);
    }

    /** Any value the configuration uses: Map, List, String, Number, Boolean, null. */
    Json value(Object v) throws IOException {
      if (v == null) {
        return nul();
      } else if (v instanceof String) {
        separate();
        string((String) v);
      } else if (v instanceof Number || v instanceof Boolean) {
        separate();
        w.write(v.toString());
      } else if (v instanceof Map) {
        begin();
        for (Map.Entry<?, ?> e : ((Map<?, ?>) v).entrySet()) {
          name((String) e.getKey()).value(e.getValue());
        }
        end();
      } else if (v instanceof List) {
        beginArray();
        for (Object o : (List<?>) v) {
          value(o);
        }
        endArray();
      } else {
        throw new IllegalArgumentException("not a JSON value: " + v.getClass());
      }
      return this;
    }

    static void quote(String s, StringBuilder out) {
      out.append('"');
      for (int i = 0; i < s.length(); i++) {
        char c = s.charAt(i);
        switch (c) {
          case '"':
            out.append("\\\"");
            break;
          case '\\':
            out.append("\\\\");
            break;
          case '\n':
            out.append("\\n");
            break;
          case '\r':
            out.append("\\r");
            break;
          case '\t':
            out.append("\\t");
            break;
          default:
            if (c < 0x20) {
              out.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
            } else {
              out.append(c);
            }
        }
      }
      out.append('"');
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Command line.

  static String usage() {
    return "usage: PlanGenerator --out PLAN.json [--truth TRUTH.tsv] [--shape small|large]\n"
        + "         [--services N (100)] [--count N (4)] [--pad BYTES (256, small shape)]\n"
        + "         [--change-rate F (0.2)] [--replace-vpc] [--omit-noop] [--seed N (7)]";
  }

  public static void main(String[] args) {
    try {
      System.exit(run(args));
    } catch (IllegalArgumentException e) {
      System.err.println("PlanGenerator: " + e.getMessage());
      System.err.println(usage());
      System.exit(2);
    } catch (IOException e) {
      System.err.println("PlanGenerator: " + e);
      System.exit(1);
    }
  }

  static int run(String[] args) throws IOException {
    Shape shape = Shape.SMALL;
    int services = 100;
    int count = 4;
    int pad = 256;
    double rate = 0.2;
    boolean vpc = false;
    boolean omit = false;
    long seed = 7;
    Path out = null;
    Path truth = null;
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      switch (a) {
        case "--replace-vpc":
          vpc = true;
          continue;
        case "--omit-noop":
          omit = true;
          continue;
        case "-h":
        case "--help":
          System.out.println(usage());
          return 0;
        default:
          break;
      }
      if (i + 1 >= args.length) {
        throw new IllegalArgumentException(a + " needs a value");
      }
      String v = args[++i];
      try {
        switch (a) {
          case "--shape":
            shape = Shape.valueOf(v.toUpperCase(Locale.ROOT));
            break;
          case "--services":
            services = Integer.parseInt(v);
            break;
          case "--count":
            count = Integer.parseInt(v);
            break;
          case "--pad":
            pad = Integer.parseInt(v);
            break;
          case "--change-rate":
            rate = Double.parseDouble(v);
            break;
          case "--seed":
            seed = Long.parseLong(v);
            break;
          case "--out":
            out = Path.of(v);
            break;
          case "--truth":
            truth = Path.of(v);
            break;
          default:
            throw new IllegalArgumentException("unknown argument: " + a);
        }
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(a + ": not a number: " + v);
      }
    }
    if (out == null) {
      throw new IllegalArgumentException("--out is required");
    }
    Options o = new Options(shape, services, count, pad, rate, vpc, omit, seed);
    Result r = new PlanGenerator(o).write(out, truth);
    System.err.printf(Locale.ROOT,
        "PlanGenerator: %s shape, %d bytes, %d managed instances, %d data, %d with delete%n",
        shape.name().toLowerCase(Locale.ROOT), r.bytes(), r.managed(), r.data(), r.truth().size());
    return 0;
  }
}
