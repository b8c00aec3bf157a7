package dev.plangate.core.authorship;

/**
 * How much a signal says. HIGH and MEDIUM mark a commit as AI-authored; LOW is reported but
 * decides nothing (it also fires for humans, e.g. any terminal inside Cursor).
 */
public enum Confidence {
  HIGH, MEDIUM, LOW;

  public String id() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }

  public boolean decides() {
    return this != LOW;
  }
}
