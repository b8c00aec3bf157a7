package dev.plangate.core.attribution;

import dev.plangate.core.authorship.Attribution;
import dev.plangate.core.authorship.CommitAuthorship;
import dev.plangate.core.git.Commit;
import dev.plangate.core.git.CommitRange;
import dev.plangate.core.git.GitRepository;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The commits an attribution may name, and what is known about who wrote each.
 *
 * @param git the repository
 * @param range the commits under review; only these are ever named
 * @param bySha each commit's authorship; may return null for a commit it does not know
 * @param moduleDir repository-relative directory of the plans' root module, or null to use each
 *     plan file's own directory (Terraform)
 */
public record Commits(GitRepository git, CommitRange range,
    Function<String, CommitAuthorship> bySha, String moduleDir) {

  /** Each commit's position in the range, oldest first. */
  Map<String, Integer> order() {
    Map<String, Integer> order = new HashMap<>();
    range.commits().forEach(c -> order.put(c.sha(), order.size()));
    return order;
  }

  /** The range's commits that are not merges, oldest first. */
  List<String> nonMerges() {
    return range.commits().stream().filter(c -> !c.isMerge()).map(Commit::sha).toList();
  }

  /** Who wrote each commit, for {@link Authors#of}. */
  Authors authors() {
    return new Authors(this);
  }

  /** Who wrote each commit: as {@link #bySha} says, else the author git records (not AI). */
  static final class Authors {
    private final Map<String, String> authorBySha = new HashMap<>();
    private final Function<String, CommitAuthorship> bySha;

    private Authors(Commits commits) {
      commits.range().commits().forEach(c -> authorBySha.put(c.sha(), c.author()));
      this.bySha = commits.bySha();
    }

    /** {@code h} as an attribution to its commit. */
    Attribution of(Hit h) {
      CommitAuthorship a = bySha == null ? null : bySha.apply(h.sha());
      return a != null
          ? new Attribution(h.sha(), a.author(), a.agent(), a.ai(), h.file(), h.line(), h.change())
          : new Attribution(h.sha(), authorBySha.get(h.sha()), null, false, h.file(), h.line(),
              h.change());
    }
  }
}
