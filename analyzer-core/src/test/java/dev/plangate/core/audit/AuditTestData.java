package dev.plangate.core.audit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Entries and raw line surgery for the audit tests. */
final class AuditTestData {
  private AuditTestData() {}

  static AuditEntry entry(int i) {
    return new AuditEntry(Instant.parse("2025-06-01T12:00:00Z").plusSeconds(i), "agent-hook",
        "terraform apply -auto-approve #" + i, "Claude Code", "0123456789abcdef",
        new AuditEntry.Findings(2, 1, 0, 1, List.of("aws_db_instance.main", "aws_s3_bucket.logs",
            "module.net.aws_vpc.this"), 0), "deny", null, "destroys aws_db_instance.main");
  }

  static Path logWith(Path dir, int entries) throws IOException {
    Path file = dir.resolve("audit.jsonl");
    AuditLog log = AuditLog.at(file);
    for (int i = 1; i <= entries; i++) {
      log.append(entry(i));
    }
    return file;
  }

  /** The lines of {@code file}, split on \n, without the empty string after the last one. */
  static List<String> lines(Path file) throws IOException {
    String text = Files.readString(file, StandardCharsets.UTF_8);
    List<String> lines = new ArrayList<>(List.of(text.split("\n", -1)));
    if (!lines.isEmpty() && lines.get(lines.size() - 1).isEmpty()) {
      lines.remove(lines.size() - 1);
    }
    return lines;
  }

  /** Writes {@code lines}, each ending in \n. */
  static void write(Path file, List<String> lines) throws IOException {
    StringBuilder sb = new StringBuilder();
    for (String l : lines) {
      sb.append(l).append('\n');
    }
    Files.writeString(file, sb.toString(), StandardCharsets.UTF_8);
  }
}
