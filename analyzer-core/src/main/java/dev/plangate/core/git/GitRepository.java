package dev.plangate.core.git;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * A git working tree, read through the real {@code git} executable.
 *
 * <p>Why the command line and not a library: CI images and developer machines already have git,
 * and only git itself agrees with git on trailers, shallow clones, notes, worktrees and the many
 * configuration knobs. Every read of many commits is one process ({@code git log} with a
 * NUL-separated format), so ten thousand commits take about a second.
 *
 * <p>Every failure is a {@link GitException} whose message names the repository or directory,
 * the revision and what went wrong, so that a gate can fail closed and say why.
 */
public final class GitRepository {
  /** The notes ref the git-ai standard writes agent attributions to. */
  public static final String AI_NOTES_REF = "refs/notes/ai";

  /**
   * {@code %H %P %an %ae %cn %ce %ct %B}, trailers, note: each field ends in NUL (which no commit
   * message, name or trailer can contain), the last one with the NUL {@code -z} ends commits with,
   * so a commit is exactly ten fields and a message can hold any other byte. Each trailer is one
   * line (unfolded, so values have no line feed) with key and value split by {@code 0x1f}, which a
   * trailer key cannot contain; a value may contain it, so only the first one splits. A note is a
   * blob and could hold a NUL: the fields would then be misaligned, the sha check of the next
   * commit fails and the read fails, closed.
   */
  private static final String LOG_FORMAT = "--format=%H%x00%P%x00%an%x00%ae%x00%cn%x00%ce%x00%ct"
      + "%x00%B%x00%(trailers:only,unfold,key_value_separator=%x1f)%x00";
  /** The note field; without a notes ref to show git would print {@code %N} literally. */
  private static final String NOTE_FIELD = "%N";
  private static final int LOG_FIELDS = 10;
  private static final char KEY_VALUE_SEPARATOR = '\u001f';
  private static final Pattern FULL_SHA = Pattern.compile("[0-9a-f]{40}|[0-9a-f]{64}");

  private final Path root;

  private GitRepository(Path root) {
    this.root = root;
  }

  /**
   * Opens the working tree that contains {@code dir}.
   *
   * @throws GitException when git is missing, or {@code dir} is not inside a working tree
   */
  public static GitRepository open(Path dir) throws GitException {
    Objects.requireNonNull(dir, "dir");
    GitProcess.Result r =
        GitProcess.run(dir, List.of("rev-parse", "--show-toplevel"), null);
    String top = r.exit() == 0 ? r.line() : "";
    if (r.exit() != 0 || top.isEmpty()) {
      String why = r.stderr().isEmpty() ? "git found no working tree there" : r.stderr();
      throw new GitException("not a git repository: " + dir + " (" + why + ")");
    }
    return new GitRepository(Path.of(top));
  }

  /** The top directory of the working tree. */
  public Path root() {
    return root;
  }

  /** True when this clone's history is cut off ({@code git clone --depth}). */
  public boolean isShallow() throws GitException {
    return git("rev-parse", "--is-shallow-repository").line().equals("true");
  }

  /**
   * The full name of the commit {@code rev} names, or empty when it names none here (unknown,
   * ambiguous, or not a commit).
   */
  public Optional<String> resolve(String rev) throws GitException {
    if (rev == null || rev.isEmpty() || rev.indexOf('\0') >= 0) {
      return Optional.empty();
    }
    List<String> args =
        List.of("rev-parse", "--verify", "--quiet", "--end-of-options", rev + "^{commit}");
    GitProcess.Result r = GitProcess.run(root, args, null);
    if (r.exit() == 0) {
      return Optional.of(r.line());
    }
    if (r.exit() == 1) {
      return Optional.empty();
    }
    throw GitProcess.failure(root, args, r);
  }

  /** The checked-out branch's short name, or null when HEAD is detached. */
  public String currentBranch() throws GitException {
    List<String> args = List.of("symbolic-ref", "--quiet", "--short", "HEAD");
    GitProcess.Result r = GitProcess.run(root, args, null);
    if (r.exit() == 0) {
      return r.line();
    }
    if (r.exit() == 1) {
      return null;
    }
    throw GitProcess.failure(root, args, r);
  }

  /**
   * The directory git runs hooks from: {@code core.hooksPath} when set (relative to the work
   * tree), else {@code .git/hooks} of this work tree's repository.
   */
  public Path hooksDirectory() throws GitException {
    String path = git("rev-parse", "--git-path", "hooks").line();
    return root.resolve(path).normalize();
  }

