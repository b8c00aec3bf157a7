package dev.plangate.core.plan;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.plangate.core.io.InputFileException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The one-line errors every JSON plan reader turns its failures into, and the factories they
 * read with: what they accept, what they refuse and in which words.
 */
class PlanJsonTest {

  /** The message a user sees for {@code json} read to the end with {@code factory}. */
  private static String failure(JsonFactory factory, String json) {
    try (JsonParser p = factory.createParser(json.getBytes(StandardCharsets.UTF_8))) {
      while (p.nextToken() != null) {
        if (p.currentToken() == JsonToken.VALUE_STRING) {
          p.getText();
        }
      }
      return "read";
    } catch (IOException e) {
      return PlanJson.readFailure("plan.json", e).getMessage();
    }
  }

  @Test
  void eachReadingFailureIsOneLineNamingTheFileAndTheReason() {
    JsonFactory f = PlanJson.streamingFactory(10);
    assertThat(failure(f, "{\"a\": [1, 2")).isEqualTo(
        "plan.json: truncated JSON: the document ends early (line 1, column 12)");
    assertThat(failure(f, "{\"a\": \"unterminated")).startsWith(
        "plan.json: truncated JSON: the document ends early (line 1, column ");
    assertThat(failure(f, "{\"a\":\n  [1 2]}")).isEqualTo("plan.json: not valid JSON:"
        + " Unexpected character ('2' (code 50)): was expecting comma to separate Array"
        + " entries (line 2, column 6)");
    assertThat(failure(f, "[" .repeat(11) + "]".repeat(11))).isEqualTo("plan.json: JSON"
        + " exceeds plangate's limits: Document nesting depth (11) exceeds the maximum allowed"
        + " (10)");
    assertThat(PlanJson.readFailure("plan.json",
        new InputFileException("plan.json", "is a directory")).getMessage())
        .isEqualTo("plan.json: is a directory");
    assertThat(PlanJson.readFailure("plan.json", new NoSuchFileException("plan.json"))
        .getMessage()).isEqualTo("plan.json: file not found");
    assertThat(PlanJson.readFailure("plan.json", new IOException("Permission denied"))
        .getMessage()).isEqualTo("plan.json: cannot read: Permission denied");
  }

  @Test
  void theStreamingFactoryLimitsStringsAndNestingAndRefusesRepeatedKeys() {
    JsonFactory f = PlanJson.streamingFactory(3, 10);
    assertThat(failure(f, "[[[\"0123456789\"]]]")).isEqualTo("read");
    assertThat(failure(f, "[\"01234567890\"]")).startsWith(
        "plan.json: JSON exceeds plangate's limits: String value length (11) exceeds the"
        + " maximum allowed (10)");
    assertThat(failure(f, "[[[[]]]]")).contains("Document nesting depth (4)");
    assertThat(failure(f, "{\"a\": 1, \"a\": 2}")).isEqualTo(
        "plan.json: not valid JSON: Duplicate field 'a' (line 1, column 13)");
    // Strings of real plans (rendered manifests, user data) may be huge.
    assertThat(failure(PlanJson.streamingFactory(3), "[\"" + "x".repeat(30_000_000) + "\"]"))
        .isEqualTo("read");
  }

  @Test
  void theFactoryForReadersThatCheckKeysLetsSkippedKeysRepeat() {
    JsonFactory f = PlanJson.streamingFactoryCheckingKeysItself(3, 10);
    assertThat(f).isInstanceOf(SkippingJsonFactory.class);
    assertThat(failure(f, "{\"a\": 1, \"a\": 2}")).isEqualTo("read");
    assertThat(failure(f, "[\"01234567890\"]")).contains("String value length (11)");
    assertThat(failure(f, "[[[[]]]]")).contains("Document nesting depth (4)");
  }

  @Test
  void tokensAreNamedInPlainWords() {
    assertThat(PlanJson.describe(null)).isEqualTo("the end of the document");
    assertThat(PlanJson.describe(JsonToken.START_OBJECT)).isEqualTo("an object");
    assertThat(PlanJson.describe(JsonToken.START_ARRAY)).isEqualTo("an array");
    assertThat(PlanJson.describe(JsonToken.VALUE_STRING)).isEqualTo("a string");
    assertThat(PlanJson.describe(JsonToken.VALUE_NUMBER_INT)).isEqualTo("a number");
    assertThat(PlanJson.describe(JsonToken.VALUE_NUMBER_FLOAT)).isEqualTo("a number");
    assertThat(PlanJson.describe(JsonToken.VALUE_TRUE)).isEqualTo("a boolean");
    assertThat(PlanJson.describe(JsonToken.VALUE_FALSE)).isEqualTo("a boolean");
    assertThat(PlanJson.describe(JsonToken.VALUE_NULL)).isEqualTo("null");
    assertThat(PlanJson.describe(JsonToken.END_OBJECT)).isEqualTo("the end of an object");
    assertThat(PlanJson.describe(JsonToken.END_ARRAY)).isEqualTo("the end of an array");
    assertThat(PlanJson.describe(JsonToken.FIELD_NAME)).isEqualTo("FIELD_NAME");
    assertThat(PlanJson.firstLine(null)).isEqualTo("unknown error");
    assertThat(PlanJson.firstLine("one\ntwo")).isEqualTo("one");
    assertThat(PlanJson.firstLine("one")).isEqualTo("one");
    assertThat(PlanJson.firstLine("\nsecond")).isEmpty();
    assertThat(PlanJson.position(null)).isEqualTo("unknown position");
  }

