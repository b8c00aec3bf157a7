package dev.plangate.core.source;

import static org.assertj.core.api.Assertions.assertThat;

import dev.plangate.core.api.PlanExtras;
import dev.plangate.core.report.Problem;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each source's sniffing, the grouping of change-set pages, and the option checks in both
 * vocabularies.
 */
class SourcesTest {
  private static final Vocabulary MAVEN = new Vocabulary("plans", "templates", "templateBefore",
      "templateAfter", "cdkOut", "cdkOutBase", "base");

  @TempDir Path dir;
  private final Sources sources = Sources.builtin();

  private Path write(String name, String text) throws IOException {
    return Files.writeString(dir.resolve(name), text, StandardCharsets.UTF_8);
  }

  private Path terraform(String name) throws IOException {
    return write(name, "{\"format_version\":\"1.2\",\"resource_changes\":[]}");
  }

  private Path changeSet(String name) throws IOException {
    return write(name, "{\"ChangeSetName\":\"cs\",\"StackName\":\"s\",\"Changes\":[]}");
  }

  private Path pulumi(String name) throws IOException {
    return write(name, "{\"steps\":[{\"op\":\"delete\",\"urn\":\"urn:pulumi:dev::app::aws:s3/"
        + "bucket:Bucket::b\"}],\"changeSummary\":{\"delete\":1}}");
  }

  private Sources.Plans plan(List<Path> files, PlanExtras extras, Path repo, String base,
      Vocabulary words) {
    return sources.plan(files, extras, repo, base, words);
  }

  private static List<String> ids(Sources.Plans plans) {
    return plans.plans().stream().map(p -> p.source().id()).toList();
  }

  @Test
  void eachFormatIsSniffedByItsSource() throws IOException {
    assertThat(sources.sniff(terraform("tf.json"))).isInstanceOf(TerraformSource.class);
    assertThat(sources.sniff(changeSet("cs.json"))).isInstanceOf(ChangeSetSource.class);
    assertThat(sources.sniff(write("console.json", "[{\"ResourceChange\":{\"Action\":"
        + "\"Remove\"}}]"))).isInstanceOf(ChangeSetSource.class);
    assertThat(sources.sniff(pulumi("preview.json"))).isInstanceOf(PulumiSource.class);
    // a binary plan is Terraform's whatever follows the zip header
    Path zip = Files.write(dir.resolve("tfplan"), new byte[] {'P', 'K', 3, 4, '{', '"', 'C'});
    assertThat(sources.sniff(zip)).isInstanceOf(TerraformSource.class);
    // anything else falls back to Terraform, whose reader names what is wrong with it
    assertThat(sources.sniff(write("notes.txt", "hello"))).isInstanceOf(TerraformSource.class);
    assertThat(sources.sniff(write("template.json", "{\"Resources\":{\"B\":{\"Type\":"
        + "\"AWS::S3::Bucket\"}}}"))).isInstanceOf(TerraformSource.class);
  }

  @Test
  void changeSetPagesAreOnePlanAfterTheOthersAndEveryOtherFileIsItsOwn() throws IOException {
    Path page1 = changeSet("page1.json");
    Path tf = terraform("tf.json");
    Path page2 = changeSet("page2.json");
    Path preview = pulumi("preview.json");
    Sources.Plans plans = plan(List.of(page1, tf, page2, preview), PlanExtras.none(), null,
        null, Vocabulary.CLI);
    assertThat(Problem.texts(plans.problems())).isEmpty();
    assertThat(ids(plans)).containsExactly("terraform", "pulumi", "cloudformation-change-set");
    Sources.Prepared cs = plans.plans().get(2);
    assertThat(cs.input().files()).containsExactly(page1, page2);
    assertThat(cs.name()).isEqualTo(page1 + " + " + page2);
    assertThat(plans.plans().get(0).name()).isEqualTo(tf.toString());
  }

  @Test
  void aFileThatCannotBeOpenedIsAProblemAndTheOthersAreStillPlanned() throws IOException {
    Path sub = Files.createDirectory(dir.resolve("sub"));
    Path tf = terraform("tf.json");
    Sources.Plans plans = plan(List.of(sub, dir.resolve("missing.json"), tf),
        PlanExtras.none(), null, null, Vocabulary.CLI);
    assertThat(Problem.texts(plans.problems())).hasSize(2);
    assertThat(Problem.texts(plans.problems()).get(0)).contains(sub.toString());
    assertThat(Problem.texts(plans.problems()).get(1)).contains("missing.json");
    assertThat(ids(plans)).containsExactly("terraform");
  }

