package dev.plangate.cli.hostile;

import static dev.plangate.cli.hostile.Hostile.concat;
import static dev.plangate.cli.hostile.Hostile.utf8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.plangate.core.audit.AuditEntry;
import dev.plangate.core.audit.AuditLog;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Policies, agent-hook input and audit logs that are broken or malicious: each ends non-zero with
 * one line naming the reason (or, for the hook, a decision that is not "allow").
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class PolicyHookAuditHostileTest {
  @TempDir Path tmp;

  @org.junit.jupiter.api.BeforeAll
  static void warmUp() {
    Hostile.warmUp();
  }

  static Path kiro() {
    return Path.of(System.getProperty("plangate.root"))
        .resolve("examples/terraform-kiro-incident/plan.json");
  }

  // ------------------------------------------------------------------------------------ policies

  static String aliasBomb(int levels, int width) {
    StringBuilder b = new StringBuilder("version: 1\nx0: &x0 [\"lol\"]\n");
    for (int i = 1; i <= levels; i++) {
      b.append("x").append(i).append(": &x").append(i).append(" [");
      for (int j = 0; j < width; j++) {
        b.append(j == 0 ? "" : ",").append("*x").append(i - 1);
      }
      b.append("]\n");
    }
    return b.toString();
  }

  static String scalarAliases(int count) {
    StringBuilder b = new StringBuilder("version: 1\nprotect:\n  - address: &a \"aws_*\"\n");
    for (int i = 0; i < count; i++) {
      b.append("  - address: *a\n");
    }
    return b.toString();
  }

  /** The policy may be read (the destroys then need approval) or refused: never a pass. */
  static final String OR_JUDGED = "<or judged>";

  static Stream<Arguments> policies() {
    List<Arguments> c = new ArrayList<>();
    c.add(Arguments.of("alias bomb (9x9)", utf8(aliasBomb(9, 9)), "policy.yml"));
    c.add(Arguments.of("alias bomb (30x2)", utf8(aliasBomb(30, 2)), "policy.yml"));
    // Scalar aliases do not multiply; io-closed bounds their count. Either way: never a pass.
    c.add(Arguments.of("20,000 scalar aliases", utf8(scalarAliases(20_000)), OR_JUDGED));
    c.add(Arguments.of("unknown top-level key", utf8("version: 1\naproval:\n  label: x\n"),
        "aproval"));
    c.add(Arguments.of("unknown nested key", utf8("version: 1\napproval:\n  lable: x\n"),
        "lable"));
    c.add(Arguments.of("humanOnly: maybe", utf8("version: 1\nhumanOnly: maybe\n"), "maybe"));
    c.add(Arguments.of("unknownAuthorship: robot", utf8("version: 1\nunknownAuthorship: robot\n"),
        "robot"));
    c.add(Arguments.of("approval a list", utf8("version: 1\napproval: [a]\n"), "approval"));
    c.add(Arguments.of("approval.actions a string",
        utf8("version: 1\napproval:\n  actions: delete\n"), "actions"));
    c.add(Arguments.of("approval.actions unknown", utf8(
        "version: 1\napproval:\n  actions: [explode]\n"), "explode"));
    c.add(Arguments.of("protect a string", utf8("version: 1\nprotect: everything\n"),
        "protect"));
    c.add(Arguments.of("protect entry a number", utf8("version: 1\nprotect: [5]\n"),
        "protect"));
    c.add(Arguments.of("waivers a number", utf8("version: 1\nwaivers: 5\n"), "waivers"));
    c.add(Arguments.of("waiver with a bad date", utf8("version: 1\nwaivers:\n"
        + "  - address: \"aws_db_instance.main\"\n    expires: \"next tuesday\"\n"
        + "    reason: x\n"), "expires"));
    c.add(Arguments.of("version 99", utf8("version: 99\n"), "version"));
    c.add(Arguments.of("version a string", utf8("version: one\n"), "version"));
    c.add(Arguments.of("a list at the root", utf8("- version: 1\n"), "policy.yml"));
    c.add(Arguments.of("a scalar at the root", utf8("just words\n"), "policy.yml"));
    c.add(Arguments.of("YAML syntax error", utf8("version: 1\napproval: {label: [\n"),
        "policy.yml"));
    c.add(Arguments.of("tab indentation", utf8("version: 1\napproval:\n\tlabel: x\n"),
        "policy.yml"));
    c.add(Arguments.of("duplicate key", utf8("version: 1\nunknownAuthorship: ai\n"
        + "unknownAuthorship: human\n"), "unknownAuthorship"));
    c.add(Arguments.of("Java type tag", utf8("version: 1\nx: !!javax.script.ScriptEngineManager"
        + " [!!java.net.URLClassLoader [[!!java.net.URL [\"http://127.0.0.1:1/\"]]]]\n"),
        "policy.yml"));
    c.add(Arguments.of("unknown local tag", utf8("version: 1\nhumanOnly: !evil warn\n"),
        "policy.yml"));
    c.add(Arguments.of("invalid UTF-8", concat(utf8("version: 1\napproval:\n  label: \""),
        new byte[] {(byte) 0xFF, (byte) 0xFE, (byte) 0x80}, utf8("\"\n")), "policy.yml"));
    c.add(Arguments.of("Latin-1 bytes", "version: 1\n# caf\u00e9\n".getBytes(
        StandardCharsets.ISO_8859_1), "policy.yml"));
    c.add(Arguments.of("NUL byte", concat(utf8("version: 1\n"), new byte[] {0}),
        "policy.yml"));
    c.add(Arguments.of("9 MB policy", utf8("version: 1\n" + ("# " + "p".repeat(98) + "\n")
        .repeat(90_000)), "policy.yml"));
    c.add(Arguments.of("invalid glob", utf8("version: 1\nprotect:\n  - address: \"aws_[\"\n"),
        "aws_["));
    c.add(Arguments.of("deep nesting", utf8("version: 1\nx: " + "[".repeat(5000)
        + "]".repeat(5000) + "\n"), "policy.yml"));
    return c.stream();
  }

  @ParameterizedTest(name = "policy: {0}")
  @MethodSource("policies")
  void aBrokenPolicyIsRefused(String name, byte[] content, String fragment) {
    Path policy = Hostile.write(tmp, "policy.yml", content);
    Hostile.Outcome o = Hostile.cli("check", "--plan", kiro().toString(), "--policy",
        policy.toString());
    if (fragment.equals(OR_JUDGED) && o.exit() == 1) {
      Hostile.assertJudged(o, "approval required");
    } else {
      Hostile.assertPolicyRefused(o, fragment.equals(OR_JUDGED) ? "alias" : fragment);
    }
  }

  // -------------------------------------------------------------------------------- hook input

  static final String DESTROY_CALL = "{\"session_id\":\"s\",\"cwd\":\"/nonexistent\","
      + "\"hook_event_name\":\"PreToolUse\",\"tool_name\":\"Bash\",\"tool_input\":"
      + "{\"command\":\"terraform destroy -auto-approve\"}}";

  static Arguments hook(String name, byte[] stdin, String waitsFor) {
    return Arguments.of(name, stdin, waitsFor);
  }

  static Stream<Arguments> hookInputs() {
    List<Arguments> c = new ArrayList<>();
    c.add(hook("empty input", utf8(""), ""));
    c.add(hook("whitespace", utf8("  \n "), ""));
    c.add(hook("garbage", utf8("rm -rf /"), ""));
    c.add(hook("null", utf8("null"), ""));
    c.add(hook("[]", utf8("[]"), ""));
    c.add(hook("a string", utf8("\"terraform destroy\""), ""));
    c.add(hook("{}", utf8("{}"), ""));
    c.add(hook("truncated", utf8(DESTROY_CALL.substring(0, DESTROY_CALL.length() - 3)), ""));
    c.add(hook("tool_name missing", utf8(DESTROY_CALL.replace(
        "\"tool_name\":\"Bash\",", "")), ""));
    c.add(hook("tool_name null", utf8(DESTROY_CALL.replace("\"Bash\"", "null")), ""));
    c.add(hook("tool_name a number", utf8(DESTROY_CALL.replace("\"Bash\"", "1")), ""));
    c.add(hook("tool_input a string", utf8(DESTROY_CALL.replace(
        "{\"command\":\"terraform destroy -auto-approve\"}", "\"terraform destroy\"")), ""));
    c.add(hook("command a list", utf8(DESTROY_CALL.replace(
        "\"terraform destroy -auto-approve\"", "[\"terraform\",\"destroy\"]")), ""));
    c.add(hook("duplicate tool_name (Bash, then Edit)", utf8(DESTROY_CALL.replace(
        "\"tool_name\":\"Bash\"", "\"tool_name\":\"Bash\",\"tool_name\":\"Edit\"")), ""));
    c.add(hook("duplicate command (destroy, then ls)", utf8(DESTROY_CALL.replace(
        "-auto-approve\"", "-auto-approve\",\"command\":\"ls\"")), ""));
    c.add(hook("two objects", utf8(DESTROY_CALL + "\n" + DESTROY_CALL.replace(
        "terraform destroy -auto-approve", "ls")), ""));
    c.add(hook("trailing garbage", utf8(DESTROY_CALL + " xyz"), ""));
    c.add(hook("invalid UTF-8", concat(utf8(DESTROY_CALL.substring(0, 20)),
        new byte[] {(byte) 0xC3, (byte) 0x28}, utf8(DESTROY_CALL.substring(20))), ""));
    c.add(hook("NUL bytes", concat(utf8(DESTROY_CALL), new byte[] {0, 0}), ""));
    c.add(hook("10,000-deep nesting", utf8(DESTROY_CALL.replace("\"session_id\":\"s\"",
        "\"session_id\":" + "[".repeat(10_000) + "]".repeat(10_000))), ""));
    return c.stream();
  }

  /**
   * Input the hook cannot read never lets the tool call through: exit 2 (the agents' "block")
   * with one line, or the agent's own "deny" answer naming the input — never silence (which
   * Claude Code reads as "no objection"), "allow" or "ask".
   */
  @ParameterizedTest(name = "hook input: {0}")
  @MethodSource("hookInputs")
  void unreadableHookInputBlocks(String name, byte[] stdin, String waitsFor) {
    Hostile.waitsFor(waitsFor);
    Hostile.Outcome o = Hostile.cli(Map.of(), stdin, "agent-hook", "--audit-log",
        tmp.resolve("audit.jsonl").toString());
    assertThat(o.out()).as("%s", o).doesNotContain("allow").doesNotContain("\"ask\"");
    if (o.exit() == 0) {
      assertThat(o.out()).as("a deny, not silence: %s", o).contains("\"deny\"")
          .contains("input");
    } else {
      Hostile.assertFailsClosed(o, 2, "input");
    }
  }

  // -------------------------------------------------------------------------------- audit logs

  interface LogEdit extends Function<Path, String[]> {}

  static Path fiveEntries(Path dir) {
    try {
      Path log = dir.resolve("audit.jsonl");
      AuditLog audit = AuditLog.at(log);
      for (int i = 1; i <= 5; i++) {
        audit.append(AuditEntry.now("agent-hook", "terraform destroy #" + i, "deny")
            .withAgent("Claude Code").withReason("destroys aws_db_instance.main"));
      }
      return log;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static LogEdit edit(Function<List<String>, List<String>> change) {
    return dir -> {
      Path log = fiveEntries(dir);
      try {
        List<String> lines = new ArrayList<>(Arrays.asList(
            Files.readString(log, StandardCharsets.UTF_8).split("\n")));
        Files.writeString(log, String.join("\n", change.apply(lines)) + "\n",
            StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      return new String[] {"audit", "verify", log.toString()};
    };
  }

  static LogEdit bytes(byte[] content) {
    return dir -> new String[] {"audit", "verify",
        Hostile.write(dir, "audit.jsonl", content).toString()};
  }

  static <T> List<T> with(List<T> l, int i, T v) {
    l.set(i, v);
    return l;
  }

  static Stream<Arguments> auditLogs() {
    return auditLogCases().stream().map(a -> a.get().length == 5 ? a
        : Arguments.of(a.get()[0], a.get()[1], a.get()[2], a.get()[3], ""));
  }

  static List<Arguments> auditLogCases() {
    List<Arguments> c = new ArrayList<>();
    c.add(Arguments.of("a decision changed", edit(l -> with(l, 1,
        l.get(1).replace("\"deny\"", "\"allow\""))), 1, "line 2"));
    c.add(Arguments.of("a line deleted", edit(l -> {
      l.remove(2);
      return l;
    }), 1, "line 3"));
    c.add(Arguments.of("two lines swapped", edit(l -> {
      String t = l.get(1);
      l.set(1, l.get(2));
      l.set(2, t);
      return l;
    }), 1, "line 2"));
    c.add(Arguments.of("a line duplicated", edit(l -> {
      l.add(3, l.get(2));
      return l;
    }), 1, "line 4"));
    c.add(Arguments.of("first line replaced", edit(l -> with(l, 0,
        l.get(0).replace("#1", "#9"))), 1, "line 1"));
    c.add(Arguments.of("last line truncated", edit(l -> with(l, 4,
        l.get(4).substring(0, l.get(4).length() / 2))), 1, "line 5"));
    c.add(Arguments.of("garbage line appended", edit(l -> {
      l.add("garbage");
      return l;
    }), 1, "line 6"));
    c.add(Arguments.of("duplicate decision key", edit(l -> with(l, 4,
        l.get(4).replace("\"deny\"", "\"deny\",\"decision\":\"allow\""))), 1, "line 5"));
    c.add(Arguments.of("trailing data after an entry", edit(l -> with(l, 4, l.get(4) + "{}")),
        1, "line 5"));
    c.add(Arguments.of("NUL bytes", bytes(new byte[] {0, 0, 0, '\n'}), 1, "line 1"));
    c.add(Arguments.of("invalid UTF-8", bytes(new byte[] {(byte) 0xFF, '{', '}', '\n'}), 1,
        "line 1"));
    c.add(Arguments.of("not JSON", bytes(utf8("hello\n")), 1, "line 1"));
    c.add(Arguments.of("2 MB line", bytes(utf8("{\"x\":\"" + "a".repeat(2_000_000) + "\"}\n")),
        1, "line 1"));
    c.add(Arguments.of("missing file", (LogEdit) dir -> new String[] {"audit", "verify",
        dir.resolve("nope.jsonl").toString()}, 2, "nope.jsonl"));
    c.add(Arguments.of("a directory", (LogEdit) dir -> new String[] {"audit", "verify",
        dir.toString()}, 2, "directory"));
    c.add(Arguments.of("symlink to /dev/zero", (LogEdit) dir -> {
      try {
        Path link = Files.createSymbolicLink(dir.resolve("zero.jsonl"), Path.of("/dev/zero"));
        return new String[] {"audit", "verify", link.toString()};
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }, 2, "zero.jsonl"));
    c.add(Arguments.of("a FIFO", (LogEdit) dir -> {
      try {
        Path fifo = dir.resolve("fifo.jsonl");
        Process p = new ProcessBuilder("mkfifo", fifo.toString()).start();
        assertThat(p.waitFor()).isZero();
        return new String[] {"audit", "verify", fifo.toString()};
      } catch (IOException | InterruptedException e) {
        throw new IllegalStateException(e);
      }
    }, 2, "fifo.jsonl"));
    c.add(Arguments.of("expected head differs", (LogEdit) dir -> new String[] {"audit", "verify",
        fiveEntries(dir).toString(), "--expect-head", "0".repeat(64)}, 1, "head"));
    c.add(Arguments.of("expected count differs (log cut short)", (LogEdit) dir -> new String[] {
        "audit", "verify", fiveEntries(dir).toString(), "--expect-count", "6"}, 1, "5"));
    c.add(Arguments.of("empty log expected to hold entries", (LogEdit) dir -> new String[] {
        "audit", "verify", Hostile.write(dir, "empty.jsonl", new byte[0]).toString(),
        "--expect-count", "5"}, 1, "0"));
    return c;
  }

  @ParameterizedTest(name = "audit log: {0}")
  @MethodSource("auditLogs")
  void aDamagedAuditLogFails(String name, LogEdit input, int exit, String fragment,
      String waitsFor) {
    Hostile.waitsFor(waitsFor);
    Hostile.Outcome o = Hostile.cli(input.apply(tmp));
    Hostile.assertFailsClosed(o, exit, fragment);
    assertThat(o.out()).as("%s", o).doesNotStartWith("ok");
  }
}
