package dev.plangate.core.gate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.plangate.core.impact.Downstream;
import dev.plangate.core.impact.Finding;
import dev.plangate.core.impact.FindingAction;
import java.util.List;
import org.junit.jupiter.api.Test;

class FingerprintTest {
  static Finding f(String plan, String address, FindingAction action, String reason,
      String explanation) {
    return new Finding(plan, address, null, "t", action, null, reason, List.of(action.id()),
        List.of(), false, null, null, null, explanation,
        new Downstream(List.of("x"), List.of()), null);
  }

  final Finding a = f("plan.json", "t.a", FindingAction.DELETE, "delete_because_no_module", "A");
  final Finding b = f("plan.json", "t.b", FindingAction.REPLACE, null, "B");

  @Test
  void isSixteenHexDigitsAndIgnoresOrderPlanNamesAndProse() {
    String fp = Fingerprint.of(List.of(a, b));
    assertThat(fp).matches("[0-9a-f]{16}");
    assertThat(Fingerprint.of(List.of(b, a))).isEqualTo(fp);
    assertThat(Fingerprint.of(List.of(
        f("/tmp/ci/other-name.json", "t.a", FindingAction.DELETE, "delete_because_no_module",
            "different words"),
        f("x.json", "t.b", FindingAction.REPLACE, null, "B")))).isEqualTo(fp);
  }

  @Test
  void changesWhenWhatIsDestroyedChanges() {
    String fp = Fingerprint.of(List.of(a, b));
    assertThat(Fingerprint.of(List.of(a))).isNotEqualTo(fp);
    assertThat(Fingerprint.of(List.of(a, f("p", "t.b", FindingAction.DELETE, null, "B"))))
        .isNotEqualTo(fp);
    assertThat(Fingerprint.of(List.of(a, f("p", "t.b", FindingAction.REPLACE,
        "replace_by_request", "B")))).isNotEqualTo(fp);
    assertThat(Fingerprint.of(List.of(a, f("p", "t.c", FindingAction.REPLACE, null, "B"))))
        .isNotEqualTo(fp);
    // A separator inside an address cannot make two different sets collide.
    assertThat(Fingerprint.of(List.of(f("p", "t.a\tdelete", FindingAction.DELETE, null, ""))))
        .isNotEqualTo(Fingerprint.of(List.of(f("p", "t.a", FindingAction.DELETE, null, ""))));
  }

  @Test
  void theEmptySetHasAFingerprintToo() {
    assertThat(Fingerprint.of(List.of())).matches("[0-9a-f]{16}")
        .isEqualTo(Fingerprint.of(List.of()));
  }
}
