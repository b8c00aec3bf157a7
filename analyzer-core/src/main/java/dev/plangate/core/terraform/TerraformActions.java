package dev.plangate.core.terraform;

import dev.plangate.core.model.ChangeKind;
import dev.plangate.core.model.ReplaceOrder;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Maps Terraform's {@code change.actions} to a change kind, failing closed on anything new. */
final class TerraformActions {
  static final Set<String> KNOWN = Set.of("no-op", "create", "read", "update", "delete", "forget");

  record Classified(ChangeKind kind, ReplaceOrder order) {}

  /** Every action list Terraform and OpenTofu write today. */
  private static final Map<List<String>, Classified> EXACT = Map.of(
      List.of("no-op"), new Classified(ChangeKind.NO_OP, null),
      List.of("create"), new Classified(ChangeKind.CREATE, null),
      List.of("read"), new Classified(ChangeKind.READ, null),
      List.of("update"), new Classified(ChangeKind.UPDATE, null),
      List.of("delete"), new Classified(ChangeKind.DELETE, null),
      List.of("forget"), new Classified(ChangeKind.FORGET, null),
      List.of("delete", "create"),
      new Classified(ChangeKind.REPLACE, ReplaceOrder.DELETE_BEFORE_CREATE),
      List.of("create", "delete"),
      new Classified(ChangeKind.REPLACE, ReplaceOrder.CREATE_BEFORE_DELETE),
      List.of("create", "forget"),
      new Classified(ChangeKind.FORGET, ReplaceOrder.CREATE_BEFORE_FORGET),
      List.of("forget", "create"),
      new Classified(ChangeKind.FORGET, ReplaceOrder.FORGET_BEFORE_CREATE));

  private TerraformActions() {}

  static Classified classify(List<String> actions) {
    Classified exact = EXACT.get(actions);
    if (exact != null) {
      return exact;
    }
    // Anything else is a combination no Terraform or OpenTofu release writes today. Decide by the
    // most destructive word present; a word we do not know makes the whole change unknown.
    if (!KNOWN.containsAll(actions) || actions.isEmpty()) {
      return new Classified(ChangeKind.UNKNOWN, null);
    }
    if (actions.contains("delete")) {
      return new Classified(actions.contains("create") ? ChangeKind.REPLACE : ChangeKind.DELETE,
          actions.contains("create")
              ? (actions.indexOf("create") < actions.indexOf("delete")
                  ? ReplaceOrder.CREATE_BEFORE_DELETE : ReplaceOrder.DELETE_BEFORE_CREATE)
              : null);
    }
    if (actions.contains("forget")) {
      return new Classified(ChangeKind.FORGET, null);
    }
    return new Classified(ChangeKind.UNKNOWN, null);
  }
}
