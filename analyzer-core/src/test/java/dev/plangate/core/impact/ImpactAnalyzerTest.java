package dev.plangate.core.impact;

import static org.assertj.core.api.Assertions.assertThat;

import dev.plangate.core.catalog.ResourceCatalog;
import dev.plangate.core.model.ChangeKind;
import dev.plangate.core.model.Dependencies;
import dev.plangate.core.model.Plan;
import dev.plangate.core.model.PlanFormat;
import dev.plangate.core.model.ReplaceOrder;
import dev.plangate.core.model.ResourceChange;
import dev.plangate.core.policy.PolicyLoader;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Findings from hand-built plans: which changes are findings, the blast radius each one reports
 * (a missed dependent understates it), and the one sentence a reviewer reads.
 */
class ImpactAnalyzerTest {
  private final ImpactAnalyzer analyzer = new ImpactAnalyzer(ResourceCatalog.builtin());

  static ResourceChange.Builder change(String address, ChangeKind kind) {
    return ResourceChange.builder().address(address).kind(kind)
        .type(address.substring(address.lastIndexOf('.', address.lastIndexOf('.') - 1) + 1,
            address.lastIndexOf('.')));
  }

  static Plan plan(PlanFormat format, String toolVersion, boolean dependenciesKnown,
      List<int[]> edges, ResourceChange... changes) {
    return new Plan("plan.json", format, "1.2", toolVersion, List.of(changes),
        Dependencies.of(edges), 0, List.of(), false, true, List.of(), Map.of(),
        dependenciesKnown);
  }

  static Plan terraform(List<int[]> edges, ResourceChange... changes) {
    return plan(PlanFormat.TERRAFORM, "1.9.0", true, edges, changes);
  }

  static int[] edge(int dependent, int dependency) {
    return new int[] {dependent, dependency};
  }

  Finding only(Plan plan) {
    List<Finding> findings = analyzer.analyze(plan);
    assertThat(findings).hasSize(1);
    return findings.get(0);
  }

  @Test
  void theBlastRadiusHoldsEveryTransitiveManagedDependentSplitByWhetherThePlanChangesIt() {
    Plan plan = terraform(List.of(edge(1, 0), edge(2, 1), edge(3, 0), edge(4, 0), edge(5, 0),
            edge(6, 2)),
        change("aws_vpc.main", ChangeKind.DELETE).reason("delete_because_no_resource_config")
            .build(),
        change("aws_subnet.z", ChangeKind.UPDATE).build(),
        change("aws_instance.web", ChangeKind.NO_OP).build(),
        change("data.aws_ami.x", ChangeKind.READ).managed(false).build(),
        change("aws_subnet.a", ChangeKind.CREATE).build(),
        change("aws_route.r", ChangeKind.READ).build(),
        // known only from prior state: not listed, still a dependent
        change("aws_eip.ip", ChangeKind.NO_OP).listed(false).build());

    Finding f = only(plan);

    assertThat(f.address()).isEqualTo("aws_vpc.main");
    assertThat(f.action()).isEqualTo(FindingAction.DELETE);
    assertThat(f.downstream().changing()).containsExactly("aws_subnet.a", "aws_subnet.z");
    assertThat(f.downstream().unchanged())
        .containsExactly("aws_eip.ip", "aws_instance.web", "aws_route.r");
    assertThat(f.downstream().known()).isTrue();
    assertThat(f.downstream().total()).isEqualTo(5);
    assertThat(f.explanation()).isEqualTo("aws_vpc.main will be destroyed because its resource"
        + " block was removed from the configuration; 5 resources depend on it"
        + " (3 not changed by this plan).");
  }

