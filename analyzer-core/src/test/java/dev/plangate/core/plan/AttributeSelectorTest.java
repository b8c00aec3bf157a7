package dev.plangate.core.plan;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AttributeSelectorTest {
  /** A reader given none() keeps no attribute of any resource: every value is skipped unread. */
  @Test
  void noneKeepsNothing() {
    AttributeSelector none = AttributeSelector.none();
    assertThat(none.rootAttributes("aws_s3_bucket")).isEmpty();
    assertThat(none.rootAttributes(null)).isEmpty();
    assertThat(none.allRootAttributes()).isEmpty();
  }
}