  /** The committer date of a commit. */
  public java.time.Instant commitTime(String rev) throws GitException {
    String sha = resolve(rev).orElseThrow(
        () -> new GitException("unknown revision '" + rev + "' in " + root));
    String epoch = git("log", "-1", "--format=%ct", sha).line();
    try {
      return java.time.Instant.ofEpochSecond(Long.parseLong(epoch.trim()));
    } catch (NumberFormatException e) {
      throw new GitException("git printed no commit date for " + sha + ": " + epoch);
    }
  }

  /**
   * The content of a file as committed in {@code rev} ({@code git show rev:path}), decoded as
   * UTF-8; used to read the old version of a template without touching the working tree.
   *
   * @param path relative to the top of the working tree, {@code /}-separated
   * @throws GitException when the revision is unknown, the file is not in it, or git fails
   */
  public String show(String rev, String path) throws GitException {
    return new String(showBytes(rev, path), StandardCharsets.UTF_8);
  }

  /** Like {@link #show} but the raw bytes, for callers that check the encoding themselves. */
  public byte[] showBytes(String rev, String path) throws GitException {
    String sha = resolve(rev).orElseThrow(
        () -> new GitException("unknown revision '" + rev + "' in " + root));
    if (!exists(sha, path)) {
      throw new GitException("'" + path + "' does not exist in " + rev + " (" + root + ")");
    }
    return git("show", "--no-textconv", "--end-of-options", sha + ":" + path).stdout();
  }

  /**
   * True when {@code rev} holds a file (not a directory) at {@code path}.
   *
   * @param path relative to the top of the working tree, {@code /}-separated
   * @throws GitException when the revision is unknown or git fails
   */
  public boolean exists(String rev, String path) throws GitException {
    String sha = resolve(rev).orElseThrow(
        () -> new GitException("unknown revision '" + rev + "' in " + root));
    List<String> args = List.of("cat-file", "-t", "--end-of-options", sha + ":" + path);
    GitProcess.Result r = GitProcess.run(root, args, null);
    return r.exit() == 0 && r.line().equals("blob");
  }

  /**
   * Every commit in {@code base..head}, oldest first in topological order, merges and both sides
   * of each merge included.
   *
   * <p>When {@code base} is not in a shallow clone, the range is returned incomplete (every commit
   * the clone has that head reaches) with {@link CommitRange#problem()} saying why; when the clone
   * has the base but the history between is cut off, likewise. A full clone without the base is an
   * error: the revision is wrong, not missing.
   *
   * @throws GitException when head does not resolve, base does not resolve in a full clone, or
   *     git fails
   */
  public CommitRange range(String base, String head) throws GitException {
    Objects.requireNonNull(base, "base");
    String headSha = resolveHead(head);
    Optional<String> baseSha = resolve(base);
    Set<String> shallowBoundary = shallowBoundary();
    if (baseSha.isPresent()) {
      List<Commit> commits = log(List.of(headSha, "^" + baseSha.get()));
      if (crossesShallowBoundary(commits, shallowBoundary)) {
        return new CommitRange(base, head, headSha, commits, false, cutOffProblem(base));
      }
      return new CommitRange(base, head, headSha, commits, true, null);
    }
    if (shallowBoundary == null) {
      throw new GitException("unknown revision '" + base + "' (base) in " + root
          + ": it is not in this repository's history (fetch it, or check the name)");
    }
    return new CommitRange(base, head, headSha, log(List.of(headSha)), false,
        shallowProblem(base));
  }

  /**
   * The commits a push of a new branch would send: reachable from {@code headSha} and from no
   * remote-tracking ref of {@code remote} ({@code refs/remotes/REMOTE/*}).
   *
   * <p>Why that remote only and not every remote: a commit already on some other remote (a fork,
   * a mirror) has not been through this remote's gate; counting it as pushed could let an
   * unchecked commit through. When {@code remote} is null or blank, every remote-tracking ref
   * counts. A remote given as a URL (git passes one when pushing to a URL) has no tracking refs,
   * so every reachable commit is listed: more to check, never less.
   *
   * @throws GitException when {@code headSha} does not resolve or git fails
   */
  public CommitRange unpushed(String headSha, String remote) throws GitException {
    String sha = resolveHead(headSha);
    List<String> revs = new ArrayList<>(List.of(sha, "--not"));
    revs.add(remote == null || remote.isBlank() ? "--remotes" : "--remotes=" + remote);
    List<Commit> commits = log(revs);
    if (crossesShallowBoundary(commits, shallowBoundary())) {
      return new CommitRange(null, headSha, sha, commits, false,
          "The history of " + headSha + " is cut off because the clone is shallow; fetch full"
              + " history (git fetch --unshallow); authorship is therefore unknown.");
    }
    return new CommitRange(null, headSha, sha, commits, true, null);
  }

