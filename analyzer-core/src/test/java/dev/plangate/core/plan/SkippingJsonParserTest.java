package dev.plangate.core.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.arbitrary;
import static org.quicktheories.generators.SourceDSL.lists;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.io.JsonEOFException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;

/**
 * The raw skipper against Jackson's own parser: a value it skips is one Jackson reads in full,
 * a value it refuses is one Jackson refuses, and it leaves the parser where Jackson would, with
 * the same line and column. Every case runs over an input that arrives in one block and over one
 * that arrives a byte at a time, so every buffer boundary is crossed.
 */
class SkippingJsonParserTest {
  private static final JsonFactory SKIPPING =
      PlanJson.streamingFactoryCheckingKeysItself(20, 1_000_000);
  private static final JsonFactory JACKSON = JsonFactory.builder()
      .streamReadConstraints(com.fasterxml.jackson.core.StreamReadConstraints.builder()
          .maxNestingDepth(20).build())
      .build();

  /** Hands out at most {@code chunk} bytes per read. */
  private static InputStream dribble(byte[] data, int chunk) {
    return new ByteArrayInputStream(data) {
      @Override
      public synchronized int read(byte[] b, int off, int len) {
        return super.read(b, off, Math.min(len, chunk));
      }
    };
  }

  private static JsonParser skipping(byte[] data, int chunk) throws IOException {
    JsonParser p = SKIPPING.createParser(dribble(data, chunk));
    assertThat(p).isInstanceOf(SkippingJsonParser.class);
    return p;
  }

  /** {"skip": VALUE, "next": 42}: skips VALUE, then reads on. */
  private static void skipsAndReadsOn(String value, int chunk) throws IOException {
    byte[] doc = ("{\"skip\": " + value + ",\n \"next\": 42}").getBytes(StandardCharsets.UTF_8);
    try (JsonParser p = skipping(doc, chunk)) {
      assertThat(p.nextToken()).isEqualTo(JsonToken.START_OBJECT);
      assertThat(p.nextToken()).isEqualTo(JsonToken.FIELD_NAME);
      JsonToken start = p.nextToken();
      assertThat(p.skipChildren()).isSameAs(p);
      if (start == JsonToken.START_OBJECT) {
        assertThat(p.currentToken()).isEqualTo(JsonToken.END_OBJECT);
      } else if (start == JsonToken.START_ARRAY) {
        assertThat(p.currentToken()).isEqualTo(JsonToken.END_ARRAY);
      }
      assertThat(p.nextToken()).isEqualTo(JsonToken.FIELD_NAME);
      assertThat(p.currentName()).isEqualTo("next");
      assertThat(p.nextToken()).isEqualTo(JsonToken.VALUE_NUMBER_INT);
      assertThat(p.getIntValue()).isEqualTo(42);
      assertThat(p.currentLocation().getLineNr()).isEqualTo(2 + lineBreaks(value));
      assertThat(p.nextToken()).isEqualTo(JsonToken.END_OBJECT);
      assertThat(p.nextToken()).isNull();
    }
  }

  /** Line breaks as JSON parsers count them: "\n", "\r\n" and a lone "\r". */
  private static int lineBreaks(String s) {
    return s.replace("\r\n", "\n").replace('\r', '\n').split("\n", -1).length - 1;
  }

  @Test
  void validValuesAreSkippedAndTheParserReadsOn() throws IOException {
    List<String> values = List.of("{}", "[]", "{\"a\":1}", "[1,2,3]", "[[[[]]],{}]",
        "{\"a\":{\"b\":[true,false,null,{\"c\":\"d\"}]},\"e\":[]}",
        "\"plain\"", "[\"\\\"quoted\\\" and \\\\ and \\/ \\b\\f\\n\\r\\t\"]",
        "[\"\\u00e9\\u20AC\\uD83D\\uDE00\"]", "[\"h\u00e9llo \u20ac \ud83d\ude00 \u4e2d\u6587\"]",
        "[0, -0, 1, -12, 3.25, -0.5e10, 1E+2, 7e-3, 123456789012345678901234567890]",
        "[ \t\r\n 1 \r\n, \n 2 \r ]", "{ \"a\" \n : \n 1 \n }",
        "[\"" + "x".repeat(5000) + "\", \"" + "\\\"".repeat(300) + "\"]",
        "{\"{[\":\"]}\",\"k\\\"}\":\"\\\\\"}",
        "[true,{}]", "[false, \"x\"]", "[null ,[1]]", "[-9, -0, 9, 90, -0.9e-9]",
        "[\"" + "y".repeat(70_000) + "\", \"" + "z\\n".repeat(30_000) + "\"]");
    for (String v : values) {
      for (int chunk : new int[] {1, 3, 7, 1 << 16}) {
        skipsAndReadsOn(v, chunk);
      }
    }
  }

