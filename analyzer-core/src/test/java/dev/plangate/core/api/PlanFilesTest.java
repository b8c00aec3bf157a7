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

  /** {@code **}{@code /} is zero or more directories, as in Ant, gitignore and GitHub filters. */
  @Test
  void aDoubleStarStepMatchesZeroOrMoreDirectories() throws IOException {
    for (String f : List.of("infra/plan.json", "infra/a/plan.json", "infra/a/b/plan.json",
        "infra/a/other.json", "infrastructure/plan.json", "plan.json")) {
      Files.createDirectories(tmp.resolve(f).getParent());
      Files.writeString(tmp.resolve(f), "{}");
    }
    assertThat(PlanFiles.find(tmp, List.of("infra/**/plan.json"))).containsExactly(
        tmp.resolve("infra/a/b/plan.json"), tmp.resolve("infra/a/plan.json"),
        tmp.resolve("infra/plan.json"));
    assertThat(PlanFiles.find(tmp, List.of("**/plan.json"))).hasSize(5);
    assertThat(PlanFiles.find(tmp, List.of("infra/**/**/plan.json"))).hasSize(3);
    assertThat(PlanFiles.matcher("infra/**/plan.json").matches(Path.of("infra/plan.json")))
        .isTrue();
    assertThat(PlanFiles.matcher("infra/**/plan.json").matches(Path.of("infraplan.json")))
        .isFalse();
    assertThat(PlanFiles.matcher("a**/plan.json").matches(Path.of("plan.json")))
        .as("** inside a step is not a directory step").isFalse();
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
