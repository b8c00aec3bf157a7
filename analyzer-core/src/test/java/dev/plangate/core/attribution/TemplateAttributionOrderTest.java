package dev.plangate.core.attribution;

import static org.assertj.core.api.Assertions.assertThat;

import dev.plangate.core.api.CheckRequest;
import dev.plangate.core.api.CommitSelection;
import dev.plangate.core.api.PlanExtras;
import dev.plangate.core.authorship.Attribution;
import dev.plangate.core.impact.Finding;
import dev.plangate.core.pipeline.Pipeline;
import dev.plangate.core.report.Report;
import dev.plangate.core.testing.GitFixture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Which commits a template finding names and in what order: the removal first, then newest
 * first, each commit once, at most ten; a change that only adds lines to a resource counts; a
 * stack of a cdk.out directory is found in its own template; a template outside the repository
 * names nothing.
 */
class TemplateAttributionOrderTest {
  private static final String CLAUDE_TRAILER =
      "\n\nCo-Authored-By: Claude <noreply@anthropic.com>\n";

  @TempDir Path tmp;

  private static final String STACK = """
      Resources:
        Assets:
          Type: AWS::S3::Bucket
          Properties:
            BucketName: assets-v1
        Queue:
          Type: AWS::SQS::Queue
      """;

  private static String withoutAssets(String yaml) {
    int from = yaml.indexOf("  Assets:");
    int to = yaml.indexOf("  Queue:");
    return yaml.substring(0, from) + yaml.substring(to);
  }

  private static Report check(GitFixture repo, String base, PlanExtras extras) {
    return new Pipeline().check(CheckRequest.builder(List.of())
        .commits(repo.dir(), CommitSelection.between(base, "HEAD")).extras(extras)
        .today(LocalDate.of(2026, 6, 1)).build());
  }

  private static PlanExtras template(Path file) {
    return new PlanExtras(null, List.of(file), null, null, null, null);
  }

  private static Finding finding(Report r, String address) {
    return r.findings().stream().filter(f -> f.address().equals(address)).findFirst()
        .orElseThrow(() -> new AssertionError("no finding for " + address + ": " + r.findings()
            + " errors " + r.errors()));
  }

  @Test
  void theRemovalComesFirstThenTheOtherCommitsNewestFirst() {
    GitFixture repo = GitFixture.init(tmp.resolve("repo"));
    String base = repo.write("stack.yaml", STACK).commit("Stack\n");
    String v2 = STACK.replace("assets-v1", "assets-v2");
    String first = repo.write("stack.yaml", v2).commit("Rename the bucket\n");
    // only adds a line to the resource
    String v3 = v2.replace("      BucketName: assets-v2\n",
        "      BucketName: assets-v2\n      VersioningConfiguration: {Status: Enabled}\n");
    String added = repo.write("stack.yaml", v3).commit("Version the bucket" + CLAUDE_TRAILER,
        GitFixture.CLAUDE);
    String removal = repo.write("stack.yaml", withoutAssets(v3)).commit("Drop the bucket\n");
    String later = repo.write("stack.yaml", withoutAssets(v3).replace("AWS::SQS::Queue",
        "AWS::SQS::Queue\n    Properties: {DelaySeconds: 5}")).commit("Delay the queue\n");

    Report r = check(repo, base, template(repo.dir().resolve("stack.yaml")));

    assertThat(r.errors()).isEmpty();
    List<Attribution> assets = finding(r, "Assets").attribution();
    assertThat(assets).extracting(Attribution::sha).containsExactly(removal, added, first);
    assertThat(assets).extracting(Attribution::change).containsExactly("removed resource Assets",
        "changed resource Assets", "changed resource Assets");
    assertThat(assets.get(0).line()).isEqualTo(2);
    assertThat(assets.get(1).ai()).isTrue();
    assertThat(assets.get(1).agent()).isNotNull();
    assertThat(assets.get(1).line()).isEqualTo(6);
    assertThat(assets.get(2).ai()).isFalse();
    assertThat(later).isNotIn(assets.stream().map(Attribution::sha).toList());
  }

