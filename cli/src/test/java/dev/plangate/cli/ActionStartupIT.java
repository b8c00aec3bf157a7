package dev.plangate.cli;

import static dev.plangate.github.testing.GitHubFixtures.COPILOT;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.plangate.core.testing.GitFixture;
import dev.plangate.github.action.ActionRunner;
import dev.plangate.github.testing.FakeGitHub;
import dev.plangate.github.testing.GitHubFixtures;
import dev.plangate.github.testing.RunnerFixture;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The action's start with the real jar: the first run puts the jar and its class-data-sharing
 * archive in the (simulated) cache, and a later job on a fresh runner, with no jar in the
 * action's checkout and no Maven on PATH, restores them and gates at once.
 *
 * <p>With {@code -Dplangate.actionTiming=N} it also measures, and prints, the cold build step
 * (a checkout of the action's sources only: Maven builds the jar, then the archive is made) and
 * the medians of N warm runs (README, "Performance"). The cold build runs Maven on this
 * machine's local repository, so it is opt-in.
 */
class ActionStartupIT {
  @TempDir Path tmp;

  @Test
  void aLaterJobRestoresTheJarAndItsArchiveAndNeverRunsMaven() throws Exception {
    Path jar = CliRun.repoRoot().resolve("cli/target/plangate.jar");
    assertThat(jar).as("mvn package builds the jar before integration tests").exists();
    Path store = tmp.resolve("cache service");
    Path runnerTemp = tmp.resolve("runner temp");
    GitFixture git = workspace();
    int warmRuns = Integer.getInteger("plangate.actionTiming", 0);

    try (FakeGitHub github = github(git)) {
      // The first job: the action's checkout has sources only (Maven builds the jar), or, by
      // default, the jar already built beside them (no Maven: quicker, same cache entry).
      Path sources = copySources(CliRun.repoRoot(), tmp.resolve("first"));
      if (warmRuns == 0) {
        Files.createDirectories(sources.resolve("cli/target"));
        Files.copy(jar, sources.resolve("cli/target/plangate.jar"));
      }
      ActionRunner.Result first = run(sources.resolve("github-action"), git, github, store,
          runnerTemp, false);
      assertThat(first.exitCode()).as(first.stdout() + first.stderr()).isEqualTo(1);
      assertThat(first.step("build").stdout())
          .contains(warmRuns > 0 ? "building" : "using the existing");
      Duration cold = first.step("build").elapsed();
      assertThat(first(store).resolve("plangate.jsa")).exists();

      List<Duration> build = new ArrayList<>();
      List<Duration> gate = new ArrayList<>();
      for (int i = 0; i < Math.max(1, warmRuns); i++) {
        Path action = copySources(CliRun.repoRoot(), tmp.resolve("warm-" + i))
            .resolve("github-action");
        ActionRunner.Result warm = run(action, git, github, store, runnerTemp, true);
        assertThat(warm.exitCode()).as(warm.stdout() + warm.stderr()).isEqualTo(1);
        assertThat(warm.outputs()).containsEntry("decision", "approval_required");
        assertThat(warm.step("build").stdout()).contains("using the cached")
            .contains("using the class-data-sharing archive").doesNotContain("building");
        assertThat(warm.step("gate").env().get("PLANGATE_JSA")).endsWith("plangate.jsa");
        build.add(warm.step("build").elapsed());
        gate.add(warm.step("gate").elapsed());
      }
      if (warmRuns > 0) {
        System.out.printf(Locale.ROOT, "action timing: cold build step %.2f s; warm (median of"
            + " %d) build step %.2f s, gate step %.2f s; %d cores, java %s%n",
            seconds(cold), warmRuns, seconds(median(build)), seconds(median(gate)),
            Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"));
      }
    }
  }

  private ActionRunner.Result run(Path action, GitFixture git, FakeGitHub github, Path store,
      Path runnerTemp, boolean withoutMaven) throws Exception {
    // A new job: RUNNER_TEMP is emptied, at the same path (as on GitHub's hosted runners).
    if (Files.exists(runnerTemp)) {
      delete(runnerTemp);
    }
    ObjectNode pr = pullRequest(git);
    RunnerFixture runner = RunnerFixture.create(tmp.resolve("runner-" + System.nanoTime()),
        github.baseUrl(), "pull_request", GitHubFixtures.openedEvent(pr, COPILOT));
    ActionRunner r = ActionRunner.of(action)
        .workspace(git.dir())
        .runnerTemp(runnerTemp)
        .cacheStore(store)
        .githubToken(RunnerFixture.TOKEN)
        .env("GITHUB_EVENT_NAME", "pull_request")
        .env("GITHUB_EVENT_PATH", runner.eventFile().toString())
        .env("GITHUB_REPOSITORY", GitHubFixtures.REPO)
        .env("GITHUB_API_URL", github.baseUrl())
        .env("PLANGATE_GITHUB_RETRY_SECONDS", "5")
        .stepTimeout(Duration.ofMinutes(10))
        .input("plans", "plan.json")
        .input("comment", "off");
    if (withoutMaven) {
      r.hideCommands("mvn");
    }
    return r.run();
  }

  private String base;
  private String head;

  private GitFixture workspace() throws Exception {
    Path example = CliRun.repoRoot().resolve("examples/orders-service");
    GitFixture git = GitFixture.init(tmp.resolve("workspace"));
    git.write("main.tf", Files.readString(example.resolve("before/main.tf")));
    base = git.commit("Add the orders service");
    git.write("main.tf", Files.readString(example.resolve("after-destroy/main.tf")));
    head = git.commit("Remove the orders database");
    Files.copy(example.resolve("destroy-plan.json"), git.dir().resolve("plan.json"));
    return git;
  }

  private ObjectNode pullRequest(GitFixture git) {
    return GitHubFixtures.pullRequest(42).author(COPILOT).headSha(head).baseSha(base).build();
  }

  private FakeGitHub github(GitFixture git) throws Exception {
    FakeGitHub github = FakeGitHub.start();
    String p = "/repos/" + GitHubFixtures.REPO;
    github.onGet(p + "/pulls/42", pullRequest(git));
    github.paged(p + "/pulls/42/commits", List.of(GitHubFixtures.commit(head).by(COPILOT)
        .parents(base).build()), 100);
    github.paged(p + "/issues/42/timeline", List.of(), 100);
    return github;
  }

  /** The action's checkout as a runner gets it: poms, sources, action.yml, scripts; no jar. */
  private static Path copySources(Path root, Path dest) throws IOException {
    try (Stream<Path> walk = Files.walk(root)) {
      for (Path p : walk.toList()) {
        Path rel = root.relativize(p);
        String r = rel.toString().replace('\\', '/');
        boolean wanted = r.equals("pom.xml") || r.matches("[^/]+/pom\\.xml")
            || r.matches("[^/]+/src/main/.*") // every module's, as the action's checkout has
            || r.equals("github-action/action.yml") || r.startsWith("github-action/scripts/");
        if (wanted && Files.isRegularFile(p)) {
          Files.createDirectories(dest.resolve(r).getParent());
          Files.copy(p, dest.resolve(r));
        }
      }
    }
    return dest;
  }

  private static Path first(Path store) throws IOException {
    try (Stream<Path> entries = Files.list(store)) {
      return entries.findFirst().orElseThrow();
    }
  }

  private static void delete(Path dir) throws IOException {
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }

  private static Duration median(List<Duration> values) {
    List<Duration> sorted = values.stream().sorted().toList();
    return sorted.get(sorted.size() / 2);
  }

  private static double seconds(Duration d) {
    return d.toNanos() / 1e9;
  }
}
