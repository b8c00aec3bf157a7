package dev.plangate.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.plangate.core.testing.TerraformScenarios;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The apply wrapper run by nobody in particular (no agent variable, as in a plain script or an
 * agent whose shell sets none), against real Terraform state: four {@code terraform_data}
 * resources applied, then a saved plan that destroys two and replaces one. Whatever plangate
 * prints, the state tells what really ran.
 */
class ApplyWrapperStateTest {
  static final String BEFORE = """
      resource "terraform_data" "a" { input = "a" }
      resource "terraform_data" "b" { input = "b" }
      resource "terraform_data" "c" { input = "c" }
      resource "terraform_data" "d" { triggers_replace = "1" }
      """;
  /** Destroys a and b, replaces d: 3 resources destroyed or replaced. */
  static final String AFTER = """
      resource "terraform_data" "c" { input = "c" }
      resource "terraform_data" "d" { triggers_replace = "2" }
      """;
  static final Pattern APPROVE = Pattern.compile("--approve ([0-9a-f]{16}) --");

  @TempDir Path tmp;
  Path dir;
  Path cliConfig;
  Path policy;

  @BeforeEach
  void applyThenPlanTheDestroy() throws Exception {
    assumeTrue(TerraformScenarios.available(), "terraform is not on PATH: skipping the"
        + " apply-wrapper state tests");
    dir = Files.createDirectories(tmp.resolve("infra"));
    cliConfig = Files.writeString(tmp.resolve("empty.tfrc"), "");
    policy = Files.writeString(tmp.resolve("policy.yml"), "humanOnly: warn\n");
    Files.writeString(dir.resolve("main.tf"), BEFORE);
    terraform("init", "-input=false", "-no-color");
    terraform("apply", "-auto-approve", "-input=false", "-no-color");
    Files.writeString(dir.resolve("main.tf"), AFTER);
    terraform("plan", "-input=false", "-no-color", "-out=tfplan");
    assertThat(resources()).containsExactlyInAnyOrder("terraform_data.a", "terraform_data.b",
        "terraform_data.c", "terraform_data.d");
  }

  record Run(int exit, String err, List<String> asked, int ran) {}

  /** {@code plangate apply [options] -- terraform -chdir=DIR apply tfplan}, really run. */
  Run wrapper(Map<String, String> env, Optional<String> typed, String... options)
      throws IOException {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    List<String> asked = new ArrayList<>();
    int[] ran = {0};
    List<String> args = new ArrayList<>(List.of("apply", "--policy", policy.toString()));
    args.addAll(List.of(options));
    args.addAll(List.of("--", "terraform", "-chdir=" + dir, "apply", "-input=false",
        "-no-color", "tfplan"));
    int code = new Cli(new PrintWriter(out, true), new PrintWriter(err, true), env, false)
        .withApply(text -> {
          asked.add(text);
          return typed;
        }, (argv, cwd) -> {
          ran[0]++;
          return run(argv, tmp.resolve("apply-" + ran[0] + ".log"));
        }).run(args.toArray(String[]::new));
    return new Run(code, err.toString(), asked, ran[0]);
  }

  @Test
  void withoutAnAgentVariableOrATerminalTheDestroyIsRefusedAndTheStateIsUntouched()
      throws Exception {
    Run r = wrapper(Map.of(), Optional.empty());

    assertThat(r.exit()).as(r.err()).isEqualTo(1);
    assertThat(r.ran()).isZero();
    assertThat(r.err()).contains("approval required")
        .contains("plangate: refused: no terminal for a person to confirm this on, and no"
            + " --approve")
        .containsPattern(APPROVE);
    assertThat(resources()).hasSize(4).contains("terraform_data.a", "terraform_data.b");
  }

  @Test
  void theRightFingerprintAppliesExactlyThatPlan() throws Exception {
    String fingerprint = fingerprintFrom(wrapper(Map.of(), Optional.empty()).err());

    Run r = wrapper(Map.of(), Optional.empty(), "--approve", fingerprint);

    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(r.ran()).isEqualTo(1);
    assertThat(r.err()).contains("approved with --approve " + fingerprint);
    assertThat(resources()).containsExactlyInAnyOrder("terraform_data.c", "terraform_data.d");
  }

