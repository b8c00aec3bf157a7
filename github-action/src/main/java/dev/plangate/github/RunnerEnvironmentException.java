package dev.plangate.github;

/**
 * The runner's environment or event file is missing or unusable; the message is one line that
 * names the variable or file and what is wrong with it.
 */
public final class RunnerEnvironmentException extends Exception {
  private static final long serialVersionUID = 1L;

  public RunnerEnvironmentException(String message) {
    super(message, null, false, false);
  }
}
