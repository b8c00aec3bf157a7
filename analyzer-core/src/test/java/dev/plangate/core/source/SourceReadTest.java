package dev.plangate.core.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.plangate.core.api.PlanExtras;
import dev.plangate.core.model.ChangeKind;
import dev.plangate.core.model.Plan;
import dev.plangate.core.model.PlanFormat;
import dev.plangate.core.model.ResourceChange;
import dev.plangate.core.plan.PlanReadException;
import dev.plangate.core.testing.GitFixture;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each source reads what it accepted into a plan of its own format, with the destroy in it: a
 * file read by the wrong source, or not read at all, would be an empty plan that passes.
 */
class SourceReadTest {
  @TempDir Path dir;
  private final Sources sources = Sources.builtin();

  private Path write(String name, String text) throws IOException {
    Path p = dir.resolve(name);
    Files.createDirectories(p.getParent());
    return Files.writeString(p, text, StandardCharsets.UTF_8);
  }

  private static final String TERRAFORM = """
      {"format_version":"1.2","terraform_version":"1.9.0","resource_changes":[
       {"address":"terraform_data.db","mode":"managed","type":"terraform_data","name":"db",
        "change":{"actions":["delete"],"before":{},"after":null},
        "action_reason":"delete_because_no_resource_config"}]}
      """;

  private static final String TWO_BUCKETS = """
      {"Resources":{"Keep":{"Type":"AWS::S3::Bucket"},"Gone":{"Type":"AWS::S3::Bucket"}}}
      """;
  private static final String ONE_BUCKET = """
      {"Resources":{"Keep":{"Type":"AWS::S3::Bucket"}}}
      """;

  private Plan readOnly(List<Path> files, PlanExtras extras, Path repo, String base)
      throws PlanReadException {
    Sources.Plans plans = sources.plan(files, extras, repo, base, Vocabulary.CLI);
    assertThat(plans.problems()).isEmpty();
    assertThat(plans.plans()).hasSize(1);
    return plans.plans().get(0).read();
  }

  private static List<String> deleted(Plan plan) {
    return plan.changes().stream().filter(c -> c.kind() == ChangeKind.DELETE)
        .map(ResourceChange::address).toList();
  }

  @Test
  void aTerraformPlanIsReadWithItsDelete() throws Exception {
    Path file = write("plan.json", TERRAFORM);
    Plan plan = readOnly(List.of(file), PlanExtras.none(), null, null);
    assertThat(plan.format()).isEqualTo(PlanFormat.TERRAFORM);
    assertThat(plan.source()).isEqualTo(file.toString());
    assertThat(deleted(plan)).containsExactly("terraform_data.db");

    TerraformSource terraform = sources.get(TerraformSource.class);
    assertThat(terraform.id()).isEqualTo("terraform");
    assertThat(terraform.read(file, "named.json").source()).isEqualTo("named.json");
  }

  @Test
  void aTerraformFileThatIsNotARegularFileIsAReadErrorNamingIt() throws Exception {
    Path sub = Files.createDirectory(dir.resolve("sub"));
    assertThatThrownBy(() -> sources.get(TerraformSource.class).read(sub, "sub/"))
        .isInstanceOf(PlanReadException.class)
        .satisfies(e -> assertThat(((PlanReadException) e).file()).isEqualTo("sub/"));
  }

  @Test
  void aFileThatLooksLikeABinaryPlanButIsNotOneIsAReadErrorNotAnEmptyPlan() throws Exception {
    Path zip = Files.write(dir.resolve("tfplan"), new byte[] {'P', 'K', 3, 4, 0, 0, 0});
    Sources.Plans plans = sources.plan(List.of(zip), PlanExtras.none(), null, null,
        Vocabulary.CLI);
    assertThat(plans.plans()).extracting(p -> p.source().format())
        .containsExactly(PlanFormat.TERRAFORM);
    assertThatThrownBy(() -> plans.plans().get(0).read()).isInstanceOf(PlanReadException.class);
  }

  @Test
  void aPulumiPreviewIsReadWithItsDelete() throws Exception {
    Path file = write("preview.json", "{\"steps\":[{\"op\":\"delete\",\"urn\":"
        + "\"urn:pulumi:dev::app::aws:s3/bucket:Bucket::b\"}],\"changeSummary\":{\"delete\":1}}");
    Plan plan = readOnly(List.of(file), PlanExtras.none(), null, null);
    assertThat(plan.format()).isEqualTo(PlanFormat.PULUMI);
    assertThat(plan.changes()).extracting(ResourceChange::kind).containsExactly(ChangeKind.DELETE);
    assertThat(sources.get(PulumiSource.class).id()).isEqualTo("pulumi");
  }

  @Test
  void aChangeSetWithoutItsTemplateIsReadWithItsRemovalAndUnknownDependencies()
      throws Exception {
    Path file = write("cs.json", """
        {"ChangeSetName":"cs","StackName":"s","Changes":[{"Type":"Resource","ResourceChange":{
         "Action":"Remove","LogicalResourceId":"Gone","ResourceType":"AWS::S3::Bucket",
         "PhysicalResourceId":"gone-bucket"}}]}
        """);
    Plan plan = readOnly(List.of(file), PlanExtras.none(), null, null);
    assertThat(plan.format()).isEqualTo(PlanFormat.CLOUDFORMATION_CHANGE_SET);
    assertThat(plan.changes()).extracting(ResourceChange::kind).containsExactly(ChangeKind.DELETE);
    assertThat(plan.dependenciesKnown()).isFalse();

    Path template = write("template.json", ONE_BUCKET);
    Plan withTemplate = readOnly(List.of(file),
        new PlanExtras(null, List.of(template), null, null, null, null), null, null);
    assertThat(withTemplate.changes()).extracting(ResourceChange::kind)
        .contains(ChangeKind.DELETE);
  }

