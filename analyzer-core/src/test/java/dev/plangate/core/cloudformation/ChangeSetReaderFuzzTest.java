package dev.plangate.core.cloudformation;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.plangate.core.catalog.ResourceCatalog;
import dev.plangate.core.model.Plan;
import dev.plangate.core.plan.PlanReadException;
import dev.plangate.core.testing.FuzzFiles;
import java.nio.file.Path;

/** Any bytes as a change set: a plan or a one-line {@link PlanReadException}, nothing else. */
class ChangeSetReaderFuzzTest {
  private static final Path FILE = FuzzFiles.scratch(".json");
  private static final ChangeSetReader READER = new ChangeSetReader(ResourceCatalog.builtin());

  @FuzzTest(maxDuration = "5s")
  void read(byte[] data) {
    try {
      Plan plan = READER.read(FuzzFiles.write(FILE, data), "cs.json");
      assertThat(plan.changes()).isNotNull();
    } catch (PlanReadException e) {
      assertThat(e.getMessage()).startsWith("cs.json").doesNotContain("\n");
    }
  }
}
