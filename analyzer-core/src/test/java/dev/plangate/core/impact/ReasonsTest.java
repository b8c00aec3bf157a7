package dev.plangate.core.impact;

import static org.assertj.core.api.Assertions.assertThat;

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
}
