package dev.plangate.core.plan;

import static dev.plangate.core.plan.PlanJson.describe;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What the streaming plan readers (Terraform, Pulumi) check of the values they read: each has the
 * expected token, or reading stops with an {@link Invalid} naming the path of the value and the
 * position in the document. Paths ({@code ctx} and {@code field}) are joined into a string only
 * when an error is reported: a large plan has millions of fields.
 */
public class TokenReader {
  protected final JsonParser p;
  private final Map<String, String> interned = new HashMap<>();

  protected TokenReader(JsonParser p) {
    this.p = p;
  }

  /** A structural problem in otherwise valid JSON. Unchecked inside, mapped at the boundary. */
  public static final class Invalid extends RuntimeException {
    public Invalid(String message) {
      super(message, null, false, false);
    }
  }

  /** The failure for {@code message}, with the parser's position added. */
  public Invalid fail(String message) {
    return new Invalid(message + " (" + PlanJson.position(p.currentLocation()) + ")");
  }

  public void expect(JsonToken actual, JsonToken wanted, Object ctx) {
    if (actual != wanted) {
      throw fail(ctx + ": expected " + describe(wanted) + ", found " + describe(actual));
    }
  }

  /** True for a value of the {@code wanted} kind to read, false for null; else fails. */
  public boolean orNull(JsonToken t, JsonToken wanted, Object ctx) {
    if (t == JsonToken.VALUE_NULL) {
      return false;
    }
    expect(t, wanted, ctx);
    return true;
  }

  /** A string or null; {@code field} may be null when {@code ctx} names the value itself. */
  public String string(JsonToken t, Object ctx, String field) throws IOException {
    if (t == JsonToken.VALUE_NULL) {
      return null;
    }
    if (t != JsonToken.VALUE_STRING) {
      throw fail(where(ctx, field) + ": expected a string, found " + describe(t));
    }
    // Jackson reads a string's text lazily: an end of input inside it surfaces here, as the
    // IOException the readers report as truncation.
    return p.getText();
  }

  /** {@code true} or {@code false}; anything else, null included, fails. */
  public boolean bool(JsonToken t, Object ctx, String field) {
    if (t == JsonToken.VALUE_TRUE) {
      return true;
    }
    if (t == JsonToken.VALUE_FALSE) {
      return false;
    }
    throw fail(where(ctx, field) + ": expected true or false, found " + describe(t));
  }

  /** An array of strings (each interned), or an empty list for null. */
  public List<String> stringArray(JsonToken t, Object ctx, String field) throws IOException {
    if (t == JsonToken.VALUE_NULL) {
      return List.of();
    }
    if (t != JsonToken.START_ARRAY) {
      throw fail(where(ctx, field) + ": expected an array, found " + describe(t));
    }
    List<String> out = new ArrayList<>(2);
    while (p.nextToken() != JsonToken.END_ARRAY) {
      JsonToken s = p.currentToken();
      if (s != JsonToken.VALUE_STRING) {
        throw fail(where(ctx, field) + ": expected strings, found " + describe(s));
      }
      out.add(intern(p.getText()));
    }
    return out;
  }

  /** Reads one element of an array; its first token is the current one. */
  @FunctionalInterface
  public interface Element {
    void read(int index) throws IOException;
  }

  /**
   * Reads each element of an array with {@code element}, or nothing for null; anything else
   * fails.
   *
   * @return how many elements the array has
   */
  public int forEachElement(JsonToken t, Object ctx, Element element) throws IOException {
    if (!orNull(t, JsonToken.START_ARRAY, ctx)) {
      return 0;
    }
    int i = 0;
    while (p.nextToken() != JsonToken.END_ARRAY) {
      element.read(i++);
    }
    return i;
  }

  /** One copy of each distinct string: a plan repeats a few (types, modes) millions of times. */
  protected String intern(String s) {
    return s == null ? null : interned.computeIfAbsent(s, k -> k);
  }

  private static String where(Object ctx, String field) {
    return field == null ? String.valueOf(ctx) : ctx + "." + field;
  }
}
