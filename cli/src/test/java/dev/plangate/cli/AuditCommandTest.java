package dev.plangate.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.plangate.core.audit.AuditEntry;
import dev.plangate.core.audit.AuditLog;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code plangate audit verify}, through the command line: exit codes 0, 1 and 2. */
class AuditCommandTest {
  @TempDir Path dir;
  Path log;

  @BeforeEach
  void fiveEntries() throws IOException {
    log = dir.resolve("audit.jsonl");
    AuditLog audit = AuditLog.at(log);
    for (int i = 1; i <= 5; i++) {
      audit.append(AuditEntry.now("agent-hook", "terraform destroy #" + i, "deny")
          .withAgent("Claude Code").withReason("destroys aws_db_instance.main"));
    }
  }

  private List<String> lines() throws IOException {
    return new ArrayList<>(Arrays.asList(
        Files.readString(log, StandardCharsets.UTF_8).split("\n")));
  }

  private void write(List<String> lines) throws IOException {
    Files.writeString(log, String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
  }

  private String head() throws IOException {
    List<String> lines = lines();
    return AuditLog.sha256(lines.get(lines.size() - 1).getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void anIntactLogPrintsItsCountAndHead() throws IOException {
    CliRun r = CliRun.run("audit", "verify", log.toString());
    assertThat(r.exitCode()).isZero();
    assertThat(r.out()).isEqualTo("ok: 5 entries, head " + head() + "\n");
    assertThat(r.err()).isEmpty();
  }

  @Test
  void anEditedLineFailsWithItsLineNumber() throws IOException {
    List<String> lines = lines();
    lines.set(1, lines.get(1).replace("\"deny\"", "\"allow\""));
    write(lines);
    CliRun r = CliRun.run("audit", "verify", log.toString());
    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.out()).isEmpty();
    assertThat(r.errLines()).containsExactly("plangate: audit log " + log + ": line 3: prev does"
        + " not match the hash of line 2 (line 2 was edited, or a line was removed or"
        + " replaced)");
  }

  @Test
  void aRemovedLineFails() throws IOException {
    List<String> lines = lines();
    lines.remove(2);
    write(lines);
    CliRun r = CliRun.run("audit", "verify", log.toString());
    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.errLines()).containsExactly("plangate: audit log " + log
        + ": line 3: seq is 4, expected 3 (a line was removed before it)");
  }

  @Test
  void aTruncatedWriteFails() throws IOException {
    byte[] bytes = Files.readAllBytes(log);
    Files.write(log, Arrays.copyOf(bytes, bytes.length - 7));
    CliRun r = CliRun.run("audit", "verify", log.toString());
    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.errLines()).containsExactly("plangate: audit log " + log
        + ": line 5: no newline at end (truncated write)");
  }

