package dev.plangate.cli;

import picocli.CommandLine.Command;

/** The top-level command: without a subcommand it prints usage and fails. */
@Command(
    name = "plangate",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = "Stops infrastructure from being destroyed by mistake: reads Terraform/OpenTofu"
        + " plans, finds every destroy, replace and forget, and what depends on it.",
    footer = {"", "Exit codes: 0 pass, 1 approval required or blocked, 2 usage or input error."})
public final class PlangateCommand extends UsageCommand {}
