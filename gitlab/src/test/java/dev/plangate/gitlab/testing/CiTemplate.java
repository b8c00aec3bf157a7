package dev.plangate.gitlab.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * The include template {@code gitlab/templates/plangate.yml} as GitLab reads it: a {@code spec}
 * header declaring inputs, {@code ---}, and the job, in which {@code $[[ inputs.NAME ]]} is
 * replaced by the value the including project gives or the input's default.
 */
public final class CiTemplate {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern INPUT =
      Pattern.compile("\\$\\[\\[\\s*inputs\\.([A-Za-z0-9_-]+)\\s*]]");
  private static final String SEPARATOR = "\n---\n";

  private final String text;

  private CiTemplate(String text) {
    this.text = text;
  }

  /** The template of the checkout at {@code root} (the repository's top directory). */
  public static CiTemplate of(Path root) throws IOException {
    return new CiTemplate(Files.readString(root.resolve("gitlab/templates/plangate.yml")));
  }

  public static CiTemplate parse(String text) {
    return new CiTemplate(text);
  }

  public String text() {
    return text;
  }

  /** The YAML documents, as JSON trees (SnakeYAML's safe constructor). */
  public static List<JsonNode> documents(String yaml) {
    List<JsonNode> docs = new ArrayList<>();
    for (Object doc : new Yaml(new SafeConstructor(new LoaderOptions())).loadAll(yaml)) {
      docs.add(JSON.valueToTree(doc));
    }
    return docs;
  }

  /** {@code spec.inputs}: input name to its declaration. */
  public Map<String, JsonNode> inputs() {
    Map<String, JsonNode> out = new LinkedHashMap<>();
    documents(text).get(0).path("spec").path("inputs").fields()
        .forEachRemaining(e -> out.put(e.getKey(), e.getValue()));
    return out;
  }

  /** The names interpolated in the job document. */
  public TreeSet<String> used() {
    TreeSet<String> used = new TreeSet<>();
    Matcher m = INPUT.matcher(body());
    while (m.find()) {
      used.add(m.group(1));
    }
    return used;
  }

  private String body() {
    return text.substring(text.indexOf(SEPARATOR) + SEPARATOR.length());
  }

  /**
   * The job document with {@code given} inputs and defaults for the rest; an input neither given
   * nor defaulted is an error, as in GitLab.
   */
  public JsonNode job(Map<String, String> given) {
    Map<String, JsonNode> declared = inputs();
    Matcher m = INPUT.matcher(body());
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String name = m.group(1);
      String value = given.get(name);
      if (value == null) {
        JsonNode d = declared.get(name);
        if (d == null || !d.has("default")) {
          throw new IllegalArgumentException("input " + name + " is required");
        }
        value = d.get("default").asText();
      }
      m.appendReplacement(out, Matcher.quoteReplacement(value));
    }
    m.appendTail(out);
    return documents(out.toString()).get(0);
  }
}