  @Test
  void onlyListedDeletesReplacesForgetsAndUnknownActionsAreFindings() {
    Plan plan = terraform(List.of(),
        change("terraform_data.c", ChangeKind.CREATE).build(),
        change("terraform_data.u", ChangeKind.UPDATE).build(),
        change("terraform_data.n", ChangeKind.NO_OP).build(),
        change("terraform_data.r", ChangeKind.READ).build(),
        change("terraform_data.d", ChangeKind.DELETE).reason("delete_because_count_index")
            .build(),
        change("terraform_data.p", ChangeKind.REPLACE).order(ReplaceOrder.DELETE_BEFORE_CREATE)
            .build(),
        change("terraform_data.f", ChangeKind.FORGET).build(),
        change("terraform_data.x", ChangeKind.UNKNOWN).rawActions(List.of("explode")).build(),
        change("terraform_data.s", ChangeKind.DELETE).listed(false).build());

    List<Finding> findings = analyzer.analyze(plan);

    assertThat(findings).extracting(Finding::address).containsExactly("terraform_data.d",
        "terraform_data.p", "terraform_data.f", "terraform_data.x");
    assertThat(findings).extracting(Finding::action).containsExactly(FindingAction.DELETE,
        FindingAction.REPLACE, FindingAction.FORGET, FindingAction.DELETE);
    assertThat(findings.get(3).explanation()).isEqualTo("terraform_data.x has the action explode,"
        + " which plangate does not know, so it is treated as a destroy; nothing depends on it.");
    assertThat(findings.get(2).explanation()).isEqualTo("terraform_data.f will be removed from"
        + " state but not destroyed: it keeps running, unmanaged, because the plan stops managing"
        + " it; nothing depends on it.");
    assertThat(findings.get(1).explanation()).isEqualTo("terraform_data.p will be destroyed and"
        + " recreated because the plan does not say why (no action_reason); nothing depends on"
        + " it.");
  }

  @Test
  void aFindingCarriesWhatThePlanSaidOfTheChange() {
    Plan plan = plan(PlanFormat.PULUMI, null, true, List.of(),
        change("aws_s3_bucket.logs", ChangeKind.REPLACE)
            .order(ReplaceOrder.CREATE_BEFORE_DELETE).rawActions(List.of("create", "delete"))
            .reason("replace_because_cannot_update").replacePaths(List.of("bucket"))
            .conditional(true).location("index.ts:7").urn("urn:pulumi:dev::p::aws:s3:Bucket::logs")
            .build());

    Finding f = only(plan);

    assertThat(f.plan()).isEqualTo("plan.json");
    assertThat(f.type()).isEqualTo("aws_s3_bucket");
    assertThat(f.deposed()).isNull();
    assertThat(f.replaceOrder()).isEqualTo(ReplaceOrder.CREATE_BEFORE_DELETE);
    assertThat(f.reason()).isEqualTo("replace_because_cannot_update");
    assertThat(f.rawActions()).containsExactly("create", "delete");
    assertThat(f.replacedBecause()).containsExactly("bucket");
    assertThat(f.conditional()).isTrue();
    assertThat(f.location()).isEqualTo("index.ts:7");
    assertThat(f.urn()).isEqualTo("urn:pulumi:dev::p::aws:s3:Bucket::logs");
    assertThat(f.attribution()).isEmpty();
    assertThat(f.suggestion()).isNull();
    assertThat(f.why()).isNull();
    assertThat(f.critical()).isTrue();
    assertThat(f.category()).isEqualTo("bucket");
    assertThat(f.explanation()).isEqualTo("aws_s3_bucket.logs will be replaced (the new object is"
        + " created first, then the old one destroyed) because `bucket` cannot change in place;"
        + " nothing depends on it.");
  }

  @Test
  void aDataBearingDestroyWithoutBackupSaysTheDataCannotBeRecovered() {
    Plan plan = terraform(List.of(),
        change("aws_db_instance.main", ChangeKind.DELETE)
            .reason("delete_because_no_resource_config")
            .before(Map.of("skip_final_snapshot", true, "backup_retention_period", 0)).build());

    Finding f = only(plan);

    assertThat(f.critical()).isTrue();
    assertThat(f.category()).isEqualTo("database");
    assertThat(f.recoverable()).isFalse();
    assertThat(f.recoverability()).startsWith("skip_final_snapshot is true and"
        + " backup_retention_period is 0");
    assertThat(f.explanation()).endsWith("; nothing depends on it. Data cannot be recovered: "
        + f.recoverability() + ".");
  }

  @Test
  void aRecoverableDestroyIsSaidToBeRecoverableWithoutTheWarning() {
    Finding f = only(terraform(List.of(),
        change("aws_db_instance.main", ChangeKind.REPLACE).reason("replace_because_tainted")
            .before(Map.of("skip_final_snapshot", false)).build()));

    assertThat(f.recoverable()).isTrue();
    assertThat(f.recoverability()).startsWith("skip_final_snapshot is false");
    assertThat(f.explanation()).doesNotContain("Data cannot be recovered")
        .contains("because it is tainted");
  }

  @Test
  void aForgetOfADataBearingTypeLosesNoDataSoItIsNotAssessed() {
    Finding f = only(terraform(List.of(),
        change("aws_db_instance.main", ChangeKind.FORGET)
            .reason("forgot_because_lifecycle_destroy_in_config")
            .before(Map.of("skip_final_snapshot", true, "backup_retention_period", 0)).build()));

    assertThat(f.action()).isEqualTo(FindingAction.FORGET);
    assertThat(f.critical()).isTrue();
    assertThat(f.recoverable()).isNull();
    assertThat(f.recoverability()).isNull();
    assertThat(f.explanation()).doesNotContain("Data cannot be recovered");
  }

