package dev.plangate.core.audit;

import static dev.plangate.core.audit.AuditTestData.entry;
import static dev.plangate.core.audit.AuditTestData.lines;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.plangate.core.impact.Downstream;
import dev.plangate.core.impact.Finding;
import dev.plangate.core.impact.FindingAction;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The limits of the audit log: where the chain's head is found, what a verification says about
 * the lines before a problem, lines too long to read, and entries cut to their caps.
 */
class AuditEdgesTest {
  @TempDir Path dir;

  private static AuditVerification verify(String text) throws IOException {
    return AuditVerifier.verify(
        new ByteArrayInputStream(text.getBytes(StandardCharsets.US_ASCII)), null);
  }

  @Test
  void aRecordedHeadIsFoundOnItsLineAndIsGoneOnceThatLineIsRemoved() throws IOException {
    Path file = AuditTestData.logWith(dir, 3);
    String second = AuditLog.sha256(lines(file).get(1).getBytes(StandardCharsets.US_ASCII));
    AuditVerification v = AuditVerifier.verify(file, second);
    assertThat(v.ok()).isTrue();
    assertThat(v.recordedHeadLine()).isEqualTo(2);
    assertThat(AuditVerifier.verify(file).recordedHeadLine()).isZero();
    assertThat(AuditVerifier.verify(file, "0".repeat(64)).recordedHeadLine()).isZero();
  }

  @Test
  void aFailedVerificationCountsAndHashesTheLinesBeforeTheProblem() throws IOException {
    Path file = AuditTestData.logWith(dir, 3);
    List<String> lines = lines(file);
    String good = lines.get(0) + "\n" + lines.get(1) + "\n";
    AuditVerification v = verify(good + "garbage\n" + lines.get(2) + "\n");
    assertThat(v.ok()).isFalse();
    assertThat(v.count()).isEqualTo(2);
    assertThat(v.problemLine()).isEqualTo(3);
    assertThat(v.head()).isEqualTo(AuditLog.sha256(lines.get(1).getBytes(StandardCharsets.US_ASCII)));
    assertThat(v.message()).isEqualTo("line 3: not valid JSON");
  }

  @Test
  void oneEntryIsSaidInTheSingular() throws IOException {
    Path file = AuditTestData.logWith(dir, 1);
    AuditVerification v = AuditVerifier.verify(file);
    assertThat(v.message()).isEqualTo("ok: 1 entry, head " + v.head());
    assertThat(v.problemLine()).isZero();
    assertThat(v.head()).isEqualTo(AuditLog.sha256(lines(file).get(0)
        .getBytes(StandardCharsets.US_ASCII)));
  }

  @Test
  void aLastLineOfExactlyTheLimitWithoutANewlineIsATruncatedWrite() throws IOException {
    AuditVerification v = verify("x".repeat(AuditLog.MAX_LINE_BYTES));
    assertThat(v.message()).isEqualTo("line 1: no newline at end (truncated write)");
  }

  @Test
  void aLineOfExactlyTheLimitIsReadAndOneByteMoreIsTooLong() throws IOException {
    // read as a line (and refused as JSON), not as too long
    assertThat(verify("x".repeat(AuditLog.MAX_LINE_BYTES) + "\n").message())
        .isEqualTo("line 1: not valid JSON");
    assertThat(verify("x".repeat(AuditLog.MAX_LINE_BYTES + 1) + "\n").message())
        .isEqualTo("line 1: longer than " + AuditLog.MAX_LINE_BYTES + " bytes");
  }

  @Test
  void aLineTooLongWithoutAnyNewlineStopsTheReadOnTheLineAfterTheGoodOnes() throws IOException {
    Path file = AuditTestData.logWith(dir, 2);
    Files.writeString(file, "y".repeat(3 * AuditLog.MAX_LINE_BYTES), StandardOpenOption.APPEND);
    AuditVerification v = AuditVerifier.verify(file);
    assertThat(v.count()).isEqualTo(2);
    assertThat(v.message()).isEqualTo("line 3: longer than " + AuditLog.MAX_LINE_BYTES + " bytes");
  }

  @Test
  void appendRefusesALastLineTooLongToBeAnAuditLine() throws IOException {
    Path file = AuditTestData.logWith(dir, 1);
    Files.writeString(file, "z".repeat(AuditLog.MAX_LINE_BYTES + 1) + "\n",
        StandardOpenOption.APPEND);
    long size = Files.size(file);
    assertThatThrownBy(() -> AuditLog.at(file).append(entry(2)))
        .isInstanceOf(AuditLogException.class)
        .hasMessage("the last line of " + file.toAbsolutePath().normalize() + " is longer than "
            + AuditLog.MAX_LINE_BYTES + " bytes; refusing to append after it");
    assertThat(Files.size(file)).isEqualTo(size);
  }

  @Test
  void aFirstLineTooLongIsRefusedToo() throws IOException {
    Path file = dir.resolve("audit.jsonl");
    Files.writeString(file, "z".repeat(AuditLog.MAX_LINE_BYTES + 1) + "\n");
    assertThatThrownBy(() -> AuditLog.at(file).append(entry(1)))
        .isInstanceOf(AuditLogException.class).hasMessageContaining("is longer than");
  }

  @Test
  void appendRefusesALastLineWithoutAPositiveSeq() throws IOException {
    Path file = AuditTestData.logWith(dir, 1);
    String forged = lines(file).get(0).replaceFirst("\"seq\":1", "\"seq\":0");
    Files.writeString(file, forged + "\n");
    assertThatThrownBy(() -> AuditLog.at(file).append(entry(2)))
        .isInstanceOf(AuditLogException.class)
        .hasMessage("the last line of " + file.toAbsolutePath().normalize()
            + " has seq 0; refusing to append after it");
  }