  /** {@code terraform show -json > plan.json} in a Windows shell can write UTF-16. */
  @Test
  void plansInUtf16AndUtf32AreReadAndAUtf8ByteOrderMarkIsSkipped() throws IOException {
    JsonFactory f = PlanJson.streamingFactoryCheckingKeysItself(10, 1000);
    String doc = "{\"format_version\": \"1.2\", \"skip\": {\"x\": [1]}, \"n\": \"é\"}";
    List<byte[]> encodings = List.of(doc.getBytes(StandardCharsets.UTF_8),
        bom(0xEF, 0xBB, 0xBF, doc.getBytes(StandardCharsets.UTF_8)),
        doc.getBytes(StandardCharsets.UTF_16), // big-endian with a byte order mark
        bom(0xFF, 0xFE, -1, doc.getBytes(StandardCharsets.UTF_16LE)),
        doc.getBytes(StandardCharsets.UTF_16LE),
        doc.getBytes(StandardCharsets.UTF_16BE),
        doc.getBytes(Charset.forName("UTF-32BE")));
    for (byte[] bytes : encodings) {
      for (int chunk : new int[] {1, 2, 1 << 16}) {
        assertThat(tokens(f, bytes, chunk)).as("%d bytes in chunks of %d", bytes.length, chunk)
            .containsExactly("{", "format_version", "1.2", "skip", "n", "é", "}");
      }
    }
  }

  @Test
  void documentsShorterThanFourBytesAreRead() throws IOException {
    JsonFactory f = PlanJson.streamingFactoryCheckingKeysItself(10, 1000);
    assertThat(tokens(f, "[]".getBytes(StandardCharsets.UTF_8), 1)).containsExactly("[", "]");
    assertThat(tokens(f, "7".getBytes(StandardCharsets.UTF_8), 1)).containsExactly("7");
    assertThat(tokens(f, new byte[0], 1)).isEmpty();
    try (JsonParser p = f.createParser(new ByteArrayInputStream(new byte[] {'[', ']'}))) {
      assertThat(p).isInstanceOf(SkippingJsonParser.class);
    }
  }

  private static byte[] bom(int a, int b, int c, byte[] rest) {
    int n = c < 0 ? 2 : 3;
    byte[] out = new byte[n + rest.length];
    out[0] = (byte) a;
    out[1] = (byte) b;
    if (c >= 0) {
      out[2] = (byte) c;
    }
    System.arraycopy(rest, 0, out, n, rest.length);
    return out;
  }

  /** The tokens of the document with every object under "skip" skipped unread. */
  private static List<String> tokens(JsonFactory f, byte[] bytes, int chunk) throws IOException {
    InputStream in = new ByteArrayInputStream(bytes) {
      @Override
      public synchronized int read(byte[] b, int off, int len) {
        return super.read(b, off, Math.min(len, chunk));
      }
    };
    List<String> out = new ArrayList<>();
    try (JsonParser p = f.createParser(in)) {
      JsonToken t;
      while ((t = p.nextToken()) != null) {
        switch (t) {
          case START_OBJECT -> {
            if ("skip".equals(p.currentName())) {
              p.skipChildren();
            } else {
              out.add("{");
            }
          }
          case FIELD_NAME -> out.add(p.currentName());
          case START_ARRAY -> out.add("[");
          case END_ARRAY -> out.add("]");
          default -> out.add(t == JsonToken.END_OBJECT ? "}" : p.getText());
        }
      }
    }
    return out;
  }

  /**
   * A UTF-16 file is told by its byte order mark even when its first character is not ASCII:
   * the error then names that character, not a byte of its encoding.
   */
  @Test
  void aUtf16ByteOrderMarkIsHonouredWhateverFollows() {
    JsonFactory f = PlanJson.streamingFactoryCheckingKeysItself(10, 1000);
    assertThat(streamFailure(f, "\uFEFF\u4e2d".getBytes(StandardCharsets.UTF_16BE)))
        .contains("Unrecognized token '\u4e2d'");
    assertThat(streamFailure(f, "\uFEFF\u4e2d".getBytes(StandardCharsets.UTF_16LE)))
        .contains("Unrecognized token '\u4e2d'");
    // Only UTF-8's byte order mark: an empty document.
    assertThat(streamFailure(f, new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}))
        .isEqualTo("empty");
    // Not a byte order mark: read as UTF-8, and refused as such.
    assertThat(streamFailure(f, new byte[] {(byte) 0xFE, 'x', 'y', 'z'}))
        .contains("Invalid UTF-8 start byte 0xfe");
    assertThat(streamFailure(f, new byte[] {(byte) 0xFF, 'x', 'y', 'z'}))
        .contains("Invalid UTF-8 start byte 0xff");
    assertThat(streamFailure(f, new byte[] {(byte) 0xEF, (byte) 0xBB, 'x', 'y'}))
        .doesNotContain("empty");
  }

  /** What reading {@code bytes} as a stream gives: "empty", the first token, or the error. */
  private static String streamFailure(JsonFactory f, byte[] bytes) {
    try (JsonParser p = f.createParser(new ByteArrayInputStream(bytes))) {
      JsonToken t = p.nextToken();
      return t == null ? "empty" : t.toString();
    } catch (IOException e) {
      return e.getMessage();
    }
  }
}
