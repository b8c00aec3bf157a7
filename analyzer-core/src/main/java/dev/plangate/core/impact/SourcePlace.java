package dev.plangate.core.impact;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A file and line a finding can be shown at, as the inputs name them (relative to where the
 * plan was read, or repository-relative for a commit).
 *
 * @param file the path
 * @param line 1-based, or 0 when only the file is known
 * @param inRepository true when {@code file} is relative to the repository root (a commit's
 *     file), false when it is as the user named it (a plan, a template)
 */
public record SourcePlace(String file, int line, boolean inRepository) {
  private static final Pattern FILE_LINE = Pattern.compile("(.+):([1-9][0-9]{0,8})");

  /**
   * Where to point a reader, best first: the declaration ({@link Finding#location()}), the
   * lines of the commits that caused it, then the plan file itself.
   */
  public static List<SourcePlace> candidates(Finding f) {
    List<SourcePlace> out = new ArrayList<>();
    if (f.location() != null) {
      Matcher m = FILE_LINE.matcher(f.location());
      out.add(m.matches() ? new SourcePlace(m.group(1), Integer.parseInt(m.group(2)), false)
          : new SourcePlace(f.location(), 0, false));
    }
    f.attribution().forEach(a -> out.add(new SourcePlace(a.file(), Math.max(a.line(), 0),
        true)));
    out.add(new SourcePlace(f.plan(), 0, false));
    return out;
  }
}