  @Test
  void appendContinuesTheNumberingOfTheLastLine() throws IOException {
    Path file = AuditTestData.logWith(dir, 2);
    AuditLine third = AuditLog.at(file).append(entry(3));
    assertThat(third.seq()).isEqualTo(3);
    assertThat(third.prev()).isEqualTo(AuditLog.sha256(lines(file).get(1)
        .getBytes(StandardCharsets.US_ASCII)));
    assertThat(AuditLog.at(file).file()).isEqualTo(file.toAbsolutePath().normalize());
  }

  @Test
  void capKeepsTextUpToTheCapAndNeverSplitsASurrogatePair() {
    String exact = "c".repeat(AuditEntry.MAX_TEXT);
    assertThat(AuditEntry.now("check", exact, "pass").command()).isEqualTo(exact);
    String robot = "\ud83e\udd16";
    int keep = AuditEntry.MAX_TEXT - AuditEntry.CUT.length();
    String straddling = "c".repeat(keep - 1) + robot + "tail".repeat(10);
    assertThat(AuditEntry.now("check", straddling, "pass").command())
        .isEqualTo("c".repeat(keep - 1) + AuditEntry.CUT);
    assertThat(AuditEntry.cap(null, 10)).isNull();
  }

  @Test
  void everyFieldAnEntryIsMadeWithIsKept() {
    AuditEntry e = AuditEntry.now("apply", "terraform apply", "approved")
        .withAgent("Claude Code").withApprovedBy("tty:alice").withReason("typed 3")
        .withPlan("0123", new AuditEntry.Findings(0, 0, 0, 0, List.of(), 0))
        .withDecision("refused");
    assertThat(e.agent()).isEqualTo("Claude Code");
    assertThat(e.approvedBy()).isEqualTo("tty:alice");
    assertThat(e.reason()).isEqualTo("typed 3");
    assertThat(e.fingerprint()).isEqualTo("0123");
    assertThat(e.findings()).isEqualTo(new AuditEntry.Findings(0, 0, 0, 0, List.of(), 0));
    assertThat(e.decision()).isEqualTo("refused");
    assertThat(e.source()).isEqualTo("apply");
    assertThat(e.time()).isBeforeOrEqualTo(Instant.now());
    assertThat(e.time().getNano() % 1_000_000).isZero();
  }

  @Test
  void aFindingsSummaryRefusesNegativeCounts() {
    for (int i = 0; i < 5; i++) {
      int[] c = new int[5];
      c[i] = -1;
      assertThatThrownBy(() -> new AuditEntry.Findings(c[0], c[1], c[2], c[3], List.of(), c[4]))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("negative count in audit findings");
    }
  }

  @Test
  void theMessageForAnUnknownDecisionQuotesItCutAndListsTheValidOnes() {
    assertThatThrownBy(() -> AuditEntry.now("apply", "x", "m".repeat(100)))
        .hasMessage("unknown audit decision '" + "m".repeat(40 - AuditEntry.CUT.length())
            + AuditEntry.CUT + "'; expected one of [allow, approval_required, approved, ask,"
            + " blocked, deny, error, pass, refused]");
  }

  @Test
  void argvLeavesShellSafeWordsAloneAndQuotesTheRest() {
    assertThat(AuditEntry.argv(List.of("tofu", "apply", "-var=a:b,c+d@e%f", "./plan.out")))
        .isEqualTo("tofu apply -var=a:b,c+d@e%f ./plan.out");
    assertThat(AuditEntry.argv(List.of("a$b", "c`d", "AZaz09"))).isEqualTo("'a$b' 'c`d' AZaz09");
    assertThat(AuditEntry.argv(List.of("[x]", "{y}", "^"))).isEqualTo("'[x]' '{y}' '^'");
    assertThat(AuditEntry.argv(List.of())).isEmpty();
  }

  @Test
  void aChecksFindingsAreCountedByActionAndCriticality() {
    List<Finding> findings = List.of(
        finding("aws_instance.a", FindingAction.REPLACE, false),
        finding("aws_instance.b", FindingAction.REPLACE, false),
        finding("aws_s3_bucket.c", FindingAction.FORGET, false),
        finding("aws_db_instance.d", FindingAction.DELETE, true));
    assertThat(AuditEntry.Findings.of(findings)).isEqualTo(new AuditEntry.Findings(1, 2, 1, 1,
        List.of("aws_instance.a", "aws_instance.b", "aws_s3_bucket.c", "aws_db_instance.d"), 0));
  }

  @Test
  void twentyAddressesAreKeptWholeAndTheTwentyFirstIsCounted() {
    List<String> twenty = new java.util.ArrayList<>();
    for (int i = 0; i < AuditEntry.Findings.MAX_ADDRESSES; i++) {
      twenty.add("aws_instance.n[" + i + "]");
    }
    assertThat(new AuditEntry.Findings(20, 0, 0, 0, twenty, 0).moreAddresses()).isZero();
    List<String> more = new java.util.ArrayList<>(twenty);
    more.add("aws_instance.extra");
    AuditEntry.Findings f = new AuditEntry.Findings(21, 0, 0, 0, more, 2);
    assertThat(f.addresses()).isEqualTo(twenty);
    assertThat(f.moreAddresses()).isEqualTo(3);
  }

  private static Finding finding(String address, FindingAction action, boolean critical) {
    return new Finding("plan.json", address, null, "t", action, null, null, List.of(),
        List.of(), critical, null, null, null, "", new Downstream(List.of(), List.of()), null);
  }
}
