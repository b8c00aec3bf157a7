package dev.plangate.core.audit;

import static dev.plangate.core.audit.AuditTestData.entry;
import static dev.plangate.core.audit.AuditTestData.lines;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.plangate.core.impact.Downstream;
import dev.plangate.core.impact.Finding;
import dev.plangate.core.impact.FindingAction;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AuditLogTest {
  private static final List<String> FIELDS = List.of("seq", "prev", "time", "source", "command",
      "agent", "fingerprint", "findings", "decision", "approvedBy", "reason");

  @TempDir Path dir;

  @Test
  void threeEntriesVerifyAndEachLineHoldsItsFieldsInOrder() throws IOException {
    Path file = AuditTestData.logWith(dir, 3);

    AuditVerification v = AuditVerifier.verify(file);
    assertThat(v.ok()).isTrue();
    assertThat(v.count()).isEqualTo(3);

    List<String> lines = lines(file);
    assertThat(lines).hasSize(3);
    assertThat(Files.readString(file)).endsWith("}\n").doesNotContain("\r");
    ObjectMapper json = new ObjectMapper();
    String prev = AuditLog.GENESIS;
    for (int i = 0; i < 3; i++) {
      JsonNode node = json.readTree(lines.get(i));
      List<String> names = new ArrayList<>();
      node.fieldNames().forEachRemaining(names::add);
      assertThat(names).containsExactlyElementsOf(FIELDS);
      assertThat(node.get("seq").asLong()).isEqualTo(i + 1);
      assertThat(node.get("prev").asText()).isEqualTo(prev);
      assertThat(node.get("time").asText()).isEqualTo(entry(i + 1).time().toString());
      assertThat(node.get("decision").asText()).isEqualTo("deny");
      assertThat(node.get("approvedBy").isNull()).isTrue();
      List<String> findingFields = new ArrayList<>();
      node.get("findings").fieldNames().forEachRemaining(findingFields::add);
      assertThat(findingFields).containsExactly("destroy", "replace", "forget", "critical",
          "addresses", "moreAddresses");
      prev = AuditLog.sha256(lines.get(i).getBytes(StandardCharsets.UTF_8));
    }
    assertThat(v.head()).isEqualTo(prev);
    assertThat(v.message()).isEqualTo("ok: 3 entries, head " + prev);
  }

  @Test
  void theFirstLineChainsToTheHashOfNothing() throws IOException {
    assertThat(AuditLog.GENESIS).isEqualTo(AuditLog.sha256(new byte[0]));
    Path file = AuditTestData.logWith(dir, 1);
    assertThat(lines(file).get(0)).startsWith("{\"seq\":1,\"prev\":\"" + AuditLog.GENESIS + "\",");
  }

  @Test
  void appendReturnsTheLineWrittenAndEntriesReadBackEqual() throws IOException {
    AuditLog log = AuditLog.at(dir.resolve("audit.jsonl"));
    AuditLine first = log.append(entry(1));
    AuditLine second = log.append(entry(2));
    List<String> lines = lines(log.file());
    assertThat(first.toJson()).isEqualTo(lines.get(0));
    assertThat(second.prev()).isEqualTo(first.hash());
    assertThat(second.seq()).isEqualTo(2);
    assertThat(AuditLine.parse(lines.get(1))).isEqualTo(second);
    assertThat(AuditLine.parse(lines.get(1)).entry()).isEqualTo(entry(2));
  }

  @Test
  void nullFieldsAreWrittenAsNullAndReadBack() throws IOException {
    AuditEntry minimal = AuditEntry.now("check", "plangate check --plan plan.json", "pass");
    AuditLog log = AuditLog.at(dir.resolve("audit.jsonl"));
    log.append(minimal);
    String line = lines(log.file()).get(0);
    assertThat(line).contains("\"agent\":null,\"fingerprint\":null,\"findings\":null,"
        + "\"decision\":\"pass\",\"approvedBy\":null,\"reason\":null}");
    assertThat(AuditLine.parse(line).entry()).isEqualTo(minimal);
  }

  @Test
  void hostileTextStaysOnOneAsciiLineAndRoundTrips() throws IOException {
    String command = "terraform apply\n{\"seq\":99}\r\n\u001b[2J\u001b]0;pwned\u0007 \"quoted\" 'single'"
        + " back\\slash \u0000nul \u007fdel \u0085nel \u2028ls \u2029ps \u202eevil \ud83d\udca5 é";
    String reason = "line one\nline two\t\"tab\"\u001b[31mred";
    AuditEntry hostile = new AuditEntry(Instant.parse("2025-06-01T12:00:00.123Z"), "apply",
        command, "Agent\nName", null, new AuditEntry.Findings(1, 0, 0, 0,
            List.of("aws_s3_bucket.x[\"a\nb\"]"), 0), "refused", "tty:mallory\u001b[0m", reason);
    AuditLog log = AuditLog.at(dir.resolve("audit.jsonl"));
    log.append(hostile);
    log.append(entry(2));

    byte[] bytes = Files.readAllBytes(log.file());
    for (byte b : bytes) {
      assertThat(b == '\n' || b >= 0x20 && b < 0x7f).as("byte %d", b).isTrue();
    }
    List<String> lines = lines(log.file());
    assertThat(lines).hasSize(2);
    assertThat(AuditLine.parse(lines.get(0)).entry()).isEqualTo(hostile);
    assertThat(AuditVerifier.verify(log.file()).count()).isEqualTo(2);
  }

  @Test
  void createsParentDirectoriesAndAFileOnlyItsOwnerCanRead() throws IOException {
    Path file = dir.resolve("a/b/c/audit.jsonl");
    AuditLog.at(file).append(entry(1));
    assertThat(file).exists();
    if (file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
          .isEqualTo("rw-------");
    }
  }

  @Test
  void keepsTheFirstTwentyAddressesAndCountsTheRest() throws IOException {
    List<String> many = new ArrayList<>();
    for (int i = 0; i < 25; i++) {
      many.add("aws_instance.n[" + i + "]");
    }
    AuditEntry.Findings f = new AuditEntry.Findings(25, 0, 0, 0, many, 0);
    assertThat(f.addresses()).hasSize(20).startsWith("aws_instance.n[0]")
        .endsWith("aws_instance.n[19]");
    assertThat(f.moreAddresses()).isEqualTo(5);
    AuditLog log = AuditLog.at(dir.resolve("audit.jsonl"));
    log.append(entry(1).withPlan("fedcba9876543210", f));
    assertThat(AuditLine.parse(lines(log.file()).get(0)).entry().findings()).isEqualTo(f);
  }

  @Test
  void summarisesACheckFindings() {
    List<Finding> findings = List.of(
        finding("aws_db_instance.main", null, FindingAction.DELETE, true),
        finding("aws_instance.web", "a1b2c3", FindingAction.REPLACE, false),
        finding("aws_s3_bucket.logs", null, FindingAction.FORGET, false),
        finding("aws_s3_bucket.data", null, FindingAction.DELETE, true));
    assertThat(AuditEntry.Findings.of(findings)).isEqualTo(new AuditEntry.Findings(2, 1, 1, 2,
        List.of("aws_db_instance.main", "aws_instance.web (deposed a1b2c3)",
            "aws_s3_bucket.logs", "aws_s3_bucket.data"), 0));
  }

  private static Finding finding(String address, String deposed, FindingAction action,
      boolean critical) {
    return new Finding("plan.json", address, deposed, "t", action, null, null, List.of(),
        List.of(), critical, null, null, null, "", new Downstream(List.of(), List.of()), null);
  }

  @Test
  void longTextIsCutSoALineStaysSmall() throws IOException {
    String huge = "x".repeat(3 * AuditEntry.MAX_TEXT);
    AuditEntry e = AuditEntry.now("apply", huge, "approved").withReason(huge);
    assertThat(e.command()).hasSize(AuditEntry.MAX_TEXT).endsWith(AuditEntry.CUT);
    AuditLog log = AuditLog.at(dir.resolve("audit.jsonl"));
    log.append(e);
    assertThat(AuditLine.parse(lines(log.file()).get(0)).entry()).isEqualTo(e);
  }

  @Test
  void refusesToAppendAfterATruncatedLastLine() throws IOException {
    Path file = AuditTestData.logWith(dir, 2);
    byte[] bytes = Files.readAllBytes(file);
    Files.write(file, java.util.Arrays.copyOf(bytes, bytes.length - 10));
    assertThatThrownBy(() -> AuditLog.at(file).append(entry(3)))
        .isInstanceOf(AuditLogException.class)
        .hasMessageContaining("no newline at its end");
    assertThat(Files.size(file)).isEqualTo(bytes.length - 10);
  }

  @Test
  void refusesToAppendAfterALastLineThatIsNotJson() throws IOException {
    Path file = AuditTestData.logWith(dir, 2);
    Files.writeString(file, "garbage\n", StandardOpenOption.APPEND);
    assertThatThrownBy(() -> AuditLog.at(file).append(entry(3)))
        .isInstanceOf(AuditLogException.class)
        .hasMessageContaining("not an audit line");
  }

  @Test
  void appendsAfterALastLineLongerThanOneReadChunk() throws IOException {
    AuditLog log = AuditLog.at(dir.resolve("audit.jsonl"));
    log.append(entry(1));
    log.append(entry(2).withReason("r".repeat(AuditEntry.MAX_TEXT))
        .withAgent("a".repeat(AuditEntry.MAX_TEXT)).withApprovedBy("b".repeat(4000)));
    log.append(entry(3));
    AuditVerification v = AuditVerifier.verify(log.file());
    assertThat(v.ok()).as(v.message()).isTrue();
    assertThat(v.count()).isEqualTo(3);
  }

  @Test
  void unknownSourceOrDecisionIsRefused() {
    assertThatThrownBy(() -> AuditEntry.now("cron", "x", "pass"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("cron");
    assertThatThrownBy(() -> AuditEntry.now("apply", "x", "maybe"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maybe");
  }

  @Test
  void argvQuotesWordsAShellWouldSplit() {
    assertThat(AuditEntry.argv(List.of("terraform", "apply", "-target=aws_s3_bucket.a",
        "it's", "", "a b", "x;rm -rf /")))
        .isEqualTo("terraform apply -target=aws_s3_bucket.a 'it'\\''s' '' 'a b' 'x;rm -rf /'");
  }
}
