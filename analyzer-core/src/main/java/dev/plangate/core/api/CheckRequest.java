package dev.plangate.core.api;

import dev.plangate.core.authorship.PlatformSignals;
import dev.plangate.core.gate.Approver;
import dev.plangate.core.policy.Policy;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * One gate run: plans, the policy, where the commits are, and who may approve.
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
    PlatformSignals platform) {
  public CheckRequest {
    plans = List.copyOf(plans);
    environment = Map.copyOf(environment);
    extras = extras == null ? PlanExtras.none() : extras;
    platform = platform == null ? PlatformSignals.none() : platform;
  }

  /** Without signals from a code host (local checks). */
  public CheckRequest(List<Path> plans, Policy policy, Path repository, CommitSelection commits,
      String branch, Map<String, String> environment, String moduleDir, Approver approver,
      LocalDate today, PlanExtras extras) {
    this(plans, policy, repository, commits, branch, environment, moduleDir, approver, today,
        extras, PlatformSignals.none());
  }

  /** Plan files only, no templates or stack exports beside them. */
  public CheckRequest(List<Path> plans, Policy policy, Path repository, CommitSelection commits,
      String branch, Map<String, String> environment, String moduleDir, Approver approver,
      LocalDate today) {
    this(plans, policy, repository, commits, branch, environment, moduleDir, approver, today,
        PlanExtras.none());
  }

  /** Plans only: default policy, no commits, no approvals. */
  public static CheckRequest plansOnly(List<Path> plans) {
    return new CheckRequest(plans, Policy.defaults(), null, CommitSelection.none(), null,
        Map.of(), null, Approver.NONE, LocalDate.now());
  }
}
