package dev.plangate.core.authorship;

import dev.plangate.core.git.Commit;
import java.util.List;

/**
 * What one commit says about who wrote it.
 *
 * @param sha full commit name
 * @param author {@code Name <email>}
 * @param subject first line of the message
 * @param ai true when a HIGH or MEDIUM signal matched
 * @param agent the agent of the strongest signal, or null
 * @param signals every signal, strongest first
 */
public record CommitAuthorship(
    String sha, String author, String subject, boolean ai, String agent, List<Signal> signals) {
  public CommitAuthorship {
    signals = List.copyOf(signals);
  }

  public String shortSha() {
    return Commit.shortSha(sha);
  }
}
