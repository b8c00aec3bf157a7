package dev.plangate.core.impact;

import static org.assertj.core.api.Assertions.assertThat;

import dev.plangate.core.authorship.Attribution;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What a finding says of itself: its action, its dependents and where to point a reader. */
class FindingTest {
  static Finding finding(String location, List<Attribution> attribution) {
    return new Finding("infra/plan.json", "aws_db_instance.main", null, "aws_db_instance",
        FindingAction.DELETE, null, null, List.of("delete"), List.of(), true, "database", null,
        null, "aws_db_instance.main will be destroyed.", new Downstream(List.of("a"),
        List.of("b", "c")), null, false, location, null, attribution);
  }

  @Test
  void deletesAndReplacesDestroyAForgetDoesNot() {
    assertThat(FindingAction.DELETE.destroys()).isTrue();
    assertThat(FindingAction.REPLACE.destroys()).isTrue();
    assertThat(FindingAction.FORGET.destroys()).isFalse();
    assertThat(List.of(FindingAction.values())).extracting(FindingAction::id)
        .containsExactly("delete", "replace", "forget");
  }

  @Test
  void theBlastRadiusCountsBothChangingAndUnchangedDependents() {
    Downstream d = new Downstream(List.of("a"), List.of("b", "c"));
    assertThat(d.total()).isEqualTo(3);
    assertThat(d.known()).isTrue();
    assertThat(new Downstream(List.of(), List.of(), false).known()).isFalse();
  }

  @Test
  void aReaderIsPointedAtTheDeclarationThenTheCommitsThenThePlan() {
    Attribution commit = new Attribution("a".repeat(40), "A <a@x>", null, false, "main.tf", 12,
        "removed resource");
    Attribution unknownLine = new Attribution("b".repeat(40), "B <b@x>", null, false,
        "other.tf", -1, "changed the file");

    assertThat(SourcePlace.candidates(finding("template.yaml:42", List.of(commit, unknownLine))))
        .containsExactly(new SourcePlace("template.yaml", 42, false),
            new SourcePlace("main.tf", 12, true), new SourcePlace("other.tf", 0, true),
            new SourcePlace("infra/plan.json", 0, false));
    assertThat(SourcePlace.candidates(finding("C:\\templates\\t.yaml", List.of())))
        .containsExactly(new SourcePlace("C:\\templates\\t.yaml", 0, false),
            new SourcePlace("infra/plan.json", 0, false));
    assertThat(SourcePlace.candidates(finding("t.yaml:0", List.of())))
        .first().isEqualTo(new SourcePlace("t.yaml:0", 0, false));
    assertThat(SourcePlace.candidates(finding(null, List.of())))
        .containsExactly(new SourcePlace("infra/plan.json", 0, false));
  }

  @Test
  void attributionAndCriticalityCopiesChangeOnlyWhatTheySay() {
    Finding f = finding("main.tf:3", List.of());
    Attribution commit = new Attribution("a".repeat(40), "A <a@x>", "Claude", true, "main.tf", 3,
        "removed resource");

    Finding attributed = f.withAttribution(List.of(commit));
    assertThat(attributed.attribution()).containsExactly(commit);
    assertThat(attributed).usingRecursiveComparison().ignoringFields("attribution").isEqualTo(f);

    Finding lowered = f.withCriticality(false, "database");
    assertThat(lowered.critical()).isFalse();
    assertThat(lowered.category()).isNull();
    assertThat(lowered).usingRecursiveComparison().ignoringFields("critical", "category")
        .isEqualTo(f);
    assertThat(f.withCriticality(true, "ledger").category()).isEqualTo("ledger");
  }
}
