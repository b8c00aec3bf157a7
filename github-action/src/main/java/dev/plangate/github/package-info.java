/**
 * The GitHub pull-request adapter: the runner's environment and event, the REST API, approvals
 * from labels and reviews, and the step summary, outputs, annotations and sticky comment.
 *
 * <p>Foundation classes:
 * <ul>
 *   <li>{@link dev.plangate.github.RunnerEnvironment}: typed view of the runner's variables and
 *       the event file ({@link dev.plangate.github.RunnerEnvironmentException} when unusable);
 *   <li>{@link dev.plangate.github.GitHubApi}: REST client with pagination, bounded retries
 *       ({@link dev.plangate.platform.RetryPolicy}) and one-line
 *       {@link dev.plangate.platform.ApiException}s; the token never leaves the API's
 *       origin and never appears in a message;
 *   <li>{@link dev.plangate.github.StepSummary}, {@link dev.plangate.github.StepOutputs},
 *       {@link dev.plangate.github.WorkflowCommands}: the runner's files and workflow commands,
 *       within GitHub's limits and safe against injected text.
 * </ul>
 *
 * <p>Tests share a fake GitHub server, JSON fixtures in GitHub's recorded shapes and a fake
 * runner through this module's test-jar ({@code dev.plangate.github.testing}).
 */
package dev.plangate.github;