  @Test
  void aTypeOutsideTheCatalogueIsNotCriticalAndHasNoRecoverability() {
    Finding f = only(terraform(List.of(),
        change("terraform_data.x", ChangeKind.DELETE).reason("delete_because_each_key")
            .before(Map.of("skip_final_snapshot", true)).build()));

    assertThat(f.critical()).isFalse();
    assertThat(f.category()).isNull();
    assertThat(f.recoverable()).isNull();
  }

  @Test
  void aForgetWithACreateIsAReplacementThatKeepsTheOldObject() {
    for (ReplaceOrder order : List.of(ReplaceOrder.CREATE_BEFORE_FORGET,
        ReplaceOrder.FORGET_BEFORE_CREATE)) {
      Finding f = only(terraform(List.of(),
          change("aws_db_instance.main", ChangeKind.FORGET).order(order)
              .before(Map.of("skip_final_snapshot", true, "backup_retention_period", 0))
              .build()));

      assertThat(f.action()).isEqualTo(FindingAction.REPLACE);
      assertThat(f.recoverable()).isTrue();
      assertThat(f.recoverability()).isEqualTo(ImpactAnalyzer.RETAINED);
      assertThat(f.explanation()).isEqualTo("aws_db_instance.main will be replaced by a new,"
          + " empty object (the old one is left running, unmanaged) because the plan stops"
          + " managing it; nothing depends on it. The old resource is retained (orphaned, still"
          + " billed); the new one starts empty.");
    }
  }

  @Test
  void aForgetWithoutACreateIsNotAReplacement() {
    ResourceChange delete = change("terraform_data.x", ChangeKind.DELETE)
        .order(ReplaceOrder.CREATE_BEFORE_FORGET).build();
    ResourceChange forget = change("terraform_data.x", ChangeKind.FORGET)
        .order(ReplaceOrder.DELETE_BEFORE_CREATE).build();
    assertThat(ImpactAnalyzer.retainsOld(delete)).isFalse();
    assertThat(ImpactAnalyzer.retainsOld(forget)).isFalse();
    assertThat(ImpactAnalyzer.retainsOld(forget.toBuilder().order(null).build())).isFalse();

    Finding f = only(terraform(List.of(), forget));
    assertThat(f.action()).isEqualTo(FindingAction.FORGET);
    assertThat(f.explanation()).startsWith("terraform_data.x will be forgotten (left running,"
        + " unmanaged) and a new object created in its place, because");
  }

  @Test
  void aDeposedObjectIsExplainedAsTheLeftoverOfAnEarlierReplacement() {
    Finding f = only(terraform(List.of(),
        change("aws_instance.web", ChangeKind.DELETE).deposed("abc123").build(),
        change("aws_instance.web", ChangeKind.UPDATE).build()));

    assertThat(f.deposed()).isEqualTo("abc123");
    assertThat(f.key()).isEqualTo(ResourceChange.key("aws_instance.web", "abc123"));
    assertThat(f.explanation()).isEqualTo(f.key() + " is a deposed object left over from an"
        + " earlier create-before-destroy replacement and will be destroyed; nothing depends on"
        + " it.");
  }

  @Test
  void aReaderSuppliedCauseIsWordedPerAction() {
    Plan plan = plan(PlanFormat.CLOUDFORMATION_TEMPLATE, null, true, List.of(),
        change("r.del", ChangeKind.DELETE).why("the resource left the template").build(),
        change("r.rep", ChangeKind.REPLACE).why("BucketName changed").build(),
        change("r.may", ChangeKind.REPLACE).conditional(true).why("Tags may need it").build(),
        change("r.kept", ChangeKind.FORGET).order(ReplaceOrder.FORGET_BEFORE_CREATE)
            .why("DeletionPolicy Retain").build(),
        change("r.fgt", ChangeKind.FORGET).why("DeletionPolicy Retain").build());

    List<Finding> findings = analyzer.analyze(plan);

    assertThat(findings).extracting(Finding::explanation).containsExactly(
        "r.del will be destroyed because the resource left the template; nothing depends on it.",
        "r.rep will be destroyed and recreated because BucketName changed; nothing depends on"
            + " it.",
        "r.may may be destroyed and recreated because Tags may need it; nothing depends on it.",
        "r.kept will be replaced by a new, empty one (the old one is kept, unmanaged) because"
            + " DeletionPolicy Retain; nothing depends on it. The old resource is retained"
            + " (orphaned, still billed); the new one starts empty.",
        "r.fgt will no longer be managed (it keeps running) because DeletionPolicy Retain;"
            + " nothing depends on it.");
    assertThat(findings).extracting(Finding::why).containsExactly("the resource left the"
        + " template", "BucketName changed", "Tags may need it", "DeletionPolicy Retain",
        "DeletionPolicy Retain");
  }

