package dev.plangate.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.plangate.core.testing.TerraformScenarios;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The agent hook against command lines as agents write them, judged in a directory where a small
 * configuration of {@code terraform_data} resources has really been applied (issue 13's "Done
 * when"). Every destructive line of {@code agent-guard/destructive-lines.txt} must be asked about
 * or refused; of the harmless lines of {@code agent-guard/harmless-lines.txt} at most 2 % may be,
 * and every harmless line the hook allows is run with bash in a fresh copy of the directory,
 * after which the state must hold the same resources with the same ids.
 *
 * <p>Destructive lines the hook wrongly allows are reported, not run: they may reach beyond the
 * fixture ({@code rm -rf ~}, a cloud API).
 */
class AgentGuardSuiteTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  /** How long one harmless line may run. */
  private static final long LINE_TIMEOUT_SECONDS = 60;
  private static final double MAX_FRICTION = 0.02;

  private static final String MAIN_TF = """
      variable "n" {
        type    = number
        default = 3
      }

      resource "terraform_data" "a" {
        count = var.n
        input = "a-${count.index}"
      }

      resource "terraform_data" "b" {
        input = "b"
      }

      resource "terraform_data" "c" {
        input = terraform_data.b.output
      }
      """;

  record Case(String kind, String line) {}

  @Test
  void noDestructiveLineIsAllowedAndHarmlessOnesRunWithoutChangingState(@TempDir Path work)
      throws Exception {
    assumeTrue(TerraformScenarios.available(),
        "terraform is not on PATH: skipping the agent-guard suite");
    Path base = Files.createDirectories(work.resolve("infra"));
    Files.writeString(base.resolve("main.tf"), MAIN_TF);
    Files.writeString(base.resolve("zero.tfvars"), "n = 0\n");
    Files.writeString(base.resolve("zero.env"), "export TF_VAR_n=0\n");
    Path cliConfig = Files.writeString(work.resolve("cli.tfrc"), "");
    Map<String, String> tfEnv = Map.of("TF_CLI_CONFIG_FILE", cliConfig.toString(),
        "HOME", work.toString());
    terraform(base, tfEnv, "init", "-input=false", "-no-color");
    terraform(base, tfEnv, "apply", "-auto-approve", "-input=false", "-lock=false", "-no-color");
    Map<String, String> before = resources(base, tfEnv);
    assertThat(before).as("the fixture's resources").hasSize(5);

    List<Case> destructive = cases("destructive-lines.txt");
    List<Case> harmless = cases("harmless-lines.txt");
    assertThat(destructive).as("destructive lines").hasSizeGreaterThanOrEqualTo(200);
    assertThat(harmless).as("harmless lines").hasSizeGreaterThanOrEqualTo(100);

    List<String> allowedDestructive = new ArrayList<>();
    Map<String, Integer> byKind = new TreeMap<>();
    for (Case c : destructive) {
      String answer = ask(c.line(), base);
      byKind.merge(c.kind() + " " + answer, 1, Integer::sum);
      if (answer.equals("allow")) {
        allowedDestructive.add(c.kind() + ": " + c.line());
      }
    }

    List<String> friction = new ArrayList<>();
    List<String> changed = new ArrayList<>();
    int run = 0;
    for (Case c : harmless) {
      String answer = ask(c.line(), base);
      if (!answer.equals("allow")) {
        friction.add(answer + ": " + c.line());
        continue;
      }
      Path copy = work.resolve("run-" + run++);
      copy(base, copy);
      bash(c.line(), copy, tfEnv);
      Map<String, String> after = resources(copy, tfEnv);
      if (!after.equals(before)) {
        changed.add(c.line() + " → " + after);
      }
    }

    System.out.println("agent-guard suite: " + destructive.size() + " destructive lines "
        + byKind + "; " + harmless.size() + " harmless lines, " + run + " run, "
        + friction.size() + " asked or refused " + friction);
    assertThat(allowedDestructive).as("destructive lines the hook allowed").isEmpty();
    assertThat(changed).as("harmless lines that changed the state when run").isEmpty();
    assertThat(friction.size()).as("harmless lines asked about or refused: " + friction)
        .isLessThanOrEqualTo((int) Math.floor(harmless.size() * MAX_FRICTION));
  }

  /** The hook's answer (allow, ask, deny) for Claude Code's PreToolUse of this line. */
  private static String ask(String line, Path cwd) throws IOException {
    CliRun r = CliRun.withInput(Map.of(), AgentHookCommandTest.claude(line, cwd), "agent-hook");
    assertThat(r.exitCode()).as(line + ": " + r.err()).isZero();
    if (r.out().isBlank()) {
      return "allow";
    }
    JsonNode out = JSON.readTree(r.out());
    String decision = out.path("hookSpecificOutput").path("permissionDecision").asText("");
    assertThat(decision).as(line + ": " + r.out()).isIn("allow", "ask", "deny");
    return decision;
  }

  static List<Case> cases(String name) throws IOException {
    List<Case> out = new ArrayList<>();
    try (InputStream in = AgentGuardSuiteTest.class.getResourceAsStream("/agent-guard/" + name)) {
      assertThat(in).as(name).isNotNull();
      for (String l : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
        if (l.isBlank() || l.startsWith("#")) {
          continue;
        }
        int tab = l.indexOf('\t');
        assertThat(tab).as("KIND<TAB>LINE: " + l).isPositive();
        out.add(new Case(l.substring(0, tab), l.substring(tab + 1).replace('↵', '\n')));
      }
    }
    return out;
  }

  /** Resource address → id, from {@code terraform show -json}. */
  private static Map<String, String> resources(Path dir, Map<String, String> env)
      throws Exception {
    Path json = dir.resolveSibling(dir.getFileName() + ".show.json");
    ProcessBuilder pb = new ProcessBuilder("terraform", "show", "-json", "-no-color")
        .directory(dir.toFile()).redirectOutput(json.toFile())
        .redirectError(ProcessBuilder.Redirect.DISCARD)
        .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
    pb.environment().putAll(env);
    finish(pb.start(), "terraform show -json in " + dir);
    Map<String, String> out = new TreeMap<>();
    JsonNode root = JSON.readTree(json.toFile()).path("values").path("root_module");
    for (JsonNode r : root.path("resources")) {
      out.put(r.path("address").asText(), r.path("values").path("id").asText());
    }
    return out;
  }

  private static void terraform(Path dir, Map<String, String> env, String... args)
      throws Exception {
    List<String> cmd = new ArrayList<>(List.of("terraform"));
    cmd.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile())
        .redirectErrorStream(true)
        .redirectOutput(dir.resolveSibling("terraform.log").toFile())
        .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
    pb.environment().putAll(env);
    pb.environment().put("CHECKPOINT_DISABLE", "1");
    int exit = finish(pb.start(), String.join(" ", cmd));
    assertThat(exit).as(String.join(" ", cmd) + ": "
        + Files.readString(dir.resolveSibling("terraform.log"))).isZero();
  }

  /** Runs a harmless line as the agent would; its exit code does not matter, its effect does. */
  private static void bash(String line, Path dir, Map<String, String> env) throws Exception {
    ProcessBuilder pb = new ProcessBuilder("bash", "-c", line).directory(dir.toFile())
        .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD)
        .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
    pb.environment().putAll(env);
    pb.environment().put("CHECKPOINT_DISABLE", "1");
    pb.environment().put("TF_IN_AUTOMATION", "1");
    pb.environment().put("TF_INPUT", "0");
    finish(pb.start(), line);
  }

  private static int finish(Process p, String what) throws InterruptedException {
    if (!p.waitFor(LINE_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
      p.descendants().forEach(ProcessHandle::destroyForcibly);
      p.destroyForcibly();
      p.waitFor();
      throw new AssertionError(what + " took longer than " + LINE_TIMEOUT_SECONDS + " s");
    }
    return p.exitValue();
  }

  private static void copy(Path from, Path to) throws IOException {
    try (Stream<Path> all = Files.walk(from)) {
      for (Path p : (Iterable<Path>) all::iterator) {
        Path t = to.resolve(from.relativize(p).toString());
        if (Files.isSymbolicLink(p)) {
          Files.createSymbolicLink(t, Files.readSymbolicLink(p));
        } else if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
          Files.createDirectories(t);
        } else {
          Files.copy(p, t);
        }
      }
    }
  }
}
