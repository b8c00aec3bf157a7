package dev.plangate.github;

import static org.assertj.core.api.Assertions.assertThat;

import dev.plangate.github.WorkflowCommands.Level;
import dev.plangate.github.WorkflowCommands.Props;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class WorkflowCommandsTest {
  final ByteArrayOutputStream buffer = new ByteArrayOutputStream();
  final WorkflowCommands commands =
      new WorkflowCommands(new PrintStream(buffer, true, StandardCharsets.UTF_8));

  List<String> lines() {
    return buffer.toString(StandardCharsets.UTF_8).lines().toList();
  }

  @Test
  void formatsAnAnnotationWithItsProperties() {
    commands.annotate(Level.ERROR, "aws_vpc.legacy will be destroyed",
        new Props("infra/main.tf", 12, 30, null, null, "Destroy without approval"));

    assertThat(lines()).containsExactly("::error file=infra/main.tf,line=12,endLine=30,"
        + "title=Destroy without approval::aws_vpc.legacy will be destroyed");
  }

  @Test
  void anAnnotationWithoutPropertiesHasNone() {
    commands.annotate(Level.NOTICE, "ok", Props.NONE);
    commands.annotate(Level.WARNING, "careful", null);

    assertThat(lines()).containsExactly("::notice::ok", "::warning::careful");
  }

  @Test
  void escapesDataAndPropertiesLikeTheToolkit() {
    commands.annotate(Level.WARNING, "100% gone\r\nnext::error::injected",
        new Props("a,b:c.tf", 1, null, 2, 5, "t: x, y%\n"));

    assertThat(lines()).containsExactly("::warning file=a%2Cb%3Ac.tf,line=1,col=2,endColumn=5,"
        + "title=t%3A x%2C y%25%0A::100%25 gone%0D%0Anext::error::injected");
    assertThat(WorkflowCommands.escapeData("%0A")).isEqualTo("%250A");
    assertThat(WorkflowCommands.escapeProperty("::")).isEqualTo("%3A%3A");
  }

  @Test
  void aMessageWithNewlinesStaysOnOneLine() {
    commands.annotate(Level.ERROR, "first\nsecond\n::add-mask::secret", Props.NONE);

    assertThat(lines()).hasSize(1);
  }

  @Test
  void printsAtMostTenPerLevelAndCountsTheRest() {
    for (int i = 1; i <= 13; i++) {
      boolean printed = commands.annotate(Level.ERROR, "e" + i, Props.NONE);
      assertThat(printed).isEqualTo(i <= 10);
    }
    for (int i = 1; i <= 12; i++) {
      commands.annotate(Level.WARNING, "w" + i, Props.NONE);
    }
    commands.annotate(Level.NOTICE, "n", Props.NONE);

    assertThat(lines()).filteredOn(l -> l.startsWith("::error")).hasSize(10);
    assertThat(lines()).filteredOn(l -> l.startsWith("::warning")).hasSize(10);
    assertThat(lines()).filteredOn(l -> l.startsWith("::notice")).hasSize(1);
    assertThat(lines()).contains("::error::e10").doesNotContain("::error::e11");
    assertThat(commands.dropped(Level.ERROR)).isEqualTo(3);
    assertThat(commands.dropped(Level.WARNING)).isEqualTo(2);
    assertThat(commands.dropped(Level.NOTICE)).isZero();
    assertThat(commands.dropped()).isEqualTo(5);
  }

  @Test
  void untrustedTextIsFencedWithARandomToken() {
    String hostile = "resource \"x\"\n::add-mask::nothing\n::error::fake failure\n::endgroup::";

    commands.printUntrusted(hostile);
    commands.printUntrusted("second");

    List<String> lines = lines();
    assertThat(lines.get(0)).matches("::stop-commands::plangate-[0-9a-f-]{36}");
    String token = lines.get(0).substring("::stop-commands::".length());
    assertThat(lines.subList(1, 5)).containsExactly(hostile.split("\n"));
    assertThat(lines.get(5)).isEqualTo("::" + token + "::");
    assertThat(lines.get(6)).startsWith("::stop-commands::").isNotEqualTo(lines.get(0));
    assertThat(lines.get(7)).isEqualTo("second");
    // Fenced text does not count as annotations.
    assertThat(commands.dropped()).isZero();
  }
}
