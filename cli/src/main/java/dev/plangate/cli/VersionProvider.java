package dev.plangate.cli;

import picocli.CommandLine.IVersionProvider;

/** The version written into the jar manifest at build time. */
public final class VersionProvider implements IVersionProvider {
  @Override
  public String[] getVersion() {
    String v = VersionProvider.class.getPackage().getImplementationVersion();
    return new String[] {"plangate " + (v == null ? "development build" : v)};
  }
}
