package dev.plangate.core.cloudformation;

import com.fasterxml.jackson.databind.JsonNode;
import dev.plangate.core.plan.PlanJson;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A JSON value and the path where it sits ({@code Changes[3].ResourceChange.Action}), so that every
 * complaint about a change set names the field. Members are matched ignoring case because the
 * same document comes PascalCase from the API and camelCase from the console and the Java SDK.
 */
record JsonAt(JsonNode node, String path) {

  /** A structural problem in otherwise valid JSON; the reader turns it into a PlanReadException. */
  static final class Malformed extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Malformed(String message) {
      super(message, null, false, false);
    }
  }

  static JsonAt root(JsonNode node) {
    return new JsonAt(node, "");
  }

  /** True for a missing member and for an explicit {@code null} (the AWS CLI prints both). */
  boolean absent() {
    return node == null || node.isNull() || node.isMissingNode();
  }

  boolean isObject() {
    return node != null && node.isObject();
  }

  boolean isArray() {
    return node != null && node.isArray();
  }

  /**
   * The member called {@code name} in any letter case. Two members that differ only in case would
   * let one hide the other (a {@code "remove"} behind a {@code "Modify"}), so that is an error.
   */
  JsonAt field(String name) {
    if (!isObject()) {
      return new JsonAt(null, child(name));
    }
    String found = null;
    JsonNode value = null;
    for (Map.Entry<String, JsonNode> e : node.properties()) {
      if (e.getKey().equalsIgnoreCase(name)) {
        if (found != null) {
          throw new Malformed(child(found) + " and " + child(e.getKey())
              + ": the same field twice, in different letter case");
        }
        found = e.getKey();
        value = e.getValue();
      }
    }
    return new JsonAt(value, child(found == null ? name : found));
  }

  /** True when the object has the member, even as {@code null}. */
  boolean has(String name) {
    return field(name).node != null;
  }

  /** The member as a string; null when absent. */
  String text(String name) {
    return field(name).text();
  }

  String text() {
    if (absent()) {
      return null;
    }
    if (!node.isTextual()) {
      throw wrongType("a string");
    }
    return node.textValue();
  }

  /** The member as a boolean; null when absent. */
  Boolean bool(String name) {
    JsonAt f = field(name);
    if (f.absent()) {
      return null;
    }
    if (!f.node.isBoolean()) {
      throw f.wrongType("true or false");
    }
    return f.node.booleanValue();
  }

  /** The elements of an array; empty when absent. */
  List<JsonAt> elements() {
    if (absent()) {
      return List.of();
    }
    if (!node.isArray()) {
      throw wrongType("an array");
    }
    List<JsonAt> out = new ArrayList<>(node.size());
    for (int i = 0; i < node.size(); i++) {
      out.add(new JsonAt(node.get(i), path + "[" + i + "]"));
    }
    return out;
  }

  /** This value, which must be an object. */
  JsonAt requireObject() {
    if (!isObject()) {
      throw wrongType("an object");
    }
    return this;
  }

  Malformed wrongType(String expected) {
    return new Malformed(path + ": expected " + expected + ", found " + describe(node));
  }

  Malformed fail(String message) {
    return new Malformed(path + ": " + message);
  }

  private String child(String key) {
    return path.isEmpty() ? key : path + "." + key;
  }

  /** How a message names a value: the words of {@link PlanJson#describe}, or "nothing". */
  static String describe(JsonNode n) {
    return n == null || n.isMissingNode() ? "nothing" : PlanJson.describe(n.asToken());
  }
}
