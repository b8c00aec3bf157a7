package dev.plangate.core.cloudformation;

import dev.plangate.core.catalog.ResourceCatalog;
import dev.plangate.core.impact.Finding;
import dev.plangate.core.impact.ImpactAnalyzer;
import dev.plangate.core.model.Plan;
import dev.plangate.core.model.ResourceChange;
import dev.plangate.core.plan.PlanReadException;
import dev.plangate.core.testing.SharedCorpus;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Reading change sets in tests the way the pipeline reads plans. */
final class ChangeSets {
  static final ResourceCatalog CATALOG = ResourceCatalog.builtin();
  static final ChangeSetReader READER = new ChangeSetReader(CATALOG);

  private ChangeSets() {}

  static Path corpus() {
    return SharedCorpus.root().resolve("corpus/cloudformation/changesets");
  }

  /** A file under {@code src/test/resources/cloudformation/changesets}. */
  static Path resource(String name) {
    URL url = ChangeSets.class.getResource("/cloudformation/changesets/" + name);
    if (url == null) {
      throw new IllegalArgumentException("no test resource " + name);
    }
    try {
      return Path.of(url.toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  static Plan read(String... resources) throws PlanReadException {
    List<Path> files = Arrays.stream(resources).map(ChangeSets::resource).toList();
    return READER.read(files, files.size() == 1 ? resources[0] : "change set");
  }

  static List<Finding> findings(Plan plan) {
    return new ImpactAnalyzer(CATALOG).analyze(plan);
  }

  static Map<String, Finding> findingsByAddress(Plan plan) {
    return findings(plan).stream().collect(Collectors.toMap(Finding::address, f -> f));
  }

  static Map<String, ResourceChange> byAddress(Plan plan) {
    return plan.changes().stream()
        .collect(Collectors.toMap(ResourceChange::address, Function.identity()));
  }

  /** Who the change at {@code address} depends on, by address. */
  static List<String> dependenciesOf(Plan plan, String address) {
    var deps = plan.dependencies();
    List<ResourceChange> changes = plan.changes();
    return java.util.stream.IntStream.range(0, deps.size())
        .filter(e -> changes.get(deps.dependent(e)).address().equals(address))
        .mapToObj(e -> changes.get(deps.dependency(e)).address())
        .sorted()
        .toList();
  }

  /** Every edge of the plan's graph, "dependent -> dependency", in the plan's order. */
  static List<String> edges(Plan p) {
    var deps = p.dependencies();
    List<ResourceChange> c = p.changes();
    return java.util.stream.IntStream.range(0, deps.size())
        .mapToObj(e -> c.get(deps.dependent(e)).address() + " -> "
            + c.get(deps.dependency(e)).address())
        .toList();
  }
}
