package dev.plangate.core.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PlanFilesTest {
  @TempDir Path tmp;

  @Test
  void globsAreWalkedFromTheirLiteralDirectories() throws IOException {
    assertThat(PlanFiles.literalPrefix("infra/prod/**/plan.json")).isEqualTo("infra/prod");
    assertThat(PlanFiles.literalPrefix("plan.json")).isEmpty();
    assertThat(PlanFiles.literalPrefix("*/plan.json")).isEmpty();
    assertThat(PlanFiles.literalPrefix("infra/{a,b}/plan.json")).isEqualTo("infra");

    Path root = tree();
    assertThat(PlanFiles.find(root, List.of("infra/prod/**/plan.json", "plan.json",
        "missing/*.json")))
        .containsExactly(root.resolve("infra/prod/eu/plan.json"), root.resolve("plan.json"));
  }

  @Test
  void resolveKeepsFilesAsWrittenAndExpandsPatternsRelativeToTheBase() throws Exception {
    Path root = tree();
    assertThat(PlanFiles.resolve(root, List.of("plan.json", "**/eu/plan.json", "absent.json")))
        .containsExactly(Path.of("plan.json"), Path.of("infra/prod/eu/plan.json"),
            Path.of("absent.json"));
  }

  @Test
  void anAbsolutePatternIsWalkedFromItsRootAndStaysAbsolute() throws Exception {
    Path root = tree();
    assertThat(PlanFiles.resolve(Path.of("/nonexistent"), List.of(root + "/other/*.json")))
        .containsExactly(root.resolve("other/plan.json"));
  }

  @Test
  void aPatternThatMatchesNothingIsAnErrorNotAnEmptyList() throws IOException {
    Path root = tree();
    assertThatThrownBy(() -> PlanFiles.resolve(root, List.of("infra/**/nothing.json")))
        .isInstanceOf(PlanFiles.NoMatchException.class)
        .hasMessage("no file matches 'infra/**/nothing.json' under " + root);
  }

  @Test
  void aFileWhoseNameLooksLikeAPatternIsTakenAsThatFile() throws Exception {
    Path root = tree();
    Files.writeString(root.resolve("plan[1].json"), "{}");
    assertThat(PlanFiles.resolve(root, List.of("plan[1].json")))
        .containsExactly(Path.of("plan[1].json"));
  }

  private Path tree() throws IOException {
    Path root = tmp.resolve("tree");
    Files.createDirectories(root.resolve("infra/prod/eu/.terraform"));
    Files.createDirectories(root.resolve("other"));
    Files.writeString(root.resolve("infra/prod/eu/plan.json"), "{}");
    Files.writeString(root.resolve("infra/prod/eu/.terraform/plan.json"), "{}");
    Files.writeString(root.resolve("other/plan.json"), "{}");
    Files.writeString(root.resolve("plan.json"), "{}");
    return root;
  }
}
