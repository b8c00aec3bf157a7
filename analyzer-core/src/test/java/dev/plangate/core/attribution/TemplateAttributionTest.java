package dev.plangate.core.attribution;

import static org.assertj.core.api.Assertions.assertThat;

import dev.plangate.core.api.CheckRequest;
import dev.plangate.core.api.CommitSelection;
import dev.plangate.core.api.PlanExtras;
import dev.plangate.core.authorship.Attribution;
import dev.plangate.core.gate.Decision;
import dev.plangate.core.impact.Finding;
import dev.plangate.core.pipeline.Pipeline;
import dev.plangate.core.report.Report;
import dev.plangate.core.testing.GitFixture;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * CloudFormation template findings name the commits of the range that changed their resource's
 * part of the template, through the whole pipeline on a real git repository.
 */
class TemplateAttributionTest {
  private static final String CLAUDE_TRAILER =
      "\n\nCo-Authored-By: Claude <noreply@anthropic.com>\n";

  @TempDir Path tmp;

  private static final String YAML_BASE = """
      AWSTemplateFormatVersion: "2010-09-09"
      Resources:
        Orders:
          Type: AWS::DynamoDB::Table
          Properties:
            TableName: orders
            BillingMode: PAY_PER_REQUEST
        Assets:
          Type: AWS::S3::Bucket
          Properties:
            BucketName: assets-v1
        Queue:
          Type: AWS::SQS::Queue
      Outputs:
        QueueUrl:
          Value: !Ref Queue
      """;

  private Report check(GitFixture repo, String base, String template) {
    return new Pipeline().check(CheckRequest.builder(List.of())
        .commits(repo.dir(), CommitSelection.between(base, "HEAD"))
        .extras(new PlanExtras(null, List.of(repo.dir().resolve(template)), null, null, null,
            null))
        .today(LocalDate.of(2026, 6, 1)).build());
  }

  private static Finding finding(Report r, String address) {
    return r.findings().stream().filter(f -> f.address().equals(address)).findFirst()
        .orElseThrow(() -> new AssertionError("no finding for " + address + ": " + r.findings()
            + " errors " + r.errors()));
  }

  @Test
  void theRemovedResourceNamesTheAiCommitAndTheEditedOneTheHumanCommit() {
    GitFixture repo = GitFixture.init(tmp.resolve("repo"));
    String base = repo.write("infra/stack.yaml", YAML_BASE).commit("Initial stack\n");
    String ai = repo.write("infra/stack.yaml", YAML_BASE.replace("""
          Orders:
            Type: AWS::DynamoDB::Table
            Properties:
              TableName: orders
              BillingMode: PAY_PER_REQUEST
        """, "")).commit("Tidy the stack" + CLAUDE_TRAILER, GitFixture.CLAUDE);
    String human = repo.write("infra/stack.yaml", YAML_BASE.replace("""
          Orders:
            Type: AWS::DynamoDB::Table
            Properties:
              TableName: orders
              BillingMode: PAY_PER_REQUEST
        """, "").replace("assets-v1", "assets-v2")).commit("Rename the assets bucket\n");

    Report r = check(repo, base, "infra/stack.yaml");

    assertThat(r.errors()).isEmpty();
    List<Attribution> orders = finding(r, "Orders").attribution();
    assertThat(orders).extracting(Attribution::sha).containsExactly(ai);
    Attribution cause = orders.get(0);
    assertThat(cause.ai()).isTrue();
    assertThat(cause.removesBlock()).isTrue();
    assertThat(cause.change()).isEqualTo("removed resource Orders");
    assertThat(cause.file()).isEqualTo("infra/stack.yaml");
    assertThat(cause.line()).isEqualTo(3);

    List<Attribution> assets = finding(r, "Assets").attribution();
    assertThat(assets).extracting(Attribution::sha).containsExactly(human);
    assertThat(assets.get(0).ai()).isFalse();
    assertThat(assets.get(0).change()).isEqualTo("changed resource Assets");

    // as for Terraform: an AI-authored change that destroys needs a human's approval, and the
    // reason names the commit that removed the table
    assertThat(r.decision()).isEqualTo(Decision.APPROVAL_REQUIRED);
    assertThat(r.reasons().toString()).contains("caused by commit " + ai.substring(0, 7))
        .contains("which removed resource Orders in infra/stack.yaml:3");
  }

  @Test
  void aJsonTemplateIsAttributedByItsLinesToo() {
    GitFixture repo = GitFixture.init(tmp.resolve("repo"));
    String before = """
        {
          "Resources": {
            "Orders": {
              "Type": "AWS::DynamoDB::Table",
              "Properties": {"TableName": "orders"}
            },
            "Queue": {"Type": "AWS::SQS::Queue"}
          }
        }
        """;
    String base = repo.write("stack.json", before).commit("Initial stack\n");
    String human = repo.write("README.md", "unrelated\n").commit("Docs\n");
    String ai = repo.write("stack.json", before.replace("""
            "Orders": {
              "Type": "AWS::DynamoDB::Table",
              "Properties": {"TableName": "orders"}
            },
        """, "")).commit("Drop the table" + CLAUDE_TRAILER, GitFixture.CLAUDE);

    Report r = check(repo, base, "stack.json");

    assertThat(r.errors()).isEmpty();
    assertThat(finding(r, "Orders").attribution()).extracting(Attribution::sha,
        Attribution::change).containsExactly(org.assertj.core.groups.Tuple.tuple(ai,
            "removed resource Orders"));
    assertThat(human).isNotEqualTo(ai);
  }
}
