package dev.plangate.core.git;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.plangate.core.testing.GitFixture;
import dev.plangate.core.testing.GitFixture.Person;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link GitRepository} against real repositories built with {@link GitFixture}. */
class GitRepositoryTest {
  @TempDir Path tmp;
  GitFixture repo;

  @BeforeEach
  void createRepository() {
    repo = GitFixture.init(tmp.resolve("repo"));
  }

  private GitRepository open() throws GitException {
    return GitRepository.open(repo.dir());
  }

  private static List<String> shas(CommitRange range) {
    return range.commits().stream().map(Commit::sha).toList();
  }

  private Commit only(String message) throws GitException {
    String base = repo.commit("base\n");
    String sha = repo.commit(message);
    CommitRange range = open().range(base, sha);
    assertThat(range.commits()).hasSize(1);
    return range.commits().get(0);
  }

  // --------------------------------------------------------------------------------- opening

  @Test
  void opensTheWorkingTreeTopFromASubdirectory() throws Exception {
    repo.write("infra/prod/main.tf", "").commit("init\n");
    GitRepository git = GitRepository.open(repo.dir().resolve("infra/prod"));
    assertThat(git.root()).isEqualTo(repo.dir().toRealPath());
  }

  @Test
  void aDirectoryOutsideAnyRepositoryIsAnErrorNamingIt() throws Exception {
    Path plain = Files.createDirectories(tmp.resolve("plain"));
    assertThatThrownBy(() -> GitRepository.open(plain))
        .isInstanceOf(GitException.class)
        .hasMessageContaining("not a git repository: " + plain)
        .hasMessageContaining("not a git repository (or any");
  }

  @Test
  void aMissingDirectoryIsAnErrorNamingIt() {
    Path missing = tmp.resolve("no-such-dir");
    assertThatThrownBy(() -> GitRepository.open(missing))
        .isInstanceOf(GitException.class)
        .hasMessageContaining("not a git repository: " + missing)
        .hasMessageContaining("cannot change to");
  }

  // --------------------------------------------------------------------------------- trailers

  @Test
  void trailersComeFromTheLastParagraphOnlyWithKeysAsWrittenAndContinuationsUnfolded()
      throws Exception {
    Commit c = only("Rename env module\n"
        + "\n"
        + "Reviewed-by: this is body text, not a trailer\n"
        + "Key: value in the middle of the body\n"
        + "\n"
        + "Co-Authored-By: Claude <noreply@anthropic.com>\n"
        + "Signed-off-by: A Human <human@example.com>\n"
        + "  who wrote a long line\n"
        + "X-Agent: aider\n");
    assertThat(c.trailers()).containsExactly(
        new Trailer("Co-Authored-By", "Claude <noreply@anthropic.com>"),
        new Trailer("Signed-off-by", "A Human <human@example.com> who wrote a long line"),
        new Trailer("X-Agent", "aider"));
  }

  @Test
  void aMessageWithOnlyASubjectHasNoTrailersEvenIfItLooksLikeOne() throws Exception {
    assertThat(only("Fix: the subnet\n").trailers()).isEmpty();
    assertThat(only("just a subject").trailers()).isEmpty();
  }

  @Test
  void trailersAgreeWithGitInterpretTrailersOnAwkwardMessages() throws Exception {
    List<String> messages = List.of(
        "s\n\nbody\n\nco-authored-by: lower <l@x>\nCO-AUTHORED-BY: UPPER <u@x>\n",
        "s\n\nKey: v\nnot a trailer line\nOther: w\n",
        "s\n\nSigned-off-by: a\n(cherry picked from commit 1234567)\nAcked-by: b\n",
        "s\n\nbody\n\nToken:no-space\nSpaced-Key : spaced\nEmpty:\n",
        "s\n\nValue-With-Sep: a\u001fb\u001ec\n",
        "s\n\nFolded: one\n two\n\tthree\n");
    String base = repo.commit("base\n");
    List<String> shas = new ArrayList<>();
    for (String m : messages) {
      shas.add(repo.commit(m));
    }
    List<Commit> commits = open().range(base, "HEAD").commits();
    for (int i = 0; i < messages.size(); i++) {
      String expected = repo.run(
          List.of("interpret-trailers", "--only-trailers", "--unfold", "--parse"),
          messages.get(i).getBytes(java.nio.charset.StandardCharsets.UTF_8), java.util.Map.of());
      List<String> gitSays = expected.isEmpty() ? List.of()
          : Arrays.asList(expected.split("\n"));
      assertThat(commits.get(i).sha()).isEqualTo(shas.get(i));
      assertThat(commits.get(i).trailers()).map(Trailer::toString)
          .as("trailers of %s", messages.get(i)).containsExactlyElementsOf(gitSays);
    }
    assertThat(commits.get(0).trailers()).extracting(Trailer::key)
        .containsExactly("co-authored-by", "CO-AUTHORED-BY");
    assertThat(commits.get(4).trailers())
        .containsExactly(new Trailer("Value-With-Sep", "a\u001fb\u001ec"));
  }

