package dev.plangate.core.pulumi;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * A Pulumi resource URN, {@code urn:pulumi:<stack>::<project>::<qualifiedType>::<name>}.
 *
 * <p>The qualified type is the chain of parent types joined by {@code $}, ending in the resource's
 * own type: {@code aws:s3/bucket:Bucket$aws:s3:BucketEventSubscription$aws:iam/role:Role}. It is
 * split the way the Pulumi SDK splits it ({@code sdk/go/common/resource/urn/urn.go}): on the first
 * three {@code ::} only, because the name may itself contain {@code ::}.
 *
 * @param urn the URN as written
 * @param stack the stack name
 * @param project the project name
 * @param qualifiedType parent types and own type, joined by {@code $}
 * @param name the resource name given in the program
 */
public record PulumiUrn(String urn, String stack, String project, String qualifiedType,
    String name) {
  private static final String PREFIX = "urn:pulumi:";
  private static final String SEPARATOR = "::";

  public PulumiUrn {
    Objects.requireNonNull(urn, "urn");
    Objects.requireNonNull(qualifiedType, "qualifiedType");
    Objects.requireNonNull(name, "name");
  }

  /**
   * Parses a URN.
   *
   * @throws IllegalArgumentException when {@code text} is not a Pulumi URN
   */
  public static PulumiUrn parse(String text) {
    if (text == null || !text.startsWith(PREFIX)) {
      throw new IllegalArgumentException("not a Pulumi URN (no urn:pulumi: prefix): " + text);
    }
    // indexOf, not String.split: every URN of a plan is parsed several times, and split
    // compiles its pattern on each call (six times slower under the launcher's C1).
    String[] parts = new String[3];
    int from = PREFIX.length();
    for (int i = 0; i < 3; i++) {
      int at = text.indexOf(SEPARATOR, from);
      if (at < 0) {
        throw new IllegalArgumentException(
            "not a Pulumi URN (expected stack::project::type::name): " + text);
      }
      parts[i] = text.substring(from, at);
      from = at + SEPARATOR.length();
    }
    if (parts[2].isEmpty()) {
      throw new IllegalArgumentException("not a Pulumi URN (empty type): " + text);
    }
    return new PulumiUrn(text, parts[0], parts[1], parts[2], text.substring(from));
  }

  /** Like {@link #parse}, but null when {@code text} is not a Pulumi URN. */
  public static PulumiUrn tryParse(String text) {
    try {
      return parse(text);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  /** The own type of {@code urn}, or {@code otherwise} when it is not a Pulumi URN. */
  static String typeOf(String urn, String otherwise) {
    PulumiUrn parsed = tryParse(urn);
    return parsed == null ? otherwise : parsed.type();
  }

  /** The resource's own type token: the last {@code $} segment of the qualified type. */
  public String type() {
    int dollar = qualifiedType.lastIndexOf('$');
    return dollar < 0 ? qualifiedType : qualifiedType.substring(dollar + 1);
  }

  /** The types of the parents, outermost first; empty for a top-level resource. */
  public List<String> parentTypes() {
    String[] all = qualifiedType.split("\\$");
    return List.of(Arrays.copyOf(all, all.length - 1));
  }

  /** {@code <own type>::<name>}: how plangate names the resource when that is unambiguous. */
  public String shortForm() {
    return type() + SEPARATOR + name;
  }

  /** {@code <qualified type>::<name>}: unique within one stack. */
  public String qualifiedForm() {
    return qualifiedType + SEPARATOR + name;
  }
}
