package dev.plangate.maven;

import static dev.plangate.core.report.Escape.terminal;

import dev.plangate.core.api.CheckRequest;
import dev.plangate.core.api.CommitSelection;
import dev.plangate.core.api.PlanExtras;
import dev.plangate.core.api.PlanFiles;
import dev.plangate.core.gate.ApprovalRoute;
import dev.plangate.core.gate.Approver;
import dev.plangate.core.git.BaseRevision;
import dev.plangate.core.git.GitException;
import dev.plangate.core.git.GitRepository;
import dev.plangate.core.policy.CommittedPolicy;
import dev.plangate.core.policy.Policy;
import dev.plangate.core.policy.PolicyException;
import dev.plangate.core.policy.PolicyLoader;
import dev.plangate.core.policy.PolicyMerge;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.apache.maven.plugin.logging.Log;

/**
 * Turns the goal's parameters into the gate's question. Every parameter is checked before
 * anything is analysed, and a bad one is reported by name: "plans: no file matches …".
 */
final class Inputs {
  /** A parameter that cannot be used; the message starts with its name. */
  static final class ParameterException extends Exception {
    ParameterException(String parameter, String problem) {
      super(parameter + ": " + problem);
    }
  }

  private final CheckMojo goal;
  private final Log log;
  private final Path basedir;

  Inputs(CheckMojo goal, Log log) {
    this.goal = goal;
    this.log = log;
    this.basedir = goal.basedir.toPath().toAbsolutePath().normalize();
  }

  CheckRequest request() throws ParameterException {
    GitRepository git = openRepository();
    String label = given(goal.approvalLabel) ? goal.approvalLabel.strip() : null;
    // Inside a pull request or merge request the platform names base, head and approvals.
    Optional<Platform> platform = Platform.detect(goal.environment, git,
        Platform.repositoryPath(git, goal.policy == null ? null
            : basedir.resolve(goal.policy.toPath())), label);
    Policy policy;
    CommitSelection commits;
    if (platform.isPresent()) {
      log.info("plangate: approvals from the " + platform.get().surface() + " of this build");
      platform.get().notes().forEach(n -> log.info("plangate: " + terminal(n)));
      policy = platform.get().policy();
      commits = platform.get().commits();
    } else {
      policy = policy(git);
      commits = commits(git);
      policy = inForce(git, policy, commits);
      if (label != null) {
        policy = policy.withApprovalLabel(label);
      }
    }
    List<Path> planFiles = plans(git, policy);
    List<Path> templates = files("templates", basedir, nonNull(goal.templates));
    Path cdkOut = existing("cdkOut", goal.cdkOut, true);
    Path cdkOutBase = existing("cdkOutBase", goal.cdkOutBase, true);
    Path stackExport = existing("stackExport", goal.stackExport, false);
    if (planFiles.isEmpty() && templates.isEmpty() && cdkOut == null) {
      throw new ParameterException("plans", "nothing to check: set plans, templates or cdkOut"
          + (policy.source() == null ? "" : ", or plans: in " + terminal(policy.source())));
    }
    // Which option combinations work is the sources' to say (in CheckMojo.VOCABULARY's words).
    PlanExtras extras = new PlanExtras(stackExport, templates, null, null, cdkOut, cdkOutBase);
    CheckRequest.Builder request = CheckRequest.builder(planFiles).policy(policy)
        .commits(git == null ? null : git.root(), commits)
        .moduleDir(given(goal.moduleDir) ? goal.moduleDir.strip() : null)
        .today(LocalDate.now()).extras(extras).vocabulary(CheckMojo.VOCABULARY);
    if (platform.isPresent()) {
      Platform p = platform.get();
      return request.branch(p.branch()).approver(p.approver()).platform(p.signals()).build();
    }
    return request.environment(goal.environment)
        .approver(Approver.none(ApprovalRoute.MAVEN_BUILD)).build();
  }

  /** The project's git repository, or null (with a warning) when it is in none. */
  private GitRepository openRepository() throws ParameterException {
    try {
      return GitRepository.open(basedir);
    } catch (GitException e) {
      if (given(goal.base)) {
        throw new ParameterException("base", "the project is not in a git repository, so there"
            + " are no commits to read: " + terminal(e.getMessage()));
      }
      log.warn("plangate: " + terminal(basedir.toString()) + " is not in a git repository;"
          + " no commit is read, so authorship is unknown");
      return null;
    }
  }

  /**
   * The explicit policy, else the project's own {@code .plangate.yml}, else the repository's.
   */
  private Policy policy(GitRepository git) throws ParameterException {
    try {
      if (goal.policy != null) {
        return PolicyLoader.find(basedir, goal.policy.toPath());
      }
      boolean projectHasOne = Stream.of(PolicyLoader.FILE_NAME, PolicyLoader.ALTERNATE_FILE_NAME)
          .anyMatch(name -> Files.exists(basedir.resolve(name), LinkOption.NOFOLLOW_LINKS));
      return PolicyLoader.find(projectHasOne || git == null ? basedir : git.root(), null);
    } catch (PolicyException e) {
      throw new ParameterException("policy", lines(e.getMessage()));
    }
  }

