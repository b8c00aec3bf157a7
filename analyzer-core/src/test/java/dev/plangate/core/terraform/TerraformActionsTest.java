package dev.plangate.core.terraform;

import static org.assertj.core.api.Assertions.assertThat;

import dev.plangate.core.model.ChangeKind;
import dev.plangate.core.model.ReplaceOrder;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * change.actions to a change kind. Combinations no release writes today are decided by the most
 * destructive word in them; a word plangate does not know, or no word at all, is UNKNOWN, which
 * is reported as a destroy.
 */
class TerraformActionsTest {
  private static TerraformActions.Classified classify(String... actions) {
    return TerraformActions.classify(List.of(actions));
  }

  @Test
  void theCombinationsTerraformWritesHaveTheirOwnKind() {
    assertThat(classify("delete", "create")).isEqualTo(new TerraformActions.Classified(
        ChangeKind.REPLACE, ReplaceOrder.DELETE_BEFORE_CREATE));
    assertThat(classify("create", "delete")).isEqualTo(new TerraformActions.Classified(
        ChangeKind.REPLACE, ReplaceOrder.CREATE_BEFORE_DELETE));
    assertThat(classify("create", "forget")).isEqualTo(new TerraformActions.Classified(
        ChangeKind.FORGET, ReplaceOrder.CREATE_BEFORE_FORGET));
    assertThat(classify("forget", "create")).isEqualTo(new TerraformActions.Classified(
        ChangeKind.FORGET, ReplaceOrder.FORGET_BEFORE_CREATE));
    assertThat(classify("read").kind()).isEqualTo(ChangeKind.READ);
    assertThat(classify("forget").kind()).isEqualTo(ChangeKind.FORGET);
  }

  @Test
  void newCombinationsAreDecidedByTheirMostDestructiveWord() {
    assertThat(classify("update", "delete")).isEqualTo(
        new TerraformActions.Classified(ChangeKind.DELETE, null));
    assertThat(classify("delete", "delete")).isEqualTo(
        new TerraformActions.Classified(ChangeKind.DELETE, null));
    assertThat(classify("update", "delete", "create")).isEqualTo(new TerraformActions.Classified(
        ChangeKind.REPLACE, ReplaceOrder.DELETE_BEFORE_CREATE));
    assertThat(classify("create", "update", "delete")).isEqualTo(new TerraformActions.Classified(
        ChangeKind.REPLACE, ReplaceOrder.CREATE_BEFORE_DELETE));
    assertThat(classify("forget", "update")).isEqualTo(
        new TerraformActions.Classified(ChangeKind.FORGET, null));
    assertThat(classify("delete", "forget")).isEqualTo(
        new TerraformActions.Classified(ChangeKind.DELETE, null));
    assertThat(classify("read", "update").kind()).isEqualTo(ChangeKind.UNKNOWN);
    assertThat(classify("create", "create").kind()).isEqualTo(ChangeKind.UNKNOWN);
  }

  @Test
  void anUnknownWordOrNoWordIsUnknown() {
    assertThat(classify().kind()).isEqualTo(ChangeKind.UNKNOWN);
    assertThat(classify("teleport").kind()).isEqualTo(ChangeKind.UNKNOWN);
    assertThat(classify("delete", "teleport").kind()).isEqualTo(ChangeKind.UNKNOWN);
    assertThat(classify("Delete").kind()).isEqualTo(ChangeKind.UNKNOWN);
    assertThat(ChangeKind.UNKNOWN.isFinding()).isTrue();
  }
}
