package dev.plangate.github;

import static org.assertj.core.api.Assertions.assertThat;

import dev.plangate.github.StepSummary.Outcome;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StepSummaryTest {
  static final String REST = "The full report is in the job log.";

  @TempDir
  Path dir;

  Path file() {
    return dir.resolve("summary.md");
  }

  byte[] bytes() throws Exception {
    return Files.readAllBytes(file());
  }

  String text() throws Exception {
    return Files.readString(file(), StandardCharsets.UTF_8);
  }

  @Test
  void appendsWhatFits() throws Exception {
    StepSummary s = new StepSummary(file());

    assertThat(s.append("## plangate\n", REST)).isEqualTo(Outcome.WRITTEN);
    assertThat(s.append("No destructive changes.\n", REST)).isEqualTo(Outcome.WRITTEN);

    assertThat(text()).isEqualTo("## plangate\nNo destructive changes.\n");
  }

  @Test
  void cutsATooLongReportAtALineAndSaysWhereTheRestIs() throws Exception {
    StringBuilder md = new StringBuilder("## plangate\n\n| resource | action |\n|---|---|\n");
    for (int i = 0; md.length() < 3 * StepSummary.MAX_BYTES; i++) {
      md.append("| `aws_subnet.legacy[").append(i).append("]` | delete |\n");
    }

    Outcome o = new StepSummary(file()).append(md.toString(), REST);

    assertThat(o).isEqualTo(Outcome.TRUNCATED);
    byte[] b = bytes();
    assertThat(b.length).isLessThanOrEqualTo(StepSummary.MAX_BYTES)
        .isGreaterThan(StepSummary.MAX_BYTES - 200);
    String t = text();
    assertThat(t).endsWith("\n> **Cut short:** this summary reached GitHub's 1024 KiB limit. "
        + REST + "\n");
    String kept = t.substring(0, t.indexOf("\n> **Cut short:**"));
    assertThat(md.toString()).startsWith(kept);
    assertThat(kept).endsWith("| delete |\n");
  }

  @Test
  void countsWhatTheStepAlreadyWrote() throws Exception {
    Files.write(file(), new byte[StepSummary.MAX_BYTES - 10]);

    Outcome small = new StepSummary(file()).append("12345", REST);
    Outcome big = new StepSummary(file()).append("x".repeat(100), REST);

    assertThat(small).isEqualTo(Outcome.WRITTEN);
    assertThat(big).isEqualTo(Outcome.FULL);
    assertThat(bytes()).hasSize(StepSummary.MAX_BYTES - 5);
  }

  @Test
  void neverSplitsAMultiByteCharacterAtTheBoundary() throws Exception {
    String note = "\n> **Cut short:** this summary reached GitHub's 0 KiB limit. " + REST + "\n";
    int noteBytes = note.getBytes(StandardCharsets.UTF_8).length;
    // Each budget lands the cut at every offset inside the 4-byte emoji and 3-byte euro signs.
    String line = "€€€😀€😀😀€€";
    for (int extra = 1; extra <= 30; extra++) {
      Path f = dir.resolve("s" + extra);
      int max = noteBytes + 1 + extra;
      Outcome o = new StepSummary(f, max).append(line.repeat(20), REST);

      byte[] b = Files.readAllBytes(f);
      assertThat(o).isEqualTo(Outcome.TRUNCATED);
      assertThat(b.length).as("budget %d", max).isLessThanOrEqualTo(max);
      String s = new String(b, StandardCharsets.UTF_8);
      assertThat(s.getBytes(StandardCharsets.UTF_8)).as("valid UTF-8 round trip").isEqualTo(b);
      assertThat(s).doesNotContain("\uFFFD");
      String kept = s.substring(0, s.indexOf("\n> **Cut short:**"));
      assertThat(line.repeat(20)).startsWith(kept.endsWith("\n")
          ? kept.substring(0, kept.length() - 1) : kept);
    }
  }

  @Test
  void theRealLimitIsCountedInBytesNotCharacters() throws Exception {
    // 400 Ki characters of 3 bytes each: 1.2 MiB, well under a million characters.
    String md = ("€".repeat(99) + "\n").repeat(4096);
    assertThat(md.length()).isLessThan(StepSummary.MAX_BYTES);

    assertThat(new StepSummary(file()).append(md, REST)).isEqualTo(Outcome.TRUNCATED);
    assertThat(bytes().length).isLessThanOrEqualTo(StepSummary.MAX_BYTES);
  }

  @Test
  void closesACodeFenceTheCutLeftOpen() throws Exception {
    String md = "Plan:\n```diff\n" + "- aws_vpc.legacy\n".repeat(100) + "```\nDone\n";

    new StepSummary(file(), 600).append(md, REST);

    String t = text();
    assertThat(t).contains("- aws_vpc.legacy\n```\n\n> **Cut short:**");
    assertThat(StepSummary.openFence(t)).isNull();
    assertThat(bytes().length).isLessThanOrEqualTo(600);
  }

  @Test
  void findsOpenFences() {
    assertThat(StepSummary.openFence("a\n```\nx\n")).isEqualTo("```");
    assertThat(StepSummary.openFence("a\n```\nx\n```\n")).isNull();
    assertThat(StepSummary.openFence("~~~~\n```\n")).isEqualTo("~~~~");
    assertThat(StepSummary.openFence("````\n```\n")).isEqualTo("````");
    assertThat(StepSummary.openFence("    ```\n")).isNull();
  }

  @Test
  void cutPointPrefersALineEnd() {
    byte[] b = "aaaa\nbbbb\ncc".getBytes(StandardCharsets.UTF_8);
    assertThat(StepSummary.cutPoint(b, 11)).isEqualTo(10);
    assertThat(StepSummary.cutPoint(b, 100)).isEqualTo(b.length);
    byte[] oneLine = "xxxxxxxxxx😀yy".getBytes(StandardCharsets.UTF_8);
    assertThat(StepSummary.cutPoint(oneLine, 12)).isEqualTo(10);
  }
}
