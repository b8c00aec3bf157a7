package dev.plangate.core.cloudformation;

import static dev.plangate.core.cloudformation.ChangeSets.resource;
import static org.assertj.core.api.Assertions.assertThat;

import dev.plangate.core.source.ChangeSetSource;
import dev.plangate.core.source.Sources;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** What auto-detection may and may not take for a change set, from a file's first bytes. */
class ChangeSetSniffTest {

  private static boolean sniff(String json) {
    return ChangeSetReader.looksLike(json.getBytes(StandardCharsets.UTF_8));
  }

  @ParameterizedTest
  @ValueSource(strings = {"conditional-replacement.json", "policy-actions.json",
      "import-dynamic-sync.json", "paged-1.json", "paged-3.json", "nested-root.json",
      "nested-grandchild.json", "before-context-string.json", "query-changes.json"})
  void everySyntheticChangeSetIsRecognised(String name) throws Exception {
    assertThat(Sources.builtin().sniff(resource(name))).isInstanceOf(ChangeSetSource.class);
  }

  @ParameterizedTest
  @ValueSource(strings = {
      // describe-change-set: Changes plus a header member, in either order, any letter case
      "{\"ChangeSetId\": \"arn\", \"Changes\": []}",
      "{\"Changes\": [], \"StackName\": \"s\"}",
      "{\"changes\": null, \"changeSetName\": \"n\"}",
      // Changes first and long: the first change is enough
      "{\"Changes\": [{\"Type\": \"Resource\", \"ResourceChange\": {\"Action\": \"Rem",
      // the console's JSON tab and --query Changes
      "[{\"resourceChange\": {\"logicalResourceId\": \"MyS3Bucket\"}, \"type\": \"Resource\"}]",
      "[{\"Type\": \"Resource\", \"HookInvocationCount\": 2, \"ResourceChange\": {",
      "\uFEFF{\"ChangeSetId\": \"arn\", \"Changes\": []}"})
  void changeSetShapesAreRecognised(String json) {
    assertThat(sniff(json)).isTrue();
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "",
      "   ",
      "not json",
      "[]",
      "{}",
      "[1, 2]",
      "\"Changes\"",
      "{\"ChangeSetId\": \"arn\"}",
      "{\"Changes\": []}",
      "{\"Changes\": \"none\", \"ChangeSetId\": \"arn\"}",
      "{\"Changes\": [1], \"ChangeSetId\": \"arn\"}",
      "{\"Changes\": [{\"Type\": \"Resource\"}], \"ChangeSetId\": \"arn\"}",
      "[{\"op\": \"delete\", \"urn\": \"urn:pulumi:dev::p::aws:s3/bucket:Bucket::b\"}]",
      "{\"format_version\": \"1.2\", \"resource_changes\": [{\"change\": {}}]}",
      "{\"AWSTemplateFormatVersion\": \"2010-09-09\", \"Resources\": {}}",
      "{\"steps\": [{\"op\": \"replace\"}], \"changeSummary\": {}}",
      // a header member nested deeper does not count
      "{\"Summary\": {\"ChangeSetId\": \"arn\"}, \"Changes\": []}"})
  void otherDocumentsAreNot(String json) {
    assertThat(sniff(json)).isFalse();
  }

  @Test
  void aPrefixCutAnywhereAfterTheSignatureStillMatches() throws Exception {
    byte[] whole = Files.readAllBytes(resource("policy-actions.json"));
    String text = new String(whole, StandardCharsets.UTF_8);
    // The parser hands out a member name once it has seen the start of its value.
    String member = "\"ResourceChange\": {";
    int signature = text.indexOf(member) + member.length();
    for (int cut = signature; cut <= whole.length; cut += 7) {
      assertThat(ChangeSetReader.looksLike(whole, cut)).as("cut at " + cut).isTrue();
    }
    // Before the first change's ResourceChange member, nothing can tell yet.
    assertThat(ChangeSetReader.looksLike(whole, text.indexOf("\"Changes\""))).isFalse();
    assertThat(ChangeSetReader.looksLike(whole, signature - 1)).isFalse();
  }

  @Test
  void onlyTheGivenLengthIsRead() {
    byte[] padded = Arrays.copyOf(
        "{\"Changes\": [], \"ChangeSetId\": \"x\"}".getBytes(StandardCharsets.UTF_8), 100);
    assertThat(ChangeSetReader.looksLike(padded, 20)).isFalse();
    assertThat(ChangeSetReader.looksLike(padded, 36)).isTrue();
  }

  @Test
  void aLongChangeListBeforeTheHeaderIsRecognisedFromItsFirstSnifferWindow() {
    StringBuilder sb = new StringBuilder("{\"Changes\": [");
    for (int i = 0; i < 2000; i++) {
      sb.append(i == 0 ? "" : ",").append("{\"Type\": \"Resource\", \"ResourceChange\": {")
          .append("\"Action\": \"Add\", \"LogicalResourceId\": \"Queue").append(i)
          .append("\", \"ResourceType\": \"AWS::SQS::Queue\"}}");
    }
    sb.append("], \"ChangeSetId\": \"arn\"}");
    byte[] doc = sb.toString().getBytes(StandardCharsets.UTF_8);
    assertThat(doc.length).isGreaterThan(Sources.SNIFF_BYTES);
    assertThat(ChangeSetReader.looksLike(doc, Sources.SNIFF_BYTES)).isTrue();
  }
}
