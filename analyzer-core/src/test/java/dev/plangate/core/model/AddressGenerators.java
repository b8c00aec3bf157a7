package dev.plangate.core.model;

import org.quicktheories.core.Gen;
import org.quicktheories.generators.SourceDSL;

/** Generators of the parts of Terraform addresses, for property tests. */
public final class AddressGenerators {
  private AddressGenerators() {}

  /** A name: one to six lower-case letters. */
  public static Gen<String> identifiers() {
    return SourceDSL.strings().betweenCodePoints('a', 'z').ofLengthBetween(1, 6);
  }

  /**
   * An instance key as written: none (null), a number, or a quoted string of any basic Latin
   * characters, with quotes and backslashes escaped as Terraform writes them.
   */
  public static Gen<String> keys() {
    return SourceDSL.integers().between(0, 3).zip(
        SourceDSL.strings().basicLatinAlphabet().ofLengthBetween(0, 6), (kind, s) -> switch (kind) {
          case 0 -> null;
          case 1 -> String.valueOf(s.length());
          default -> "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
        });
  }
}
