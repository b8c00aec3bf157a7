package dev.plangate.github;

import dev.plangate.core.authorship.Confidence;
import dev.plangate.core.authorship.PlatformSignals;
import dev.plangate.core.authorship.Signal;
import dev.plangate.core.authorship.SignalCatalog;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What GitHub itself asserts about who wrote a pull request: the account that opened it and the
 * accounts behind its commits. An App account cannot be registered by a person, so a pull
 * request opened by {@code Copilot} or {@code claude[bot]} is AI-authored whatever its commits
 * say; dependency bots (dependabot, renovate) are apps but not agents.
 */
final class Identities {
  private Identities() {}

  /**
   * @param openedVia the slug of the GitHub App the pull request was opened through (the
   *     issue's {@code performed_via_github_app}: an agent acting with a person's user token),
   *     or null
   */
  static PlatformSignals of(PullRequest pr, List<PullRequestCommit> commits, Timeline timeline,
      String openedVia, SignalCatalog catalog) {
    List<Signal> change = new ArrayList<>();
    account(catalog, pr.author(), "pull-request author", true).ifPresent(change::add);
    if (openedVia != null) {
      Account app = new Account(openedVia + "[bot]", 0, "Bot");
      account(catalog, app, "opened through the GitHub App " + openedVia, true)
          .ifPresent(change::add);
    }
    for (Timeline.ForcePush p : timeline.forcePushes()) {
      account(catalog, p.actor(), "force-push", false).ifPresent(change::add);
    }
    Map<String, List<Signal>> byCommit = new HashMap<>();
    for (PullRequestCommit c : commits) {
      // The API resolves accounts from emails anyone can type; only a verified signature ties
      // the commit to the account.
      if (!c.verified()) {
        continue;
      }
      List<Signal> found = new ArrayList<>();
      account(catalog, c.author(), "verified commit author", false).ifPresent(found::add);
      if (!c.committer().sameAs(c.author().login())) {
        account(catalog, c.committer(), "verified committer", false).ifPresent(found::add);
      }
      if (!found.isEmpty()) {
        byCommit.put(c.sha(), found);
      }
    }
    return new PlatformSignals(change, byCommit);
  }

  /**
   * A signal for an agent's account; for any other App only when {@code unknownAppsCount}
   * (an unknown App that opens a pull request is treated as an agent, fail-closed).
   */
  private static Optional<Signal> account(SignalCatalog catalog, Account who, String kind,
      boolean unknownAppsCount) {
    if (!who.exists() || catalog.isNonAiBot(who.login())) {
      return Optional.empty();
    }
    Optional<String> agent = catalog.agentForGitHubAccount(who.login(), who.id());
    if (agent.isPresent()) {
      return Optional.of(new Signal(kind, who.describe(), Confidence.HIGH, agent.get()));
    }
    if (who.isApp() && unknownAppsCount) {
      return Optional.of(new Signal(kind, who.describe(), Confidence.MEDIUM,
          who.login() + " (a GitHub App not known to be an AI agent)"));
    }
    return Optional.empty();
  }
}
