package dev.plangate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Which pushed files count as infrastructure for the pre-push staleness and no-plans checks. */
class InfraFilesTest {
  static final InfraFiles DEFAULTS = new InfraFiles(List.of(), List.of());

  @Test
  void terraformOpenTofuAndTheirVariablesAnywhere() {
    assertThat(List.of("main.tf", "envs/prod/network.tf", "x.tf.json", "prod.tfvars",
        "a/b.tfvars.json", "mod/main.tofu", ".terraform.lock.hcl", "live/terragrunt.hcl"))
        .allMatch(DEFAULTS::matches);
  }

  @Test
  void cloudFormationTemplatesPulumiConfigAndCdkOutput() {
    assertThat(List.of("stack.template.yaml", "app.cfn.json", "template.yaml",
        "cloudformation/db.yaml", "ops/cfn/params.json", "Pulumi.yaml", "svc/Pulumi.prod.yaml",
        "cdk.json", "cdk.out/App.template.json", "pkg/cdk.out/manifest.json"))
        .allMatch(DEFAULTS::matches);
  }

  @Test
  void documentationAndApplicationCodeAreNot() {
    assertThat(List.of("README.md", "src/main/App.java", "docs/terraform.md", "tfplan.txt",
        "main.tf.bak", "config.yaml")).noneMatch(DEFAULTS::matches);
  }

  @Test
  void everyFileOfAPulumiOrCdkProjectIsInfrastructure() {
    InfraFiles infra = new InfraFiles(List.of(), List.of("stacks/web/Pulumi.yaml",
        "stacks/web/index.ts", "cdk/cdk.json", "README.md"));
    assertThat(infra.matches("stacks/web/index.ts")).isTrue();
    assertThat(infra.matches("stacks/web/lib/bucket.ts")).isTrue();
    assertThat(infra.matches("cdk/bin/app.ts")).isTrue();
    assertThat(infra.matches("stacks/api/index.ts")).isFalse();
    assertThat(infra.matches("README.md")).isFalse();
  }

  @Test
  void aRepositoryAddsGlobsAndCannotRemoveTheDefaults() {
    InfraFiles infra = new InfraFiles(List.of("deploy/*.json", "*.bicep", " "), List.of());
    assertThat(infra.matches("deploy/stack.json")).isTrue();
    assertThat(infra.matches("a/b/main.bicep")).isTrue();
    assertThat(infra.matches("main.tf")).isTrue();
    assertThat(infra.matches("other/stack.json")).isFalse();
  }
}
