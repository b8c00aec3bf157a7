package dev.plangate.core.terraform;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.plangate.core.catalog.ResourceCatalog;
import dev.plangate.core.model.Plan;
import dev.plangate.core.plan.PlanReadException;
import dev.plangate.core.testing.FuzzFiles;
import java.nio.file.Path;

/**
 * Any bytes given as a Terraform plan: the reader returns a plan or throws a one-line
 * {@link PlanReadException} naming the file, never another exception and never a hang.
 */
class TerraformPlanReaderFuzzTest {
  private static final Path FILE = FuzzFiles.scratch(".json");
  private static final TerraformPlanReader READER =
      new TerraformPlanReader(ResourceCatalog.builtin());

  @FuzzTest(maxDuration = "5s")
  void read(byte[] data) {
    try {
      Plan plan = READER.read(FuzzFiles.write(FILE, data), "plan.json");
      assertThat(plan.changes()).isNotNull();
    } catch (PlanReadException e) {
      assertThat(e.getMessage()).startsWith("plan.json: ").doesNotContain("\n");
    }
  }
}
