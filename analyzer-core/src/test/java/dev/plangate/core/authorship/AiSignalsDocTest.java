package dev.plangate.core.authorship;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The human-readable table in {@code docs/ai-signals.md} keeps up with the catalogue. */
class AiSignalsDocTest {

  private static Path doc() {
    for (Path p : List.of(Path.of("..", "docs", "ai-signals.md"),
        Path.of("docs", "ai-signals.md"))) {
      if (Files.isRegularFile(p)) {
        return p;
      }
    }
    throw new IllegalStateException("docs/ai-signals.md not found from "
        + Path.of("").toAbsolutePath());
  }

  @Test
  void everyAgentHasARowInTheDoc() throws Exception {
    List<String> lines = Files.readAllLines(doc());
    for (String agent : SignalCatalog.builtin().agents()) {
      assertThat(lines).as("a table row for " + agent)
          .anyMatch(l -> l.startsWith("| " + agent + " |"));
    }
  }

  @Test
  void theDocNamesEveryBotKnownNotToBeAi() throws Exception {
    String text = Files.readString(doc());
    for (String bot : List.of("github-actions[bot]", "dependabot[bot]", "renovate[bot]",
        "pre-commit-ci[bot]")) {
      assertThat(SignalCatalog.builtin().isNonAiBot(bot)).as(bot).isTrue();
      assertThat(text).contains("`" + bot + "`");
    }
  }
}
