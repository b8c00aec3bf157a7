package dev.plangate.core.source;

import java.nio.file.Path;

/**
 * What a source sees of a file when it decides whether the file is its format.
 *
 * @param file the file as given
 * @param head its first bytes, up to {@link Sources#SNIFF_BYTES} (empty for a binary plan)
 * @param binaryPlan whether it is a binary {@code terraform plan -out} file (a zip archive)
 */
public record Probe(Path file, byte[] head, boolean binaryPlan) {}
