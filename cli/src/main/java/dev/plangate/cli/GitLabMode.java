package dev.plangate.cli;

import dev.plangate.core.git.GitRepository;
import dev.plangate.core.report.Report;
import dev.plangate.gitlab.CodeQualityReport;
import dev.plangate.gitlab.GitLabApi;
import dev.plangate.gitlab.GitLabCheckException;
import dev.plangate.gitlab.GitLabEnvironment;
import dev.plangate.gitlab.GitLabReporter;
import dev.plangate.gitlab.MergeRequestContext;
import dev.plangate.platform.RetryPolicy;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * {@code check} inside a GitLab merge-request pipeline: the merge request comes from the API
 * (never from the command line), approvals from its label and approvals, and the result goes to
 * one sticky note and {@code gl-code-quality-report.json}.
 */
final class GitLabMode {
  private final GitLabEnvironment env;
  private final PrintStream log;
  private MergeRequestContext mr;
  private Path workDir = Path.of("");
  private Path repoRoot;

  private GitLabMode(GitLabEnvironment env, PrintStream log) {
    this.env = env;
    this.log = log;
  }

  /** On in a merge-request pipeline ({@code GITLAB_CI=true}, {@code CI_MERGE_REQUEST_IID}). */
  static Optional<GitLabMode> detect(Map<String, String> environment, PrintStream log) {
    GitLabEnvironment env = new GitLabEnvironment(environment);
    return env.isMergeRequestPipeline() ? Optional.of(new GitLabMode(env, log))
        : Optional.empty();
  }

  void prepare(GitRepository git, Path dir, Path policyFile, String approvalLabel,
      boolean comment) throws GitLabCheckException {
    if (git == null) {
      throw new GitLabCheckException("not in a git checkout: a merge request is checked"
          + " against its commits; run plangate in the project's checkout (GIT_DEPTH: 0)");
    }
    workDir = dir;
    repoRoot = git.root();
    try {
      GitLabApi api = env.token().isEmpty() ? null
          : new GitLabApi(env.apiUrl(), env.token().get(), RetryPolicy.defaults()
              .withLog(Cli.lines(log)));
      byte[] key = env.sealSecret().orElse("").getBytes(StandardCharsets.UTF_8);
      mr = MergeRequestContext.read(env, api, git, inRepository(git, dir, policyFile),
          approvalLabel, comment, key);
    } catch (IllegalArgumentException e) {
      throw new GitLabCheckException(e.getMessage());
    }
  }

  MergeRequestContext mergeRequest() {
    return mr;
  }

  /** The note, then the Code Quality report in the working directory. */
  void publish(Report report, boolean comment) throws IOException {
    mr.notes().stream().map(n -> n.replaceAll("\\p{Cntrl}", " ")).forEach(Cli.lines(log));
    GitLabReporter.publish(report, mr, comment).ifPresent(Cli.lines(log));
    CodeQualityReport.write(report, workDir.resolve(CodeQualityReport.FILE_NAME), repoRoot,
        workDir);
  }

  /**
   * The policy file the user named, relative to the repository root ({@code ../} when outside
   * it, which the platform adapters refuse); null when none was named.
   */
  static String inRepository(GitRepository git, Path workDir, Path policyFile) {
    return policyFile == null ? null : git.root().relativize(
        workDir.resolve(policyFile).toAbsolutePath().normalize()).toString();
  }
}
