package dev.plangate.core.audit;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.io.CharacterEscapes;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.plangate.core.io.StrictJson;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One line of the audit log: its position, the hash of the line before it, and the entry.
 *
 * <p>The JSON is written field by field in a fixed order, every field present ({@code null} when
 * absent), all on one line: every control character, DEL and every non-ASCII character is a
 * {@code \\u} escape, so a line is plain printable ASCII whatever the input held.
 *
 * @param seq 1-based line number
 * @param prev lower-case hex SHA-256 of the previous line's bytes (without its newline), or
 *     {@link AuditLog#GENESIS} on line 1
 * @param entry what was decided
 */
public record AuditLine(long seq, String prev, AuditEntry entry) {
  private static final Pattern HASH = Pattern.compile("[0-9a-f]{64}");

  private static final JsonFactory FACTORY = StrictJson.factoryBuilder()
      .characterEscapes(new AsciiOnly())
      .enable(JsonWriteFeature.ESCAPE_NON_ASCII)
      .build();
  private static final ObjectMapper MAPPER = StrictJson.mapper(FACTORY);

  public AuditLine {
    if (seq < 1) {
      throw new IllegalArgumentException("seq must be 1 or more");
    }
    if (prev == null || !HASH.matcher(prev).matches()) {
      throw new IllegalArgumentException("prev must be 64 lower-case hex digits");
    }
    Objects.requireNonNull(entry, "entry");
  }

  /** The line as written, without its newline. */
  public String toJson() {
    return new String(toBytes(), StandardCharsets.US_ASCII);
  }

  /** The line's bytes as written, without its newline. */
  byte[] toBytes() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(512);
    try (JsonGenerator g = FACTORY.createGenerator(bytes)) {
      AuditEntry e = entry;
      g.writeStartObject();
      g.writeNumberField("seq", seq);
      g.writeStringField("prev", prev);
      g.writeStringField("time", e.time().toString());
      g.writeStringField("source", e.source());
      g.writeStringField("command", e.command());
      g.writeStringField("agent", e.agent());
      g.writeStringField("fingerprint", e.fingerprint());
      if (e.findings() == null) {
        g.writeNullField("findings");
      } else {
        AuditEntry.Findings f = e.findings();
        g.writeObjectFieldStart("findings");
        g.writeNumberField("destroy", f.destroy());
        g.writeNumberField("replace", f.replace());
        g.writeNumberField("forget", f.forget());
        g.writeNumberField("critical", f.critical());
        g.writeFieldName("addresses");
        g.writeArray(f.addresses().toArray(String[]::new), 0, f.addresses().size());
        g.writeNumberField("moreAddresses", f.moreAddresses());
        g.writeEndObject();
      }
      g.writeStringField("decision", e.decision());
      g.writeStringField("approvedBy", e.approvedBy());
      g.writeStringField("reason", e.reason());
      g.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException("writing to memory cannot fail", e);
    }
    return bytes.toByteArray();
  }

  /** The SHA-256 of this line as written: what the next line's {@code prev} holds. */
  public String hash() {
    return AuditLog.sha256(toBytes());
  }

  /**
   * Reads a line back.
   *
   * @throws AuditLineException naming what is wrong: not JSON ({@link AuditLineException#json}
   *     is true), or JSON that is not an audit line (a field missing or of the wrong type, an
   *     unknown source or decision)
   */
  public static AuditLine parse(byte[] line) throws AuditLineException {
    return of(tree(line));
  }

  /** {@link #parse(byte[])} of a string's UTF-8 bytes. */
  public static AuditLine parse(String line) throws AuditLineException {
    return parse(line.getBytes(StandardCharsets.UTF_8));
  }

  /** A line's JSON object: strict (no duplicate keys, nothing after the object). */
  static JsonNode tree(byte[] line) throws AuditLineException {
    JsonNode tree;
    try {
      tree = MAPPER.readTree(line);
    } catch (JsonProcessingException e) {
      throw new AuditLineException(true, "not valid JSON");
    } catch (IOException e) {
      // Reading bytes in memory fails only on their content: Jackson guesses UTF-16 or UTF-32
      // from the first bytes and throws CharConversionException for an impossible character.
      throw new AuditLineException(true, "not valid JSON (not UTF-8 text)");
    }
    if (tree == null || tree.isMissingNode()) {
      throw new AuditLineException(true, "empty line, not JSON");
    }
    if (!tree.isObject()) {
      throw new AuditLineException(true, "not a JSON object");
    }
    return tree;
  }

  /** The line's {@code seq}, read on its own so a removed line is named as such. */
  static long seq(JsonNode tree) throws AuditLineException {
    JsonNode seq = tree.get("seq");
    if (seq == null || !seq.isIntegralNumber() || !seq.canConvertToLong()) {
      throw new AuditLineException(false, "seq is missing or not a whole number");
    }
    return seq.asLong();
  }

  /** The line's {@code prev}, read on its own to check the chain before the entry. */
  static String prev(JsonNode tree) throws AuditLineException {
    String prev = text(tree, "prev", true);
    if (!HASH.matcher(prev).matches()) {
      throw new AuditLineException(false, "prev is not 64 lower-case hex digits");
    }
    return prev;
  }

  static AuditLine of(JsonNode tree) throws AuditLineException {
    long seq = seq(tree);
    if (seq < 1) {
      throw new AuditLineException(false, "seq is " + seq + ", not 1 or more");
    }
    String prev = prev(tree);
    Instant time;
    try {
      time = Instant.parse(text(tree, "time", true));
    } catch (DateTimeParseException e) {
      throw new AuditLineException(false, "time is not an ISO-8601 UTC instant");
    }
    try {
      AuditEntry entry = new AuditEntry(time, text(tree, "source", true),
          text(tree, "command", true), text(tree, "agent", false),
          text(tree, "fingerprint", false), findings(tree.get("findings")),
          text(tree, "decision", true), text(tree, "approvedBy", false),
          text(tree, "reason", false));
      return new AuditLine(seq, prev, entry);
    } catch (IllegalArgumentException e) {
      throw new AuditLineException(false, e.getMessage());
    }
  }

  private static String text(JsonNode tree, String field, boolean required)
      throws AuditLineException {
    JsonNode v = tree.get(field);
    if (v == null || v.isNull()) {
      if (required) {
        throw new AuditLineException(false, field + " is missing");
      }
      return null;
    }
    if (!v.isTextual()) {
      throw new AuditLineException(false, field + " is not a string");
    }
    return v.textValue();
  }

  private static AuditEntry.Findings findings(JsonNode f) throws AuditLineException {
    if (f == null || f.isNull()) {
      return null;
    }
    if (!f.isObject()) {
      throw new AuditLineException(false, "findings is not an object");
    }
    JsonNode addresses = f.get("addresses");
    if (addresses == null || !addresses.isArray()) {
      throw new AuditLineException(false, "findings.addresses is not an array");
    }
    List<String> list = new ArrayList<>();
    for (JsonNode a : addresses) {
      if (!a.isTextual()) {
        throw new AuditLineException(false, "findings.addresses holds a non-string");
      }
      list.add(a.textValue());
    }
    if (list.size() > AuditEntry.Findings.MAX_ADDRESSES) {
      throw new AuditLineException(false, "findings.addresses holds more than "
          + AuditEntry.Findings.MAX_ADDRESSES + " addresses");
    }
    return new AuditEntry.Findings(count(f, "destroy"), count(f, "replace"), count(f, "forget"),
        count(f, "critical"), list, count(f, "moreAddresses"));
  }

  private static int count(JsonNode f, String field) throws AuditLineException {
    JsonNode v = f.get(field);
    if (v == null || !v.canConvertToExactIntegral() || !v.canConvertToInt() || v.asInt() < 0) {
      throw new AuditLineException(false, "findings." + field
          + " is missing or not a whole number >= 0");
    }
    return v.asInt();
  }

  /** Why a line could not be read. */
  public static final class AuditLineException extends IOException {
    private static final long serialVersionUID = 1L;
    private final boolean json;

    AuditLineException(boolean json, String message) {
      super(message);
      this.json = json;
    }

    /** True when the line is not JSON at all, false when it is JSON but not an audit line. */
    public boolean json() {
      return json;
    }
  }

  /** Jackson's standard escapes, plus DEL; non-ASCII is escaped by ESCAPE_NON_ASCII. */
  private static final class AsciiOnly extends CharacterEscapes {
    private static final long serialVersionUID = 1L;
    private final int[] ascii;

    AsciiOnly() {
      ascii = standardAsciiEscapesForJSON();
      ascii[0x7f] = ESCAPE_STANDARD;
    }

    @Override
    public int[] getEscapeCodesForAscii() {
      return ascii;
    }

    @Override
    public com.fasterxml.jackson.core.SerializableString getEscapeSequence(int ch) {
      return null;
    }
  }

}
