package dev.plangate.core.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Only regular files within their byte limit are read; everything else is one line, at once. */
@Timeout(value = 5, unit = TimeUnit.SECONDS)
class InputFileTest {
  @TempDir Path dir;

  @Test
  void aRegularFileIsReadWhole() throws Exception {
    Path f = Files.writeString(dir.resolve("a.json"), "{\"a\":1}");
    assertThat(InputFile.readString(f, "a.json", 100)).isEqualTo("{\"a\":1}");
    assertThat(InputFile.check(f, "a.json", 7)).isEqualTo(7);
  }

  @Test
  void aFifoIsRefusedWithoutOpeningIt() throws Exception {
    Path fifo = SpecialFiles.fifo(dir, "plan.json");
    assertThatThrownBy(() -> InputFile.open(fifo, "plan.json", 100))
        .isInstanceOf(InputFileException.class)
        .hasMessage("plan.json: is a FIFO (named pipe), not a regular file; plangate reads only"
            + " regular files");
  }

  @Test
  void aSymlinkToDevZeroIsRefused() throws Exception {
    Path link = SpecialFiles.zeroLink(dir, "audit.log");
    assertThatThrownBy(() -> InputFile.readAllBytes(link, "audit.log", 100))
        .isInstanceOf(InputFileException.class)
        .hasMessage("audit.log: is a symbolic link to a character device (/dev/zero), not a"
            + " regular file; plangate reads only regular files");
  }

  @Test
  void aDirectoryIsRefused() {
    assertThatThrownBy(() -> InputFile.open(dir, "plans", 100))
        .isInstanceOf(InputFileException.class)
        .hasMessage("plans: is a directory, not a regular file; plangate reads only regular"
            + " files");
  }

  @Test
  void aMissingFileAndADanglingLinkAreNamed() throws Exception {
    assertThatThrownBy(() -> InputFile.open(dir.resolve("nope"), "nope", 100))
        .hasMessage("nope: file not found");
    Path dangling = Files.createSymbolicLink(dir.resolve("dangling"), dir.resolve("gone"));
    assertThatThrownBy(() -> InputFile.open(dangling, "dangling", 100))
        .hasMessage("dangling: is a symbolic link to a file that does not exist");
  }

  @Test
  void aFileOverTheLimitIsRefusedBeforeReading() throws Exception {
    Path f = Files.write(dir.resolve("big.json"), new byte[2048]);
    assertThatThrownBy(() -> InputFile.open(f, "big.json", 1024))
        .isInstanceOf(InputFileException.class)
        .hasMessage("big.json: is 2048 bytes, more than the 1024 bytes plangate reads from a"
            + " file of this kind");
    assertThat(InputFileException.class).isAssignableTo(java.io.IOException.class);
  }

  @Test
  void aFileThatGrowsWhileReadStopsAtTheLimit() throws Exception {
    Path f = Files.write(dir.resolve("log"), new byte[1000]);
    try (InputStream in = InputFile.open(f, "log", 1024)) {
      Files.write(f, new byte[4096], StandardOpenOption.APPEND);
      assertThatThrownBy(in::readAllBytes)
          .isInstanceOf(InputFileException.class)
          .hasMessage("log: grew past 1024 bytes while being read; plangate reads at most that"
              + " much from a file of this kind");
    }
  }

  @Test
  void sizesAreWordedInMebibytesWhenWhole() {
    assertThat(InputFile.size(64L << 20)).isEqualTo("64 MiB");
    assertThat(InputFile.size(2L << 30)).isEqualTo("2 GiB");
    assertThat(InputFile.size(1000)).isEqualTo("1000 bytes");
  }

  @Test
  void strictJsonRefusesDuplicateKeysAndTrailingData() {
    assertThatThrownBy(() -> StrictJson.mapper().readTree("{\"op\":\"delete\",\"op\":\"same\"}"))
        .hasMessageContaining("Duplicate field 'op'");
    assertThatThrownBy(() -> StrictJson.mapper().readTree("{\"a\":1}{\"a\":2}"))
        .hasMessageContaining("Trailing token");
    assertThatThrownBy(() -> StrictJson.mapper().readTree("{\"a\":1} x"))
        .isInstanceOf(java.io.IOException.class);
    assertThatThrownBy(() -> StrictJson.mapper(new com.fasterxml.jackson.core.JsonFactory()))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(new String("{}".getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8))
        .isEqualTo("{}");
  }
}
