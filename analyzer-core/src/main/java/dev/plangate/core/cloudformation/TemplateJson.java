package dev.plangate.core.cloudformation;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import dev.plangate.core.io.StrictJson;
import dev.plangate.core.plan.PlanReadException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a JSON template with Jackson's streaming parser into the same maps, lists and scalars
 * {@link TemplateYaml} produces, keeping the line of each resource from the token locations.
 * Duplicate keys are an error (JSON parsers disagree on which one wins, so a reviewer could be
 * shown one value and CloudFormation use the other), and so is anything after the document.
 */
final class TemplateJson {
  /** Strict JSON within the template limits; also reads the other JSON of a cloud assembly. */
  static final JsonFactory FACTORY = StrictJson.factoryBuilder()
      .streamReadConstraints(StreamReadConstraints.builder()
          .maxNestingDepth(TemplateYaml.MAX_DEPTH)
          .maxStringLength(TemplateYaml.MAX_CODE_POINTS)
          .maxDocumentLength(4L * TemplateYaml.MAX_CODE_POINTS)
          .build())
      .build();

  private TemplateJson() {}

  /**
   * Parses a JSON template.
   *
   * @throws PlanReadException naming {@code name}, the line and column, and the reason
   */
  static TemplateYaml.Parsed parse(String text, String name) throws PlanReadException {
    if (text.length() > TemplateYaml.MAX_CODE_POINTS) {
      throw new PlanReadException(name, "the file is longer than " + TemplateYaml.MAX_CODE_POINTS
          + " characters, far above CloudFormation's own template size limit");
    }
    Map<String, Integer> lines = new LinkedHashMap<>();
    try (JsonParser p = FACTORY.createParser(text)) {
      JsonToken first = p.nextToken();
      if (first == null) {
        throw new PlanReadException(name, "the file is empty; a CloudFormation template is a"
            + " mapping with a Resources section");
      }
      Object value = read(p, first, 0, false, lines);
      JsonToken extra = p.nextToken();
      if (extra != null) {
        throw new PlanReadException(name, at(p.currentTokenLocation())
            + "unexpected content after the end of the JSON document");
      }
      return new TemplateYaml.Parsed(value, lines, false);
    } catch (JsonProcessingException e) {
      throw new PlanReadException(name, at(e.getLocation()) + e.getOriginalMessage(), e);
    } catch (IOException e) {
      throw new PlanReadException(name, "cannot read: " + e.getMessage(), e);
    }
  }

  private static String at(JsonLocation location) {
    if (location == null || location.getLineNr() < 1) {
      return "";
    }
    return location.getLineNr() + ":" + location.getColumnNr() + ": ";
  }

  /**
   * Reads the value starting at {@code token}.
   *
   * @param depth 0 for the document, 1 for its sections, 2 inside a section
   * @param inResources true for the value of the top-level {@code Resources} key
   */
  private static Object read(JsonParser p, JsonToken token, int depth, boolean inResources,
      Map<String, Integer> lines) throws IOException {
    return switch (token) {
      case START_OBJECT -> {
        Map<String, Object> map = new LinkedHashMap<>();
        for (JsonToken t = p.nextToken(); t != JsonToken.END_OBJECT; t = p.nextToken()) {
          String key = p.currentName();
          if (inResources) {
            lines.putIfAbsent(key, p.currentTokenLocation().getLineNr());
          }
          boolean resources = depth == 0 && key.equals("Resources");
          map.put(key, read(p, p.nextToken(), depth + 1, resources, lines));
        }
        yield map;
      }
      case START_ARRAY -> {
        List<Object> list = new ArrayList<>();
        for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken()) {
          list.add(read(p, t, depth + 1, false, lines));
        }
        yield list;
      }
      case VALUE_STRING -> p.getText();
      case VALUE_NUMBER_INT -> p.getNumberValue();
      case VALUE_NUMBER_FLOAT -> p.getDecimalValue();
      case VALUE_TRUE -> Boolean.TRUE;
      case VALUE_FALSE -> Boolean.FALSE;
      case VALUE_NULL -> null;
      default -> throw new com.fasterxml.jackson.core.JsonParseException(p,
          "unexpected " + token);
    };
  }
}
