package dev.plangate.core.attribution;

import static org.assertj.core.api.Assertions.assertThat;

import dev.plangate.core.api.CheckRequest;
import dev.plangate.core.api.CommitSelection;
import dev.plangate.core.authorship.Attribution;
import dev.plangate.core.impact.Finding;
import dev.plangate.core.model.PlanFormat;
import dev.plangate.core.pipeline.Pipeline;
import dev.plangate.core.report.Report;
import dev.plangate.core.testing.GitFixture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which step attributes which format, and where a Terraform plan's root module is looked for. */
class AttributionStepTest {
  @TempDir Path tmp;

  @Test
  void eachFormatWithAnAttributionHasItsStepAndTheOthersKeepTheirFindings() throws Exception {
    assertThat(AttributionStep.forFormat(PlanFormat.TERRAFORM))
        .isInstanceOf(TerraformAttribution.class);
    assertThat(AttributionStep.forFormat(PlanFormat.CLOUDFORMATION_TEMPLATE))
        .isInstanceOf(TemplateAttribution.class);
    assertThat(AttributionStep.forFormat(PlanFormat.PULUMI)).isSameAs(AttributionStep.NONE);
    assertThat(AttributionStep.forFormat(PlanFormat.CLOUDFORMATION_CHANGE_SET))
        .isSameAs(AttributionStep.NONE);
    List<Finding> none = List.of();
    assertThat(AttributionStep.NONE.attribute(null, null, null, none)).isSameAs(none);
  }

  @Test
  void theRootModuleIsThePlanFilesDirectoryInsideTheRepository() throws Exception {
    Path root = Files.createDirectories(tmp.resolve("repo"));
    Files.createDirectories(root.resolve("infra/prod"));
    assertThat(TerraformAttribution.moduleDirOf(root, root.resolve("infra/prod/plan.json")))
        .isEqualTo("infra/prod");
    assertThat(TerraformAttribution.moduleDirOf(root, root.resolve("plan.json"))).isEmpty();
    assertThat(TerraformAttribution.moduleDirOf(root, tmp.resolve("plan.json"))).isEmpty();
    // a directory that does not exist is compared as written
    assertThat(TerraformAttribution.moduleDirOf(root, root.resolve("gone/plan.json")))
        .isEqualTo("gone");
  }

  @Test
  void aTerraformDestroyIsAttributedToTheCommitThatRemovedItInThePlansDirectory()
      throws Exception {
    GitFixture git = GitFixture.init(tmp.resolve("repo"));
    git.write("infra/main.tf", "resource \"terraform_data\" \"db\" {}\n");
    git.write("other/main.tf", "resource \"terraform_data\" \"db\" {}\n");
    String base = git.commit("Infrastructure\n");
    git.write("other/main.tf", "\n");
    git.commit("Remove the other database\n");
    git.write("infra/main.tf", "\n");
    String ai = git.commit("Remove the database\n\nCo-Authored-By: Claude"
        + " <noreply@anthropic.com>\n", GitFixture.CLAUDE);
    Path plan = Files.writeString(git.dir().resolve("infra/plan.json"), """
        {"format_version":"1.2","terraform_version":"1.9.0","resource_changes":[
         {"address":"terraform_data.db","mode":"managed","type":"terraform_data","name":"db",
          "change":{"actions":["delete"],"before":{},"after":null},
          "action_reason":"delete_because_no_resource_config"}]}
        """);

    Report r = new Pipeline().check(CheckRequest.builder(List.of(plan))
        .commits(git.dir(), CommitSelection.between(base, "HEAD"))
        .today(LocalDate.of(2026, 6, 1)).build());

    assertThat(r.errors()).isEmpty();
    assertThat(r.findings()).singleElement().satisfies(f -> assertThat(f.attribution())
        .extracting(Attribution::sha, Attribution::file, Attribution::ai)
        .containsExactly(org.assertj.core.groups.Tuple.tuple(ai, "infra/main.tf", true)));
  }
}
