/**
 * The GitLab merge-request adapter: {@link dev.plangate.gitlab.GitLabEnvironment} recognises a
 * merge-request pipeline, {@link dev.plangate.gitlab.MergeRequestContext} reads the merge request
 * through {@link dev.plangate.gitlab.GitLabApi}, {@link dev.plangate.gitlab.GitLabApprover}
 * decides which sign-offs count, and {@link dev.plangate.gitlab.GitLabReporter} writes the
 * sticky note and the Code Quality report.
 */
package dev.plangate.gitlab;
