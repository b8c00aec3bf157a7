package dev.plangate.core.policy;

import java.util.List;
import java.util.stream.Stream;

/**
 * Which policy is in force and how it came to be: the file and revision it was read from, what
 * the change under review tried to loosen (ignored), and anything else a reader of the report
 * must know about it. Every report says this, so a policy is never silently replaced.
 *
 * @param path the policy file, repository-relative where it lives in the repository; null when
 *     no file exists there and the built-in defaults apply
 * @param revision the commit or branch the file was read at, e.g. {@code origin/main (1a2b3c4)};
 *     null when it was read from the working tree (or a file named on the command line)
 * @param loosened what the change's own version tried to loosen, one plain sentence each; the
 *     base's rule applies instead
 * @param notes other things to know (the base had no policy file, the change adds one, ...)
 */
public record PolicyOrigin(String path, String revision, List<String> loosened,
    List<String> notes) {

  public PolicyOrigin {
    loosened = List.copyOf(loosened);
    notes = List.copyOf(notes);
  }

  /** A file read as it is, with nothing to compare it with. */
  public static PolicyOrigin file(String path) {
    return new PolicyOrigin(path, null, List.of(), List.of());
  }

  /** The same origin with more notes. */
  public PolicyOrigin withNotes(List<String> more) {
    return new PolicyOrigin(path, revision, loosened,
        Stream.concat(notes.stream(), more.stream()).toList());
  }

  /** "{@code .plangate.yml at origin/main (1a2b3c4)}", or "the built-in defaults". */
  public String describe() {
    String what = path == null ? "the built-in defaults" : path;
    if (revision == null) {
      return what + (path == null ? "" : " (working tree)");
    }
    return what + (path == null ? " (no policy file at " : " at ") + revision
        + (path == null ? ")" : "");
  }
}
