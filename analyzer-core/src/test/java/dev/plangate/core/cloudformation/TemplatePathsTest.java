package dev.plangate.core.cloudformation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.plangate.core.git.GitRepository;
import dev.plangate.core.model.ChangeKind;
import dev.plangate.core.model.Plan;
import dev.plangate.core.plan.PlanReadException;
import dev.plangate.core.testing.GitFixture;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Nested-stack {@code TemplateURL}s and cdk.out manifests name files; the template or manifest
 * comes from the repository under review, so what it names must stay inside the directory the
 * gate was given, and what it multiplies must stay bounded.
 */
class TemplatePathsTest {

  private static String stack(String url) {
    return "Resources:\n  Child:\n    Type: AWS::CloudFormation::Stack\n"
        + "    Properties: {TemplateURL: '" + url + "'}\n";
  }

  private static final String TOPIC = "Resources:\n  Topic: {Type: AWS::SNS::Topic}\n";

  @ParameterizedTest
  @ValueSource(strings = {"../outside.yaml", "../../../../../../../../etc/passwd", "/etc/passwd",
      "file:///etc/passwd", "FILE://../outside.yaml", "/dev/zero", "sub/../../outside.yaml"})
  @Timeout(10)
  void aTemplateUrlOutsideTheRootTemplatesDirectoryIsRefused(String url, @TempDir Path dir)
      throws Exception {
    Files.writeString(dir.resolve("outside.yaml"), TOPIC);
    Path repo = Files.createDirectories(dir.resolve("repo"));
    Files.writeString(repo.resolve("main.yaml"), stack(url));
    assertThatThrownBy(() -> TemplateReader.read(repo.resolve("main.yaml")))
        .isInstanceOf(PlanReadException.class)
        .hasMessageStartingWith(repo.resolve("main.yaml") + ": nested stack Child ("
            + repo.resolve("main.yaml") + ":2) has TemplateURL " + url
            + ", which points outside " + repo.toAbsolutePath()
            + ", the directory of the template plangate was given;"
            + " nested templates are read only from there");
  }

  @Test
  void aSymbolicLinkOutOfTheTreeIsRefused(@TempDir Path dir) throws Exception {
    Files.writeString(dir.resolve("outside.yaml"), TOPIC);
    Path repo = Files.createDirectories(dir.resolve("repo"));
    Files.createSymbolicLink(repo.resolve("child.yaml"), dir.resolve("outside.yaml"));
    Files.createSymbolicLink(repo.resolve("linked"), dir);
    Files.writeString(repo.resolve("main.yaml"), stack("child.yaml"));
    Files.writeString(repo.resolve("via-dir.yaml"), stack("linked/outside.yaml"));
    for (String root : new String[] {"main.yaml", "via-dir.yaml"}) {
      assertThatThrownBy(() -> TemplateReader.read(repo.resolve(root)))
          .isInstanceOf(PlanReadException.class)
          .hasMessageContaining("which points outside " + repo.toAbsolutePath());
    }
  }

  @Test
  void childrenMayUseDotDotAndLinksThatStayInsideTheTree(@TempDir Path dir) throws Exception {
    Files.createDirectories(dir.resolve("stacks/network"));
    Files.writeString(dir.resolve("main.yaml"), stack("stacks/network/vpc.yaml"));
    Files.writeString(dir.resolve("stacks/network/vpc.yaml"), stack("../shared.yaml"));
    Files.writeString(dir.resolve("stacks/real.yaml"), TOPIC);
    Files.createSymbolicLink(dir.resolve("stacks/shared.yaml"), dir.resolve("stacks/real.yaml"));
    Template t = TemplateReader.read(dir.resolve("main.yaml"));
    assertThat(t.nestedStacks().get("Child").nestedStacks().get("Child").resources())
        .containsOnlyKeys("Topic");
  }

  @Test
  void aChildThatIsADirectoryIsRefusedClearly(@TempDir Path dir) throws Exception {
    Files.createDirectories(dir.resolve("child.yaml"));
    Files.writeString(dir.resolve("main.yaml"), stack("child.yaml"));
    assertThatThrownBy(() -> TemplateReader.read(dir.resolve("main.yaml")))
        .isInstanceOf(PlanReadException.class)
        .hasMessage(dir.resolve("child.yaml") + ": is a directory, not a regular file;"
            + " plangate reads only regular files");
  }