  // ------------------------------------------------------------------------ commit fields

  @Test
  void authorCommitterDateParentsSubjectAndMessageAreAsWritten() throws Exception {
    String base = repo.commit("base\n");
    Instant when = repo.nextCommitTime();
    String sha = repo.commit("Subject line\nsecond line of the first paragraph\n\nBody.\n",
        new Person("Ada Author", "ada@example.com"),
        new Person("Carl Committer", "carl@example.com"));
    Commit c = open().range(base, sha).commits().get(0);
    assertThat(c.sha()).isEqualTo(sha);
    assertThat(c.parents()).containsExactly(base);
    assertThat(c.authorName()).isEqualTo("Ada Author");
    assertThat(c.authorEmail()).isEqualTo("ada@example.com");
    assertThat(c.committerName()).isEqualTo("Carl Committer");
    assertThat(c.committerEmail()).isEqualTo("carl@example.com");
    assertThat(c.author()).isEqualTo("Ada Author <ada@example.com>");
    assertThat(c.committedAt()).isEqualTo(when);
    assertThat(c.subject()).isEqualTo("Subject line");
    assertThat(c.message())
        .isEqualTo("Subject line\nsecond line of the first paragraph\n\nBody.\n");
    assertThat(c.aiNote()).isNull();
    assertThat(c.isMerge()).isFalse();
  }

  @Test
  void hostileMessagesAndNamesRoundTripExactly() throws Exception {
    String message = "Ünïcödé subject 🚀 with \u001f unit and \u001e record separators\n"
        + "\n"
        + "control \u0001\u0002\u0007\u001b[31m chars, a tab\tand a CR\r\n"
        + "%x00 %H %(trailers) placeholders are not expanded\n"
        + "diff --git a/x b/y\n"
        + "--- a/x\n"
        + "# not a comment, kept verbatim\n"
        + "\n"
        + "\n"
        + "Trailing-Key: value with \u001f inside\n"
        + "no final newline";
    String base = repo.commit("base\n");
    // (git itself trims quotes, dots and the like from the ends of names: keep them inside)
    Person author = new Person("Zoë \"Q\" \u001f O'Brien", "zoë+tag@exämple.com");
    String sha = repo.commit(message, author);
    String next = repo.commit("follows\n");
    CommitRange range = open().range(base, "HEAD");
    assertThat(shas(range)).containsExactly(sha, next);
    Commit c = range.commits().get(0);
    assertThat(c.message()).isEqualTo(message);
    assertThat(c.subject())
        .isEqualTo("Ünïcödé subject 🚀 with \u001f unit and \u001e record separators");
    assertThat(c.authorName()).isEqualTo(author.name());
    assertThat(c.authorEmail()).isEqualTo(author.email());
    // the last paragraph is "Trailing-Key: ...\nno final newline": not all trailer lines, so git
    // finds no trailer block at all
    assertThat(c.trailers()).isEmpty();
    assertThat(range.commits().get(1).message()).isEqualTo("follows\n");
  }

  // ---------------------------------------------------------------------------------- ranges

