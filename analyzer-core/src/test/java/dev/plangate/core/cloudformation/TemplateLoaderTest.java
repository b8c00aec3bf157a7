package dev.plangate.core.cloudformation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.plangate.core.plan.PlanReadException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Loading two template files: each version where it belongs, and errors in reading order. */
class TemplateLoaderTest {
  @TempDir Path dir;

  @Test
  void twoFilesAreTheBeforeAndTheAfterOfOneStack() throws Exception {
    Path before = write("before.yaml", "Resources:\n  Old: {Type: AWS::SQS::Queue}\n");
    Path after = write("after.yaml", "Resources:\n  New: {Type: AWS::SQS::Queue}\n");

    TemplateLoader.Versions v = TemplateLoader.files(before, after);

    assertThat(v.before()).containsOnlyKeys("");
    assertThat(v.before().get("").resources()).containsOnlyKeys("Old");
    assertThat(v.after().get("").resources()).containsOnlyKeys("New");
    assertThat(v.warnings()).isEmpty();
    assertThat(TemplateDiff.diff(v, "after.yaml").changes())
        .extracting(c -> c.address() + " " + c.kind())
        .containsExactlyInAnyOrder("New CREATE", "Old DELETE");
  }

  @Test
  void whenBothFilesAreUnreadableTheBeforeIsNamed() {
    Path before = dir.resolve("missing-before.yaml");
    Path after = dir.resolve("missing-after.yaml");

    PlanReadException e = catchThrowableOfType(PlanReadException.class,
        () -> TemplateLoader.files(before, after));

    assertThat(e.file()).endsWith("missing-before.yaml");
  }

  private Path write(String name, String text) throws Exception {
    return Files.writeString(dir.resolve(name), text);
  }
}
