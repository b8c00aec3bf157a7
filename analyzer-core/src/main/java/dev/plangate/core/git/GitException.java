package dev.plangate.core.git;

/** git could not answer: not a repository, unknown revision, git missing. The message says which. */
public final class GitException extends Exception {
  public GitException(String message) {
    super(message);
  }

  public GitException(String message, Throwable cause) {
    super(message, cause);
  }
}