  @Test
  void atMostTenCommitsAreNamedNewestFirst() {
    GitFixture repo = GitFixture.init(tmp.resolve("repo"));
    String base = repo.write("stack.yaml", STACK).commit("Stack\n");
    List<String> edits = new ArrayList<>();
    String text = STACK;
    for (int i = 2; i <= 12; i++) {
      text = STACK.replace("assets-v1", "assets-v" + i);
      edits.add(repo.write("stack.yaml", text).commit("Bucket v" + i + "\n"));
    }
    String removal = repo.write("stack.yaml", withoutAssets(text)).commit("Drop the bucket\n");

    Report r = check(repo, base, template(repo.dir().resolve("stack.yaml")));

    List<String> shas = finding(r, "Assets").attribution().stream().map(Attribution::sha)
        .toList();
    assertThat(shas).hasSize(10);
    assertThat(shas.get(0)).isEqualTo(removal);
    assertThat(shas.subList(1, 10)).containsExactly(edits.get(10), edits.get(9), edits.get(8),
        edits.get(7), edits.get(6), edits.get(5), edits.get(4), edits.get(3), edits.get(2));
  }

  private static final String ASSEMBLY = "{\"artifacts\": {\"S\": {\"type\":"
      + " \"aws:cloudformation:stack\", \"properties\": {\"templateFile\":"
      + " \"S.template.json\"}}}}";

  private static final String TWO_BUCKETS = """
      {
        "Resources": {
          "Keep": {
            "Type": "AWS::S3::Bucket"
          },
          "Gone": {
            "Type": "AWS::S3::Bucket"
          }
        }
      }
      """;

  @Test
  void aStackOfACloudAssemblyIsAttributedInItsOwnTemplate() {
    GitFixture repo = GitFixture.init(tmp.resolve("repo"));
    repo.write("cdk.out/manifest.json", ASSEMBLY);
    String base = repo.write("cdk.out/S.template.json", TWO_BUCKETS).commit("Synth\n");
    String ai = repo.write("cdk.out/S.template.json", TWO_BUCKETS.replace(
        ",\n    \"Gone\": {\n      \"Type\": \"AWS::S3::Bucket\"\n    }", ""))
        .commit("Drop Gone" + CLAUDE_TRAILER, GitFixture.CLAUDE);

    Report r = check(repo, base,
        new PlanExtras(null, List.of(), null, null, repo.dir().resolve("cdk.out"), null));

    assertThat(r.errors()).isEmpty();
    Finding gone = r.findings().stream().filter(f -> f.address().endsWith("Gone")).findFirst()
        .orElseThrow(() -> new AssertionError(r.findings().toString()));
    assertThat(gone.address()).isEqualTo("S/Gone");
    assertThat(gone.attribution()).extracting(Attribution::sha, Attribution::file,
        Attribution::change).containsExactly(org.assertj.core.groups.Tuple.tuple(ai,
            "cdk.out/S.template.json", "removed resource Gone"));
  }

  @Test
  void aTemplateOutsideTheRepositoryNamesNoCommit() throws Exception {
    GitFixture repo = GitFixture.init(tmp.resolve("repo"));
    String base = repo.write("stack.yaml", STACK).commit("Stack\n");
    repo.write("stack.yaml", withoutAssets(STACK)).commit("Drop the bucket\n");
    Path outside = Files.createDirectories(tmp.resolve("outside"));
    Path before = Files.writeString(outside.resolve("before.yaml"), STACK);
    Path after = Files.writeString(outside.resolve("after.yaml"), withoutAssets(STACK));

    Report r = check(repo, base, new PlanExtras(null, List.of(), before, after, null, null));

    assertThat(r.errors()).isEmpty();
    assertThat(finding(r, "Assets").attribution()).isEmpty();
  }
}
