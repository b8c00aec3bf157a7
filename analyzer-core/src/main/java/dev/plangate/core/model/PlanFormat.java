package dev.plangate.core.model;

/** The tools whose plans plangate reads. */
public enum PlanFormat {
  TERRAFORM("terraform");

  private final String id;

  PlanFormat(String id) {
    this.id = id;
  }

  public String id() {
    return id;
  }
}
