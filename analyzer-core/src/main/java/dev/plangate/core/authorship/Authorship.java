package dev.plangate.core.authorship;

import java.util.List;

/**
 * Who wrote a change.
 *
 * @param aiInvolved true when any commit, the branch or the pushing process shows an AI agent;
 *     false only when every commit of a complete, non-empty range was read and none did; null
 *     when unknown (no range given, history cut off, a range that holds no commit)
 * @param commits one entry per commit in the range, oldest first
 * @param signals signals that belong to no single commit: branch name, agent environment
 * @param notes sentences on what limited the answer (shallow clone, no range given)
 */
public record Authorship(
    Boolean aiInvolved, List<CommitAuthorship> commits, List<Signal> signals, List<String> notes) {
  public Authorship {
    commits = List.copyOf(commits);
    signals = List.copyOf(signals);
    notes = List.copyOf(notes);
  }

  /** Nothing known: no commit range was read. */
  public static Authorship unknown(String why) {
    return new Authorship(null, List.of(), List.of(), List.of(why));
  }

  public List<CommitAuthorship> aiCommits() {
    return commits.stream().filter(CommitAuthorship::ai).toList();
  }
}
