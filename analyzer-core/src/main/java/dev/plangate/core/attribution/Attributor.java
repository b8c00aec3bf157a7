package dev.plangate.core.attribution;

import dev.plangate.core.attribution.Declaration.ModuleCall;
import dev.plangate.core.authorship.Attribution;
import dev.plangate.core.authorship.CommitAuthorship;
import dev.plangate.core.git.CommitRange;
import dev.plangate.core.git.GitException;
import dev.plangate.core.git.GitRepository;
import dev.plangate.core.impact.Finding;
import dev.plangate.core.model.Plan;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;

/**
 * Names the commits of a range that caused each finding, so that the gate can ask whether an AI
 * agent wrote them.
 *
 * <p>A resource is created or destroyed by the files of the directories that declare it: the root
 * module's directory and the directory of each local module on its address. The commits that
 * changed those files are the candidates. Most telling are the commits that removed or renamed the
 * resource block itself, or a module block on its address (the usual cause of an unintended
 * destroy): they come first. Then every other commit that changed a declaring file, newest first.
 *
 * <p>All directories are read with one {@code git log -p} and indexed once, so that the cost per
 * finding is a handful of lookups no matter how many instances a plan has.
 */
public final class Attributor {
  /** At most this many commits are named per finding. */
  public static final int MAX_PER_FINDING = 10;

  private final GitRepository repository;

  public Attributor(GitRepository repository) {
    this.repository = Objects.requireNonNull(repository, "repository");
  }

  /**
   * The commits that may have caused each finding, most telling first.
   *
   * @param plan the plan the findings came from (for its module sources)
   * @param moduleDir repository-relative directory of the plan's root module, {@code ""} for the
   *     top of the repository
   * @param findings the findings to attribute
   * @param range the commits under review; only these are ever named
   * @param bySha what each commit says about its authorship; may return null for a commit it does
   *     not know (it then counts as not AI, with the author git records)
   * @return for each finding's {@link Finding#key()}, in the order of {@code findings}, up to
   *     {@link #MAX_PER_FINDING} attributions; an empty list when no commit of the range changed a
   *     declaring file
   * @throws GitException when git cannot produce the diffs
   * @throws IllegalArgumentException when {@code moduleDir} is absolute or leaves the repository
   */
  public Map<String, List<Attribution>> attribute(
      Plan plan, String moduleDir, List<Finding> findings, CommitRange range,
      Function<String, CommitAuthorship> bySha) throws GitException {
    Declarations declarations = new Declarations(rootDirectory(moduleDir), plan.moduleSources());
    List<Declaration> perFinding = new ArrayList<>(findings.size());
    Set<String> directories = new LinkedHashSet<>();
    for (Finding f : findings) {
      Declaration d = declarations.of(f.address());
      perFinding.add(d);
      directories.addAll(d.directories());
    }

    Commits commits = new Commits(repository, range, bySha, moduleDir);
    ChangeIndex index = new ChangeIndex(directories, commits.order());
    if (!findings.isEmpty()) {
      repository.patches(commits.nonMerges(), pathspecs(directories), index::add);
    }
    index.finish();

    Commits.Authors authors = commits.authors();
    Map<Declaration, List<Attribution>> byDeclaration = new IdentityHashMap<>();
    Map<String, List<Attribution>> result = new LinkedHashMap<>();
    for (int i = 0; i < findings.size(); i++) {
      List<Attribution> attributions =
          byDeclaration.computeIfAbsent(perFinding.get(i), d -> attribute(d, index, authors));
      result.put(findings.get(i).key(), attributions);
    }
    return result;
  }

  private static List<Attribution> attribute(Declaration d, ChangeIndex index,
      Commits.Authors authors) {
    List<Hit> blocks = new ArrayList<>();
    for (ModuleCall call : d.calls()) {
      blocks.addAll(index.removals(call.directory(), Block.module(call.name())));
    }
    if (d.resource() != null) {
      blocks.addAll(index.removals(d.resourceDirectory(), d.resource()));
    }
    blocks.sort(Hit.NEWEST_FIRST);

    List<Attribution> out = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (Hit h : blocks) {
      add(h, out, seen, authors);
    }
    // The directories' change lists are each newest first: merge them.
    List<List<Hit>> lists = new ArrayList<>();
    for (String directory : d.directories()) {
      List<Hit> l = index.changes(directory);
      if (!l.isEmpty()) {
        lists.add(l);
      }
    }
    int[] next = new int[lists.size()];
    while (out.size() < MAX_PER_FINDING) {
      int best = -1;
      for (int k = 0; k < lists.size(); k++) {
        if (next[k] < lists.get(k).size() && (best < 0 || Hit.NEWEST_FIRST.compare(
            lists.get(k).get(next[k]), lists.get(best).get(next[best])) < 0)) {
          best = k;
        }
      }
      if (best < 0) {
        break;
      }
      add(lists.get(best).get(next[best]++), out, seen, authors);
    }
    return List.copyOf(out);
  }

  private static void add(Hit h, List<Attribution> out, Set<String> seen,
      Commits.Authors authors) {
    if (out.size() < MAX_PER_FINDING && seen.add(h.sha() + '\0' + h.file())) {
      out.add(authors.of(h));
    }
  }

  private static List<String> pathspecs(Set<String> directories) {
    List<String> specs = new ArrayList<>(directories.size() * ChangeIndex.DECLARING_SUFFIXES.size());
    for (String directory : directories) {
      for (String suffix : ChangeIndex.DECLARING_SUFFIXES) {
        specs.add(GitRepository.filesDirectlyIn(directory, suffix));
      }
    }
    return specs;
  }

  /** {@code ./infra/prod/} to {@code infra/prod}; the top stays {@code ""}. */
  static String rootDirectory(String moduleDir) {
    String dir = moduleDir == null ? "" : moduleDir;
    if (dir.startsWith("/")) {
      throw new IllegalArgumentException("module directory '" + moduleDir
          + "' must be relative to the repository root, not absolute");
    }
    String normalised = Declarations.normalise(dir);
    if (normalised == null) {
      throw new IllegalArgumentException("module directory '" + moduleDir
          + "' is outside the repository");
    }
    return normalised;
  }
}
