package dev.plangate.core.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import java.io.IOException;
import java.io.InputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The read limit holds however a reader reads (byte by byte, in blocks, skipping), sizes are
 * named exactly, and every kind of special file is named for what it is.
 */
@Timeout(value = 5, unit = TimeUnit.SECONDS)
class InputFileLimitsTest {
  @TempDir Path dir;

  private static final String GREW = "log: grew past 1024 bytes while being read; plangate reads"
      + " at most that much from a file of this kind";

  private Path grownFile() throws IOException {
    return Files.write(dir.resolve("log"), new byte[1000]);
  }

  @Test
  void aFileReadByteByByteStopsAtTheLimitAndNotBefore() throws Exception {
    Path f = Files.write(dir.resolve("log"), new byte[1024]);
    try (InputStream in = InputFile.open(f, "log", 1024)) {
      for (int i = 0; i < 1024; i++) {
        assertThat(in.read()).isZero();
      }
      assertThat(in.read()).isEqualTo(-1);
    }
    try (InputStream in = InputFile.open(grownFile(), "log", 1024)) {
      Files.write(dir.resolve("log"), new byte[100], StandardOpenOption.APPEND);
      for (int i = 0; i < 1024; i++) {
        in.read();
      }
      assertThatThrownBy(in::read).isInstanceOf(InputFileException.class).hasMessage(GREW);
    }
  }

  @Test
  void aFileReadInBlocksIsReadWholeUpToTheLimit() throws Exception {
    Path f = Files.write(dir.resolve("exact"), new byte[1024]);
    try (InputStream in = InputFile.open(f, "exact", 1024)) {
      assertThat(in.readAllBytes()).hasSize(1024);
    }
    try (InputStream in = InputFile.open(f, "exact", 1024)) {
      byte[] buf = new byte[4096];
      assertThat(in.read(buf, 0, 4096)).isEqualTo(1024);
      assertThat(in.read(buf, 0, 4096)).isEqualTo(-1);
    }
  }

  @Test
  void skippingCountsTowardsTheLimit() throws Exception {
    Path f = grownFile();
    try (InputStream in = InputFile.open(f, "log", 1024)) {
      assertThat(in.markSupported()).isFalse();
      assertThat(in.skip(1000)).isEqualTo(1000);
      assertThat(in.skip(10)).isZero();
    }
    try (InputStream in = InputFile.open(f, "log", 1024)) {
      Files.write(f, new byte[4096], StandardOpenOption.APPEND);
      assertThat(in.skip(1000)).isEqualTo(1000);
      assertThat(in.skip(24)).isEqualTo(24);
      assertThatThrownBy(() -> in.skip(4096)).isInstanceOf(InputFileException.class)
          .hasMessage(GREW);
    }
  }

  @Test
  void sizesAtAWholeUnitAreNamedInThatUnit() {
    assertThat(InputFile.size(1L << 30)).isEqualTo("1 GiB");
    assertThat(InputFile.size(1L << 20)).isEqualTo("1 MiB");
    assertThat(InputFile.size((1L << 30) + (1L << 20))).isEqualTo("1025 MiB");
    assertThat(InputFile.size((1L << 20) + 1)).isEqualTo("1048577 bytes");
    assertThat(InputFile.size((1L << 20) - 1)).isEqualTo("1048575 bytes");
  }

  @Test
  void aWholeFileReadIsLimitedToWhatAByteArrayHolds() throws Exception {
    Path f = Files.writeString(dir.resolve("a.json"), "{}");
    assertThat(InputFile.readString(f, "a.json", Integer.MAX_VALUE - 16)).isEqualTo("{}");
    assertThatThrownBy(() -> InputFile.readAllBytes(f, "a.json", Integer.MAX_VALUE - 15))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aRefusalNamesTheFileAsTheUserWroteItAndTheReasonApart() {
    assertThatThrownBy(() -> InputFile.check(dir.resolve("nope"), "infra/nope.json", 10))
        .isInstanceOfSatisfying(InputFileException.class, e -> {
          assertThat(e.file()).isEqualTo("infra/nope.json");
          assertThat(e.reason()).isEqualTo("file not found");
          assertThat(e.getMessage()).isEqualTo("infra/nope.json: file not found");
        });
  }

  @Test
  void aSocketIsRefusedAsASocket() throws Exception {
    Path socket = dir.resolve("plan.sock");
    try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
      server.bind(UnixDomainSocketAddress.of(socket));
      assertThatThrownBy(() -> InputFile.check(socket, "plan.sock", 100))
          .hasMessage("plan.sock: is a socket, not a regular file; plangate reads only regular"
              + " files");
    }
  }

  @Test
  void aBlockDeviceIsRefusedAsABlockDevice() throws Exception {
    Optional<Path> device;
    try (Stream<Path> all = Files.list(Path.of("/dev"))) {
      device = all.filter(p -> {
        try {
          Object mode = Files.getAttribute(p, "unix:mode", java.nio.file.LinkOption.NOFOLLOW_LINKS);
          return mode instanceof Integer m && (m & 0170000) == 0060000;
        } catch (IOException | RuntimeException e) {
          return false;
        }
      }).findFirst();
    }
    Assumptions.assumeTrue(device.isPresent(), "no block device to look at");
    assertThatThrownBy(() -> InputFile.check(device.get(), "disk", 100))
        .hasMessage("disk: is a block device, not a regular file; plangate reads only regular"
            + " files");
  }

  @Test
  void aStreamingReaderRefusesDataAfterTheDocument() throws Exception {
    com.fasterxml.jackson.core.JsonFactory json = StrictJson.factoryBuilder().build();
    try (JsonParser p = json.createParser("{\"a\":1}  ")) {
      p.nextToken();
      p.skipChildren();
      StrictJson.requireEnd(p);
    }
    try (JsonParser p = json.createParser("{\"a\":1} {\"a\":2}")) {
      p.nextToken();
      p.skipChildren();
      assertThatThrownBy(() -> StrictJson.requireEnd(p)).isInstanceOf(JsonParseException.class)
          .hasMessageContaining("unexpected data after the end of the document (START_OBJECT)");
    }
  }

  @Test
  void aMapperBuiltWithOwnLimitsIsStillStrictAndKeepsTheLimits() {
    com.fasterxml.jackson.databind.ObjectMapper mapper = StrictJson.mapper(StrictJson.factory(
        com.fasterxml.jackson.core.StreamReadConstraints.builder().maxNestingDepth(3).build()));
    assertThatThrownBy(() -> mapper.readTree("{\"op\":\"delete\",\"op\":\"same\"}"))
        .hasMessageContaining("Duplicate field 'op'");
    assertThatThrownBy(() -> mapper.readTree("{\"a\":1} {\"a\":2}"))
        .hasMessageContaining("Trailing token");
    assertThatThrownBy(() -> mapper.readTree("[[[[1]]]]"))
        .hasMessageContaining("Document nesting depth");
  }
}
