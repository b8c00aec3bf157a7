package dev.plangate.core.impact;

/** Counting words shared by the gate's reasons and the renderers, so both say it the same way. */
public final class Phrases {
  private Phrases() {}

  /** "1 resource", "3 resources". */
  public static String plural(long n, String one, String many) {
    return n + " " + (n == 1 ? one : many);
  }

  /**
   * "destroys 2 resources", "replaces 1 resource", "destroys 3 and replaces 2 resources", and,
   * where the noun would follow a lone 1, "destroys 3 resources and replaces 1".
   */
  public static String counts(long destroys, long replaces) {
    if (replaces == 0) {
      return "destroys " + plural(destroys, "resource", "resources");
    }
    if (destroys == 0) {
      return "replaces " + plural(replaces, "resource", "resources");
    }
    if (replaces == 1) {
      return "destroys " + plural(destroys, "resource", "resources") + " and replaces 1";
    }
    return "destroys " + destroys + " and replaces " + replaces + " resources";
  }
}
