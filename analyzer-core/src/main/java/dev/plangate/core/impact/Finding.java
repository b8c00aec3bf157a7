package dev.plangate.core.impact;

import dev.plangate.core.authorship.Attribution;
import dev.plangate.core.model.ReplaceOrder;
import dev.plangate.core.model.ResourceChange;
import java.util.List;

/**
 * One delete, replace or forget, with everything a reviewer needs to judge it.
 *
 * @param plan the plan file it came from
 * @param address instance address
 * @param deposed deposed-object key, or null
 * @param type resource type
 * @param action what happens
 * @param replaceOrder order of a replacement, or null
 * @param reason the plan's raw reason (Terraform {@code action_reason}), or null
 * @param rawActions the plan's actions as written
 * @param replacedBecause attribute paths that force the replacement
 * @param critical true when the type is in the critical-resource catalogue
 * @param category catalogue category, or null
 * @param recoverable true, false, or null when unknown or not applicable
 * @param recoverability the catalogue's reason for {@code recoverable}, or null
 * @param explanation one plain sentence (two when data cannot be recovered)
 * @param downstream what depends on it
 * @param suggestion a {@code moved} block that would turn this destroy into a move, or null
 * @param conditional true when the tool says the replacement may happen (not that it will)
 * @param location where the resource is declared ({@code template.yaml:42}), or null
 * @param why the cause in plain words from formats without Terraform's reason codes, or null
 * @param attribution the commits that caused it, most telling first; empty when no commit range
 *     was read or no commit in it touched the files that declare the resource
 * @param urn the tool's full identifier when {@code address} shortens it (a Pulumi URN, which
 *     {@code pulumi up --target} and {@code pulumi state unprotect} need), or null
 */
public record Finding(
    String plan,
    String address,
    String deposed,
    String type,
    FindingAction action,
    ReplaceOrder replaceOrder,
    String reason,
    List<String> rawActions,
    List<String> replacedBecause,
    boolean critical,
    String category,
    Boolean recoverable,
    String recoverability,
    String explanation,
    Downstream downstream,
    String suggestion,
    boolean conditional,
    String location,
    String why,
    List<Attribution> attribution,
    String urn) {

  public Finding {
    rawActions = List.copyOf(rawActions);
    replacedBecause = List.copyOf(replacedBecause);
    attribution = List.copyOf(attribution);
  }

  /** A finding not yet attributed to any commit. */
  public Finding(String plan, String address, String deposed, String type, FindingAction action,
      ReplaceOrder replaceOrder, String reason, List<String> rawActions,
      List<String> replacedBecause, boolean critical, String category, Boolean recoverable,
      String recoverability, String explanation, Downstream downstream, String suggestion) {
    this(plan, address, deposed, type, action, replaceOrder, reason, rawActions, replacedBecause,
        critical, category, recoverable, recoverability, explanation, downstream, suggestion,
        false, null, null, List.of(), null);
  }

  /** A finding whose address is the tool's own full identifier. */
  public Finding(String plan, String address, String deposed, String type, FindingAction action,
      ReplaceOrder replaceOrder, String reason, List<String> rawActions,
      List<String> replacedBecause, boolean critical, String category, Boolean recoverable,
      String recoverability, String explanation, Downstream downstream, String suggestion,
      boolean conditional, String location, String why, List<Attribution> attribution) {
    this(plan, address, deposed, type, action, replaceOrder, reason, rawActions, replacedBecause,
        critical, category, recoverable, recoverability, explanation, downstream, suggestion,
        conditional, location, why, attribution, null);
  }

  public Finding withAttribution(List<Attribution> commits) {
    return new Finding(plan, address, deposed, type, action, replaceOrder, reason, rawActions,
        replacedBecause, critical, category, recoverable, recoverability, explanation,
        downstream, suggestion, conditional, location, why, commits, urn);
  }

  /** The same finding with the policy's say on criticality. */
  public Finding withCriticality(boolean isCritical, String newCategory) {
    return new Finding(plan, address, deposed, type, action, replaceOrder, reason, rawActions,
        replacedBecause, isCritical, isCritical ? newCategory : null, recoverable,
        recoverability, explanation, downstream, suggestion, conditional, location, why,
        attribution, urn);
  }

  /** Address plus deposed key: unique within its plan. */
  public String key() {
    return ResourceChange.key(address, deposed);
  }
}
