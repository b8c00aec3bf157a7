package dev.plangate.core.model;

import java.util.Locale;

/** The tools whose plans plangate reads. */
public enum PlanFormat {
  TERRAFORM,
  /** {@code aws cloudformation describe-change-set} output (one or more documents). */
  CLOUDFORMATION_CHANGE_SET,
  /** Two CloudFormation templates diffed offline. */
  CLOUDFORMATION_TEMPLATE,
  /** {@code pulumi preview --json} or an engine event stream. */
  PULUMI;

  /** The name in lower case, as the policy and the reports write it. */
  public String id() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }
}
