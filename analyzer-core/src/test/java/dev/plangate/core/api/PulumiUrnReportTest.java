package dev.plangate.core.api;

import static dev.plangate.core.api.DependenciesUnknownTest.check;
import static dev.plangate.core.api.DependenciesUnknownTest.fixture;
import static dev.plangate.core.api.DependenciesUnknownTest.only;
import static dev.plangate.core.api.DependenciesUnknownTest.stackExport;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.plangate.core.report.RenderOptions;
import dev.plangate.core.report.Renderers;
import dev.plangate.core.report.Report;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The JSON report carries a Pulumi finding's full URN, which {@code pulumi up --target} and
 * {@code pulumi state unprotect} need, beside the short address people read.
 */
class PulumiUrnReportTest {
  private static final String URN = "urn:pulumi:dev::app::aws:sqs/queue:Queue::orders";
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void theJsonFindingCarriesTheFullUrnAndTheTextKeepsTheShortAddress() throws Exception {
    Report r = check(List.of(fixture("pulumi-preview.json")),
        stackExport(fixture("pulumi-stack-export.json")));
    assertThat(only(r).address()).isEqualTo("aws:sqs/queue:Queue::orders");
    assertThat(only(r).urn()).isEqualTo(URN);

    JsonNode f = JSON.readTree(Renderers.JSON.render(r, RenderOptions.DEFAULT))
        .get("findings").get(0);
    assertThat(f.get("urn").asText()).isEqualTo(URN);
    assertThat(f.get("address").asText()).isEqualTo("aws:sqs/queue:Queue::orders");

    assertThat(Renderers.TEXT.render(r, RenderOptions.DEFAULT))
        .contains("aws:sqs/queue:Queue::orders").doesNotContain(URN);
    assertThat(Renderers.MARKDOWN.render(r, RenderOptions.DEFAULT)).doesNotContain(URN);
  }

  @Test
  void otherFormatsHaveANullUrn() throws Exception {
    Report r = check(List.of(fixture("terraform-plan.json")), PlanExtras.none());
    assertThat(only(r).urn()).isNull();
    JsonNode f = JSON.readTree(Renderers.JSON.render(r, RenderOptions.DEFAULT))
        .get("findings").get(0);
    assertThat(f.has("urn")).isTrue();
    assertThat(f.get("urn").isNull()).isTrue();
  }
}
