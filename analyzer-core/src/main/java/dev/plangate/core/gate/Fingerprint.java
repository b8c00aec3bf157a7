package dev.plangate.core.gate;

import dev.plangate.core.impact.Finding;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;

/**
 * A stable name for a set of destructive changes, so that an approval binds to what was reviewed:
 * a later push that changes what is destroyed gets a different fingerprint and voids it.
 *
 * <p>Only address, deposed key, action and reason of each finding go in, sorted, so plan file
 * names, timestamps, ordering and unrelated changes do not move it. Duplicates are kept: the
 * same address destroyed in two plans (two workspaces, two stacks) is two destroys. Sixteen hex digits (64 bits
 * of SHA-256) keep it short enough to quote and far beyond accidental collision.
 */
public final class Fingerprint {
  private static final String VERSION = "plangate-fingerprint-v1";

  private Fingerprint() {}

  public static String of(List<Finding> findings) {
    List<String> lines = findings.stream()
        .map(f -> String.join("\t", f.address(), Objects.toString(f.deposed(), ""),
            f.action().id(), Objects.toString(f.reason(), "")))
        .sorted()
        .toList();
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      sha.update(VERSION.getBytes(StandardCharsets.UTF_8));
      for (String line : lines) {
        sha.update((byte) '\n');
        sha.update(line.getBytes(StandardCharsets.UTF_8));
      }
      return HexFormat.of().formatHex(sha.digest()).substring(0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }
}
