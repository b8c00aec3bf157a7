package dev.plangate.core.attribution;

import dev.plangate.core.attribution.TemplateSpans.Span;
import dev.plangate.core.authorship.Attribution;
import dev.plangate.core.git.CommitPatch;
import dev.plangate.core.git.FilePatch;
import dev.plangate.core.git.GitException;
import dev.plangate.core.git.GitRepository;
import dev.plangate.core.git.PatchLine;
import dev.plangate.core.impact.Finding;
import dev.plangate.core.model.Plan;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * CloudFormation template diffs: a finding names the commits of the range that changed its
 * resource's part of the template file, those that removed the resource first, then the others,
 * newest first. A template is tracked in git like Terraform's files; where Terraform attribution
 * looks at a module directory's files, this looks at the lines of one resource in one file.
 *
 * <p>The template of a finding is the plan's file; in a cdk.out directory it is the stack's
 * {@code STACK.template.json} (addresses there are {@code STACK/LogicalId}). A template outside
 * the repository, or not tracked, gets no attribution.
 */
final class TemplateAttribution implements AttributionStep {
  @Override
  public List<Finding> attribute(Commits commits, Plan plan, Path planFile,
      List<Finding> findings) throws GitException {
    GitRepository git = commits.git();
    Map<String, Map<String, List<Hit>>> byFile = new HashMap<>();
    List<Finding> out = new ArrayList<>(findings.size());
    Commits.Authors authors = commits.authors();
    for (Finding f : findings) {
      Place place = place(git.root(), planFile, f.address());
      if (place == null) {
        out.add(f.withAttribution(List.of()));
        continue;
      }
      Map<String, List<Hit>> hits = byFile.get(place.file());
      if (hits == null) {
        hits = hits(git, commits, place.file());
        byFile.put(place.file(), hits);
      }
      List<Hit> mine = new ArrayList<>(hits.getOrDefault(place.logicalId(), List.of()));
      // the commits that removed the resource are the most telling; then newest first
      mine.sort((a, b) -> {
        boolean ra = a.change().startsWith("removed");
        boolean rb = b.change().startsWith("removed");
        return ra != rb ? (ra ? -1 : 1) : Hit.NEWEST_FIRST.compare(a, b);
      });
      List<Attribution> attributions = new ArrayList<>();
      Set<String> seen = new LinkedHashSet<>();
      for (Hit h : mine) {
        if (attributions.size() < Attributor.MAX_PER_FINDING && seen.add(h.sha())) {
          attributions.add(authors.of(h));
        }
      }
      out.add(f.withAttribution(List.copyOf(attributions)));
    }
    return out;
  }

  /** A finding's template file (repository-relative) and logical ID. */
  private record Place(String file, String logicalId) {}

  private static Place place(Path root, Path planFile, String address) {
    Path file = planFile;
    String id = address;
    int slash = address.lastIndexOf('/');
    if (Files.isDirectory(planFile)) {
      if (slash < 0) {
        return null;
      }
      file = planFile.resolve(address.substring(0, slash) + ".template.json");
    }
    if (slash >= 0) {
      id = address.substring(slash + 1);
    }
    try {
      Path r = root.toRealPath();
      Path f = file.toAbsolutePath().toRealPath();
      return f.startsWith(r) ? new Place(r.relativize(f).toString().replace('\\', '/'), id) : null;
    } catch (IOException e) {
      return null;
    }
  }

  /** For one template file: each logical ID to the commits that touched its lines. */
  private static Map<String, List<Hit>> hits(GitRepository git, Commits commits, String file)
      throws GitException {
    Map<String, Integer> order = commits.order();
    Map<String, List<Hit>> out = new HashMap<>();
    List<CommitPatch> patches = new ArrayList<>();
    git.patches(commits.nonMerges(), List.of(":(top,literal)" + file), patches::add);
    for (CommitPatch patch : patches) {
      Integer position = order.get(patch.sha());
      if (position == null) {
        continue;
      }
      for (FilePatch fp : patch.files()) {
        // Both versions, even when the commit only adds or only removes lines: whether the
        // resource is there on the other side decides "changed" over "added" or "removed".
        Map<String, Span> before = fp.oldPath() == null ? Map.of()
            : TemplateSpans.of(git.show(patch.sha() + "^", fp.oldPath()));
        Map<String, Span> after = fp.newPath() == null ? Map.of()
            : TemplateSpans.of(git.show(patch.sha(), fp.newPath()));
        Map<String, Hit> touched = new LinkedHashMap<>();
        for (PatchLine l : fp.removed()) {
          String id = at(before, l.number());
          if (id != null && !touched.containsKey(id)) {
            boolean removed = !after.containsKey(id) && before.get(id).first() == l.number();
            touched.put(id, new Hit(position, patch.sha(), fp.oldPath(), l.number(),
                (removed ? "removed resource " : "changed resource ") + id));
          }
        }
        for (PatchLine l : fp.added()) {
          String id = at(after, l.number());
          if (id != null && !touched.containsKey(id)) {
            touched.put(id, new Hit(position, patch.sha(), fp.newPath(), l.number(),
                (before.containsKey(id) ? "changed resource " : "added resource ") + id));
          }
        }
        touched.forEach((id, h) -> out.computeIfAbsent(id, k -> new ArrayList<>()).add(h));
      }
    }
    return out;
  }

  private static String at(Map<String, Span> spans, int line) {
    return spans.entrySet().stream().filter(e -> e.getValue().contains(line))
        .map(Map.Entry::getKey).findFirst().orElse(null);
  }
}
