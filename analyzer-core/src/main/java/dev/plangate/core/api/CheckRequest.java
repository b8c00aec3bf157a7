package dev.plangate.core.api;

import dev.plangate.core.authorship.PlatformSignals;
import dev.plangate.core.gate.Approver;
import dev.plangate.core.policy.Policy;
import dev.plangate.core.source.Vocabulary;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One gate run: plans, the policy, where the commits are, and who may approve. Built with
 * {@link #builder(List)}.
 *
 * @param plans plan files, named in the report as given
 * @param policy the repository's policy
 * @param repository the git work tree to read commits from, or null for none
 * @param commits which commits
 * @param branch the branch being checked (a signal: {@code claude/...}), or null to use the
 *     repository's current branch
 * @param environment the environment of the process, for agent variables (local checks); empty
 *     to ignore
 * @param moduleDir repository-relative directory of the plans' root module, or null to use
 *     each plan file's own directory
 * @param approver where approvals come from
 * @param today the date waivers are checked against
 * @param extras stack exports, templates and cdk.out directories beside the plans
 * @param platform what the code host asserts about who wrote the change
 * @param vocabulary how the front end names its options in problems
 */
public record CheckRequest(
    List<Path> plans,
    Policy policy,
    Path repository,
    CommitSelection commits,
    String branch,
    Map<String, String> environment,
    String moduleDir,
    Approver approver,
    LocalDate today,
    PlanExtras extras,
    PlatformSignals platform,
    Vocabulary vocabulary) {
  public CheckRequest {
    plans = List.copyOf(plans);
    Objects.requireNonNull(policy, "policy");
    commits = commits == null ? CommitSelection.none() : commits;
    environment = Map.copyOf(environment);
    approver = approver == null ? Approver.NONE : approver;
    today = today == null ? LocalDate.now() : today;
    extras = extras == null ? PlanExtras.none() : extras;
    platform = platform == null ? PlatformSignals.none() : platform;
    vocabulary = vocabulary == null ? Vocabulary.CLI : vocabulary;
  }

  /** Plans only: default policy, no commits, no approvals. */
  public static CheckRequest plansOnly(List<Path> plans) {
    return builder(plans).build();
  }

  /** A request for {@code plans}; everything else defaults to "none" and the default policy. */
  public static Builder builder(List<Path> plans) {
    return new Builder(plans);
  }

  /** Fills a {@link CheckRequest}; every setter is optional. */
  public static final class Builder {
    private final List<Path> plans;
    private Policy policy = Policy.defaults();
    private Path repository;
    private CommitSelection commits = CommitSelection.none();
    private String branch;
    private Map<String, String> environment = Map.of();
    private String moduleDir;
    private Approver approver = Approver.NONE;
    private LocalDate today;
    private PlanExtras extras = PlanExtras.none();
    private PlatformSignals platform = PlatformSignals.none();
    private Vocabulary vocabulary = Vocabulary.CLI;

    private Builder(List<Path> plans) {
      this.plans = List.copyOf(plans);
    }

    public Builder policy(Policy policy) {
      this.policy = policy;
      return this;
    }

    /** The git work tree to read {@code commits} from (null for none). */
    public Builder commits(Path repository, CommitSelection commits) {
      this.repository = repository;
      this.commits = commits;
      return this;
    }

    public Builder branch(String branch) {
      this.branch = branch;
      return this;
    }

    public Builder environment(Map<String, String> environment) {
      this.environment = environment;
      return this;
    }

    public Builder moduleDir(String moduleDir) {
      this.moduleDir = moduleDir;
      return this;
    }

    public Builder approver(Approver approver) {
      this.approver = approver;
      return this;
    }

    public Builder today(LocalDate today) {
      this.today = today;
      return this;
    }

    public Builder extras(PlanExtras extras) {
      this.extras = extras;
      return this;
    }

    public Builder platform(PlatformSignals platform) {
      this.platform = platform;
      return this;
    }

    public Builder vocabulary(Vocabulary vocabulary) {
      this.vocabulary = vocabulary;
      return this;
    }

    public CheckRequest build() {
      return new CheckRequest(plans, policy, repository, commits, branch, environment, moduleDir,
          approver, today, extras, platform, vocabulary);
    }
  }
}
