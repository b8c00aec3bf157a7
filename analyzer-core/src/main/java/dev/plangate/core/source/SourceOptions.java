package dev.plangate.core.source;

import dev.plangate.core.api.PlanExtras;
import dev.plangate.core.model.PlanFormat;
import java.nio.file.Path;
import java.util.Set;

/**
 * What option-driven sources look at: the extras, where the commits are, the formats of the plan
 * files given, and how the front end spells its options.
 *
 * @param extras templates, cdk.out directories and stack exports
 * @param repository the git work tree, or null
 * @param base the base revision, or null
 * @param given the formats of the plan files given
 * @param words the front end's option names
 */
public record SourceOptions(PlanExtras extras, Path repository, String base,
    Set<PlanFormat> given, Vocabulary words) {
  public SourceOptions {
    given = Set.copyOf(given);
    words = words == null ? Vocabulary.CLI : words;
  }

  /** Whether a base revision in a repository is known, for diffs against git. */
  public boolean hasBase() {
    return repository != null && base != null;
  }

  /** An input with these options' extras and commits. */
  public SourceInput input(String name, Path file) {
    return new SourceInput(name, java.util.List.of(file), extras, repository, base);
  }
}
