package dev.plangate.core.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.plangate.core.git.GitRepository;
import dev.plangate.core.testing.GitFixture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The policy committed at a revision, and the revision a change cannot have edited: what the
 * agent hook and the apply wrapper use instead of the working tree's policy.
 */
class CommittedPolicyTest {
  @TempDir Path tmp;

  @Test
  void withoutARemoteTheBaseIsHeadAndTheNoteSaysACommitCanChangeIt() throws Exception {
    GitFixture git = GitFixture.init(tmp.resolve("repo"));
    String head = git.write("main.tf", "# a\n").commit("first");
    Optional<CommittedPolicy.Base> base = CommittedPolicy.trustedBase(
        GitRepository.open(git.dir()));
    assertThat(base).isPresent();
    assertThat(base.get().rev()).isEqualTo(head);
    assertThat(base.get().label()).isEqualTo("HEAD (" + head.substring(0, 7) + ")");
    assertThat(base.get().note()).contains("No remote branch is known")
        .contains("a commit can change it");
  }

  @Test
  void theRemoteDefaultBranchIsTheBaseWithoutANote() throws Exception {
    GitFixture remote = GitFixture.bare(tmp.resolve("remote.git"));
    GitFixture git = GitFixture.init(tmp.resolve("repo"));
    String first = git.write("main.tf", "# a\n").commit("first");
    git.addRemote("origin", remote.url()).push("origin", "main").fetch("origin");
    git.write("main.tf", "# b\n").commit("local, not pushed");
    CommittedPolicy.Base base = CommittedPolicy.trustedBase(GitRepository.open(git.dir()))
        .orElseThrow();
    assertThat(base.rev()).isEqualTo(first);
    assertThat(base.label()).isEqualTo("origin/main (" + first.substring(0, 7) + ")");
    assertThat(base.note()).isNull();
  }

  @Test
  void aRepositoryWithoutCommitsHasNoBase() throws Exception {
    GitFixture git = GitFixture.init(tmp.resolve("empty"));
    assertThat(CommittedPolicy.trustedBase(GitRepository.open(git.dir()))).isEmpty();
  }

  @Test
  void aLabelOfAShaIsTheShortSha() {
    String sha = "0123456789abcdef0123456789abcdef01234567";
    assertThat(CommittedPolicy.label(sha, sha)).isEqualTo("0123456");
    assertThat(CommittedPolicy.label("origin/main", sha)).isEqualTo("origin/main (0123456)");
  }

  @Test
  void theCommittedFileIsReadNotTheWorkingTree() throws Exception {
    GitFixture git = GitFixture.init(tmp.resolve("repo"));
    String rev = git.write(".plangate.yml", "unknownAuthorship: ai\n").commit("policy");
    Files.writeString(git.dir().resolve(".plangate.yml"), "unknownAuthorship: human\n");
    Policy p = CommittedPolicy.at(GitRepository.open(git.dir()), rev, "main", null);
    assertThat(p.unknownAuthorshipIsAi()).isTrue();
    assertThat(p.origin().path()).isEqualTo(".plangate.yml");
    assertThat(p.origin().revision()).isEqualTo("main");
  }

  @Test
  void noPolicyFileAtTheRevisionIsTheDefaults() throws Exception {
    GitFixture git = GitFixture.init(tmp.resolve("repo"));
    String rev = git.write("main.tf", "# a\n").commit("no policy");
    Policy p = CommittedPolicy.at(GitRepository.open(git.dir()), rev, "main", null);
    assertThat(p.approvalActions()).isEqualTo(Policy.defaults().approvalActions());
    assertThat(p.origin().path()).isNull();
    assertThat(p.origin().revision()).isEqualTo("main");
  }

  @Test
  void bothFileNamesAtTheRevisionAreRefused() throws Exception {
    GitFixture git = GitFixture.init(tmp.resolve("repo"));
    String rev = git.write(".plangate.yml", "version: 1\n")
        .write(".plangate.yaml", "version: 1\n").commit("two policies");
    PolicyException e = catchThrowableOfType(PolicyException.class,
        () -> CommittedPolicy.at(GitRepository.open(git.dir()), rev, "main", null));
    assertThat(e).isNotNull();
    assertThat(e.getMessage()).isEqualTo("both .plangate.yml and .plangate.yaml exist at main;"
        + " plangate will not guess which one applies");
  }

  @Test
  void aCommittedPolicyThatIsNotUtf8IsRefusedNamingFileAndRevision() throws Exception {
    GitFixture git = GitFixture.init(tmp.resolve("repo"));
    Files.write(git.dir().resolve(".plangate.yml"), new byte[] {'x', ':', ' ', (byte) 0xFF,
        '\n'});
    String rev = git.commit("latin-1 policy");
    PolicyException e = catchThrowableOfType(PolicyException.class,
        () -> CommittedPolicy.at(GitRepository.open(git.dir()), rev, "main", null));
    assertThat(e).isNotNull();
    assertThat(e.getMessage()).isEqualTo(".plangate.yml at main is not UTF-8 text; a policy"
        + " file must be UTF-8");
  }

  @Test
  void theChangesVersionOnlyTightensTheBase() throws Exception {
    GitFixture git = GitFixture.init(tmp.resolve("repo"));
    String rev = git.write(".plangate.yml", "unknownAuthorship: ai\n").commit("policy");
    Policy proposed = PolicyLoader.parse("unknownAuthorship: human\n", ".plangate.yml");
    Policy p = CommittedPolicy.inForce(GitRepository.open(git.dir()), rev, "main", null,
        proposed);
    assertThat(p.unknownAuthorshipIsAi()).isTrue();
  }
}
