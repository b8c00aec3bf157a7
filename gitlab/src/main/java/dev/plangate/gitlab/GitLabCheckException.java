package dev.plangate.gitlab;

/** The merge request could not be read, so nothing can be decided: exit 2 with this line. */
public final class GitLabCheckException extends Exception {
  public GitLabCheckException(String message) {
    super(message);
  }
}
