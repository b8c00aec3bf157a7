package dev.plangate.cli;

import dev.plangate.core.audit.AuditLog;
import dev.plangate.core.audit.AuditVerification;
import dev.plangate.core.audit.AuditVerifier;
import dev.plangate.core.report.Escape;
import dev.plangate.core.io.InputFileException;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code plangate audit verify}: check the hash chain of an audit log. */
@Command(
    name = "audit",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = "Work with the tamper-evident audit log of plangate's decisions.",
    subcommands = AuditCommand.Verify.class)
public final class AuditCommand extends UsageCommand {
  @Command(
      name = "verify",
      mixinStandardHelpOptions = true,
      versionProvider = VersionProvider.class,
      description = {"Verify an audit log's hash chain and print its entry count and head (the"
          + " hash of its last line).",
          "Edited, removed, inserted and reordered lines are found; removed last lines are not,"
              + " unless the head or count recorded earlier is given back with --expect-head"
              + " and --expect-count."},
      footer = {"", "Exit codes: 0 the log verifies, 1 it was tampered with or does not hold the"
          + " recorded head or count, 2 usage error or unreadable file."})
  static final class Verify implements Callable<Integer> {
    private static final Pattern HASH = Pattern.compile("[0-9a-f]{64}");

    @Spec CommandSpec spec;

    @Parameters(paramLabel = "FILE", description = "The audit log.")
    Path file;

    @Option(names = "--expect-head", paramLabel = "HASH",
        description = "A head printed by an earlier verify: the line with that hash must still"
            + " be in the log (later lines may have been appended).")
    String expectHead;

    @Option(names = "--expect-count", paramLabel = "N",
        description = "A count printed by an earlier verify: the log must still have at least N"
            + " entries; with --expect-head, line N must be the recorded head.")
    Long expectCount;

    @Override
    public Integer call() {
      PrintWriter out = spec.commandLine().getOut();
      PrintWriter err = spec.commandLine().getErr();
      String recorded = null;
      if (expectHead != null) {
        recorded = expectHead.trim().toLowerCase(Locale.ROOT);
        if (!HASH.matcher(recorded).matches()) {
          Cli.error(err, "--expect-head must be a head printed by plangate audit verify: 64 hex"
              + " digits, not '" + expectHead + "'");
          return Cli.USAGE;
        }
      }
      if (expectCount != null && expectCount < 0) {
        Cli.error(err, "--expect-count must be 0 or more, not " + expectCount);
        return Cli.USAGE;
      }
      AuditVerification v;
      try {
        v = AuditVerifier.verify(file, recorded);
      } catch (IOException e) {
        Cli.error(err, "cannot read audit log " + file + ": " + (e instanceof InputFileException i
            ? i.reason() : e instanceof NoSuchFileException ? "no such file"
            : e instanceof AccessDeniedException ? "permission denied" : e.getMessage()));
        return Cli.USAGE;
      }
      String failure = v.ok() ? expectation(v, recorded) : v.message();
      if (failure != null) {
        err.println(Escape.terminal("plangate: audit log " + file + ": " + failure));
        return 1;
      }
      out.println(v.message());
      if (recorded != null && !recorded.equals(AuditLog.GENESIS)) {
        long since = v.count() - v.recordedHeadLine();
        out.println("the recorded head is line " + v.recordedHeadLine() + "; " + since
            + (since == 1 ? " entry" : " entries") + " appended since");
      }
      return 0;
    }

    /** What the log lacks of the recorded head and count, or null when it holds both. */
    private String expectation(AuditVerification v, String recorded) {
      if (expectCount != null && v.count() < expectCount) {
        return "has " + v.count() + (v.count() == 1 ? " entry" : " entries")
            + ", expected at least " + expectCount + " (lines were removed from the end, or the"
            + " log was replaced)";
      }
      if (recorded == null) {
        return null;
      }
      if (recorded.equals(AuditLog.GENESIS)) {
        // The head of an empty log: every log extends it.
        return expectCount == null || expectCount == 0 ? null
            : "the recorded head " + recorded + " is the head of an empty log, not of line "
                + expectCount;
      }
      if (v.recordedHeadLine() == 0) {
        return "no line has the recorded head " + recorded + " (that line and possibly lines"
            + " after it were removed or edited, or the log was replaced)";
      }
      if (expectCount != null && v.recordedHeadLine() != expectCount) {
        return "line " + expectCount + " does not have the recorded head " + recorded
            + " (line " + v.recordedHeadLine() + " does: the head and count were not recorded"
            + " together)";
      }
      return null;
    }
  }
}
