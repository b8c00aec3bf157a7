package dev.plangate.core.cloudformation;

import dev.plangate.core.model.ChangeKind;
import dev.plangate.core.model.ReplaceOrder;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** What happens to one resource, built up while {@link TemplateDiff} diffs. */
final class ResourceOutcome {
  final String address;
  final String type;
  final String location;
  ChangeKind kind = ChangeKind.NO_OP;
  boolean conditional;
  ReplaceOrder order;
  String impact = "NO_CHANGE";
  final Set<String> replacePaths = new LinkedHashSet<>();
  final List<String> causes = new ArrayList<>();
  /** The causes that replace it only for some values: listed after the certain ones. */
  final Set<String> possibleCauses = new java.util.HashSet<>();
  String policyClause;

  ResourceOutcome(String address, String type, String location) {
    this.address = address;
    this.type = type;
    this.location = location;
  }

  /** Sets the kind and the raw action the report shows for it. */
  void become(ChangeKind kind, String impact) {
    this.kind = kind;
    this.impact = impact;
  }

  boolean replaced() {
    return kind == ChangeKind.REPLACE || (kind == ChangeKind.FORGET && order != null);
  }

  /** 0 nothing, 1 update, 2 possible replacement, 3 certain replacement. */
  int severity() {
    if (replaced()) {
      return conditional ? 2 : 3;
    }
    return kind == ChangeKind.UPDATE ? 1 : 0;
  }
}
