package dev.plangate.core.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A {@code with…} copy changes what it names and nothing else. */
class PlanWithersTest {
  private static final ResourceChange A = ResourceChange.builder().address("t.a")
      .kind(ChangeKind.DELETE).build();
  private static final ResourceChange B = ResourceChange.builder().address("t.b")
      .kind(ChangeKind.NO_OP).listed(false).build();
  private static final Dependencies EDGES = Dependencies.of(List.of(new int[] {0, 1}));
  /** Every component differs from what a careless copy would put there. */
  private static final Plan FULL = new Plan("plan.json", PlanFormat.PULUMI, "1.2", "3.4",
      List.of(A, B), EDGES, 7, List.of(A), true, false, List.of("first", "second"),
      Map.of("module.m", "./m"));

  @Test
  void withWarningAddsOneWarningLastAndKeepsTheRest() {
    Plan p = FULL.withWarning("third");

    assertThat(p.warnings()).containsExactly("first", "second", "third");
    assertThat(p).usingRecursiveComparison().ignoringFields("warnings").isEqualTo(FULL);
  }

  @Test
  void withWarningsReplacesTheWarningsAndKeepsTheRest() {
    Plan p = FULL.withWarnings(List.of("only"));

    assertThat(p.warnings()).containsExactly("only");
    assertThat(p).usingRecursiveComparison().ignoringFields("warnings").isEqualTo(FULL);
  }

  @Test
  void withChangesReplacesTheInstancesAndTheirEdgesTogether() {
    Dependencies none = Dependencies.none();
    Plan p = FULL.withChanges(List.of(B), none);

    assertThat(p.changes()).containsExactly(B);
    assertThat(p.dependencies()).isSameAs(none);
    assertThat(p).usingRecursiveComparison().ignoringFields("changes", "dependencies")
        .isEqualTo(FULL);
  }
}
