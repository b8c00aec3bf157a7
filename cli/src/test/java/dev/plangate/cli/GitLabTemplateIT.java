package dev.plangate.cli;

import static dev.plangate.gitlab.testing.GitLabFixtures.ALICE;
import static dev.plangate.gitlab.testing.GitLabFixtures.LABEL;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.plangate.core.testing.GitFixture;
import dev.plangate.gitlab.testing.CiTemplate;
import dev.plangate.gitlab.testing.FakeGitLab;
import dev.plangate.gitlab.testing.GitLabFixtures;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The job of {@code gitlab/templates/plangate.yml}, interpolated with its defaults, run as a
 * GitLab runner runs it: its {@code script} in bash with errexit, in the project directory, with
 * the job's {@code variables} and the merge-request pipeline's, against a fake GitLab. The jar is
 * where the job's cache would have put it (a build of this commit), so the cache-hit path runs;
 * the build-on-miss path needs the network and is not run here.
 */
class GitLabTemplateIT {
  static final Path EXAMPLE = CliRun.repoRoot().resolve("examples/orders-service");
  static final String REF = "0123456789abcdef0123456789abcdef01234567";

  @TempDir Path tmp;
  FakeGitLab gitlab;
  GitFixture git;
  String base;
  String head;
  final List<JsonNode> events = new ArrayList<>();

  @BeforeEach
  void pipeline() throws Exception {
    gitlab = FakeGitLab.start();
    git = GitFixture.init(tmp.resolve("project"));
    git.write("main.tf", Files.readString(EXAMPLE.resolve("before/main.tf")));
    base = git.commit("Add the orders service");
    git.write("main.tf", Files.readString(EXAMPLE.resolve("after-destroy/main.tf")));
    head = git.commit("Remove the orders database",
        new GitFixture.Person("infra-agent", "agent@example.com"));
    // The plan an earlier job of the pipeline wrote and passed on as an artifact.
    Files.createDirectories(git.dir().resolve("infra"));
    Files.copy(EXAMPLE.resolve("destroy-plan.json"), git.dir().resolve("infra/plan.json"));
    GitLabFixtures.serveAccounts(gitlab);
    GitLabFixtures.serveAgentMergeRequest(gitlab, base, head, events,
        "2026-05-01T11:00:00.000Z");
  }

  @AfterEach
  void stop() {
    gitlab.close();
  }

  record Job(int exit, String log) {}

  Job runJob() throws Exception {
    return runJob(Map.of());
  }

  Job runJob(Map<String, String> runnerEnv) throws Exception {
    JsonNode job = CiTemplate.of(CliRun.repoRoot()).job(Map.of("plangate-ref", REF))
        .path("plangate");
    Map<String, String> env = new HashMap<>();
    for (String name : List.of("PATH", "HOME", "LANG", "JAVA_HOME", "TMPDIR")) {
      if (System.getenv(name) != null) {
        env.put(name, System.getenv(name));
      }
    }
    env.putAll(runnerEnv);
    env.putAll(GitLabFixtures.pipelineVariables(gitlab, base, head, "glpat-template-token-1"));
    job.path("variables").fields().forEachRemaining(e -> env.put(e.getKey(),
        e.getValue().asText()));
    Path jar = CliRun.repoRoot().resolve("cli/target/plangate.jar");
    assertThat(jar).as("mvn package builds the jar before integration tests").exists();
    Path cached = git.dir().resolve(env.get("PLANGATE_JAR"));
    Files.createDirectories(cached.getParent());
    Files.copy(jar, cached, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    StringBuilder script = new StringBuilder();
    for (JsonNode line : job.path("script")) {
      script.append(line.asText()).append('\n');
    }
    ProcessBuilder pb = new ProcessBuilder("bash", "-e", "-o", "pipefail", "-c",
        script.toString()).directory(git.dir().toFile()).redirectErrorStream(true);
    pb.environment().clear();
    pb.environment().putAll(env);
    Process p = pb.start();
    byte[] out = p.getInputStream().readAllBytes();
    assertThat(p.waitFor(2, TimeUnit.MINUTES)).as("the job finished").isTrue();
    return new Job(p.exitValue(), new String(out, StandardCharsets.UTF_8));
  }

  @Test
  void withoutTheLabelTheJobFailsAndLeavesItsReportsForTheWidget() throws Exception {
    Job job = runJob();
    assertThat(job.exit()).as(job.log()).isEqualTo(1);
    assertThat(job.log()).contains("approval required").doesNotContain("glpat-template-token-1");
    JsonNode cq = new ObjectMapper().readTree(git.dir().resolve("gl-code-quality-report.json")
        .toFile());
    assertThat(cq.get(0).path("severity").asText()).isEqualTo("critical");
    assertThat(git.dir().resolve("plangate-report.json")).content().contains("\"decision\"");
    assertThat(git.dir().resolve("plangate-report.md")).content()
        .contains("terraform_data.database");
    assertThat(gitlab.notes(GitLabFixtures.PROJECT, 7)).hasSize(1);
  }

  @Test
  void aRetriedJobAfterAMaintainersLabelPasses() throws Exception {
    assertThat(runJob().exit()).isEqualTo(1);
    events.add(GitLabFixtures.labelEvent(1, ALICE, LABEL, "add", "2026-05-01T12:00:00.000Z"));
    GitLabFixtures.serveAgentMergeRequest(gitlab, base, head, events,
        "2026-05-01T11:00:00.000Z");
    Job retried = runJob();
    assertThat(retried.exit()).as(retried.log()).isZero();
    assertThat(git.dir().resolve("plangate-report.json")).content()
        .contains("\"decision\" : \"pass\"");
  }

  @Test
  void aCollectorTheRunnerNamesIsTheOnlyOne() throws Exception {
    // With two collectors the JVM exits 1 before plangate runs: the same code as a failed gate.
    Job job = runJob(Map.of("JAVA_TOOL_OPTIONS", "-XX:+UseSerialGC"));
    assertThat(job.exit()).as(job.log()).isEqualTo(1);
    assertThat(job.log()).contains("approval required")
        .doesNotContain("Multiple garbage collectors");
  }
}
