package dev.plangate.core.source;

import static org.assertj.core.api.Assertions.assertThat;

import dev.plangate.core.api.CheckRequest;
import dev.plangate.core.api.PlanExtras;
import dev.plangate.core.impact.Finding;
import dev.plangate.core.pipeline.Pipeline;
import dev.plangate.core.report.Report;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A change set that removes a resource and what depends on it. The template it was created from
 * no longer holds either, so only the template from before the change says that one depended on
 * the other: given, the removed resource's dependents are counted and the report says which
 * template told them; not given, they are unknown and the report says what to pass, never
 * "nothing depends on it".
 */
class ChangeSetTemplateBeforeTest {
  @TempDir Path dir;

  private static String remove(String id, String type) {
    return """
        {"Type": "Resource", "ResourceChange": {"Action": "Remove", "LogicalResourceId": "%s",
         "PhysicalResourceId": "%s-1", "ResourceType": "%s", "PolicyAction": "Delete",
         "Scope": [], "Details": []}}""".formatted(id, id.toLowerCase(), type);
  }

  private Report check(boolean withBefore) throws Exception {
    Path changeSet = Files.writeString(dir.resolve("changeset.json"), """
        {"ChangeSetName": "drop-reports", "StackName": "orders", "Status": "CREATE_COMPLETE",
         "ExecutionStatus": "AVAILABLE", "Changes": [%s, %s]}
        """.formatted(remove("ReportsBucket", "AWS::S3::Bucket"),
            remove("ReportsPolicy", "AWS::S3::BucketPolicy")));
    Path after = Files.writeString(dir.resolve("template.yaml"), """
        Resources:
          Api: {Type: AWS::SNS::Topic, Properties: {TopicName: api}}
        """);
    Path before = Files.writeString(dir.resolve("template-before.yaml"), """
        Resources:
          Api: {Type: AWS::SNS::Topic, Properties: {TopicName: api}}
          ReportsBucket: {Type: AWS::S3::Bucket, Properties: {BucketName: reports}}
          ReportsPolicy:
            Type: AWS::S3::BucketPolicy
            Properties: {Bucket: !Ref ReportsBucket, PolicyDocument: {}}
        """);
    PlanExtras extras = new PlanExtras(null, List.of(after), withBefore ? before : null, null,
        null, null);
    return new Pipeline().check(CheckRequest.builder(List.of(changeSet)).extras(extras).build());
  }

  private static Finding bucket(Report r) {
    return r.findings().stream().filter(f -> f.address().equals("ReportsBucket")).findFirst()
        .orElseThrow();
  }

  @Test
  void withTheTemplateBeforeTheRemovedResourcesDependentsAreCountedAndItsSourceNamed()
      throws Exception {
    Report r = check(true);
    assertThat(r.errors()).isEmpty();
    assertThat(bucket(r).downstream().known()).isTrue();
    assertThat(bucket(r).downstream().changing()).containsExactly("ReportsPolicy");
    assertThat(r.plans().get(0).warnings()).anyMatch(w -> w.startsWith("What depended on"
        + " ReportsBucket, ReportsPolicy (removed by the change set) comes from the template"
        + " before the change") && w.contains("template-before.yaml"));
  }

  @Test
  void withoutItTheyAreUnknownAndTheReportSaysWhatToPass() throws Exception {
    Report r = check(false);
    assertThat(r.errors()).isEmpty();
    assertThat(bucket(r).downstream().known()).isFalse();
    assertThat(bucket(r).explanation()).doesNotContain("nothing depends on it");
    assertThat(r.plans().get(0).warnings()).anyMatch(w -> w.startsWith("Dependencies unknown"
        + " for ReportsBucket, ReportsPolicy") && w.contains("--template-before")
        && w.contains("get-template --template-stage Original"));
  }
}
