package dev.plangate.core.pulumi;

import static org.assertj.core.api.Assertions.assertThat;

import dev.plangate.core.catalog.ResourceCatalog;
import dev.plangate.core.impact.ImpactAnalyzer;
import dev.plangate.core.model.ChangeKind;
import dev.plangate.core.model.Plan;
import java.io.BufferedWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An event log of a large stack: every step twice, big property values, one read. */
class PulumiLargeStreamTest {
  private static final int RESOURCES = 10_000;
  @TempDir Path dir;

  @Test
  void aLargeEventLogReadsToOneChangePerResourceKeepingOnlyCatalogueAttributes()
      throws Exception {
    Path log = dir.resolve("events.jsonl");
    String userData = "x".repeat(1_000);
    try (BufferedWriter w = Files.newBufferedWriter(log)) {
      for (int i = 0; i < RESOURCES; i++) {
        String urn = "urn:pulumi:prod::big::aws:rds/instance:Instance::db-" + i;
        String op = i % 10 == 0 ? "delete" : "same";
        String old = "{\"urn\":\"" + urn + "\",\"type\":\"aws:rds/instance:Instance\","
            + "\"custom\":true,\"id\":\"db-" + i + "\",\"inputs\":{\"userData\":\"" + userData
            + "\"},\"outputs\":{\"skipFinalSnapshot\":false,\"userData\":\"" + userData + "\"}}";
        for (String kind : new String[] {"resourcePreEvent", "resOutputsEvent"}) {
          w.write("{\"sequence\":" + i + ",\"timestamp\":1,\"" + kind + "\":{\"metadata\":{"
              + "\"op\":\"" + op + "\",\"urn\":\"" + urn + "\",\"type\":"
              + "\"aws:rds/instance:Instance\",\"old\":" + old + ",\"new\":"
              + (op.equals("delete") ? "null" : old) + "},\"planning\":true}}\n");
        }
      }
      w.write("{\"sequence\":1,\"timestamp\":1,\"summaryEvent\":{\"resourceChanges\":{}}}\n");
    }
    assertThat(Files.size(log)).isGreaterThan(40L * 1024 * 1024);

    Plan p = new PulumiPreviewReader(ResourceCatalog.builtin()).read(log, null, "events.jsonl");
    assertThat(p.changes()).hasSize(RESOURCES);
    assertThat(p.changes().stream().filter(c -> c.kind() == ChangeKind.DELETE))
        .hasSize(RESOURCES / 10)
        .allSatisfy(c -> assertThat(c.before())
            .containsOnlyKeys("skip_final_snapshot").containsEntry("skip_final_snapshot", false));
    assertThat(new ImpactAnalyzer(ResourceCatalog.builtin()).analyze(p))
        .hasSize(RESOURCES / 10)
        .allSatisfy(f -> assertThat(f.recoverable()).isTrue());
  }
}
