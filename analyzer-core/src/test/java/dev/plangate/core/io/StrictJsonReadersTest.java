package dev.plangate.core.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.plangate.core.audit.AuditLog;
import dev.plangate.core.audit.AuditTestDataAccess;
import dev.plangate.core.audit.AuditVerification;
import dev.plangate.core.audit.AuditVerifier;
import dev.plangate.core.catalog.ResourceCatalog;
import dev.plangate.core.cloudformation.ChangeSetReader;
import dev.plangate.core.cloudformation.TemplateReader;
import dev.plangate.core.model.Plan;
import dev.plangate.core.plan.PlanReadException;
import dev.plangate.core.pulumi.PulumiPreviewReader;
import dev.plangate.core.terraform.TerraformPlanReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A key given twice in one object would let the last copy win ({@code "op":"delete","op":"same"}
 * reads as "same", and the destroy passes), and data after the document is a second document
 * nobody reviewed: every JSON reader refuses both with one line. Each valid document is read
 * first, so a refusal is about the duplicate or the trailing data, not about the fixture.
 */
@Timeout(value = 10, unit = TimeUnit.SECONDS)
class StrictJsonReadersTest {
  private static final ResourceCatalog CATALOG = ResourceCatalog.builtin();
  private static final String URN = "urn:pulumi:dev::app::aws:s3/bucket:Bucket::b";

  @TempDir Path dir;

  private Path write(String name, String text) throws Exception {
    return Files.writeString(dir.resolve(name), text);
  }

  // ---- Terraform -----------------------------------------------------------------------------

  private static String terraform(String actions) {
    return "{\"format_version\":\"1.2\",\"resource_changes\":[{\"address\":\"t.a\",\"change\":"
        + "{" + actions + "}}]}";
  }

  private Plan terraformRead(String json) throws Exception {
    return new TerraformPlanReader(CATALOG).read(write("plan.json", json), "plan.json");
  }

  @Test
  void terraformRefusesADuplicateKeyAndTrailingData() throws Exception {
    assertThat(terraformRead(terraform("\"actions\":[\"delete\"]")).changes()).hasSize(1);
    assertThatThrownBy(() -> terraformRead(
        terraform("\"actions\":[\"delete\"],\"actions\":[\"no-op\"]")))
        .isInstanceOf(PlanReadException.class)
        .hasMessageStartingWith("plan.json: ")
        .hasMessageContaining("has the key \"actions\" twice");
    for (String extra : List.of("{}", " x", "[1]")) {
      assertThatThrownBy(() -> terraformRead(terraform("\"actions\":[\"delete\"]") + extra))
          .as(extra).isInstanceOf(PlanReadException.class)
          .hasMessageStartingWith("plan.json: ");
    }
  }

  // ---- CloudFormation change sets -----------------------------------------------------------

  private static String changeSet(String action) {
    return "{\"ChangeSetName\":\"c\",\"StackName\":\"s\",\"Changes\":[{\"Type\":\"Resource\","
        + "\"ResourceChange\":{" + action + ",\"LogicalResourceId\":\"Db\","
        + "\"PhysicalResourceId\":\"db\",\"ResourceType\":\"AWS::SNS::Topic\",\"Scope\":[],"
        + "\"Details\":[]}}]}";
  }

  private Plan changeSetRead(String json) throws Exception {
    return new ChangeSetReader(CATALOG).read(write("cs.json", json), "cs.json");
  }

  @Test
  void changeSetsRefuseADuplicateKeyAndTrailingData() throws Exception {
    assertThat(changeSetRead(changeSet("\"Action\":\"Remove\"")).changes()).hasSize(1);
    assertThatThrownBy(() -> changeSetRead(changeSet("\"Action\":\"Remove\",\"Action\":\"Modify\"")))
        .isInstanceOf(PlanReadException.class)
        .hasMessageStartingWith("cs.json: ")
        .hasMessageContaining("Duplicate field 'Action'");
    assertThatThrownBy(() -> changeSetRead(changeSet("\"Action\":\"Remove\"") + changeSet(
        "\"Action\":\"Add\"")))
        .isInstanceOf(PlanReadException.class).hasMessageStartingWith("cs.json: ");
    assertThatThrownBy(() -> changeSetRead(changeSet("\"Action\":\"Remove\"") + " garbage"))
        .isInstanceOf(PlanReadException.class).hasMessageStartingWith("cs.json: ");
  }

  // ---- CloudFormation templates --------------------------------------------------------------

  @Test
  void jsonTemplatesRefuseADuplicateKeyAndTrailingData() throws Exception {
    String ok = "{\"Resources\":{\"A\":{\"Type\":\"AWS::SNS::Topic\"}}}";
    assertThat(TemplateReader.read(write("t.json", ok)).resources()).hasSize(1);
    assertThatThrownBy(() -> TemplateReader.read(write("t.json",
        "{\"Resources\":{\"A\":{\"Type\":\"AWS::SNS::Topic\"},\"A\":{\"Type\":\"AWS::SQS::Queue\"}}}")))
        .isInstanceOf(PlanReadException.class).hasMessageContaining("t.json");
    assertThatThrownBy(() -> TemplateReader.read(write("t.json", ok + ok)))
        .isInstanceOf(PlanReadException.class).hasMessageContaining("t.json");
    assertThatThrownBy(() -> TemplateReader.read(write("t.json", ok + " x")))
        .isInstanceOf(PlanReadException.class).hasMessageContaining("t.json");
  }

