package dev.plangate.core.model;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One resource instance object in a plan and what will happen to it.
 *
 * @param address absolute instance address, e.g. {@code module.db[0].aws_db_instance.main}
 * @param deposed deposed-object key, or null for the current object (an address can appear twice)
 * @param type resource type, e.g. {@code aws_db_instance}
 * @param managed false for data sources
 * @param kind normalised change kind
 * @param order replacement order, or null when {@code kind} is not a replacement
 * @param rawActions the actions exactly as the plan wrote them
 * @param reason the tool's own reason string (Terraform {@code action_reason}), or null
 * @param replacePaths attribute paths that forced a replacement, rendered as {@code a.b[0]}
 * @param previousAddress the address before a move, or null
 * @param importing true when the change also imports an existing object
 * @param listed false for instances known only from prior state (not in the plan's change list)
 * @param before the few {@code before} attributes the resource catalogue needs (JDK types only)
 * @param conditional true when the tool says the replacement <em>may</em> happen (CloudFormation
 *     {@code Replacement: Conditional}, a property whose replacement depends on its value); such
 *     a change is reported as a replacement, never silently as an update
 * @param why the cause in plain words, for tools without Terraform's reason codes
 *     ({@code "the resource was removed from the template"}), or null
 * @param location where the resource is declared ({@code template.yaml:42}), or null
 */
public record ResourceChange(
    String address,
    String deposed,
    String type,
    boolean managed,
    ChangeKind kind,
    ReplaceOrder order,
    List<String> rawActions,
    String reason,
    List<String> replacePaths,
    String previousAddress,
    boolean importing,
    boolean listed,
    Map<String, Object> before,
    boolean conditional,
    String why,
    String location) {

  /** A Terraform change: never conditional, explained by its reason code. */
  public ResourceChange(String address, String deposed, String type, boolean managed,
      ChangeKind kind, ReplaceOrder order, List<String> rawActions, String reason,
      List<String> replacePaths, String previousAddress, boolean importing, boolean listed,
      Map<String, Object> before) {
    this(address, deposed, type, managed, kind, order, rawActions, reason, replacePaths,
        previousAddress, importing, listed, before, false, null, null);
  }

  public ResourceChange {
    Objects.requireNonNull(address, "address");
    Objects.requireNonNull(kind, "kind");
    rawActions = List.copyOf(rawActions);
    replacePaths = List.copyOf(replacePaths);
    before = before == null ? Map.of() : before;
  }

  /** Address plus the deposed key when there is one: the unique key of this object in its plan. */
  public String key() {
    return key(address, deposed);
  }

  /** How plangate names an object everywhere: the address, plus the deposed key if any. */
  public static String key(String address, String deposed) {
    return deposed == null ? address : address + " (deposed " + deposed + ")";
  }
}
