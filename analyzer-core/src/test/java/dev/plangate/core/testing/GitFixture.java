package dev.plangate.core.testing;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Builds real git repositories for tests, with the {@code git} on PATH.
 *
 * <p>Repositories are hermetic: the user's global and system configuration are ignored
 * ({@code GIT_CONFIG_GLOBAL=/dev/null}, {@code GIT_CONFIG_NOSYSTEM=1}), signing is off, and every
 * commit gets a fixed, strictly increasing date (one minute apart from 2024-01-01T00:00:00Z), so
 * shas and ordering are the same on every run. Messages are stored verbatim
 * ({@code --cleanup=verbatim}): what you pass is exactly what git keeps, so end it with a line feed
 * when you want a conventional message.
 *
 * <pre>{@code
 * GitFixture repo = GitFixture.init(tempDir.resolve("repo"));
 * String base = repo.write("main.tf", "module \"env\" {}\n").commit("add env\n");
 * String head = repo.write("main.tf", "module \"environment\" {}\n")
 *     .commit("rename\n\nCo-Authored-By: Claude <noreply@anthropic.com>\n", GitFixture.CLAUDE);
 * }</pre>
 *
 * <p>Every method fails with an {@link IllegalStateException} that carries git's output when git
 * fails, so a broken fixture names its cause.
 */
public final class GitFixture {
  /** The identity commits get unless told otherwise. */
  public static final Person DEFAULT = new Person("Test Human", "human@example.com");
  /** An identity that looks like an AI agent's, for convenience. */
  public static final Person CLAUDE = new Person("Claude", "noreply@anthropic.com");

  private static final long TIMEOUT_SECONDS = 60;
  private static final Instant EPOCH = Instant.parse("2024-01-01T00:00:00Z");

  private final Path dir;
  private int commits;

  /** A name and an email, as git stores them. */
  public record Person(String name, String email) {
    public Person {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(email, "email");
    }

    @Override
    public String toString() {
      return name + " <" + email + ">";
    }
  }

  private GitFixture(Path dir, int commits) {
    this.dir = dir;
    this.commits = commits;
  }

  /** {@code git init -q -b main} in {@code dir} (created if needed), with local test config. */
  public static GitFixture init(Path dir) {
    GitFixture f = create(dir, "init", "-q", "-b", "main");
    f.configure();
    return f;
  }

  /** {@code git init -q --bare -b main} in {@code dir}: a remote to push to and clone from. */
  public static GitFixture bare(Path dir) {
    return create(dir, "init", "-q", "--bare", "-b", "main");
  }

  private static GitFixture create(Path dir, String... init) {
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    GitFixture f = new GitFixture(dir, 0);
    f.git(init);
    return f;
  }

  /** Wraps an existing repository (e.g. one a hook test created another way). */
  public static GitFixture existing(Path dir) {
    return new GitFixture(dir, 0);
  }

  /** The repository directory (the working tree, or the git directory of a bare one). */
  public Path dir() {
    return dir;
  }

  /** A {@code file://} URL of this repository, so that {@code --depth} works when cloning. */
  public String url() {
    return dir.toAbsolutePath().toUri().toString();
  }

  // ---------------------------------------------------------------------------------- files

