package dev.plangate.core.impact;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ReasonsTest {
  @Test
  void aMissingReasonBlamesOnlyATerraformOldEnoughToOmitIt() {
    assertThat(Reasons.forDelete(null, false, "1.5.0"))
        .doesNotContain("before 0.15.2").contains("Terraform 1.5.0 gave this delete no action_reason");
    assertThat(Reasons.forDelete(null, false, "0.14.11"))
        .isEqualTo("the plan does not say why (Terraform 0.14.11 wrote no action_reason)");
    assertThat(Reasons.forDelete(null, false, null)).contains("hand-written or trimmed plan");
    assertThat(Reasons.forDelete(null, true, "1.5.0")).contains("terraform plan -destroy");
  }

  @Test
  void versionsCompareByNumberNotByText() {
    assertThat(Reasons.before0152("0.15.1")).isTrue();
    assertThat(Reasons.before0152("0.9.11")).isTrue();
    assertThat(Reasons.before0152("0.15.2")).isFalse();
    assertThat(Reasons.before0152("0.15.10")).isFalse();
    assertThat(Reasons.before0152("1.11.4")).isFalse();
    assertThat(Reasons.before0152("v0.12.0")).isTrue();
    assertThat(Reasons.before0152("1.6.0-beta1")).isFalse();
    assertThat(Reasons.before0152("garbage")).isFalse();
  }

  @Test
  void replacementReasonsInPlainWords() {
    assertThat(Reasons.forReplace(null, List.of())).isEqualTo("the plan does not say why (no"
        + " action_reason)");
    assertThat(Reasons.forReplace(null, List.of("name"))).isEqualTo("`name` cannot change in"
        + " place");
    assertThat(Reasons.forReplace("replace_because_cannot_update", List.of()))
        .isEqualTo("a changed attribute cannot be updated in place");
    assertThat(Reasons.forReplace("replace_because_cannot_update", List.of("a", "b")))
        .isEqualTo("`a` and `b` cannot change in place");
    assertThat(Reasons.forReplace("replace_because_cannot_update", List.of("a", "b", "c")))
        .isEqualTo("`a`, `b` and `c` cannot change in place");
    assertThat(Reasons.forReplace("replace_because_cannot_update",
        List.of("a", "b", "c", "d", "e"))).isEqualTo("`a`, `b`, `c` and 2 more cannot change in"
        + " place");
    assertThat(Reasons.forReplace("replace_by_request", List.of()))
        .isEqualTo("a replacement was requested with -replace");
    assertThat(Reasons.forReplace("replace_by_triggers", List.of()))
        .startsWith("replace_triggered_by fired");
    assertThat(Reasons.forReplace("replace_because_tainted", List.of())).startsWith("it is"
        + " tainted");
    assertThat(Reasons.forReplace("replace_because_new_thing", List.of("a")))
        .isEqualTo("the plan gives the reason replace_because_new_thing");
  }

  @Test
  void deleteAndForgetReasonsInPlainWords() {
    assertThat(Reasons.forDelete("delete_because_no_module", false, "1.9.0"))
        .startsWith("its module instance was removed");
    assertThat(Reasons.forDelete("delete_because_unheard_of", true, "1.9.0"))
        .isEqualTo("the plan gives the reason delete_because_unheard_of");
    assertThat(Reasons.forForget(null)).isEqualTo("the plan stops managing it");
    assertThat(Reasons.forForget("delete_because_no_resource_config"))
        .isEqualTo("a removed block with destroy = false replaced its resource block");
    assertThat(Reasons.forForget("forgot_because_lifecycle_destroy_in_state"))
        .isEqualTo("its state records lifecycle destroy = false");
    assertThat(Reasons.forForget("forgot_because_something_new"))
        .isEqualTo("the plan gives the reason forgot_because_something_new");
  }
}
