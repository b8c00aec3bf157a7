package dev.plangate.cli;

import java.nio.file.Path;
import java.util.Map;
import picocli.CommandLine.Option;

/** Options every command that reads a repository shares: where it is, its policy, colour. */
final class WorkspaceOptions {
  @Option(names = "--repo", paramLabel = "DIR",
      description = "The git work tree (default: the current directory).")
  Path repo;

  @Option(names = "--policy", paramLabel = "FILE",
      description = "Policy file (default: .plangate.yml at the repository root, if present).")
  Path policy;

  @Option(names = "--no-color", description = "Never colour the text report.")
  boolean noColor;

  Workspace open(boolean needGit) throws Workspace.UsageException {
    return Workspace.open(repo, policy, needGit);
  }

  /** Colour only on a terminal, and never with --no-color or a non-empty NO_COLOR. */
  boolean color(Map<String, String> env, boolean terminal) {
    String noColorEnv = env.get("NO_COLOR");
    return terminal && !noColor && (noColorEnv == null || noColorEnv.isEmpty());
  }
}
