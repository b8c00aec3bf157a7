package dev.plangate.core.audit;

import static dev.plangate.core.audit.AuditTestData.entry;
import static dev.plangate.core.audit.AuditTestData.lines;
import static dev.plangate.core.audit.AuditTestData.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every kind of tampering names the line it shows on. */
class AuditVerifierTest {
  @TempDir Path dir;
  Path file;
  List<String> lines;

  @BeforeEach
  void fiveEntries() throws IOException {
    file = AuditTestData.logWith(dir, 5);
    lines = new ArrayList<>(lines(file));
    assertThat(AuditVerifier.verify(file).ok()).isTrue();
  }

  private AuditVerification tampered(List<String> newLines) throws IOException {
    write(file, newLines);
    return AuditVerifier.verify(file);
  }

  @Test
  void anEditedValueBreaksTheChainAtTheNextLine() throws IOException {
    lines.set(1, lines.get(1).replace("\"decision\":\"deny\"", "\"decision\":\"allow\""));
    AuditVerification v = tampered(lines);
    assertThat(v.ok()).isFalse();
    assertThat(v.message()).isEqualTo("line 3: prev does not match the hash of line 2 (line 2"
        + " was edited, or a line was removed or replaced)");
    assertThat(v.count()).isEqualTo(2);
  }

  @Test
  void anyChangedByteOfAnyLineButTheLastIsFound() throws IOException {
    byte[] original = Files.readAllBytes(file);
    int lastLineStart = original.length - lines.get(4).length() - 1;
    for (int i = 0; i < lastLineStart; i++) {
      byte[] changed = original.clone();
      changed[i] = (byte) (changed[i] == 'x' ? 'y' : 'x');
      Files.write(file, changed);
      assertThat(AuditVerifier.verify(file).ok()).as("byte %d changed", i).isFalse();
    }
  }

  @Test
  void aRemovedMiddleLineShowsAsAJumpInSeq() throws IOException {
    lines.remove(2);
    assertThat(tampered(lines).message())
        .isEqualTo("line 3: seq is 4, expected 3 (a line was removed before it)");
  }

  @Test
  void aRemovedFirstLineShowsOnLineOne() throws IOException {
    lines.remove(0);
    AuditVerification v = tampered(lines);
    assertThat(v.problemLine()).isEqualTo(1);
    assertThat(v.problem()).startsWith("seq is 2, expected 1");
  }

