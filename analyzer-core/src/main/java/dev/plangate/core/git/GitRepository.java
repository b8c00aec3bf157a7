package dev.plangate.core.git;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
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

  /** Revisions longer than this are refused before git sees them (no real one comes close). */
  static final int MAX_REVISION_LENGTH = 1024;
  /** How much of a refused revision an error message quotes. */
  private static final int SHOWN_REVISION_LENGTH = 120;
  private static final Pattern FULL_SHA = Pattern.compile("[0-9a-f]{40}|[0-9a-f]{64}");
  private static final Pattern GLOB_MAGIC = Pattern.compile("[*?\\[\\]\\\\]");

  private final Path root;
  /** {@code $GIT_COMMON_DIR/shallow}: it exists exactly when the clone is shallow. */
  private final Path shallowFile;

  private GitRepository(Path root, Path shallowFile) {
    this.root = root;
    this.shallowFile = shallowFile;
  }

  /**
   * Opens the working tree that contains {@code dir}.
   *
   * @throws GitException when git is missing, or {@code dir} is not inside a working tree
   */
  public static GitRepository open(Path dir) throws GitException {
    Objects.requireNonNull(dir, "dir");
    GitProcess.Result r = GitProcess.run(dir,
        List.of("rev-parse", "--show-toplevel", "--git-path", "shallow"), null);
    String[] lines = r.exit() == 0 ? r.line().split("\n", -1) : new String[0];
    if (lines.length != 2 || lines[0].isEmpty() || lines[1].isEmpty()) {
      String why = r.exit() != 0 && !r.stderr().isEmpty() ? r.stderr()
          : lines.length > 2 ? "its path holds a line feed, which plangate does not support"
          : "git found no working tree there";
      throw new GitException("not a git repository: " + dir + " (" + why + ")");
    }
    // --git-path answers relative to the directory git ran in, which is dir
    return new GitRepository(Path.of(lines[0]),
        dir.toAbsolutePath().resolve(lines[1]).normalize());
  }

  public Path root() {
    return root;
  }

  /** True when this clone's history is cut off ({@code git clone --depth}). */
  public boolean isShallow() {
    return Files.exists(shallowFile);
  }

  /**
   * The full name of the commit {@code rev} names, or empty when it names none here (unknown,
   * ambiguous, or not a commit).
   */
  public Optional<String> resolve(String rev) throws GitException {
    if (unusable(rev) != null) {
      return Optional.empty();
    }
    return lineUnlessExit1("rev-parse", "--verify", "--quiet", "--end-of-options",
        rev + "^{commit}");
  }

  /** The checked-out branch's short name, or null when HEAD is detached. */
  public String currentBranch() throws GitException {
    return lineUnlessExit1("symbolic-ref", "--quiet", "--short", "HEAD").orElse(null);
  }

  /**
   * The remote-tracking branch {@code HEAD}'s branch follows ({@code origin/main}), or empty when
   * HEAD is detached or its branch has no upstream.
   */
  public Optional<String> upstream() throws GitException {
    GitProcess.Result r = GitProcess.run(root,
        List.of("rev-parse", "--abbrev-ref", "--symbolic-full-name", "@{upstream}"), null);
    return r.exit() == 0 && !r.line().isEmpty() ? Optional.of(r.line()) : Optional.empty();
  }

  /**
   * The remote-tracking branch of the repository's default branch: {@code origin/HEAD} as the
   * clone recorded it, else {@code origin/main}, else {@code origin/master}; empty when the clone
   * has none of them.
   */
  public Optional<String> defaultBranch() throws GitException {
    GitProcess.Result r = GitProcess.run(root,
        List.of("symbolic-ref", "--quiet", "refs/remotes/origin/HEAD"), null);
    String prefix = "refs/remotes/";
    if (r.exit() == 0 && r.line().startsWith(prefix + "origin/")) {
      String name = r.line().substring(prefix.length());
      if (resolve(r.line()).isPresent()) {
        return Optional.of(name);
      }
    }
    for (String candidate : List.of("origin/main", "origin/master")) {
      if (resolve(prefix + candidate).isPresent()) {
        return Optional.of(candidate);
      }
    }
    return Optional.empty();
  }

  /**
   * The best common ancestor of two revisions ({@code git merge-base}), or empty when they have
   * none (unrelated histories, or a shallow clone that cut it off).
   *
   * @throws GitException when either revision is unknown or git fails
   */
  public Optional<String> mergeBase(String a, String b) throws GitException {
    requireUsable(a, null);
    requireUsable(b, null);
    String shaA = resolve(a).orElseThrow(() -> unknownRevision(a, null));
    String shaB = resolve(b).orElseThrow(() -> unknownRevision(b, null));
    return lineUnlessExit1("merge-base", shaA, shaB);
  }

  /** The output's line when git exits 0, empty when it exits 1 (the answer is no), else fails. */
  private Optional<String> lineUnlessExit1(String... args) throws GitException {
    GitProcess.Result r = GitProcess.run(root, List.of(args), null);
    if (r.exit() == 0) {
      return Optional.of(r.line());
    }
    if (r.exit() == 1) {
      return Optional.empty();
    }
    throw GitProcess.failure(root, List.of(args), r);
  }

  /**
   * The directory git runs hooks from: {@code core.hooksPath} when set (relative to the work
   * tree), else {@code .git/hooks} of this work tree's repository.
   */
  public Path hooksDirectory() throws GitException {
    String path =
        GitProcess.runOk(root, List.of("rev-parse", "--git-path", "hooks"), null).line();
    return root.resolve(path).normalize();
  }

  public Instant commitTime(String rev) throws GitException {
    requireUsable(rev, null);
    GitProcess.Result r = GitProcess.run(root, List.of("log", "-1", "--no-notes", "--format=%ct",
        "--end-of-options", rev + "^{commit}", "--"), null);
    if (r.exit() != 0) {
      throw unknownRevision(rev, null);
    }
    String epoch = r.line();
    try {
      return Instant.ofEpochSecond(Long.parseLong(epoch.trim()));
    } catch (NumberFormatException e) {
      throw new GitException("git printed no commit date for " + shown(rev) + ": " + epoch);
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
    GitProcess.Result r = blob("blob", rev, path);
    if (r.exit() != 0) {
      throw notInRevision(rev, path);
    }
    return r.stdout();
  }

  /**
   * The size in bytes of the file at {@code path} in {@code rev}, asked without reading it.
   *
   * @throws GitException when the revision is unknown, the file is not in it, or git fails
   */
  public long size(String rev, String path) throws GitException {
    GitProcess.Result r = blob("-s", rev, path);
    try {
      if (r.exit() == 0) {
        return Long.parseLong(r.line().trim());
      }
    } catch (NumberFormatException e) {
      // fall through: git printed something that is not a size
    }
    throw notInRevision(rev, path);
  }

  private GitException notInRevision(String rev, String path) {
    return new GitException("'" + shown(path) + "' does not exist in " + shown(rev) + " ("
        + root + ")");
  }

  /**
   * True when {@code rev} holds a file (not a directory) at {@code path}.
   *
   * @param path relative to the top of the working tree, {@code /}-separated
   * @throws GitException when the revision is unknown or git fails
   */
  public boolean exists(String rev, String path) throws GitException {
    GitProcess.Result r = blob("-t", rev, path);
    return r.exit() == 0 && r.line().equals("blob");
  }

  /**
   * {@code git cat-file MODE rev:path} in one process; when that fails, the revision is checked
   * (a second process, on the failure path only) so that an unknown revision is an error and not
   * a missing file.
   */
  private GitProcess.Result blob(String mode, String rev, String path) throws GitException {
    requireUsable(rev, null);
    if (path == null || path.indexOf('\0') >= 0) {
      throw new GitException("not a file path: '" + shown(String.valueOf(path)) + "'");
    }
    GitProcess.Result r = GitProcess.run(root,
        List.of("cat-file", mode, "--end-of-options", rev + "^{commit}:" + path), null);
    if (r.exit() != 0 && resolve(rev).isEmpty()) {
      throw unknownRevision(rev, null);
    }
    return r;
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
    requireUsable(head, "head");
    requireUsable(base, "base");
    LogRead read = log(List.of("--end-of-options", head + "^{commit}",
        "^" + base + "^{commit}"));
    List<Commit> commits = read.commits();
    if (commits != null) {
      String headSha = headOf(commits, head);
      String problem = commits.isEmpty() ? emptyProblem(base, head, headSha)
          : crossesShallowBoundary(commits) ? becauseShallow("The history between the base"
              + " revision " + base + " and the head is cut off") : null;
      return new CommitRange(base, head, headSha, commits, problem);
    }
    // git refused a revision: find out which, and whether a shallow clone explains it
    String headSha = resolveHead(head);
    if (resolve(base).isPresent()) {
      throw read.failure();
    }
    if (!isShallow()) {
      throw new GitException(revision("unknown", base, "base")
          + ": it is not in this repository's history (fetch it, or check the name)");
    }
    return new CommitRange(base, head, headSha, log(List.of(headSha)).orThrow(),
        becauseShallow("The base revision " + base + " is not in this clone's history"));
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
    requireUsable(headSha, "head");
    // "--not X --not" excludes X and leaves the head after --end-of-options a positive revision;
    // the remote is a name, not a pattern: "*" or "[ab]" in a URL must not match other remotes
    LogRead read = log(List.of("--not",
        remote == null || remote.isBlank() ? "--remotes" : "--remotes=" + escapeGlob(remote) + "/*",
        "--not", "--end-of-options", headSha + "^{commit}"));
    if (read.commits() == null) {
      resolveHead(headSha);
      throw read.failure();
    }
    List<Commit> commits = read.commits();
    String sha = headOf(commits, headSha);
    String where = remote == null || remote.isBlank() ? "a remote" : remote;
    String problem = commits.isEmpty() ? "Every commit of " + headSha + " is already on " + where
        + ", so there is no commit of this push to read and authorship is unknown: a plan that"
        + " destroys is not attributed to anyone. If nothing of this push changes"
        + " infrastructure, the plan should destroy nothing."
        : crossesShallowBoundary(commits) ? "The history of " + headSha + " is cut off because"
            + " the clone is shallow; fetch full history (git fetch --unshallow); authorship is"
            + " therefore unknown."
        : null;
    return new CommitRange(null, headSha, sha, commits, problem);
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
    List<String> args = new ArrayList<>(List.of("-c", "core.quotePath=true", "log", "--stdin",
        "--no-walk=unsorted", "--no-merges", "-p", "-U0", "-M", "--root", "--no-color",
        "--no-ext-diff", "--no-textconv", "--no-relative", "--src-prefix=a/", "--dst-prefix=b/",
        "--no-show-signature", "--no-notes", "--encoding=UTF-8", "--format=%x00%H", "--"));
    args.addAll(pathspecs);
    String where = "git log -p in " + root;
    PatchParser parser = new PatchParser(each, where);
    GitProcess.Result r = GitProcess.stream(root, args, stdin(shas), parser::parse);
    if (r.exit() != 0) {
      throw new GitException(where + " failed (exit " + r.exit() + "): " + r.stderr());
    }
  }

  /**
   * The paths each commit changes against its first parent (every path of a root commit),
   * repository-relative and {@code /}-separated, in the order of {@code shas}. A merge counts by
   * what it brings to the branch it was made on: its diff against the first parent.
   *
   * @param shas full commit names (anything else is refused)
   */
  public Map<String, List<String>> changedPaths(Collection<String> shas) throws GitException {
    Map<String, List<String>> out = new java.util.LinkedHashMap<>();
    if (shas.isEmpty()) {
      return out;
    }
    // \1 starts a commit; -z ends each name with NUL, so no name needs unquoting
    String text = GitProcess.runOk(root, List.of("log", "--stdin", "--no-walk=unsorted",
        "--name-only", "-z", "--root", "--no-renames", "--diff-merges=first-parent",
        "--no-notes", "--no-show-signature", "--format=%x01%H", "--"), stdin(shas)).text();
    for (String chunk : text.split("\u0001")) {
      if (chunk.isEmpty()) {
        continue;
      }
      String[] parts = chunk.split("\u0000");
      List<String> paths = new ArrayList<>();
      for (int i = 1; i < parts.length; i++) {
        // the format line ends with a line feed before the first name
        String path = i == 1 && parts[i].startsWith("\n") ? parts[i].substring(1) : parts[i];
        if (!path.isEmpty()) {
          paths.add(path);
        }
      }
      out.put(parts[0].strip(), paths);
    }
    return out;
  }

  /** Every value of a multi-valued git configuration key ({@code git config --get-all}). */
  public List<String> configValues(String key) throws GitException {
    GitProcess.Result r = GitProcess.run(root, List.of("config", "--get-all", "--", key), null);
    if (r.exit() == 1) {
      return List.of(); // not set
    }
    if (r.exit() != 0) {
      throw new GitException("git config --get-all " + key + " failed in " + root + " (exit "
          + r.exit() + "): " + r.stderr());
    }
    return r.text().lines().toList();
  }

  /** Every file path in the tree of {@code rev}, repository-relative and {@code /}-separated. */
  public List<String> files(String rev) throws GitException {
    requireUsable(rev, null);
    String text = GitProcess.runOk(root, List.of("ls-tree", "-r", "-z", "--name-only",
        "--end-of-options", rev + "^{tree}"), null).text();
    return Arrays.stream(text.split("\u0000")).filter(name -> !name.isEmpty()).toList();
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

  /** The problem sentence of a range a shallow clone cuts short: {@code what} happened. */
  private static String becauseShallow(String what) {
    return what + " because the clone is shallow; CI must fetch full history (e.g."
        + " actions/checkout `fetch-depth: 0`); authorship is therefore unknown.";
  }

  /**
   * Why {@code base..head} holds no commit, in words a person can act on: the two are the same
   * commit, the head is behind the base (the two revisions look swapped), or the head is already
   * part of the base's history some other way.
   */
  private String emptyProblem(String base, String head, String headSha) throws GitException {
    String baseSha = resolve(base).orElse(null);
    String range = "The range " + base + ".." + head + " holds no commit";
    String what;
    if (headSha.equals(baseSha)) {
      what = ": the base " + base + " and the head " + head + " are the same commit "
          + Commit.shortSha(headSha);
    } else {
      what = ": the head " + head + " (" + Commit.shortSha(headSha) + ") is an ancestor of the"
          + " base " + base + (baseSha == null ? "" : " (" + Commit.shortSha(baseSha) + ")")
          + ": every commit it has is already in the base, so it adds none (were the two"
          + " swapped?)";
    }
    return range + what + ". No commit was read, so authorship is unknown. Give as the base"
        + " the commit the change started from (for a branch, the merge base with the default"
        + " branch: git merge-base origin/main HEAD) and as the head the change's newest"
        + " commit.";
  }

  @Override
  public String toString() {
    return "GitRepository[" + root + "]";
  }

  // ------------------------------------------------------------------------------------------

  private String resolveHead(String head) throws GitException {
    return resolve(head).orElseThrow(() -> unknownRevision(head, "head"));
  }

  /**
   * The head's full name: the newest commit of a non-empty range (the only tip, so last in
   * {@code --topo-order --reverse}), else asked of git.
   */
  private String headOf(List<Commit> commits, String head) throws GitException {
    return commits.isEmpty() ? resolveHead(head) : commits.get(commits.size() - 1).sha();
  }

  /** Why git cannot be asked about {@code rev} at all, or null when it can. */
  private static String unusable(String rev) {
    if (rev == null || rev.isEmpty()) {
      return "it is empty";
    }
    if (rev.length() > MAX_REVISION_LENGTH) {
      return "it is longer than " + MAX_REVISION_LENGTH + " characters";
    }
    return rev.chars().anyMatch(Character::isISOControl) ? "it holds a control character" : null;
  }

  private void requireUsable(String rev, String role) throws GitException {
    String why = unusable(rev);
    if (why != null) {
      throw rev == null || rev.isEmpty() ? unknownRevision(rev, role)
          : new GitException(revision("invalid", rev, role) + ": " + why);
    }
  }

  private GitException unknownRevision(String rev, String role) {
    return new GitException(revision("unknown", rev, role));
  }

  /** {@code unknown revision 'REV' (ROLE) in ROOT}. */
  private String revision(String what, String rev, String role) {
    return what + " revision '" + shown(String.valueOf(rev)) + "'"
        + (role == null ? "" : " (" + role + ")") + " in " + root;
  }

  /**
   * A revision or path as an error message quotes it: on one line (control characters as
   * {@code \\uXXXX}) and cut short, since it may come from anywhere.
   */
  static String shown(String rev) {
    StringBuilder sb = new StringBuilder();
    int i = 0;
    for (; i < rev.length() && sb.length() < SHOWN_REVISION_LENGTH; i++) {
      char c = rev.charAt(i);
      if (Character.isISOControl(c)) {
        sb.append(String.format("\\u%04x", (int) c));
      } else {
        sb.append(c);
      }
    }
    return i < rev.length() ? sb + "…" : sb.toString();
  }

  /** True when a commit of a shallow clone's range is one where its history is cut. */
  private boolean crossesShallowBoundary(List<Commit> commits) throws GitException {
    if (commits.isEmpty() || !isShallow()) {
      return false;
    }
    Set<String> boundary;
    try {
      boundary = new HashSet<>(Files.readAllLines(shallowFile, StandardCharsets.US_ASCII));
    } catch (NoSuchFileException e) {
      return false; // unshallowed since the check began
    } catch (IOException e) {
      throw new GitException("cannot read the shallow boundary " + shallowFile + ": "
          + e.getMessage(), e);
    }
    return commits.stream().anyMatch(c -> boundary.contains(c.sha()));
  }

  /**
   * What one {@code git log} read.
   *
   * @param commits every commit, oldest first, or null when git refused (an unknown revision)
   * @param failure why git refused, or null
   */
  private record LogRead(List<Commit> commits, GitException failure) {
    List<Commit> orThrow() throws GitException {
      if (commits == null) {
        throw failure;
      }
      return commits;
    }
  }

  /**
   * Every commit {@code revs} select, oldest first, each with its git-ai note, in one
   * {@code git log}.
   */
  private LogRead log(List<String> revs) throws GitException {
    // --notes always: without the ref git only warns on stderr, and %N is empty
    List<String> args = new ArrayList<>(List.of("log", "-z", "--topo-order", "--reverse",
        "--no-color", "--encoding=UTF-8", "--no-show-signature", "--no-use-mailmap", "--no-notes",
        "--notes=" + AI_NOTES_REF, LogParser.FORMAT));
    args.addAll(revs);
    args.add("--");
    LogParser parser = new LogParser("git log in " + root);
    GitProcess.Result r = GitProcess.stream(root, args, null, parser::parse);
    return r.exit() == 0 ? new LogRead(parser.commits(), null)
        : new LogRead(null, GitProcess.failure(root, args, r));
  }

  /** The commits for {@code git log --stdin}, one a line. */
  private static byte[] stdin(Collection<String> shas) {
    StringBuilder stdin = new StringBuilder(shas.size() * 41);
    for (String sha : shas) {
      // --stdin also takes options such as --all: only full commit names may go in
      if (!isFullSha(sha)) {
        throw new IllegalArgumentException("not a full commit name: " + sha);
      }
      stdin.append(sha).append('\n');
    }
    return stdin.toString().getBytes(StandardCharsets.US_ASCII);
  }

  /** A full commit name: 40 (SHA-1) or 64 (SHA-256) lower-case hex digits. */
  static boolean isFullSha(String s) {
    return s != null && FULL_SHA.matcher(s).matches();
  }

  private static String escapeGlob(String s) {
    return GLOB_MAGIC.matcher(s).replaceAll("\\\\$0");
  }
}
