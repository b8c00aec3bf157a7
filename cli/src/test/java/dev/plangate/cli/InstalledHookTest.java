package dev.plangate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The hook as installed: the command in the committed configuration, run through a shell the way
 * the agent runs it, on a machine where the jar (or the launcher, or Java) may be missing. Every
 * failure must be the agent's blocking exit code (2) with one line; and {@code doctor} must tell
 * a working install from a broken one.
 */
class InstalledHookTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private static Path install(Path project, String agent) {
    CliRun r = CliRun.run("agent-hook", "install", "--agent", agent, "--dir", project.toString());
    assertThat(r.exitCode()).as(r.err()).isZero();
    return project;
  }

  private static String installedCommand(Path project) throws Exception {
    JsonNode s = JSON.readTree(project.resolve(".claude/settings.json").toFile());
    return s.path("hooks").path("PreToolUse").get(0).path("hooks").get(0).path("command")
        .asText();
  }

  /** The installed command, run as Claude Code runs it: sh -c, CLAUDE_PROJECT_DIR set. */
  private static Proc runInstalled(Path project, String stdin, Map<String, String> extra)
      throws Exception {
    Map<String, String> env = new HashMap<>();
    env.put("CLAUDE_PROJECT_DIR", project.toString());
    env.put("PLANGATE_JAR", null);
    env.put("PLANGATE_CLASSPATH", null);
    env.put("JAVA_HOME", Proc.javaHome());
    env.putAll(extra);
    return Proc.run(List.of("sh", "-c", installedCommand(project)), project, env, stdin, 60);
  }

  private static Map<String, String> classPath() {
    return Map.of("PLANGATE_CLASSPATH", Proc.classPath());
  }

  @Test
  void theCommittedConfigurationNamesNoAbsolutePath(@TempDir Path dir) throws Exception {
    Path project = install(dir, "claude-code");
    String settings = Files.readString(project.resolve(".claude/settings.json"));
    assertThat(settings).doesNotContain(dir.toString()).doesNotContain(Proc.javaHome());
    assertThat(installedCommand(project)).isEqualTo(
        "\"$CLAUDE_PROJECT_DIR\"/.plangate/bin/plangate agent-hook --agent claude-code"
            + " || exit 2");
    JsonNode entry = JSON.readTree(settings).path("hooks").path("PreToolUse").get(0)
        .path("hooks").get(0);
    assertThat(entry.path("onFailure").asText()).as("Claude Code 2.1.295+: a failing hook blocks")
        .isEqualTo("block");
    JsonNode start = JSON.readTree(settings).path("hooks").path("SessionStart");
    assertThat(start).hasSize(1);
    assertThat(start.get(0).path("hooks").get(0).path("command").asText())
        .isEqualTo("\"$CLAUDE_PROJECT_DIR\"/.plangate/bin/plangate-session claude-code");
    for (String f : new String[] {".plangate/bin/plangate", ".plangate/bin/plangate-session",
        ".plangate/shims/terraform", ".plangate/shims/tofu", ".plangate/shims/terragrunt",
        ".plangate/shims/pulumi", ".plangate/shims/cdk", ".plangate/shims/aws"}) {
      assertThat(Files.isExecutable(project.resolve(f))).as(f).isTrue();
    }
    assertThat(Files.readString(project.resolve(".plangate/.gitignore")))
        .contains("/bin/plangate.jar");
    install(dir, "claude-code");
    assertThat(JSON.readTree(project.resolve(".claude/settings.json").toFile()).path("hooks")
        .path("SessionStart")).as("installed twice, one entry").hasSize(1);
  }

  @Test
  void theInstalledCommandJudgesWhenPlangateIsThere(@TempDir Path dir) throws Exception {
    Path project = install(dir, "claude-code");
    Proc ls = runInstalled(project, AgentHookCommandTest.claude("ls", project), classPath());
    assertThat(ls.exit()).as(ls.err()).isZero();
    assertThat(ls.out()).isEmpty();
    Proc destroy = runInstalled(project, AgentHookCommandTest.claude(
        "terraform destroy -auto-approve", project), classPath());
    assertThat(destroy.exit()).as(destroy.err()).isZero();
    assertThat(destroy.out()).contains("\"permissionDecision\":\"ask\"");
  }

  @Test
  void withoutTheJarTheInstalledCommandBlocksWithOneLine(@TempDir Path dir) throws Exception {
    Path project = install(dir, "claude-code");
    // no plangate.jar beside the launcher (a teammate's clone, a deleted copy), none named
    Files.deleteIfExists(project.resolve(".plangate/bin/plangate.jar"));
    Proc p = runInstalled(project, AgentHookCommandTest.claude("ls", project), Map.of());
    assertThat(p.exit()).isEqualTo(2);
    assertThat(p.out()).isEmpty();
    assertThat(p.errLines()).hasSize(1);
    assertThat(p.err()).startsWith("plangate: no plangate.jar: set PLANGATE_JAR=")
        .contains("the command is blocked until then");

    Proc named = runInstalled(project, AgentHookCommandTest.claude("ls", project),
        Map.of("PLANGATE_JAR", dir.resolve("gone.jar").toString()));
    assertThat(named.exit()).isEqualTo(2);
    assertThat(named.errLines()).hasSize(1);
    assertThat(named.err()).contains("gone.jar, which is not a file");
  }

  @Test
  void withoutTheLauncherTheInstalledCommandStillBlocks(@TempDir Path dir) throws Exception {
    Path project = install(dir, "claude-code");
    Files.delete(project.resolve(".plangate/bin/plangate"));
    Proc p = runInstalled(project, AgentHookCommandTest.claude("ls", project), classPath());
    assertThat(p.exit()).as("the shell's 127 becomes 2").isEqualTo(2);
    assertThat(p.errLines()).hasSize(1);
  }

  @Test
  void aJvmThatFailsAsTheHookBlocks(@TempDir Path dir) throws Exception {
    Path project = install(dir, "claude-code");
    // a class path without plangate: java exits 1, which Claude Code would let through
    Proc p = runInstalled(project, AgentHookCommandTest.claude("ls", project),
        Map.of("PLANGATE_CLASSPATH", dir.toString()));
    assertThat(p.exit()).isEqualTo(2);
    assertThat(p.err()).contains("the agent hook failed (java exited 1), so the command is"
        + " blocked");
  }

  // ---------------------------------------------------------------------------------- doctor

  private static CliRun doctor(Path project, Map<String, String> env, String... extra) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    Map<String, String> e = new HashMap<>(System.getenv());
    e.remove("PLANGATE_JAR");
    e.remove("PLANGATE_CLASSPATH");
    e.put("JAVA_HOME", Proc.javaHome());
    e.putAll(env);
    String[] args = new String[extra.length + 4];
    args[0] = "agent-hook";
    args[1] = "doctor";
    args[2] = "--dir";
    args[3] = project.toString();
    System.arraycopy(extra, 0, args, 4, extra.length);
    int code = new Cli(new PrintWriter(out, true), new PrintWriter(err, true), e, false)
        .run(args);
    return new CliRun(code, out.toString(), err.toString());
  }

  @Test
  void doctorSaysAWorkingInstallBlocksADestroy(@TempDir Path dir) throws Exception {
    Path project = install(dir, "claude-code");
    install(dir, "kiro");
    CliRun r = doctor(project, classPath());
    assertThat(r.exitCode()).as(r.out() + r.err()).isZero();
    assertThat(r.out()).contains("Claude Code (.claude/settings.json): a destroy is blocked")
        .contains("Kiro CLI (.kiro/agents/plangate.json): a destroy is blocked (exit 2:")
        .doesNotContain("harmless");
  }

  @Test
  void doctorSaysABrokenInstallDoesNotBlock(@TempDir Path dir) throws Exception {
    CliRun none = doctor(dir, classPath());
    assertThat(none.exitCode()).isEqualTo(1);
    assertThat(none.out()).contains("no agent").contains("has a plangate hook");

    // Today's install on a machine where the jar has gone: java exits 1, Claude Code runs it.
    Path project = install(dir, "claude-code");
    ObjectNode s = (ObjectNode) JSON.readTree(project.resolve(".claude/settings.json").toFile());
    ArrayNode pre = (ArrayNode) s.path("hooks").path("PreToolUse");
    ((ObjectNode) pre.get(0).path("hooks").get(0)).put("command", "'" + Proc.javaHome()
        + "/bin/java' -jar '" + dir.resolve("gone/plangate.jar") + "' agent-hook --agent"
        + " claude-code");
    Files.writeString(project.resolve(".claude/settings.json"), s.toString());
    CliRun broken = doctor(project, classPath(), "--agent", "claude-code");
    assertThat(broken.exitCode()).as(broken.out()).isEqualTo(1);
    assertThat(broken.out()).contains("a destroy is NOT blocked: the hook exits 1");
  }

  @Test
  void doctorSaysAnInstallWithoutItsJarBlocksEverything(@TempDir Path dir) throws Exception {
    Path project = install(dir, "claude-code");
    Files.deleteIfExists(project.resolve(".plangate/bin/plangate.jar"));
    CliRun r = doctor(project, Map.of(), "--agent", "claude-code");
    assertThat(r.exitCode()).as(r.out()).isZero();
    assertThat(r.out()).contains("a destroy is blocked (exit 2: plangate: no plangate.jar")
        .contains("but a harmless command (ls) is blocked too");
  }

  @Test
  void doctorCannotTellFromAFileItCannotRead(@TempDir Path dir) throws Exception {
    Files.createDirectories(dir.resolve(".cursor"));
    Files.writeString(dir.resolve(".cursor/hooks.json"), "{\"hooks\": agent-hook --agent ");
    CliRun r = doctor(dir, Map.of());
    assertThat(r.exitCode()).as(r.out()).isEqualTo(2);
    assertThat(r.out()).contains("cannot tell");
  }
}
