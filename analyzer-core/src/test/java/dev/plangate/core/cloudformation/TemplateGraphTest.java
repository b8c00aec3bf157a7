package dev.plangate.core.cloudformation;

import static dev.plangate.core.cloudformation.TemplateFixtures.CORPUS;
import static org.assertj.core.api.Assertions.assertThat;

import dev.plangate.core.cloudformation.TemplateEdge.Kind;
import dev.plangate.core.cloudformation.TemplateEdge.TargetKind;
import dev.plangate.core.cloudformation.TemplateGraph.Dependency;
import dev.plangate.core.testing.CorpusTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TemplateGraphTest {

  private static String row(String file, TemplateEdge e) {
    return String.join("\t", file, e.source(), e.target(), e.targetKind().label(),
        e.kind().label(), e.attribute() == null ? "" : e.attribute(), e.path());
  }

  /**
   * Every edge of EXPECTED-edges.tsv is found, column for column, with two disagreements, both
   * deliberate:
   *
   * <ol>
   *   <li>Paths inside {@code Fn::If}: the script writes a reference in a branch at the path of
   *       the {@code Fn::If} itself ({@code Properties/TopicArn}); plangate adds the branch
   *       ({@code Properties/TopicArn/Fn::If/1}), so "which branch" is not lost. The top-level
   *       property, which is what the diff uses, is the same either way; the comparison strips
   *       {@code /Fn::If/N}.
   *   <li>{@code Fn::ForEach}: the script marks the loop "unsupported"; plangate expands a loop
   *       over a literal list (fn-foreach-s3-outputs.yaml: S3BucketA/B/C), and so finds the three
   *       outputs' GetAtt edges the script could not.
   * </ol>
   *
   * <p>Nothing else differs: no edge is missing and none is invented, including Sub variable maps
   * ({@code Fn::Sub[Var]}), {@code ${X.Attr}} (SubAttr), imports written as expressions, and
   * IAM {@code Condition} blocks (not condition references).
   */
  @CorpusTest
  @Test
  void edgesMatchTheGeneratedExpectationsExceptWhereTheScriptFallsShort() throws Exception {
    List<String> lines = Files.readAllLines(CORPUS.resolve("EXPECTED-edges.tsv"));
    assertThat(lines.get(0)).isEqualTo(
        "template\tsource\ttarget\ttarget_kind\tedge_kind\tattribute\tpath");
    Set<String> expected = new TreeSet<>(lines.subList(1, lines.size()));
    Set<String> actual = new TreeSet<>();
    Set<String> exactPaths = new TreeSet<>();
    try (var files = Files.list(CORPUS)) {
      for (Path p : files.filter(f -> f.toString().matches(".*\\.(yaml|json)")).toList()) {
        String file = p.getFileName().toString();
        for (TemplateEdge e : TemplateGraph.edges(TemplateReader.read(p))) {
          String exact = row(file, e);
          exactPaths.add(exact);
          actual.add(exact.replaceAll("/Fn::If/[0-9]+", ""));
        }
      }
    }
    Set<String> missing = new TreeSet<>(expected);
    missing.removeAll(actual);
    Set<String> extra = new TreeSet<>(actual);
    extra.removeAll(expected);
    assertThat(expected).hasSize(1295);
    assertThat(missing).containsExactly(
        "fn-foreach-s3-outputs.yaml\tFn::ForEach::Buckets\t\tunsupported\tForEach\t\t");
    assertThat(extra).containsExactly(
        "fn-foreach-s3-outputs.yaml\tOutputs.S3BucketAArn\tS3BucketA\tresource\tGetAtt\tArn\tValue",
        "fn-foreach-s3-outputs.yaml\tOutputs.S3BucketBArn\tS3BucketB\tresource\tGetAtt\tArn\tValue",
        "fn-foreach-s3-outputs.yaml\tOutputs.S3BucketCArn\tS3BucketC\tresource\tGetAtt\tArn\tValue");
    assertThat(exactPaths).as("the branch is kept in plangate's own paths").contains(
        "neptune.yaml\tNeptuneAlarmSubscription\tNeptuneAlarmTopic\tresource\tRef\t\t"
            + "Properties/TopicArn/Fn::If/1",
        "neptune.yaml\tNeptuneAlarmSubscription\tNeptuneSNSTopicArn\tparameter\tRef\t\t"
            + "Properties/TopicArn/Fn::If/2");
  }

  @Test
  void referencesAreFoundWhereverTheyAreNested() throws Exception {
    Template t = TemplateReader.parse("""
        Parameters:
          Env: {Type: String}
        Conditions:
          Prod: !Equals [!Ref Env, prod]
        Resources:
          Topic:
            Type: AWS::SNS::Topic
          Queue:
            Type: AWS::SQS::Queue
          Role:
            Type: AWS::IAM::Role
            Condition: Prod
            DependsOn: Queue
            Properties:
              RoleName: !Sub "${Env}-${!Literal}-${AWS::Region}-${Topic.TopicName}"
              Path: !Sub ["/${Queue}/", {Queue: !GetAtt Queue.QueueName}]
              Description: !Join ["", [!Select [0, [!If [Prod, !Ref Topic, x]]]]]
              Policies:
                - PolicyName: p
                  PolicyDocument:
                    Statement:
                      - Effect: Allow
                        Condition: {StringEquals: {"aws:x": y}}
          Alarm:
            Type: AWS::CloudWatch::Alarm
            DependsOn: [Topic, Queue]
        """, "t.yaml");
    Set<String> edges = TemplateGraph.edges(t).stream()
        .filter(e -> e.source().equals("Role") || e.source().equals("Alarm"))
        .map(e -> e.source() + " " + e.kind().label() + " " + e.target() + " "
            + e.targetKind().label() + (e.attribute() == null ? "" : "." + e.attribute())
            + " @" + e.path())
        .collect(Collectors.toCollection(TreeSet::new));
    assertThat(edges).containsExactlyInAnyOrder(
        "Role Condition Prod condition @Condition",
        "Role DependsOn Queue resource @DependsOn",
        "Role Sub Env parameter @Properties/RoleName",
        "Role SubAttr Topic resource.TopicName @Properties/RoleName",
        "Role GetAtt Queue resource.QueueName @Properties/Path/Fn::Sub[Queue]",
        "Role IfCondition Prod condition @Properties/Description/Fn::Join/1/0/Fn::Select/1/0",
        "Role Ref Topic resource @Properties/Description/Fn::Join/1/0/Fn::Select/1/0/Fn::If/1",
        "Alarm DependsOn Topic resource @DependsOn",
        "Alarm DependsOn Queue resource @DependsOn");
    TemplateGraph g = TemplateGraph.of(t);
    assertThat(dependentsOf(g, "Topic")).containsExactlyInAnyOrder("Role", "Alarm");
    assertThat(g.dependencies()).contains(
        new Dependency("Role", "Topic", Kind.SUB_ATTR, "Properties/RoleName"));
  }

  @Test
  void nestedStacksAreAddressedStackSlashChildAndWiredThroughOutputsAndParameters(
      @TempDir Path dir) throws Exception {
    Template parent = TemplateReader.read(TemplateFixtures.nestedPeering(dir));
    assertThat(parent.nestedStacks()).containsOnlyKeys("VPCPeeringRequesterSetupStack",
        "VPCPeeringUpdatesStack");
    TemplateGraph g = TemplateGraph.of(parent);
    String connection = "VPCPeeringRequesterSetupStack/VPCPeeringConnection";
    assertThat(g.resources()).contains("VPCPeeringRequesterSetupStack", connection,
        "VPCPeeringUpdatesStack/PeerRoute1", "VPCPeeringUpdatesStack/PeerRoute6");
    assertThat(g.resource("VPCPeeringUpdatesStack/PeerRoute1").location())
        .isEqualTo(dir.resolve("children/VPCPeering-Updates.yaml") + ":13");
    assertThat(g.dependencies()).contains(
        // the parent reads the child's output: !GetAtt Stack.Outputs.VPCPeeringConnectionId
        new Dependency("VPCPeeringUpdatesStack", "VPCPeeringRequesterSetupStack", Kind.GET_ATT,
            "Properties/Parameters/VPCPeeringConnectionId"),
        new Dependency("VPCPeeringUpdatesStack", connection, Kind.STACK_OUTPUT,
            "Properties/Parameters/VPCPeeringConnectionId"),
        // inside the sibling, !Ref VPCPeeringConnectionId is that same connection
        new Dependency("VPCPeeringUpdatesStack/PeerRoute1", connection, Kind.STACK_PARAMETER,
            "Properties/VpcPeeringConnectionId"),
        // a child goes when its stack goes
        new Dependency(connection, "VPCPeeringRequesterSetupStack", Kind.NESTED_STACK, ""));
    assertThat(dependentsOf(g, connection)).contains("VPCPeeringUpdatesStack",
        "VPCPeeringUpdatesStack/PeerRoute1", "VPCPeeringUpdatesStack/PeerRoute2");
  }

  @Test
  void aNestedStackWhoseTemplateIsNotLocalIsAWarningNotAGuess() throws Exception {
    Template parent = TemplateReader.parse(TemplateFixtures.peering("main.yaml").replace(
        "TemplateURL: children/VPCPeering-Requester-Setup.yaml",
        "TemplateURL: !Sub https://${BucketName}.s3.amazonaws.com/templates/setup.yaml"),
        "main.yaml");
    assertThat(parent.nestedStacks()).isEmpty();
    assertThat(TemplateGraph.of(parent).warnings()).anyMatch(w -> w.contains(
        "VPCPeeringRequesterSetupStack") && w.contains("not a local file"));
  }

  @Test
  void aMissingLocalChildTemplateFailsTheRead(@TempDir Path dir) throws Exception {
    Path main = TemplateFixtures.nestedPeering(dir);
    Files.delete(dir.resolve("children/VPCPeering-Updates.yaml"));
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> TemplateReader.read(main))
        .isInstanceOf(dev.plangate.core.plan.PlanReadException.class)
        .hasMessageContaining("nested stack VPCPeeringUpdatesStack has TemplateURL"
            + " children/VPCPeering-Updates.yaml, but")
        .hasMessageContaining("does not exist");
  }

  @CorpusTest
  @Test
  void importsLinkToTheExportsOfTheOtherStacksGiven() throws Exception {
    Map<String, Template> stacks = new LinkedHashMap<>();
    // The consumer's StackName parameter defaults to "production": the producer's stack name.
    stacks.put("production", TemplateFixtures.corpus("ecs-fargate-cluster-public-vpc.yaml"));
    stacks.put("service", TemplateFixtures.corpus("ecs-fargate-service-public.yaml"));
    TemplateGraph g = TemplateGraph.of(stacks);
    assertThat(g.dependencies()).contains(
        new Dependency("service/Service", "production/ECSCluster", Kind.IMPORT_VALUE,
            "Properties/Cluster"),
        new Dependency("service/TargetGroup", "production/VPC", Kind.IMPORT_VALUE,
            "Properties/VpcId"),
        new Dependency("service/LoadBalancerRule", "production/PublicLoadBalancerListener",
            Kind.IMPORT_VALUE, "Properties/ListenerArn"));
    assertThat(dependentsOf(g, "production/ECSCluster")).contains("service/Service");

    TemplateGraph alone = TemplateGraph.of(TemplateFixtures.corpus(
        "ecs-fargate-service-public.yaml"));
    assertThat(alone.dependencies()).noneMatch(d -> d.kind() == Kind.IMPORT_VALUE);
    assertThat(alone.warnings()).as("one stack alone imports from stacks not given; normal")
        .noneMatch(w -> w.contains("import"));
  }

  @Test
  void anImportWhoseNameCannotBeWorkedOutIsReportedWhenStacksAreLinked() throws Exception {
    Map<String, Template> stacks = new LinkedHashMap<>();
    stacks.put("a", TemplateReader.parse("""
        Resources:
          Q:
            Type: AWS::SQS::Queue
            Properties:
              QueueName: !ImportValue {"Fn::Sub": "${AWS::Region}-name"}
        """, "a.yaml"));
    stacks.put("b", TemplateReader.parse("""
        Resources:
          T: {Type: AWS::SNS::Topic}
        Outputs:
          N: {Value: !Ref T, Export: {Name: us-east-1-name}}
        """, "b.yaml"));
    TemplateGraph g = TemplateGraph.of(stacks);
    assertThat(g.dependencies()).noneMatch(d -> d.kind() == Kind.IMPORT_VALUE);
    assertThat(g.warnings()).anyMatch(w -> w.startsWith("The import {\"Fn::Sub\": "
        + "\"${AWS::Region}-name\"} in a.yaml (Q) cannot be worked out"));
  }

  /**
   * An output that imports its own export three times: following every import afresh took
   * three to the power of the depth limit, which is to say forever.
   */
  @Test
  void outputsThatImportEachOtherOverAndOverAreFollowedOnce() throws Exception {
    Template t = TemplateReader.parse("""
        Resources:
          T: {Type: AWS::SNS::Topic}
          R:
            Type: AWS::SSM::Parameter
            Properties: {Value: !ImportValue x}
        Outputs:
          O:
            Value: !Join ["", [!Ref T, !ImportValue x, !ImportValue x, !ImportValue x]]
            Export: {Name: x}
        """, "loop.yaml");
    TemplateGraph g = org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(
        java.time.Duration.ofSeconds(10), () -> TemplateGraph.of(t));
    assertThat(g.dependencies()).contains(
        new TemplateGraph.Dependency("R", "T", Kind.IMPORT_VALUE, "Properties/Value"));
  }

  @Test
  void edgeKindsCarryValuesExceptOrderingAndConditions() {
    assertThat(Kind.REF.carriesValue()).isTrue();
    assertThat(Kind.SUB.carriesValue()).isTrue();
    assertThat(Kind.DEPENDS_ON.carriesValue()).isFalse();
    assertThat(Kind.IF_CONDITION.carriesValue()).isFalse();
    assertThat(Kind.NESTED_STACK.carriesValue()).isFalse();
    assertThat(new TemplateEdge("A", "B", TargetKind.RESOURCE, Kind.REF, null,
        "Properties/Tags/0/Value").property()).isEqualTo("Tags");
    assertThat(new TemplateEdge("A", "B", TargetKind.RESOURCE, Kind.SUB, null,
        "Metadata/AWS::CloudFormation::Init").property()).isNull();
  }

  /** Addresses that depend on {@code address} directly, by any kind of dependency. */
  private static List<String> dependentsOf(TemplateGraph g, String address) {
    return g.dependencies().stream().filter(d -> d.dependency().equals(address))
        .map(TemplateGraph.Dependency::dependent).distinct().toList();
  }
}