  @Test
  void aMergeRangeHoldsBothSidesAndTheMergeOldestFirst() throws Exception {
    String base = repo.write("a.txt", "a\n").commit("base\n");
    repo.branch("feature");
    String f1 = repo.write("f.txt", "1\n").commit("feature 1\n");
    String f2 = repo.write("f.txt", "2\n").commit("feature 2\n");
    repo.checkout("main");
    String m1 = repo.write("m.txt", "1\n").commit("main 1\n");
    String merge = repo.merge("feature", "Merge feature\n");

    CommitRange range = open().range(base, "main");
    assertThat(range.complete()).isTrue();
    assertThat(range.problem()).isNull();
    assertThat(range.base()).isEqualTo(base);
    assertThat(range.head()).isEqualTo("main");
    assertThat(range.headSha()).isEqualTo(merge);
    assertThat(shas(range)).containsExactlyInAnyOrder(f1, f2, m1, merge);
    assertThat(shas(range).get(3)).isEqualTo(merge);
    assertThat(shas(range).indexOf(f1)).isLessThan(shas(range).indexOf(f2));
    Commit mergeCommit = range.commits().get(3);
    assertThat(mergeCommit.isMerge()).isTrue();
    assertThat(mergeCommit.parents()).containsExactly(m1, f2);
  }

  @Test
  void theBaseAndItsAncestorsAreNotInTheRange() throws Exception {
    repo.commit("one\n");
    String base = repo.commit("two\n");
    String three = repo.commit("three\n");
    repo.tag("v1");
    assertThat(shas(open().range(base, "v1"))).containsExactly(three);
    assertThat(open().range("v1", "v1").commits()).isEmpty();
  }

  @Test
  void aBaseMissingFromAShallowCloneGivesAnIncompleteRangeThatSaysWhy() throws Exception {
    String a = repo.commit("a\n");
    repo.commit("b\n");
    String c = repo.commit("c\n");
    String d = repo.commit("d\n");
    GitFixture clone = repo.shallowClone(tmp.resolve("shallow"), 2);
    GitRepository git = GitRepository.open(clone.dir());
    assertThat(git.isShallow()).isTrue();
    assertThat(git.resolve(a)).isEmpty();

    CommitRange range = git.range(a, "HEAD");
    assertThat(range.complete()).isFalse();
    assertThat(range.problem()).isEqualTo("The base revision " + a
        + " is not in this clone's history because the clone is shallow; CI must fetch full"
        + " history (e.g. actions/checkout `fetch-depth: 0`); authorship is therefore unknown.");
    assertThat(shas(range)).containsExactly(c, d);
    assertThat(range.headSha()).isEqualTo(d);
  }

  @Test
  void aShallowCloneThatHasTheBaseButNotTheHistoryBetweenIsIncomplete() throws Exception {
    repo.commit("a\n");
    repo.tag("v0");
    repo.commit("b\n");
    String c = repo.commit("c\n");
    GitFixture clone = repo.shallowClone(tmp.resolve("shallow"), 1);
    clone.fetch("origin", "--depth=1", "refs/tags/v0:refs/tags/v0");
    GitRepository git = GitRepository.open(clone.dir());
    assertThat(git.resolve("v0")).isPresent();

    CommitRange range = git.range("v0", "HEAD");
    assertThat(range.complete()).isFalse();
    assertThat(range.problem()).contains("v0", "cut off", "shallow", "fetch-depth: 0");
    assertThat(shas(range)).containsExactly(c); // b is missing: that is the point
  }

  @Test
  void aShallowCloneThatHasTheWholeRangeIsComplete() throws Exception {
    repo.commit("a\n");
    String b = repo.commit("b\n");
    String c = repo.commit("c\n");
    GitRepository git = GitRepository.open(repo.shallowClone(tmp.resolve("s"), 2).dir());
    CommitRange range = git.range(b, "HEAD");
    assertThat(range.complete()).isTrue();
    assertThat(shas(range)).containsExactly(c);
  }

  @Test
  void anUnknownBaseInAFullCloneIsAnErrorNamingItAndTheRepository() throws Exception {
    repo.commit("a\n");
    GitRepository git = open();
    assertThat(git.isShallow()).isFalse();
    assertThatThrownBy(() -> git.range("origin/nope", "HEAD"))
        .isInstanceOf(GitException.class)
        .hasMessageContaining("unknown revision 'origin/nope' (base) in " + git.root());
  }

  @Test
  void anUnknownHeadIsAnErrorNamingItAndTheRepository() throws Exception {
    String a = repo.commit("a\n");
    GitRepository git = open();
    assertThatThrownBy(() -> git.range(a, "feature/missing"))
        .isInstanceOf(GitException.class)
        .hasMessage("unknown revision 'feature/missing' (head) in " + git.root());
    assertThatThrownBy(() -> git.unpushed("0000000000000000000000000000000000000000", "origin"))
        .isInstanceOf(GitException.class)
        .hasMessageContaining("(head)");
  }

  // ----------------------------------------------------------------------------------- notes

