package dev.plangate.core.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class RenderersTest {
  @Test
  void theFormatsAreTheOnesUsersTypeInHelpOrder() {
    assertThat(Renderers.ids()).containsExactly("text", "json", "markdown", "sarif");
    assertThat(Renderers.all()).extracting(ReportRenderer::fileExtension)
        .containsExactly("txt", "json", "md", "sarif");
    assertThat(Renderers.sentence(Renderers.ids())).isEqualTo("text, json, markdown or sarif");
  }

  @Test
  void anUnknownNameFindsNothingRatherThanADefault() {
    assertThat(Renderers.byId("xml")).isEmpty();
    assertThat(Renderers.byId("")).isEmpty();
    assertThat(Renderers.byId(null)).isEmpty();
    assertThat(Renderers.byId("JSON")).as("ids are exact; byName is lenient").isEmpty();
    assertThat(Renderers.byName(" JSON ")).contains(Renderers.JSON);
    assertThat(Renderers.byName(null)).isEmpty();
  }

  @Test
  void aNegativeSizeLimitIsRejected() {
    assertThatThrownBy(() -> RenderOptions.DEFAULT.withMaxChars(-1))
        .isInstanceOf(IllegalArgumentException.class);
  }

  /** The registry's renderers, with options, write exactly the golden files. */
  @Test
  void theRegistryRendersWhatTheGoldenFilesHold() {
    for (String name : new String[] {"example-terraform-kiro-incident", "many-findings",
        "errors-unreadable-inputs"}) {
      Report r = GoldenReports.all().get(name).get();
      Golden.check(name + "/text.txt", Renderers.TEXT.render(r, RenderOptions.DEFAULT));
      Golden.check(name + "/text-color.txt",
          Renderers.byId("text").orElseThrow().render(r, RenderOptions.DEFAULT.withColor(true)));
      Golden.check(name + "/markdown.md", Renderers.MARKDOWN.render(r, RenderOptions.DEFAULT));
      Golden.check(name + "/markdown-4000.md",
          Renderers.MARKDOWN.render(r, RenderOptions.DEFAULT.withMaxChars(4000)));
      Golden.check(name + "/report.json", Renderers.JSON.render(r, RenderOptions.DEFAULT));
      Golden.check(name + "/report.sarif", Renderers.SARIF.render(r, RenderOptions.DEFAULT));
    }
  }
}
