/**
 * The GitHub pull-request adapter: the runner's environment and event, the REST API, approvals
 * from labels and reviews, and the step summary, outputs, annotations and sticky comment.
 */
package dev.plangate.github;
