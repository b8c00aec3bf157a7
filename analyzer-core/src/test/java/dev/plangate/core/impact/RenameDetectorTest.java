package dev.plangate.core.impact;

import static org.assertj.core.api.Assertions.assertThat;

import dev.plangate.core.model.ChangeKind;
import dev.plangate.core.model.ResourceChange;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RenameDetectorTest {
  private static ResourceChange change(String address, ChangeKind kind) {
    return new ResourceChange(address, null, "terraform_data", true, kind, null,
        List.of(kind == ChangeKind.DELETE ? "delete" : "create"), null, List.of(), null, false,
        true, null);
  }

  private static List<ResourceChange> plan(List<String> deleted, List<String> created) {
    List<ResourceChange> out = new ArrayList<>();
    deleted.forEach(a -> out.add(change(a, ChangeKind.DELETE)));
    created.forEach(a -> out.add(change(a, ChangeKind.CREATE)));
    return out;
  }

  @Test
  void aResourceRenamedInItsModuleInstancePairsByKeyAndGetsAMovedBlock() {
    RenameDetector.Renames r = RenameDetector.pair(plan(
        List.of("module.svc[\"a\"].terraform_data.r26[0]", "module.svc[\"a\"].terraform_data.r26[1]"),
        List.of("module.svc[\"a\"].terraform_data.r26x[1]",
            "module.svc[\"a\"].terraform_data.r26x[0]")));
    assertThat(r.renamedTo()).containsEntry("module.svc[\"a\"].terraform_data.r26[0]",
        List.of("module.svc[\"a\"].terraform_data.r26x[0]"));
    assertThat(r.suggestions().get("module.svc[\"a\"].terraform_data.r26[1]")).isEqualTo(
        "moved {\n  from = module.svc[\"a\"].terraform_data.r26[1]\n"
            + "  to   = module.svc[\"a\"].terraform_data.r26x[1]\n}");
  }

  @Test
  void aRenameInAnotherModuleInstanceIsNotPaired() {
    RenameDetector.Renames r = RenameDetector.pair(plan(
        List.of("module.svc[\"a\"].terraform_data.old"),
        List.of("module.svc[\"b\"].terraform_data.new")));
    assertThat(r.renamedTo()).isEmpty();
    assertThat(r.suggestions()).isEmpty();
  }

  @Test
  void twoRenamesInOneModuleAreAGuessLinkedToEveryCandidateWithoutASuggestion() {
    RenameDetector.Renames r = RenameDetector.pair(plan(
        List.of("terraform_data.a", "terraform_data.b"),
        List.of("terraform_data.ax", "terraform_data.bx")));
    assertThat(r.suggestions()).isEmpty();
    assertThat(r.renamedTo().get("terraform_data.a"))
        .containsExactlyInAnyOrder("terraform_data.ax", "terraform_data.bx");
    assertThat(r.renamedTo().get("terraform_data.b"))
        .containsExactlyInAnyOrder("terraform_data.ax", "terraform_data.bx");
  }

  @Test
  void aForEachModuleRenamedPairsEachInstanceWithTheSameKey() {
    RenameDetector.Renames r = RenameDetector.pair(plan(
        List.of("module.m[\"a\"].terraform_data.r", "module.m[\"b\"].terraform_data.r"),
        List.of("module.mx[\"b\"].terraform_data.r", "module.mx[\"a\"].terraform_data.r")));
    assertThat(r.renamedTo()).containsEntry("module.m[\"a\"].terraform_data.r",
        List.of("module.mx[\"a\"].terraform_data.r"));
    assertThat(r.suggestions().get("module.m[\"b\"].terraform_data.r"))
        .isEqualTo("moved {\n  from = module.m[\"b\"]\n  to   = module.mx[\"b\"]\n}");
  }

  @Test
  void countIndexesPairWithForEachKeysInNumericOrder() {
    RenameDetector.Renames r = RenameDetector.pair(plan(
        List.of("terraform_data.r[10]", "terraform_data.r[2]"),
        List.of("terraform_data.r[\"b\"]", "terraform_data.r[\"a\"]")));
    assertThat(r.renamedTo()).containsEntry("terraform_data.r[2]",
        List.of("terraform_data.r[\"a\"]"));
    assertThat(r.renamedTo()).containsEntry("terraform_data.r[10]",
        List.of("terraform_data.r[\"b\"]"));
    assertThat(RenameDetector.pair(plan(List.of("terraform_data.r[10]"),
        List.of("terraform_data.r[\"x\"]"))).suggestions()).containsExactly(java.util.Map.entry(
            "terraform_data.r[10]", RenameDetector.moved("terraform_data.r[10]",
                "terraform_data.r[\"x\"]")));
  }

  @Test
  void aRenamedResourceKeepsEachKeyItStillHasAndPairsTheRestInOrder() {
    RenameDetector.Renames r = RenameDetector.pair(plan(
        List.of("terraform_data.old[0]", "terraform_data.old[1]"),
        List.of("terraform_data.new[5]", "terraform_data.new[1]")));
    assertThat(r.renamedTo()).containsExactlyInAnyOrderEntriesOf(java.util.Map.of(
        "terraform_data.old[1]", List.of("terraform_data.new[1]"),
        "terraform_data.old[0]", List.of("terraform_data.new[5]")));
    assertThat(r.suggestions()).containsEntry("terraform_data.old[1]",
        RenameDetector.moved("terraform_data.old[1]", "terraform_data.new[1]"));
  }

  @Test
  void aReKeyedModuleInstancePairsWithTheSameModuleNotAnother() {
    RenameDetector.Renames r = RenameDetector.pair(plan(
        List.of("module.a[\"x\"].terraform_data.r"),
        List.of("module.b[\"z\"].terraform_data.r", "module.a[\"y\"].terraform_data.r")));
    assertThat(r.renamedTo()).containsExactly(java.util.Map.entry(
        "module.a[\"x\"].terraform_data.r", List.of("module.a[\"y\"].terraform_data.r")));
    assertThat(r.suggestions().get("module.a[\"x\"].terraform_data.r"))
        .isEqualTo(RenameDetector.moved("module.a[\"x\"]", "module.a[\"y\"]"));
  }

  @Test
  void twoEquallyLikelyModuleTargetsAreAGuessWithoutAMovedBlock() {
    RenameDetector.Renames r = RenameDetector.pair(plan(
        List.of("module.a[\"x\"].terraform_data.r"),
        List.of("module.a[\"y\"].terraform_data.r", "module.b[\"x\"].terraform_data.r")));
    assertThat(r.suggestions()).isEmpty();
  }

  @Test
  void aResourceMovedIntoAModuleGetsAResourceLevelBlock() {
    RenameDetector.Renames r = RenameDetector.pair(plan(
        List.of("terraform_data.r"), List.of("module.m.terraform_data.r")));
    assertThat(r.suggestions()).containsExactly(java.util.Map.entry("terraform_data.r",
        RenameDetector.moved("terraform_data.r", "module.m.terraform_data.r")));
  }
}