  @Test
  void aDestroyModePlanSaysSoForEveryDelete() {
    Plan plan = terraform(List.of(),
        change("terraform_data.a", ChangeKind.DELETE).build(),
        change("terraform_data.b", ChangeKind.DELETE).build(),
        change("data.x.y", ChangeKind.READ).managed(false).build(),
        change("terraform_data.s", ChangeKind.NO_OP).listed(false).build());

    List<Finding> findings = analyzer.analyze(plan);

    assertThat(findings).extracting(Finding::why)
        .containsExactly(Reasons.DESTROY_MODE, Reasons.DESTROY_MODE);
    assertThat(findings.get(0).explanation()).isEqualTo("terraform_data.a will be destroyed"
        + " because " + Reasons.DESTROY_MODE + "; nothing depends on it.");
  }

  @Test
  void aPlanWithAnyOtherChangeOrAnyReasonIsNotADestroyModePlan() {
    ResourceChange bare = change("terraform_data.a", ChangeKind.DELETE).build();
    assertThat(ImpactAnalyzer.isDestroyMode(List.of(bare))).isTrue();
    assertThat(ImpactAnalyzer.isDestroyMode(List.of())).isFalse();
    assertThat(ImpactAnalyzer.isDestroyMode(List.of(bare,
        change("terraform_data.b", ChangeKind.UPDATE).build()))).isFalse();
    assertThat(ImpactAnalyzer.isDestroyMode(List.of(bare,
        change("terraform_data.b", ChangeKind.DELETE).reason("delete_because_each_key")
            .build()))).isFalse();
    assertThat(ImpactAnalyzer.isDestroyMode(List.of(
        change("data.x.y", ChangeKind.READ).managed(false).build()))).isFalse();

    Finding f = only(terraform(List.of(), bare,
        change("terraform_data.b", ChangeKind.UPDATE).build()));
    assertThat(f.why()).isNull();
    assertThat(f.explanation()).contains("Terraform 1.9.0 gave this delete no action_reason");
  }

  @Test
  void onlyATerraformPlanHasItsToolVersionBlamedForAMissingReason() {
    ResourceChange delete = change("terraform_data.a", ChangeKind.DELETE).build();
    ResourceChange update = change("terraform_data.b", ChangeKind.UPDATE).build();

    assertThat(only(plan(PlanFormat.TERRAFORM, "0.14.11", true, List.of(), delete, update))
        .explanation()).contains("(Terraform 0.14.11 wrote no action_reason)");
    assertThat(only(plan(PlanFormat.PULUMI, "0.14.11", true, List.of(), delete, update))
        .explanation()).contains("hand-written or trimmed plan");
  }

  @Test
  void unknownDependenciesAreNeverReportedAsNothingDependsOnIt() {
    Finding none = only(plan(PlanFormat.CLOUDFORMATION_CHANGE_SET, null, false, List.of(),
        change("r.a", ChangeKind.DELETE).why("removed").build()));
    assertThat(none.downstream().known()).isFalse();
    assertThat(none.explanation()).isEqualTo("r.a will be destroyed because removed;"
        + " dependencies unknown.");

    Finding one = only(plan(PlanFormat.CLOUDFORMATION_CHANGE_SET, null, false,
        List.of(edge(1, 0)),
        change("r.a", ChangeKind.DELETE).why("removed").build(),
        change("r.b", ChangeKind.UPDATE).build()));
    assertThat(one.explanation()).isEqualTo("r.a will be destroyed because removed; at least 1"
        + " resource depends on it (dependencies not fully known).");
  }

  @Test
  void oneDependentIsCountedInTheSingular() {
    Finding f = only(terraform(List.of(edge(1, 0)),
        change("terraform_data.a", ChangeKind.DELETE).reason("delete_because_each_key").build(),
        change("terraform_data.b", ChangeKind.UPDATE).build()));
    assertThat(f.explanation()).endsWith("; 1 resource depends on it.");
  }

