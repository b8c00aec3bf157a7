package dev.plangate.core.report;

import dev.plangate.core.api.CheckRequest;
import dev.plangate.core.api.CommitSelection;
import dev.plangate.core.pipeline.Pipeline;
import dev.plangate.core.api.PlanExtras;
import dev.plangate.core.authorship.Attribution;
import dev.plangate.core.authorship.Authorship;
import dev.plangate.core.authorship.CommitAuthorship;
import dev.plangate.core.authorship.Confidence;
import dev.plangate.core.authorship.Signal;
import dev.plangate.core.gate.ApprovalRoute;
import dev.plangate.core.gate.Approver;
import dev.plangate.core.gate.Decision;
import dev.plangate.core.gate.GateResult;
import dev.plangate.core.gate.Reason;
import dev.plangate.core.gate.Verdict;
import dev.plangate.core.impact.Downstream;
import dev.plangate.core.impact.Finding;
import dev.plangate.core.impact.FindingAction;
import dev.plangate.core.model.ReplaceOrder;
import dev.plangate.core.policy.Policy;
import dev.plangate.core.policy.PolicyLoader;
import dev.plangate.core.policy.PolicyOrigin;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The reports every renderer's golden files are made from: the analysis of each example in
 * {@code examples/} (its committed plan and inputs, a fixed date, no commit range, so nothing
 * varies between runs), runs over broken inputs, and reports built by hand for what the examples
 * do not show (AI commits and attribution, waivers, approvals, protect rules, many findings,
 * hostile text). Paths are given relative to the module directory, where tests run, and every
 * module sits one level below the root, so they are the same in every module and on every
 * machine. Public so other modules' golden tests use the same reports.
 */
public final class GoldenReports {
  /** The repository root as seen from a module directory. */
  static final Path ROOT = Path.of("..");
  static final Path EXAMPLES = ROOT.resolve("examples");
  static final Path INPUTS =
      ROOT.resolve("analyzer-core/src/test/resources/golden-inputs");
  static final LocalDate TODAY = LocalDate.of(2026, 1, 15);
  private static final String SHA = "4f2a9c1e8b7d6a5f4e3d2c1b0a9f8e7d6c5b4a39";
  private static final String HUMAN_SHA = "9e8d7c6b5a4f3e2d1c0b9a8f7e6d5c4b3a2f1e0d";

  private GoldenReports() {}

