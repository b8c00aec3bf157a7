package dev.plangate.core.agent;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Latency of {@link CommandRecognizer#recognize}, for the agent hook that calls it on every shell
 * command. Not a test (no {@code Test} suffix: surefire skips it). Run after {@code mvn
 * test-compile}:
 *
 * <pre>
 * java -cp analyzer-core/target/classes:analyzer-core/target/test-classes \
 *     dev.plangate.core.agent.CommandRecognizerBench            # warm: median/p99 per line
 * java -cp ... dev.plangate.core.agent.CommandRecognizerBench --once 'LINE'   # one cold call
 * </pre>
 *
 * <p>It prints, first, the cold cost of the first calls in a fresh JVM (class loading and the
 * interpreter: what a hook that starts a JVM per command pays), then for each line the median and
 * 99th percentile of single calls after warm-up, each timed with {@link System#nanoTime()} (whose
 * own cost, some 20 ns, is included).
 */
public final class CommandRecognizerBench {
  private CommandRecognizerBench() {}

  static final Map<String, String> LINES = new LinkedHashMap<>();

  static {
    // Non-matching, no tool word: the fast path.
    LINES.put("ls", "ls -la");
    LINES.put("git status", "git status --porcelain && git diff --stat");
    LINES.put("npm test", "cd frontend && npm ci && npm run build && npm test -- --watch=false");
    LINES.put("pytest", "python -m pytest -q tests/ -k 'not slow' 2>&1 | tail -n 40");
    LINES.put("grep $", "grep -rn \"TODO\" src/ | wc -l && echo $HOME");
    LINES.put("git commit heredoc", "git add -A && git commit -m \"$(cat <<'EOF'\n"
        + "Refactor the order service's retry loop (backoff, jitter)\n\n"
        + "- keep the queue bounded\n- log the attempt number\n\n"
        + "Co-Authored-By: Agent <agent@example.com>\nEOF\n)\"");
    // Non-matching, names a tool: lexed and walked.
    LINES.put("terraform plan", "cd infra && terraform init -input=false && terraform plan "
        + "-out=tfplan -input=false");
    LINES.put("terraform show", "terraform show -json tfplan | jq '.resource_changes | length'");
    LINES.put("cdk synth", "npx cdk synth --all --quiet");
    LINES.put("cat main.tf", "cat infra/main.tf infra/variables.tf");
    // Matching.
    LINES.put("apply", "terraform apply -auto-approve tfplan");
    LINES.put("agent apply", "cd infra/prod && terraform init -input=false && terraform apply "
        + "-auto-approve -input=false tfplan");
    LINES.put("sudo env destroy", "sudo -E env AWS_PROFILE=prod terraform destroy -auto-approve");
    LINES.put("bash -lc tofu", "bash -lc \"cd infra && tofu apply -auto-approve\"");
    LINES.put("npx cdk deploy", "npx aws-cdk deploy --all --require-approval never");
    LINES.put("pulumi up", "pulumi --cwd infra up --yes -s prod");
  }

  public static void main(String[] args) {
    if (args.length == 2 && args[0].equals("--once")) {
      long t0 = System.nanoTime();
      List<InfraCommand> found = CommandRecognizer.recognize(args[1]);
      long t1 = System.nanoTime();
      // No record toString, printf or "+" here: each bootstraps invokedynamic machinery that
      // costs a cold JVM more (10-20 ms) than the recogniser does; a hook should avoid it too.
      StringBuilder sb = new StringBuilder("first call ");
      sb.append((t1 - t0) / 1000 / 1000.0).append(" ms:");
      for (InfraCommand c : found) {
        sb.append(' ').append(c.tool().name()).append(' ').append(c.action().name());
      }
      System.out.println(sb);
      return;
    }
    cold();
    int warmup = 300_000;
    int samples = 300_000;
    long sink = 0;
    for (String line : LINES.values()) {
      for (int i = 0; i < warmup; i++) {
        sink += CommandRecognizer.recognize(line).size();
      }
    }
    System.out.printf("%-20s %8s %10s %10s  %s%n", "line", "chars", "median ns", "p99 ns",
        "found");
    long[] t = new long[samples];
    for (Map.Entry<String, String> e : LINES.entrySet()) {
      String line = e.getValue();
      for (int i = 0; i < samples; i++) {
        long a = System.nanoTime();
        sink += CommandRecognizer.recognize(line).size();
        t[i] = System.nanoTime() - a;
      }
      Arrays.sort(t);
      System.out.printf("%-20s %8d %10d %10d  %s%n", e.getKey(), line.length(), t[samples / 2],
          t[(int) (samples * 0.99)], describe(CommandRecognizer.recognize(line)));
    }
    System.out.println("(sink " + sink + ")");
  }

  /** The first calls in this JVM: class loading and interpretation included. */
  private static void cold() {
    String[] first = {"ls -la", "cd infra && terraform plan -out=tfplan",
        "cd infra && terraform apply -auto-approve tfplan"};
    for (String line : first) {
      long a = System.nanoTime();
      int n = CommandRecognizer.recognize(line).size();
      long b = System.nanoTime();
      System.out.printf("cold  %-50s %8.3f ms (%d found)%n", line, (b - a) / 1e6, n);
    }
  }

  private static String describe(List<InfraCommand> found) {
    return found.isEmpty() ? "-" : CommandRecognizerTest.describe(found);
  }
}
