package dev.plangate.core.cloudformation;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Imports linked to exports across the stacks given: only when there is more than one stack,
 * with export names worked out from what a parent passes its nested stack, and a warning for
 * every name that cannot be worked out or is declared twice.
 */
class TemplateGraphEdgeCasesTest {
  private static final String EXPORTER = """
      Resources:
        Topic: {Type: AWS::SNS::Topic}
        Queue: {Type: AWS::SQS::Queue}
      Outputs:
        Shared:
          Value: !Ref Topic
          Export: {Name: shared}
        Regional:
          Value: !Ref Queue
          Export: {Name: !Sub "${AWS::Region}-queue"}
      """;
  private static final String IMPORTER = """
      Resources:
        Consumer:
          Type: AWS::SNS::Subscription
          Properties:
            TopicArn: !ImportValue shared
            Endpoint: !ImportValue {Fn::Sub: "${AWS::AccountId}-endpoint"}
      Outputs:
        Again:
          Value: x
          Export: {Name: shared}
      """;

  private static List<String> dependencies(TemplateGraph g) {
    return g.dependencies().stream()
        .map(d -> d.dependent() + " -> " + d.dependency() + " (" + d.kind().label() + ")")
        .toList();
  }

  @Test
  void oneStackAloneLinksNoImportAndWarnsAboutNone() throws Exception {
    TemplateGraph g = TemplateGraph.of(TemplateReader.parse(EXPORTER.replace("Resources:\n",
        "Resources:\n  Reader: {Type: AWS::SNS::Subscription, Properties:"
            + " {TopicArn: !ImportValue elsewhere}}\n"), "one.yaml"));
    assertThat(g.warnings()).isEmpty();
    assertThat(dependencies(g)).isEmpty();
  }

  @Test
  void importsLinkAcrossStacksAndWhatCannotBeLinkedIsSaid() throws Exception {
    Map<String, Template> stacks = new LinkedHashMap<>();
    stacks.put("net", TemplateReader.parse(EXPORTER, "net.yaml"));
    stacks.put("app", TemplateReader.parse(IMPORTER, "app.yaml"));
    TemplateGraph g = TemplateGraph.of(stacks);
    assertThat(dependencies(g)).containsExactly("app/Consumer -> net/Topic (ImportValue)");
    assertThat(dependentsOf(g, "net/Topic")).containsExactly("app/Consumer");
    assertThat(dependentsOf(g, "net/Queue")).isEmpty();
    assertThat(dependentsOf(g, "app/Consumer")).isEmpty();
    assertThat(g.warnings()).containsExactly(
        "The export name of output Regional in net.yaml cannot be worked out from the template"
            + " alone, so imports of it are not linked.",
        "The export shared is declared by more than one template given; CloudFormation allows"
            + " one per region, so imports link to the first.",
        "The import {\"Fn::Sub\": \"${AWS::AccountId}-endpoint\"} in app.yaml (Consumer) cannot"
            + " be worked out from the template alone, so it is not linked to an export.");
  }

  @Test
  void anExportNameUsesWhatTheParentPassesItsNestedStack(@TempDir Path dir) throws Exception {
    Files.writeString(dir.resolve("vpc.yaml"), """
        Parameters:
          Env: {Type: String, Default: dev}
          Tier: {Type: String, Default: web}
        Resources:
          Vpc: {Type: AWS::EC2::VPC}
        Outputs:
          VpcId:
            Value: !Ref Vpc
            Export: {Name: !Sub "${Env}-${Tier}-vpc"}
        """);
    Path root = Files.writeString(dir.resolve("root.yaml"), """
        Resources:
          Net:
            Type: AWS::CloudFormation::Stack
            Properties:
              TemplateURL: vpc.yaml
              Parameters: {Env: prod}
        """);
    Map<String, Template> stacks = new LinkedHashMap<>();
    stacks.put("root", TemplateReader.read(root));
    stacks.put("app", TemplateReader.parse("""
        Resources:
          Instance:
            Type: AWS::EC2::SecurityGroup
            Properties: {VpcId: !ImportValue prod-web-vpc, GroupDescription: x}
        """, "app.yaml"));
    TemplateGraph g = TemplateGraph.of(stacks);
    assertThat(dependencies(g)).contains("app/Instance -> root/Net/Vpc (ImportValue)");
    assertThat(g.warnings()).isEmpty();
  }

  /** Exports that re-export the next one, 32 deep, still lead to the resource at the end. */
  @Test
  void anImportFollowsThirtyTwoReExports() throws Exception {
    Map<String, Template> stacks = new LinkedHashMap<>();
    stacks.put("s0", TemplateReader.parse("""
        Resources:
          Consumer: {Type: AWS::SNS::Subscription, Properties: {TopicArn: !ImportValue e1}}
        """, "s0.yaml"));
    for (int i = 1; i < 32; i++) {
      stacks.put("s" + i, TemplateReader.parse("Resources:\n  Filler: {Type: AWS::SNS::Topic}\n"
          + "Outputs:\n  Out:\n    Value: !ImportValue e" + (i + 1)
          + "\n    Export: {Name: e" + i + "}\n", "s" + i + ".yaml"));
    }
    stacks.put("s32", TemplateReader.parse("""
        Resources:
          Topic: {Type: AWS::SNS::Topic}
        Outputs:
          Out:
            Value: !Ref Topic
            Export: {Name: e32}
        """, "s32.yaml"));
    assertThat(dependencies(TemplateGraph.of(stacks)))
        .containsExactly("s0/Consumer -> s32/Topic (ImportValue)");
  }

  /** Addresses that depend on {@code address} directly, by any kind of dependency. */
  private static List<String> dependentsOf(TemplateGraph g, String address) {
    return g.dependencies().stream().filter(d -> d.dependency().equals(address))
        .map(TemplateGraph.Dependency::dependent).distinct().toList();
  }
}