  @Test
  void aiNotesAreReadForTheCommitsThatHaveOne() throws Exception {
    String base = repo.commit("base\n");
    String withNote = repo.commit("agent work\n");
    String without = repo.commit("human work\n");
    repo.aiNote(withNote, "{\"agent\":\"claude-code\",\"lines\":\"1-9\"}\nsecond line");
    repo.note("commits", without, "an ordinary note, not under refs/notes/ai");

    List<Commit> commits = open().range(base, "HEAD").commits();
    assertThat(commits.get(0).sha()).isEqualTo(withNote);
    assertThat(commits.get(0).aiNote())
        .isEqualTo("{\"agent\":\"claude-code\",\"lines\":\"1-9\"}\nsecond line");
    assertThat(commits.get(1).aiNote()).isNull();
  }

  @Test
  void withoutAnAiNotesRefEveryNoteIsNull() throws Exception {
    String base = repo.commit("base\n");
    repo.commit("one\n");
    repo.note("commits", "HEAD", "ordinary");
    assertThat(open().range(base, "HEAD").commits()).singleElement()
        .satisfies(c -> assertThat(c.aiNote()).isNull());
  }

  // -------------------------------------------------------------------------------- unpushed

  @Test
  void unpushedListsWhatThisRemoteDoesNotHave() throws Exception {
    GitFixture origin = GitFixture.bare(tmp.resolve("origin.git"));
    GitFixture fork = GitFixture.bare(tmp.resolve("fork.git"));
    repo.addRemote("origin", origin.url()).addRemote("fork", fork.url());
    repo.commit("one\n");
    repo.push("origin", "main");
    repo.branch("feature");
    String f1 = repo.commit("feature 1\n", GitFixture.CLAUDE);
    repo.push("fork", "feature");
    String f2 = repo.commit("feature 2\n", GitFixture.CLAUDE);

    GitRepository git = open();
    CommitRange toOrigin = git.unpushed("feature", "origin");
    assertThat(toOrigin.base()).isNull();
    assertThat(toOrigin.complete()).isTrue();
    assertThat(toOrigin.headSha()).isEqualTo(f2);
    // f1 is on the fork, but it has not been through origin's gate
    assertThat(shas(toOrigin)).containsExactly(f1, f2);
    assertThat(shas(git.unpushed(f2, null))).containsExactly(f2);
    assertThat(shas(git.unpushed(f2, "fork"))).containsExactly(f2);
    // a remote is a name, never a pattern that would count every remote's commits as pushed
    assertThat(shas(git.unpushed(f2, "*"))).hasSize(3);
    assertThat(shas(git.unpushed(f2, "[of]*"))).hasSize(3);
    assertThat(shas(git.unpushed(f2, "file:///" + tmp + "/origin.git"))).hasSize(3);
  }

  // ------------------------------------------------------------------------ small queries

  @Test
  void resolvesRevisionsAndKnowsTheBranch() throws Exception {
    String a = repo.commit("a\n");
    repo.tag("v1");
    String b = repo.commit("b\n");
    GitRepository git = open();
    assertThat(git.resolve("HEAD")).contains(b);
    assertThat(git.resolve("v1")).contains(a);
    assertThat(git.resolve(a.substring(0, 12))).contains(a);
    assertThat(git.resolve("nope")).isEmpty();
    assertThat(git.resolve("--all")).isEmpty();
    assertThat(git.resolve("")).isEmpty();
    assertThat(git.resolve(null)).isEmpty();
    assertThat(git.resolve("HEAD^{tree}")).isEmpty();
    assertThat(git.currentBranch()).isEqualTo("main");
    repo.branch("feature/x");
    assertThat(git.currentBranch()).isEqualTo("feature/x");
    repo.checkout(a);
    assertThat(git.currentBranch()).isNull();
  }

