package dev.plangate.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Input that is not a readable plan: every case ends in exit 2, nothing on stdout, and exactly one
 * line on stderr naming the file and the reason, never a stack trace.
 */
class HostileInputTest {
  private static final String MISSING = "<missing>";
  private static final String DIRECTORY = "<directory>";
  private static final String FAKE_ZIP = "PK\u0003\u0004garbage";

  @TempDir Path tmp;

  static Stream<Arguments> cases() {
    return Stream.of(
        Arguments.of("empty file", "", "empty"),
        Arguments.of("only whitespace", "  \n\t\r\n  ", "empty"),
        Arguments.of("truncated", "{\"format_version\":\"1.2\",\"resource_changes\":[{\"address\":"
            + "\"a.b\",", "truncated JSON"),
        Arguments.of("not json", "not json at all", "not valid JSON"),
        Arguments.of("array", "[1,2,3]", "array"),
        Arguments.of("string", "\"a string\"", "string"),
        Arguments.of("unknown major version",
            "{\"format_version\":\"9.0\",\"resource_changes\":[]}", "9.0"),
        Arguments.of("resource_changes of the wrong type",
            "{\"format_version\":\"1.2\",\"resource_changes\":\"oops\"}", "resource_changes"),
        Arguments.of("numeric address", "{\"format_version\":\"1.2\",\"resource_changes\":"
            + "[{\"address\":5,\"change\":{\"actions\":[\"delete\"]}}]}", "address"),
        Arguments.of("no actions", "{\"format_version\":\"1.2\",\"resource_changes\":"
            + "[{\"address\":\"a.b\",\"change\":{}}]}", "actions"),
        Arguments.of("numeric action", "{\"format_version\":\"1.2\",\"resource_changes\":"
            + "[{\"address\":\"a.b\",\"change\":{\"actions\":[1]}}]}", "actions"),
        Arguments.of("10,000-deep nesting", "{\"format_version\":\"1.2\",\"x\":"
            + "[".repeat(10_000) + "]".repeat(10_000) + "}", "depth"),
        Arguments.of("state file", "{\"values\":{\"root_module\":{}},\"format_version\":\"1.0\"}",
            "state"),
        Arguments.of("not a plan", "{\"foo\":1}", "not a Terraform plan"),
        Arguments.of("garbage after the JSON",
            "{\"format_version\":\"1.2\",\"resource_changes\":[]} xyz", "xyz"),
        Arguments.of("missing file", MISSING, "not found"),
        Arguments.of("directory", DIRECTORY, "directory"),
        Arguments.of("fake zip, terraform on PATH", FAKE_ZIP, "show -json failed"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void unreadableInputIsOneLineAndExitTwo(String name, String content, String reason)
      throws Exception {
    if (content.equals(FAKE_ZIP)) {
      assumeTrue(onPath("terraform"), "terraform is not on PATH");
    }
    Path file = write(content);

    CliRun r = CliRun.run("check", "--plan", file.toString());

    assertThat(r.exitCode()).as("exit code; stderr: %s", r.err()).isEqualTo(2);
    assertThat(r.out()).isEmpty();
    assertOneErrorLine(r, file, reason);
  }

  @Test
  void truncatedPlanAsJsonIsAnErrorReport() throws Exception {
    Path file = write("{\"format_version\":\"1.2\",\"resource_changes\":[{\"address\":\"a.b\",");

    CliRun r = CliRun.run("check", "--format", "json", "--plan", file.toString());

    assertThat(r.exitCode()).isEqualTo(2);
    JsonNode root = new ObjectMapper().readTree(r.out());
    assertThat(root.path("decision").asText()).isEqualTo("error");
    assertThat(root.path("errors").isArray()).isTrue();
    assertThat(root.path("errors")).isNotEmpty();
    assertThat(root.path("errors").get(0).asText()).startsWith(file.toString());
    assertThat(root.path("findings")).isEmpty();
    assertOneErrorLine(r, file, "truncated JSON");
  }

  @Test
  void truncatedPlanAsMarkdownSaysNothingWasDecided() throws Exception {
    Path file = write("{\"format_version\":\"1.2\",");

    CliRun r = CliRun.run("check", "--format", "markdown", "--plan", file.toString());

    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.out()).startsWith("<!-- plangate-report -->").contains("plangate — error");
    assertOneErrorLine(r, file, "truncated JSON");
  }

  @Test
  void controlCharactersInTheFileNameAreEscaped() throws Exception {
    Path file = tmp.resolve("evil\u001b[31mname\u202e.json");
    CliRun r = CliRun.run("check", "--plan", file.toString());

    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.errLines()).hasSize(1);
    assertThat(r.err()).doesNotContain("\u001b").doesNotContain("\u202e")
        .contains("\\u001b").contains("\\u202e");
  }

  @Test
  void unknownActionFailsClosed() throws Exception {
    Path file = write("{\"format_version\":\"1.2\",\"resource_changes\":[{\"address\":"
        + "\"terraform_data.t\",\"type\":\"terraform_data\",\"name\":\"t\",\"mode\":\"managed\","
        + "\"change\":{\"actions\":[\"teleport\"]}}]}");

    CliRun r = CliRun.run("check", "--plan", file.toString());

    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.firstOutLine()).startsWith("✖ plangate: approval required");
    assertThat(r.out()).contains("teleport").contains("terraform_data.t").contains("DESTROY");

    CliRun json = CliRun.run("check", "--format", "json", "--plan", file.toString());
    JsonNode f = new ObjectMapper().readTree(json.out()).path("findings").get(0);
    assertThat(f.path("action").asText()).isEqualTo("delete");
    assertThat(f.path("rawActions").get(0).asText()).isEqualTo("teleport");
  }

  private Path write(String content) throws Exception {
    if (content.equals(MISSING)) {
      return tmp.resolve("does-not-exist.json");
    }
    if (content.equals(DIRECTORY)) {
      return Files.createDirectory(tmp.resolve("a-directory.json"));
    }
    Path file = tmp.resolve(content.equals(FAKE_ZIP) ? "plan.tfplan" : "plan.json");
    Files.write(file, content.getBytes(StandardCharsets.UTF_8));
    return file;
  }

  private static void assertOneErrorLine(CliRun r, Path file, String reason) {
    List<String> lines = r.err().lines().toList();
    assertThat(lines).as("stderr lines").hasSize(1);
    String line = lines.get(0);
    assertThat(line).startsWith("plangate: error: " + file);
    String rest = line.substring(("plangate: error: " + file).length());
    assertThat(rest).as("reason after the file name").matches(": .*\\S.*");
    assertThat(rest).containsIgnoringCase(reason);
    assertThat(r.err()).doesNotContain("Exception").doesNotContain("\tat ")
        .doesNotContain("internal error");
  }

  private static boolean onPath(String tool) {
    String path = System.getenv("PATH");
    if (path == null) {
      return false;
    }
    for (String dir : path.split(File.pathSeparator)) {
      if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, tool))) {
        return true;
      }
    }
    return false;
  }
}
