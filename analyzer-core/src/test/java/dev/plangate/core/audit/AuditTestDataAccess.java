package dev.plangate.core.audit;

/** Test data of the audit package for tests in other packages. */
public final class AuditTestDataAccess {
  private AuditTestDataAccess() {}

  public static AuditEntry entry(int i) {
    return AuditTestData.entry(i);
  }
}
