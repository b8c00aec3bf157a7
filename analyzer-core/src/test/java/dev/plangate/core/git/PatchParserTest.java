package dev.plangate.core.git;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@link PatchParser} on output written by hand in the format git prints: the shapes a real
 * repository rarely produces (every C escape, a header with no other path line, hunks whose
 * counts are left out) and the damaged output that must be an error, never a skipped commit.
 */
class PatchParserTest {
  private static final String A = "a".repeat(40);
  private static final String B = "b".repeat(40);
  private static final String WHERE = "git log -p in /repo";

  private static List<CommitPatch> parse(String output) throws Exception {
    List<CommitPatch> out = new ArrayList<>();
    new PatchParser(out::add, WHERE).parse(
        new ByteArrayInputStream(output.getBytes(StandardCharsets.UTF_8)));
    return out;
  }

  private static FilePatch onlyFile(String output) throws Exception {
    List<CommitPatch> commits = parse(output);
    assertThat(commits).hasSize(1);
    assertThat(commits.get(0).files()).hasSize(1);
    return commits.get(0).files().get(0);
  }

  private static void refused(String output, int line, String why) {
    assertThatThrownBy(() -> parse(output)).isInstanceOf(GitException.class)
        .hasMessage("unexpected output from " + WHERE + " at line " + line + ": " + why);
  }

  @Test
  void hunksWithoutCountsAreOneLineEachAndCountsOfZeroAreNone() throws Exception {
    FilePatch f = onlyFile("\0" + A + "\n\ndiff --git a/m.tf b/m.tf\n--- a/m.tf\n+++ b/m.tf\n"
        + "@@ -3 +3 @@ resource\n-old\n+new\n@@ -9,0 +10,2 @@\n+x\n+y\n@@ -20,2 +21,0 @@\n-p\n-q\n");
    assertThat(f.oldPath()).isEqualTo("m.tf");
    assertThat(f.removed()).containsExactly(new PatchLine(3, "old"), new PatchLine(20, "p"),
        new PatchLine(21, "q"));
    assertThat(f.added()).containsExactly(new PatchLine(3, "new"), new PatchLine(10, "x"),
        new PatchLine(11, "y"));
  }

  @Test
  void commitsAreHandedOverInOrderEachWithItsOwnFiles() throws Exception {
    List<CommitPatch> commits = parse("\0" + A + "\n\ndiff --git a/x.tf b/x.tf\n--- a/x.tf\n"
        + "+++ b/x.tf\n@@ -1 +1 @@\n-1\n+2\n\0" + B + "\n\ndiff --git a/y.tf b/y.tf\n"
        + "--- a/y.tf\n+++ b/y.tf\n@@ -1 +1 @@\n-3\n+4\n");
    assertThat(commits).extracting(CommitPatch::sha).containsExactly(A, B);
    assertThat(commits.get(0).files()).extracting(FilePatch::path).containsExactly("x.tf");
    assertThat(commits.get(1).files()).extracting(FilePatch::path).containsExactly("y.tf");
  }

  @Test
  void aCommitWithNoFileIsStillHandedOverAndNothingIsNothing() throws Exception {
    assertThat(parse("\0" + A + "\n\n")).singleElement().satisfies(c -> {
      assertThat(c.sha()).isEqualTo(A);
      assertThat(c.files()).isEmpty();
    });
    assertThat(parse("")).isEmpty();
  }

  @Test
  void aModeChangeTakesItsPathFromTheHeader() throws Exception {
    FilePatch f = onlyFile("\0" + A + "\ndiff --git a/run.sh b/run.sh\nold mode 100644\n"
        + "new mode 100755\n");
    assertThat(f.oldPath()).isEqualTo("run.sh");
    assertThat(f.newPath()).isEqualTo("run.sh");
    assertThat(f.isRenamed()).isFalse();
  }

  @Test
  void aBinaryFileWithQuotedHeaderPathsIsNamedByThem() throws Exception {
    FilePatch f = onlyFile("\0" + A + "\ndiff --git \"a/x\\ty.bin\" \"b/x\\ty.bin\"\n"
        + "index 1..2 100644\nBinary files \"a/x\\ty.bin\" and \"b/x\\ty.bin\" differ\n");
    assertThat(f.oldPath()).isEqualTo("x\ty.bin");
    assertThat(f.newPath()).isEqualTo("x\ty.bin");
  }

  @Test
  void aHeaderWithOneQuotedAndOnePlainPathIsReadAsWritten() throws Exception {
    FilePatch f = onlyFile("\0" + A + "\ndiff --git \"a/t\\tab\" b/plain\nnew mode 100755\n");
    assertThat(f.oldPath()).isEqualTo("t\tab");
    assertThat(f.newPath()).isEqualTo("plain");
  }

  @Test
  void anAmbiguousUnquotedHeaderIsNotTrustedForPaths() throws Exception {
    // "a/x b/y b/z" could split two ways: without ---/+++ lines there is no path to trust
    refused("\0" + A + "\ndiff --git a/x b/y b/z\nold mode 100644\nnew mode 100755\n", 4,
        "file diff without a path");
  }

  @Test
  void everyCEscapeGitWritesIsDecoded() throws Exception {
    PatchParser p = new PatchParser(c -> { }, WHERE);
    assertThat(p.unquote("\"\\a\\b\\t\\n\\v\\f\\r\\\"\\\\\"")).isEqualTo("\u0007\b\t\n\u000b\f\r\"\\");
    assertThat(p.unquote("\"caf\\303\\251.tf\"")).isEqualTo("café.tf");
    assertThat(p.unquote("\"\\001\\177\"")).isEqualTo("\u0001\u007f");
    assertThat(p.unquote("\"plain\" trailing")).isEqualTo("plain");
  }

