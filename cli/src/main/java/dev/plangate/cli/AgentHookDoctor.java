package dev.plangate.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.plangate.cli.agent.AgentProtocol;
import dev.plangate.core.report.Escape;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code plangate agent-hook doctor}: runs the hook command the agent's configuration holds
 * (read back from the file, run through a shell as the agent runs it) on a synthetic tool call
 * that destroys ({@code terraform destroy -auto-approve} in a throw-away Terraform directory),
 * and says whether the agent would block it. What matters is what the agent does with the
 * answer, so the answer is read as that agent reads it: exit 2 blocks everywhere; exit 0 blocks
 * only with a deny (or ask) in the agent's format; any other exit, a timeout, or no hook at all
 * lets the command run.
 */
@Command(
    name = "doctor",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = "Run a destroy through the installed agent hook and say whether the agent"
        + " would block it.",
    footer = {"", "Exit codes: 0 a destroy is blocked (for every agent checked); 1 it is not;"
        + " 2 plangate cannot tell."})
final class AgentHookDoctor implements Callable<Integer> {
  static final String DESTROY = "terraform destroy -auto-approve";
  private static final ObjectMapper JSON = new ObjectMapper();

  @Spec CommandSpec spec;

  @Option(names = "--agent", paramLabel = "NAME",
      description = "claude-code, cursor, gemini or kiro (default: every agent whose"
          + " configuration in the project holds a plangate hook).")
  String agent;

  @Option(names = "--dir", paramLabel = "DIR",
      description = "The project directory (default: the current directory).")
  Path dir;

  @Option(names = "--kiro-agent", paramLabel = "NAME", defaultValue = "plangate",
      description = "Kiro CLI: the agent configuration .kiro/agents/NAME.json (default:"
          + " ${DEFAULT-VALUE}).")
  String kiroAgent;