  @Test
  void aLineThatIsNotJsonFails() throws IOException {
    List<String> lines = lines();
    lines.set(3, "{oops");
    write(lines);
    CliRun r = CliRun.run("audit", "verify", log.toString());
    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.errLines()).containsExactly("plangate: audit log " + log
        + ": line 4: not valid JSON");
  }

  @Test
  void theRecordedHeadAndCountPassWhileTheLogOnlyGrows() throws IOException {
    String recorded = head();
    AuditLog.at(log).append(AuditEntry.now("check", "plangate check", "pass"));
    CliRun r = CliRun.run("audit", "verify", log.toString(), "--expect-head",
        recorded.toUpperCase(), "--expect-count", "5");
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.out()).isEqualTo("ok: 6 entries, head " + head() + "\n"
        + "the recorded head is line 5; 1 entry appended since\n");
  }

  @Test
  void removingTheLastLineIsCaughtByTheRecordedHead() throws IOException {
    String recorded = head();
    List<String> lines = lines();
    lines.remove(4);
    write(lines);
    assertThat(CliRun.run("audit", "verify", log.toString()).exitCode()).isZero();

    CliRun r = CliRun.run("audit", "verify", log.toString(), "--expect-head", recorded);
    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.errLines()).containsExactly("plangate: audit log " + log + ": no line has the"
        + " recorded head " + recorded + " (that line and possibly lines after it were removed"
        + " or edited, or the log was replaced)");
  }

  @Test
  void removingTheLastLineIsCaughtByTheRecordedCount() throws IOException {
    List<String> lines = lines();
    lines.remove(4);
    write(lines);
    CliRun r = CliRun.run("audit", "verify", log.toString(), "--expect-count", "5");
    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.errLines()).containsExactly("plangate: audit log " + log + ": has 4 entries,"
        + " expected at least 5 (lines were removed from the end, or the log was replaced)");
  }

  @Test
  void aHeadAndCountNotRecordedTogetherFail() throws IOException {
    String recorded = head();
    CliRun r = CliRun.run("audit", "verify", log.toString(), "--expect-head", recorded,
        "--expect-count", "4");
    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.err()).contains(": line 4 does not have the recorded head " + recorded);
  }

  @Test
  void aMissingFileIsAnInputError() {
    Path missing = dir.resolve("nope.jsonl");
    CliRun r = CliRun.run("audit", "verify", missing.toString());
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.errLines()).containsExactly("plangate: error: cannot read audit log " + missing
        + ": file not found");
  }

  @Test
  void aDirectoryIsAnInputError() {
    CliRun r = CliRun.run("audit", "verify", dir.toString());
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.errLines()).singleElement().asString()
        .startsWith("plangate: error: cannot read audit log " + dir + ": ");
  }

  @Test
  void anUnreadableFileIsAnInputError() throws IOException {
    assumeTrue(log.getFileSystem().supportedFileAttributeViews().contains("posix"));
    Files.setPosixFilePermissions(log, PosixFilePermissions.fromString("---------"));
    assumeTrue(!Files.isReadable(log), "root reads anything");
    CliRun r = CliRun.run("audit", "verify", log.toString());
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains("permission denied");
  }

  @Test
  void aBadHeadOrCountIsAUsageError() {
    CliRun head = CliRun.run("audit", "verify", log.toString(), "--expect-head", "abc\u001b[2J");
    assertThat(head.exitCode()).isEqualTo(2);
    assertThat(head.errLines()).containsExactly("plangate: error: --expect-head must be a head"
        + " printed by plangate audit verify: 64 hex digits, not 'abc\\u001b[2J'");
    CliRun count = CliRun.run("audit", "verify", log.toString(), "--expect-count", "-1");
    assertThat(count.exitCode()).isEqualTo(2);
    CliRun notANumber = CliRun.run("audit", "verify", log.toString(), "--expect-count", "x");
    assertThat(notANumber.exitCode()).isEqualTo(2);
  }

  @Test
  void withoutASubcommandOrFileItPrintsUsage() {
    CliRun bare = CliRun.run("audit");
    assertThat(bare.exitCode()).isEqualTo(2);
    assertThat(bare.err()).contains("Usage: plangate audit").contains("verify");
    CliRun noFile = CliRun.run("audit", "verify");
    assertThat(noFile.exitCode()).isEqualTo(2);
    assertThat(noFile.err()).contains("Missing required parameter: 'FILE'");
  }

  @Test
  void hostileTextInTheLogNeverReachesTheTerminalRaw() throws IOException {
    List<String> lines = lines();
    lines.set(4, lines.get(4).replace("\"decision\":\"deny\"",
        "\"decision\":\"\\u001b]0;pwned\\u0007\\u001b[2J\""));
    write(lines);
    CliRun r = CliRun.run("audit", "verify", log.toString());
    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.err()).doesNotContain("\u001b").contains("line 5: not an audit line: unknown"
        + " audit decision '\\u001b]0;pwned\\u0007\\u001b[2J'");
  }

  @Test
  void anEmptyLogVerifies() throws IOException {
    Files.write(log, new byte[0]);
    CliRun r = CliRun.run("audit", "verify", log.toString(), "--expect-head", AuditLog.GENESIS,
        "--expect-count", "0");
    assertThat(r.exitCode()).isZero();
    assertThat(r.out()).isEqualTo("ok: 0 entries, head " + AuditLog.GENESIS + "\n");
  }
}
