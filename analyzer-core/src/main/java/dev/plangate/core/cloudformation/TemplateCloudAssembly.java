package dev.plangate.core.cloudformation;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.plangate.core.plan.PlanReadException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads the stacks of an AWS CDK cloud assembly ({@code cdk.out}): its {@code manifest.json}
 * lists artifacts, and each {@code aws:cloudformation:stack} artifact names its template file.
 * Stages ({@code cdk:cloud-assembly} artifacts) are nested assemblies in their own directories
 * and are read too.
 */
final class TemplateCloudAssembly {
  private static final int MAX_STAGE_DEPTH = 10;

  private TemplateCloudAssembly() {}

  /** Every stack's template, by stack name, in manifest order. */
  static Map<String, Template> stacks(Path dir) throws PlanReadException {
    Map<String, Template> out = new LinkedHashMap<>();
    read(dir, out, 0);
    return out;
  }

  private static void read(Path dir, Map<String, Template> out, int depth)
      throws PlanReadException {
    Path manifest = dir.resolve("manifest.json");
    String name = manifest.toString();
    if (!Files.isRegularFile(manifest)) {
      throw new PlanReadException(name, "no such file: " + dir + " is not a CDK cloud assembly"
          + " (cdk.out) directory");
    }
    if (depth > MAX_STAGE_DEPTH) {
      throw new PlanReadException(name, "stages are nested more than " + MAX_STAGE_DEPTH
          + " levels deep");
    }
    String text = TemplateReader.FILES.read(name);
    JsonNode root;
    try {
      root = new ObjectMapper().readTree(text);
    } catch (JsonProcessingException e) {
      throw new PlanReadException(name, (e.getLocation() == null ? ""
          : e.getLocation().getLineNr() + ":" + e.getLocation().getColumnNr() + ": ")
          + e.getOriginalMessage(), e);
    }
    JsonNode artifacts = root == null ? null : root.get("artifacts");
    if (artifacts == null || !artifacts.isObject()) {
      throw new PlanReadException(name, "not a cloud assembly manifest: no artifacts mapping");
    }
    for (Map.Entry<String, JsonNode> a : artifacts.properties()) {
      String type = a.getValue().path("type").asText();
      JsonNode properties = a.getValue().path("properties");
      if (type.equals("aws:cloudformation:stack")) {
        String file = properties.path("templateFile").asText("");
        if (file.isEmpty()) {
          throw new PlanReadException(name, "stack artifact " + a.getKey()
              + " names no templateFile");
        }
        String stackName = properties.path("stackName").asText(a.getKey());
        Template t = TemplateReader.read(dir.resolve(file));
        if (out.putIfAbsent(stackName, t) != null) {
          throw new PlanReadException(name, "two stacks are named " + stackName);
        }
      } else if (type.equals("cdk:cloud-assembly")) {
        String sub = properties.path("directoryName").asText("");
        if (!sub.isEmpty()) {
          read(dir.resolve(sub), out, depth + 1);
        }
      }
    }
  }
}
