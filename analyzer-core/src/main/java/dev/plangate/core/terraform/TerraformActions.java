package dev.plangate.core.terraform;

import dev.plangate.core.model.ChangeKind;
import dev.plangate.core.model.ReplaceOrder;
import java.util.List;
import java.util.Set;

/** Maps Terraform's {@code change.actions} to a change kind, failing closed on anything new. */
final class TerraformActions {
  static final Set<String> KNOWN = Set.of("no-op", "create", "read", "update", "delete", "forget");

  record Classified(ChangeKind kind, ReplaceOrder order) {}

  private TerraformActions() {}

  static Classified classify(List<String> actions) {
    if (actions.size() == 1) {
      switch (actions.get(0)) {
        case "no-op":
          return new Classified(ChangeKind.NO_OP, null);
        case "create":
          return new Classified(ChangeKind.CREATE, null);
        case "read":
          return new Classified(ChangeKind.READ, null);
        case "update":
          return new Classified(ChangeKind.UPDATE, null);
        case "delete":
          return new Classified(ChangeKind.DELETE, null);
        case "forget":
          return new Classified(ChangeKind.FORGET, null);
        default:
          return new Classified(ChangeKind.UNKNOWN, null);
      }
    }
    if (actions.equals(List.of("delete", "create"))) {
      return new Classified(ChangeKind.REPLACE, ReplaceOrder.DELETE_BEFORE_CREATE);
    }
    if (actions.equals(List.of("create", "delete"))) {
      return new Classified(ChangeKind.REPLACE, ReplaceOrder.CREATE_BEFORE_DELETE);
    }
    if (actions.equals(List.of("create", "forget"))) {
      return new Classified(ChangeKind.FORGET, ReplaceOrder.CREATE_BEFORE_FORGET);
    }
    if (actions.equals(List.of("forget", "create"))) {
      return new Classified(ChangeKind.FORGET, ReplaceOrder.FORGET_BEFORE_CREATE);
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
