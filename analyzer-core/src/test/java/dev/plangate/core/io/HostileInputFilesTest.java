package dev.plangate.core.io;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.plangate.core.pipeline.Pipeline;
import dev.plangate.core.source.TerraformSource;
import dev.plangate.core.audit.AuditLog;
import dev.plangate.core.audit.AuditVerifier;
import dev.plangate.core.audit.AuditTestDataAccess;
import dev.plangate.core.catalog.ResourceCatalog;
import dev.plangate.core.cloudformation.ChangeSetReader;
import dev.plangate.core.cloudformation.TemplateReader;
import dev.plangate.core.plan.PlanReadException;
import dev.plangate.core.policy.PolicyException;
import dev.plangate.core.policy.PolicyLoader;
import dev.plangate.core.pulumi.PulumiPreviewReader;
import dev.plangate.core.terraform.TerraformPlanReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every reader of a file a user names refuses a FIFO (opening it would block until a writer
 * comes), a link to {@code /dev/zero} (it never ends) and a directory with one line naming the
 * file, and never hangs: each case has a few seconds.
 */
@Timeout(value = 5, unit = TimeUnit.SECONDS)
class HostileInputFilesTest {
  private static final ResourceCatalog CATALOG = ResourceCatalog.builtin();
  private static final String NOT_REGULAR = "not a regular file; plangate reads only regular files";

  @TempDir Path dir;

  private Path special(String kind, String name) throws Exception {
    return switch (kind) {
      case "fifo" -> SpecialFiles.fifo(dir, name);
      case "zero" -> SpecialFiles.zeroLink(dir, name);
      case "dir" -> Files.createDirectory(dir.resolve(name));
      default -> throw new IllegalArgumentException(kind);
    };
  }

  private static String what(String kind) {
    return switch (kind) {
      case "fifo" -> "is a FIFO (named pipe), ";
      case "zero" -> "is a symbolic link to a character device (/dev/zero), ";
      default -> "is a directory, ";
    };
  }

  @ParameterizedTest
  @ValueSource(strings = {"fifo", "zero", "dir"})
  void terraformPlansAreRefused(String kind) throws Exception {
    Path f = special(kind, "plan.json");
    assertThatThrownBy(() -> new Pipeline().sources().get(TerraformSource.class).read(f, "plan.json"))
        .isInstanceOf(PlanReadException.class)
        .hasMessage("plan.json: " + what(kind) + NOT_REGULAR);
    assertThatThrownBy(() -> new TerraformPlanReader(CATALOG).read(f, "plan.json"))
        .isInstanceOf(PlanReadException.class)
        .hasMessage("plan.json: " + what(kind) + NOT_REGULAR);
  }

  @ParameterizedTest
  @ValueSource(strings = {"fifo", "zero", "dir"})
  void changeSetsAreRefused(String kind) throws Exception {
    Path f = special(kind, "cs.json");
    assertThatThrownBy(() -> new ChangeSetReader(CATALOG).read(f, "cs.json"))
        .isInstanceOf(PlanReadException.class)
        .hasMessage("cs.json: " + what(kind) + NOT_REGULAR);
  }

  @ParameterizedTest
  @ValueSource(strings = {"fifo", "zero", "dir"})
  void templatesAreRefused(String kind) throws Exception {
    Path f = special(kind, "template.yaml");
    assertThatThrownBy(() -> TemplateReader.read(f))
        .isInstanceOf(PlanReadException.class)
        .hasMessageEndingWith(what(kind) + NOT_REGULAR);
  }

  @ParameterizedTest
  @ValueSource(strings = {"fifo", "zero", "dir"})
  void pulumiPreviewsAndStackExportsAreRefused(String kind) throws Exception {
    Path f = special(kind, "preview.json");
    assertThatThrownBy(() -> new PulumiPreviewReader(CATALOG).read(f, null, "preview.json"))
        .isInstanceOf(PlanReadException.class)
        .hasMessage("preview.json: " + what(kind) + NOT_REGULAR);
    Path preview = Files.writeString(dir.resolve("ok.json"), "{\"steps\":[],\"changeSummary\":{}}");
    Path export = special(kind, "export.json");
    assertThatThrownBy(() -> new PulumiPreviewReader(CATALOG).read(preview, export, "ok.json"))
        .isInstanceOf(PlanReadException.class)
        .hasMessage(export + ": " + what(kind) + NOT_REGULAR);
  }

  @ParameterizedTest
  @ValueSource(strings = {"fifo", "zero", "dir"})
  void policiesAreRefused(String kind) throws Exception {
    Path f = special(kind, ".plangate.yml");
    assertThatThrownBy(() -> PolicyLoader.load(f))
        .isInstanceOf(PolicyException.class)
        .hasMessageStartingWith("policy file ")
        .hasMessageEndingWith(".plangate.yml: " + what(kind) + NOT_REGULAR);
  }

  @ParameterizedTest
  @ValueSource(strings = {"fifo", "zero", "dir"})
  void auditLogsAreRefusedForVerifyAndAppend(String kind) throws Exception {
    Path f = special(kind, "audit.log");
    assertThatThrownBy(() -> AuditVerifier.verify(f))
        .isInstanceOf(InputFileException.class)
        .hasMessage(f + ": " + what(kind) + NOT_REGULAR);
    assertThatThrownBy(() -> AuditLog.at(f).append(AuditTestDataAccess.entry(1)))
        .isInstanceOf(InputFileException.class)
        .hasMessageEndingWith(what(kind) + NOT_REGULAR);
  }

  @Test
  void aPolicyOverTheLimitIsRefusedWithoutBeingRead() throws Exception {
    Path f = Files.write(dir.resolve(".plangate.yml"), new byte[4 * (1 << 20) + 1]);
    assertThatThrownBy(() -> PolicyLoader.load(f))
        .isInstanceOf(PolicyException.class)
        .hasMessageEndingWith(".plangate.yml: is 4194305 bytes, more than the 4 MiB plangate"
            + " reads from a file of this kind");
  }

  @Test
  void aChangeSetOverTheLimitIsRefusedWithoutBeingRead() throws Exception {
    Path f = dir.resolve("cs.json");
    try (var ch = java.nio.channels.FileChannel.open(f, java.nio.file.StandardOpenOption.CREATE,
        java.nio.file.StandardOpenOption.WRITE)) {
      ch.write(java.nio.ByteBuffer.wrap(new byte[] {' '}), ChangeSetReader.MAX_DOCUMENT_BYTES);
    }
    assertThatThrownBy(() -> new ChangeSetReader(CATALOG).read(f, "cs.json"))
        .isInstanceOf(PlanReadException.class)
        .hasMessage("cs.json: is " + (ChangeSetReader.MAX_DOCUMENT_BYTES + 1) + " bytes, more"
            + " than the 64 MiB plangate reads from a file of this kind");
  }
}