  // Asserts wall-clock time: in the timing group, which mutation runs leave out.
  @Test
  @Tag("timing")
  void tenThousandCommitsAreReadInOneQuickPass() throws Exception {
    int n = 10_000;
    StringBuilder stream = new StringBuilder();
    for (int i = 1; i <= n; i++) {
      String msg = "commit " + i + "\n\nbody\n\nCo-Authored-By: Agent " + i + " <a@x>\n";
      String file = "line " + i + "\n";
      stream.append("commit refs/heads/main\n")
          .append("author A <a@x> ").append(1_700_000_000L + i).append(" +0000\n")
          .append("committer A <a@x> ").append(1_700_000_000L + i).append(" +0000\n")
          .append("data ").append(msg.getBytes(java.nio.charset.StandardCharsets.UTF_8).length)
          .append('\n').append(msg)
          .append("M 644 inline f.txt\ndata ").append(file.length()).append('\n').append(file)
          .append('\n');
    }
    repo.fastImport(stream.toString());
    repo.checkout("main");
    GitRepository git = open();
    String first = git.resolve("main~" + (n - 1)).orElseThrow();

    long t0 = System.nanoTime();
    CommitRange range = git.range(first, "main");
    long ms = (System.nanoTime() - t0) / 1_000_000;

    assertThat(range.commits()).hasSize(n - 1);
    assertThat(range.commits().get(0).subject()).isEqualTo("commit 2");
    assertThat(range.commits().get(n - 2).trailers())
        .containsExactly(new Trailer("Co-Authored-By", "Agent " + n + " <a@x>"));
    assertThat(ms).as("milliseconds to read %d commits", n).isLessThan(10_000);
  }

  // --------------------------------------------------------------------------------- patches

  @Test
  void patchesGiveRemovedAndAddedLinesWithTheirNumbersForEveryKindOfFileChange()
      throws Exception {
    String weird = "dir/we*ird [x]/q\"uo\tte ü.tf";
    repo.write("dir/a.tf", "one\ntwo\nthree\nfour\nfive\nsix\nseven\n")
        .write("dir/gone.tf", "-- a/x\nbye\n")
        .write("dir/eof.tf", "no newline")
        .write(weird, "x\n")
        .commit("base\n");
    repo.rename("dir/a.tf", "dir/b.tf");
    repo.write("dir/b.tf", "one\nTWO\nthree\nfour\nfive\nsix\nseven\neight\n")
        .delete("dir/gone.tf")
        .write("dir/eof.tf", "no newline, still")
        .write("dir/new.tf", "+++ b/y\n")
        .write(weird, "x\ny\n");
    String sha = repo.commit("everything\n");

    List<CommitPatch> patches = new ArrayList<>();
    open().patches(List.of(sha), List.of(":(top)dir"), patches::add);

    assertThat(patches).singleElement().satisfies(p -> assertThat(p.sha()).isEqualTo(sha));
    List<FilePatch> files = patches.get(0).files();
    FilePatch renamed = find(files, "dir/b.tf");
    assertThat(renamed.oldPath()).isEqualTo("dir/a.tf");
    assertThat(renamed.isRenamed()).isTrue();
    assertThat(renamed.removed()).containsExactly(new PatchLine(2, "two"));
    assertThat(renamed.added()).containsExactly(new PatchLine(2, "TWO"), new PatchLine(8, "eight"));

    FilePatch gone = find(files, "dir/gone.tf");
    assertThat(gone.isDeleted()).isTrue();
    assertThat(gone.removed()).containsExactly(new PatchLine(1, "-- a/x"), new PatchLine(2, "bye"));

    FilePatch eof = find(files, "dir/eof.tf");
    assertThat(eof.removed()).containsExactly(new PatchLine(1, "no newline"));
    assertThat(eof.added()).containsExactly(new PatchLine(1, "no newline, still"));

    FilePatch created = find(files, "dir/new.tf");
    assertThat(created.isAdded()).isTrue();
    assertThat(created.added()).containsExactly(new PatchLine(1, "+++ b/y"));

    FilePatch odd = find(files, weird);
    assertThat(odd.oldPath()).isEqualTo(weird);
    assertThat(odd.added()).containsExactly(new PatchLine(2, "y"));
  }

  @Test
  void aHugeLineIsCutToTheLineLimitAndTheLinesAfterItStillCount() throws Exception {
    String base = repo.write("big.tf", "a\n").commit("base\n");
    String huge = "resource \"aws_s3_bucket\" \"b\" { tags = \"" + "x".repeat(3_000_000) + "\" }";
    String sha = repo.write("big.tf", huge + "\nafter\n").commit("huge line\n");
    List<CommitPatch> patches = new ArrayList<>();
    open().patches(List.of(base, sha), List.of(":(top)big.tf"), patches::add);
    FilePatch f = patches.get(1).files().get(0);
    assertThat(f.added()).hasSize(2);
    assertThat(f.added().get(0).text()).hasSize(PatchParser.MAX_LINE_BYTES - 1)
        .startsWith("resource \"aws_s3_bucket\" \"b\" {");
    assertThat(f.added().get(1)).isEqualTo(new PatchLine(2, "after"));
  }

