package dev.plangate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.plangate.core.testing.GitFixture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code plangate check} on CloudFormation templates: pairs, git, cdk.out, change set graphs. */
class CloudFormationTemplateCliTest {
  static final ObjectMapper JSON = new ObjectMapper();
  static final Path CHANGE_SET = CliRun.repoRoot()
      .resolve("analyzer-core/src/test/resources/cloudformation/changesets/conditional-replacement.json");
  static final Path CDK = CliRun.repoRoot()
      .resolve("analyzer-core/src/test/resources/dev/plangate/core/cloudformation/cdk");

  @TempDir Path tmp;

  static JsonNode json(String... args) throws Exception {
    List<String> all = new ArrayList<>(List.of("check", "--format", "json"));
    all.addAll(List.of(args));
    CliRun r = CliRun.run(all.toArray(String[]::new));
    assertThat(r.err()).isEmpty();
    return JSON.readTree(r.out());
  }

  static JsonNode finding(JsonNode report, String address) {
    for (JsonNode f : report.get("findings")) {
      if (f.get("address").asText().equals(address)) {
        return f;
      }
    }
    throw new AssertionError("no finding for " + address + " in " + report.get("findings"));
  }

  /** A web tier: a log bucket kept on delete, and the launch configuration of its instances. */
  static final String WEB_BEFORE = """
      AWSTemplateFormatVersion: "2010-09-09"
      Resources:
        LogsBucket:
          Type: AWS::S3::Bucket
          DeletionPolicy: Retain
        LaunchConfig:
          Type: AWS::AutoScaling::LaunchConfiguration
          Properties:
            ImageId: ami-0aaaaaaaaaaaaaaa1
            InstanceType: t3.small
        WebGroup:
          Type: AWS::AutoScaling::AutoScalingGroup
          Properties:
            LaunchConfigurationName: !Ref LaunchConfig
            MinSize: "1"
            MaxSize: "3"
      """;

  /** The bucket is dropped from the template (kept in AWS) and the image changes. */
  static final String WEB_AFTER = WEB_BEFORE
      .replace("  LogsBucket:\n    Type: AWS::S3::Bucket\n    DeletionPolicy: Retain\n", "")
      .replace("ami-0aaaaaaaaaaaaaaa1", "ami-0bbbbbbbbbbbbbbb2");

  @Test
  void twoTemplatesAreDiffedOffline() throws Exception {
    Path before = Files.writeString(tmp.resolve("web.before.yaml"), WEB_BEFORE);
    Path after = Files.writeString(tmp.resolve("web.after.yaml"), WEB_AFTER);
    assertThat(WEB_AFTER).doesNotContain("LogsBucket").contains("ami-0bbbbbbbbbbbbbbb2");
    JsonNode r = json("--template-before", before.toString(), "--template-after",
        after.toString());
    assertThat(r.get("plans").get(0).get("format").asText()).isEqualTo("cloudformation-template");
    assertThat(finding(r, "LogsBucket").get("action").asText()).isEqualTo("forget");
    assertThat(finding(r, "LaunchConfig").get("action").asText()).isEqualTo("replace");
    assertThat(finding(r, "LaunchConfig").get("location").asText())
        .startsWith(after + ":");
    assertThat(r.get("decision").asText()).isEqualTo("approval_required");
  }

  @Test
  void aTemplateGivesAChangeSetItsHiddenDependents() throws Exception {
    Path template = Files.writeString(tmp.resolve("orders.yaml"), """
        AWSTemplateFormatVersion: 2010-09-09
        Parameters:
          DbZone:
            Type: String
        Resources:
          OrdersDb:
            Type: AWS::RDS::DBInstance
            Properties:
              DBInstanceClass: db.t3.micro
              AvailabilityZone: !Ref DbZone
          ReportJob:
            Type: AWS::Lambda::Function
            Properties:
              Environment:
                Variables:
                  DB: !Sub "${OrdersDb.Endpoint.Address}:5432"
          Nightly:
            Type: AWS::Events::Rule
            DependsOn: OrdersDb
            Properties:
              ScheduleExpression: rate(1 day)
        """);
    JsonNode without = json("--plan", CHANGE_SET.toString());
    assertThat(finding(without, "OrdersDb").get("downstream").get("unchanged")).isEmpty();

    JsonNode with = json("--plan", CHANGE_SET.toString(), "--template", template.toString());
    JsonNode db = finding(with, "OrdersDb");
    assertThat(db.get("conditional").asBoolean()).isTrue();
    assertThat(db.get("downstream").get("unchanged")).extracting(JsonNode::asText)
        .containsExactly("Nightly", "ReportJob");
  }

  @Test
  void aTemplateIsDiffedAgainstItsVersionAtTheBase() throws Exception {
    GitFixture git = GitFixture.init(tmp.resolve("repo"));
    git.write("stack.yaml", """
        Resources:
          MasterDB:
            Type: AWS::RDS::DBInstance
            Properties: {Engine: mysql, DBInstanceClass: db.t3.micro, AllocatedStorage: "20"}
          ReplicaDB:
            Type: AWS::RDS::DBInstance
            Properties: {SourceDBInstanceIdentifier: !Ref MasterDB, DBInstanceClass: db.t3.micro}
          Alerts:
            Type: AWS::SNS::Topic
        """);
    git.commit("Database stack");
    git.write("stack.yaml", """
        Resources:
          Alerts:
            Type: AWS::SNS::Topic
        """);
    String ai = git.commit("Drop the master\n\nCo-authored-by: Cursor <cursoragent@cursor.com>\n");

    CliRun r = CliRun.run("check", "--template", git.dir().resolve("stack.yaml").toString(),
        "--base", "HEAD~1", "--repo", git.dir().toString());

    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.firstOutLine()).startsWith("✖ plangate: approval required — an AI-authored"
        + " change destroys 2");
    assertThat(r.out()).contains("DESTROY  MasterDB").contains("Why AI:  " + ai.substring(0, 7));
  }

  @Test
  void cdkOutDirectoriesAreDiffedStackByStack() throws Exception {
    JsonNode r = json("--cdk-out", CDK.resolve("head").toString(), "--cdk-out-base",
        CDK.resolve("base").toString());
    assertThat(r.get("errors")).isEmpty();
    assertThat(r.get("findings")).isNotEmpty();
    assertThat(r.get("findings")).allSatisfy(f -> assertThat(f.get("address").asText())
        .contains("/"));
  }

  @Test
  void halfAPairIsAUsageError() throws Exception {
    Path after = Files.writeString(tmp.resolve("web.after.yaml"), WEB_AFTER);
    CliRun r = CliRun.run("check", "--template-after", after.toString());
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains("--template-before and --template-after go together");

    CliRun t = CliRun.run("check", "--template", after.toString());
    assertThat(t.exitCode()).isEqualTo(2);
    assertThat(t.err()).contains("--template needs a change set");
  }

  @Test
  void aTemplateWithAnUnknownTagIsAnInputError() throws Exception {
    Path bad = Files.writeString(tmp.resolve("bad.yaml"),
        "Resources:\n  A:\n    Type: AWS::SNS::Topic\n    Properties:\n      TopicName: !Evil x\n");
    CliRun r = CliRun.run("check", "--template-before", bad.toString(), "--template-after",
        bad.toString());
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains("bad.yaml").contains("!Evil");
  }
}
