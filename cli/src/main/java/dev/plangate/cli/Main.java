package dev.plangate.cli;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;

/** {@code java -jar plangate.jar ...}: exit 0 pass, 1 gate failed, 2 usage or input error. */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    PrintWriter out = new PrintWriter(System.out, true, StandardCharsets.UTF_8);
    PrintWriter err = new PrintWriter(System.err, true, StandardCharsets.UTF_8);
    int code;
    try {
      code = new Cli(out, err, System.getenv(), System.console() != null, System.in).run(args);
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
}