  @Test
  void aBadOrUnterminatedEscapeIsRefused() {
    PatchParser p = new PatchParser(c -> { }, WHERE);
    for (String bad : List.of("\"\\q\"", "\"\\4\"", "\"\\38\"", "\"\\08x\"", "\"\\1\"",
        "\"\\12\"")) {
      assertThatThrownBy(() -> p.unquote(bad)).as(bad).isInstanceOf(GitException.class)
          .hasMessageContaining("bad escape in quoted path");
    }
    for (String bad : List.of("\"abc", "\"abc\\", "\"")) {
      assertThatThrownBy(() -> p.unquote(bad)).as(bad).isInstanceOf(GitException.class)
          .hasMessageContaining("unterminated quoted path");
    }
  }

  @Test
  void aRenameTakesBothPathsFromItsOwnLinesQuotedOrNot() throws Exception {
    FilePatch f = onlyFile("\0" + A + "\ndiff --git a/old.tf b/new dir/x.tf\n"
        + "similarity index 100%\nrename from old.tf\nrename to \"new dir/\\303\\251.tf\"\n");
    assertThat(f.oldPath()).isEqualTo("old.tf");
    assertThat(f.newPath()).isEqualTo("new dir/é.tf");
    assertThat(f.isRenamed()).isTrue();
  }

  @Test
  void unquotedPathsWithSpacesLoseTheTabGitEndsThemWith() throws Exception {
    FilePatch f = onlyFile("\0" + A + "\ndiff --git a/a b.tf b/a b.tf\n--- a/a b.tf\t\n"
        + "+++ b/a b.tf\t\n@@ -1 +1 @@\n-x\n+y\n");
    assertThat(f.oldPath()).isEqualTo("a b.tf");
    assertThat(f.newPath()).isEqualTo("a b.tf");
  }

  @Test
  void addedAndDeletedFilesAreToldByDevNullAndByTheModeLines() throws Exception {
    FilePatch added = onlyFile("\0" + A + "\ndiff --git a/n.tf b/n.tf\nnew file mode 100644\n"
        + "--- /dev/null\n+++ b/n.tf\n@@ -0,0 +1 @@\n+x\n");
    assertThat(added.isAdded()).isTrue();
    assertThat(added.newPath()).isEqualTo("n.tf");
    FilePatch deleted = onlyFile("\0" + A + "\ndiff --git a/d.tf b/d.tf\n"
        + "deleted file mode 100644\n--- a/d.tf\n+++ /dev/null\n@@ -1 +0,0 @@\n-x\n");
    assertThat(deleted.isDeleted()).isTrue();
    assertThat(deleted.oldPath()).isEqualTo("d.tf");
    FilePatch emptyAdded = onlyFile("\0" + A + "\ndiff --git a/e.tf b/e.tf\n"
        + "new file mode 100644\nindex 0000000..e69de29\n");
    assertThat(emptyAdded.isAdded()).isTrue();
    assertThat(emptyAdded.path()).isEqualTo("e.tf");
    FilePatch emptyDeleted = onlyFile("\0" + A + "\ndiff --git a/e.tf b/e.tf\n"
        + "deleted file mode 100644\nindex e69de29..0000000\n");
    assertThat(emptyDeleted.isDeleted()).isTrue();
    assertThat(emptyDeleted.path()).isEqualTo("e.tf");
  }

  @Test
  void aNoNewlineMarkerInsideAHunkIsSkipped() throws Exception {
    FilePatch f = onlyFile("\0" + A + "\ndiff --git a/m.tf b/m.tf\n--- a/m.tf\n+++ b/m.tf\n"
        + "@@ -1 +1 @@\n-old\n\\ No newline at end of file\n+new\n\\ No newline at end of file\n");
    assertThat(f.removed()).containsExactly(new PatchLine(1, "old"));
    assertThat(f.added()).containsExactly(new PatchLine(1, "new"));
  }

  @Test
  void damagedOutputIsAnErrorNamingTheLine() {
    String head = "\0" + A + "\ndiff --git a/m.tf b/m.tf\n--- a/m.tf\n+++ b/m.tf\n";
    refused("\0not-a-sha\n", 1, "commit marker without a commit name");
    refused("diff --git a/m.tf b/m.tf\n", 1, "file diff before any commit");
    refused("\0" + A + "\nstray text\n", 2, "text outside any file diff");
    refused(head + "@@ -1 +1 @@\n-old\n", 6, "output ends inside a hunk");
    refused(head + "@@ -1 +1 @@\n-old\n context\n", 7, "hunk shorter than its header says");
    refused(head + "@@ -1 +1 @@\n-old\n+new\nindex 1..2\n", 8, "text between hunks");
    refused(head + "@@ -1 +1\n", 5, "malformed hunk header");
    refused(head + "@@ -1 @@\n", 5, "malformed hunk header");
    refused(head + "@@ +1 -1 @@\n", 5, "malformed hunk header");
    refused(head + "@@ -1 1 @@\n", 5, "malformed hunk header");
    refused(head + "@@ -x +1 @@\n", 5, "malformed hunk header");
    refused(head + "@@ -1,y +1 @@\n", 5, "malformed hunk header");
    refused("\0" + A + "\ndiff --git a/m.tf b/m.tf\n--- m.tf\n", 3,
        "path without the a/ prefix");
    refused("\0" + A + "\ndiff --git a/m.tf b/m.tf\n+++ a/m.tf\n", 3,
        "path without the b/ prefix");
  }
}
