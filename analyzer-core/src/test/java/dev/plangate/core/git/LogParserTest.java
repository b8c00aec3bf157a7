package dev.plangate.core.git;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@link LogParser} on output written by hand in {@link LogParser#FORMAT}: every field lands
 * where it belongs, and output that does not fit the format fails the read, naming the commit.
 */
class LogParserTest {
  private static final String A = "a".repeat(40);
  private static final String B = "b".repeat(40);
  private static final String C = "c".repeat(64);
  private static final String WHERE = "git log in /repo";

  /** One commit's ten fields, each ended by NUL. */
  private static String record(String sha, String parents, String date, String message,
      String trailers, String note) {
    return String.join("\0", sha, parents, "Dana", "dana@example.org", "Robo", "robo@example.org",
        date, message, trailers, note) + "\0";
  }

  private static List<Commit> parse(String output) throws Exception {
    return parse(new ByteArrayInputStream(output.getBytes(StandardCharsets.UTF_8)));
  }

  private static List<Commit> parse(InputStream in) throws Exception {
    LogParser p = new LogParser(WHERE);
    p.parse(in);
    return p.commits();
  }

  @Test
  void everyFieldLandsWhereItBelongs() throws Exception {
    List<Commit> commits = parse(record(A, "", "1700000000", "Root commit\n\nbody\n", "", "")
        + record(B, A + " " + C, "1700000060", "Merge it", "Co-authored-by\u001fClaude"
            + " <noreply@anthropic.com>\nClaude-Session\u001fa\u001fb\nbare\n",
            "agent note\n\n"));
    assertThat(commits).hasSize(2);
    Commit root = commits.get(0);
    assertThat(root.sha()).isEqualTo(A);
    assertThat(root.parents()).isEmpty();
    assertThat(root.isMerge()).isFalse();
    assertThat(root.authorName()).isEqualTo("Dana");
    assertThat(root.authorEmail()).isEqualTo("dana@example.org");
    assertThat(root.committerName()).isEqualTo("Robo");
    assertThat(root.committerEmail()).isEqualTo("robo@example.org");
    assertThat(root.committedAt()).isEqualTo(Instant.ofEpochSecond(1_700_000_000L));
    assertThat(root.subject()).isEqualTo("Root commit");
    assertThat(root.message()).isEqualTo("Root commit\n\nbody\n");
    assertThat(root.trailers()).isEmpty();
    assertThat(root.aiNote()).isNull();

    Commit merge = commits.get(1);
    assertThat(merge.parents()).containsExactly(A, C);
    assertThat(merge.isMerge()).isTrue();
    assertThat(merge.subject()).isEqualTo("Merge it");
    assertThat(merge.trailers()).containsExactly(
        new Trailer("Co-authored-by", "Claude <noreply@anthropic.com>"),
        new Trailer("Claude-Session", "a\u001fb"), new Trailer("bare", ""));
    assertThat(merge.aiNote()).isEqualTo("agent note");
  }

  @Test
  void aNoteOfOnlyLineFeedsIsNoNote() throws Exception {
    assertThat(parse(record(A, "", "1", "m", "", "\n\n")).get(0).aiNote()).isNull();
  }

  @Test
  void recordsSplitAcrossReadsAreJoined() throws Exception {
    byte[] bytes = (record(A, "", "5", "one", "", "") + record(B, A, "6", "two", "", ""))
        .getBytes(StandardCharsets.UTF_8);
    InputStream trickle = new InputStream() {
      int at;

      @Override
      public int read() {
        return at < bytes.length ? bytes[at++] & 0xff : -1;
      }

      @Override
      public int read(byte[] b, int off, int len) {
        if (at >= bytes.length) {
          return -1;
        }
        b[off] = bytes[at++];
        return 1;
      }
    };
    assertThat(parse(trickle)).extracting(Commit::subject).containsExactly("one", "two");
  }

  @Test
  void damagedOutputFailsTheReadNamingTheCommit() {
    assertThatThrownBy(() -> parse("not-a-sha\0"))
        .isInstanceOf(GitException.class)
        .hasMessage("unexpected output from " + WHERE + " (commit 1): not a commit name:"
            + " not-a-sha");
    assertThatThrownBy(() -> parse(record(A, "", "1", "m", "", "") + record(B, "", "yesterday",
        "m", "", "")))
        .hasMessage("unexpected output from " + WHERE + " (commit 2): bad committer date for "
            + B);
    assertThatThrownBy(() -> parse(record(A, "", "1", "m", "", "") + A + "\0"))
        .hasMessage("unexpected output from " + WHERE + " (commit 2): output ends inside a"
            + " record");
    assertThatThrownBy(() -> parse(record(A, "", "1", "m", "", "") + "trailing"))
        .hasMessageContaining("output ends inside a record");
  }

  @Test
  void aCommitOfExactlyTheLimitIsReadAndOneByteMoreIsRefused() throws Exception {
    String fixed = record(A, "", "1", "", "", "");
    int room = LogParser.MAX_COMMIT_BYTES - (fixed.length() - 10); // NULs are not counted
    assertThat(parse(record(A, "", "1", "m".repeat(room), "", ""))).hasSize(1);
    assertThatThrownBy(() -> parse(record(A, "", "1", "m".repeat(room + 1), "", "")))
        .isInstanceOf(GitException.class)
        .hasMessage("commit " + A + " in " + WHERE + " is too large to read: its message,"
            + " trailers and note exceed 4 MiB");
    // the limit is per commit: two commits of nearly the limit each are fine
    String big = record(A, "", "1", "m".repeat(room), "", "");
    assertThat(parse(big + big.replace(A, B))).hasSize(2);
  }

  @Test
  void aTooLargeFirstFieldIsRefusedWithoutAName() {
    assertThatThrownBy(() -> parse("x".repeat(LogParser.MAX_COMMIT_BYTES + 1)))
        .isInstanceOf(GitException.class)
        .hasMessageStartingWith("commit (unnamed) in " + WHERE + " is too large to read");
  }
}