  @Test
  void aTemplateDiffIsPlannedFromOptionsNotRead() throws IOException {
    Path before = write("before.yaml", "Resources: {}\n");
    Path after = write("after.yaml", "Resources: {}\n");
    Sources.Plans plans = plan(List.of(), new PlanExtras(null, List.of(), before, after, null,
        null), null, null, Vocabulary.CLI);
    assertThat(Problem.texts(plans.problems())).isEmpty();
    assertThat(ids(plans)).containsExactly("cloudformation-template");
    assertThat(plans.plans().get(0).name()).isEqualTo(after.toString());
  }

  @Test
  void aTemplateBesideAChangeSetGivesItsGraphAndIsNoDiff() throws IOException {
    Path cs = changeSet("cs.json");
    Path template = write("t.yaml", "Resources: {}\n");
    Sources.Plans plans = plan(List.of(cs), new PlanExtras(null, List.of(template), null, null,
        null, null), null, null, Vocabulary.CLI);
    assertThat(Problem.texts(plans.problems())).isEmpty();
    assertThat(ids(plans)).containsExactly("cloudformation-change-set");
    assertThat(plans.plans().get(0).input().extras().templates()).containsExactly(template);
  }

  @Test
  void optionCombinationsAreProblemsInTheFrontEndsWords() throws IOException {
    Path t = write("t.yaml", "Resources: {}\n");
    Path t2 = write("t2.yaml", "Resources: {}\n");
    PlanExtras half = new PlanExtras(null, List.of(), t, null, null, null);
    assertThat(Problem.texts(plan(List.of(), half, null, null, Vocabulary.CLI).problems()))
        .containsExactly("--template-before and --template-after go together");
    assertThat(Problem.texts(plan(List.of(), half, null, null, MAVEN).problems()))
        .containsExactly("templateBefore and templateAfter go together");

    PlanExtras template = new PlanExtras(null, List.of(t), null, null, null, null);
    Sources.Plans noBase = plan(List.of(), template, dir, null, MAVEN);
    assertThat(noBase.plans()).isEmpty();
    assertThat(noBase.problems()).extracting(Problem::code).containsExactly(Problem.CODE_USAGE);
    assertThat(Problem.texts(noBase.problems())).containsExactly("templates needs a change set"
        + " to give its graph to (plans) or a base revision to diff against (base)");
    assertThat(Problem.texts(plan(List.of(), template, dir, "main", MAVEN).problems())).isEmpty();

    PlanExtras two = new PlanExtras(null, List.of(t, t2), null, null, null, null);
    Sources.Plans twoTemplates = plan(List.of(changeSet("cs.json")), two, null, null,
        Vocabulary.CLI);
    assertThat(Problem.texts(twoTemplates.problems()))
        .containsExactly("a change set takes one --template, the one it was created from;"
            + " 2 were given");

    Path cdk = Files.createDirectory(dir.resolve("cdk.out"));
    PlanExtras baseOnly = new PlanExtras(null, List.of(), null, null, null, cdk);
    assertThat(Problem.texts(plan(List.of(), baseOnly, null, null, Vocabulary.CLI).problems()))
        .containsExactly("--cdk-out-base needs --cdk-out, the assembly to diff against it");
    PlanExtras cdkOnly = new PlanExtras(null, List.of(), null, null, cdk, null);
    assertThat(Problem.texts(plan(List.of(), cdkOnly, null, null, MAVEN).problems()))
        .containsExactly(
        "cdkOut needs a base to diff against: cdkOutBase (the base's synthesized cdk.out), or a"
            + " base revision (base) whose commit holds it (no git repository is known)");
    Sources.Plans withBase = plan(List.of(), new PlanExtras(null, List.of(), null, null, cdk,
        cdk), null, null, MAVEN);
    assertThat(Problem.texts(withBase.problems())).isEmpty();
    assertThat(ids(withBase)).containsExactly("cloudformation-template");
  }
}
