package dev.plangate.core.io;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonFactoryBuilder;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;

/**
 * The JSON settings every reader of untrusted JSON uses, in one place so that none can forget
 * them: a key given twice in one object is an error (otherwise the last copy silently wins:
 * {@code "op":"delete","op":"same"} would read as "same"), and so is anything after the top-level
 * value (two documents back to back, trailing garbage).
 */
public final class StrictJson {
  /** Nesting accepted by {@link #mapper()}; real documents stay far below. */
  public static final int DEFAULT_MAX_NESTING_DEPTH = 1000;

  private static final ObjectMapper DEFAULT = mapper(factory(StreamReadConstraints.builder()
      .maxNestingDepth(DEFAULT_MAX_NESTING_DEPTH)
      .build()));

  private StrictJson() {}

  /** A factory builder with duplicate-key detection on; add limits and build. */
  public static JsonFactoryBuilder factoryBuilder() {
    return (JsonFactoryBuilder) JsonFactory.builder()
        .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION);
  }

  /** A factory with duplicate-key detection and the given limits. */
  public static JsonFactory factory(StreamReadConstraints limits) {
    return factoryBuilder().streamReadConstraints(limits).build();
  }

  /**
   * A tree mapper over {@code factory} (which should come from {@link #factoryBuilder()}) that
   * also refuses data after the top-level value.
   */
  public static ObjectMapper mapper(JsonFactory factory) {
    if (!factory.isEnabled(StreamReadFeature.STRICT_DUPLICATE_DETECTION)) {
      throw new IllegalArgumentException("use StrictJson.factoryBuilder(): duplicate keys must fail");
    }
    return JsonMapper.builder(factory)
        .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
        .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
        .build();
  }

  /** The shared strict mapper with Jackson's default limits and nesting up to 1000. */
  public static ObjectMapper mapper() {
    return DEFAULT;
  }

  /**
   * For streaming readers: after the top-level value, the parser must be at the end of input.
   *
   * @throws JsonParseException naming the place of the extra data
   */
  public static void requireEnd(JsonParser p) throws IOException {
    JsonToken extra = p.nextToken();
    if (extra != null) {
      throw new JsonParseException(p, "unexpected data after the end of the document ("
          + extra + ")");
    }
  }
}
