package dev.plangate.core.git;

/**
 * One removed or added line of a diff.
 *
 * @param number line number in the old file (removed lines) or the new file (added lines)
 * @param text the line without its {@code -}/{@code +} marker and without the line feed
 */
public record PatchLine(int number, String text) {}
