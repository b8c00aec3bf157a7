package dev.plangate.gitlab.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import dev.plangate.gitlab.testing.CiTemplate;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The include template {@code gitlab/templates/plangate.yml} is valid GitLab CI: both of its
 * documents (the {@code spec} header and the job) against GitLab's published schema, as written
 * and with its inputs interpolated; and its inputs are consistent: every one used is declared,
 * every one declared is used, and the only one without a default is the plangate commit.
 */
class TemplateSchemaTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String SHA = "0123456789abcdef0123456789abcdef01234567";
  private static final JsonSchema SCHEMA = schema();

  private static JsonSchema schema() {
    try (InputStream in = TemplateSchemaTest.class.getResourceAsStream("/gitlab-ci-schema/ci.json")) {
      return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7).getSchema(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static CiTemplate template() throws IOException {
    return CiTemplate.of(Path.of(".."));
  }

  private static Set<String> problems(JsonNode doc) {
    return SCHEMA.validate(doc).stream().map(ValidationMessage::getMessage)
        .collect(Collectors.toCollection(TreeSet::new));
  }

  @Test
  void bothDocumentsAreValidAgainstGitLabsSchema() throws IOException {
    List<JsonNode> docs = CiTemplate.documents(template().text());
    assertThat(docs).as("a spec header and the job, separated by ---").hasSize(2);
    assertThat(docs.get(0).fieldNames()).toIterable().containsExactly("spec");
    assertThat(problems(docs.get(0))).isEmpty();
    assertThat(problems(docs.get(1))).isEmpty();
  }

  @Test
  void theInterpolatedJobIsValidAndRunsOnlyInMergeRequestPipelines() throws IOException {
    JsonNode doc = template().job(Map.of("plangate-ref", SHA));
    JsonNode job = doc.path("plangate");
    assertThat(problems(doc)).isEmpty();
    assertThat(job.isObject()).as("the job is named by its input's default").isTrue();
    assertThat(job.path("rules")).hasSize(1);
    assertThat(job.path("rules").get(0).path("if").asText())
        .isEqualTo("$CI_PIPELINE_SOURCE == \"merge_request_event\"");
    assertThat(job.path("variables").path("GIT_DEPTH").asText()).isEqualTo("0");
    assertThat(job.path("variables").path("PLANGATE_JAR").asText()).contains(SHA);
    assertThat(job.path("cache").path("key").asText()).isEqualTo("plangate-" + SHA);
    assertThat(job.path("cache").path("when").asText()).isEqualTo("always");
    assertThat(job.path("artifacts").path("reports").path("codequality").asText())
        .isEqualTo("gl-code-quality-report.json");
    assertThat(job.has("allow_failure")).as("the gate's exit code fails the pipeline").isFalse();
    String script = job.path("script").toString();
    assertThat(script).contains("check --plan '**/plan.json'")
        .doesNotContain("|| true").doesNotContain("set +e");
  }

  @Test
  void everyInputUsedIsDeclaredAndEveryDeclaredInputIsUsed() throws IOException {
    CiTemplate t = template();
    assertThat(t.used()).isEqualTo(new TreeSet<>(t.inputs().keySet()));
    assertThatThrownBy(() -> t.job(Map.of())).hasMessageContaining("plangate-ref");
  }

  @Test
  void onlyThePlangateCommitIsRequiredAndItMustBeAFullSha() throws IOException {
    Map<String, JsonNode> inputs = template().inputs();
    for (Map.Entry<String, JsonNode> e : inputs.entrySet()) {
      assertThat(e.getValue().has("description")).as("input %s says what it is", e.getKey())
          .isTrue();
      assertThat(e.getValue().has("default")).as("input %s has a default", e.getKey())
          .isEqualTo(!e.getKey().equals("plangate-ref"));
    }
    Pattern ref = Pattern.compile(inputs.get("plangate-ref").path("regex").asText());
    assertThat(ref.matcher(SHA).matches()).isTrue();
    for (String moving : List.of("main", "v0.1.0", "0123456", "HEAD")) {
      assertThat(ref.matcher(moving).matches()).as("%s is not pinned", moving).isFalse();
    }
    assertThat(inputs.get("image").path("default").asText())
        .as("the image is pinned to a version").matches(".+:\\d+\\.\\d+\\.\\d+-.+")
        .doesNotContain(":latest");
  }

  @Test
  void theSchemaIsNotVacuous() throws IOException {
    // The same job with a misspelt keyword and a wrong type must be refused, or the tests above
    // would pass for any file.
    String broken = template().text().replace("  interruptible: true", "  interruptible: sometimes")
        .replace("  rules:", "  ruels:");
    assertThat(problems(CiTemplate.parse(broken).job(Map.of("plangate-ref", SHA)))).isNotEmpty();
    assertThat(problems(JSON.readTree("{\"plangate\":{\"script\":42}}"))).isNotEmpty();
  }
}
