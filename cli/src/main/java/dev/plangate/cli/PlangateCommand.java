package dev.plangate.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** The top-level command: without a subcommand it prints usage and fails. */
@Command(
    name = "plangate",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = "Stops infrastructure from being destroyed by mistake: reads Terraform/OpenTofu"
        + " plans, finds every destroy, replace and forget, and what depends on it.",
    footer = {"", "Exit codes: 0 pass, 1 approval required or blocked, 2 usage or input error."})
public final class PlangateCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    spec.commandLine().usage(spec.commandLine().getErr());
    return Cli.USAGE;
  }
}
