/**
 * What the platform adapters share to talk to a platform's REST API:
 * {@link dev.plangate.platform.RestClient} (strict JSON, bounded retries that never repeat a POST
 * after it may have been carried out, redirects and pages only to the API's own origin), its
 * {@link dev.plangate.platform.RetryPolicy} and one-line
 * {@link dev.plangate.platform.ApiException}s that never contain the token. GitHub's and GitLab's
 * clients subclass it with what differs: headers, error bodies, rate limits and hints.
 */
package dev.plangate.platform;
