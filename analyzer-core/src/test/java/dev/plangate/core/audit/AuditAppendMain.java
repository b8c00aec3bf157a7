package dev.plangate.core.audit;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A separate appender process for {@link AuditConcurrencyTest}: {@code FILE GO_FILE NAME COUNT}.
 * Prints {@code ready}, waits for GO_FILE to exist, then appends COUNT entries.
 */
public final class AuditAppendMain {
  private AuditAppendMain() {}

  public static void main(String[] args) throws Exception {
    AuditLog log = AuditLog.at(Path.of(args[0]));
    Path go = Path.of(args[1]);
    String name = args[2];
    int count = Integer.parseInt(args[3]);
    System.out.println("ready");
    System.out.flush();
    long deadline = System.nanoTime() + 60_000_000_000L;
    while (!Files.exists(go)) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("no go file");
      }
      Thread.sleep(1);
    }
    for (int i = 0; i < count; i++) {
      log.append(AuditEntry.now("agent-hook", name + " #" + i, "allow"));
    }
  }
}
