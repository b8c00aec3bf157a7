package dev.plangate.core.gate;

/**
 * One sentence of the gate's justification, with what it is about, so renderers can place it
 * (a finding's sentence beside the finding, the authorship in "Why AI:") without parsing text.
 *
 * @param kind what the sentence is about
 * @param text the sentence (from input in part: escape before rendering)
 * @param finding the finding it is about ({@link GateResult#id}), or null
 * @param waiver for a waived finding, the waiver in a few words ("until 2026-02-01 (line 7:
 *     reason)"), which renderers show beside it; else null
 */
public record Reason(Kind kind, String text, String finding, String waiver) {
  public Reason(Kind kind, String text) {
    this(kind, text, null, null);
  }

  /** What a reason is about. */
  public enum Kind {
    /** An input could not be read. */
    ERROR,
    /** Who wrote the change and why that needs an approval. */
    AUTHORSHIP,
    /** One finding and the commit that caused it. */
    FINDING,
    /** One finding a protect rule forbids. */
    PROTECTED,
    /** How to approve, or who approved. */
    APPROVAL,
    /** Anything else worth reading: a human-only warning, an expired waiver, a summary. */
    NOTE
  }

  @Override
  public String toString() {
    return text;
  }
}
