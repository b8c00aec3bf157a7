package dev.plangate.maven;

import static dev.plangate.gitlab.testing.GitLabFixtures.ALICE;
import static dev.plangate.gitlab.testing.GitLabFixtures.LABEL;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.plangate.github.testing.FakeGitHub;
import dev.plangate.github.testing.GitHubFixtures;
import dev.plangate.gitlab.testing.FakeGitLab;
import dev.plangate.gitlab.testing.GitLabFixtures;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real Maven builds of a project that binds {@code plangate:check}, run the way a pipeline runs
 * them: inside a GitHub pull-request workflow and a GitLab merge-request pipeline, each platform
 * faked on 127.0.0.1. The approved request's build passes; the same build without the approval
 * fails. These are what the invoker builds under {@code src/it} are for the goal's other
 * behaviour; they live here because the fake platform's port is only known at run time, and an
 * invoker project's environment is fixed in its {@code invoker.properties}.
 */
class PlatformApprovalIT {
  @TempDir Path tmp;
  PlatformScenario scenario;

  @BeforeEach
  void setUp() throws Exception {
    assumeTrue(System.getProperty("plangate.itRepository") != null,
        "runs under failsafe, after the invoker builds installed the plugin");
    scenario = new PlatformScenario(tmp, Map.of("pom.xml", pom(), ".gitignore", "target/\n"));
  }

  @Test
  void anApprovedGitHubPullRequestPassesTheMavenBuild() throws Exception {
    try (FakeGitHub github = FakeGitHub.start()) {
      Build b = mvn(scenario.gitHub(github, List.of(GitHubFixtures.labeled(9001,
          GitHubFixtures.ALICE, LABEL, "2026-05-01T12:00:00Z"))));
      assertThat(b.exit()).as(b.output()).isZero();
      assertThat(b.report()).contains("\"decision\" : \"pass\"");
    }
  }

  @Test
  void theSameGitHubPullRequestWithoutTheLabelFailsTheBuild() throws Exception {
    try (FakeGitHub github = FakeGitHub.start()) {
      Build b = mvn(scenario.gitHub(github, List.of()));
      assertThat(b.exit()).as(b.output()).isEqualTo(1);
      assertThat(b.output()).contains("approval required")
          .contains("approve with the label plangate/approve-destroy");
    }
  }

  @Test
  void anApprovedGitLabMergeRequestPassesTheMavenBuild() throws Exception {
    try (FakeGitLab gitlab = FakeGitLab.start()) {
      List<JsonNode> events = new ArrayList<>(List.of(GitLabFixtures.labelEvent(1, ALICE, LABEL,
          "add", "2026-05-01T12:00:00.000Z")));
      Build b = mvn(scenario.gitLab(gitlab, events, true));
      assertThat(b.exit()).as(b.output()).isZero();
      assertThat(b.report()).contains("\"decision\" : \"pass\"");
    }
  }

  @Test
  void theSameGitLabMergeRequestWithoutTheLabelFailsTheBuild() throws Exception {
    try (FakeGitLab gitlab = FakeGitLab.start()) {
      Build b = mvn(scenario.gitLab(gitlab, new ArrayList<>(), true));
      assertThat(b.exit()).as(b.output()).isEqualTo(1);
      assertThat(b.output()).contains("approval required")
          .contains("approve with the label plangate/approve-destroy");
    }
  }

  record Build(int exit, String output, String report) {}

  /** {@code mvn verify} in the scenario's repository with exactly the platform's environment. */
  private Build mvn(Map<String, String> platform) throws Exception {
    Path dir = scenario.repo.dir();
    Path settings = tmp.resolve("settings.xml");
    Path root = Path.of(System.getProperty("plangate.root", "..")).toAbsolutePath().normalize();
    Files.writeString(settings, Files.readString(root.resolve("maven-plugin/src/it/settings.xml"))
        .replace("@localRepositoryUrl@",
            Path.of(System.getProperty("plangate.outerRepository")).toUri().toString()));
    ProcessBuilder pb = new ProcessBuilder("mvn", "-B", "-s", settings.toString(),
        "-Dmaven.repo.local=" + System.getProperty("plangate.itRepository"), "verify")
        .directory(dir.toFile()).redirectErrorStream(true);
    Process p = CleanEnvironment.apply(pb, platform).start();
    byte[] out = p.getInputStream().readAllBytes();
    assertThat(p.waitFor(5, TimeUnit.MINUTES)).as("the build finished").isTrue();
    Path report = dir.resolve("target/plangate/report.json");
    return new Build(p.exitValue(), new String(out, StandardCharsets.UTF_8),
        Files.exists(report) ? Files.readString(report) : "");
  }

  private static String pom() {
    return """
        <?xml version="1.0" encoding="UTF-8"?>
        <project xmlns="http://maven.apache.org/POM/4.0.0">
          <modelVersion>4.0.0</modelVersion>
          <groupId>com.example.it</groupId>
          <artifactId>orders-infra</artifactId>
          <version>1.0.0-SNAPSHOT</version>
          <packaging>pom</packaging>
          <build>
            <plugins>
              <plugin>
                <groupId>dev.plangate</groupId>
                <artifactId>plangate-maven-plugin</artifactId>
                <version>%s</version>
                <executions>
                  <execution>
                    <goals><goal>check</goal></goals>
                    <configuration>
                      <plans>plan.json</plans>
                      <formats>json</formats>
                    </configuration>
                  </execution>
                </executions>
              </plugin>
            </plugins>
          </build>
        </project>
        """.formatted(System.getProperty("plangate.version"));
  }
}
