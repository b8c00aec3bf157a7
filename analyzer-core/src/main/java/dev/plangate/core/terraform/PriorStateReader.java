package dev.plangate.core.terraform;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.plangate.core.plan.TokenReader;
import dev.plangate.core.terraform.TerraformPlanReader.StateResource;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Streams the plan's {@code prior_state} into the resources it records, with the
 * {@code depends_on} edges Terraform recorded at the last apply; attribute values are skipped.
 * Its edges widen the blast radius, so a part of the wrong shape fails rather than silently
 * giving fewer dependents.
 */
final class PriorStateReader extends TokenReader {
  private final List<StateResource> state = new ArrayList<>();
  private final Position at = new Position();

  PriorStateReader(JsonParser p) {
    super(p);
  }

  /** Reads the value of {@code prior_state}, whose first token is {@code t}. */
  List<StateResource> read(JsonToken t) throws IOException {
    if (!orNull(t, JsonToken.START_OBJECT, "prior_state")) {
      return state;
    }
    for (String f = p.nextFieldName(); f != null; f = p.nextFieldName()) {
      JsonToken v = p.nextToken();
      if (f.equals("values") && orNull(v, JsonToken.START_OBJECT, "prior_state.values")) {
        for (String g = p.nextFieldName(); g != null; g = p.nextFieldName()) {
          JsonToken w = p.nextToken();
          if (g.equals("root_module")
              && orNull(w, JsonToken.START_OBJECT, "prior_state.values.root_module")) {
            readModule("prior_state.values.root_module");
          } else {
            p.skipChildren();
          }
        }
      } else {
        p.skipChildren();
      }
    }
    return state;
  }

  private void readModule(String ctx) throws IOException {
    for (String f = p.nextFieldName(); f != null; f = p.nextFieldName()) {
      JsonToken v = p.nextToken();
      if (f.equals("resources")) {
        forEachElement(v, ctx + ".resources", i -> readResource(ctx + ".resources", i));
      } else if (f.equals("child_modules")) {
        forEachElement(v, ctx + ".child_modules", i -> {
          String c = ctx + ".child_modules[" + i + "]";
          expect(p.currentToken(), JsonToken.START_OBJECT, c);
          readModule(c);
        });
      } else {
        p.skipChildren();
      }
    }
  }

  private void readResource(String ctx, int index) throws IOException {
    at.ctx = ctx;
    at.index = index;
    expect(p.currentToken(), JsonToken.START_OBJECT, at);
    String address = null;
    String deposed = null;
    String mode = null;
    String type = null;
    List<String> dependsOn = List.of();
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String f = p.currentName();
      JsonToken v = p.nextToken();
      switch (f) {
        case "address" -> address = string(v, at, "address");
        case "deposed_key" -> deposed = string(v, at, "deposed_key");
        case "mode" -> mode = string(v, at, "mode");
        case "type" -> type = intern(string(v, at, "type"));
        case "depends_on" -> dependsOn = stringArray(v, at, "depends_on");
        default -> p.skipChildren();
      }
    }
    if (address != null) {
      boolean managed = mode == null ? !TerraformPlanReader.isDataAddress(address)
          : !mode.equals("data");
      state.add(new StateResource(address, deposed, managed,
          type == null ? intern(TerraformPlanReader.typeFromAddress(address)) : type,
          dependsOn));
    }
  }

  /**
   * The resource being read, {@code ...resources[3]}: one object, moved on per resource and
   * joined into a path only when an error is reported, so a state of a million resources builds
   * no strings for them.
   */
  private static final class Position {
    String ctx;
    int index;

    @Override
    public String toString() {
      return ctx + "[" + index + "]";
    }
  }
}
