package dev.plangate.core.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.plangate.core.plan.AttributeSelector;
import dev.plangate.core.pulumi.PulumiTypes;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The catalogue of critical resource types: their category, whether they hold data, and the
 * {@code before} attributes that decide whether that data survives a destroy. The knowledge
 * lives in {@code critical-resources.json}; this class only reads and applies it.
 *
 * <p>Types are looked up as each reader names them: Terraform types ({@code aws_db_instance})
 * and CloudFormation types ({@code AWS::RDS::DBInstance}) are in the file; a Pulumi type token
 * ({@code aws:rds/instance:Instance}) is judged as its Terraform equivalent
 * ({@link PulumiTypes#terraformType}), so no caller needs to know which tool wrote a plan.
 */
public final class ResourceCatalog implements AttributeSelector {
  private static final String RESOURCE = "critical-resources.json";
  private static ResourceCatalog builtin;

  private final Map<String, CatalogEntry> entries;
  private final Map<String, Set<String>> rootsByType = new HashMap<>();
  private final Set<String> allRoots = new HashSet<>();

  private ResourceCatalog(Map<String, CatalogEntry> entries) {
    this.entries = Map.copyOf(entries);
    for (CatalogEntry e : this.entries.values()) {
      Set<String> roots = e.rules().stream().flatMap(r -> r.when().stream())
          .map(Condition::root).collect(Collectors.toUnmodifiableSet());
      rootsByType.put(e.type(), roots);
      allRoots.addAll(roots);
    }
  }

  /** The catalogue shipped with plangate. */
  // Synchronized: the CLI reads it on a second thread at start-up, and a check that asks while
  // that read is under way waits for it rather than parsing the file again.
  public static synchronized ResourceCatalog builtin() {
    ResourceCatalog c = builtin;
    if (c == null) {
      try (InputStream in = ResourceCatalog.class.getResourceAsStream(RESOURCE)) {
        if (in == null) {
          throw new IllegalStateException("missing resource " + RESOURCE);
        }
        c = parse(new ObjectMapper().readTree(in));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      builtin = c;
    }
    return c;
  }

  /** Reads a catalogue document; a malformed one is a programming error in the shipped file. */
  static ResourceCatalog parse(JsonNode doc) {
    Map<String, CatalogEntry> entries = new HashMap<>();
    for (Map.Entry<String, JsonNode> t : doc.path("types").properties()) {
      JsonNode e = t.getValue();
      List<RecoverabilityRule> rules = new ArrayList<>();
      for (JsonNode r : e.path("recoverability")) {
        List<Condition> when = new ArrayList<>();
        for (JsonNode c : r.path("when")) {
          when.add(Condition.parse(t.getKey(), c));
        }
        if (when.isEmpty() || !r.path("recoverable").isBoolean()) {
          throw new IllegalArgumentException("catalogue rule for " + t.getKey()
              + " needs a non-empty when and a boolean recoverable");
        }
        rules.add(new RecoverabilityRule(when, r.path("recoverable").asBoolean(),
            r.path("because").asText("")));
      }
      entries.put(t.getKey(), new CatalogEntry(t.getKey(), e.path("category").asText(),
          e.path("dataBearing").asBoolean(false), rules));
    }
    return new ResourceCatalog(entries);
  }

  /** The entry for a resource type as any reader names it (see the class comment). */
  public Optional<CatalogEntry> lookup(String type) {
    return Optional.ofNullable(byType(entries, type));
  }

  public int size() {
    return entries.size();
  }

  @Override
  public Set<String> rootAttributes(String type) {
    Set<String> roots = byType(rootsByType, type);
    return roots == null ? Set.of() : roots;
  }

  private static <T> T byType(Map<String, T> map, String type) {
    if (type == null) {
      return null;
    }
    T found = map.get(type);
    if (found == null && isPulumiToken(type)) {
      String terraform = PulumiTypes.terraformType(type);
      found = terraform == null ? null : map.get(terraform);
    }
    return found;
  }

  /**
   * Whether a type not in the file may be a Pulumi token ({@code pkg:module:Type}): Terraform
   * types have no colon, and CloudFormation types are in the file under their own names. A
   * cheap test, since the Terraform reader asks once per changed resource.
   */
  private static boolean isPulumiToken(String type) {
    return type.indexOf(':') > 0 && !type.contains("::");
  }

  @Override
  public Set<String> allRootAttributes() {
    return allRoots;
  }
}