  /** Every report by name, in a fixed order; each is computed when asked for. */
  public static Map<String, Supplier<Report>> all() {
    Map<String, Supplier<Report>> all = new LinkedHashMap<>();
    all.put("example-terraform-kiro-incident",
        () -> analyze(List.of(EXAMPLES.resolve("terraform-kiro-incident/plan.json")),
            Policy.defaults(), PlanExtras.none()));
    all.put("example-terraform-db-replace",
        () -> analyze(List.of(EXAMPLES.resolve("terraform-db-replace/plan.json")),
            policy(EXAMPLES.resolve("terraform-db-replace/.plangate.yml")), PlanExtras.none()));
    all.put("example-orders-service-destroy",
        () -> analyze(List.of(EXAMPLES.resolve("orders-service/destroy-plan.json")),
            Policy.defaults(), PlanExtras.none()));
    all.put("example-orders-service-update",
        () -> analyze(List.of(EXAMPLES.resolve("orders-service/update-plan.json")),
            Policy.defaults(), PlanExtras.none()));
    all.put("example-cloudformation-changeset",
        () -> analyze(List.of(EXAMPLES.resolve("cloudformation-changeset/changeset.json")),
            Policy.defaults(), new PlanExtras(null,
                List.of(EXAMPLES.resolve("cloudformation-changeset/template.yaml")), null, null,
                null, null)));
    all.put("example-cloudformation-template-diff",
        () -> analyze(List.of(), Policy.defaults(), new PlanExtras(null, List.of(),
            EXAMPLES.resolve("cloudformation-changeset/template-before.yaml"),
            EXAMPLES.resolve("cloudformation-changeset/template.yaml"), null, null)));
    all.put("example-pulumi-preview",
        () -> analyze(List.of(EXAMPLES.resolve("pulumi-preview/preview.json")),
            Policy.defaults(), new PlanExtras(
                EXAMPLES.resolve("pulumi-preview/stack-export.json"), List.of(), null, null,
                null, null)));
    all.put("example-cdk-java-app",
        () -> analyze(List.of(), Policy.defaults(), new PlanExtras(null, List.of(), null, null,
            EXAMPLES.resolve("cdk-java-app/after/cdk.out"),
            EXAMPLES.resolve("cdk-java-app/before/cdk.out"))));
    all.put("errors-unreadable-inputs",
        () -> analyze(List.of(INPUTS.resolve("truncated.json"), INPUTS.resolve("missing.json"),
            INPUTS.resolve("not-a-plan.json")), Policy.defaults(), PlanExtras.none()));
    all.put("errors-beside-a-readable-plan",
        () -> analyze(List.of(EXAMPLES.resolve("terraform-kiro-incident/plan.json"),
            INPUTS.resolve("truncated.json")), Policy.defaults(), PlanExtras.none()));
    all.put("errors-template-lines",
        () -> analyze(List.of(), Policy.defaults(), new PlanExtras(null, List.of(),
            INPUTS.resolve("template-before.yaml"), INPUTS.resolve("broken-template.yaml"),
            null, null)));
    all.put("errors-without-a-file", GoldenReports::errorWithoutFile);
    all.put("ai-approval-required-on-pull-request", GoldenReports::aiApprovalRequired);
    all.put("seven-findings-on-pull-request", GoldenReports::sevenFindings);
    all.put("blocked-by-protect-rule", GoldenReports::blocked);
    all.put("waivers-and-approvals", GoldenReports::waiversAndApprovals);
    all.put("many-findings", GoldenReports::manyFindings);
    all.put("hostile-input", Reports::hostile);
    return all;
  }

  static Report analyze(List<Path> plans, Policy policy, PlanExtras extras) {
    return new Pipeline().check(CheckRequest.builder(plans).policy(policy).today(TODAY)
        .extras(extras).build());
  }

