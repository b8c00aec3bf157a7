package dev.plangate.cli;

import dev.plangate.core.git.GitException;
import dev.plangate.core.git.GitRepository;
import dev.plangate.core.policy.Policy;
import dev.plangate.core.report.Escape;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code plangate hook install}: the local pre-push check. */
@Command(
    name = "hook",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = "Manage the git pre-push hook that runs plangate before a push leaves the"
        + " machine.",
    subcommands = HookCommand.Install.class)
public final class HookCommand extends UsageCommand {
  /** Marks a hook file as ours, so a re-install updates it and never mistakes a foreign one. */
  static final String MARKER = "# plangate-hook v1";
  /** Where a foreign hook goes when plangate is installed in front of it with --force. */
  static final String CHAINED = "pre-push.plangate-chained";

  @Command(
      name = "install",
      mixinStandardHelpOptions = true,
      versionProvider = VersionProvider.class,
      description = {"Install plangate as the repository's pre-push hook.",
          "Honours core.hooksPath. An existing hook that plangate did not write is left alone"
              + " unless --force is given; then it is kept as " + CHAINED + " and still runs"
              + " first, with the same arguments and input."})
  static final class Install implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(names = "--repo", paramLabel = "DIR",
        description = "The repository (default: the current directory).")
    Path repo;

    @Option(names = "--force",
        description = "Install in front of an existing foreign pre-push hook, chaining to it.")
    boolean force;

    @Override
    public Integer call() throws IOException {
      PrintWriter out = spec.commandLine().getOut();
      PrintWriter err = spec.commandLine().getErr();
      Path hooks;
      Policy policy;
      try {
        GitRepository git = GitRepository.open(repo == null ? Path.of("").toAbsolutePath() : repo);
        hooks = git.hooksDirectory();
        policy = Workspace.open(git.root(), null, true).policy();
      } catch (GitException | Workspace.UsageException e) {
        Cli.error(err, e.getMessage());
        return Cli.USAGE;
      }
      // A hook with no plans to check would let every push through: refuse to install it.
      if (policy.plans().isEmpty()) {
        err.println("plangate: error: " + (policy.source() == null ? "there is no .plangate.yml"
            : Escape.terminal(policy.source()) + " names no plans") + ", so the hook would"
            + " check nothing. Add the plan files it reads, e.g. `plans: [infra/plan.json]`"
            + " (terraform show -json output), and `planCommand:` to write them on each"
            + " push; then run plangate hook install again.");
        return Cli.USAGE;
      }
      Files.createDirectories(hooks);
      Path hook = hooks.resolve("pre-push");
      Path chained = hooks.resolve(CHAINED);
      String verb = "installed";
      if (Files.exists(hook, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
        if (isOurs(hook)) {
          verb = "updated";
        } else if (!force) {
          err.println("plangate: error: " + Escape.terminal(hook.toString()) + " already exists"
              + " and was not written by plangate; refusing to overwrite it. Rerun with --force"
              + " to install plangate in front of it: your hook is kept as " + CHAINED
              + " and still runs first.");
          return Cli.USAGE;
        } else if (Files.exists(chained)) {
          err.println("plangate: error: both " + Escape.terminal(hook.toString()) + " and "
              + CHAINED + " exist; move one of them away first.");
          return Cli.USAGE;
        } else {
          Files.move(hook, chained, StandardCopyOption.ATOMIC_MOVE);
          verb = "installed in front of your existing hook (kept as " + CHAINED + ")";
        }
      }
      Path tmp = hooks.resolve("pre-push.plangate-tmp");
      Files.writeString(tmp, script(PlangateLauncher.presenceChecks(), PlangateLauncher.command()),
          StandardCharsets.UTF_8);
      makeExecutable(tmp);
      Files.move(tmp, hook, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      out.println("plangate: pre-push hook " + verb + ": " + Escape.terminal(hook.toString()));
      out.println("plangate: it checks " + Escape.terminal(String.join(", ", policy.plans()))
          + " on every git push" + (policy.planCommand() == null ? "" : ", after running"
          + " planCommand") + ", and refuses a push that changes infrastructure files when a"
          + " plan is older than that change.");
      return 0;
    }
  }

  static boolean isOurs(Path hook) throws IOException {
    if (!Files.isRegularFile(hook)) {
      return false;
    }
    try (var lines = Files.lines(hook, StandardCharsets.ISO_8859_1)) {
      return lines.limit(5).anyMatch(MARKER::equals);
    }
  }

  /**
   * The hook: hands git's ref lines to a chained foreign hook (if any) and then to plangate.
   * stdin can be read once, so it is buffered in a variable first.
   */
  static String script(String presenceChecks, String plangate) {
    return "#!/bin/sh\n"
        + MARKER + "\n"
        + "# Installed by `plangate hook install`: refuses a push whose plan destroys or replaces\n"
        + "# infrastructure when AI agents wrote the commits, unless a human approves.\n"
        + "# Uninstall: delete this file (and rename " + CHAINED + " back to pre-push).\n"
        + presenceChecks
        + "hooks_dir=$(dirname \"$0\")\n"
        + "refs=$(cat)\n"
        + "if [ -x \"$hooks_dir/" + CHAINED + "\" ]; then\n"
        + "  printf '%s\\n' \"$refs\" | \"$hooks_dir/" + CHAINED + "\" \"$@\" || exit $?\n"
        + "fi\n"
        + "printf '%s\\n' \"$refs\" | " + plangate + " pre-push \"$@\"\n";
  }

  private static void makeExecutable(Path file) throws IOException {
    try {
      Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
    } catch (UnsupportedOperationException e) {
      if (!file.toFile().setExecutable(true)) {
        throw new IOException("cannot make " + file + " executable");
      }
    }
  }
}
