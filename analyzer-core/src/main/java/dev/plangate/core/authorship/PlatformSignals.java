package dev.plangate.core.authorship;

import java.util.List;
import java.util.Map;

/**
 * Signals a code host asserts itself, beyond what git history says: the account that opened the
 * pull request, the accounts the host resolved for each commit. A git commit's author line is
 * whatever the committer typed; a GitHub App account ({@code type: Bot}) cannot be forged by a
 * person, so these signals are the strongest there are.
 *
 * @param change signals about the whole change (the pull request's author)
 * @param byCommit signals per full commit sha
 */
public record PlatformSignals(List<Signal> change, Map<String, List<Signal>> byCommit) {
  public PlatformSignals {
    change = List.copyOf(change);
    byCommit = Map.copyOf(byCommit);
  }

  public static PlatformSignals none() {
    return new PlatformSignals(List.of(), Map.of());
  }
}
