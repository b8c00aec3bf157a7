package dev.plangate.github;

/** The pull request could not be read or checked; the gate exits 2 with this one line. */
public final class GitHubCheckException extends Exception {
  public GitHubCheckException(String message) {
    super(message);
  }
}
