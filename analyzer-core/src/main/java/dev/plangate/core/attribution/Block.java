package dev.plangate.core.attribution;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The header of an HCL block that declares something a plan can destroy: {@code resource "T"
 * "N"}, {@code data "T" "N"} or {@code module "N"}. Read from single diff lines, so it tolerates
 * any spacing, labels with or without quotes, and a body or comment on the same line.
 *
 * @param kind {@code resource}, {@code data} or {@code module}
 * @param type resource type, or null for a module
 * @param name the block's name label
 */
record Block(String kind, String type, String name) {
  private static final String LABEL = "(?:\"([^\"]*)\"|([A-Za-z_][A-Za-z0-9_-]*))";
  private static final String REST = "\\s*(?:\\{.*|#.*|//.*|/\\*.*)?$";
  private static final Pattern TWO_LABELS =
      Pattern.compile("^\\s*(resource|data)\\s+" + LABEL + "\\s+" + LABEL + REST);
  private static final Pattern ONE_LABEL = Pattern.compile("^\\s*module\\s+" + LABEL + REST);

  static Block module(String name) {
    return new Block("module", null, name);
  }

  static Block resource(boolean data, String type, String name) {
    return new Block(data ? "data" : "resource", type, name);
  }

  /** The block a line opens, or null when it opens none of interest. */
  static Block parse(String line) {
    int i = 0;
    while (i < line.length() && Character.isWhitespace(line.charAt(i))) {
      i++;
    }
    if (i == line.length()) {
      return null;
    }
    char c = line.charAt(i);
    if (c == 'r' || c == 'd') {
      Matcher m = TWO_LABELS.matcher(line);
      if (m.matches()) {
        return new Block(m.group(1), label(m, 2), label(m, 4));
      }
    } else if (c == 'm') {
      Matcher m = ONE_LABEL.matcher(line);
      if (m.matches()) {
        return module(label(m, 1));
      }
    }
    return null;
  }

  private static String label(Matcher m, int quotedGroup) {
    String quoted = m.group(quotedGroup);
    return quoted != null ? quoted : m.group(quotedGroup + 1);
  }

  /** True when {@code other} could be this block renamed: same kind and, for resources, type. */
  boolean sameKindAs(Block other) {
    return kind.equals(other.kind) && java.util.Objects.equals(type, other.type);
  }

  /** As people write it: {@code resource "T" "N"}, {@code module "N"}. */
  @Override
  public String toString() {
    return type == null ? kind + " \"" + name + "\""
        : kind + " \"" + type + "\" \"" + name + "\"";
  }
}
