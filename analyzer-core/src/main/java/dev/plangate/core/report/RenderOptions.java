package dev.plangate.core.report;

/**
 * How a report is rendered where it is shown. Renderers ignore what does not apply to them
 * (colour in JSON, a size limit in SARIF).
 *
 * @param color terminal colour escapes (text)
 * @param maxChars the most characters the rendering may have, 0 for no limit: a pull-request
 *     comment or job summary (Markdown drops details, then rows, and says what it left out)
 */
public record RenderOptions(boolean color, int maxChars) {
  /** No colour, no size limit: what a report file holds. */
  public static final RenderOptions DEFAULT = new RenderOptions(false, 0);

  public RenderOptions {
    if (maxChars < 0) {
      throw new IllegalArgumentException("maxChars must be 0 (no limit) or positive: "
          + maxChars);
    }
  }

  public RenderOptions withColor(boolean on) {
    return new RenderOptions(on, maxChars);
  }

  public RenderOptions withMaxChars(int max) {
    return new RenderOptions(color, max);
  }
}