  /** Writes a UTF-8 file (parents created), relative to the working tree. Not staged yet. */
  public GitFixture write(String path, String content) {
    try {
      Path file = dir.resolve(path);
      Files.createDirectories(file.getParent());
      Files.writeString(file, content, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return this;
  }

  /** Copies a directory tree (e.g. a Terraform scenario's {@code before/}) into {@code path}. */
  public GitFixture copyTree(Path from, String path) {
    Path to = path.isEmpty() ? dir : dir.resolve(path);
    try (Stream<Path> files = Files.walk(from)) {
      for (Path src : (Iterable<Path>) files::iterator) {
        Path dst = to.resolve(from.relativize(src).toString());
        if (Files.isDirectory(src)) {
          Files.createDirectories(dst);
        } else {
          Files.createDirectories(dst.getParent());
          Files.copy(src, dst, StandardCopyOption.REPLACE_EXISTING);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return this;
  }

  /** {@code git rm -q} of a file. */
  public GitFixture delete(String path) {
    git("rm", "-q", "--", path);
    return this;
  }

  /** {@code git mv} (parents of the target created). */
  public GitFixture rename(String from, String to) {
    try {
      Path parent = dir.resolve(to).getParent();
      Files.createDirectories(parent);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    git("mv", "--", from, to);
    return this;
  }

  // -------------------------------------------------------------------------------- commits

  /** Stages everything and commits as {@link #DEFAULT}; returns the new commit's sha. */
  public String commit(String message) {
    return commit(message, DEFAULT, DEFAULT);
  }

  /** Stages everything and commits with this author ({@link #DEFAULT} commits it). */
  public String commit(String message, Person author) {
    return commit(message, author, DEFAULT);
  }

  /**
   * Stages everything ({@code git add -A}) and commits, empty or not, with the message stored
   * verbatim, the given author and committer, and the next fixed date.
   *
   * @return the full sha of the new commit
   */
  public String commit(String message, Person author, Person committer) {
    git("add", "-A");
    String date = nextDate();
    List<String> cmd = List.of("commit", "-q", "--allow-empty", "--no-verify",
        "--cleanup=verbatim", "-F", "-");
    run(cmd, message.getBytes(StandardCharsets.UTF_8), Map.of(
        "GIT_AUTHOR_NAME", author.name(), "GIT_AUTHOR_EMAIL", author.email(),
        "GIT_AUTHOR_DATE", date, "GIT_COMMITTER_NAME", committer.name(),
        "GIT_COMMITTER_EMAIL", committer.email(), "GIT_COMMITTER_DATE", date));
    return head();
  }

  /** The instant the next commit will carry. */
  public Instant nextCommitTime() {
    return EPOCH.plusSeconds(60L * (commits + 1));
  }

  // ------------------------------------------------------------------------- branches, refs

  /** {@code git checkout -q -b name}: a new branch at HEAD, checked out. */
  public GitFixture branch(String name) {
    git("checkout", "-q", "-b", name);
    return this;
  }

  /** {@code git checkout -q rev} (a branch, or any revision for a detached HEAD). */
  public GitFixture checkout(String rev) {
    git("checkout", "-q", rev);
    return this;
  }

  /** {@code git merge --no-ff} of {@code rev} into the current branch; returns the merge sha. */
  public String merge(String rev, String message) {
    String date = nextDate();
    run(List.of("merge", "-q", "--no-ff", "--no-edit", "-m", message, rev), null, Map.of(
        "GIT_AUTHOR_DATE", date, "GIT_COMMITTER_DATE", date));
    return head();
  }

  /** A lightweight tag at HEAD. */
  public GitFixture tag(String name) {
    git("tag", name);
    return this;
  }

  /** {@code git notes --ref=ai add -m text rev}: a git-ai style note. */
  public GitFixture aiNote(String rev, String text) {
    return note("ai", rev, text);
  }

  /** {@code git notes --ref=ref add -f -m text rev}. */
  public GitFixture note(String ref, String rev, String text) {
    git("notes", "--ref=" + ref, "add", "-f", "-m", text, rev);
    return this;
  }

  /** The full sha of HEAD. */
  public String head() {
    return rev("HEAD");
  }

  /** The full sha of the commit {@code rev} names. */
  public String rev(String rev) {
    return git("rev-parse", "--verify", rev + "^{commit}").strip();
  }

  // ------------------------------------------------------------------------ clones, remotes

  /** {@code git clone -q file://...} into {@code target}, with the test config. */
  public GitFixture cloneTo(Path target) {
    return cloneTo(target, List.of());
  }

  /**
   * {@code git clone -q --depth N file://...} into {@code target}: a shallow clone of the current
   * branch with only the last {@code depth} commits.
   */
  public GitFixture shallowClone(Path target, int depth) {
    return cloneTo(target, List.of("--depth", Integer.toString(depth)));
  }

  private GitFixture cloneTo(Path target, List<String> options) {
    List<String> cmd = new ArrayList<>(List.of("clone", "-q"));
    cmd.addAll(options);
    cmd.add(url());
    cmd.add(target.toAbsolutePath().toString());
    runIn(dir.toAbsolutePath().getParent(), cmd, null, Map.of());
    GitFixture clone = new GitFixture(target, commits);
    clone.configure();
    return clone;
  }

  /** {@code git remote add name url}. */
  public GitFixture addRemote(String name, String url) {
    git("remote", "add", name, url);
    return this;
  }

  /** {@code git push -q remote refspec...}. */
  public GitFixture push(String remote, String... refspecs) {
    List<String> cmd = new ArrayList<>(List.of("push", "-q", remote));
    cmd.addAll(Arrays.asList(refspecs));
    git(cmd.toArray(String[]::new));
    return this;
  }

  /** {@code git fetch -q remote refspec...}. */
  public GitFixture fetch(String remote, String... refspecs) {
    List<String> cmd = new ArrayList<>(List.of("fetch", "-q", remote));
    cmd.addAll(Arrays.asList(refspecs));
    git(cmd.toArray(String[]::new));
    return this;
  }

  /**
   * Feeds a {@code git fast-import} stream: thousands of commits in a fraction of a second, for
   * tests of large histories.
   */
  public GitFixture fastImport(String stream) {
    run(List.of("fast-import", "--quiet"), stream.getBytes(StandardCharsets.UTF_8), Map.of());
    return this;
  }

  // ---------------------------------------------------------------------------- any command

  /** Runs {@code git args...} in the repository and returns standard output (UTF-8). */
  public String git(String... args) {
    return run(List.of(args), null, Map.of());
  }

  /** Runs git with standard input and extra environment variables; returns standard output. */
  public String run(List<String> args, byte[] stdin, Map<String, String> env) {
    return runIn(dir, args, stdin, env);
  }

  /** What a git command did, for commands expected to fail (a push a hook refuses). */
  public record Outcome(int exitCode, String out, String err) {}

  /** Runs {@code git args...} with extra environment; never throws on a non-zero exit. */
  public Outcome attempt(List<String> args, Map<String, String> env) {
    return execute(dir, args, null, env);
  }

  private static String runIn(Path cwd, List<String> args, byte[] stdin, Map<String, String> env) {
    Outcome o = execute(cwd, args, stdin, env);
    if (o.exitCode() != 0) {
      throw new IllegalStateException("git " + String.join(" ", args) + " failed in " + cwd
          + " (exit " + o.exitCode() + "):\n" + o.out() + o.err());
    }
    return o.out();
  }

  private static Outcome execute(Path cwd, List<String> args, byte[] stdin,
      Map<String, String> env) {
    List<String> command = new ArrayList<>();
    command.add("git");
    command.addAll(args);
    ProcessBuilder pb = new ProcessBuilder(command).directory(cwd.toFile());
    Map<String, String> e = pb.environment();
    e.keySet().removeIf(k -> k.startsWith("GIT_"));
    e.put("GIT_CONFIG_GLOBAL", "/dev/null");
    e.put("GIT_CONFIG_NOSYSTEM", "1");
    e.put("GIT_TERMINAL_PROMPT", "0");
    e.put("LC_ALL", "C");
    e.putAll(env);
    if (stdin == null) {
      pb.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
    }
    try {
      Process p = pb.start();
      ByteArrayOutputStream err = new ByteArrayOutputStream();
      Thread errReader = new Thread(() -> copy(p.getErrorStream(), err));
      errReader.start();
      Thread writer = null;
      if (stdin != null) {
        writer = new Thread(() -> {
          try (OutputStream in = p.getOutputStream()) {
            in.write(stdin);
          } catch (IOException ignored) {
            // git stopped reading; its exit code and stderr say why
          }
        });
        writer.start();
      }
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      copy(p.getInputStream(), out);
      if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new IllegalStateException("timed out: git " + String.join(" ", args));
      }
      errReader.join();
      if (writer != null) {
        writer.join();
      }
      return new Outcome(p.exitValue(), out.toString(StandardCharsets.UTF_8),
          err.toString(StandardCharsets.UTF_8));
    } catch (IOException e2) {
      throw new UncheckedIOException(e2);
    } catch (InterruptedException e2) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e2);
    }
  }

  private static void copy(InputStream from, ByteArrayOutputStream to) {
    try (InputStream in = from) {
      in.transferTo(to);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void configure() {
    git("config", "user.name", DEFAULT.name());
    git("config", "user.email", DEFAULT.email());
    git("config", "commit.gpgsign", "false");
    git("config", "tag.gpgsign", "false");
    git("config", "core.autocrlf", "false");
  }

  private String nextDate() {
    commits++;
    return "@" + EPOCH.plusSeconds(60L * commits).getEpochSecond() + " +0000";
  }
}