  /**
   * The policy file is part of the change under review, so its version here may only tighten the
   * one at the base of the change: the merge base of the commits read, or without a range the
   * committed policy of the default branch. A file named outside the repository applies as it is.
   */
  private Policy inForce(GitRepository git, Policy working, CommitSelection commits)
      throws ParameterException {
    if (git == null) {
      return working;
    }
    try {
      String path = null;
      if (goal.policy != null) {
        path = Platform.repositoryPath(git, basedir.resolve(goal.policy.toPath()));
        if (path == null) {
          return working.outsideRepository();
        }
      }
      String rev;
      String label;
      if (!commits.isNone() && commits.base() != null) {
        String head = commits.head() == null ? "HEAD" : commits.head();
        rev = git.mergeBase(commits.base(), head)
            .orElse(git.resolve(commits.base() + "^{commit}").orElse(commits.base()));
        label = CommittedPolicy.label(rev, rev) + " (where the change begins)";
      } else {
        Optional<CommittedPolicy.Base> base = CommittedPolicy.trustedBase(git);
        if (base.isEmpty()) {
          return PolicyMerge.tightenOnly(Policy.defaults(), working).effective();
        }
        rev = base.get().rev();
        label = base.get().label();
      }
      if (path == null && !basedir.equals(git.root().toAbsolutePath().normalize())) {
        String project = git.root().toAbsolutePath().normalize().relativize(basedir).toString()
            .replace('\\', '/');
        for (String name : List.of(PolicyLoader.FILE_NAME, PolicyLoader.ALTERNATE_FILE_NAME)) {
          if (git.exists(rev, project + "/" + name)) {
            path = project + "/" + name;
          }
        }
      }
      return CommittedPolicy.inForce(git, rev, label, path, working);
    } catch (PolicyException e) {
      throw new ParameterException("policy", "the policy at the base of the change cannot be"
          + " read: " + lines(e.getMessage()));
    } catch (GitException e) {
      throw new ParameterException("policy", terminal(e.getMessage()));
    }
  }

  /** The plans parameter, or the policy's plans patterns when no input is configured at all. */
  private List<Path> plans(GitRepository git, Policy policy) throws ParameterException {
    List<String> given = nonNull(goal.plans);
    boolean nothingElse = nonNull(goal.templates).isEmpty() && goal.cdkOut == null;
    if (given.isEmpty() && nothingElse && !policy.plans().isEmpty()) {
      Path root = git == null ? basedir : git.root();
      return files("plans (from the policy's plans)", root, policy.plans());
    }
    return files("plans", basedir, given);
  }

  /** Paths and patterns relative to {@code dir}, each file present. */
  private static List<Path> files(String parameter, Path dir, List<String> values)
      throws ParameterException {
    List<Path> out = new ArrayList<>();
    try {
      for (Path p : PlanFiles.resolve(dir, values)) {
        Path file = dir.resolve(p).normalize();
        if (!Files.isRegularFile(file)) {
          throw new ParameterException(parameter, terminal(file.toString())
              + (Files.isDirectory(file) ? " is a directory, not a file" : " does not exist"));
        }
        out.add(file);
      }
    } catch (PlanFiles.NoMatchException e) {
      throw new ParameterException(parameter, e.getMessage());
    }
    return out;
  }

  /** The absolute path of a file or directory that must exist as that kind; null when unset. */
  private static Path existing(String parameter, File f, boolean directory)
      throws ParameterException {
    if (f == null) {
      return null;
    }
    if (directory ? !f.isDirectory() : !f.isFile()) {
      throw new ParameterException(parameter, terminal(f.toString()) + (!f.exists()
          ? " does not exist" : directory ? " is not a directory" : " is not a file"));
    }
    return f.toPath().toAbsolutePath().normalize();
  }

  /** The range whose authorship is read; none (with a warning) when no base can be found. */
  private CommitSelection commits(GitRepository git) throws ParameterException {
    if (git == null) {
      return CommitSelection.none();
    }
    String head = given(goal.head) ? goal.head.strip() : "HEAD";
    try {
      if (git.resolve(head).isEmpty()) {
        throw new ParameterException("head", "unknown revision '" + terminal(head) + "' in "
            + terminal(git.root().toString()));
      }
      if (given(goal.base)) {
        String base = goal.base.strip();
        if (git.resolve(base).isEmpty()) {
          throw new ParameterException("base", "unknown revision '" + terminal(base) + "' in "
              + terminal(git.root().toString()) + (git.isShallow() ? " (the clone is shallow:"
              + " fetch full history)" : ""));
        }
        return CommitSelection.between(base, head);
      }
      Optional<BaseRevision> found = BaseRevision.find(git, head, goal.environment);
      if (found.isEmpty()) {
        log.warn("plangate: no base commit: no pull-request base, no default branch"
            + " (origin/HEAD, origin/main, origin/master) and no upstream is known, so authorship"
            + " is unknown (set plangate.base)");
        return CommitSelection.none();
      }
      log.info("plangate: commits from the " + terminal(found.get().how()));
      return CommitSelection.between(found.get().sha(), head);
    } catch (GitException e) {
      throw new ParameterException("base", terminal(e.getMessage()));
    }
  }

  /** Escapes each line of a message that lists one problem per line. */
  static String lines(String message) {
    return String.join("\n", String.valueOf(message).lines().map(l -> terminal(l)).toList());
  }

  private static boolean given(String s) {
    return s != null && !s.isBlank();
  }

  private static List<String> nonNull(List<String> values) {
    return values == null ? List.of()
        : values.stream().filter(Inputs::given).map(String::strip).toList();
  }
}
