package dev.plangate.core.pulumi;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.plangate.core.plan.AttributeSelector;
import dev.plangate.core.plan.PlanReadException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the resources of a {@code pulumi stack export} document ({@code {"version": 3,
 * "deployment": {"resources": [...]}}}) or of a checkpoint file as the filesystem backend stores
 * it ({@code {"checkpoint": {"latest": {"resources": [...]}}}}). The preview alone cannot give the
 * dependency graph: engine events carry no dependencies at all, and a digest without
 * {@code --show-sames} lists none of the unchanged resources that depend on what it deletes.
 */
final class StackExportReader {
  private StackExportReader() {}

  static List<PulumiState> read(Path file, String displayName) throws PlanReadException {
    return PulumiJson.parse(file, displayName, p -> new Reading(p).document());
  }

  private static final class Reading extends PulumiJson {
    private final List<PulumiState> resources = new ArrayList<>();
    /** Where each live object's URN was seen; objects pending deletion may share a URN. */
    private final Map<String, String> live = new HashMap<>();
    private boolean sawResources;

    Reading(JsonParser p) {
      // Only the graph is wanted from the state: no property values at all.
      super(p, AttributeSelector.none());
    }

    List<PulumiState> document() throws IOException {
      JsonToken t = p.nextToken();
      if (t == null) {
        throw new PulumiJson.Invalid("the stack export is empty");
      }
      expect(t, JsonToken.START_OBJECT, "the stack export");
      for (String f = p.nextFieldName(); f != null; f = p.nextFieldName()) {
        JsonToken v = p.nextToken();
        switch (f) {
          case "deployment" -> deployment(v, "deployment");
          case "checkpoint" -> checkpoint(v);
          case "steps", "changeSummary" -> throw fail("this is a preview (it has " + f
              + "), not a stack export: give `pulumi stack export` output as the stack export");
          default -> p.skipChildren();
        }
      }
      if (p.nextToken() != null) {
        throw fail("unexpected data after the end of the stack export");
      }
      if (!sawResources) {
        throw new PulumiJson.Invalid("not a Pulumi stack export: it has no deployment.resources"
            + " (expected `pulumi stack export` output)");
      }
      return resources;
    }

    private void checkpoint(JsonToken t) throws IOException {
      if (!orNull(t, JsonToken.START_OBJECT, "checkpoint")) {
        return;
      }
      for (String f = p.nextFieldName(); f != null; f = p.nextFieldName()) {
        JsonToken v = p.nextToken();
        if (f.equals("latest")) {
          deployment(v, "checkpoint.latest");
        } else {
          p.skipChildren();
        }
      }
    }

    private void deployment(JsonToken t, String ctx) throws IOException {
      if (!orNull(t, JsonToken.START_OBJECT, ctx)) {
        return;
      }
      for (String f = p.nextFieldName(); f != null; f = p.nextFieldName()) {
        JsonToken v = p.nextToken();
        if (f.equals("resources")) {
          sawResources = true;
          forEachElement(v, ctx + ".resources", i -> {
            String at = ctx + ".resources[" + i + "]";
            PulumiState s = readState(p.currentToken(), at, null);
            if (s.urn() == null || s.urn().isBlank()) {
              throw fail(at + " has no urn");
            }
            String first = s.pendingDelete() ? null : live.putIfAbsent(s.urn(), at);
            if (first != null) {
              throw fail(at + " repeats the urn of " + first + " (" + s.urn() + "): a"
                  + " stack holds one live object per URN");
            }
            resources.add(s);
          });
        } else {
          p.skipChildren();
        }
      }
    }
  }
}
