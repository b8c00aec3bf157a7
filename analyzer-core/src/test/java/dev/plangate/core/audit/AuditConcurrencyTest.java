package dev.plangate.core.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Overlapping appenders, in threads and in other processes, never break the chain. */
class AuditConcurrencyTest {
  @TempDir Path dir;

  @Test
  @Timeout(120)
  void eightThreadsAppendTwoHundredEntries() throws Exception {
    Path file = dir.resolve("logs/audit.jsonl");
    CountDownLatch start = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<?>> done = new ArrayList<>();
      for (int t = 0; t < 8; t++) {
        String name = "thread-" + t;
        done.add(pool.submit(() -> {
          start.await();
          AuditLog log = AuditLog.at(file);
          for (int i = 0; i < 25; i++) {
            log.append(AuditEntry.now("check", name + " #" + i, "pass"));
          }
          return null;
        }));
      }
      start.countDown();
      for (Future<?> f : done) {
        f.get(60, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }
    assertAllThere(file, 200);
  }

  @Test
  @Timeout(120)
  void twoProcessesAndFourThreadsAppendTwoHundredEntries() throws Exception {
    Path file = dir.resolve("audit.jsonl");
    Path go = dir.resolve("go");
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<Process> processes = new ArrayList<>();
    try {
      for (int p = 0; p < 2; p++) {
        Process process = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
            AuditAppendMain.class.getName(), file.toString(), go.toString(), "process-" + p, "60")
            .redirectErrorStream(true)
            .start();
        processes.add(process);
      }
      for (Process process : processes) {
        BufferedReader r = new BufferedReader(
            new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        assertThat(r.readLine()).isEqualTo("ready");
      }
      CountDownLatch start = new CountDownLatch(1);
      ExecutorService pool = Executors.newFixedThreadPool(4);
      List<Future<?>> done = new ArrayList<>();
      try {
        for (int t = 0; t < 4; t++) {
          String name = "thread-" + t;
          done.add(pool.submit(() -> {
            start.await();
            AuditLog log = AuditLog.at(file);
            for (int i = 0; i < 20; i++) {
              log.append(AuditEntry.now("apply", name + " #" + i, "approved"));
            }
            return null;
          }));
        }
        Files.createFile(go);
        start.countDown();
        for (Future<?> f : done) {
          f.get(60, TimeUnit.SECONDS);
        }
      } finally {
        pool.shutdownNow();
      }
      for (Process process : processes) {
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String rest = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.exitValue()).as(rest).isZero();
      }
    } finally {
      processes.forEach(Process::destroyForcibly);
    }
    assertAllThere(file, 200);
  }

  /** The log verifies, has {@code n} lines, and holds every writer's every entry once. */
  private static void assertAllThere(Path file, int n) throws IOException {
    AuditVerification v = AuditVerifier.verify(file);
    assertThat(v.ok()).as(v.message()).isTrue();
    assertThat(v.count()).isEqualTo(n);
    List<String> lines = AuditTestData.lines(file);
    assertThat(lines).hasSize(n);
    Set<String> commands = new HashSet<>();
    for (String line : lines) {
      commands.add(AuditLine.parse(line).entry().command());
    }
    assertThat(commands).hasSize(n);
  }
}
