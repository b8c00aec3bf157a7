package dev.plangate.cli;

import dev.plangate.cli.agent.HookFastPath;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;

/** {@code java -jar plangate.jar ...}: exit 0 pass, 1 gate failed, 2 usage or input error. */
public final class Main {
  private Main() {}

  public static void main(String[] args) throws java.io.IOException {
    java.io.InputStream in = System.in;
    if (args.length > 0 && args[0].equals("agent-hook") && !(args.length > 1
        && (args[1].equals("install") || args[1].equals("doctor")))) {
      startBackstop(args);
    }
    if (args.length > 0 && args[0].equals("agent-hook") && fastPathApplies(args)) {
      // The agent hook runs before every shell command an agent runs: answer a harmless one
      // before the command line framework loads. Anything else goes to the full hook below.
      byte[] input = System.in.readNBytes(AgentHookCommand.MAX_INPUT_BYTES + 1);
      String answer = input.length > AgentHookCommand.MAX_INPUT_BYTES ? null
          : HookFastPath.answer(input, args.length == 3
              ? (args[2].equals("claude") ? "claude-code" : args[2]) : null);
      if (answer != null) {
        if (!answer.isEmpty()) {
          System.out.println(answer);
        }
        System.out.flush();
        System.exit(0);
      }
      in = new java.io.ByteArrayInputStream(input);
    }
    if (args.length > 0 && (args[0].equals("check") || args[0].equals("pre-push"))) {
      warmUp();
    }
    PrintWriter out = new PrintWriter(System.out, true, StandardCharsets.UTF_8);
    PrintWriter err = new PrintWriter(System.err, true, StandardCharsets.UTF_8);
    int code;
    try {
      code = new Cli(out, err, System.getenv(), System.console() != null, in).run(args);
    } catch (OutOfMemoryError e) {
      // An Error passes picocli's handlers; without this it would be a stack trace and exit 1,
      // which reads as "gate failed" rather than "could not read the input".
      err.println("plangate: error: out of memory while reading the input; give the JVM more"
          + " (java -Xmx4g -jar plangate.jar ...) and run again");
      code = Cli.USAGE;
    }
    out.flush();
    err.flush();
    System.exit(code);
  }

  /**
   * Reads the bundled catalogues on the second core while this one parses the command line and
   * opens the repository: a check needs both, and the first JSON mapper costs tens of
   * milliseconds to set up. SHA-256 runs once too, so that C1 has compiled it before the gate
   * takes the fingerprint of a few thousand findings (interpreted, that took 10 ms). A failure
   * here is met again, and reported, where they are used.
   */
  private static void warmUp() {
    Thread t = new Thread(() -> {
      try {
        dev.plangate.core.catalog.ResourceCatalog.builtin();
        dev.plangate.core.authorship.SignalCatalog.builtin();
        java.security.MessageDigest.getInstance("SHA-256").digest(new byte[1 << 14]);
      } catch (Exception | LinkageError e) {
        // reported by the check itself
      }
    }, "plangate-warm-up");
    t.setDaemon(true);
    try {
      t.start();
    } catch (RuntimeException | OutOfMemoryError e) {
      // no thread to be had: the check reads them itself, only later
    }
  }

  /** {@code agent-hook} alone, or with {@code --agent NAME} of a known agent. */
  private static boolean fastPathApplies(String[] args) {
    return args.length == 1 || (args.length == 3 && args[1].equals("--agent")
        && java.util.Set.of("claude-code", "claude", "cursor", "gemini", "kiro")
        .contains(args[2]));
  }

  /**
   * The last word on time: should the hook itself be wedged past its deadline (a read that
   * never returns, a JVM stuck in a collector), the process still answers: one line and exit 2,
   * which every supported agent reads as "block". A hook the agent kills for taking too long
   * blocks nothing.
   */
  private static void startBackstop(String[] args) {
    Long option = null;
    for (int i = 1; i < args.length; i++) {
      try {
        if (args[i].equals("--deadline") && i + 1 < args.length) {
          option = Long.parseLong(args[i + 1]);
        } else if (args[i].startsWith("--deadline=")) {
          option = Long.parseLong(args[i].substring("--deadline=".length()));
        }
      } catch (NumberFormatException e) {
        return; // the command reports the bad value itself
      }
    }
    long seconds;
    try {
      seconds = AgentHookCommand.deadlineSeconds(option, System.getenv());
    } catch (IllegalArgumentException e) {
      return;
    }
    Thread t = new Thread(() -> {
      try {
        Thread.sleep((seconds + 3) * 1000);
      } catch (InterruptedException e) {
        return;
      }
      System.err.println("plangate: refused: no answer within " + seconds + " s; the command"
          + " is blocked");
      System.err.flush();
      ProcessHandle.current().descendants().forEach(ProcessHandle::destroyForcibly);
      Runtime.getRuntime().halt(2);
    }, "plangate-deadline");
    t.setDaemon(true);
    t.start();
  }
}
