package dev.plangate.core.attribution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.plangate.core.pipeline.Pipeline;
import dev.plangate.core.source.TerraformSource;
import dev.plangate.core.authorship.Attribution;
import dev.plangate.core.authorship.CommitAuthorship;
import dev.plangate.core.catalog.ResourceCatalog;
import dev.plangate.core.git.CommitRange;
import dev.plangate.core.git.GitRepository;
import dev.plangate.core.impact.Downstream;
import dev.plangate.core.impact.Finding;
import dev.plangate.core.impact.FindingAction;
import dev.plangate.core.impact.ImpactAnalyzer;
import dev.plangate.core.model.Dependencies;
import dev.plangate.core.model.Plan;
import dev.plangate.core.model.PlanFormat;
import dev.plangate.core.model.ResourceAddress;
import dev.plangate.core.testing.GitFixture;
import dev.plangate.core.testing.TerraformScenarios;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link Attributor} on real repositories: real Terraform plans where the scenario fits, plans and
 * findings built by hand for the rest.
 */
class AttributorTest {
  @TempDir Path tmp;
  GitFixture repo;
  /** Commits that say they were written by an agent, for {@link #bySha}. */
  final Set<String> aiCommits = new HashSet<>();

  @BeforeEach
  void createRepository() {
    repo = GitFixture.init(tmp.resolve("repo"));
  }

  // ------------------------------------------------------------------- real terraform plans

  @Test
  void aModuleRenameInARealPlanIsAttributedToTheRenamingCommit() throws Exception {
    assumeTrue(TerraformScenarios.available(), "terraform not on PATH: skipping");
    Path scenario = TerraformScenarios.scenariosDir().resolve("module-rename");
    String base = repo.copyTree(scenario.resolve("before"), "")
        .write("other/main.tf", "module \"env\" {\n  source = \"../modules/env\"\n}\n")
        .commit("Initial infrastructure\n");
    String rename = repo.copyTree(scenario.resolve("after"), "")
        .commit("Rename env to environment\n\nCo-Authored-By: Claude <noreply@anthropic.com>\n",
            GitFixture.CLAUDE);
    aiCommits.add(rename);
    String unrelated = repo.write("other/main.tf", "# env is gone here too\n")
        .write("docs/README.md", "module \"env\" was renamed\n")
        .commit("Unrelated directories\n");

    Path planJson = TerraformScenarios.plan("module-rename", tmp.resolve("tf"));
    Plan plan = new Pipeline().sources().get(TerraformSource.class).read(planJson, "plan.json");
    List<Finding> findings = new ImpactAnalyzer(ResourceCatalog.builtin()).analyze(plan);
    assertThat(findings).hasSize(6);

    Map<String, List<Attribution>> result = attribute(plan, "", findings, base);

    assertThat(result.keySet()).containsExactlyElementsOf(
        findings.stream().map(Finding::key).toList());
    for (Finding f : findings) {
      assertThat(result.get(f.key())).as(f.key()).singleElement().satisfies(a -> {
        assertThat(a.sha()).isEqualTo(rename);
        assertThat(a.change()).isEqualTo("renamed module \"env\" to \"environment\"");
        assertThat(a.file()).isEqualTo("main.tf");
        assertThat(a.line()).isEqualTo(1);
        assertThat(a.ai()).isTrue();
        assertThat(a.agent()).isEqualTo("Claude Code");
        assertThat(a.author()).isEqualTo("Claude <noreply@anthropic.com>");
        assertThat(a.removesBlock()).isTrue();
      });
    }
    assertThat(result.values()).allSatisfy(l -> assertThat(l).extracting(Attribution::sha)
        .doesNotContain(unrelated));
  }

