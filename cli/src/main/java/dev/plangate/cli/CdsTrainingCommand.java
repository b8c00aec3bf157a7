package dev.plangate.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;

/**
 * {@code plangate cds-training} (hidden): runs once what a start of plangate loads, so that
 * {@code java -XX:DumpLoadedClassList=LIST -jar plangate.jar cds-training} lists those classes
 * and {@code java -Xshare:dump} writes a class-data-sharing archive of them (a static one: Java
 * 17 leaves picocli's Java 5 classes out of a dynamic archive). Later starts map them from it
 * instead of loading and verifying them again: about 0.3 s less per run on this project's
 * machine, which is half of a hook's answer. bin/plangate and the GitHub Action make the archive
 * this way.
 *
 * <p>What runs: a check of a small bundled Terraform plan with every report format, the usage, and
 * the agent hook judging a harmless and a destructive command. Everything happens in a temporary directory
 * that is removed afterwards: no repository, policy or audit log of the caller is read or written,
 * no API is called and no other program is started. Exit 0 when every step answered as it
 * should (a caller keeps the archive only then), 2 otherwise.
 */
@Command(name = "cds-training", hidden = true,
    description = "Runs a check and the agent hook once, for a class-data-sharing archive.")
final class CdsTrainingCommand implements Callable<Integer> {
  static final String PLAN = "cds-training-plan.json";

  @Override
  public Integer call() throws IOException {
    Path dir = Files.createTempDirectory("plangate-cds-");
    try {
      Path plan = dir.resolve("plan.json");
      try (InputStream in = CdsTrainingCommand.class.getResourceAsStream(PLAN)) {
        Files.copy(in, plan);
      }
      Files.writeString(dir.resolve(".plangate.yml"), "version: 1\n");
      int check = cli(InputStream.nullInputStream()).run("check", "--github", "off",
          "--repo", dir.toString(), "--plan", plan.toString(),
          "--report", "json=" + dir.resolve("report.json"),
          "--report", "markdown=" + dir.resolve("report.md"),
          "--report", "text=" + dir.resolve("report.txt"),
          "--report", "sarif=" + dir.resolve("report.sarif"));
      // A run that names its command builds only that command's model: the usage builds them
      // all, so the archive holds every command's classes.
      int usage = cli(InputStream.nullInputStream()).run("--help");
      int harmless = hook(dir, "ls -la");
      // A destroy the hook judges without starting a program (a terraform command would plan).
      int destroy = hook(dir, "aws cloudformation delete-stack --stack-name demo");
      return check == 1 && usage == 0 && harmless == 0 && destroy == 0 ? 0 : Cli.USAGE;
    } finally {
      try (Stream<Path> files = Files.walk(dir)) {
        for (Path p : (Iterable<Path>) files.sorted(Comparator.reverseOrder())::iterator) {
          Files.deleteIfExists(p);
        }
      }
    }
  }

  private static int hook(Path dir, String command) throws IOException {
    // Jackson writes the call: the temporary directory's path may hold any character.
    byte[] call = new ObjectMapper().writeValueAsBytes(Map.of("hook_event_name", "PreToolUse",
        "tool_name", "Bash", "tool_input", Map.of("command", command), "cwd", dir.toString()));
    return cli(new ByteArrayInputStream(call)).run("agent-hook", "--agent", "claude-code");
  }

  private static Cli cli(InputStream in) {
    PrintWriter sink = new PrintWriter(Writer.nullWriter());
    return new Cli(sink, sink, Map.of(), false, in);
  }
}
