package dev.plangate.core.source;

import dev.plangate.core.api.PlanExtras;
import dev.plangate.core.git.GitException;
import dev.plangate.core.git.GitRepository;
import dev.plangate.core.plan.PlanReadException;
import java.nio.file.Path;
import java.util.List;

/**
 * One plan to read: its files and what lies beside them.
 *
 * @param name what the report calls the plan (the file as given, or the pages joined by " + ")
 * @param files the files that make up the plan, at least one
 * @param extras stack exports, templates and cdk.out directories beside the plans
 * @param repository the git work tree, or null
 * @param base the base revision an offline diff is taken against, or null
 */
public record SourceInput(String name, List<Path> files, PlanExtras extras, Path repository,
    String base) {
  public SourceInput {
    files = List.copyOf(files);
    extras = extras == null ? PlanExtras.none() : extras;
  }

  /** The first (usually the only) file. */
  public Path file() {
    return files.get(0);
  }

  /** The repository, opened; a git problem is a problem with this plan. */
  public GitRepository git() throws PlanReadException {
    try {
      return GitRepository.open(repository);
    } catch (GitException e) {
      throw new PlanReadException(name, e.getMessage());
    }
  }
}