  @Test
  void removedResourceBlocksInARealPlanAreAttributedWithTheirOldLines() throws Exception {
    assumeTrue(TerraformScenarios.available(), "terraform not on PATH: skipping");
    Path scenario = TerraformScenarios.scenariosDir().resolve("removed-forget");
    String base = repo.copyTree(scenario.resolve("before"), "").commit("Initial\n");
    String removal = repo.copyTree(scenario.resolve("after"), "").commit("Tidy up\n");

    Path planJson = TerraformScenarios.plan("removed-forget", tmp.resolve("tf"));
    Plan plan = new Pipeline().sources().get(TerraformSource.class).read(planJson, "plan.json");
    List<Finding> findings = new ImpactAnalyzer(ResourceCatalog.builtin()).analyze(plan);
    Map<String, List<Attribution>> result = attribute(plan, "", findings, base);

    assertThat(result.get("terraform_data.other")).singleElement().satisfies(a -> {
      assertThat(a.sha()).isEqualTo(removal);
      assertThat(a.change()).isEqualTo("removed resource \"terraform_data\" \"other\"");
      assertThat(a.line()).isEqualTo(5);
      assertThat(a.ai()).isFalse();
      assertThat(a.agent()).isNull();
      assertThat(a.author()).isEqualTo(GitFixture.DEFAULT.toString());
    });
    assertThat(result.get("terraform_data.keep")).singleElement().satisfies(a -> {
      assertThat(a.change()).isEqualTo("removed resource \"terraform_data\" \"keep\"");
      assertThat(a.line()).isEqualTo(1);
    });
  }

