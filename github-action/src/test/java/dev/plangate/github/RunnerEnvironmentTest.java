package dev.plangate.github;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.plangate.github.testing.GitHubFixtures;
import dev.plangate.github.testing.RunnerFixture;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunnerEnvironmentTest {
  @TempDir
  Path dir;

  RunnerFixture runner() {
    return RunnerFixture.create(dir, "http://127.0.0.1:1", "pull_request",
        GitHubFixtures.labeledEvent(GitHubFixtures.pullRequest(42).build(),
            GitHubFixtures.APPROVAL_LABEL, GitHubFixtures.BOB));
  }

  @Test
  void readsWhatARunnerSets() throws Exception {
    RunnerFixture r = runner();
    RunnerEnvironment env = r.environment();

    assertThat(env.isGitHubActions()).isTrue();
    assertThat(env.eventName()).contains("pull_request");
    assertThat(env.repository()).isEqualTo(new RepositoryName("acme", "infra"));
    assertThat(env.apiUrl()).isEqualTo("http://127.0.0.1:1");
    assertThat(env.token()).contains(RunnerFixture.TOKEN);
    assertThat(env.stepSummaryFile()).contains(r.summaryFile());
    assertThat(env.outputFile()).contains(r.outputFile());
    var event = env.readEvent();
    assertThat(event.get("action").asText()).isEqualTo("labeled");
    assertThat(event.path("sender").path("login").asText()).isEqualTo("bob");
  }

  @Test
  void defaultsOutsideActions() {
    RunnerEnvironment env = new RunnerEnvironment(Map.of("GITHUB_TOKEN", "  ",
        "GITHUB_SERVER_URL", "https://ghe.example.com/"));

    assertThat(env.isGitHubActions()).isFalse();
    assertThat(env.apiUrl()).isEqualTo("https://api.github.com");
    assertThat(env.token()).isEmpty();
    assertThat(env.eventPath()).isEmpty();
  }

  @Test
  void theRepositoryMustBeOwnerSlashRepo() {
    for (String bad : new String[] {"acme", "acme/infra/x", "acme/..", "../infra", "acme/in fra",
        "acme/infra?x=1", "/infra", "acme/"}) {
      RunnerEnvironment env = new RunnerEnvironment(Map.of("GITHUB_REPOSITORY", bad));
      assertThatThrownBy(env::repository).as(bad)
          .isInstanceOf(RunnerEnvironmentException.class)
          .hasMessageStartingWith("GITHUB_REPOSITORY is ");
    }
    assertThatThrownBy(() -> new RunnerEnvironment(Map.of()).repository())
        .hasMessage("GITHUB_REPOSITORY is not set: it should name the repository as owner/repo");
    assertThat(RepositoryName.parse("my-org/infra.config_v2").toString())
        .isEqualTo("my-org/infra.config_v2");
  }

  @Test
  void aMissingEventPathIsNamed() {
    RunnerEnvironment env = new RunnerEnvironment(Map.of("GITHUB_ACTIONS", "true"));

    assertThatThrownBy(env::readEvent).isInstanceOf(RunnerEnvironmentException.class)
        .hasMessage("GITHUB_EVENT_PATH is not set: the gate needs the event payload of a GitHub "
            + "Actions run");
  }

  @Test
  void aMissingEventFileIsNamed() throws Exception {
    RunnerFixture r = runner();
    Files.delete(r.eventFile());

    assertThatThrownBy(() -> r.environment().readEvent())
        .isInstanceOf(RunnerEnvironmentException.class)
        .hasMessage("event file " + r.eventFile() + " (GITHUB_EVENT_PATH) does not exist");
  }

  @Test
  void aGarbageEventFileIsNamedWithThePlace() throws Exception {
    RunnerFixture r = runner();
    Files.writeString(r.eventFile(), "{\"action\": \"labeled\",\n  oops }");

    assertThatThrownBy(() -> r.environment().readEvent())
        .isInstanceOf(RunnerEnvironmentException.class)
        .hasMessageStartingWith("event file " + r.eventFile() + " is not JSON: ")
        .hasMessageEndingWith("(line 2, column 3)")
        .hasMessageNotContaining("\n");
  }

  @Test
  void emptyDirectoryAndNonObjectEventFilesAreNamed() throws Exception {
    Path empty = Files.createFile(dir.resolve("empty.json"));
    Path array = Files.writeString(dir.resolve("array.json"), "[1, 2]");

    assertThatThrownBy(() -> RunnerEnvironment.readEvent(empty)).hasMessageEndingWith("is empty");
    assertThatThrownBy(() -> RunnerEnvironment.readEvent(array))
        .hasMessageEndingWith("is not a JSON object");
    assertThatThrownBy(() -> RunnerEnvironment.readEvent(dir))
        .hasMessageEndingWith(": is a directory, not a regular file; plangate reads only regular"
            + " files");
  }

  @Test
  void aHugeEventFileIsRefusedWithoutReadingIt() throws Exception {
    Path huge = dir.resolve("huge.json");
    try (RandomAccessFile f = new RandomAccessFile(huge.toFile(), "rw")) {
      f.setLength(RunnerEnvironment.MAX_EVENT_BYTES + 1); // sparse: no disk, no heap
    }

    assertThatThrownBy(() -> RunnerEnvironment.readEvent(huge))
        .isInstanceOf(RunnerEnvironmentException.class)
        .hasMessage("event file " + huge + ": is 26214401 bytes, more than the 25 MiB plangate"
            + " reads from a file of this kind");
  }

  @Test
  @org.junit.jupiter.api.Timeout(10)
  void aFifoAsTheEventFileIsRefusedWithoutBlocking(@TempDir Path dir) throws Exception {
    Path fifo = dir.resolve("event.json");
    Process p = new ProcessBuilder("mkfifo", fifo.toString()).start();
    org.junit.jupiter.api.Assumptions.assumeTrue(p.waitFor() == 0, "mkfifo unavailable: skipped");
    assertThatThrownBy(() -> RunnerEnvironment.readEvent(fifo))
        .isInstanceOf(RunnerEnvironmentException.class)
        .hasMessage("event file " + fifo + ": is a FIFO (named pipe), not a regular file;"
            + " plangate reads only regular files");
  }

  @Test
  void anEventFileWithAKeyTwiceOrTrailingDataIsRefused(@TempDir Path dir) throws Exception {
    Path dup = Files.writeString(dir.resolve("dup.json"),
        "{\"action\":\"labeled\",\"action\":\"opened\"}");
    assertThatThrownBy(() -> RunnerEnvironment.readEvent(dup))
        .isInstanceOf(RunnerEnvironmentException.class)
        .hasMessageContaining("is not JSON: Duplicate field 'action'");
    Path two = Files.writeString(dir.resolve("two.json"), "{\"a\":1}{\"a\":2}");
    assertThatThrownBy(() -> RunnerEnvironment.readEvent(two))
        .isInstanceOf(RunnerEnvironmentException.class)
        .hasMessageContaining("is not JSON: ");
  }
}
