package dev.plangate.core.policy;

/**
 * A policy file that cannot be used. The message names the file, the line and column when
 * known, and what is wrong: {@code .plangate.yml:4:3: unknown key "aproval" (did you mean
 * "approval"?)}.
 */
public final class PolicyException extends Exception {
  public PolicyException(String message) {
    super(message);
  }

  public PolicyException(String message, Throwable cause) {
    super(message, cause);
  }
}