  @Test
  void invalidValuesAreRefusedAsJacksonRefusesThem() {
    List<String> invalid = List.of("{\"a\" 1}", "{\"a\":1,}", "[1,]", "[,1]", "{1:2}",
        "[1 2]", "{\"a\":1]", "[1}", "{\"a\"}", "{\"a\":}", "[:]", "[tru]", "[nul]",
        "[truex]", "[nulll]", "[01]", "[1.]", "[-]", "[1e]", "[1e+]", "[.5]", "[+1]",
        "[\"\\x\"]", "[\"\\u12G4\"]", "[\"a\tb\"]", "[\"a\nb\"]", "[\u0001]", "[NaN]",
        "[1true]", "[\"a\"\"b\"]", "{\"a\":1 \"b\":2}", "['a']", "[/*c*/]");
    for (String v : invalid) {
      assertRefusedLikeJackson(("[" + v + "]").getBytes(StandardCharsets.UTF_8));
    }
    // Bytes that are not UTF-8 inside a string.
    for (byte[] bad : new byte[][] {{(byte) 0xFF}, {(byte) 0xC3, 'x'}, {(byte) 0xE2, (byte) 0x82},
        {(byte) 0x80}, {(byte) 0xF0, (byte) 0x9F, (byte) 0x98, 'x'}}) {
      byte[] doc = new byte[bad.length + 6];
      doc[0] = '[';
      doc[1] = '[';
      doc[2] = '"';
      System.arraycopy(bad, 0, doc, 3, bad.length);
      doc[bad.length + 3] = '"';
      doc[bad.length + 4] = ']';
      doc[bad.length + 5] = ']';
      assertRefusedLikeJackson(doc);
    }
  }

  private static void assertRefusedLikeJackson(byte[] doc) {
    String shown = new String(doc, StandardCharsets.ISO_8859_1);
    assertThat(readsWithJackson(doc)).as("Jackson on %s", shown).isFalse();
    for (int chunk : new int[] {1, 1 << 16}) {
      assertThatThrownBy(() -> skipWhole(doc, chunk)).as("skipper on %s", shown)
          .isInstanceOf(IOException.class);
    }
  }

  @Test
  void everyTruncationIsAnEarlyEnd() throws IOException {
    String whole = "{\"a\":[1,-2.5e3,true,false,null,\"s\\\"\\u0041\u00e9\"],\"b\":{\"c\":{}}}";
    byte[] bytes = whole.getBytes(StandardCharsets.UTF_8);
    skipWhole(bytes, 1);
    for (int cut = 1; cut < bytes.length; cut++) {
      byte[] part = java.util.Arrays.copyOf(bytes, cut);
      for (int chunk : new int[] {1, 1 << 16}) {
        assertThatThrownBy(() -> skipWhole(part, chunk)).as("cut at %d", cut)
            .isInstanceOf(IOException.class)
            .satisfies(e -> assertThat(PlanJson.readFailure("p", (IOException) e).getMessage())
                .contains("truncated JSON"));
      }
    }
  }

  @Test
  void nestingBeyondTheLimitFailsAsJacksonsOwnCheckDoes() {
    byte[] deep = ("[" + "[".repeat(20) + "]".repeat(20) + "]").getBytes(StandardCharsets.UTF_8);
    assertThatThrownBy(() -> skipWhole(deep, 5))
        .isInstanceOf(StreamConstraintsException.class)
        .hasMessageContaining("Document nesting depth (21) exceeds the maximum allowed (20");
    byte[] fits = ("[" + "[".repeat(18) + "]".repeat(18) + "]").getBytes(StandardCharsets.UTF_8);
    assertThat(readsWithJackson(fits)).isTrue();
  }

