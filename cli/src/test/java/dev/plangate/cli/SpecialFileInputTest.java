package dev.plangate.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A FIFO as a plan or an audit log used to block for ever (opening it waits for a writer), and a
 * link to /dev/zero as an audit log spun at 100 % CPU. Each is refused up front: exit 2, one line
 * naming the file and the reason, within seconds.
 */
@Timeout(value = 10, unit = TimeUnit.SECONDS)
class SpecialFileInputTest {
  private static final String NOT_REGULAR = "not a regular file; plangate reads only regular files";

  @TempDir Path tmp;

  static Path fifo(Path dir, String name) throws IOException, InterruptedException {
    Path fifo = dir.resolve(name);
    boolean made;
    try {
      Process p = new ProcessBuilder("mkfifo", fifo.toString()).redirectErrorStream(true).start();
      made = p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0;
    } catch (IOException e) {
      made = false;
    }
    assumeTrue(made, "mkfifo is not available here: FIFO test skipped");
    return fifo;
  }

  static Path zeroLink(Path dir, String name) throws IOException {
    assumeTrue(Files.exists(Path.of("/dev/zero")), "no /dev/zero here: test skipped");
    return Files.createSymbolicLink(dir.resolve(name), Path.of("/dev/zero"));
  }

  private static void assertRefused(CliRun r, String expectedLine) {
    assertThat(r.exitCode()).as("exit code; stderr: %s", r.err()).isEqualTo(2);
    assertThat(r.errLines()).as("stderr: %s", r.err()).hasSize(1);
    assertThat(r.errLines().get(0)).isEqualTo(expectedLine);
  }

  @Test
  void checkRefusesAFifoAsThePlan() throws Exception {
    Path plan = fifo(tmp, "plan.json");
    CliRun r = CliRun.run("check", "--plan", plan.toString());
    assertRefused(r, "plangate: error: " + plan + ": is a FIFO (named pipe), " + NOT_REGULAR);
    assertThat(r.out()).isEmpty();
  }

  @Test
  void checkRefusesALinkToDevZeroAsThePlan() throws Exception {
    Path plan = zeroLink(tmp, "plan.json");
    CliRun r = CliRun.run("check", "--plan", plan.toString());
    assertRefused(r, "plangate: error: " + plan + ": is a symbolic link to a character device"
        + " (/dev/zero), " + NOT_REGULAR);
  }

  @Test
  void auditVerifyRefusesAFifo() throws Exception {
    Path log = fifo(tmp, "audit.log");
    CliRun r = CliRun.run("audit", "verify", log.toString());
    assertRefused(r, "plangate: error: cannot read audit log " + log + ": is a FIFO (named pipe), "
        + NOT_REGULAR);
  }

  @Test
  void auditVerifyRefusesALinkToDevZero() throws Exception {
    Path log = zeroLink(tmp, "audit.log");
    CliRun r = CliRun.run("audit", "verify", log.toString());
    assertRefused(r, "plangate: error: cannot read audit log " + log + ": is a symbolic link to a"
        + " character device (/dev/zero), " + NOT_REGULAR);
  }

  @Test
  void checkRefusesAFifoAsThePolicy() throws Exception {
    Path policy = fifo(tmp, "policy.yml");
    Path plan = Files.writeString(tmp.resolve("plan.json"),
        "{\"format_version\":\"1.2\",\"resource_changes\":[]}");
    CliRun r = CliRun.run("check", "--policy", policy.toString(), "--plan", plan.toString());
    assertThat(r.exitCode()).as("stderr: %s", r.err()).isEqualTo(2);
    assertThat(r.err()).contains(policy + ": is a FIFO (named pipe), " + NOT_REGULAR);
  }
}
