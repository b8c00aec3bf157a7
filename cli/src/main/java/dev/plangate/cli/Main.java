package dev.plangate.cli;

import dev.plangate.cli.agent.HookFastPath;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;

/** {@code java -jar plangate.jar ...}: exit 0 pass, 1 gate failed, 2 usage or input error. */
public final class Main {
  private Main() {}

  public static void main(String[] args) throws java.io.IOException {
    java.io.InputStream in = System.in;
    if (args.length > 0 && args[0].equals("agent-hook") && fastPathApplies(args)) {
      // The agent hook runs before every shell command an agent runs: answer a harmless one
      // before the command line framework loads. Anything else goes to the full hook below.
      byte[] input = System.in.readNBytes(AgentHookCommand.MAX_INPUT_BYTES + 1);
      String answer = input.length > AgentHookCommand.MAX_INPUT_BYTES ? null
          : HookFastPath.answer(input, args.length == 3 ? args[2] : null);
      if (answer != null) {
        if (!answer.isEmpty()) {
          System.out.println(answer);
        }
        System.out.flush();
        System.exit(0);
      }
      in = new java.io.ByteArrayInputStream(input);
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

  /** {@code agent-hook} alone, or with {@code --agent NAME} of a known agent. */
  private static boolean fastPathApplies(String[] args) {
    return args.length == 1 || (args.length == 3 && args[1].equals("--agent")
        && java.util.Set.of("claude-code", "cursor", "gemini").contains(args[2]));
  }
}