  @Test
  void anErrorAfterASkippedValueIsReportedWhereJacksonReportsIt() throws IOException {
    String doc = "{\"a\": {\n  \"b\": [1,\r\n 2,\r 3],\n  \"c\": \"x\"\n},\n \"d\": [1 2]}";
    byte[] bytes = doc.getBytes(StandardCharsets.UTF_8);
    String jackson = errorOf(JACKSON.createParser(bytes), false);
    String skipping = errorOf(skipping(bytes, 1), true);
    assertThat(skipping).isEqualTo(jackson).contains("[line: 7, column: 10]");
  }

  /** Reads the document: the first value of each top-level member skipped or read in full. */
  private static String errorOf(JsonParser p, boolean skip) {
    try (p) {
      p.nextToken();
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        p.nextToken();
        if (skip) {
          p.skipChildren();
        } else {
          readFully(p);
        }
      }
      return "no error";
    } catch (IOException e) {
      return e.getMessage().replaceAll(".*\\[Source: [^;]*; ", "[");
    }
  }

  /**
   * Random documents from pieces of JSON: the skipper accepts exactly those Jackson reads in
   * full.
   */
  @Test
  void acceptsExactlyWhatJacksonAccepts() {
    Gen<String> soup = lists().of(arbitrary().pick(List.of("{", "}", "[", "]", ",", ":", "\"",
        "\"k\"", "\"v\\\"\"", "\\", "\\u00e9", "1", "-", "0", ".5", "e3", "true", "nul", "null",
        " ", "\n", "\u00e9", "\t", "x"))).ofSizeBetween(0, 30)
        .map(parts -> "[" + String.join("", parts) + "]");
    qt().withExamples(4000).forAll(soup).checkAssert(doc -> {
      byte[] bytes = doc.getBytes(StandardCharsets.UTF_8);
      boolean jackson = readsWithJackson(bytes);
      for (int chunk : new int[] {1, 1 << 16}) {
        boolean skipper;
        try {
          skipWhole(bytes, chunk);
          skipper = true;
        } catch (IOException e) {
          skipper = false;
        }
        assertThat(skipper).as("%s (chunk %d)", doc, chunk).isEqualTo(jackson);
      }
    });
  }

  /** Skips the document's one top-level array or object; fails unless exactly that is there. */
  private static void skipWhole(byte[] doc, int chunk) throws IOException {
    try (JsonParser p = skipping(doc, chunk)) {
      JsonToken t = p.nextToken();
      p.skipChildren();
      if (t != JsonToken.START_ARRAY && t != JsonToken.START_OBJECT) {
        throw new IOException("not a container: " + t);
      }
      if (p.nextToken() != null) {
        throw new IOException("trailing data");
      }
    }
  }

  private static boolean readsWithJackson(byte[] doc) {
    try (JsonParser p = JACKSON.createParser(doc)) {
      p.nextToken();
      readFully(p);
      return p.nextToken() == null;
    } catch (IOException e) {
      return false;
    }
  }

  /** Reads the current value token by token, decoding every string and number. */
  private static void readFully(JsonParser p) throws IOException {
    int depth = 0;
    do {
      JsonToken t = p.currentToken();
      if (t == null) {
        throw new JsonEOFException(p, null, "end");
      }
      switch (t) {
        case START_OBJECT, START_ARRAY -> depth++;
        case END_OBJECT, END_ARRAY -> depth--;
        case VALUE_STRING, FIELD_NAME -> p.getText();
        case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> p.getNumberValue();
        default -> {
          // literals
        }
      }
    } while (depth > 0 && p.nextToken() != null);
    if (depth > 0) {
      throw new JsonEOFException(p, null, "end");
    }
  }

  /** The message of the error skipping {@code doc} whole gives, without Jackson's source part. */
  private static String skipError(byte[] doc, int chunk) {
    try {
      skipWhole(doc, chunk);
      return "accepted";
    } catch (IOException e) {
      return e.getMessage().replaceAll(" at \\[Source: [^;]*; ", " [");
    }
  }

  /**
   * A file gives the same error, at the same place, however the operating system hands out its
   * bytes: the skipper's quick paths over a full buffer and its careful path at a buffer's end
   * refuse in the same words.
   */
  @Test
  void theErrorIsTheSameWhereverTheInputIsCut() {
    List<String> invalid = List.of("[truex]", "[true1]", "[true_]", "[falsE]", "[nullZ]",
        "[tru]", "[01]", "[-01]", "[00]", "[1.]", "[1.e5]", "[-]", "[-a]", "[1e]", "[1E+]",
        "[1e-x]", "[.5]", "[1.5.5]", "[1e5e5]", "[1-2]", "[1+2]", "[--1]", "[0x1]", "[12a]",
        "[\"a\u0001\"]", "[\"\\q\"]", "[\"\\u00G0\"]", "[1 2]", "[\"a\" : 1]",
        "{\"a\" 1}", "{\"a\":1 \"b\"}", "{1:2}", "[}", "{]", "[[1}]", "{\"a\":{]}",
        "{\"a\" {}}", "{\"a\" []}", "[1 []]", "{\"a\":1 {}}", "{[]}", "[true []]",
        "[truea]", "[truez]", "[trueA]", "[trueZ]", "[true0]", "[true9]", "[nullnull]",
        "[falsefalse]", "[fals]", "[nul]", "[\"a\" true]", "[1 true]", "{\"a\" true}",
        "{\"a\":true \"b\"}", "[null 1]", "[1 -1]", "{\"a\" 1.5}", "[0-1]", "[1e+]",
        "[1e-]", "[-0.]", "[2.5e]", "[9.]", "[0.x]", "[-x]", "[1.5E+5.1]", "[0e]", "[0.0.0]");
    for (String v : invalid) {
      for (String pad : new String[] {"", " ", "  ", "   ", "    ", "     ", "      ", "       "}) {
        byte[] doc = ("[" + pad + v + "]").getBytes(StandardCharsets.UTF_8);
        String whole = skipError(doc, 1 << 16);
        assertThat(whole).as("%s", v).isNotEqualTo("accepted");
        for (int chunk = 1; chunk <= 9; chunk++) {
          assertThat(skipError(doc, chunk)).as("%s%s in chunks of %d", pad, v, chunk)
              .isEqualTo(whole);
        }
      }
    }
  }

  /**
   * Long strings are scanned eight bytes at a time: a quote, a backslash, a control character
   * or a byte of a multi-byte character is found at whatever offset of the word it sits.
   */
  @Test
  void everyByteOfALongStringIsCheckedWhereverItSits() throws IOException {
    List<String> valid = List.of("\\\"", "\\\\", "\\n", "\\u00e9", "\u00e9", "\u20ac",
        "\ud83d\ude00", "\u007f", "~", " ", "'");
    List<byte[]> invalid = List.of(new byte[] {1}, new byte[] {'\t'}, new byte[] {'\n'},
        new byte[] {0x1f}, new byte[] {(byte) 0xFF}, new byte[] {(byte) 0x80},
        new byte[] {(byte) 0xC3, 'a'}, new byte[] {'"'}, new byte[] {'\\', 'x'});
    for (int before = 0; before <= 17; before++) {
      String head = "a".repeat(before);
      for (String v : valid) {
        skipsAndReadsOn("[\"" + head + v + "b".repeat(19) + "\", 1]", 1 << 16);
        skipsAndReadsOn("{\"" + head + v + "b".repeat(19) + "\": 1}", 1 << 16);
      }
      for (byte[] bad : invalid) {
        byte[] start = ("[[\"" + head).getBytes(StandardCharsets.UTF_8);
        byte[] end = ("b".repeat(19) + "\"]]").getBytes(StandardCharsets.UTF_8);
        byte[] doc = new byte[start.length + bad.length + end.length];
        System.arraycopy(start, 0, doc, 0, start.length);
        System.arraycopy(bad, 0, doc, start.length, bad.length);
        System.arraycopy(end, 0, doc, start.length + bad.length, end.length);
        assertRefusedLikeJackson(doc);
      }
    }
  }

  /**
   * Reads {"skip": {...}, "next": ..., ...} to its end, the value of "skip" passed over either by
   * skipChildren or by moving to its closing bracket as another reader found it; gives every
   * token with its line and column, then the error if there is one.
   */
  private static List<String> readWithSkip(byte[] doc, int chunk, boolean moveTo)
      throws IOException {
    String text = new String(doc, StandardCharsets.ISO_8859_1);
    int open = text.indexOf('{', 1);
    int close = closing(text, open);
    String inside = text.substring(open, close);
    int rows = lineBreaks(inside);
    int lastBreak = Math.max(inside.lastIndexOf('\n'), inside.lastIndexOf('\r'));
    int lastRowColumn = close - (open + lastBreak + 1);
    List<String> out = new java.util.ArrayList<>();
    try (JsonParser p = skipping(doc, chunk)) {
      p.nextToken();
      p.nextToken();
      p.nextToken();
      if (moveTo) {
        ((SkippingJsonParser) p).skipChildrenTo(close, rows, lastRowColumn);
      } else {
        p.skipChildren();
      }
      out.add(p.currentToken() + "");
      while (p.nextToken() != null) {
        out.add(p.currentToken() + " " + p.currentTokenLocation().getLineNr() + ":"
            + p.currentTokenLocation().getColumnNr() + " @" + p.currentTokenLocation()
            .getByteOffset());
      }
    } catch (IOException e) {
      out.add(e.getMessage().replaceAll(".*\\[Source: [^;]*; ", "["));
    }
    return out;
  }

  /** The index of the bracket that closes the one at {@code open} (no brackets in strings). */
  private static int closing(String text, int open) {
    int depth = 0;
    for (int i = open; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '{' || c == '[') {
        depth++;
      } else if ((c == '}' || c == ']') && --depth == 0) {
        return i;
      }
    }
    throw new IllegalArgumentException("unbalanced: " + text);
  }

  @Test
  void movingToAClosingBracketFoundElsewhereLeavesTheParserWhereSkippingWould()
      throws IOException {
    List<String> docs = List.of(
        "{\"skip\": {\"a\": 1}, \"next\": 42, \"more\": [1, 2]}",
        "{\"skip\": {\"a\": [1,\n 2],\r\n \"b\": \"x\"},\n \"next\": 42,\n \"c\": [1 2]}",
        "{\"skip\": {\"a\": \"" + "x".repeat(300) + "\",\n\n   \"b\": {}}, \"next\": [true}",
        "{\"skip\": {\r\"a\": 1\r}, \"next\": 4\r, \"c\": nul}",
        "{\"skip\": {}, \"next\": 42}");
    for (String d : docs) {
      byte[] doc = d.getBytes(StandardCharsets.UTF_8);
      List<String> skipped = readWithSkip(doc, 1 << 16, false);
      assertThat(skipped).as(d).hasSizeGreaterThan(2);
      for (int chunk : new int[] {1, 2, 5, 16, 64, 1 << 16}) {
        assertThat(readWithSkip(doc, chunk, true)).as("%s in chunks of %d", d, chunk)
            .isEqualTo(skipped);
        assertThat(readWithSkip(doc, chunk, false)).isEqualTo(skipped);
      }
    }
  }

  @Test
  void movingToAClosingBracketIsRefusedWhenItCannotBeRight() throws IOException {
    byte[] doc = "{\"skip\": {\"a\": 1}, \"next\": 42}".getBytes(StandardCharsets.UTF_8);
    try (JsonParser p = skipping(doc, 1 << 16)) {
      p.nextToken();
      p.nextToken();
      assertThatThrownBy(() -> ((SkippingJsonParser) p).skipChildrenTo(20, 0, 0))
          .isInstanceOf(IllegalStateException.class)
          .hasMessage("not at the start of an object or array");
      p.nextToken();
      assertThatThrownBy(() -> ((SkippingJsonParser) p).skipChildrenTo(5, 0, 0))
          .isInstanceOf(IllegalStateException.class)
          .hasMessage("cannot move back from 10 to 5");
    }
    // A closing bracket past the end of the file: the file was cut since it was read ahead.
    for (int chunk : new int[] {1, 1 << 16}) {
      try (JsonParser p = skipping(doc, chunk)) {
        p.nextToken();
        p.nextToken();
        p.nextToken();
        assertThatThrownBy(() -> ((SkippingJsonParser) p).skipChildrenTo(500, 0, 0))
            .isInstanceOfSatisfying(IOException.class, e -> assertThat(
                PlanJson.readFailure("plan.json", e).getMessage())
                .startsWith("plan.json: truncated JSON: the document ends early"));
      }
    }
  }

  /** An early end names the container left open, in Jackson's words. */
  @Test
  void anEarlyEndNamesTheContainerLeftOpen() {
    for (int chunk : new int[] {1, 1 << 16}) {
      assertThat(skipError("[{\"a\":1, \"b\":{}".getBytes(StandardCharsets.UTF_8), chunk))
          .contains("Unexpected end-of-input: expected close marker for Object");
      assertThat(skipError("{\"a\":[1, {}".getBytes(StandardCharsets.UTF_8), chunk))
          .contains("Unexpected end-of-input: expected close marker for Array");
    }
  }

  /** The reason a user reads for a value that is not JSON, from whichever path found it. */
  @Test
  void theReasonNamesWhatIsWrongWithTheValue() {
    for (int chunk : new int[] {1, 1 << 16}) {
      assertThat(skipError("[[truex]]".getBytes(StandardCharsets.UTF_8), chunk))
          .contains("Unrecognized token in a value skipped unread: was expecting 'true'");
      assertThat(skipError("[[nul]]".getBytes(StandardCharsets.UTF_8), chunk))
          .contains("Unrecognized token in a value skipped unread: was expecting 'null'");
      assertThat(skipError("[[01]]".getBytes(StandardCharsets.UTF_8), chunk))
          .contains("Invalid number in a value skipped unread: a leading zero");
      assertThat(skipError("[[-x]]".getBytes(StandardCharsets.UTF_8), chunk))
          .contains("Invalid number in a value skipped unread: no digit after '-'");
      assertThat(skipError("[   [-\u0000]]".getBytes(StandardCharsets.UTF_8), chunk))
          .contains("Invalid number in a value skipped unread: no digit after '-'");
      assertThat(skipError("[[1.e5]]".getBytes(StandardCharsets.UTF_8), chunk))
          .contains("Invalid number in a value skipped unread: no digit after the decimal point");
      assertThat(skipError("[   [1.\u0000]]".getBytes(StandardCharsets.UTF_8), chunk))
          .contains("Invalid number in a value skipped unread: no digit after the decimal point");
      for (String glued : new String[] {"truea", "truez", "trueA", "trueZ", "true0", "true9",
          "true_"}) {
        assertThat(skipError(("[[" + glued + "]]").getBytes(StandardCharsets.UTF_8), chunk))
            .as(glued)
            .contains("Unrecognized token in a value skipped unread: was expecting 'true'");
      }
      assertThat(skipError("[[1e+]]".getBytes(StandardCharsets.UTF_8), chunk))
          .contains("Invalid number in a value skipped unread: no digit in the exponent");
      assertThat(skipError("[[1 2]]".getBytes(StandardCharsets.UTF_8), chunk))
          .contains("Unexpected character ('2' (code 50)): was expecting comma to separate Array"
              + " entries");
    }
  }

  /** Skipped values may nest as deep as the parser's limit allows, far beyond 64 levels. */
  @Test
  void deepNestingWithinTheLimitIsSkippedAndItsBracketsStillMatch() throws IOException {
    JsonFactory deepFactory = PlanJson.streamingFactoryCheckingKeysItself(300, 1000);
    StringBuilder open = new StringBuilder();
    StringBuilder close = new StringBuilder();
    for (int i = 0; i < 200; i++) {
      open.append(i % 3 == 0 ? "{\"k\":" : "[");
      close.insert(0, i % 3 == 0 ? "}" : "]");
    }
    byte[] doc = ("[" + open + "1" + close + ", 7]").getBytes(StandardCharsets.UTF_8);
    try (JsonParser p = deepFactory.createParser(new ByteArrayInputStream(doc))) {
      p.nextToken();
      p.nextToken();
      p.skipChildren();
      assertThat(p.nextToken()).isEqualTo(JsonToken.VALUE_NUMBER_INT);
      assertThat(p.getIntValue()).isEqualTo(7);
    }
    // The deepest object, 199 levels down, closed by an array's bracket.
    byte[] bad = ("[" + open + "1" + close.toString().replaceFirst("}", "]") + "]")
        .getBytes(StandardCharsets.UTF_8);
    try (JsonParser p = deepFactory.createParser(new ByteArrayInputStream(bad))) {
      p.nextToken();
      p.nextToken();
      assertThatThrownBy(p::skipChildren).isInstanceOf(IOException.class)
          .hasMessageContaining("Unexpected character (']' (code 93)): was expecting comma to"
              + " separate Object entries");
    }
  }
}
