package dev.plangate.core.plan;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.io.JsonEOFException;
import dev.plangate.core.io.InputFileException;
import dev.plangate.core.io.StrictJson;
import java.io.IOException;
import java.nio.file.NoSuchFileException;

/**
 * What the JSON plan readers (Terraform, Pulumi, CloudFormation change sets) share: the Jackson
 * factory for streamed plans, the one-line {@link PlanReadException} each reading failure
 * becomes, and the words their messages use for tokens.
 */
public final class PlanJson {
  private PlanJson() {}

  /**
   * A factory for plans read with the streaming parser: strings up to a billion characters
   * (real plans carry huge strings: rendered manifests, policies, user data) and nesting up to
   * {@code maxNestingDepth}.
   */
  public static JsonFactory streamingFactory(int maxNestingDepth) {
    return streamingFactory(maxNestingDepth, 1_000_000_000);
  }

  /**
   * A factory for plans read with the streaming parser, with a limit on the strings the reader
   * takes in. A key given twice in one object is an error (see {@link StrictJson}). Strings that
   * are skipped unread are not limited: they never reach the heap.
   */
  public static JsonFactory streamingFactory(int maxNestingDepth, int maxStringLength) {
    return StrictJson.factoryBuilder()
        .streamReadConstraints(constraints(maxNestingDepth, maxStringLength))
        .build();
  }

  /**
   * The same without Jackson's duplicate-key check, for a reader that checks every key it reads
   * itself and names it ({@code resource_changes[0].change has the key "actions" twice}), and
   * lets keys it skips repeat as JSON allows: the Terraform reader, whose plans reach gigabytes.
   * Its parsers skip values over the raw bytes (see {@link SkippingJsonParser}).
   */
  public static JsonFactory streamingFactoryCheckingKeysItself(int maxNestingDepth,
      int maxStringLength) {
    return new SkippingJsonFactory((com.fasterxml.jackson.core.JsonFactoryBuilder)
        JsonFactory.builder()
        .streamReadConstraints(constraints(maxNestingDepth, maxStringLength)));
  }

  private static StreamReadConstraints constraints(int maxNestingDepth, int maxStringLength) {
    return StreamReadConstraints.builder()
        .maxStringLength(maxStringLength)
        .maxNestingDepth(maxNestingDepth)
        .build();
  }

  /**
   * The plan error for a failure to read {@code file}: not found, beyond the parser's limits,
   * truncated, not JSON, or not readable.
   */
  public static PlanReadException readFailure(String file, IOException e) {
    if (e instanceof InputFileException f) {
      return new PlanReadException(file, f.reason());
    }
    if (e instanceof NoSuchFileException) {
      return new PlanReadException(file, "file not found");
    }
    if (e instanceof StreamConstraintsException c) {
      return new PlanReadException(file, limitReason(c));
    }
    if (e instanceof JsonProcessingException j) {
      // Jackson reports an early end both as JsonEOFException and, inside arrays and objects, as
      // a plain parse error about "end-of-input".
      if (j instanceof JsonEOFException
          || String.valueOf(j.getOriginalMessage()).contains("end-of-input")) {
        return new PlanReadException(file,
            "truncated JSON: the document ends early (" + position(j.getLocation()) + ")");
      }
      return new PlanReadException(file,
          "not valid JSON: " + firstLine(j.getOriginalMessage()) + " ("
              + position(j.getLocation()) + ")");
    }
    return new PlanReadException(file, "cannot read: " + e.getMessage());
  }

  /**
   * Which limit a document broke, in Jackson's words less the name of Jackson's setting:
   * {@code JSON exceeds plangate's limits: Document nesting depth (1001) exceeds the maximum
   * allowed (1000)}.
   */
  public static String limitReason(StreamConstraintsException e) {
    return "JSON exceeds plangate's limits: "
        + firstLine(e.getOriginalMessage()).replaceAll(", from `[^`]*`\\)", ")");
  }

  /** How a message names a token: "an object", "a string", "the end of the document". */
  public static String describe(JsonToken t) {
    if (t == null) {
      return "the end of the document";
    }
    return switch (t) {
      case START_OBJECT -> "an object";
      case START_ARRAY -> "an array";
      case VALUE_STRING -> "a string";
      case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
      case VALUE_TRUE, VALUE_FALSE -> "a boolean";
      case VALUE_NULL -> "null";
      case END_OBJECT -> "the end of an object";
      case END_ARRAY -> "the end of an array";
      default -> t.toString();
    };
  }

  /** The first line of a parser message, or "unknown error" when there is none. */
  public static String firstLine(String s) {
    if (s == null) {
      return "unknown error";
    }
    int nl = s.indexOf('\n');
    return nl < 0 ? s : s.substring(0, nl);
  }

  /** How messages give a place in a document: "line 3, column 14". */
  public static String position(JsonLocation loc) {
    return loc == null ? "unknown position"
        : "line " + loc.getLineNr() + ", column " + loc.getColumnNr();
  }
}
