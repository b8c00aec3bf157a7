package dev.plangate.core.cloudformation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.plangate.core.catalog.ResourceCatalog;
import dev.plangate.core.git.GitException;
import dev.plangate.core.git.GitRepository;
import dev.plangate.core.impact.Finding;
import dev.plangate.core.impact.FindingAction;
import dev.plangate.core.impact.ImpactAnalyzer;
import dev.plangate.core.model.ChangeKind;
import dev.plangate.core.model.Plan;
import dev.plangate.core.model.PlanFormat;
import dev.plangate.core.model.ReplaceOrder;
import dev.plangate.core.model.ResourceChange;
import dev.plangate.core.plan.PlanReadException;
import dev.plangate.core.testing.GitFixture;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TemplateDiffTest {

  private static Plan diff(String before, String after) throws PlanReadException {
    return TemplateDiff.diff(TemplateReader.parse(before, "before.yaml"),
        TemplateReader.parse(after, "after.yaml"), "stack.yaml");
  }

  private static ResourceChange change(Plan plan, String address) {
    return plan.changes().stream().filter(c -> c.address().equals(address)).findFirst()
        .orElseThrow(() -> new AssertionError("no change for " + address + " in "
            + plan.changes().stream().map(ResourceChange::address).toList()));
  }

  private static Finding finding(Plan plan, String address) {
    return new ImpactAnalyzer(ResourceCatalog.builtin()).analyze(plan).stream()
        .filter(f -> f.address().equals(address)).findFirst()
        .orElseThrow(() -> new AssertionError("no finding for " + address));
  }

  @Test
  void aCertainReplacementLeadsWithItsCertainCausesNotWithTheOneThatMayReplace()
      throws Exception {
    // UserData replaces an instance only for some values; ImageId and KeyName always do.
    Plan plan = diff("""
        Resources:
          Web: {Type: AWS::EC2::Instance, Properties: {UserData: one, ImageId: ami-1, KeyName: a}}
        """, """
        Resources:
          Web: {Type: AWS::EC2::Instance, Properties: {UserData: two, ImageId: ami-2, KeyName: b}}
        """);
    ResourceChange web = change(plan, "Web");
    assertThat(web.kind()).isEqualTo(ChangeKind.REPLACE);
    assertThat(web.conditional()).isFalse();
    String[] clauses = web.why().split("; ");
    assertThat(clauses).hasSize(3);
    assertThat(clauses[0]).contains("cannot change ImageId").doesNotContain("some values");
    assertThat(clauses[1]).contains("cannot change KeyName");
    assertThat(clauses[2]).contains("UserData").contains("replaces it for some values");
    Finding f = finding(plan, "Web");
    assertThat(f.conditional()).isFalse();
    assertThat(f.explanation()).startsWith("Web will be destroyed and recreated because ImageId"
        + " changed, and CloudFormation cannot change ImageId");
  }

  @Test
  void aPlanFromTemplatesLooksLikeAnyOtherPlan() throws Exception {
    Plan plan = diff("""
        AWSTemplateFormatVersion: 2010-09-09
        Resources:
          Topic: {Type: AWS::SNS::Topic}
        """, """
        AWSTemplateFormatVersion: 2010-09-09
        Resources:
          Topic: {Type: AWS::SNS::Topic}
          Queue: {Type: AWS::SQS::Queue}
        """);
    assertThat(plan.format()).isEqualTo(PlanFormat.CLOUDFORMATION_TEMPLATE);
    assertThat(plan.source()).isEqualTo("stack.yaml");
    assertThat(plan.formatVersion()).isEqualTo("2010-09-09");
    assertThat(plan.complete()).isTrue();
    assertThat(plan.errored()).isFalse();
    assertThat(change(plan, "Topic").kind()).isEqualTo(ChangeKind.NO_OP);
    assertThat(change(plan, "Queue").kind()).isEqualTo(ChangeKind.CREATE);
    assertThat(change(plan, "Queue").why()).isEqualTo("it was added to the template");
    assertThat(change(plan, "Queue").rawActions()).containsExactly("WILL_CREATE");
    assertThat(change(plan, "Queue").location()).isEqualTo("after.yaml:4");
  }

  @Test
  void deletionPolicyDecidesWhatARemovalDoes() throws Exception {
    Plan plan = diff("""
        Resources:
          Kept: {Type: AWS::S3::Bucket, DeletionPolicy: Retain}
          KeptUnlessNew: {Type: AWS::S3::Bucket, DeletionPolicy: RetainExceptOnCreate}
          Snapped: {Type: AWS::EC2::Volume, DeletionPolicy: Snapshot, Properties: {Size: 1}}
          Gone: {Type: AWS::S3::Bucket}
          Db: {Type: AWS::RDS::DBInstance, Properties: {Engine: mysql}}
          ClusterMember:
            Type: AWS::RDS::DBInstance
            Properties: {Engine: aurora-mysql, DBClusterIdentifier: c}
          Stay: {Type: AWS::SNS::Topic}
        """, """
        Resources:
          Stay: {Type: AWS::SNS::Topic}
        """);
    ResourceChange kept = change(plan, "Kept");
    assertThat(kept.kind()).isEqualTo(ChangeKind.FORGET);
    assertThat(kept.order()).isNull();
    assertThat(kept.why()).isEqualTo("it was removed from the template; its DeletionPolicy is"
        + " Retain, so it is kept, no longer managed by the stack");
    assertThat(kept.location()).isEqualTo("before.yaml:2");
    assertThat(change(plan, "KeptUnlessNew").kind()).isEqualTo(ChangeKind.FORGET);
    ResourceChange snapped = change(plan, "Snapped");
    assertThat(snapped.kind()).isEqualTo(ChangeKind.DELETE);
    assertThat(snapped.why()).endsWith("its DeletionPolicy is Snapshot, so a snapshot is taken"
        + " first");
    assertThat(change(plan, "Gone").why()).isEqualTo("it was removed from the template;"
        + " AWS::S3::Bucket holds data, which goes with it");
    assertThat(change(plan, "Db").kind()).isEqualTo(ChangeKind.DELETE);
    assertThat(change(plan, "Db").why()).contains("a snapshot is taken first (Snapshot is the"
        + " default DeletionPolicy of AWS::RDS::DBInstance)");
    assertThat(change(plan, "ClusterMember").why()).doesNotContain("snapshot");
    assertThat(finding(plan, "Kept").explanation()).isEqualTo("Kept will no longer be managed"
        + " (it keeps running) because it was removed from the template; its DeletionPolicy is"
        + " Retain, so it is kept, no longer managed by the stack; nothing depends on it.");
  }

  @Test
  void logicalIdRenamesAreADeleteAndACreateAndSayWhy() throws Exception {
    Plan plan = diff("""
        Resources:
          taskdefinition: {Type: AWS::ECS::TaskDefinition, Properties: {Cpu: "256"}}
          OldQueue: {Type: AWS::SQS::Queue, Properties: {VisibilityTimeout: 30}}
          Other: {Type: AWS::SNS::Topic, Properties: {TopicName: a}}
        """, """
        Resources:
          TaskDefinition: {Type: AWS::ECS::TaskDefinition, Properties: {Cpu: "512"}}
          NewQueue: {Type: AWS::SQS::Queue, Properties: {VisibilityTimeout: 30}}
          Different: {Type: AWS::SNS::Topic, Properties: {TopicName: b}}
        """);
    assertThat(change(plan, "taskdefinition").kind()).isEqualTo(ChangeKind.DELETE);
    assertThat(change(plan, "taskdefinition").why()).isEqualTo("the logical ID changed from"
        + " taskdefinition to TaskDefinition: CloudFormation deletes taskdefinition and creates"
        + " TaskDefinition");
    assertThat(change(plan, "TaskDefinition").kind()).isEqualTo(ChangeKind.CREATE);
    assertThat(change(plan, "TaskDefinition").why())
        .isEqualTo(change(plan, "taskdefinition").why());
    assertThat(change(plan, "OldQueue").kind()).isEqualTo(ChangeKind.DELETE);
    assertThat(change(plan, "OldQueue").why()).startsWith("the logical ID changed from OldQueue"
        + " to NewQueue: CloudFormation deletes OldQueue and creates NewQueue");
    assertThat(change(plan, "Other").why()).as("properties differ: not called a rename")
        .isEqualTo("it was removed from the template");
  }

  /**
   * Twenty thousand topics removed and as many added: pairing each removal with each addition
   * was four hundred million comparisons. The hash that finds candidates agrees with
   * TemplateValues.same, so a number and the same number as text still pair.
   */
  @Test
  @org.junit.jupiter.api.Tag("timing") // left out of PIT runs: see docs/quality.md
  void renamesArePairedWithoutComparingEveryRemovalWithEveryAddition() throws Exception {
    StringBuilder before = new StringBuilder("Resources:\n");
    StringBuilder after = new StringBuilder("Resources:\n");
    for (int i = 0; i < 20_000; i++) {
      before.append("  Old").append(i).append(": {Type: AWS::SNS::Topic, Properties:"
          + " {TopicName: a").append(i).append("}}\n");
      after.append("  New").append(i).append(": {Type: AWS::SNS::Topic, Properties:"
          + " {TopicName: b").append(i).append("}}\n");
    }
    before.append("  Queue: {Type: AWS::SQS::Queue, Properties: {VisibilityTimeout: 30}}\n");
    after.append("  Renamed: {Type: AWS::SQS::Queue, Properties: {VisibilityTimeout: \"30\"}}\n");
    Template b = TemplateReader.parse(before.toString(), "before.yaml");
    Template a = TemplateReader.parse(after.toString(), "after.yaml");
    Plan plan = org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(
        java.time.Duration.ofSeconds(20), () -> TemplateDiff.diff(b, a, "stack.yaml"));
    assertThat(change(plan, "Old7").why()).isEqualTo("it was removed from the template");
    assertThat(change(plan, "Queue").why()).startsWith("the logical ID changed from Queue to"
        + " Renamed");
    for (Object[] same : new Object[][] {{new java.math.BigDecimal("30.0"), "30"},
        {Boolean.TRUE, "True"}, {java.util.Map.of("a", 1, "b", List.of("x")),
            java.util.Map.of("b", List.of("x"), "a", "1.00")}}) {
      assertThat(TemplateValues.same(same[0], same[1])).isTrue();
      assertThat(TemplateValues.sameHash(same[0])).isEqualTo(TemplateValues.sameHash(same[1]));
    }
  }

  @Test
  void propertiesReplaceUpdateOrMayReplaceAsTheSpecSays() throws Exception {
    Plan plan = diff("""
        Resources:
          Image: {Type: AWS::EC2::Instance, Properties: {ImageId: ami-1, Tags: [{Key: a, Value: b}]}}
          Data: {Type: AWS::EC2::Instance, Properties: {UserData: one}}
          Tagged: {Type: AWS::EC2::Instance, Properties: {Tags: [{Key: a, Value: b}]}}
          Custom: {Type: Custom::Thing, Properties: {ServiceToken: arn, Size: 1}}
          Typed: {Type: Custom::LambdaVersion, Properties: {X: 1}}
          Meta: {Type: AWS::CDK::Metadata, Properties: {Analytics: v1}}
          Same: {Type: AWS::SNS::Topic, Properties: {DisplayName: "10", FifoTopic: true}}
        """, """
        Resources:
          Image: {Type: AWS::EC2::Instance, Properties: {ImageId: ami-2, Tags: [{Key: a, Value: c}]}}
          Data: {Type: AWS::EC2::Instance, Properties: {UserData: two}}
          Tagged: {Type: AWS::EC2::Instance, Properties: {Tags: [{Key: a, Value: c}]}}
          Custom: {Type: Custom::Thing, Properties: {ServiceToken: arn, Size: 2}}
          Typed: {Type: AWS::Lambda::Version, Properties: {X: 1}}
          Meta: {Type: AWS::CDK::Metadata, Properties: {Analytics: v2}}
          Same: {"Type": "AWS::SNS::Topic", "Properties": {"DisplayName": "10", "FifoTopic": "true"}}
        """);
    ResourceChange image = change(plan, "Image");
    assertThat(image.kind()).isEqualTo(ChangeKind.REPLACE);
    assertThat(image.conditional()).isFalse();
    assertThat(image.order()).isEqualTo(ReplaceOrder.CREATE_BEFORE_DELETE);
    assertThat(image.replacePaths()).containsExactly("ImageId");
    assertThat(image.why()).isEqualTo("ImageId changed, and CloudFormation cannot change ImageId"
        + " of AWS::EC2::Instance without replacing it");
    ResourceChange data = change(plan, "Data");
    assertThat(data.kind()).isEqualTo(ChangeKind.REPLACE);
    assertThat(data.conditional()).isTrue();
    assertThat(data.rawActions()).containsExactly("MAY_REPLACE");
    assertThat(data.why()).contains("replaces it for some values");
    assertThat(change(plan, "Tagged").kind()).isEqualTo(ChangeKind.UPDATE);
    assertThat(change(plan, "Tagged").why()).isEqualTo("Tags changed in place");
    ResourceChange custom = change(plan, "Custom");
    assertThat(custom.kind()).isEqualTo(ChangeKind.REPLACE);
    assertThat(custom.conditional()).as("unknown is never read as safe").isTrue();
    assertThat(custom.why()).isEqualTo("Size changed, and the type Custom::Thing is not in"
        + " plangate's replacement data (@aws-cdk/aws-service-spec@0.1.216), so a replacement"
        + " cannot be ruled out");
    ResourceChange typed = change(plan, "Typed");
    assertThat(typed.kind()).isEqualTo(ChangeKind.REPLACE);
    assertThat(typed.conditional()).isFalse();
    assertThat(typed.type()).isEqualTo("AWS::Lambda::Version");
    assertThat(typed.why()).startsWith("its type changed from Custom::LambdaVersion to"
        + " AWS::Lambda::Version");
    assertThat(change(plan, "Meta").kind()).as("CDK analytics never replace anything")
        .isEqualTo(ChangeKind.UPDATE);
    assertThat(change(plan, "Same").kind()).as("\"true\" is true to CloudFormation")
        .isEqualTo(ChangeKind.NO_OP);
  }

  @Test
  void aConditionIsComparedByWhatItMeansAndANewOneIsAWarning() throws Exception {
    Plan plan = diff("""
        Parameters:
          Env: {Type: String}
        Conditions:
          Is-Prod: !Equals [!Ref Env, prod]
          Not-Prod: !Not [!Condition Is-Prod]
        Resources:
          Renamed: {Type: AWS::SNS::Topic, Condition: Not-Prod}
          Guarded: {Type: AWS::SNS::Topic}
        """, """
        Parameters:
          Env: {Type: String}
        Conditions:
          IsProd: !Equals [!Ref Env, prod]
          NotProd: !Not [!Condition IsProd]
        Resources:
          Renamed: {Type: AWS::SNS::Topic, Condition: NotProd}
          Guarded: {Type: AWS::SNS::Topic, Condition: IsProd}
        """);
    assertThat(change(plan, "Renamed").kind()).as("same meaning, new name")
        .isEqualTo(ChangeKind.NO_OP);
    assertThat(change(plan, "Guarded").kind()).isEqualTo(ChangeKind.UPDATE);
    assertThat(plan.warnings()).containsExactly("Guarded (after.yaml:8) now exists only where"
        + " its condition IsProd holds: where it does not, deploying deletes it.");
  }

  /** Thirty conditions that each name the next twice: two to the thirtieth when written out. */
  @Test
  void conditionsThatNameEachOtherTwiceAreComparedInLinearTime() throws Exception {
    StringBuilder conditions = new StringBuilder("Conditions:\n");
    for (int i = 0; i < 30; i++) {
      conditions.append("  C").append(i).append(": !And [!Condition C").append(i + 1)
          .append(", !Condition C").append(i + 1).append("]\n");
    }
    String before = conditions + "  C30: !Equals [a, b]\nResources:\n"
        + "  R: {Type: AWS::SNS::Topic, Condition: C0}\n";
    String after = conditions + "  C30: !Equals [a, c]\nResources:\n"
        + "  R: {Type: AWS::SNS::Topic, Condition: C0}\n";
    Plan same = org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(
        java.time.Duration.ofSeconds(10), () -> diff(before, before));
    assertThat(change(same, "R").kind()).isEqualTo(ChangeKind.NO_OP);
    Plan changed = org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(
        java.time.Duration.ofSeconds(10), () -> diff(before, after));
    assertThat(change(changed, "R").kind()).as("C30, thirty levels down, changed")
        .isEqualTo(ChangeKind.UPDATE);
    assertThat(changed.warnings()).containsExactly("R (after.yaml:34) now exists only where"
        + " its condition C0 holds: where it does not, deploying deletes it.");
  }

  @Test
  void updateReplacePolicyDecidesTheFateOfTheOldCopy() throws Exception {
    Plan plan = diff("""
        Resources:
          Retained: {Type: AWS::SQS::Queue, UpdateReplacePolicy: Retain, Properties: {QueueName: a}}
          Snapped: {Type: AWS::RDS::DBCluster, UpdateReplacePolicy: Snapshot, Properties: {DatabaseName: a}}
          Disagree: {Type: AWS::SQS::Queue, UpdateReplacePolicy: Delete, Properties: {QueueName: a}}
        """, """
        Resources:
          Retained: {Type: AWS::SQS::Queue, UpdateReplacePolicy: Retain, Properties: {QueueName: b}}
          Snapped: {Type: AWS::RDS::DBCluster, UpdateReplacePolicy: Snapshot, Properties: {DatabaseName: b}}
          Disagree: {Type: AWS::SQS::Queue, UpdateReplacePolicy: Retain, Properties: {QueueName: b}}
        """);
    ResourceChange retained = change(plan, "Retained");
    assertThat(retained.kind()).isEqualTo(ChangeKind.FORGET);
    assertThat(retained.order()).isEqualTo(ReplaceOrder.CREATE_BEFORE_FORGET);
    assertThat(retained.replacePaths()).containsExactly("QueueName");
    assertThat(retained.why()).endsWith("; CloudFormation creates a new one and, as its"
        + " UpdateReplacePolicy is Retain, keeps the old one running, no longer managed");
    ResourceChange snapped = change(plan, "Snapped");
    assertThat(snapped.kind()).isEqualTo(ChangeKind.REPLACE);
    assertThat(snapped.why()).endsWith("; its UpdateReplacePolicy is Snapshot, so a snapshot of"
        + " the old one is taken first");
    assertThat(change(plan, "Disagree").kind()).as("the more destructive policy is assumed")
        .isEqualTo(ChangeKind.REPLACE);
    assertThat(change(plan, "Disagree").why()).as("and the explanation says so")
        .contains("the template before says UpdateReplacePolicy Delete and the template after"
            + " says Retain; the more destructive, Delete, is assumed");
    assertThat(retained.why()).doesNotContain("more destructive");
  }

  @Test
  void replacementsSpreadAlongReferencesHoweverTheyAreWritten() throws Exception {
    Plan plan = diff("""
        Resources:
          Topic: {Type: AWS::SNS::Topic, Properties: {TopicName: a}}
          BySub: {Type: AWS::SSM::Parameter, Properties: {Type: String, Value: v, Name: !Sub "${Topic.TopicName}-x"}}
          ByJoin: {Type: AWS::SSM::Parameter, Properties: {Type: String, Value: v, Name: !Join ["", [!Ref Topic, -y]]}}
          ByValue: {Type: AWS::SSM::Parameter, Properties: {Type: String, Name: z, Value: !Ref Topic}}
          Later: {Type: AWS::SSM::Parameter, DependsOn: Topic, Properties: {Type: String, Name: w, Value: v}}
        """, """
        Resources:
          Topic: {Type: AWS::SNS::Topic, Properties: {TopicName: b}}
          BySub: {Type: AWS::SSM::Parameter, Properties: {Type: String, Value: v, Name: !Sub "${Topic.TopicName}-x"}}
          ByJoin: {Type: AWS::SSM::Parameter, Properties: {Type: String, Value: v, Name: !Join ["", [!Ref Topic, -y]]}}
          ByValue: {Type: AWS::SSM::Parameter, Properties: {Type: String, Name: z, Value: !Ref Topic}}
          Later: {Type: AWS::SSM::Parameter, DependsOn: Topic, Properties: {Type: String, Name: w, Value: v}}
        """);
    assertThat(change(plan, "Topic").kind()).isEqualTo(ChangeKind.REPLACE);
    ResourceChange bySub = change(plan, "BySub");
    assertThat(bySub.kind()).isEqualTo(ChangeKind.REPLACE);
    assertThat(bySub.replacePaths()).containsExactly("Name");
    assertThat(bySub.why()).isEqualTo("Name refers to Topic (inside Fn::Sub), which is replaced,"
        + " and CloudFormation cannot change Name of AWS::SSM::Parameter without replacing it");
    assertThat(change(plan, "ByJoin").kind()).isEqualTo(ChangeKind.REPLACE);
    assertThat(change(plan, "ByJoin").why()).contains("(inside Fn::Join)");
    assertThat(change(plan, "ByValue").kind()).isEqualTo(ChangeKind.UPDATE);
    assertThat(change(plan, "ByValue").why()).isEqualTo("Value gets the new value of Topic,"
        + " which is replaced");
    assertThat(change(plan, "Later").kind()).as("DependsOn carries no value")
        .isEqualTo(ChangeKind.NO_OP);
    assertThat(finding(plan, "Topic").downstream().changing())
        .containsExactly("ByJoin", "BySub", "ByValue");
    assertThat(finding(plan, "Topic").downstream().unchanged()).containsExactly("Later");
  }

  /**
   * Twenty thousand subnets, each on the next, and the last replaced: sweeping every reference
   * once per step of the chain took minutes; the replacement still reaches the first.
   */
  @Test
  @org.junit.jupiter.api.Tag("timing") // left out of PIT runs: see docs/quality.md
  void aReplacementSpreadsAlongALongChainInLinearTime() throws Exception {
    int n = 20_000;
    StringBuilder chain = new StringBuilder("Resources:\n");
    for (int i = 0; i < n; i++) {
      chain.append("  R").append(i).append(": {Type: AWS::EC2::Subnet, Properties: {VpcId: !Ref R")
          .append(i + 1).append("}}\n");
    }
    Template b = TemplateReader.parse(chain + "  R" + n + ": {Type: AWS::EC2::VPC, Properties:"
        + " {CidrBlock: 10.0.0.0/16}}\n", "before.yaml");
    Template a = TemplateReader.parse(chain + "  R" + n + ": {Type: AWS::EC2::VPC, Properties:"
        + " {CidrBlock: 10.1.0.0/16}}\n", "after.yaml");
    Plan plan = org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(
        java.time.Duration.ofSeconds(20), () -> TemplateDiff.diff(b, a, "stack.yaml"));
    assertThat(plan.changes()).filteredOn(c -> c.kind() == ChangeKind.REPLACE).hasSize(n + 1);
    assertThat(change(plan, "R0").why()).isEqualTo("VpcId refers to R1, which is replaced, and"
        + " CloudFormation cannot change VpcId of AWS::EC2::Subnet without replacing it");
  }

  @Test
  void aPossibleReplacementSpreadsAsAPossibleOne() throws Exception {
    Plan plan = diff("""
        Resources:
          Server: {Type: AWS::EC2::Instance, Properties: {UserData: a}}
          Ip: {Type: AWS::EC2::EIPAssociation, Properties: {InstanceId: !Ref Server, AllocationId: x}}
        """, """
        Resources:
          Server: {Type: AWS::EC2::Instance, Properties: {UserData: b}}
          Ip: {Type: AWS::EC2::EIPAssociation, Properties: {InstanceId: !Ref Server, AllocationId: x}}
        """);
    assertThat(change(plan, "Server").conditional()).isTrue();
    ResourceChange ip = change(plan, "Ip");
    assertThat(ip.kind()).isEqualTo(ChangeKind.REPLACE);
    assertThat(ip.conditional()).isTrue();
    assertThat(ip.why()).startsWith("InstanceId refers to Server, which may be replaced");
  }

  /** A resource referred to only inside Fn::Sub is deleted: its dependent is still found. */
  @Test
  void aDeletedResourcesSubOnlyDependentIsInItsBlastRadius() throws Exception {
    Plan plan = diff("""
        Resources:
          Topic: {Type: AWS::SNS::Topic}
          Alarm:
            Type: AWS::CloudWatch::Alarm
            Properties: {AlarmDescription: !Sub "notifies ${Topic}"}
        """, """
        Resources:
          Alarm:
            Type: AWS::CloudWatch::Alarm
            Properties: {AlarmDescription: notifies nobody}
        """);
    Finding topic = finding(plan, "Topic");
    assertThat(topic.action().name()).isEqualTo("DELETE");
    assertThat(topic.downstream().changing()).containsExactly("Alarm");
    assertThat(topic.location()).isEqualTo("before.yaml:2");
  }

  @Test
  void aChildTemplateChangeIsDiffedWithStackSlashChildAddresses(@TempDir Path dir)
      throws Exception {
    Path before = TemplateFixtures.nestedPeering(dir.resolve("before"));
    Path after = TemplateFixtures.nestedPeering(dir.resolve("after"),
        setup -> setup.replace("      PeerOwnerId: !Ref PeerOwnerId\n",
            "      PeerOwnerId: !Ref PeerOwnerId\n      PeerRegion: eu-west-1\n"),
        updates -> updates.substring(0, updates.indexOf("  PeerRoute6:"))
            + updates.substring(updates.indexOf("  PeerIngressRule1:")),
        parent -> parent.replace("        PeerVPCCIDR: !Ref PeerVPCCIDR\n",
            "        PeerVPCCIDR: 10.9.0.0/16\n"));
    Plan plan = TemplateDiff.diff(TemplateReader.read(before), TemplateReader.read(after),
        "main.yaml");

    ResourceChange connection = change(plan, "VPCPeeringRequesterSetupStack/VPCPeeringConnection");
    assertThat(connection.kind()).isEqualTo(ChangeKind.REPLACE);
    assertThat(connection.replacePaths()).containsExactly("PeerRegion");
    assertThat(connection.location()).isEqualTo(
        dir.resolve("after/children/VPCPeering-Requester-Setup.yaml") + ":23");

    ResourceChange removed = change(plan, "VPCPeeringUpdatesStack/PeerRoute6");
    assertThat(removed.kind()).isEqualTo(ChangeKind.DELETE);
    assertThat(removed.location()).startsWith(
        dir.resolve("before/children/VPCPeering-Updates.yaml") + ":");

    // The parent now passes a different CIDR: every route's DestinationCidrBlock changes.
    ResourceChange route = change(plan, "VPCPeeringUpdatesStack/PeerRoute1");
    assertThat(route.kind()).isEqualTo(ChangeKind.REPLACE);
    assertThat(route.replacePaths()).contains("DestinationCidrBlock");
    assertThat(route.why()).contains("DestinationCidrBlock uses a nested-stack parameter whose"
        + " value changed");
    assertThat(change(plan, "VPCPeeringUpdatesStack").kind()).isEqualTo(ChangeKind.UPDATE);
    assertThat(change(plan, "VPCPeeringRequesterSetupStack").kind())
        .isEqualTo(ChangeKind.UPDATE);

    Finding finding = finding(plan, "VPCPeeringRequesterSetupStack/VPCPeeringConnection");
    assertThat(finding.downstream().changing()).contains("VPCPeeringUpdatesStack",
        "VPCPeeringUpdatesStack/PeerRoute1");
  }

  @Test
  void removingANestedStackRemovesWhatIsInIt(@TempDir Path dir) throws Exception {
    Path before = TemplateFixtures.nestedPeering(dir.resolve("before"));
    Template parent = TemplateReader.read(before);
    Template without = TemplateReader.parse(Files.readString(before)
        .replaceAll("(?s)  VPCPeeringUpdatesStack:.*", ""), before.toString(),
        TemplateReader.files(before));
    Plan plan = TemplateDiff.diff(parent, without, "main.yaml");
    assertThat(change(plan, "VPCPeeringUpdatesStack").kind()).isEqualTo(ChangeKind.DELETE);
    ResourceChange route = change(plan, "VPCPeeringUpdatesStack/PeerRoute1");
    assertThat(route.kind()).isEqualTo(ChangeKind.DELETE);
    assertThat(route.why()).isEqualTo("its nested stack VPCPeeringUpdatesStack was removed from"
        + " the template");
    assertThat(finding(plan, "VPCPeeringUpdatesStack").downstream().changing())
        .contains("VPCPeeringUpdatesStack/PeerRoute1", "VPCPeeringUpdatesStack/PeerIngressRule6");
  }

  @Test
  void theOldVersionIsReadFromGit(@TempDir Path dir) throws Exception {
    GitFixture repo = GitFixture.init(dir.resolve("repo"));
    String base = repo.write("infra/app.yaml", """
            Resources:
              Data:
                Type: AWS::EC2::Volume
                DeletionPolicy: Snapshot
                Properties: {Size: 10, AvailabilityZone: eu-west-1a}
              Events:
                Type: AWS::CloudFormation::Stack
                Properties: {TemplateURL: nested/events.yaml}
            """)
        .write("infra/nested/events.yaml", """
            Resources:
              Topic: {Type: AWS::SNS::Topic, Properties: {TopicName: events}}
            """)
        .commit("add app stack\n");
    repo.write("infra/app.yaml", """
            Resources:
              Events:
                Type: AWS::CloudFormation::Stack
                Properties: {TemplateURL: nested/events.yaml}
            """)
        .write("infra/nested/events.yaml", """
            Resources:
              Topic: {Type: AWS::SNS::Topic, Properties: {TopicName: events-v2}}
            """)
        .commit("drop the volume, rename the topic\n", GitFixture.CLAUDE);
    GitRepository git = GitRepository.open(repo.dir());

    Plan plan = TemplateDiff.diff(
        TemplateLoader.fromGit(git, base, repo.dir().resolve("infra/app.yaml")), "infra/app.yaml");
    ResourceChange data = change(plan, "Data");
    assertThat(data.kind()).isEqualTo(ChangeKind.DELETE);
    assertThat(data.why()).endsWith("its DeletionPolicy is Snapshot, so a snapshot is taken"
        + " first");
    assertThat(data.location()).isEqualTo(base + ":infra/app.yaml:2");
    ResourceChange topic = change(plan, "Events/Topic");
    assertThat(topic.kind()).as("the child's old version comes from git too")
        .isEqualTo(ChangeKind.REPLACE);
    assertThat(topic.replacePaths()).containsExactly("TopicName");

    Plan sameRev = TemplateDiff.diff(TemplateLoader.fromGit(git, "HEAD",
        repo.dir().resolve("infra/app.yaml")), "infra/app.yaml");
    assertThat(sameRev.changes()).allSatisfy(c -> assertThat(c.kind())
        .isEqualTo(ChangeKind.NO_OP));

    repo.write("infra/new.yaml", "Resources:\n  Q: {Type: AWS::SQS::Queue}\n");
    Plan fresh = TemplateDiff.diff(TemplateLoader.fromGit(git, "HEAD",
        repo.dir().resolve("infra/new.yaml")), "infra/new.yaml");
    assertThat(change(fresh, "Q").kind()).isEqualTo(ChangeKind.CREATE);
    assertThat(fresh.warnings()).first().asString()
        .isEqualTo("infra/new.yaml does not exist in HEAD: every resource in it is new.");

    assertThatThrownBy(() -> TemplateDiff.diff(TemplateLoader.fromGit(git, "no-such-rev",
        repo.dir().resolve("infra/app.yaml")), "infra/app.yaml"))
        .isInstanceOf(GitException.class).hasMessageContaining("unknown revision 'no-such-rev'");
    assertThat(git.show(base, "infra/nested/events.yaml")).contains("TopicName: events}");
    assertThatThrownBy(() -> git.show(base, "infra/missing.yaml"))
        .isInstanceOf(GitException.class).hasMessageContaining("does not exist in");
  }

  private static Path resource(String path) throws URISyntaxException {
    return Path.of(Objects.requireNonNull(TemplateDiffTest.class.getResource(path),
        path).toURI());
  }

  @Test
  void cdkCloudAssembliesAreDiffedStackByStack() throws Exception {
    Plan plan = TemplateDiff.diff(TemplateLoader.cdkOut(resource("cdk/head"), resource("cdk/base")),
        "cdk.out");

    ResourceChange table = change(plan, "DataStack/TableCD117FA1");
    assertThat(table.kind()).isEqualTo(ChangeKind.REPLACE);
    assertThat(table.replacePaths()).containsExactly("KeySchema");
    assertThat(table.why()).endsWith("AWS::DynamoDB::Table holds data, which goes with it");
    assertThat(change(plan, "DataStack/CDKMetadata").kind()).isEqualTo(ChangeKind.UPDATE);

    assertThat(change(plan, "AppStack/AppQueue1234ABCD").kind()).isEqualTo(ChangeKind.DELETE);
    assertThat(change(plan, "AppStack/AppQueue1234ABCD").why()).startsWith("the logical ID"
        + " changed from AppQueue1234ABCD to AppQueue5678EFAB");
    assertThat(change(plan, "AppStack/AppQueue5678EFAB").kind()).isEqualTo(ChangeKind.CREATE);
    ResourceChange handler = change(plan, "AppStack/Handler886CB40B");
    assertThat(handler.kind()).isEqualTo(ChangeKind.REPLACE);
    assertThat(handler.replacePaths()).containsExactly("FunctionName");

    ResourceChange legacy = change(plan, "OldStack/LegacyBucket");
    assertThat(legacy.kind()).isEqualTo(ChangeKind.FORGET);
    assertThat(legacy.why()).startsWith("the stack OldStack is no longer among the stacks"
        + " given");
    assertThat(change(plan, "Prod-AuditStack/AuditTopic").kind()).as("from a stage's assembly")
        .isEqualTo(ChangeKind.CREATE);

    Finding tableFinding = finding(plan, "DataStack/TableCD117FA1");
    assertThat(tableFinding.downstream().changing()).as("imported by the other stack")
        .contains("AppStack/Handler886CB40B");
  }

  @Test
  void aCommittedCdkOutIsDiffedAgainstItsVersionInTheBaseCommit(@TempDir Path dir)
      throws Exception {
    GitFixture repo = GitFixture.init(dir.resolve("repo"))
        .copyTree(resource("cdk/base"), "app/cdk.out");
    String base = repo.commit("synth\n");
    repo.git("rm", "-rq", "app/cdk.out");
    repo.copyTree(resource("cdk/head"), "app/cdk.out").commit("change the key\n",
        GitFixture.CLAUDE);
    GitRepository git = GitRepository.open(repo.dir());
    Path cdkOut = repo.dir().resolve("app/cdk.out");

    Plan fromGit = TemplateDiff.diff(TemplateLoader.cdkOutFromGit(git, base, cdkOut,
        "app/cdk.out"), "app/cdk.out");
    Plan fromDirs = TemplateDiff.diff(TemplateLoader.cdkOut(resource("cdk/head"),
        resource("cdk/base")), "app/cdk.out");
    assertThat(fromGit.changes()).extracting(ResourceChange::address, ResourceChange::kind)
        .containsExactlyInAnyOrderElementsOf(fromDirs.changes().stream()
            .map(c -> org.assertj.core.groups.Tuple.tuple(c.address(), c.kind())).toList());
    assertThat(change(fromGit, "DataStack/TableCD117FA1").kind()).isEqualTo(ChangeKind.REPLACE);
    assertThat(change(fromGit, "OldStack/LegacyBucket").location())
        .as("the old side is named by revision and path").startsWith(base + ":app/cdk.out/");
  }

  @Test
  void aBaseWithoutTheCdkOutIsAnErrorNotAnEmptyBase(@TempDir Path dir) throws Exception {
    GitFixture repo = GitFixture.init(dir.resolve("repo")).write("README.md", "app\n");
    String base = repo.commit("start\n");
    repo.copyTree(resource("cdk/head"), "cdk.out");
    GitRepository git = GitRepository.open(repo.dir());
    assertThatThrownBy(() -> TemplateDiff.diff(TemplateLoader.cdkOutFromGit(git, base,
        repo.dir().resolve("cdk.out"), "cdk.out"), "cdk.out"))
        .isInstanceOf(PlanReadException.class)
        .hasMessage("cdk.out: " + base + " has no cdk.out/manifest.json, so there is no base"
            + " assembly to diff against (cdk.out is usually not committed): give the base's"
            + " synthesized cdk.out as the base directory instead");
  }

  @Test
  void aCommittedManifestCannotSendTheReaderOutOfTheAssembly(@TempDir Path dir)
      throws Exception {
    GitFixture repo = GitFixture.init(dir.resolve("repo"))
        .write("secret.json", "{\"Resources\": {}}")
        .write("cdk.out/manifest.json", "{\"artifacts\": {\"S\": {\"type\":"
            + " \"aws:cloudformation:stack\", \"properties\": {\"templateFile\":"
            + " \"../secret.json\"}}}}");
    String base = repo.commit("synth\n");
    repo.copyTree(resource("cdk/head"), "cdk.out");
    GitRepository git = GitRepository.open(repo.dir());
    assertThatThrownBy(() -> TemplateDiff.diff(TemplateLoader.cdkOutFromGit(git, base,
        repo.dir().resolve("cdk.out"), "cdk.out"), "cdk.out"))
        .isInstanceOf(PlanReadException.class)
        .hasMessage(base + ":cdk.out/manifest.json: stack artifact S has templateFile"
            + " ../secret.json, which points outside the cloud assembly directory " + base
            + ":cdk.out; plangate reads only the files inside it");
  }

  @Test
  void aDirectoryThatIsNotACloudAssemblyIsRejected(@TempDir Path dir) {
    assertThatThrownBy(() -> TemplateDiff.diff(TemplateLoader.cdkOut(dir, dir), "cdk.out"))
        .isInstanceOf(PlanReadException.class)
        .hasMessageContaining("is not a CDK cloud assembly (cdk.out) directory");
  }

  @Test
  void warningsFromEitherVersionReachThePlan() throws Exception {
    Plan plan = diff("""
        Transform: AWS::Serverless-2016-10-31
        Resources:
          Fn: {Type: AWS::Serverless::Function, Properties: {CodeUri: a}}
        """, """
        Transform: AWS::Serverless-2016-10-31
        Resources:
          Fn: {Type: AWS::Serverless::Function, Properties: {CodeUri: b}}
        """);
    assertThat(plan.warnings()).hasSize(2).allMatch(w -> w.contains("AWS::Serverless"));
    ResourceChange fn = change(plan, "Fn");
    assertThat(fn.kind()).isEqualTo(ChangeKind.REPLACE);
    assertThat(fn.conditional()).as("the spec calls every SAM property immutable; the"
        + " transform decides, so plangate says only \"may\"").isTrue();
    assertThat(fn.why()).contains("the SAM transform");
    assertThat(List.of(plan.warnings().get(0), plan.warnings().get(1)))
        .anyMatch(w -> w.startsWith("after.yaml"));
  }

  /**
   * UpdateReplacePolicy Retain keeps the old table, but a new, empty one takes its place and
   * every dependent points at it: a replacement, gated as one, not a forget that only warns.
   */
  @Test
  void aReplacementThatRetainsTheOldResourceIsStillAReplacement() throws Exception {
    String before = """
        Resources:
          Orders:
            Type: AWS::DynamoDB::Table
            UpdateReplacePolicy: Retain
            DeletionPolicy: Retain
            Properties:
              KeySchema: [{AttributeName: id, KeyType: HASH}]
              AttributeDefinitions: [{AttributeName: id, AttributeType: S}]
              BillingMode: PAY_PER_REQUEST
          Reader:
            Type: AWS::Lambda::Function
            Properties:
              Environment: {Variables: {TABLE: !Ref Orders}}
        """;
    String after = before.replace("AttributeName: id, KeyType", "AttributeName: orderId, KeyType")
        .replace("AttributeName: id, AttributeType", "AttributeName: orderId, AttributeType");
    Plan plan = TemplateDiff.diff(TemplateReader.parse(before, "before.yaml"),
        TemplateReader.parse(after, "after.yaml"), "after.yaml");
    Finding orders = finding(plan, "Orders");
    assertThat(orders.action()).isEqualTo(FindingAction.REPLACE);
    assertThat(orders.replaceOrder()).isEqualTo(ReplaceOrder.CREATE_BEFORE_FORGET);
    assertThat(orders.recoverable()).isTrue();
    assertThat(orders.recoverability()).isEqualTo(
        "the old resource is retained (orphaned, still billed); the new one starts empty");
    assertThat(orders.explanation()).contains("replaced by a new, empty one")
        .contains("The old resource is retained (orphaned, still billed)");
    assertThat(orders.downstream().changing()).containsExactly("Reader");

    // A plain removal with DeletionPolicy Retain stays a forget.
    Plan removed = TemplateDiff.diff(TemplateReader.parse(before, "before.yaml"),
        TemplateReader.parse(before.substring(0, before.indexOf("  Reader:")).replace(
            "  Orders:", "  Other:\n    Type: AWS::SNS::Topic\n  Gone:"), "after.yaml"),
        "after.yaml");
    assertThat(finding(removed, "Orders").action()).isEqualTo(FindingAction.FORGET);
  }
}