  private static Policy policy(Path file) {
    try {
      return PolicyLoader.load(file);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static Report errorWithoutFile() {
    return new Report(Decision.ERROR, List.of(new Reason(Reason.Kind.ERROR,
        "approvals could not be checked: GitHub answered 502 Bad Gateway")), "",
        Policy.DEFAULT_LABEL, Authorship.unknown("no commit range was read"), List.of(),
        List.of(), Map.of(), List.of("approvals could not be checked: GitHub answered 502 Bad"
            + " Gateway; run again"));
  }

  private static Finding finding(String plan, String address, FindingAction action,
      String reason, boolean critical, String category, Boolean recoverable,
      Downstream downstream, String suggestion, String location) {
    String type = address.substring(address.startsWith("module.")
        ? address.lastIndexOf("].") + 2 : 0);
    type = type.substring(0, type.indexOf('.'));
    return new Finding(plan, address, null, type, action,
        action == FindingAction.REPLACE ? ReplaceOrder.DELETE_BEFORE_CREATE : null, reason,
        action == FindingAction.REPLACE ? List.of("create", "delete") : List.of(action.id()),
        action == FindingAction.REPLACE ? List.of("storage_encrypted") : List.of(), critical,
        category, recoverable, recoverable == null ? null
            : recoverable ? "a final snapshot is taken" : "skip_final_snapshot is true",
        action.id() + " " + address + " because " + reason + ".", downstream,
        suggestion, false, location, null, List.of());
  }

  private static Authorship aiAuthorship() {
    Signal trailer = new Signal("trailer", "Co-authored-by: Claude <noreply@anthropic.com>",
        Confidence.HIGH, "Claude Code");
    return new Authorship(true, List.of(
        new CommitAuthorship(SHA, "Dev Eloper <dev@example.com>", "Rename the env module",
            true, "Claude Code", List.of(trailer)),
        new CommitAuthorship(HUMAN_SHA, "Dev Eloper <dev@example.com>", "Bump provider", false,
            null, List.of())),
        List.of(new Signal("branch", "claude/rename-env", Confidence.MEDIUM, "Claude Code")),
        List.of());
  }

  private static Report aiApprovalRequired() {
    Attribution removed = new Attribution(SHA, "Dev Eloper <dev@example.com>", "Claude Code",
        true, "infra/main.tf", 12, "removed module \"env\"");
    Finding db = finding("infra/plan.json", "module.env.aws_db_instance.main",
        FindingAction.DELETE, "block removed from configuration", true, "database", false,
        new Downstream(List.of("module.env.aws_db_instance.replica"),
            List.of("aws_route53_record.db")), "moved {\n  from = module.env\n  to   = "
            + "module.environment\n}", "infra/env/main.tf:3").withAttribution(List.of(removed));
    Finding replica = finding("infra/plan.json", "module.env.aws_db_instance.replica",
        FindingAction.DELETE, "block removed from configuration", true, "database", null,
        new Downstream(List.of(), List.of()), "moved {\n  from = module.env\n  to   = "
            + "module.environment\n}", null).withAttribution(List.of(removed));
    Finding bucket = finding("infra/plan.json", "aws_s3_bucket.logs", FindingAction.FORGET,
        "removed block", false, null, null, new Downstream(List.of(), List.of()), null, null);
    List<Finding> findings = List.of(db, replica, bucket);
    Map<String, Verdict> verdicts = new LinkedHashMap<>();
    verdicts.put(GateResult.id(db), Verdict.APPROVAL_REQUIRED);
    verdicts.put(GateResult.id(replica), Verdict.APPROVAL_REQUIRED);
    verdicts.put(GateResult.id(bucket), Verdict.ALLOWED);
    return new Report(Decision.APPROVAL_REQUIRED, List.of(
        new Reason(Reason.Kind.AUTHORSHIP, "An AI-authored commit (Claude Code) is in the"
            + " range."),
        new Reason(Reason.Kind.APPROVAL, "Critical destroys need 2 approvals from different"
            + " people."),
        new Reason(Reason.Kind.NOTE, "The plan was made with Terraform 1.11.")),
        "c0ffee1234567890", "plangate-approved", aiAuthorship(),
        List.of(new PlanSummary("infra/plan.json", "terraform", "1.2", "1.11.0",
            Reports.counts(2, 0, 1), false, true, List.of())), findings, verdicts,
        List.of(), new PolicyOrigin(".plangate.yml", "abc1234", List.of(), List.of()),
        List.of("The base revision has no policy file; the defaults apply."),
        ApprovalRoute.PULL_REQUEST_LABEL);
  }

  /**
   * What an agent's pull request that tears down a staging network looks like: seven findings in
   * a dependency chain (network, subnets, database, cache, two app servers), two commits.
   */
  private static Report sevenFindings() {
    String net = "module.staging.module.network.";
    String app = "module.staging.module.app.";
    Attribution removed = new Attribution(SHA, "Dev Eloper <dev@example.com>", "Claude Code",
        true, "infra/staging/main.tf", 8, "removed module \"network\"");
    Attribution resized = new Attribution(HUMAN_SHA, "Dev Eloper <dev@example.com>",
        "Claude Code", true, "infra/staging/app.tf", 21, "changed node_type");
    List<String> all = List.of(net + "aws_subnet.private[\"eu-west-1a\"]",
        net + "aws_subnet.private[\"eu-west-1b\"]", app + "aws_db_instance.orders",
        app + "aws_elasticache_cluster.sessions", app + "aws_instance.web[0]",
        app + "aws_instance.web[1]");
    List<String> outside = List.of("aws_route53_record.api", "aws_lb_target_group.web");
    Finding vpc = finding("infra/staging/plan.json", net + "aws_vpc.main", FindingAction.DELETE,
        "block removed from configuration", false, null, null,
        new Downstream(all, outside), null, "infra/staging/network/main.tf:1")
        .withAttribution(List.of(removed));
    List<Finding> findings = new java.util.ArrayList<>(List.of(vpc));
    for (int i = 0; i < 2; i++) {
      findings.add(finding("infra/staging/plan.json", all.get(i), FindingAction.DELETE,
          "block removed from configuration", false, null, null,
          new Downstream(all.subList(2, 6), outside), null, "infra/staging/network/main.tf:14")
          .withAttribution(List.of(removed)));
    }
    findings.add(finding("infra/staging/plan.json", all.get(2), FindingAction.REPLACE,
        "replace_because_cannot_update", true, "database", false,
        new Downstream(all.subList(4, 6), List.of()), null, "infra/staging/app.tf:3")
        .withAttribution(List.of(removed)));
    findings.add(finding("infra/staging/plan.json", all.get(3), FindingAction.REPLACE,
        "replace_because_cannot_update", false, null, null,
        new Downstream(all.subList(4, 6), List.of()), null, "infra/staging/app.tf:21")
        .withAttribution(List.of(resized)));
    for (int i = 4; i < 6; i++) {
      findings.add(finding("infra/staging/plan.json", all.get(i), FindingAction.REPLACE,
          "replace_because_cannot_update", false, null, null,
          new Downstream(List.of(), List.of("aws_lb_target_group.web")), null,
          "infra/staging/app.tf:40").withAttribution(List.of(removed)));
    }
    Map<String, Verdict> verdicts = new LinkedHashMap<>();
    findings.forEach(f -> verdicts.put(GateResult.id(f), Verdict.APPROVAL_REQUIRED));
    return new Report(Decision.APPROVAL_REQUIRED, List.of(
        new Reason(Reason.Kind.AUTHORSHIP, "An AI-authored commit (Claude Code) is in the"
            + " range."),
        new Reason(Reason.Kind.APPROVAL, "Critical destroys need 2 approvals from different"
            + " people.")),
        "5eed5eed5eed5eed", "plangate/approve-destroy", aiAuthorship(),
        List.of(new PlanSummary("infra/staging/plan.json", "terraform", "1.2", "1.11.0",
            Reports.counts(3, 4, 0), false, true, List.of())), findings, verdicts,
        List.of(), new PolicyOrigin(".plangate.yml", "abc1234", List.of(), List.of()),
        List.of(), ApprovalRoute.PULL_REQUEST_LABEL);
  }

  private static Report blocked() {
    Finding state = finding("plan.json", "aws_s3_bucket.tfstate", FindingAction.REPLACE,
        "bucket name changed", true, "storage", false,
        new Downstream(List.of(), List.of("aws_s3_bucket_policy.tfstate")), null,
        "main.tf:40");
    Finding queue = finding("plan.json", "aws_sqs_queue.jobs", FindingAction.DELETE,
        "block removed from configuration", false, null, true,
        new Downstream(List.of(), List.of()), null, null);
    Map<String, Verdict> verdicts = Map.of(GateResult.id(state), Verdict.BLOCKED,
        GateResult.id(queue), Verdict.APPROVAL_REQUIRED);
    return new Report(Decision.BLOCKED, List.of(
        new Reason(Reason.Kind.PROTECTED, "aws_s3_bucket.tfstate is protected by the policy"
            + " rule 'aws_s3_bucket.tfstate' (line 7)."),
        new Reason(Reason.Kind.APPROVAL, "aws_sqs_queue.jobs needs approval.")),
        "feedface00000001", "plangate-approved", aiAuthorship(),
        List.of(new PlanSummary("plan.json", "terraform", "1.2", "1.11.0",
            Reports.counts(1, 1, 0), false, true, List.of("the plan has 2 deferred changes"))),
        List.of(state, queue), verdicts, List.of(),
        new PolicyOrigin(".plangate.yml", "main", List.of("protect: removed rule"
            + " 'aws_dynamodb_table.*'"), List.of()), List.of(),
        ApprovalRoute.PULL_REQUEST_LABEL);
  }

  private static Report waiversAndApprovals() {
    Finding waived = finding("plan.json", "aws_instance.batch[0]", FindingAction.DELETE,
        "count reduced", false, null, null, new Downstream(List.of(), List.of()), null, null);
    Finding approved = finding("plan.json", "aws_db_instance.reports", FindingAction.REPLACE,
        "storage_encrypted changed", true, "database", true,
        new Downstream(List.of("aws_db_instance.reports_replica"), List.of()), null,
        "db.tf:8");
    Finding allowed = finding("plan.json", "aws_cloudwatch_log_group.old", FindingAction.DELETE,
        "block removed from configuration", false, null, null,
        new Downstream(List.of(), List.of()), null, null);
    Map<String, Verdict> verdicts = Map.of(GateResult.id(waived), Verdict.WAIVED,
        GateResult.id(approved), Verdict.APPROVED, GateResult.id(allowed), Verdict.ALLOWED);
    return new Report(Decision.PASS, List.of(
        new Reason(Reason.Kind.APPROVAL, "Approved by @alice and @bob for fingerprint"
            + " 0011223344556677."),
        new Reason(Reason.Kind.NOTE, "The waiver for aws_instance.batch[*] expires on"
            + " 2026-02-01.")),
        "0011223344556677", "plangate-approved", aiAuthorship(),
        List.of(new PlanSummary("plan.json", "terraform", "1.2", "1.11.0",
            Reports.counts(2, 1, 0), false, true, List.of())),
        List.of(waived, approved, allowed), verdicts, List.of(),
        new PolicyOrigin(".plangate.yml", "main", List.of(), List.of()),
        List.of("The waiver for aws_iam_role.legacy expired on 2025-12-31 and no longer"
            + " applies."), ApprovalRoute.PULL_REQUEST_LABEL);
  }

  private static Report manyFindings() {
    List<Finding> findings = new ArrayList<>();
    Map<String, Verdict> verdicts = new LinkedHashMap<>();
    for (int i = 0; i < 240; i++) {
      String module = "module.service[\"svc-" + (i % 12) + "\"]";
      FindingAction action = i % 5 == 0 ? FindingAction.REPLACE
          : i % 17 == 0 ? FindingAction.FORGET : FindingAction.DELETE;
      List<String> deps = new ArrayList<>();
      for (int k = 0; k < i % 4; k++) {
        deps.add("module.consumer[\"c" + (i + k) % 30 + "\"].aws_lambda_function.f");
      }
      Finding f = finding("plans/" + (i % 3) + ".json",
          module + ".aws_instance.node[" + i + "]", action, "count reduced", i % 11 == 0,
          i % 11 == 0 ? "compute" : null, i % 11 == 0 ? Boolean.FALSE : null,
          new Downstream(deps, List.of()), i % 7 == 0 ? "moved {\n  from = " + module
              + ".aws_instance.node[" + i + "]\n  to   = " + module + ".aws_instance.n[" + i
              + "]\n}" : null, null);
      findings.add(f);
      verdicts.put(GateResult.id(f), action == FindingAction.FORGET ? Verdict.ALLOWED
          : Verdict.APPROVAL_REQUIRED);
    }
    List<PlanSummary> plans = new ArrayList<>();
    for (int p = 0; p < 3; p++) {
      plans.add(new PlanSummary("plans/" + p + ".json", "terraform", "1.2", "1.11.0",
          Reports.counts(64, 16, 0), false, true, List.of()));
    }
    return new Report(Decision.APPROVAL_REQUIRED,
        List.of(new Reason(Reason.Kind.APPROVAL, "Destroys need 1 approval.")),
        "abcdefabcdef0123", "plangate-approved", aiAuthorship(), plans, findings, verdicts,
        List.of(), null, List.of(), ApprovalRoute.PULL_REQUEST_LABEL);
  }
}