  /**
   * Streams, for each given non-merge commit that touches {@code pathspecs}, its diff against its
   * parent: {@code git log -p -U0 -M} in one process, commits fed on standard input.
   *
   * @param shas full commit names (anything else is refused); merges are skipped
   * @param pathspecs git pathspecs relative to the top of the tree (see {@link #filesDirectlyIn})
   * @param each receives one commit's patch at a time, in the order of {@code shas}
   */
  public void patches(Collection<String> shas, List<String> pathspecs, Consumer<CommitPatch> each)
      throws GitException {
    if (shas.isEmpty() || pathspecs.isEmpty()) {
      return;
    }
    StringBuilder stdin = new StringBuilder(shas.size() * 41);
    for (String sha : shas) {
      // --stdin also takes options such as --all: only full commit names may go in
      if (!isFullSha(sha)) {
        throw new IllegalArgumentException("not a full commit name: " + sha);
      }
      stdin.append(sha).append('\n');
    }
    List<String> args = new ArrayList<>(List.of("-c", "core.quotePath=true", "log", "--stdin",
        "--no-walk=unsorted", "--no-merges", "-p", "-U0", "-M", "--root", "--no-color",
        "--no-ext-diff", "--no-textconv", "--no-relative", "--src-prefix=a/", "--dst-prefix=b/",
        "--no-show-signature", "--no-notes", "--encoding=UTF-8", "--format=%x00%H", "--"));
    args.addAll(pathspecs);
    String where = "git log -p in " + root;
    PatchParser parser = new PatchParser(each, where);
    GitProcess.Result r = GitProcess.stream(root, args,
        stdin.toString().getBytes(StandardCharsets.US_ASCII), parser::parse);
    if (r.exit() != 0) {
      throw new GitException(where + " failed (exit " + r.exit() + "): " + r.stderr());
    }
  }

  /**
   * A pathspec for the files directly in {@code directory} (not in its subdirectories) whose
   * names end in {@code suffix}. Both are taken literally: {@code *}, {@code ?}, {@code [} and
   * {@code \} in a directory name are escaped for git's {@code :(glob)} magic.
   *
   * @param directory repository-relative, {@code /}-separated, {@code ""} for the top
   */
  public static String filesDirectlyIn(String directory, String suffix) {
    String dir = directory.isEmpty() ? "" : escapeGlob(directory) + "/";
    return ":(top,glob)" + dir + "*" + escapeGlob(suffix);
  }

  /**
   * The problem sentence of a range whose base is missing from a shallow clone. Public so that
   * front ends and tests can recognise it.
   */
  public static String shallowProblem(String base) {
    return "The base revision " + base + " is not in this clone's history because the clone is"
        + " shallow; CI must fetch full history (e.g. actions/checkout `fetch-depth: 0`);"
        + " authorship is therefore unknown.";
  }

  /** The problem sentence of a range whose base is present but whose history is cut off. */
  public static String cutOffProblem(String base) {
    return "The history between the base revision " + base + " and the head is cut off because"
        + " the clone is shallow; CI must fetch full history (e.g. actions/checkout"
        + " `fetch-depth: 0`); authorship is therefore unknown.";
  }

  @Override
  public String toString() {
    return "GitRepository[" + root + "]";
  }

  // ------------------------------------------------------------------------------------------

  private String resolveHead(String head) throws GitException {
    return resolve(head).orElseThrow(
        () -> new GitException("unknown revision '" + head + "' (head) in " + root));
  }

  private GitProcess.Result git(String... args) throws GitException {
    return GitProcess.runOk(root, List.of(args), null);
  }

  /** The commits where a shallow clone's history is cut, or null when the clone is complete. */
  private Set<String> shallowBoundary() throws GitException {
    String[] lines = git("rev-parse", "--is-shallow-repository", "--git-path", "shallow")
        .line().split("\n");
    if (!lines[0].equals("true")) {
      return null;
    }
    if (lines.length < 2) {
      throw new GitException("git rev-parse in " + root + " did not name the shallow file");
    }
    Path file = root.resolve(lines[1]);
    try {
      return new HashSet<>(Files.readAllLines(file, StandardCharsets.US_ASCII));
    } catch (IOException e) {
      throw new GitException("cannot read the shallow boundary " + file + ": " + e.getMessage(), e);
    }
  }

