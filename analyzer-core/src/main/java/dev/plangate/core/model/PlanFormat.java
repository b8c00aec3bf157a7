package dev.plangate.core.model;

/** The tools whose plans plangate reads. */
public enum PlanFormat {
  TERRAFORM("terraform"),
  /** {@code aws cloudformation describe-change-set} output (one or more documents). */
  CLOUDFORMATION_CHANGE_SET("cloudformation-change-set"),
  /** Two CloudFormation templates diffed offline. */
  CLOUDFORMATION_TEMPLATE("cloudformation-template"),
  /** {@code pulumi preview --json} or an engine event stream. */
  PULUMI("pulumi");

  private final String id;

  PlanFormat(String id) {
    this.id = id;
  }

  public String id() {
    return id;
  }
}
