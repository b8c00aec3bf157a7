package dev.plangate.core.terraform;

import static dev.plangate.core.plan.PlanJson.describe;

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

  PriorStateReader(JsonParser p) {
    super(p);
  }

  /** Reads the value of {@code prior_state}, whose first token is {@code t}. */
  List<StateResource> read(JsonToken t) throws IOException {
    if (!orNull(t, JsonToken.START_OBJECT, "prior_state")) {
      return state;
    }
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String f = p.currentName();
      JsonToken v = p.nextToken();
      if (f.equals("values") && orNull(v, JsonToken.START_OBJECT, "prior_state.values")) {
        while (p.nextToken() == JsonToken.FIELD_NAME) {
          String g = p.currentName();
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
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String f = p.currentName();
      JsonToken v = p.nextToken();
      if (f.equals("resources") && orNull(v, JsonToken.START_ARRAY, ctx + ".resources")) {
        int i = 0;
        while (p.nextToken() != JsonToken.END_ARRAY) {
          readResource(ctx + ".resources", i++);
        }
      } else if (f.equals("child_modules")
          && orNull(v, JsonToken.START_ARRAY, ctx + ".child_modules")) {
        int i = 0;
        while (p.nextToken() != JsonToken.END_ARRAY) {
          String c = ctx + ".child_modules[" + i++ + "]";
          expect(p.currentToken(), JsonToken.START_OBJECT, c);
          readModule(c);
        }
      } else {
        p.skipChildren();
      }
    }
  }

  /** {@code ctx} and {@code index} are joined into a path only when reporting an error. */
  private void readResource(String ctx, int index) throws IOException {
    if (p.currentToken() != JsonToken.START_OBJECT) {
      expect(p.currentToken(), JsonToken.START_OBJECT, at(ctx, index));
    }
    String address = null;
    String deposed = null;
    String mode = null;
    String type = null;
    List<String> dependsOn = List.of();
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String f = p.currentName();
      JsonToken v = p.nextToken();
      switch (f) {
        case "address" -> address = string(v, ctx, index, "address");
        case "deposed_key" -> deposed = string(v, ctx, index, "deposed_key");
        case "mode" -> mode = string(v, ctx, index, "mode");
        case "type" -> type = intern(string(v, ctx, index, "type"));
        case "depends_on" -> dependsOn = stringArray(v, ctx, index, "depends_on");
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

  private static String at(String ctx, int index) {
    return ctx + "[" + index + "]";
  }

  private String string(JsonToken t, String ctx, int index, String field) throws IOException {
    if (t == JsonToken.VALUE_NULL) {
      return null;
    }
    if (t != JsonToken.VALUE_STRING) {
      throw fail(at(ctx, index) + "." + field + ": expected a string, found "
          + describe(t));
    }
    return p.getText();
  }

  private List<String> stringArray(JsonToken t, String ctx, int index, String field)
      throws IOException {
    if (t == JsonToken.VALUE_NULL) {
      return List.of();
    }
    if (t != JsonToken.START_ARRAY) {
      throw fail(at(ctx, index) + "." + field + ": expected an array, found "
          + describe(t));
    }
    List<String> out = new ArrayList<>(2);
    while (p.nextToken() != JsonToken.END_ARRAY) {
      JsonToken s = p.currentToken();
      if (s != JsonToken.VALUE_STRING) {
        throw fail(at(ctx, index) + "." + field + ": expected strings, found "
            + describe(s));
      }
      out.add(intern(p.getText()));
    }
    return out;
  }
}
