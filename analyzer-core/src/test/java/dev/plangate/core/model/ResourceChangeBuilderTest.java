package dev.plangate.core.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A copy through the builder loses nothing: every place that copies a change relies on it. */
class ResourceChangeBuilderTest {
  /** Every component differs from the builder's default, so a component it drops shows. */
  private static final ResourceChange FULL = new ResourceChange("module.m.t.x[0]", "d1", "t",
      false, ChangeKind.REPLACE, ReplaceOrder.DELETE_BEFORE_CREATE, List.of("delete", "create"),
      "replace_because_tainted", List.of("ami"), "t.old", true, false, Map.of("name", "x"), true,
      "it was tainted", "main.tf:3", null);

  @Test
  void toBuilderCopiesEveryComponent() {
    assertThat(FULL.toBuilder().build()).isEqualTo(FULL);
  }

  @Test
  void theBuilderSetsEveryComponent() {
    ResourceChange built = ResourceChange.builder().address(FULL.address())
        .deposed(FULL.deposed()).type(FULL.type()).managed(FULL.managed()).kind(FULL.kind())
        .order(FULL.order()).rawActions(FULL.rawActions()).reason(FULL.reason())
        .replacePaths(FULL.replacePaths()).previousAddress(FULL.previousAddress())
        .importing(FULL.importing()).listed(FULL.listed()).before(FULL.before())
        .conditional(FULL.conditional()).why(FULL.why()).location(FULL.location()).build();

    assertThat(built).isEqualTo(FULL);
  }

  @Test
  void theBuilderHasASetterForEveryComponent() {
    List<String> setters = Arrays.stream(ResourceChange.Builder.class.getDeclaredMethods())
        .filter(m -> m.getReturnType() == ResourceChange.Builder.class)
        .map(m -> m.getName()).toList();

    assertThat(setters).containsExactlyInAnyOrderElementsOf(
        Arrays.stream(ResourceChange.class.getRecordComponents())
            .map(RecordComponent::getName).toList());
  }

  @Test
  void unsetComponentsTakeTheDefaultsOfAManagedListedChange() {
    ResourceChange c = ResourceChange.builder().address("t.a").kind(ChangeKind.CREATE).build();

    assertThat(c).isEqualTo(new ResourceChange("t.a", null, null, true, ChangeKind.CREATE, null,
        List.of(), null, List.of(), null, false, true, Map.of(), false, null, null, null));
  }
}
