package dev.plangate.core.attribution;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where each resource of a CloudFormation template lies in its text: the lines from its logical
 * ID under {@code Resources} to the line before the next one. Read from text alone (JSON with
 * Jackson's line numbers, YAML by indentation), so that any version git holds can be read without
 * evaluating it; a text that cannot be read has no spans (attribution is a hint, the diff itself
 * is where unreadable templates are refused).
 */
final class TemplateSpans {
  /** A resource's first and last line, 1-based and inclusive. */
  record Span(int first, int last) {
    boolean contains(int line) {
      return line >= first && line <= last;
    }
  }

  private static final JsonFactory JSON = new JsonFactory();
  private static final Pattern YAML_KEY =
      Pattern.compile("^( *)(?:\"([^\"]+)\"|'([^']+)'|([A-Za-z0-9]+))\\s*:(?:\\s.*)?$");
  private static final Pattern RESOURCES = Pattern.compile("^(?:\"Resources\"|'Resources'"
      + "|Resources)\\s*:\\s*(?:#.*)?$");

  private TemplateSpans() {}

  /** Logical ID to its span, in file order. */
  static Map<String, Span> of(String text) {
    String t = text.stripLeading();
    return t.startsWith("{") ? json(text) : yaml(text);
  }

  private static Map<String, Span> json(String text) {
    Map<String, Span> out = new LinkedHashMap<>();
    try (JsonParser p = JSON.createParser(text)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        return out;
      }
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String section = p.currentName();
        JsonToken value = p.nextToken();
        if (!"Resources".equals(section) || value != JsonToken.START_OBJECT) {
          p.skipChildren();
          continue;
        }
        while (p.nextToken() == JsonToken.FIELD_NAME) {
          String id = p.currentName();
          int first = p.currentTokenLocation().getLineNr();
          p.nextToken();
          p.skipChildren();
          out.put(id, new Span(first, p.currentTokenLocation().getLineNr()));
        }
      }
    } catch (IOException e) {
      // unreadable: whatever was found before the problem stands
    }
    return out;
  }

  private static Map<String, Span> yaml(String text) {
    Map<String, Span> out = new LinkedHashMap<>();
    String[] lines = text.split("\r?\n", -1);
    int i = 0;
    while (i < lines.length && !RESOURCES.matcher(lines[i]).matches()) {
      i++;
    }
    int indent = -1;
    String open = null;
    int openedAt = 0;
    int lastContent = 0;
    for (i = i + 1; i < lines.length; i++) {
      String line = lines[i];
      String stripped = line.strip();
      if (stripped.isEmpty() || stripped.startsWith("#")) {
        continue;
      }
      int lead = line.length() - line.stripLeading().length();
      if (lead == 0) {
        break; // the next top-level section
      }
      if (indent < 0) {
        indent = lead;
      }
      Matcher m = YAML_KEY.matcher(line);
      if (lead == indent && m.matches()) {
        if (open != null) {
          out.put(open, new Span(openedAt, lastContent));
        }
        open = m.group(2) != null ? m.group(2) : m.group(3) != null ? m.group(3) : m.group(4);
        openedAt = i + 1;
      }
      lastContent = i + 1;
    }
    if (open != null) {
      out.put(open, new Span(openedAt, lastContent));
    }
    return out;
  }
}
