package dev.plangate.core.authorship;

/**
 * One piece of evidence that an AI agent was involved.
 *
 * @param kind where it was seen: {@code trailer}, {@code author}, {@code committer},
 *     {@code message}, {@code branch}, {@code note}, {@code environment}
 * @param evidence the text that matched, as found (escape before rendering)
 * @param confidence how much it says
 * @param agent display name of the agent ({@code Claude Code}, {@code aider}, ...)
 */
public record Signal(String kind, String evidence, Confidence confidence, String agent) {

  /** Whether this signal alone marks AI involvement (HIGH or MEDIUM). */
  public boolean decides() {
    return confidence.decides();
  }
}