  @Test
  void filesDirectlyInMatchesOnlyThatDirectoryEvenWithGlobCharactersInItsName()
      throws Exception {
    repo.write("we*ird [x]/m.tf", "a\n")
        .write("we*ird [x]/sub/n.tf", "a\n")
        .write("weXird x/o.tf", "a\n")
        .write("we*ird [x]/notes.txt", "a\n")
        .write("top.tf", "a\n")
        .write("top.tf.json", "{}\n");
    String sha = repo.commit("files\n");
    List<String> paths = new ArrayList<>();
    open().patches(List.of(sha),
        List.of(GitRepository.filesDirectlyIn("we*ird [x]", ".tf"),
            GitRepository.filesDirectlyIn("", ".tf")),
        p -> p.files().forEach(f -> paths.add(f.path())));
    assertThat(paths).containsExactlyInAnyOrder("we*ird [x]/m.tf", "top.tf");
  }

  @Test
  void patchesSkipMergesAndCommitsThatDoNotTouchThePaths() throws Exception {
    String base = repo.write("x.tf", "1\n").commit("base\n");
    repo.branch("side");
    String side = repo.write("x.tf", "2\n").commit("side\n");
    repo.checkout("main");
    String other = repo.write("other.txt", "o\n").commit("other\n");
    String merge = repo.merge("side", "merge\n");
    List<String> seen = new ArrayList<>();
    open().patches(List.of(base, side, other, merge), List.of(":(top,glob)*.tf"),
        p -> seen.add(p.sha()));
    assertThat(seen).containsExactly(base, side);
  }

  @Test
  void patchesRefuseAnythingButFullCommitNamesAndReportGitsOwnComplaint() throws Exception {
    repo.commit("a\n");
    GitRepository git = open();
    List<String> spec = List.of(":(top,glob)*.tf");
    assertThatThrownBy(() -> git.patches(List.of("--all"), spec, p -> { }))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--all");
    String missing = "0123456789012345678901234567890123456789";
    assertThatThrownBy(() -> git.patches(List.of(missing), spec, p -> { }))
        .isInstanceOf(GitException.class)
        .hasMessageContaining("git log -p in " + git.root())
        .hasMessageContaining("bad object " + missing);
  }

  // ------------------------------------------------------------ processes and hostile input

  @Test
  void aRangeWithItsNotesIsReadByOneGitProcess() throws Exception {
    String base = repo.commit("base\n");
    String one = repo.commit("one\n");
    String two = repo.commit("two\n");
    repo.aiNote(one, "agent note");
    GitRepository git = open();

    long before = GitProcess.started();
    CommitRange range = git.range(base, "HEAD");
    assertThat(GitProcess.started() - before).as("git processes for one range").isEqualTo(1);
    assertThat(shas(range)).containsExactly(one, two);
    assertThat(range.headSha()).isEqualTo(two);
    assertThat(range.commits().get(0).aiNote()).isEqualTo("agent note");

    before = GitProcess.started();
    assertThat(shas(git.unpushed("HEAD", "origin"))).containsExactly(base, one, two);
    assertThat(GitProcess.started() - before).as("git processes for unpushed").isEqualTo(1);
  }

  @Test
  void anEmptyRangeStillNamesItsHead() throws Exception {
    String a = repo.commit("a\n");
    String b = repo.commit("b\n");
    CommitRange range = open().range(b, a);
    assertThat(range.commits()).isEmpty();
    assertThat(range.headSha()).isEqualTo(a);
  }

