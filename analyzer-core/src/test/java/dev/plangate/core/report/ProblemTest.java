package dev.plangate.core.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.plangate.core.io.InputFileException;
import dev.plangate.core.plan.PlanReadException;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProblemTest {
  @Test
  void theLineIsTheOneEveryTextFormatPrintedBefore() {
    assertThat(new Problem("t.yaml", 7, 8, Problem.CODE_UNREADABLE, "expected ']'", null).text())
        .isEqualTo("t.yaml: 7:8: expected ']'");
    assertThat(new Problem("t.yaml", 12, 0, Problem.CODE_UNREADABLE, "resource X has no Type",
        null).text()).isEqualTo("t.yaml: 12: resource X has no Type");
    assertThat(Problem.in("plan.json", Problem.CODE_UNREADABLE, "file not found").text())
        .isEqualTo("plan.json: file not found");
    assertThat(Problem.general(Problem.CODE_USAGE, "no plan files given").text())
        .isEqualTo("no plan files given");
  }

  @Test
  void aReadErrorKeepsItsFileAndPlaceAndReadsAsItsMessage() {
    PlanReadException e = new PlanReadException("t.yaml", 7, 8, "expected ']'", null);
    Problem p = Problem.of(e);

    assertThat(p.source()).isEqualTo("t.yaml");
    assertThat(p.line()).isEqualTo(7);
    assertThat(p.column()).isEqualTo(8);
    assertThat(p.message()).isEqualTo("expected ']'");
    assertThat(p.code()).isEqualTo(Problem.CODE_UNREADABLE);
    assertThat(p.text()).isEqualTo(e.getMessage());
    assertThat(e.reason()).isEqualTo("7:8: expected ']'");

    PlanReadException whole = new PlanReadException("plan.json", "truncated JSON");
    assertThat(Problem.of(whole).text()).isEqualTo(whole.getMessage());
    assertThat(Problem.of(whole).line()).isZero();
  }

  @Test
  void aRefusedFileReadsAsItsMessage() {
    InputFileException e = new InputFileException("big.json", "larger than 1 GiB");
    assertThat(Problem.of(e).text()).isEqualTo(e.getMessage());
    assertThat(Problem.of(e).code()).isEqualTo(Problem.CODE_INPUT_FILE);
  }

  @Test
  void aLineBreakInAFileNameCannotSplitTheLine() {
    assertThat(Problem.in("a\nb.json", Problem.CODE_UNREADABLE, "x").text())
        .isEqualTo("a\\nb.json: x");
  }

  @Test
  void aColumnWithoutALineMeansNothingAndACodeIsRequired() {
    assertThat(new Problem("f", 0, 9, Problem.CODE_OTHER, "m", null).column()).isZero();
    assertThatThrownBy(() -> new Problem("f", 1, 1, " ", "m", null))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aReportListsItsProblemsAsLines() {
    Report r = GoldenReports.analyze(List.of(GoldenReports.INPUTS.resolve("truncated.json")),
        dev.plangate.core.policy.Policy.defaults(), dev.plangate.core.api.PlanExtras.none());
    assertThat(r.problems()).hasSize(1);
    assertThat(r.problems().get(0).source()).endsWith("truncated.json");
    assertThat(r.errors()).containsExactly(r.problems().get(0).text());
  }
}