  private static boolean crossesShallowBoundary(List<Commit> commits, Set<String> boundary) {
    if (boundary == null) {
      return false;
    }
    for (Commit c : commits) {
      if (boundary.contains(c.sha())) {
        return true;
      }
    }
    return false;
  }

  private boolean hasAiNotes() throws GitException {
    List<String> args = List.of("rev-parse", "--verify", "--quiet", AI_NOTES_REF);
    GitProcess.Result r = GitProcess.run(root, args, null);
    if (r.exit() > 1) {
      throw GitProcess.failure(root, args, r);
    }
    return r.exit() == 0;
  }

  /** Every commit {@code revs} select, oldest first, in one {@code git log}. */
  private List<Commit> log(List<String> revs) throws GitException {
    List<String> args = new ArrayList<>(List.of("log", "-z", "--topo-order", "--reverse",
        "--no-color", "--encoding=UTF-8", "--no-show-signature", "--no-use-mailmap", "--no-notes"));
    boolean notes = hasAiNotes();
    if (notes) {
      args.add("--notes=" + AI_NOTES_REF);
    }
    args.add(notes ? LOG_FORMAT + NOTE_FIELD : LOG_FORMAT);
    args.addAll(revs);
    args.add("--");
    GitProcess.Result r = GitProcess.runOk(root, args, null);
    return parseLog(r.stdout());
  }

  private List<Commit> parseLog(byte[] out) throws GitException {
    List<Commit> commits = new ArrayList<>();
    String[] f = new String[LOG_FIELDS];
    int field = 0;
    int start = 0;
    for (int i = 0; i < out.length; i++) {
      if (out[i] != 0) {
        continue;
      }
      f[field++] = new String(out, start, i - start, StandardCharsets.UTF_8);
      start = i + 1;
      if (field == LOG_FIELDS) {
        // the last field's NUL is the one -z writes after each commit
        commits.add(commit(f, commits.size()));
        field = 0;
      }
    }
    if (field != 0 || start != out.length) {
      throw badLog(commits.size(), "output ends inside a record");
    }
    return commits;
  }

  private static boolean isFullSha(String s) {
    return s != null && FULL_SHA.matcher(s).matches();
  }

  private Commit commit(String[] f, int index) throws GitException {
    String sha = f[0];
    if (!isFullSha(sha)) {
      throw badLog(index, "not a commit name: " + sha);
    }
    List<String> parents = f[1].isEmpty() ? List.of() : List.of(f[1].split(" "));
    Instant committedAt;
    try {
      committedAt = Instant.ofEpochSecond(Long.parseLong(f[6]));
    } catch (NumberFormatException e) {
      throw badLog(index, "bad committer date for " + sha);
    }
    String message = f[7];
    int eol = message.indexOf('\n');
    String subject = eol < 0 ? message : message.substring(0, eol);
    String note = stripTrailingNewlines(f[9]);
    return new Commit(sha, parents, f[2], f[3], f[4], f[5], committedAt, subject, message,
        trailers(f[8]), note.isEmpty() ? null : note);
  }

  private static List<Trailer> trailers(String field) {
    List<Trailer> trailers = new ArrayList<>();
    for (String line : field.split("\n")) {
      if (line.isEmpty()) {
        continue;
      }
      int sep = line.indexOf(KEY_VALUE_SEPARATOR);
      trailers.add(sep < 0 ? new Trailer(line, "")
          : new Trailer(line.substring(0, sep), line.substring(sep + 1)));
    }
    return trailers;
  }

  private static String stripTrailingNewlines(String s) {
    int end = s.length();
    while (end > 0 && s.charAt(end - 1) == '\n') {
      end--;
    }
    return s.substring(0, end);
  }

  private GitException badLog(int index, String what) {
    return new GitException("unexpected output from git log in " + root + " (commit " + (index + 1)
        + "): " + what);
  }

  private static String escapeGlob(String s) {
    StringBuilder sb = new StringBuilder(s.length() + 4);
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '*' || c == '?' || c == '[' || c == ']' || c == '\\') {
        sb.append('\\');
      }
      sb.append(c);
    }
    return sb.toString();
  }
}