  @Test
  void aRenumberedLogWithoutItsFirstLineStillFailsOnPrev() throws IOException {
    lines.remove(0);
    List<String> renumbered = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      renumbered.add(lines.get(i).replaceFirst("\"seq\":\\d+", "\"seq\":" + (i + 1)));
    }
    assertThat(tampered(renumbered).message()).isEqualTo("line 1: prev is not the genesis value "
        + AuditLog.GENESIS + " (the first line was removed or replaced)");
  }

  @Test
  void swappedLinesShowWhereTheOrderBreaks() throws IOException {
    Collections.swap(lines, 1, 2);
    assertThat(tampered(lines).message())
        .isEqualTo("line 2: seq is 3, expected 2 (a line was removed before it)");
  }

  @Test
  void aForgedLineWithTheRightSeqAndPrevStillBreaksTheLineAfterIt() throws IOException {
    AuditLine forged = new AuditLine(3,
        AuditLog.sha256(lines.get(1).getBytes(StandardCharsets.UTF_8)),
        entry(99).withApprovedBy("tty:mallory"));
    lines.add(2, forged.toJson());
    assertThat(tampered(lines).message())
        .isEqualTo("line 4: seq is 3, expected 4 (a line was inserted or moved before it)");
  }

  @Test
  void aForgedLineWithTheWrongPrevIsFoundOnItsOwnLine() throws IOException {
    AuditLine forged = new AuditLine(3, AuditLog.GENESIS, entry(99));
    lines.add(2, forged.toJson());
    assertThat(tampered(lines).message()).startsWith("line 3: prev does not match the hash of"
        + " line 2");
  }

  @Test
  void aTruncatedLastLineIsATruncatedWrite() throws IOException {
    byte[] bytes = Files.readAllBytes(file);
    Files.write(file, Arrays.copyOf(bytes, bytes.length - 20));
    AuditVerification v = AuditVerifier.verify(file);
    assertThat(v.message()).isEqualTo("line 5: no newline at end (truncated write)");
    assertThat(v.count()).isEqualTo(4);
  }

  @Test
  void aCompleteLastLineWithoutItsNewlineIsFoundToo() throws IOException {
    byte[] bytes = Files.readAllBytes(file);
    Files.write(file, Arrays.copyOf(bytes, bytes.length - 1));
    assertThat(AuditVerifier.verify(file).message())
        .isEqualTo("line 5: no newline at end (truncated write)");
  }

  @Test
  void aLineThatIsNotJson() throws IOException {
    lines.set(2, "not json at all");
    assertThat(tampered(lines).message()).isEqualTo("line 3: not valid JSON");
  }

  @Test
  void anEmptyLine() throws IOException {
    lines.add(3, "");
    assertThat(tampered(lines).message()).isEqualTo("line 4: empty line");
  }

  @Test
  void jsonThatIsNotAnObject() throws IOException {
    lines.set(0, "[1,2,3]");
    assertThat(tampered(lines).message()).isEqualTo("line 1: not a JSON object");
  }

  @Test
  void aDuplicatedFieldIsNotValidJson() throws IOException {
    lines.set(4, lines.get(4).replace("\"reason\":", "\"decision\":\"allow\",\"reason\":"));
    assertThat(tampered(lines).message()).isEqualTo("line 5: not valid JSON");
  }

  @Test
  void textAfterTheObjectIsNotValidJson() throws IOException {
    lines.set(4, lines.get(4) + " {}");
    assertThat(tampered(lines).message()).isEqualTo("line 5: not valid JSON");
  }

  @Test
  void aChainedLineThatIsNotAnAuditEntry() throws IOException {
    lines.set(4, lines.get(4).replace("\"decision\":\"deny\"", "\"decision\":\"maybe\""));
    assertThat(tampered(lines).message())
        .startsWith("line 5: not an audit line: unknown audit decision 'maybe'");
    lines.set(4, lines.get(4).replace(",\"source\":\"agent-hook\"", ""));
    assertThat(tampered(lines).message()).isEqualTo("line 5: not an audit line: source is"
        + " missing");
  }

  @Test
  void removingTheLastLineIsOnlySeenInTheHead() throws IOException {
    AuditVerification before = AuditVerifier.verify(file);
    lines.remove(4);
    AuditVerification after = tampered(lines);
    assertThat(after.ok()).isTrue();
    assertThat(after.count()).isEqualTo(4);
    assertThat(after.head()).isNotEqualTo(before.head());
  }

  @Test
  void aRewrittenChainIsNotDetectable() throws IOException {
    // The documented limit: whoever can write the file can rewrite every line after an edit.
    Path other = dir.resolve("rewritten.jsonl");
    AuditLog log = AuditLog.at(other);
    log.append(entry(1));
    log.append(entry(2).withApprovedBy("tty:mallory"));
    assertThat(AuditVerifier.verify(other).ok()).isTrue();
  }

  @Test
  void anEmptyFileIsAnEmptyLog() throws IOException {
    Files.write(file, new byte[0]);
    AuditVerification v = AuditVerifier.verify(file);
    assertThat(v.ok()).isTrue();
    assertThat(v.message()).isEqualTo("ok: 0 entries, head " + AuditLog.GENESIS);
  }

  @Test
  void aLineLongerThanTheLimit() throws IOException {
    lines.set(1, "x".repeat(AuditLog.MAX_LINE_BYTES + 1));
    assertThat(tampered(lines).message())
        .isEqualTo("line 2: longer than " + AuditLog.MAX_LINE_BYTES + " bytes");
  }

  @Test
  void aMissingFileIsAnIoError() {
    assertThatThrownBy(() -> AuditVerifier.verify(dir.resolve("nope.jsonl")))
        .isInstanceOf(dev.plangate.core.io.InputFileException.class)
        .hasMessageEndingWith("nope.jsonl: file not found");
  }

  @Test
  void bytesJacksonTakesForUtf32AreABadLineNotACrash() throws Exception {
    // Found by AuditVerifierFuzzTest: Jackson guessed UTF-32 from the first bytes and threw
    // CharConversionException, which escaped verify as an UncheckedIOException.
    byte[] log = {0, 0, 0, 0x12, 0x18, 0, 0, 0, 0, 0, 0, 0, '0', '\n'};
    AuditVerification v = AuditVerifier.verify(new java.io.ByteArrayInputStream(log), null);
    assertThat(v.ok()).isFalse();
    assertThat(v.message()).isEqualTo("line 1: not valid JSON (not UTF-8 text)");
  }
}
