package dev.plangate.core.pulumi;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.plangate.core.catalog.ResourceCatalog;
import dev.plangate.core.model.Plan;
import dev.plangate.core.plan.PlanReadException;
import dev.plangate.core.testing.FuzzFiles;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * Any bytes as the stack export beside a valid preview: a plan or a one-line
 * {@link PlanReadException} naming the export, nothing else.
 */
class StackExportReaderFuzzTest {
  private static final String URN = "urn:pulumi:dev::app::aws:s3/bucket:Bucket::b";
  private static final Path PREVIEW = FuzzFiles.write(FuzzFiles.scratch(".json"),
      ("{\"steps\":[{\"op\":\"delete\",\"urn\":\"" + URN + "\",\"oldState\":{\"urn\":\"" + URN
          + "\",\"type\":\"aws:s3/bucket:Bucket\",\"custom\":true,\"id\":\"b\"},"
          + "\"newState\":null}],\"changeSummary\":{}}").getBytes(StandardCharsets.UTF_8));
  private static final Path EXPORT = FuzzFiles.scratch(".json");
  private static final PulumiPreviewReader READER =
      new PulumiPreviewReader(ResourceCatalog.builtin());

  @FuzzTest(maxDuration = "5s")
  void read(byte[] data) {
    try {
      Plan plan = READER.read(PREVIEW, FuzzFiles.write(EXPORT, data), "preview.json");
      // The delete in the preview is never lost, whatever the export says.
      assertThat(plan.changes()).isNotEmpty();
    } catch (PlanReadException e) {
      assertThat(e.getMessage()).startsWith(EXPORT.toString()).doesNotContain("\n");
    }
  }
}