  // ---- Pulumi --------------------------------------------------------------------------------

  private static String state() {
    return "{\"urn\":\"" + URN + "\",\"type\":\"aws:s3/bucket:Bucket\",\"custom\":true,"
        + "\"id\":\"b\"}";
  }

  private static String digest(String op) {
    return "{\"steps\":[{" + op + ",\"urn\":\"" + URN + "\",\"oldState\":" + state()
        + ",\"newState\":null}],\"changeSummary\":{}}";
  }

  private static String event(String op) {
    return "{\"sequence\":1,\"timestamp\":1,\"resourcePreEvent\":{\"metadata\":{" + op
        + ",\"urn\":\"" + URN + "\",\"type\":\"aws:s3/bucket:Bucket\",\"old\":" + state()
        + ",\"new\":null},\"planning\":true}}\n"
        + "{\"sequence\":2,\"timestamp\":1,\"summaryEvent\":{\"maybeCorrupt\":false,"
        + "\"durationSeconds\":1,\"resourceChanges\":{},\"PolicyPacks\":{}}}\n";
  }

  private static final String EXPORT = "{\"version\":3,\"deployment\":{\"manifest\":{},"
      + "\"resources\":[" + "{\"urn\":\"" + URN + "\",\"type\":\"aws:s3/bucket:Bucket\","
      + "\"custom\":true,\"id\":\"b\"}]}}";

  private Plan pulumiRead(String preview, String export) throws Exception {
    Path e = export == null ? null : write("export.json", export);
    return new PulumiPreviewReader(CATALOG).read(write("preview.json", preview), e,
        "preview.json");
  }

  @Test
  void pulumiDigestsRefuseTheTwoOpsThatTurnedADeleteIntoAPass() throws Exception {
    assertThat(pulumiRead(digest("\"op\":\"delete\""), null).changes()).hasSize(1);
    assertThatThrownBy(() -> pulumiRead(digest("\"op\":\"delete\",\"op\":\"same\""), null))
        .isInstanceOf(PlanReadException.class)
        .hasMessageStartingWith("preview.json: ")
        .hasMessageContaining("Duplicate field 'op'");
    assertThatThrownBy(() -> pulumiRead(digest("\"op\":\"delete\"") + "{}", null))
        .isInstanceOf(PlanReadException.class).hasMessageStartingWith("preview.json: ");
    assertThatThrownBy(() -> pulumiRead(digest("\"op\":\"delete\"") + " x", null))
        .isInstanceOf(PlanReadException.class).hasMessageStartingWith("preview.json: ");
  }

  @Test
  void pulumiEventStreamsRefuseADuplicateKeyAndTrailingGarbage() throws Exception {
    assertThat(pulumiRead(event("\"op\":\"delete\""), null).changes()).hasSize(1);
    assertThatThrownBy(() -> pulumiRead(event("\"op\":\"delete\",\"op\":\"same\""), null))
        .isInstanceOf(PlanReadException.class)
        .hasMessageContaining("Duplicate field 'op'");
    assertThatThrownBy(() -> pulumiRead(event("\"op\":\"delete\"") + "garbage", null))
        .isInstanceOf(PlanReadException.class).hasMessageStartingWith("preview.json: ");
  }

  @Test
  void stackExportsRefuseADuplicateKeyAndTrailingData() throws Exception {
    String preview = digest("\"op\":\"delete\"");
    assertThat(pulumiRead(preview, EXPORT).changes()).hasSize(1);
    String dup = EXPORT.replace("\"custom\":true,", "\"custom\":true,\"custom\":false,");
    assertThatThrownBy(() -> pulumiRead(preview, dup))
        .isInstanceOf(PlanReadException.class)
        .hasMessageContaining("export.json")
        .hasMessageContaining("Duplicate field 'custom'");
    assertThatThrownBy(() -> pulumiRead(preview, EXPORT + EXPORT))
        .isInstanceOf(PlanReadException.class).hasMessageContaining("export.json");
    assertThatThrownBy(() -> pulumiRead(preview, EXPORT + "]"))
        .isInstanceOf(PlanReadException.class).hasMessageContaining("export.json");
  }

  // ---- audit log -----------------------------------------------------------------------------

  @Test
  void auditLinesRefuseADuplicateKeyAndTrailingData() throws Exception {
    Path log = dir.resolve("audit.log");
    AuditLog.at(log).append(AuditTestDataAccess.entry(1));
    String line = Files.readString(log, StandardCharsets.UTF_8).strip();
    assertThat(AuditVerifier.verify(log).ok()).isTrue();
    Files.writeString(log, line.replaceFirst("\\{", "{\"seq\":1,") + "\n");
    AuditVerification dup = AuditVerifier.verify(log);
    assertThat(dup.ok()).isFalse();
    assertThat(dup.message()).isEqualTo("line 1: not valid JSON");
    Files.writeString(log, line + "{}\n");
    assertThat(AuditVerifier.verify(log).ok()).isFalse();
  }
}
