package dev.plangate.core.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * What the model says about changes and plans: which kinds destroy, which are findings, how an
 * object is named, and the warning a plan carries when it cannot say what depends on what.
 */
class PlanModelTest {
  private static final ResourceChange DELETE = ResourceChange.builder().address("t.a")
      .kind(ChangeKind.DELETE).build();
  private static final ResourceChange UPDATE = ResourceChange.builder().address("t.b")
      .kind(ChangeKind.UPDATE).build();

  static Plan plan(PlanFormat format, List<ResourceChange> changes, List<String> warnings) {
    return new Plan("plan.json", format, "1.2", "1.9.0", changes, Dependencies.none(), 0,
        List.of(), false, true, warnings, Map.of());
  }

  @Test
  void deletesReplacesAndUnknownActionsDestroyAndForgetsAreFindingsToo() {
    assertThat(List.of(ChangeKind.values())).filteredOn(ChangeKind::destroys)
        .containsExactly(ChangeKind.DELETE, ChangeKind.REPLACE, ChangeKind.UNKNOWN);
    assertThat(List.of(ChangeKind.values())).filteredOn(ChangeKind::isFinding)
        .containsExactly(ChangeKind.DELETE, ChangeKind.REPLACE, ChangeKind.FORGET,
            ChangeKind.UNKNOWN);
    assertThat(List.of(ChangeKind.values())).filteredOn(k -> !k.changes())
        .containsExactly(ChangeKind.NO_OP, ChangeKind.READ);
  }

  @Test
  void formatsAndOrdersHaveTheIdsReportsUse() {
    assertThat(List.of(PlanFormat.values())).extracting(PlanFormat::id).containsExactly(
        "terraform", "cloudformation-change-set", "cloudformation-template", "pulumi");
    assertThat(List.of(ReplaceOrder.values())).extracting(ReplaceOrder::id).containsExactly(
        "delete_before_create", "create_before_delete", "forget_before_create",
        "create_before_forget");
  }

  @Test
  void aDeposedObjectIsNamedWithItsKey() {
    assertThat(DELETE.key()).isEqualTo("t.a");
    assertThat(DELETE.toBuilder().deposed("0a1b").build().key())
        .isEqualTo("t.a (deposed 0a1b)");
    assertThat(ResourceChange.key("t.a", null)).isEqualTo("t.a");
  }

  @Test
  void aPlanWithAFindingThatCannotSayWhatDependsOnItSaysSoOnce() {
    Plan p = plan(PlanFormat.TERRAFORM, List.of(DELETE, UPDATE), List.of("first"))
        .withDependenciesUnknown();

    assertThat(p.dependenciesKnown()).isFalse();
    assertThat(p.warnings()).containsExactly("first",
        Plan.dependenciesUnknownWarning(PlanFormat.TERRAFORM));
    assertThat(p.withDependenciesUnknown().warnings()).isEqualTo(p.warnings());

    Plan known = p.withDependenciesKnown();
    assertThat(known.dependenciesKnown()).isTrue();
    assertThat(known.warnings()).containsExactly("first");
    assertThat(known).usingRecursiveComparison()
        .ignoringFields("warnings", "dependenciesKnown").isEqualTo(p);
  }

  @Test
  void withoutAFindingUnknownDependenciesNeedNoWarning() {
    ResourceChange stateOnly = DELETE.toBuilder().listed(false).build();
    Plan p = plan(PlanFormat.PULUMI, List.of(UPDATE, stateOnly), List.of())
        .withDependenciesUnknown();
    assertThat(p.dependenciesKnown()).isFalse();
    assertThat(p.warnings()).isEmpty();
  }

  @Test
  void onlyTheFlagChangesWhenAReaderSaysWhyItself() {
    Plan p = plan(PlanFormat.PULUMI, List.of(DELETE), List.of("mine"));
    Plan unknown = p.withDependenciesKnown(false);
    assertThat(unknown.dependenciesKnown()).isFalse();
    assertThat(unknown.warnings()).containsExactly("mine");
    assertThat(unknown.withDependenciesKnown(true).dependenciesKnown()).isTrue();
  }

  @Test
  void eachFormatsWarningNamesWhatWouldTellTheDependencies() {
    assertThat(Plan.dependenciesUnknownWarning(PlanFormat.CLOUDFORMATION_CHANGE_SET))
        .startsWith("Dependencies unknown: a change set").contains("(--template)");
    assertThat(Plan.dependenciesUnknownWarning(PlanFormat.PULUMI))
        .contains("(--stack-export)");
    assertThat(Plan.dependenciesUnknownWarning(PlanFormat.TERRAFORM))
        .contains("terraform show -json PLANFILE");
    assertThat(Plan.dependenciesUnknownWarning(PlanFormat.CLOUDFORMATION_TEMPLATE))
        .isEqualTo("Dependencies unknown: this plan does not say what depends on what.");
  }

  @Test
  void listedChangesLeaveOutInstancesKnownOnlyFromState() {
    ResourceChange stateOnly = UPDATE.toBuilder().address("t.s").listed(false).build();
    assertThat(plan(PlanFormat.TERRAFORM, List.of(DELETE, stateOnly, UPDATE), List.of())
        .listedChanges()).containsExactly(DELETE, UPDATE);
  }

  @Test
  void dependenciesAreTwoParallelArraysOfNodeIds() {
    Dependencies d = Dependencies.of(List.of(new int[] {1, 0}, new int[] {2, 1}));
    assertThat(d.size()).isEqualTo(2);
    assertThat(d.dependent(0)).isEqualTo(1);
    assertThat(d.dependency(0)).isZero();
    assertThat(d.dependent(1)).isEqualTo(2);
    assertThat(d.dependency(1)).isEqualTo(1);
    assertThat(d).hasToString("Dependencies[2 edges]");
    assertThat(Dependencies.none().size()).isZero();
    assertThatThrownBy(() -> new Dependencies(new int[1], new int[2]))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void dependenciesAreEqualWhenTheirEdgesAreInTheSameOrder() {
    Dependencies d = new Dependencies(new int[] {1, 2}, new int[] {0, 1});
    assertThat(d).isEqualTo(new Dependencies(new int[] {1, 2}, new int[] {0, 1}))
        .hasSameHashCodeAs(new Dependencies(new int[] {1, 2}, new int[] {0, 1}));
    assertThat(d).isNotEqualTo(new Dependencies(new int[] {2, 1}, new int[] {1, 0}));
    assertThat(d).isNotEqualTo(new Dependencies(new int[] {1, 2}, new int[] {0, 0}));
    assertThat(d).isNotEqualTo(new Dependencies(new int[] {1, 1}, new int[] {0, 1}));
    assertThat(d).isNotEqualTo("Dependencies[2 edges]");
    // dependents and dependencies are not interchangeable: an edge reversed is another graph
    assertThat(new Dependencies(new int[] {1}, new int[] {2}).hashCode())
        .isNotEqualTo(new Dependencies(new int[] {2}, new int[] {1}).hashCode());
  }

  @Test
  void theEdgeArraysAreCopiedSoACallerCannotChangeAPlansGraph() {
    int[] dependents = {1};
    Dependencies d = new Dependencies(dependents, new int[] {0});
    dependents[0] = 5;
    assertThat(d.dependent(0)).isEqualTo(1);
  }
}