  /**
   * Ten files, each with ten nested stacks on the next: ten billion stacks. Before the budget
   * this ran until memory or patience ran out.
   */
  @Test
  void nestedStacksThatMultiplyStopAtTheTemplateLimit(@TempDir Path dir) throws Exception {
    for (int level = 0; level < 10; level++) {
      StringBuilder sb = new StringBuilder("Resources:\n");
      for (int i = 0; i < 10; i++) {
        sb.append(level < 9
            ? "  S" + i + ":\n    Type: AWS::CloudFormation::Stack\n    Properties: {TemplateURL: l"
                + (level + 1) + ".yaml}\n"
            : "  T" + i + ": {Type: AWS::SNS::Topic}\n");
      }
      Files.writeString(dir.resolve("l" + level + ".yaml"), sb.toString());
    }
    assertThat(org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(Duration.ofSeconds(10),
        () -> {
          try {
            TemplateReader.read(dir.resolve("l0.yaml"));
            return "read";
          } catch (PlanReadException e) {
            return e.getMessage();
          }
        })).contains("the nested stacks hold more than " + TemplateReader.MAX_TEMPLATES
            + " templates in all (a template used twice counts twice)");
  }

  @Test
  void aChildUsedByTwoStacksIsReadOnce(@TempDir Path dir) throws Exception {
    Files.writeString(dir.resolve("main.yaml"), """
        Resources:
          A: {Type: AWS::CloudFormation::Stack, Properties: {TemplateURL: child.yaml}}
          B: {Type: AWS::CloudFormation::Stack, Properties: {TemplateURL: ./child.yaml}}
        """);
    Files.writeString(dir.resolve("child.yaml"), TOPIC);
    Template t = TemplateReader.read(dir.resolve("main.yaml"));
    assertThat(t.nestedStacks().get("A")).isSameAs(t.nestedStacks().get("B"));
    assertThat(TemplateGraph.of(t).resources()).containsExactly("A", "A/Topic", "B", "B/Topic");
  }

  @Test
  void aFileLargerThanTheLimitIsRefusedBeforeItIsDecoded(@TempDir Path dir) throws Exception {
    Path big = dir.resolve("big.yaml");
    try (var out = Files.newOutputStream(big)) {
      out.write(TOPIC.getBytes());
      byte[] comment = ("#" + "x".repeat(1022) + "\n").getBytes();
      for (int i = 0; i <= TemplateReader.MAX_FILE_BYTES / comment.length; i++) {
        out.write(comment);
      }
    }
    assertThatThrownBy(() -> TemplateReader.read(big))
        .isInstanceOf(PlanReadException.class)
        .hasMessageStartingWith(big + ": is ")
        .hasMessageEndingWith(" bytes, more than the 20 MiB plangate reads from a file of this"
            + " kind");
  }

  @Test
  void gitChildrenOutsideTheRootTemplatesDirectoryAreRefused(@TempDir Path dir)
      throws Exception {
    GitFixture repo = GitFixture.init(dir.resolve("repo"));
    String base = repo.write("infra/app.yaml", stack("../secrets/creds.yaml"))
        .write("secrets/creds.yaml", TOPIC)
        .commit("app\n");
    repo.write("infra/app.yaml", TOPIC).commit("no child\n");
    GitRepository git = GitRepository.open(repo.dir());
    assertThatThrownBy(() -> TemplateDiff.diff(TemplateLoader.fromGit(git, base,
        repo.dir().resolve("infra/app.yaml")), "infra/app.yaml"))
        .isInstanceOf(PlanReadException.class)
        .hasMessage(base + ":infra/app.yaml: nested stack Child (" + base
            + ":infra/app.yaml:2) has TemplateURL ../secrets/creds.yaml, which points outside "
            + base + ":infra, the directory of the template plangate was given; nested"
            + " templates are read only from there");
  }

  @Test
  void gitChildrenBesideATopLevelTemplateAreRead(@TempDir Path dir) throws Exception {
    GitFixture repo = GitFixture.init(dir.resolve("repo"));
    String base = repo.write("app.yaml", stack("nested/child.yaml"))
        .write("nested/child.yaml", TOPIC)
        .commit("app\n");
    repo.write("nested/child.yaml", "Resources:\n  Topic: {Type: AWS::SNS::Topic,"
        + " Properties: {TopicName: renamed}}\n").commit("rename\n");
    Plan plan = TemplateDiff.diff(TemplateLoader.fromGit(GitRepository.open(repo.dir()), base,
        repo.dir().resolve("app.yaml")), "app.yaml");
    assertThat(plan.changes()).anySatisfy(c -> {
      assertThat(c.address()).isEqualTo("Child/Topic");
      assertThat(c.kind()).isEqualTo(ChangeKind.REPLACE);
    });
  }

