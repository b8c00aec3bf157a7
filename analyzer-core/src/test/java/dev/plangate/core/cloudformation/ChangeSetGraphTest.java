package dev.plangate.core.cloudformation;

import static dev.plangate.core.cloudformation.ChangeSets.edges;
import static org.assertj.core.api.Assertions.assertThat;

import dev.plangate.core.catalog.ResourceCatalog;
import dev.plangate.core.model.ChangeKind;
import dev.plangate.core.model.Plan;
import dev.plangate.core.model.ResourceChange;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The graph a change set gets from its templates: the one it was created from for what stays,
 * the one from before the change for what it removes.
 */
class ChangeSetGraphTest {
  @TempDir Path dir;

  private Plan changeSet() throws Exception {
    Path cs = Files.writeString(dir.resolve("cs.json"), """
        {"ChangeSetName": "c", "StackName": "s", "Status": "CREATE_COMPLETE",
         "ExecutionStatus": "AVAILABLE", "Changes": [
          {"Type": "Resource", "ResourceChange": {"Action": "Remove", "LogicalResourceId": "Bucket",
           "PhysicalResourceId": "b-1", "ResourceType": "AWS::S3::Bucket", "PolicyAction": "Delete",
           "Scope": [], "Details": []}},
          {"Type": "Resource", "ResourceChange": {"Action": "Remove", "LogicalResourceId": "Policy",
           "PhysicalResourceId": "p-1", "ResourceType": "AWS::S3::BucketPolicy",
           "PolicyAction": "Delete", "Scope": [], "Details": []}}]}
        """);
    return new ChangeSetReader(ResourceCatalog.builtin()).read(cs, "cs.json");
  }

  private TemplateGraph graph(String name, String yaml) throws Exception {
    return TemplateGraph.of(TemplateReader.read(Files.writeString(dir.resolve(name), yaml)));
  }

  @Test
  void aChangeSetAloneDoesNotKnowItsDependencies() throws Exception {
    Plan p = changeSet();
    assertThat(p.dependenciesKnown()).isFalse();
    assertThat(p.warnings()).containsExactly(Plan.dependenciesUnknownWarning(p.format()));
  }

  @Test
  void theNewTemplateAloneCannotTellWhatDependedOnARemovedResource() throws Exception {
    Plan p = ChangeSetGraph.withTemplates(changeSet(), graph("after.yaml", """
        Resources:
          Topic: {Type: AWS::SNS::Topic, Properties: {TopicName: t}}
        """), null, null);
    assertThat(p.dependenciesKnown()).isFalse();
    assertThat(edges(p)).isEmpty();
    assertThat(p.changes()).extracting(ResourceChange::address)
        .containsExactly("Bucket", "Policy", "Topic");
    assertThat(p.changes().get(2).kind()).isEqualTo(ChangeKind.NO_OP);
    assertThat(p.changes().get(2).listed()).isFalse();
    assertThat(p.warnings()).singleElement().asString()
        .startsWith("Dependencies unknown for Bucket, Policy: the change set removes them")
        .contains("--template-before");
  }

  @Test
  void theTemplateBeforeGivesTheRemovedResourcesTheirDependents() throws Exception {
    Plan p = ChangeSetGraph.withTemplates(changeSet(), graph("after.yaml", """
        Resources:
          Topic: {Type: AWS::SNS::Topic, Properties: {TopicName: t}}
          Sub: {Type: AWS::SNS::Subscription, Properties: {TopicArn: !Ref Topic, Protocol: email}}
        """), graph("before.yaml", """
        Resources:
          Topic: {Type: AWS::SNS::Topic, Properties: {TopicName: t}}
          Sub: {Type: AWS::SNS::Subscription, Properties: {TopicArn: !Ref Topic, Protocol: sqs}}
          Old: {Type: AWS::SNS::Subscription, Properties: {TopicArn: !Ref Topic, Protocol: sms}}
          Bucket: {Type: AWS::S3::Bucket}
          Policy: {Type: AWS::S3::BucketPolicy, Properties: {Bucket: !Ref Bucket, PolicyDocument: {}}}
        """), "before.yaml");
    assertThat(p.dependenciesKnown()).isTrue();
    // The removed pair's edge comes from the old template; Topic's edges from the new one only
    // (Old, gone from the new template, still depended on Topic before).
    assertThat(edges(p)).containsExactlyInAnyOrder("Policy -> Bucket", "Sub -> Topic",
        "Old -> Topic");
    assertThat(p.warnings()).containsExactly("What depended on Bucket, Policy (removed by the"
        + " change set) comes from the template before the change, before.yaml.");
  }
}
