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
 * @param urn the tool's full identifier when {@code address} shortens it (a Pulumi URN), or null
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
    String location,
    String urn) {

  /** A Terraform change: never conditional, explained by its reason code. */
  public ResourceChange(String address, String deposed, String type, boolean managed,
      ChangeKind kind, ReplaceOrder order, List<String> rawActions, String reason,
      List<String> replacePaths, String previousAddress, boolean importing, boolean listed,
      Map<String, Object> before) {
    this(address, deposed, type, managed, kind, order, rawActions, reason, replacePaths,
        previousAddress, importing, listed, before, false, null, null, null);
  }

  public ResourceChange {
    Objects.requireNonNull(address, "address");
    Objects.requireNonNull(kind, "kind");
    rawActions = List.copyOf(rawActions);
    replacePaths = List.copyOf(replacePaths);
    before = before == null ? Map.of() : before;
  }

  /**
   * A builder with nothing set but the defaults of most changes: managed, listed, no lists, no
   * {@code before} attributes, not conditional. {@code address} and {@code kind} must be set.
   */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder holding every component of this change: a copy that changes only what it says. */
  public Builder toBuilder() {
    return new Builder().address(address).deposed(deposed).type(type).managed(managed)
        .kind(kind).order(order).rawActions(rawActions).reason(reason)
        .replacePaths(replacePaths).previousAddress(previousAddress).importing(importing)
        .listed(listed).before(before).conditional(conditional).why(why).location(location)
        .urn(urn);
  }

  /** Builds a {@link ResourceChange} by naming its components; see the record for each one. */
  public static final class Builder {
    private String address;
    private String deposed;
    private String type;
    private boolean managed = true;
    private ChangeKind kind;
    private ReplaceOrder order;
    private List<String> rawActions = List.of();
    private String reason;
    private List<String> replacePaths = List.of();
    private String previousAddress;
    private boolean importing;
    private boolean listed = true;
    private Map<String, Object> before = Map.of();
    private boolean conditional;
    private String why;
    private String location;
    private String urn;

    private Builder() {}

    public Builder address(String address) {
      this.address = address;
      return this;
    }

    public Builder deposed(String deposed) {
      this.deposed = deposed;
      return this;
    }

    public Builder type(String type) {
      this.type = type;
      return this;
    }

    public Builder managed(boolean managed) {
      this.managed = managed;
      return this;
    }

    public Builder kind(ChangeKind kind) {
      this.kind = kind;
      return this;
    }

    public Builder order(ReplaceOrder order) {
      this.order = order;
      return this;
    }

    public Builder rawActions(List<String> rawActions) {
      this.rawActions = rawActions;
      return this;
    }

    public Builder reason(String reason) {
      this.reason = reason;
      return this;
    }

    public Builder replacePaths(List<String> replacePaths) {
      this.replacePaths = replacePaths;
      return this;
    }

    public Builder previousAddress(String previousAddress) {
      this.previousAddress = previousAddress;
      return this;
    }

    public Builder importing(boolean importing) {
      this.importing = importing;
      return this;
    }

    public Builder listed(boolean listed) {
      this.listed = listed;
      return this;
    }

    public Builder before(Map<String, Object> before) {
      this.before = before;
      return this;
    }

    public Builder conditional(boolean conditional) {
      this.conditional = conditional;
      return this;
    }

    public Builder why(String why) {
      this.why = why;
      return this;
    }

    public Builder location(String location) {
      this.location = location;
      return this;
    }

    public Builder urn(String urn) {
      this.urn = urn;
      return this;
    }

    public ResourceChange build() {
      return new ResourceChange(address, deposed, type, managed, kind, order, rawActions, reason,
          replacePaths, previousAddress, importing, listed, before, conditional, why, location,
          urn);
    }
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
