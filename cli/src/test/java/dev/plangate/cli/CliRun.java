package dev.plangate.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** Runs the CLI in-process and captures what it prints. */
record CliRun(int exitCode, String out, String err) {
  static CliRun run(Map<String, String> env, boolean terminal, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    PrintWriter o = new PrintWriter(out, true);
    PrintWriter e = new PrintWriter(err, true);
    int code = new Cli(o, e, env, terminal).run(args);
    o.flush();
    e.flush();
    return new CliRun(code, out.toString(), err.toString());
  }

  /** With standard input, as git gives the pre-push hook its ref lines. */
  static CliRun withInput(Map<String, String> env, String stdin, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    PrintWriter o = new PrintWriter(out, true);
    PrintWriter e = new PrintWriter(err, true);
    int code = new Cli(o, e, env, false, new java.io.ByteArrayInputStream(
        stdin.getBytes(java.nio.charset.StandardCharsets.UTF_8))).run(args);
    o.flush();
    e.flush();
    return new CliRun(code, out.toString(), err.toString());
  }

  static CliRun run(String... args) {
    return run(Map.of(), false, args);
  }

  /** Non-empty lines of standard error. */
  List<String> errLines() {
    return err.lines().filter(l -> !l.isEmpty()).toList();
  }

  String firstOutLine() {
    return out.lines().findFirst().orElse("");
  }

  static Path repoRoot() {
    return Path.of(System.getProperty("plangate.root"));
  }

  /** The module-rename incident: 9 destroys, one suggested moved block. */
  static Path kiro() {
    return repoRoot().resolve("examples/terraform-kiro-incident/plan.json");
  }

  /** A real plan of the orders-service example that only updates: nothing is destroyed. */
  static Path passPlan() {
    return repoRoot().resolve("examples/orders-service/update-plan.json");
  }
}
