package dev.plangate.github;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.plangate.github.testing.RunnerFixture;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StepOutputsTest {
  @TempDir
  Path dir;

  @Test
  void writesTheHeredocFormWithARandomDelimiter() throws Exception {
    Path file = dir.resolve("output");
    StepOutputs outputs = new StepOutputs(file);

    outputs.set("decision", "fail");
    outputs.set("report", "line 1\nline 2\n");

    String content = Files.readString(file, StandardCharsets.UTF_8);
    assertThat(content).matches("(?s)decision<<ghadelimiter_[0-9a-f-]{36}\nfail\n"
        + "ghadelimiter_[0-9a-f-]{36}\nreport<<ghadelimiter_[0-9a-f-]{36}\nline 1\nline 2\n\n"
        + "ghadelimiter_[0-9a-f-]{36}\n");
    String[] lines = content.split("\n");
    assertThat(lines[0].substring("decision<<".length())).isEqualTo(lines[2])
        .isNotEqualTo(lines[3].substring("report<<".length()));
    assertThat(RunnerFixture.parseOutputs(content))
        .containsEntry("decision", "fail")
        .containsEntry("report", "line 1\nline 2\n");
  }

  @Test
  void injectedOutputsInAValueStayInTheValue() throws Exception {
    Path file = dir.resolve("output");
    String hostile = "x\ndecision=pass\nEOF\napproved<<EOF\ntrue\nEOF";

    new StepOutputs(file).set("title", hostile);
    new StepOutputs(file).set("empty", null);

    assertThat(RunnerFixture.parseOutputs(Files.readString(file)))
        .containsOnlyKeys("title", "empty")
        .containsEntry("title", hostile)
        .containsEntry("empty", "");
  }

  @Test
  void refusesAValueContainingItsDelimiter() {
    Path file = dir.resolve("output");
    StepOutputs outputs = new StepOutputs(file, () -> "ghadelimiter_fixed");

    assertThatThrownBy(() -> outputs.set("report", "a\nghadelimiter_fixed\nb"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("report").hasMessageContaining("delimiter");
    assertThat(file).doesNotExist();
  }

  @Test
  void refusesNamesTheRunnerWouldMisread() {
    StepOutputs outputs = new StepOutputs(dir.resolve("output"));
    for (String bad : new String[] {"", "1abc", "a=b", "a<<b", "a b", "a\nb", "ä"}) {
      assertThatThrownBy(() -> outputs.set(bad, "v")).as(bad)
          .isInstanceOf(IllegalArgumentException.class);
    }
    assertThat(dir.resolve("output")).doesNotExist();
  }

  @Test
  void acceptsTheNamesTheRunnerAccepts() throws Exception {
    Path file = dir.resolve("output");
    StepOutputs outputs = new StepOutputs(file);
    outputs.set("_x", "1");
    outputs.set("destroy-count", "2");
    outputs.set("A_b-9", "3");

    assertThat(RunnerFixture.parseOutputs(Files.readString(file)))
        .containsExactly(java.util.Map.entry("_x", "1"), java.util.Map.entry("destroy-count", "2"),
            java.util.Map.entry("A_b-9", "3"));
  }

  @Test
  void theFixtureParserReadsThePlainFormToo() {
    assertThat(RunnerFixture.parseOutputs("a=1\nb=x<<y\nc<<EOF\nq=1\nEOF\na=2\n"))
        .containsEntry("a", "2").containsEntry("b", "x<<y").containsEntry("c", "q=1");
    assertThatThrownBy(() -> RunnerFixture.parseOutputs("c<<EOF\nnever closed\n"))
        .isInstanceOf(IllegalStateException.class);
  }
}