  // ------------------------------------------------------------------------------- cdk.out

  private static Path assembly(Path dir, String artifacts) throws IOException {
    Path cdk = Files.createDirectories(dir.resolve("cdk.out"));
    Files.writeString(cdk.resolve("manifest.json"), "{\"version\": \"36.0.0\", \"artifacts\": {"
        + artifacts + "}}");
    return cdk;
  }

  private static String stackArtifact(String templateFile) {
    return "\"S\": {\"type\": \"aws:cloudformation:stack\", \"properties\": {\"templateFile\": "
        + templateFile + "}}";
  }

  @ParameterizedTest
  @ValueSource(strings = {"../outside.json", "/etc/passwd", "sub/../../outside.json"})
  void aTemplateFileOutsideTheCloudAssemblyIsRefused(String file, @TempDir Path dir)
      throws Exception {
    Files.writeString(dir.resolve("outside.json"), "{\"Resources\": {}}");
    Path cdk = assembly(dir, stackArtifact("\"" + file + "\""));
    assertThatThrownBy(() -> TemplateCloudAssembly.stacks(cdk))
        .isInstanceOf(PlanReadException.class)
        .hasMessage(cdk.resolve("manifest.json") + ": stack artifact S has templateFile " + file
            + ", which points outside the cloud assembly directory " + cdk
            + "; plangate reads only the files inside it");
  }

  @Test
  void aTemplateFileLinkedOutOfTheCloudAssemblyIsRefused(@TempDir Path dir) throws Exception {
    Files.writeString(dir.resolve("outside.json"), "{\"Resources\": {}}");
    Path cdk = assembly(dir, stackArtifact("\"S.template.json\""));
    Files.createSymbolicLink(cdk.resolve("S.template.json"), dir.resolve("outside.json"));
    assertThatThrownBy(() -> TemplateCloudAssembly.stacks(cdk))
        .isInstanceOf(PlanReadException.class)
        .hasMessageContaining("stack artifact S has templateFile S.template.json, which points"
            + " outside the cloud assembly directory");
  }

  @Test
  void aStageDirectoryOutsideTheCloudAssemblyIsRefused(@TempDir Path dir) throws Exception {
    Path cdk = assembly(dir, "\"Stage\": {\"type\": \"cdk:cloud-assembly\", \"properties\":"
        + " {\"directoryName\": \"..\"}}");
    Files.writeString(dir.resolve("manifest.json"), "{\"artifacts\": {}}");
    assertThatThrownBy(() -> TemplateCloudAssembly.stacks(cdk))
        .isInstanceOf(PlanReadException.class)
        .hasMessage(cdk.resolve("manifest.json") + ": stage artifact Stage has directoryName"
            + " .., which points outside the cloud assembly directory " + cdk
            + "; plangate reads only the files inside it");
  }

  @Test
  void aManifestIsReadStrictly(@TempDir Path dir) throws Exception {
    Path cdk = assembly(dir, "");
    Path manifest = cdk.resolve("manifest.json");
    Files.writeString(manifest, "{\"artifacts\": {}} {\"artifacts\": {}}");
    assertThatThrownBy(() -> TemplateCloudAssembly.stacks(cdk))
        .isInstanceOf(PlanReadException.class)
        .hasMessageStartingWith(manifest + ": not valid JSON: Trailing token");
    Files.writeString(manifest, "{\"artifacts\": {}, \"artifacts\": {\"S\": 1}}");
    assertThatThrownBy(() -> TemplateCloudAssembly.stacks(cdk))
        .isInstanceOf(PlanReadException.class)
        .hasMessageStartingWith(manifest + ": not valid JSON: Duplicate field 'artifacts'");
    Files.writeString(manifest, "{\"artifacts\": {\"S\": []}}");
    assertThatThrownBy(() -> TemplateCloudAssembly.stacks(cdk))
        .isInstanceOf(PlanReadException.class)
        .hasMessage(manifest + ": artifacts.S: expected an object, found an array");
    Files.writeString(manifest, "{\"artifacts\": {" + stackArtifact("7") + "}}");
    assertThatThrownBy(() -> TemplateCloudAssembly.stacks(cdk))
        .isInstanceOf(PlanReadException.class)
        .hasMessage(manifest + ": artifacts.S.properties.templateFile: expected a string,"
            + " found a number");
  }
}