  @Test
  void changesInALocalModuleDirectoryAreAttributedOnlyToResourcesInsideIt() throws Exception {
    assumeTrue(TerraformScenarios.available(), "terraform not on PATH: skipping");
    Path scenario = TerraformScenarios.scenariosDir().resolve("destroy-mode");
    String base = repo.copyTree(scenario.resolve("before"), "").commit("Initial\n");
    String moduleEdit = repo.write("modules/db/main.tf",
        read(scenario.resolve("before/modules/db/main.tf")).replace("var.vpc_id", "\"fixed\""))
        .commit("Pin the database input\n", GitFixture.CLAUDE);
    aiCommits.add(moduleEdit);
    String subdirectory = repo.write("modules/db/examples/main.tf", "resource \"x\" \"y\" {}\n")
        .commit("Example in a subdirectory\n");
    String docs = repo.write("modules/db/README.md", "# db\n").commit("Docs\n");
    String rootEdit = repo.write("main.tf",
        "# root comment\n" + read(scenario.resolve("before/main.tf"))).commit("Comment\n");

    Path planJson = TerraformScenarios.plan("destroy-mode", tmp.resolve("tf"));
    Plan plan = new Pipeline().sources().get(TerraformSource.class).read(planJson, "plan.json");
    assertThat(plan.moduleSources()).containsEntry("module.db", "./modules/db");
    List<Finding> findings = new ImpactAnalyzer(ResourceCatalog.builtin()).analyze(plan);
    Map<String, List<Attribution>> result = attribute(plan, "", findings, base);

    assertThat(result.get("module.db.terraform_data.database"))
        .extracting(Attribution::sha, Attribution::file, Attribution::line, Attribution::change,
            Attribution::ai)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(rootEdit, "main.tf", 1, "changed main.tf", false),
            org.assertj.core.groups.Tuple.tuple(moduleEdit, "modules/db/main.tf", 6,
                "changed modules/db/main.tf", true));
    assertThat(result.get("terraform_data.vpc")).extracting(Attribution::sha)
        .containsExactly(rootEdit);
    assertThat(result.values()).allSatisfy(l -> assertThat(l).extracting(Attribution::sha)
        .doesNotContain(subdirectory, docs));
  }

  // ------------------------------------------------------------------ hand-built plans

  @Test
  void nestedLocalModulesFollowEachSourceAndFindTheRemovedInnerModuleCall() throws Exception {
    String base = repo
        .write("main.tf", "module \"a\" {\n  for_each = toset([\"x\"])\n  source = \"./modules/a\"\n}\n")
        .write("modules/a/main.tf", "variable \"v\" {}\n\nmodule \"b\" {\n  source = \"../b\"\n}\n")
        .write("modules/b/main.tf", "resource \"t\" \"n\" {}\n")
        .write("modules/c/main.tf", "resource \"t\" \"n\" {}\n")
        .commit("base\n");
    String inner = repo.write("modules/b/main.tf", "resource \"t\" \"n\" {\n  x = 1\n}\n")
        .commit("edit b\n");
    String removal = repo.write("modules/a/main.tf", "variable \"v\" {}\n").commit("drop b\n");
    String elsewhere = repo.delete("modules/c/main.tf").commit("drop c\n");

    Plan plan = plan(Map.of("module.a", "./modules/a", "module.a.module.b", "../b"));
    Map<String, List<Attribution>> result =
        attribute(plan, "", List.of(finding("module.a[\"x\"].module.b.t.n")), base);

    assertThat(result.get("module.a[\"x\"].module.b.t.n"))
        .extracting(Attribution::sha, Attribution::file, Attribution::line, Attribution::change)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(removal, "modules/a/main.tf", 3,
                "removed module \"b\""),
            org.assertj.core.groups.Tuple.tuple(inner, "modules/b/main.tf", 1,
                "changed modules/b/main.tf"));
    assertThat(result.get("module.a[\"x\"].module.b.t.n")).extracting(Attribution::sha)
        .doesNotContain(elsewhere);
  }

  @Test
  void aResourceRenameNamesBothNamesAndAnUnrelatedAddedTypeIsNotARename() throws Exception {
    String base = repo.write("main.tf",
        "resource \"aws_db_instance\" \"main\" {\n}\n\nresource \"aws_s3_bucket\" \"logs\" {\n}\n")
        .commit("base\n");
    String sha = repo.write("main.tf",
        "resource   aws_db_instance   \"primary\"   {\n}\n\nresource \"aws_sqs_queue\" \"q\" {\n}\n")
        .commit("rename\n");
    Map<String, List<Attribution>> result = attribute(plan(Map.of()), "",
        List.of(finding("aws_db_instance.main"), finding("aws_s3_bucket.logs"),
            finding("aws_sqs_queue.other")), base);

    assertThat(result.get("aws_db_instance.main")).singleElement().satisfies(a -> {
      assertThat(a.sha()).isEqualTo(sha);
      assertThat(a.change()).isEqualTo(
          "renamed resource \"aws_db_instance\" \"main\" to \"primary\"");
      assertThat(a.line()).isEqualTo(1);
    });
    assertThat(result.get("aws_s3_bucket.logs")).singleElement().satisfies(a -> {
      assertThat(a.change()).isEqualTo("removed resource \"aws_s3_bucket\" \"logs\"");
      assertThat(a.line()).isEqualTo(4);
    });
    // a resource whose block was not touched still gets the commit that changed its file
    assertThat(result.get("aws_sqs_queue.other")).singleElement().satisfies(a -> {
      assertThat(a.change()).isEqualTo("changed main.tf");
      assertThat(a.removesBlock()).isFalse();
    });
  }

  @Test
  void aBlockMovedToAnotherFileOfTheSameDirectoryIsNotARemoval() throws Exception {
    String base = repo.write("main.tf", "resource \"t\" \"a\" {\n}\n").write("other.tf", "\n")
        .commit("base\n");
    String move = repo.write("main.tf", "\n").write("other.tf", "\nresource \"t\" \"a\" {\n}\n")
        .commit("move\n");
    List<Attribution> a = attribute(plan(Map.of()), "", List.of(finding("t.a")), base).get("t.a");
    assertThat(a).extracting(Attribution::sha).containsOnly(move);
    assertThat(a).extracting(Attribution::change)
        .containsExactly("changed main.tf", "changed other.tf");
    assertThat(a).noneMatch(Attribution::removesBlock);
  }

  @Test
  void aFileRenameIsOneChangeUnderItsNewName() throws Exception {
    String base = repo.write("modules/network/network.tf",
        "resource \"t\" \"vpc\" {\n  a = 1\n  b = 2\n  c = 3\n  d = 4\n}\n")
        .write("modules/network/vars.tf", "variable \"x\" {}\n")
        .write("main.tf", "module \"net\" {\n  source = \"./modules/network\"\n}\n")
        .commit("base\n");
    repo.rename("modules/network/network.tf", "modules/network/net.tf")
        .write("modules/network/net.tf",
            "resource \"t\" \"vpc\" {\n  a = 1\n  b = 2\n  c = 3\n  d = 5\n}\n");
    String renameAndEdit = repo.commit("rename and edit\n");
    String pureRename = repo.rename("modules/network/vars.tf", "modules/network/variables.tf")
        .commit("pure rename\n");

    Map<String, List<Attribution>> result = attribute(
        plan(Map.of("module.net", "./modules/network")), "",
        List.of(finding("module.net.t.vpc")), base);
    assertThat(result.get("module.net.t.vpc"))
        .extracting(Attribution::sha, Attribution::file, Attribution::line, Attribution::change)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(pureRename, "modules/network/variables.tf", 0,
                "moved modules/network/vars.tf to modules/network/variables.tf"),
            org.assertj.core.groups.Tuple.tuple(renameAndEdit, "modules/network/net.tf", 5,
                "moved modules/network/network.tf to modules/network/net.tf and changed it"));
  }

  @Test
  void aResourceInARegistryModuleIsAttributedToItsModuleCall() throws Exception {
    String base = repo.write("main.tf",
        "module \"vpc\" {\n  source  = \"terraform-aws-modules/vpc/aws\"\n  version = \"5.0.0\"\n}\n"
            + "\nmodule \"git\" {\n  source = \"git::https://example.com/m.git\"\n}\n")
        .write("modules/local/main.tf", "resource \"aws_vpc\" \"this\" {}\n")
        .commit("base\n");
    String bump = repo.write("main.tf",
        "module \"vpc\" {\n  source  = \"terraform-aws-modules/vpc/aws\"\n  version = \"6.0.0\"\n}\n"
            + "\nmodule \"git\" {\n  source = \"git::https://example.com/m.git\"\n}\n")
        .commit("bump\n");
    String localOnly = repo.write("modules/local/main.tf", "").commit("local module edit\n");
    String removal = repo.write("main.tf", "module \"vpc\" {\n  source  = "
            + "\"terraform-aws-modules/vpc/aws\"\n  version = \"6.0.0\"\n}\n")
        .commit("drop git module\n");

    Plan plan = plan(Map.of("module.vpc", "terraform-aws-modules/vpc/aws",
        "module.git", "git::https://example.com/m.git"));
    Map<String, List<Attribution>> result = attribute(plan, "",
        List.of(finding("module.vpc.aws_vpc.this[0]"), finding("module.git.aws_vpc.this")), base);

    assertThat(result.get("module.vpc.aws_vpc.this[0]"))
        .extracting(Attribution::sha, Attribution::change, Attribution::line)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(removal, "changed main.tf", 5),
            org.assertj.core.groups.Tuple.tuple(bump, "changed main.tf", 3));
    assertThat(result.get("module.git.aws_vpc.this")).first().satisfies(a -> {
      assertThat(a.sha()).isEqualTo(removal);
      assertThat(a.change()).isEqualTo("removed module \"git\"");
      assertThat(a.line()).isEqualTo(6);
    });
    assertThat(result.values()).allSatisfy(l -> assertThat(l).extracting(Attribution::sha)
        .doesNotContain(localOnly));
  }

  @Test
  void blockRemovalsComeFirstThenNewestFirstWithoutDuplicatesAndAtMostTen() throws Exception {
    String base = repo.write("main.tf", "resource \"t\" \"keep\" {}\nresource \"t\" \"gone\" {}\n")
        .write("vars.tf", "v0\n").commit("base\n");
    List<String> edits = new ArrayList<>();
    for (int i = 1; i <= 6; i++) {
      edits.add(repo.write("vars.tf", "v" + i + "\n").commit("edit " + i + "\n"));
    }
    String removal = repo.write("main.tf", "resource \"t\" \"keep\" {}\n")
        .write("vars.tf", "v-removal\n").commit("remove gone\n");
    for (int i = 7; i <= 12; i++) {
      edits.add(repo.write("vars.tf", "v" + i + "\n").commit("edit " + i + "\n"));
    }

    List<Attribution> a =
        attribute(plan(Map.of()), "", List.of(finding("t.gone")), base).get("t.gone");

    assertThat(a).hasSize(Attributor.MAX_PER_FINDING);
    assertThat(a.get(0).sha()).isEqualTo(removal);
    assertThat(a.get(0).change()).isEqualTo("removed resource \"t\" \"gone\"");
    assertThat(a.get(0).line()).isEqualTo(2);
    // then the newest edits, each (sha, file) once: edit 12 down to edit 7, then the removal
    // commit's other file, then edits 6 and 5
    List<String> rest = a.subList(1, a.size()).stream()
        .map(x -> x.sha() + " " + x.file()).toList();
    List<String> expected = new ArrayList<>();
    for (int i = 11; i >= 6; i--) {
      expected.add(edits.get(i) + " vars.tf");
    }
    expected.add(removal + " vars.tf");
    expected.add(edits.get(5) + " vars.tf");
    expected.add(edits.get(4) + " vars.tf");
    assertThat(rest).containsExactlyElementsOf(expected);
  }

  @Test
  void bothSidesOfAMergeAreSeenButTheMergeCommitItselfIsNotNamed() throws Exception {
    String base = repo.write("main.tf", "module \"env\" {\n  source = \"./env\"\n}\n")
        .write("env/main.tf", "resource \"t\" \"a\" {}\n").commit("base\n");
    repo.branch("agent");
    String agentRemoval = repo.write("main.tf", "\n").commit("remove env\n", GitFixture.CLAUDE);
    repo.checkout("main");
    String human = repo.write("env/main.tf", "resource \"t\" \"a\" {\n}\n").commit("human\n");
    String merge = repo.merge("agent", "Merge agent work\n");

    Map<String, List<Attribution>> result = attribute(plan(Map.of()), "",
        List.of(finding("module.env.t.a")), base);
    assertThat(result.get("module.env.t.a")).extracting(Attribution::sha, Attribution::change)
        .containsExactly(org.assertj.core.groups.Tuple.tuple(agentRemoval,
            "removed module \"env\""));
    assertThat(result.get("module.env.t.a")).extracting(Attribution::sha)
        .doesNotContain(merge, human);
  }

  @Test
  void directoryNamesWithGlobCharactersAreTakenLiterally() throws Exception {
    String base = repo.write("main.tf", "module \"w\" {\n  source = \"./modules/we*ird [x]\"\n}\n")
        .write("modules/we*ird [x]/main.tf", "resource \"t\" \"a\" {}\n")
        .write("modules/weXird x/main.tf", "resource \"t\" \"a\" {}\n")
        .commit("base\n");
    String sibling = repo.write("modules/weXird x/main.tf", "\n").commit("sibling\n");
    String removal = repo.write("modules/we*ird [x]/main.tf", "\n").commit("remove\n");

    List<Attribution> a = attribute(plan(Map.of("module.w", "./modules/we*ird [x]")), "",
        List.of(finding("module.w.t.a")), base).get("module.w.t.a");
    assertThat(a).singleElement().satisfies(x -> {
      assertThat(x.sha()).isEqualTo(removal);
      assertThat(x.file()).isEqualTo("modules/we*ird [x]/main.tf");
      assertThat(x.change()).isEqualTo("removed resource \"t\" \"a\"");
    });
    assertThat(a).extracting(Attribution::sha).doesNotContain(sibling);
  }

  @Test
  void aPlanInASubdirectoryResolvesSourcesFromThereAndIgnoresEscapingOnes() throws Exception {
    String base = repo.write("infra/prod/main.tf", "module \"net\" {}\n")
        .write("infra/modules/net/main.tf", "resource \"t\" \"vpc\" {}\n")
        .write("main.tf", "resource \"t\" \"vpc\" {}\n")
        .commit("base\n");
    String moduleEdit = repo.write("infra/modules/net/main.tf", "resource \"t\" \"vpc\" {}\n#\n")
        .commit("module edit\n");
    String topEdit = repo.write("main.tf", "\n").commit("top-level edit\n");

    Plan plan = plan(Map.of("module.net", "../modules/net", "module.out", "../../../outside"));
    Map<String, List<Attribution>> result = attribute(plan, "./infra/prod/",
        List.of(finding("module.net.t.vpc"), finding("module.out.t.vpc")), base);
    assertThat(result.get("module.net.t.vpc")).extracting(Attribution::sha, Attribution::file)
        .containsExactly(org.assertj.core.groups.Tuple.tuple(moduleEdit,
            "infra/modules/net/main.tf"));
    assertThat(result.get("module.out.t.vpc")).isEmpty();
    assertThat(result.values()).allSatisfy(l -> assertThat(l).extracting(Attribution::sha)
        .doesNotContain(topEdit));

    GitRepository git = GitRepository.open(repo.dir());
    CommitRange range = git.range(base, "HEAD");
    Attributor attributor = new Attributor(git);
    assertThatThrownBy(() -> attributor.attribute(plan, "../elsewhere", List.of(), range, s -> null))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'../elsewhere'");
    assertThatThrownBy(() -> attributor.attribute(plan, "/abs", List.of(), range, s -> null))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("absolute");
  }

  @Test
  void jsonConfigurationAndVariableFilesAreOnlyEverChanged() throws Exception {
    String base = repo.write("main.tf.json",
        "{\"resource\": {\"t\": {\"a\": {}}}}\n").commit("base\n");
    String sha = repo.write("main.tf.json", "{}\n")
        .write("prod.tfvars", "x = 1\n")
        .write("prod.auto.tfvars.json", "{}\n")
        .write("notes.txt", "resource \"t\" \"a\" {}\n")
        .commit("json\n");
    List<Attribution> a =
        attribute(plan(Map.of()), "", List.of(finding("t.a")), base).get("t.a");
    assertThat(a).extracting(Attribution::sha).containsOnly(sha);
    assertThat(a).extracting(Attribution::change).containsExactly(
        "changed main.tf.json", "added prod.auto.tfvars.json", "added prod.tfvars");
  }

  @Test
  void aHundredThousandFindingsAreAttributedQuickly() throws Exception {
    StringBuilder main = new StringBuilder();
    for (int m = 0; m < 5; m++) {
      main.append("module \"m").append(m).append("\" {\n  source = \"./modules/m").append(m)
          .append("\"\n}\n");
    }
    repo.write("main.tf", main.toString());
    for (int m = 0; m < 5; m++) {
      StringBuilder body = new StringBuilder();
      for (int r = 0; r < 200; r++) {
        body.append("resource \"t\" \"r").append(r).append("\" {}\n");
      }
      repo.write("modules/m" + m + "/main.tf", body.toString());
    }
    String base = repo.commit("base\n");
    for (int i = 0; i < 30; i++) {
      repo.write("modules/m" + (i % 5) + "/vars.tf", "# " + i + "\n").commit("edit " + i + "\n");
    }
    repo.write("modules/m0/main.tf", "").commit("remove everything in m0\n");

    Map<String, String> sources = new HashMap<>();
    List<Finding> findings = new ArrayList<>(100_000);
    for (int m = 0; m < 5; m++) {
      sources.put("module.m" + m, "./modules/m" + m);
      for (int r = 0; r < 200; r++) {
        for (int k = 0; k < 100; k++) {
          findings.add(finding("module.m" + m + ".t.r" + r + "[" + k + "]"));
        }
      }
    }
    Plan plan = plan(sources);
    GitRepository git = GitRepository.open(repo.dir());
    CommitRange range = git.range(base, "HEAD");

    long t0 = System.nanoTime();
    Map<String, List<Attribution>> result =
        new Attributor(git).attribute(plan, "", findings, range, bySha());
    long ms = (System.nanoTime() - t0) / 1_000_000;

    assertThat(result).hasSize(100_000);
    assertThat(result.get("module.m0.t.r7[3]").get(0).change())
        .isEqualTo("removed resource \"t\" \"r7\"");
    assertThat(result.get("module.m1.t.r7[3]")).hasSize(6);
    // A guard against quadratic work (minutes), not a speed target: loaded CI machines need
    // several seconds for what takes one on a quiet one.
    assertThat(ms).as("milliseconds for 100 000 findings, git included").isLessThan(20_000);
  }

  // ------------------------------------------------------------------------------ helpers

  private Map<String, List<Attribution>> attribute(
      Plan plan, String moduleDir, List<Finding> findings, String base) throws Exception {
    GitRepository git = GitRepository.open(repo.dir());
    CommitRange range = git.range(base, "HEAD");
    return new Attributor(git).attribute(plan, moduleDir, findings, range, bySha());
  }

  /** Agent commits get an authorship record; the others none, as if no rule knew them. */
  private Function<String, CommitAuthorship> bySha() {
    return sha -> aiCommits.contains(sha)
        ? new CommitAuthorship(sha, "Claude <noreply@anthropic.com>", "subject", true,
            "Claude Code", List.of())
        : null;
  }

  static Plan plan(Map<String, String> moduleSources) {
    return new Plan("plan.json", PlanFormat.TERRAFORM, "1.2", "1.11.4", List.of(),
        Dependencies.none(), 0, List.of(), false, true, List.of(), moduleSources);
  }

  static Finding finding(String address) {
    return new Finding("plan.json", address, null, ResourceAddress.parse(address).type(),
        FindingAction.DELETE, null, null, List.of("delete"), List.of(), false, null, null, null,
        "deleted", new Downstream(List.of(), List.of()), null);
  }

  private static String read(Path file) throws java.io.IOException {
    return java.nio.file.Files.readString(file);
  }

  @Test
  void blockHeadersAreReadInLinearTimeOnHostileLines() {
    int n = 64 * 1024;
    List<String> lines = List.of(
        "resource" + " ".repeat(n) + "x",
        "resource \"a\" \"b\"" + " ".repeat(n) + "x",
        "resource " + "a".repeat(n) + " " + "b".repeat(n) + " !",
        "module \"" + "\\".repeat(n),
        " ".repeat(n) + "data \"t\" \"n\" {");
    long t0 = System.nanoTime();
    for (String line : lines) {
      Block.parse(line);
    }
    assertThat((System.nanoTime() - t0) / 1_000_000).as("milliseconds").isLessThan(2_000);
    assertThat(Block.parse(lines.get(4))).isEqualTo(Block.resource(true, "t", "n"));
  }
}