  @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "90",
      description = "How long the probe may take (default: ${DEFAULT-VALUE}).")
  long timeout;

  private final Map<String, String> env;

  AgentHookDoctor(Map<String, String> env) {
    this.env = env;
  }

  enum Verdict { BLOCKED, NOT_BLOCKED, UNKNOWN }

  record Probe(Verdict verdict, String why) {}

  @Override
  public Integer call() throws IOException {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    Path project = (dir == null ? Path.of("") : dir).toAbsolutePath().normalize();
    List<AgentProtocol> agents = new ArrayList<>();
    if (agent != null) {
      Optional<AgentProtocol> p = AgentProtocol.byId(agent);
      if (p.isEmpty()) {
        Cli.error(err, "--agent must be claude-code, cursor, gemini or kiro, not '" + agent
            + "'");
        return Cli.USAGE;
      }
      agents.add(p.get());
    } else {
      for (AgentProtocol p : AgentProtocol.values()) {
        Path file = project.resolve(AgentHookInstall.configFile(p, kiroAgent));
        if (Files.isRegularFile(file) && Files.readString(file, StandardCharsets.UTF_8)
            .contains(AgentHookInstall.MARKER.strip())) {
          agents.add(p);
        }
      }
      if (agents.isEmpty()) {
        out.println("plangate doctor: no agent in " + Escape.terminal(project.toString())
            + " has a plangate hook: a destroy is NOT blocked. Install one: plangate agent-hook"
            + " install --agent claude-code (or cursor, gemini, kiro)");
        return 1;
      }
    }
    Path fixture = Files.createTempDirectory("plangate-doctor-");
    try {
      Files.writeString(fixture.resolve("main.tf"), "resource \"terraform_data\" \"probe\" {\n"
          + "  input = \"plangate doctor\"\n}\n", StandardCharsets.UTF_8);
      boolean unknown = false;
      boolean open = false;
      for (AgentProtocol p : agents) {
        String file = AgentHookInstall.configFile(p, kiroAgent);
        Probe destroy = probe(p, project, file, DESTROY, fixture);
        String line = "plangate doctor: " + p.agent() + " (" + file + "): ";
        switch (destroy.verdict()) {
          case BLOCKED -> {
            out.println(line + "a destroy is blocked (" + Escape.terminal(destroy.why()) + ")");
            Probe ls = probe(p, project, file, "ls", fixture);
            if (ls.verdict() == Verdict.BLOCKED) {
              out.println("plangate doctor:   but a harmless command (ls) is blocked too: "
                  + Escape.terminal(ls.why()));
            }
          }
          case NOT_BLOCKED -> {
            open = true;
            out.println(line + "a destroy is NOT blocked: " + Escape.terminal(destroy.why()));
          }
          default -> {
            unknown = true;
            out.println(line + "cannot tell: " + Escape.terminal(destroy.why()));
          }
        }
      }
      return open ? 1 : unknown ? Cli.USAGE : 0;
    } finally {
      try (Stream<Path> files = Files.walk(fixture)) {
        files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
      }
    }
  }

  /** Runs the installed command on a tool call of {@code command} in {@code cwd}. */
  Probe probe(AgentProtocol p, Path project, String file, String command, Path cwd) {
    JsonNode config;
    try {
      config = AgentHookInstall.read(project.resolve(file));
    } catch (IOException | IllegalArgumentException e) {
      return new Probe(Verdict.UNKNOWN, file + " cannot be read: " + e.getMessage());
    }
    Optional<String> hook = hookCommand(config);
    if (hook.isEmpty()) {
      return new Probe(Verdict.NOT_BLOCKED, "there is no plangate hook in " + file);
    }
    Path stdout = null;
    Path stderr = null;
    try {
      stdout = Files.createTempFile("plangate-doctor-", ".out");
      stderr = Files.createTempFile("plangate-doctor-", ".err");
      Path stdin = Files.createTempFile("plangate-doctor-", ".json");
      Files.writeString(stdin, toolCall(p, command, cwd), StandardCharsets.UTF_8);
      ProcessBuilder pb = new ProcessBuilder("sh", "-c", hook.get()).directory(project.toFile())
          .redirectInput(stdin.toFile()).redirectOutput(stdout.toFile())
          .redirectError(stderr.toFile());
      pb.environment().clear();
      pb.environment().putAll(env);
      pb.environment().put("CLAUDE_PROJECT_DIR", project.toString());
      pb.environment().put("GEMINI_PROJECT_DIR", project.toString());
      Process proc = pb.start();
      boolean done;
      try {
        done = proc.waitFor(timeout, TimeUnit.SECONDS);
      } finally {
        Files.deleteIfExists(stdin);
      }
      if (!done) {
        proc.descendants().forEach(ProcessHandle::destroyForcibly);
        proc.destroyForcibly();
        return new Probe(Verdict.NOT_BLOCKED, "the hook did not answer within " + timeout
            + " s, and an agent whose hook times out runs the command");
      }
      return read(p, proc.exitValue(), Files.readString(stdout, StandardCharsets.UTF_8),
          firstLine(Files.readString(stderr, StandardCharsets.UTF_8)));
    } catch (IOException e) {
      return new Probe(Verdict.UNKNOWN, "cannot run the hook command: " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Probe(Verdict.UNKNOWN, "interrupted");
    } finally {
      deleteQuietly(stdout);
      deleteQuietly(stderr);
    }
  }

  /** How the agent reads the hook's exit code and output. */
  static Probe read(AgentProtocol p, int exit, String stdout, String stderrLine) {
    if (exit == AgentProtocol.BLOCK) {
      return new Probe(Verdict.BLOCKED, "exit 2: " + stderrLine);
    }
    if (exit != 0) {
      return new Probe(Verdict.NOT_BLOCKED, "the hook exits " + exit + ", and " + p.agent()
          + " runs the command when its hook exits anything but 0 with a deny, or 2"
          + (p == AgentProtocol.CLAUDE_CODE ? " (before 2.1.295, or without onFailure: block)"
              : "") + (stderrLine.isEmpty() ? "" : " (" + stderrLine + ")"));
    }
    if (p.blocksByExitCode()) {
      return new Probe(Verdict.NOT_BLOCKED, "the hook exits 0, which lets " + p.agent()
          + " run the command");
    }
    JsonNode answer;
    try {
      answer = stdout.isBlank() ? JSON.createObjectNode() : JSON.readTree(stdout);
    } catch (IOException e) {
      return new Probe(Verdict.NOT_BLOCKED, "the hook exits 0 with output that is not JSON");
    }
    String decision = switch (p) {
      case CLAUDE_CODE -> answer.path("hookSpecificOutput").path("permissionDecision").asText("");
      case CURSOR -> answer.path("permission").asText("");
      case GEMINI -> answer.path("decision").asText("");
      case KIRO -> "";
    };
    return decision.equals("deny") || decision.equals("ask")
        ? new Probe(Verdict.BLOCKED, decision + (decision.equals("ask")
            ? ": a person must approve it" : ""))
        : new Probe(Verdict.NOT_BLOCKED, "the hook answers "
            + (decision.isEmpty() ? "nothing" : decision) + ", so " + p.agent()
            + " runs the command");
  }

  /** The first command in the configuration that runs plangate's agent hook. */
  static Optional<String> hookCommand(JsonNode node) {
    if (node.isObject()) {
      JsonNode c = node.get("command");
      if (c != null && c.isTextual() && c.textValue().contains(AgentHookInstall.MARKER.strip())) {
        return Optional.of(c.textValue());
      }
    }
    for (JsonNode child : node) {
      Optional<String> found = hookCommand(child);
      if (found.isPresent()) {
        return found;
      }
    }
    return Optional.empty();
  }

  /** A tool call of {@code command} in {@code cwd}, shaped as the agent sends it. */
  static String toolCall(AgentProtocol p, String command, Path cwd) {
    ObjectNode call = JSON.createObjectNode();
    switch (p) {
      case CLAUDE_CODE -> call.put("session_id", "plangate-doctor").put("cwd", cwd.toString())
          .put("hook_event_name", "PreToolUse").put("tool_name", "Bash");
      case CURSOR -> {
        return call.put("hook_event_name", "beforeShellExecution").put("command", command)
            .put("cwd", cwd.toString()).toString();
      }
      case GEMINI -> call.put("session_id", "plangate-doctor").put("cwd", cwd.toString())
          .put("hook_event_name", "BeforeTool").put("tool_name", "run_shell_command");
      case KIRO -> call.put("hook_event_name", "preToolUse").put("cwd", cwd.toString())
          .put("tool_name", "shell");
      default -> throw new IllegalStateException(p.name());
    }
    call.putObject("tool_input").put("command", command);
    return call.toString();
  }

  private static String firstLine(String s) {
    return s.lines().filter(l -> !l.isBlank()).findFirst().orElse("").strip();
  }

  private static void deleteQuietly(Path p) {
    if (p != null) {
      try {
        Files.deleteIfExists(p);
      } catch (IOException ignored) {
        // a temporary file
      }
    }
  }
}
