package dev.plangate.cli;

import picocli.CommandLine.IVersionProvider;

/** The version written into the jar manifest at build time. */
public final class VersionProvider implements IVersionProvider {
  @Override
  public String[] getVersion() {
    return new String[] {"plangate " + version()};
  }

  static String version() {
    String v = VersionProvider.class.getPackage().getImplementationVersion();
    return v == null ? "development build" : v;
  }
}
