package dev.plangate.core.git;

/** One commit-message trailer as {@code git interpret-trailers} parses it: key as written. */
public record Trailer(String key, String value) {
  /** {@code Key: value}, for evidence strings. */
  @Override
  public String toString() {
    return key + ": " + value;
  }
}
