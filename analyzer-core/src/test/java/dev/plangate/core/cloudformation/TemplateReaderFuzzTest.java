package dev.plangate.core.cloudformation;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.plangate.core.plan.PlanReadException;
import dev.plangate.core.testing.FuzzFiles;
import java.nio.file.Path;

/**
 * Any bytes as a CloudFormation template, YAML or JSON (the reader tells them apart; the seeds
 * hold both): a template or a one-line {@link PlanReadException}, nothing else.
 */
class TemplateReaderFuzzTest {
  private static final Path FILE = FuzzFiles.scratch(".template");

  @FuzzTest(maxDuration = "5s")
  void read(byte[] data) {
    try {
      Template t = TemplateReader.read(FuzzFiles.write(FILE, data));
      assertThat(t.resources()).isNotNull();
      TemplateGraph.of(t);
    } catch (PlanReadException e) {
      assertThat(e.getMessage()).doesNotContain("\n");
    }
  }
}
