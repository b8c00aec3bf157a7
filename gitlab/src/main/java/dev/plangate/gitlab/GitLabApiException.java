package dev.plangate.gitlab;

/** A GitLab API call failed; the message is one line, names the call and never the token. */
public final class GitLabApiException extends Exception {
  private final int status;

  GitLabApiException(int status, String message) {
    super(message);
    this.status = status;
  }

  /** The HTTP status, or 0 when there was no answer. */
  public int status() {
    return status;
  }
}