  @Test
  void revisionsThatLookLikeOptionsAreRevisionsNotOptions() throws Exception {
    String a = repo.commit("a\n");
    GitRepository git = open();
    Path written = tmp.resolve("written-by-git");
    for (String rev : List.of("--output=" + written, "-n", "--all", "--not", "-p")) {
      assertThatThrownBy(() -> git.range(rev, "HEAD"))
          .isInstanceOf(GitException.class)
          .hasMessage("unknown revision '" + rev + "' (base) in " + git.root()
              + ": it is not in this repository's history (fetch it, or check the name)");
      assertThatThrownBy(() -> git.range(a, rev))
          .isInstanceOf(GitException.class)
          .hasMessage("unknown revision '" + rev + "' (head) in " + git.root());
      assertThatThrownBy(() -> git.unpushed(rev, "origin"))
          .isInstanceOf(GitException.class).hasMessageContaining("(head)");
      assertThatThrownBy(() -> git.commitTime(rev)).isInstanceOf(GitException.class)
          .hasMessageContaining("unknown revision");
      assertThatThrownBy(() -> git.showBytes(rev, "x.tf")).isInstanceOf(GitException.class)
          .hasMessageContaining("unknown revision");
    }
    assertThat(written).doesNotExist();
  }

  @Test
  void revisionsWithSpacesControlCharactersOrHugeLengthsFailOnOneLine() throws Exception {
    String a = repo.commit("a\n");
    GitRepository git = open();
    assertThatThrownBy(() -> git.range("main with spaces", a))
        .isInstanceOf(GitException.class)
        .hasMessageContaining("unknown revision 'main with spaces' (base)");
    for (String rev : List.of("ma\nin", "ma\0in", "\u001b[31mred", "x".repeat(100_000))) {
      assertThat(git.resolve(rev)).isEmpty();
      for (ThrowingRead read : List.<ThrowingRead>of(() -> git.range(rev, a),
          () -> git.range(a, rev), () -> git.unpushed(rev, null), () -> git.commitTime(rev),
          () -> git.exists(rev, "x.tf"))) {
        assertThatThrownBy(read::run)
            .isInstanceOf(GitException.class)
            .hasMessageContaining("invalid revision '")
            .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n", "\0", "\u001b")
                .hasSizeLessThan(400));
      }
    }
  }

  @FunctionalInterface
  private interface ThrowingRead {
    Object run() throws GitException;
  }

  @Test
  void aCommitTooLargeToReadIsRefusedByName() throws Exception {
    String base = repo.commit("base\n");
    String huge = "x".repeat(LogParser.MAX_COMMIT_BYTES + 1);
    String sha = repo.commit("huge\n\n" + huge + "\n");
    assertThatThrownBy(() -> open().range(base, "HEAD"))
        .isInstanceOf(GitException.class)
        .hasMessageContaining("commit " + sha)
        .hasMessageContaining("too large to read")
        .hasMessageContaining("4 MiB");
  }

  @Test
  void aNulInACommitMessageEndsTheMessageAsGitShowsItWithoutBreakingTheRead()
      throws Exception {
    String base = repo.commit("base\n");
    String tree = repo.git("rev-parse", "HEAD^{tree}").strip();
    byte[] object = ("tree " + tree + "\nparent " + base
        + "\nauthor A <a@x> 1700000000 +0000\ncommitter A <a@x> 1700000000 +0000\n\n"
        + "subject\0hidden\n\nCo-Authored-By: Claude <noreply@anthropic.com>\n")
        .getBytes(java.nio.charset.StandardCharsets.UTF_8);
    String sha = repo.run(List.of("hash-object", "-t", "commit", "-w", "--literally", "--stdin"),
        object, java.util.Map.of()).strip();
    String after = repo.checkout(sha).commit("after\n");

    CommitRange range = open().range(base, after);
    assertThat(shas(range)).containsExactly(sha, after);
    // git itself stops at the NUL (fsck calls it nulInCommit): the rest is as good as stripped
    assertThat(range.commits().get(0).message()).isEqualTo("subject");
    assertThat(range.commits().get(0).trailers()).isEmpty();
  }

  @Test
  void aNoteWithANulOrBrokenJsonIsReadAsText() throws Exception {
    String base = repo.commit("base\n");
    String sha = repo.commit("agent\n");
    String blob = repo.run(List.of("hash-object", "-w", "--stdin"),
        "agent\0hidden\n---\n{not json".getBytes(java.nio.charset.StandardCharsets.UTF_8),
        java.util.Map.of()).strip();
    repo.git("notes", "--ref=ai", "add", "-f", "-C", blob, sha);
    Commit c = open().range(base, "HEAD").commits().get(0);
    assertThat(c.aiNote()).startsWith("agent").contains("hidden", "{not json");
  }

  private static FilePatch find(List<FilePatch> files, String path) {
    return files.stream().filter(f -> path.equals(f.path())).findFirst()
        .orElseThrow(() -> new AssertionError(path + " not in " + files));
  }
}