  @Test
  void twoTemplatesAreDiffedIntoTheRemovedResource() throws Exception {
    Path before = write("before.json", TWO_BUCKETS);
    Path after = write("after.json", ONE_BUCKET);
    Plan plan = readOnly(List.of(), new PlanExtras(null, List.of(), before, after, null, null),
        null, null);
    assertThat(plan.format()).isEqualTo(PlanFormat.CLOUDFORMATION_TEMPLATE);
    assertThat(plan.source()).isEqualTo(after.toString());
    assertThat(deleted(plan)).singleElement().asString().contains("Gone");
    assertThat(sources.get(TemplateDiffSource.class).id()).isEqualTo("cloudformation-template");
  }

  @Test
  void aTemplateIsDiffedAgainstItsVersionAtTheBaseRevision() throws Exception {
    GitFixture git = GitFixture.init(dir.resolve("repo"));
    git.write("template.json", TWO_BUCKETS);
    git.commit("two buckets");
    git.write("template.json", ONE_BUCKET);
    Path template = git.dir().resolve("template.json");

    Plan plan = readOnly(List.of(),
        new PlanExtras(null, List.of(template), null, null, null, null), git.dir(), "HEAD");

    assertThat(plan.source()).isEqualTo(template.toString());
    assertThat(deleted(plan)).singleElement().asString().contains("Gone");
  }

  @Test
  void anUnknownBaseRevisionIsAReadErrorNamingThePlan() throws Exception {
    GitFixture git = GitFixture.init(dir.resolve("repo"));
    git.write("template.json", ONE_BUCKET);
    git.commit("one bucket");
    Path template = git.dir().resolve("template.json");
    Sources.Plans plans = sources.plan(List.of(),
        new PlanExtras(null, List.of(template), null, null, null, null), git.dir(), "nosuchrev",
        Vocabulary.CLI);

    assertThatThrownBy(() -> plans.plans().get(0).read()).isInstanceOf(PlanReadException.class)
        .hasMessageContaining("nosuchrev")
        .satisfies(e -> assertThat(((PlanReadException) e).file())
            .isEqualTo(template.toString()));
  }

  @Test
  void aRepositoryThatIsNotOneIsAReadErrorNamingThePlan() throws Exception {
    Path notRepo = Files.createDirectory(dir.resolve("plain"));
    SourceInput input = new SourceInput("t.json", List.of(notRepo.resolve("t.json")), null,
        notRepo, "HEAD");
    assertThat(input.extras()).isEqualTo(PlanExtras.none());
    assertThat(input.file()).isEqualTo(notRepo.resolve("t.json"));
    assertThatThrownBy(input::git).isInstanceOf(PlanReadException.class)
        .satisfies(e -> assertThat(((PlanReadException) e).file()).isEqualTo("t.json"));
  }

  private Path cdkOut(String name, String template) throws IOException {
    write(name + "/manifest.json", "{\"artifacts\": {\"S\": {\"type\":"
        + " \"aws:cloudformation:stack\", \"properties\": {\"templateFile\":"
        + " \"S.template.json\"}}}}");
    write(name + "/S.template.json", template);
    return dir.resolve(name);
  }

  @Test
  void twoCloudAssembliesAreDiffedIntoTheRemovedResource() throws Exception {
    Path base = cdkOut("base.out", TWO_BUCKETS);
    Path head = cdkOut("cdk.out", ONE_BUCKET);
    Plan plan = readOnly(List.of(), new PlanExtras(null, List.of(), null, null, head, base),
        null, null);
    assertThat(plan.format()).isEqualTo(PlanFormat.CLOUDFORMATION_TEMPLATE);
    assertThat(plan.source()).isEqualTo(head.toString());
    assertThat(deleted(plan)).singleElement().asString().contains("Gone");
  }

  @Test
  void aCloudAssemblyIsDiffedAgainstTheOneCommittedAtTheBase() throws Exception {
    GitFixture git = GitFixture.init(dir.resolve("repo"));
    git.write("cdk.out/manifest.json", "{\"artifacts\": {\"S\": {\"type\":"
        + " \"aws:cloudformation:stack\", \"properties\": {\"templateFile\":"
        + " \"S.template.json\"}}}}");
    git.write("cdk.out/S.template.json", TWO_BUCKETS);
    git.commit("synth");
    git.write("cdk.out/S.template.json", ONE_BUCKET);
    Path head = git.dir().resolve("cdk.out");

    Plan plan = readOnly(List.of(), new PlanExtras(null, List.of(), null, null, head, null),
        git.dir(), "HEAD");

    assertThat(deleted(plan)).singleElement().asString().contains("Gone");
  }

  @Test
  void askingForASourceThatIsNotRegisteredIsAProgrammingError() {
    final class Unregistered implements PlanSource {
      @Override
      public String id() {
        return "none";
      }

      @Override
      public PlanFormat format() {
        return PlanFormat.TERRAFORM;
      }

      @Override
      public Plan read(SourceInput input) {
        throw new UnsupportedOperationException();
      }
    }
    assertThatThrownBy(() -> sources.get(Unregistered.class))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("no source Unregistered");
    assertThat(new Unregistered().accepts(new Probe(dir, new byte[0], false))).isFalse();
    assertThat(new Unregistered().groupsFiles()).isFalse();
    assertThat(new Unregistered().fromOptions(null, List.of())).isEmpty();
    assertThat(sources.get(ChangeSetSource.class).groupsFiles()).isTrue();
  }
}
