package dev.plangate.core.terraform;

import dev.plangate.core.catalog.ResourceCatalog;
import dev.plangate.core.model.Dependencies;
import dev.plangate.core.model.Plan;
import dev.plangate.core.plan.PlanReadException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Small hand-written Terraform plans, read as a user's would be, and their edges as text. */
final class Plans {
  private static final TerraformPlanReader SINGLE =
      new TerraformPlanReader(ResourceCatalog.builtin(), Long.MAX_VALUE);

  private final Path dir;

  Plans(Path dir) {
    this.dir = dir;
  }

  Path write(String json) {
    try {
      Path f = Files.createTempFile(dir, "plan-", ".json");
      Files.writeString(f, json);
      return f;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Reads {@code json} in one pass, as plans under the read-ahead size are. */
  Plan read(String json) throws PlanReadException {
    return SINGLE.read(write(json), "plan.json");
  }

  /** The one-line error a user sees for {@code json}. */
  String error(String json) {
    try {
      SINGLE.read(write(json), "plan.json");
    } catch (PlanReadException e) {
      return e.getMessage();
    }
    throw new AssertionError("read without an error: " + json);
  }

  /** A plan of {@code changes} (each "address:actions") with {@code configuration}. */
  static String plan(String configuration, String... changes) {
    List<String> parts = new ArrayList<>();
    for (String c : changes) {
      int colon = c.lastIndexOf(':');
      String actions = colon < 0 ? "no-op" : c.substring(colon + 1);
      String address = colon < 0 ? c : c.substring(0, colon);
      parts.add("{\"address\":\"" + address.replace("\"", "\\\"") + "\",\"change\":{\"actions\":[\""
          + actions.replace("+", "\",\"") + "\"]}}");
    }
    return "{\"format_version\":\"1.2\",\"resource_changes\":[" + String.join(",", parts) + "]"
        + (configuration == null ? "" : ",\"configuration\":" + configuration) + "}";
  }

  /** A configuration whose root module is {@code rootModule}. */
  static String config(String rootModule) {
    return "{\"root_module\":" + rootModule + "}";
  }

  /** The plan's edges, "dependent -> dependency", in the plan's order. */
  static List<String> edges(Plan p) {
    Dependencies d = p.dependencies();
    List<String> out = new ArrayList<>();
    for (int e = 0; e < d.size(); e++) {
      out.add(p.changes().get(d.dependent(e)).key() + " -> "
          + p.changes().get(d.dependency(e)).key());
    }
    return out;
  }
}
