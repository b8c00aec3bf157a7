package dev.plangate.core.pulumi;

import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Turns URNs into the addresses plangate shows, matches policy globs against and keys findings by.
 *
 * <p>A full URN repeats the stack and project on every line and, for resources inside components,
 * the whole parent-type chain. So the address is the shortest of three forms that is unique among
 * all URNs of the plan (listed changes and state-only resources alike):
 *
 * <ol>
 *   <li>{@code <own type>::<name>}, e.g. {@code aws:s3/bucket:Bucket::my-bucket};
 *   <li>{@code <qualified type>::<name>}, keeping the parent-type chain, e.g.
 *       {@code my:app:Component$aws:s3/bucket:Bucket::data}, when two components each own a
 *       bucket called {@code data};
 *   <li>the full URN, when even that collides (only possible in input that mixes stacks or
 *       projects) or when the URN cannot be parsed.
 * </ol>
 *
 * <p>The choice is made per colliding group, not for the whole plan, so one clash does not make
 * every address long. Since the form of one address depends on the other URNs in the plan, a
 * policy glob that must always match should end in {@code ::name} or use {@code **}.
 */
public final class PulumiAddresses {
  private PulumiAddresses() {}

  /** The address for each distinct URN in {@code urns}, in their first-seen order. */
  public static Map<String, String> shorten(Collection<String> urns) {
    Set<String> distinct = new LinkedHashSet<>(urns);
    Map<String, PulumiUrn> parsed = new HashMap<>();
    for (String u : distinct) {
      PulumiUrn p = PulumiUrn.tryParse(u);
      // an unparseable URN is shown verbatim, never shortened into something ambiguous
      if (p != null) {
        parsed.put(u, p);
      }
    }
    Map<String, Long> shortCounts = counts(parsed.values().stream().map(PulumiUrn::shortForm));
    Map<String, Long> qualifiedCounts =
        counts(parsed.values().stream().map(PulumiUrn::qualifiedForm));
    Map<String, String> out = new LinkedHashMap<>();
    for (String u : distinct) {
      PulumiUrn p = parsed.get(u);
      String address;
      if (p == null) {
        address = u;
      } else if (shortCounts.get(p.shortForm()) == 1) {
        address = p.shortForm();
      } else if (qualifiedCounts.get(p.qualifiedForm()) == 1) {
        address = p.qualifiedForm();
      } else {
        address = u;
      }
      out.put(u, address);
    }
    // A short form can still equal another resource's verbatim (unparseable) text; keys must
    // stay unique whatever the input, so fall back to full URNs for any such clash.
    Map<String, Long> seen = counts(out.values().stream());
    out.replaceAll((u, a) -> seen.get(a) > 1 ? u : a);
    return out;
  }

  private static Map<String, Long> counts(Stream<String> forms) {
    return forms.collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
  }
}