  @Test
  void aTerraformRenameGetsAMovedBlockAndKeepsTheDependentsOfTheNewName() {
    // terraform_data.old becomes terraform_data.new; terraform_data.user now references the new
    // name, and null_resource.fresh is created with it (it never depended on the old object).
    Plan plan = terraform(List.of(edge(2, 1), edge(3, 1)),
        change("terraform_data.old", ChangeKind.DELETE)
            .reason("delete_because_no_resource_config").build(),
        change("terraform_data.new", ChangeKind.CREATE).build(),
        change("terraform_data.user", ChangeKind.UPDATE).build(),
        change("null_resource.fresh", ChangeKind.CREATE).build());

    Finding f = only(plan);

    assertThat(f.suggestion()).isEqualTo(RenameDetector.moved("terraform_data.old",
        "terraform_data.new"));
    assertThat(f.downstream().changing()).containsExactly("terraform_data.user");
    assertThat(f.explanation()).endsWith(" It looks like a rename: a moved block turns the"
        + " destroy into a move.");
  }

  @Test
  void anotherFormatsAddressesGetNoMovedBlock() {
    Plan plan = plan(PlanFormat.PULUMI, null, true, List.of(edge(2, 1)),
        change("terraform_data.old", ChangeKind.DELETE).why("removed").build(),
        change("terraform_data.new", ChangeKind.CREATE).build(),
        change("terraform_data.user", ChangeKind.UPDATE).build());

    Finding f = only(plan);

    assertThat(f.suggestion()).isNull();
    assertThat(f.downstream().total()).isZero();
    assertThat(f.explanation()).doesNotContain("rename");
  }

  @Test
  void aDeposedDeleteOfARenamedAddressGetsNoMovedBlock() {
    Plan plan = terraform(List.of(),
        change("terraform_data.old", ChangeKind.DELETE).reason("delete_because_no_resource_config")
            .build(),
        change("terraform_data.old", ChangeKind.DELETE).deposed("d1").build(),
        change("terraform_data.new", ChangeKind.CREATE).build());

    List<Finding> findings = analyzer.analyze(plan);

    assertThat(findings).extracting(Finding::suggestion).containsExactly(
        RenameDetector.moved("terraform_data.old", "terraform_data.new"), null);
  }

  @Test
  void thePolicysCriticalityOverridesApplyToTheFindings() throws Exception {
    Plan plan = terraform(List.of(),
        change("terraform_data.db", ChangeKind.DELETE).reason("delete_because_each_key").build(),
        change("aws_s3_bucket.scratch", ChangeKind.DELETE).reason("delete_because_each_key")
            .build(),
        change("aws_s3_bucket.keep", ChangeKind.DELETE).reason("delete_because_each_key")
            .build());

    List<Finding> findings = analyzer.analyze(plan, PolicyLoader.parse("""
        criticality:
          - type: "terraform_data"
            critical: true
            category: database
          - address: "aws_s3_bucket.scratch"
            critical: false
        """, ".plangate.yml"));

    assertThat(findings).extracting(Finding::address, Finding::critical, Finding::category)
        .containsExactly(
            org.assertj.core.api.Assertions.tuple("terraform_data.db", true, "database"),
            org.assertj.core.api.Assertions.tuple("aws_s3_bucket.scratch", false, null),
            org.assertj.core.api.Assertions.tuple("aws_s3_bucket.keep", true, "bucket"));
  }

  @Test
  void laterOverridesBuildOnEarlierOnesAndACriticalOverrideWithoutCategorySaysCritical()
      throws Exception {
    Plan plan = terraform(List.of(),
        change("terraform_data.a", ChangeKind.DELETE).reason("delete_because_each_key").build(),
        change("null_resource.b", ChangeKind.DELETE).reason("delete_because_each_key").build());

    List<Finding> findings = analyzer.analyze(plan, PolicyLoader.parse("""
        criticality:
          - type: "terraform_data"
            critical: true
            category: ledger
          - type: "terraform_data"
            critical: true
          - type: "null_resource"
            critical: true
        """, ".plangate.yml"));

    assertThat(findings).extracting(Finding::critical, Finding::category).containsExactly(
        org.assertj.core.api.Assertions.tuple(true, "ledger"),
        org.assertj.core.api.Assertions.tuple(true, "critical"));
  }

  @Test
  void withoutCriticalityOverridesTheFindingsAreUnchanged() {
    List<Finding> findings = List.of(only(terraform(List.of(),
        change("terraform_data.a", ChangeKind.DELETE).reason("delete_because_each_key")
            .build())));
    assertThat(CriticalityOverrides.apply(findings,
        dev.plangate.core.policy.Policy.defaults())).isSameAs(findings);
  }
}
