package dev.plangate.core.catalog;

/**
 * Whether destroyed data can come back.
 *
 * @param recoverable true, false, or null when the attributes do not tell
 * @param because the catalogue's plain-language reason, or null
 */
public record Recoverability(Boolean recoverable, String because) {
  public static final Recoverability UNKNOWN = new Recoverability(null, null);
}