  @Test
  void aWrongFingerprintAppliesNothing() throws Exception {
    String fingerprint = fingerprintFrom(wrapper(Map.of(), Optional.empty()).err());
    String other = fingerprint.startsWith("0") ? "1" + fingerprint.substring(1)
        : "0" + fingerprint.substring(1);

    Run r = wrapper(Map.of(), Optional.empty(), "--approve", other);

    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.ran()).isZero();
    assertThat(r.err()).contains("is not this plan's fingerprint (" + fingerprint + ")");
    assertThat(resources()).hasSize(4);
  }

  @Test
  void anAgentCannotApproveItsOwnPlanWithTheFingerprint() throws Exception {
    String fingerprint = fingerprintFrom(wrapper(Map.of(), Optional.empty()).err());

    Run r = wrapper(Map.of("CLAUDECODE", "1"), Optional.empty(), "--approve", fingerprint);

    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.ran()).isZero();
    assertThat(r.err()).contains("--approve is for scripts a person controls");
    assertThat(resources()).hasSize(4);
  }

  @Test
  void onATerminalThePersonTypesTheCount() throws Exception {
    Run wrong = wrapper(Map.of(), Optional.of("yes"));
    assertThat(wrong.asked()).singleElement().asString()
        .contains("this command needs a person's approval")
        .contains("type the number of resources it destroys or replaces");
    assertThat(wrong.exit()).isEqualTo(1);
    assertThat(wrong.err()).contains("that is not the number (3)");
    assertThat(resources()).hasSize(4);

    Run right = wrapper(Map.of(), Optional.of("3"));
    assertThat(right.exit()).as(right.err()).isZero();
    assertThat(right.err()).contains("confirmed on the terminal");
    assertThat(resources()).containsExactlyInAnyOrder("terraform_data.c", "terraform_data.d");
  }

  private static String fingerprintFrom(String err) {
    Matcher m = APPROVE.matcher(err);
    assertThat(m.find()).as(err).isTrue();
    return m.group(1);
  }

  /** The addresses in the state, from {@code terraform show -json}. */
  List<String> resources() throws Exception {
    Path json = tmp.resolve("state.json");
    terraformTo(json, "show", "-json", "-no-color");
    JsonNode root = new ObjectMapper().readTree(json.toFile());
    List<String> out = new ArrayList<>();
    for (JsonNode r : root.path("values").path("root_module").path("resources")) {
      out.add(r.path("address").asText());
    }
    return out;
  }

  void terraform(String... args) throws Exception {
    terraformTo(null, args);
  }

  void terraformTo(Path stdout, String... args) throws Exception {
    List<String> argv = new ArrayList<>(List.of("terraform"));
    argv.addAll(List.of(args));
    Path log = tmp.resolve("terraform.log");
    ProcessBuilder pb = new ProcessBuilder(argv).directory(dir.toFile())
        .redirectError(ProcessBuilder.Redirect.appendTo(log.toFile()))
        .redirectOutput(stdout == null ? ProcessBuilder.Redirect.appendTo(log.toFile())
            : ProcessBuilder.Redirect.to(stdout.toFile()))
        .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
    environment(pb);
    Process p = pb.start();
    if (!p.waitFor(TerraformScenarios.TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new IOException("terraform " + args[0] + " timed out");
    }
    if (p.exitValue() != 0) {
      throw new IOException("terraform " + String.join(" ", args) + " failed: "
          + Files.readString(log, StandardCharsets.UTF_8));
    }
  }

  /** Runs what the wrapper approved, as the wrapper's own runner would. */
  int run(List<String> argv, Path log) throws IOException {
    ProcessBuilder pb = new ProcessBuilder(argv).redirectErrorStream(true)
        .redirectOutput(log.toFile())
        .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
    environment(pb);
    try {
      Process p = pb.start();
      if (!p.waitFor(TerraformScenarios.TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        return 124;
      }
      return p.exitValue();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return 130;
    }
  }

  private void environment(ProcessBuilder pb) {
    pb.environment().put("TF_CLI_CONFIG_FILE", cliConfig.toString());
    pb.environment().put("CHECKPOINT_DISABLE", "1");
    pb.environment().put("TF_IN_AUTOMATION", "1");
  }
}
